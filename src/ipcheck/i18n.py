"""Languages: texts in English and Chinese, and how the values inside a message read in each.

A text that exists in several languages is a :class:`Text`: the English text itself (it is a
``str``), carrying its translations. A plain ``str`` is a text in English only, which stays
valid everywhere (a third-party plugin may ship English alone). :func:`pick` chooses the
version for a language, falling back to English.

Rules never build prose: they hand the engine named values, and the engine fills the rule's
template in the selected language with :func:`fill`. Each value reads per language through
:func:`show`: lists are joined with ", " and "and" in English and with "、" and "和" in
Chinese, a :class:`Term` (a status, a stage, a frequency) is looked up in the glossary, an
:class:`Amount` ("3 months", "3个月") is counted in the language's words.

The glossary (``glossary.yaml`` beside this module) holds every word of the fixed vocabulary
in both languages: severities, stages, protection types, readiness states, the values of the
declaration's choice fields. Reports, rules and the loader all take their words from it.

This module imports nothing else of ipcheck: every layer may use it.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

Lang = Literal["en", "zh-CN"]
LANGS: tuple[str, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "en"


class Text(str):
    """A text in English (the string's own value) with its translations by language.

    >>> title = Text("Patents", {"zh-CN": "专利"})
    >>> title, pick(title, "zh-CN")
    ('Patents', '专利')
    """

    translations: Mapping[str, str]

    def __new__(cls, english: str, translations: Mapping[str, str] | None = None) -> Text:
        made = super().__new__(cls, english)
        made.translations = dict(translations or {})
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # worker processes and the cache pickle rule metadata
        return (Text, (str(self), dict(self.translations)))

    def in_lang(self, lang: str) -> str:
        """This text in ``lang``, or in English when it has no translation there."""
        return str(self) if lang == "en" else self.translations.get(lang) or str(self)


def text(value: str | Mapping[str, str]) -> Text:
    """A :class:`Text` from a plain string (English) or a mapping ``{"en": ..., "zh-CN": ...}``.

    Raises ``ValueError`` for a mapping without English or with a language ipcheck does not know.
    """
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        return Text(value)
    unknown = [lang for lang in value if lang not in LANGS]
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r}; write one of {', '.join(LANGS)}")
    if not isinstance(value.get("en"), str) or not value["en"].strip():
        raise ValueError("the English text (en) is missing; every text has one")
    return Text(value["en"], {lang: v for lang, v in value.items() if lang != "en"})


def pick(value: str, lang: str) -> str:
    """``value`` in ``lang`` (English when it has no translation there, or is a plain ``str``)."""
    return value.in_lang(lang) if isinstance(value, Text) else value


def translated(value: str, lang: str) -> bool:
    """Whether ``value`` has a version of its own in ``lang`` (English always has)."""
    return lang == "en" or (isinstance(value, Text) and bool(value.translations.get(lang)))


def normalise_lang(value: str) -> Lang | None:
    """The language a user's spelling names (``zh``, ``zh_CN``, ``zh-cn``, ``en_US`` ...), or None."""
    spelled = value.strip().replace("_", "-").lower()
    if spelled in ("zh", "zh-cn", "zh-hans", "zh-hans-cn") or spelled.startswith(("zh-cn.", "zh-hans")):
        return "zh-CN"
    if spelled == "en" or spelled.startswith(("en-", "en.")):
        return "en"
    return None


def lang_from_environment(environ: Mapping[str, str] | None = None) -> Lang:
    """The language of the user's locale: ``zh-CN`` when ``LC_ALL``, else ``LC_MESSAGES``, else
    ``LANG`` names a Chinese locale (``zh_CN.UTF-8``, ``zh_TW``, ``zh``), otherwise English.
    The first of those variables that is set decides, as the C library does."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "zh-CN" if value.lower().startswith("zh") else "en"
    return DEFAULT_LANG


# --- the glossary ------------------------------------------------------------------------


@functools.cache
def glossary() -> dict[str, dict[str, dict[str, str]]]:
    """``{group: {id: {lang: word}}}`` as shipped in ``glossary.yaml``."""
    import yaml_rs

    data: Any = yaml_rs.loads((Path(__file__).parent / "glossary.yaml").read_text(encoding="utf-8"))
    return data


def term(group: str, id: str, lang: str) -> str:
    """The word for ``id`` of glossary ``group`` in ``lang`` (the id itself when the glossary
    has none: a plugin's own value reads as written)."""
    words = glossary().get(group, {}).get(id)
    if words is None:
        return id
    return words.get(lang) or words["en"]


def word(id: str, lang: str) -> str:
    """A word of the glossary's ``words`` group (``never``, ``unassigned``, ...) in ``lang``."""
    return term("words", id, lang)


def term_ids(group: str, spelled: str) -> list[str]:
    """The ids of glossary ``group`` whose word in any language is ``spelled`` (so that a
    declaration may write 审查中 for ``pending``)."""
    return [id for id, words in glossary().get(group, {}).items() if spelled in words.values()]


# --- values inside messages ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """A word of the fixed vocabulary inside a message: ``Term("patent-status", "lapsed")``
    reads "lapsed" in English and "失效" in Chinese."""

    group: str
    id: str


@dataclass(frozen=True, slots=True)
class Amount:
    """A count of a unit (``day``, ``week``, ``month``, ``year``, ``item``, ``person``, ...)
    inside a message: ``Amount(3, "month")`` reads "3 months" and "3个月"."""

    count: int
    unit: str


@dataclass(frozen=True, slots=True)
class Words:
    """A phrase that varies by language inside a message (a :class:`Text` or a mapping)."""

    text: Text


LIST_LIMIT = 6
"""Entries a list in a message names at the most; the rest are counted ("and 3 more")."""


def join_list(items: Iterable[Any], lang: str, limit: int = LIST_LIMIT) -> str:
    """Entries read as a list: "a, b and c" / "a、b和c", with "and N more" / "等N项" past ``limit``."""
    shown = [show(item, lang) for item in items]
    more = len(shown) - limit if len(shown) > limit else 0
    if more:
        shown = shown[:limit]
    if lang == "zh-CN":
        if more:
            return "、".join(shown) + f"等{len(shown) + more}项"
        return "".join(shown) if len(shown) <= 1 else "、".join(shown[:-1]) + "和" + shown[-1]
    if more:
        shown.append(f"{more} more")
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def amount(count: int, unit: str, lang: str) -> str:
    """``count`` of ``unit`` in ``lang``: "1 month", "3 months", "3个月"."""
    words = glossary()["units"].get(unit)
    if words is None:
        return f"{count} {unit}"
    if lang == "zh-CN":
        return f"{count}{words['zh-CN']}"
    return f"{count} {words['en'] if count == 1 else words['en-plural']}"


def show(value: Any, lang: str) -> str:
    """One value of a message in ``lang``: text as written, dates as ISO 8601, numbers in
    digits, lists joined, :class:`Term`, :class:`Amount` and :class:`Words` in the language's words."""
    if isinstance(value, str):
        return pick(value, lang)
    if isinstance(value, Term):
        return term(value.group, value.id, lang)
    if isinstance(value, Amount):
        return amount(value.count, value.unit, lang)
    if isinstance(value, Words):
        return pick(value.text, lang)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if value is None:
        return word("none", lang)
    if isinstance(value, (list, tuple, set, frozenset)):
        return join_list(sorted(value) if isinstance(value, (set, frozenset)) else value, lang)
    return str(value)


class _Shown(dict[str, Any]):
    """The values of one message, each shown in the language when the template asks for it."""

    def __init__(self, values: Mapping[str, Any], lang: str) -> None:
        super().__init__()
        self.values, self.lang = values, lang

    def __missing__(self, name: str) -> str:
        value = self.values[name]  # KeyError: the template names a value the message lacks
        return value if type(value) is str else show(value, self.lang)


def fill(template: str, values: Mapping[str, Any], lang: str) -> str:
    """``template`` (a :class:`Text` or an English ``str``) in ``lang``, its ``{placeholders}``
    filled with ``values`` shown in that language. A placeholder ``values`` lacks raises
    ``KeyError`` with its name."""
    return pick(template, lang).format_map(_Shown(values, lang))


def did_you_mean(word: object, options: Iterable[str], lang: str = "en") -> str:
    """"did you mean 'x'?" / "是否应为 'x'？" for the option closest to ``word``, else ''."""
    import difflib

    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return term("words", "did-you-mean", lang).format(value=repr(close[0])) if close else ""


def filled(template: str | Mapping[str, str], values: Mapping[str, Any]) -> Text:
    """``template`` (a :class:`Text`, a mapping by language, or English) filled with ``values``
    in every language it has: a finished message that a report shows in its own language."""
    made = text(template)
    return Text(fill(made, values, "en"), {lang: fill(made, values, lang) for lang in made.translations})


def placeholders(template: str) -> set[str]:
    """The names of the ``{placeholders}`` of one version of a template."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def placeholder_mismatch(template: str) -> str:
    """What differs between the placeholders of a template's English text and its
    translations (empty when they agree): each version must name the same values. A
    version that is no valid template is left to the template checks of its reader."""
    if not isinstance(template, Text):
        return ""
    try:
        english = placeholders(str(template))
    except ValueError:
        return ""
    for lang, version in sorted(template.translations.items()):
        try:
            other = placeholders(version)
        except ValueError as exc:
            return f"the {lang} text is no valid template: {exc}"
        if other != english:
            missing, extra = sorted(english - other), sorted(other - english)
            parts = ([f"lacks {{{'}, {'.join(missing)}}}"] if missing else []) + (
                [f"adds {{{'}, {'.join(extra)}}}"] if extra else [])
            return f"the {lang} text {' and '.join(parts)} of the English one"
    return ""
