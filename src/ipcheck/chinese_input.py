"""Mistakes a Chinese input method makes in a declaration, found and named with their fix.

Full-width punctuation where YAML needs ASCII (``id：E-1``, ``[CN，US]``, an indentation of
ideographic spaces), files saved as GBK or GB18030, and dates written the Chinese way
(2026/05/06, 2026.5.6, 2026年5月6日). Every message exists in English and Chinese
(:class:`ipcheck.i18n.Text`).
"""

from __future__ import annotations

import datetime as dt
import re

from ipcheck.i18n import Text, filled

FULL_WIDTH: dict[str, tuple[str, str, str]] = {
    "：": (":", "full-width colon", "全角冒号"),
    "，": (",", "full-width comma", "全角逗号"),
    "；": (";", "full-width semicolon", "全角分号"),
    "（": ("(", "full-width parenthesis", "全角括号"),
    "）": (")", "full-width parenthesis", "全角括号"),
    "【": ("[", "full-width bracket", "全角方括号"),
    "】": ("]", "full-width bracket", "全角方括号"),
    "\u3000": (" ", "ideographic (full-width) space", "全角空格"),
}
"""Each full-width character an input method types for YAML's ASCII one: (ASCII, names)."""

MESSAGES: dict[str, dict[str, str]] = {
    "full-width": {
        "en": "{name} {char} (U+{code}) where YAML needs the ASCII {ascii}",
        "zh-CN": "此处 YAML 需要半角 {ascii}，却写了{name_zh} {char}（U+{code}）",
    },
    "full-width.hint": {
        "en": "retype it as {ascii} with the input method in half-width (English) punctuation mode",
        "zh-CN": "将输入法切换为半角（英文）标点后重新输入 {ascii}",
    },
    "full-width-in-value": {
        "en": "{value} holds a {name} {char} (U+{code}) where a list separates its entries with the ASCII {ascii}",
        "zh-CN": "{value} 中有{name_zh} {char}（U+{code}），列表须以半角 {ascii} 分隔各项",
    },
    "full-width-in-value.hint": {
        "en": "write {fixed}",
        "zh-CN": "写作 {fixed}",
    },
    "unknown-code": {
        "en": "{value} is neither an ISO 3166-1 country code nor a regional code ({regions})",
        "zh-CN": "{value} 既不是 ISO 3166-1 国家代码，也不是地区代码（{regions}）",
    },
    "unknown-code.hint": {
        "en": "write the two-letter code in capitals, e.g. CN, US, JP, EP",
        "zh-CN": "请写两位大写字母代码，如 CN、US、JP、EP",
    },
    "code-suggestion.hint": {
        "en": "did you mean {code}?",
        "zh-CN": "是否应为 {code}？",
    },
    "gb18030": {
        "en": "file is encoded as GBK/GB18030 (a Chinese Windows default), not UTF-8",
        "zh-CN": "文件编码为 GBK/GB18030（中文 Windows 的默认编码），而非 UTF-8",
    },
    "gb18030.hint": {
        "en": "convert it to UTF-8: iconv -f GB18030 -t UTF-8 {file} > {file}.utf8 && mv {file}.utf8 {file}",
        "zh-CN": "转换为 UTF-8：iconv -f GB18030 -t UTF-8 {file} > {file}.utf8 && mv {file}.utf8 {file}",
    },
    "date": {"en": "not a valid date", "zh-CN": "不是有效日期"},
    "date.hint": {
        "en": "write dates as YYYY-MM-DD, with a real month and day",
        "zh-CN": "日期请写作 YYYY-MM-DD，月和日须真实存在",
    },
    "date-suggestion.hint": {
        "en": "did you mean {date}? Dates are written YYYY-MM-DD",
        "zh-CN": "是否应为 {date}？日期请写作 YYYY-MM-DD",
    },
}
"""Every message of this module, in English and Chinese."""

CODE_NAMES: dict[str, str] = {
    "中国": "CN", "美国": "US", "日本": "JP", "韩国": "KR", "印度": "IN", "德国": "DE", "英国": "GB",
    "法国": "FR", "越南": "VN", "欧盟": "EU", "欧洲": "EP", "香港": "HK", "台湾": "TW", "澳门": "MO",
}
"""Country and region names a Chinese user may write for a code."""


def message(key: str, **values: object) -> Text:
    """The message ``key`` in every language, its placeholders filled."""
    return filled(MESSAGES[key], values)


def _named(char: str) -> dict[str, str]:
    ascii_char, name, name_zh = FULL_WIDTH[char]
    shown = "' '" if ascii_char == " " else repr(ascii_char)
    return {"char": repr(char), "code": f"{ord(char):04X}", "name": name, "name_zh": name_zh, "ascii": shown}


def full_width_problem(char: str) -> tuple[Text, Text]:
    """The message and hint for ``char`` typed where YAML needs its ASCII counterpart."""
    values = _named(char)
    return message("full-width", **values), message("full-width.hint", **values)


_KEY_END = re.compile(r":(?:[ \t]|$)")


def _structural(content: str) -> list[tuple[int, str]]:
    """The full-width characters of one line that stand where YAML syntax goes, as (index,
    character): in the indentation or the key (before the line's ``key: ``), or inside a flow
    list or mapping; never inside quotes or a comment."""
    key_end = _KEY_END.search(content)
    key_end_at = key_end.start() if key_end else len(content)
    found: list[tuple[int, str]] = []
    quote, depth = "", 0
    for index, char in enumerate(content):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"" and (index == 0 or content[index - 1] in " \t[{,:"):
            quote = char
        elif char == "#" and (index == 0 or content[index - 1] in " \t"):
            break
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(depth - 1, 0)
        elif char in FULL_WIDTH and (index < key_end_at or depth > 0 or not content[:index].strip(" -")):
            found.append((index, char))
    return found


def full_width_near(text: str, line: int) -> tuple[str, int, int] | None:
    """The full-width character that most likely caused a YAML syntax error reported at
    ``line`` (1-based): on that line or on the lines just before it (a full-width colon in a
    key is reported at the next line), as (character, line, column)."""
    lines = text.split("\n")
    for number in range(min(line, len(lines)), max(line - 3, 0), -1):
        found = _structural(lines[number - 1])
        if found:
            index, char = found[0]
            return char, number, index + 1
    return None


_IDEOGRAPHIC_INDENT = re.compile(r"^[ \t]*\u3000[\u3000 \t]*[^\s#\u3000][^\n]*?:(?:[ \t]|$)", re.M)


def ideographic_indentation(text: str) -> tuple[int, int] | None:
    """Line and column of an ideographic space (U+3000) that indents a key (YAML reads it as
    part of the key, silently), or None."""
    if "\u3000" not in text:
        return None
    match = _IDEOGRAPHIC_INDENT.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return line, match.group().index("\u3000") + 1


def gb18030_text(raw: bytes) -> bool:
    """Whether bytes that are not UTF-8 read as Chinese text in GB18030 (which GBK is part of)."""
    try:
        decoded = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return re.search(r"[\u4e00-\u9fff]", decoded) is not None


_CHINESE_DATE = re.compile(r"\s*(\d{4})\s*(?:[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)\s*")


def date_suggestion(written: str) -> str | None:
    """The ISO 8601 date a date written the Chinese way means (``2026/05/06``, ``2026.5.6``,
    ``2026年5月6日``, ``2026-5-6``), or None when it names no real day."""
    match = _CHINESE_DATE.fullmatch(written)
    if match is None:
        return None
    year, month, day = match.group(1), match.group(2) or match.group(4), match.group(3) or match.group(5)
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def code_problem(value: str, known: frozenset[str] | set[str], regions: list[str]) -> tuple[Text, Text] | None:
    """What is wrong with one jurisdiction code as written, or None when it is known."""
    if value in known:
        return None
    for char in ("，", "；", "、", "\u3000"):
        if char in value:
            parts = [p.strip() for p in re.split(r"[，；、\u3000,]", value) if p.strip()]
            named = {**(_named(char) if char in FULL_WIDTH else {
                "char": repr(char), "code": f"{ord(char):04X}", "name": "enumeration comma", "name_zh": "顿号"}),
                "ascii": "','"}
            return (message("full-width-in-value", value=repr(value), **named),
                    message("full-width-in-value.hint", fixed=f"[{', '.join(parts)}]"))
    suggestion = value.strip().upper() if value.strip().upper() in known else CODE_NAMES.get(value.strip())
    hint = message("code-suggestion.hint", code=suggestion) if suggestion else message("unknown-code.hint")
    return message("unknown-code", value=repr(value), regions=", ".join(regions)), hint
