"""Bytes to plain Python data, as fast as Python can: the hot path of every run.

Parsing uses yaml-rs (a Rust YAML 1.2 parser): it rejects duplicate keys, limits alias
expansion and nesting depth, and constructs no Python objects from tags. Checks that
yaml-rs does not make (encoding, size, explicit tags) are done here on the raw text,
cheaply, and confirmed precisely only when a cheap scan says there may be a problem.
"""

from __future__ import annotations

import codecs
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml_rs

from ipcheck.chinese_input import (
    full_width_near,
    full_width_problem,
    gb18030_text,
    ideographic_indentation,
)
from ipcheck.chinese_input import (
    message as chinese_message,
)
from ipcheck.findings import Location, Problem
from ipcheck.load.aliases import alias_problem

_PARSE_POSITION = re.compile(r"line (\d+), column (\d+)")
_DUPLICATE_KEY = re.compile(r"duplicate mapping key: '(.*)'")
# A document marker: '---' or '...' alone at column 0 (YAML forbids them inside scalars there).
DOC_START = re.compile(r"^---(?=[ \t\r\n]|\Z)", re.MULTILINE)
# A possible explicit tag: '!' where a node may start (at a line's indentation, after an
# indicator or a flow bracket, after an anchor), or straight after the ':' that follows a
# JSON-like key (`{"name":!tag x}`, which YAML allows in flow style; with an anchor, after any
# ':'). Confirmed by a real parse (see _tags). Linear in the text: every quantifier is
# possessive, and no match of a branch starts inside the text another match of the same
# branch scanned (an anchor name holds no whitespace or flow indicator, and the last branch
# stops at the next ':&'), so no character is read more than a few times. A line's start is
# its '\n' (the text's first line is searched apart, see _tag_marks) and the lookahead names
# every first character: positions that cannot start a match are skipped fast.
_TAG_CANDIDATE = re.compile(
    r"(?=[\n:?\[{,\"'\]}-])(?:"
    r"(?:\n[ \t]*+|[:?-][ \t]++|[\[{,][ \t]*+)(?:&[^ \t\r\n\[\]{},]*+[ \t]++)?!"
    r"|[\"'\]}\n][ \t]*+:!"
    r"|:&(?:[^ \t\r\n\[\]{},:]|:(?!&))*+[ \t]++!)"
)
# Block nesting is bounded by how far a line's indentation and indicators ('- ', '? ', ': ')
# reach. yaml-rs limits flow nesting itself but recurses once per block level and overflows
# the C stack some ten thousand levels deep: refuse far earlier, without parsing.
MAX_NESTING_COLUMNS = 1000
# Written with a leading '\n' (and the text's start checked apart): a pattern that starts
# with a literal character is searched some ten times faster than one that starts with '^'.
_DEEP_LINE = re.compile(rf"\n[ \t?:-]{{{MAX_NESTING_COLUMNS}}}")
# A line that deep starts with MAX_NESTING_COLUMNS characters of that set in a row, so every
# hundredth character of the text (a sample a hundredth of its length) holds at least
# _DEEP_SAMPLES of them in a row: where the sample holds none, no line is too deep, and the
# pattern above (tried at every line) need not be searched.
_DEEP_STRIDE = 100
_DEEP_SAMPLES = MAX_NESTING_COLUMNS // _DEEP_STRIDE
_DEEP_SAMPLE_RUN = re.compile(rf"[ \t?:-]{{{_DEEP_SAMPLES}}}")
# A line that is not blank, a comment, a directive or a '...' marker.
_CONTENT_LINE = re.compile(r"^(?!\.\.\.(?:[ \t\r\n]|\Z))[ \t]*[^ \t\r\n#%]", re.MULTILINE)
# Where a document starts after the text's first line: a '---' line, or a '...' line (the end
# of a document) followed, past blank and comment lines, by content, which YAML reads as a new
# document without '---'. A '...' followed by a '---' or a directive starts nothing itself.
_DOTS_THEN_CONTENT = (r"\.\.\.(?=(?:[ \t]*+(?:#[^\r\n]*+)?(?:\r\n?|\n))++"
                      r"(?!(?:---|\.\.\.)(?:[ \t\r\n]|\Z))[ \t]*+[^ \t\r\n#%])")


class _MarkerPattern:
    """DOC_START_AFTER_NEWLINE, used as a compiled pattern (``search``, ``finditer``,
    ``findall``); a match starts at the line break before the marker. In text whose line
    ends are all '\n', the pattern starts with '\n', which the regular-expression engine
    looks for as a literal: one pass over the text (measured: 21 ms over the 36 MB of a
    100,000-entry register, against 38 ms for a string search of each marker and 180 ms
    for a pattern that starts with ``[\r\n]``). Text that holds a '\r' (old Mac line ends)
    is searched with the slower pattern."""

    def __init__(self, marker: str) -> None:
        self._lf = re.compile(rf"\n(?:{marker})(?=[ \t\r\n]|\Z)")
        self._any = re.compile(rf"[\r\n](?:{marker})(?=[ \t\r\n]|\Z)")

    def search(self, text: str, *span: int) -> re.Match[str] | None:
        return next(self.finditer(text, *span), None)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        pattern = self._any if "\r" in text else self._lf
        return pattern.finditer(text, pos, len(text) if endpos is None else endpos)

    def findall(self, text: str, *span: int) -> list[Any]:
        return [match.group() for match in self.finditer(text, *span)]


DOC_START_AFTER_NEWLINE = _MarkerPattern(rf"---|{_DOTS_THEN_CONTENT}")
_CORE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")}
_ALIAS_LIMITS = yaml_rs.AliasLimits(max_total_replayed_events=200_000, max_replay_stack_depth=64)


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """One declaration file, parsed: its documents as plain data (None for an empty document)."""

    path: Path
    rel: str
    documents: list[Any]


def _problem(rel: str, message: str, line: int = 1, column: int = 1, hint: str = "") -> Problem:
    return Problem("load", message, Location(rel, line, column), hint=hint)


def _utf16_without_bom(raw: bytes) -> bool:
    """Text saved as UTF-16 with no byte-order mark (as some editors do): in its first bytes,
    every other byte is NUL and the others are not (ASCII text in either byte order)."""
    head = raw[:256]
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return (odd.count(0) == len(odd) and even.count(0) == 0) or (even.count(0) == len(even) and odd.count(0) == 0)


def _decode(rel: str, raw: bytes) -> str | Problem:
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _problem(rel, "file is UTF-32 encoded", hint="save the file as UTF-8")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(raw):
        return _problem(rel, "file is UTF-16 encoded", hint="save the file as UTF-8")
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line, column = _position(raw, offset)
        return _problem(rel, "binary file: NUL byte found", line, column,
                        hint="only YAML text files belong in the declaration; exclude this file in the configuration")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        if gb18030_text(raw):
            line, column = _position(raw, next(i for i, byte in enumerate(raw) if byte >= 0x80))
            return _problem(rel, chinese_message("gb18030"), line, column,
                            hint=chinese_message("gb18030.hint", file=shlex.quote(rel)))
        return _problem(rel, f"invalid UTF-8: byte 0x{raw[exc.start]:02x} cannot start a character", line, column,
                        hint="save the file as UTF-8")


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, len(raw[start:offset].decode("utf-8", "replace")) + 1


def _duplicate_key_position(text: str, key: str) -> tuple[int, int]:
    """Where the second of two equal keys stands in one block mapping (1, 1 if not found).

    A line scan: a less indented line closes the deeper mappings, a ``- `` opens a new
    mapping (each entry of a list is its own), and ``---`` starts a new document.
    """
    is_key = re.compile(rf"(['\"]?){re.escape(key)}\1[ \t]*:(?:[ \t]|$)")
    seen: dict[int, int] = {}
    for number, line in enumerate(text.split("\n"), 1):
        content = line.lstrip(" ")
        if not content or content.startswith("#"):
            continue
        if DOC_START.match(line) or line.startswith("..."):
            seen.clear()
            continue
        indent = len(line) - len(content)
        while content == "-" or content.startswith(("- ", "-\t")):  # '- ' opens a new entry's mapping
            for depth in [d for d in seen if d > indent]:
                del seen[depth]
            rest = content[1:].lstrip(" \t")
            indent += len(content) - len(rest)
            content = rest
        for depth in [d for d in seen if d > indent]:
            del seen[depth]
        if content and is_key.match(content):
            if indent in seen:
                return number, indent + 1
            seen[indent] = number
    return 1, 1


TAG_SCAN_BYTES = 1_000_000
"""The most text the slow, exact tag check (ruamel.yaml, about 0.4 MB/s) reads in one file."""
# Where a top-level entry starts: a line at column 0, or an entry of a list at column 0 or 2.
_ENTRY_START = re.compile(r"^(?:[^ \t\r\n#]|  ?- |  ?-$)", re.MULTILINE)


def _tags(rel: str, text: str) -> Problem | None:
    """Report the first explicit tag that is not a core-schema tag (slow path, rarely taken).

    A file of up to TAG_SCAN_BYTES is parsed whole. In a larger one, only the top-level
    entries (list items at column 0 or 2, or column-0 keys) that hold a possible tag are
    parsed, each on its own, up to TAG_SCAN_BYTES in all: a '!' in the text of a 40 MB
    register costs milliseconds, not minutes. Past the budget, tags are not reported
    (yaml-rs builds nothing from them either way).
    """
    if len(text) <= TAG_SCAN_BYTES:
        return _tags_in(rel, text, 0)
    budget = TAG_SCAN_BYTES
    done = -1
    for at in _tag_marks(text):
        if at < done:
            continue
        start = max((m.start() for m in _entry_starts_before(text, at)), default=0)
        following = _ENTRY_START.search(text, at + 1)
        end = following.start() if following else len(text)
        budget -= end - start
        if budget < 0:
            return None
        problem = _tags_in(rel, text[start:end], text.count("\n", 0, start))
        if problem is not None:
            return problem
        done = end
    return None


def _entry_starts_before(text: str, at: int) -> list[re.Match[str]]:
    """The last entry start at or before ``at`` (as a list of at most one match)."""
    line = text.rfind("\n", 0, at) + 1
    while True:
        found = _ENTRY_START.match(text, line)
        if found is not None or line == 0:
            return [found] if found is not None else []
        line = text.rfind("\n", 0, line - 1) + 1


def _tags_in(rel: str, text: str, line_offset: int) -> Problem | None:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        for event in YAML(typ="rt").parse(text):
            tag = getattr(event, "tag", None)
            if tag is None:
                continue
            name = tag if isinstance(tag, str) else getattr(tag, "value", str(tag))
            if _allowed_tag(name):
                continue
            mark = event.start_mark
            return _tag_problem(rel, name, line_offset + mark.line + 1, mark.column + 1)
    except YAMLError:
        # ruamel.yaml refuses some flow style that yaml-rs reads (a JSON key before its line
        # break and ':', an adjacent value in a flow sequence): its tags are then found by a
        # scan of the flow collections, in text yaml-rs reads (else the fast parser reports
        # the syntax error with its position).
        return _flow_tag(rel, text, line_offset)
    return None


def _allowed_tag(name: str | None) -> bool:
    return name in ("!", None) or name in _CORE_TAGS or f"tag:yaml.org,2002:{name.lstrip('!')}" in _CORE_TAGS


def _tag_problem(rel: str, name: str, line: int, column: int) -> Problem:
    return _problem(rel, f"YAML tag {_as_written(name)!r} is not allowed", line, column,
                    hint="declarations are plain data: remove the tag; ipcheck never builds objects from tags")


# In block context, a comment, or where a node starts past its anchor and tag: a flow
# collection, a quoted scalar or a block scalar (all three may hold what looks like a tag).
_BLOCK_NODE = re.compile(
    r"(?P<comment>(?:^|(?<=[ \t]))#[^\n]*+)"
    r"|(?P<context>^[ \t]*+|[:?-][ \t]++)(?:[!&][^ \t\n]*+[ \t]++){0,2}+(?P<node>[\[{\"'|>])",
    re.MULTILINE,
)
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*+\"|'(?:[^']|'')*+'")
_BLOCK_SCALAR_HEADER = re.compile(r"[|>][0-9+-]*+[ \t]*+(?:#[^\n]*+)?(?:\n|\Z)")
_LINE_HEAD = re.compile(r"[ \t]*+(?:-[ \t]++)*+")  # a line's indentation and list indicators
_FLOW_TOKEN = re.compile(
    r"(?P<space>(?:[ \t\n]++(?:#[^\n]*+)?)++)"
    r"|(?P<quoted>\"(?:[^\"\\]|\\.)*+\"|'(?:[^']|'')*+')"
    r"|(?P<open>[\[{])|(?P<close>[\]}])|(?P<comma>,)"
    r"|(?P<props>!<[^>\s]*+>|[!&][^ \t\n\[\]{},]*+)"
    r"|(?P<colon>:)"
    r"|(?P<plain>(?:[^ \t\n\[\]{},:]|:(?![ \t\n\[\]{},]|\Z))++)",
)
_SEPARATORS = ("", " ", "\t", "\n", ",", "[", "]", "{", "}")


def _flow_tag(rel: str, text: str, line_offset: int) -> Problem | None:
    """The first tag that is not allowed inside a flow collection (``[...]``, ``{...}``) of
    ``text``, read token by token: a tag is a '!' where a node starts (after a bracket, a
    comma, a '?' or a ':' indicator, and an anchor), never one inside a scalar or a comment.
    Quoted and block scalars and comments of the block context are skipped; where the text
    cannot be read so (a quote that does not close), nothing is reported."""
    try:
        yaml_rs.loads(text, parse_datetime=False, alias_limits=_ALIAS_LIMITS)
    except Exception:  # noqa: BLE001 - not YAML yaml-rs reads: its syntax error is reported instead
        return None
    at = 0
    while (found := _BLOCK_NODE.search(text, at)) is not None:
        at, node = found.end(), found.group("node")
        if node in ("\"", "'"):
            quoted = _QUOTED.match(text, at - 1)
            if quoted is None:
                return None
            at = quoted.end()
        elif node in ("|", ">") and _BLOCK_SCALAR_HEADER.match(text, at - 1):
            at = _block_scalar_end(text, found.start("context"), at)
        elif node is not None:
            tag = _first_flow_tag(text, at - 1)
            if isinstance(tag, int):
                at = tag
            else:
                line = line_offset + text.count("\n", 0, tag[0]) + 1
                return _tag_problem(rel, tag[1], line, tag[0] - text.rfind("\n", 0, tag[0]))
    return None


def _block_scalar_end(text: str, context: int, header: int) -> int:
    """Where the block scalar whose header ends at ``header`` ends: at the first line past it
    not indented deeper than its parent (the key before ':', or the '-' or '?' before it)."""
    line_start = text.rfind("\n", 0, context) + 1
    if text[context:context + 1] in ("-", "?"):
        parent = context - line_start
    else:  # after a key's ':', or alone on its line: the key's (or the line's) column
        head = _LINE_HEAD.match(text, line_start)
        parent = (head.end() if head else line_start) - line_start
    at = text.find("\n", header - 1) + 1 or len(text)
    while at < len(text):
        end = text.find("\n", at) + 1 or len(text)
        content = text[at:end].lstrip(" ")
        if content.strip() and end - at - len(content) <= parent:
            break
        at = end
    return at


def _first_flow_tag(text: str, at: int) -> tuple[int, str] | int:
    """(offset, name) of the first tag not allowed in the flow collection opening at ``at``
    (the offset of its node, anchor included, as ruamel.yaml gives it), or the offset where
    the collection ends. A collection that does not close was no collection: no tag."""
    depth, node_starts, json_key = 0, True, False
    node: int | None = None  # where the properties of the node being read start
    found: tuple[int, str] | None = None
    while at < len(text) and (token := _FLOW_TOKEN.match(text, at)) is not None:
        kind, value, at = token.lastgroup, token.group(), token.end()
        if kind == "props" and node_starts:
            node = token.start() if node is None else node
            if value.startswith("!") and not _allowed_tag(_resolved(value)):
                found = found or (node, _resolved(value))
        elif kind != "space":
            node = None
        if kind == "open":
            depth, node_starts = depth + 1, True
        elif kind == "close":
            depth, node_starts = depth - 1, False
        elif kind == "comma":
            node_starts = True
        elif kind == "colon":  # an indicator before a separator, or after a JSON-like key
            node_starts = json_key or text[at:at + 1] in _SEPARATORS
        elif kind in ("quoted", "plain"):
            node_starts = value == "?" and text[at:at + 1] in _SEPARATORS
        if kind != "space":
            json_key = kind in ("quoted", "close")
        if depth == 0:
            return found or at
    return len(text)


def _resolved(tag: str) -> str:
    """A tag as written, resolved as ruamel.yaml reports it: '!!x' and '!<x>' as their URI."""
    if tag.startswith("!!"):
        return "tag:yaml.org,2002:" + tag[2:]
    return tag[2:-1] if tag.startswith("!<") and tag.endswith(">") else tag


def _as_written(tag: str) -> str:
    """A resolved tag in the short form a user writes: '!!python/object', '!local', '!<uri>'."""
    if tag.startswith("tag:yaml.org,2002:"):
        return "!!" + tag[len("tag:yaml.org,2002:"):]
    return tag if tag.startswith("!") else f"!<{tag}>"


def _may_have_tags(text: str) -> bool:
    """Whether an explicit tag may be written in ``text`` (cheap; false alarms are allowed)."""
    if "!" not in text:
        return False
    if text.count("!") > 1000:
        return next(_tag_marks(text), None) is not None
    at = text.find("!")
    while at >= 0:  # only the lines holding a '!' are searched, each once
        start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
        end = len(text) if end < 0 else end
        if next(_tag_marks(text, start, end), None) is not None:
            return True
        at = text.find("!", end)
    return False


def _tag_marks(text: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Offsets of the possible tags ('!', see _TAG_CANDIDATE) in the lines from offset
    ``start`` (a line's start) to ``end``."""
    end = len(text) if end is None else end
    if start == 0:  # the first line has no '\n' before it: search it with one
        first = text.find("\n", 0, end)
        first = end if first < 0 else first
        yield from (match.end() - 2 for match in _TAG_CANDIDATE.finditer("\n" + text[:first]))
        start = first
    else:
        start -= 1
    yield from (match.end() - 1 for match in _TAG_CANDIDATE.finditer(text, start, end))


def _too_deep(rel: str, text: str) -> Problem | None:
    if _DEEP_SAMPLE_RUN.search(text[::_DEEP_STRIDE]) is None:  # the usual case: plainly shallow
        return None
    deep = _DEEP_LINE.search("\n" + text[:MAX_NESTING_COLUMNS]) or _DEEP_LINE.search(text)
    if deep is None:
        return None
    line = text.count("\n", 0, deep.start() + 1) + 1 if deep.group().startswith("\n") else 1
    return _problem(rel, f"YAML nests too deeply: line {line} is indented or nested over "
                         f"{MAX_NESTING_COLUMNS} columns", line, MAX_NESTING_COLUMNS + 1,
                    hint="the file nests too deeply to be a declaration")


def parse_text(rel: str, text: str) -> list[Any] | Problem:
    """Parse the text of one file into its documents, or return the problem, located."""
    text = unix_line_ends(text)  # as the locator reads it; YAML folds line breaks in scalars to '\n' anyway
    problem = prescan(rel, text)
    return problem if problem is not None else parse_scanned(rel, text)


def prescan(rel: str, text: str) -> Problem | None:
    """The problem the cheap scans made before parsing find in ``text`` (with '\n' line ends):
    nesting too deep, an ideographic space as indentation, a tag that is not allowed,
    aliases that expand too far; None when there is none."""
    deep = _too_deep(rel, text)
    if deep is not None:
        return deep
    indented = ideographic_indentation(text)
    if indented is not None:
        message, hint = full_width_problem("\u3000")
        return _problem(rel, message, *indented, hint=hint)
    if _may_have_tags(text):
        tag_problem = _tags(rel, text)
        if tag_problem is not None:
            return tag_problem
    expands = alias_problem(text)
    if expands is not None:
        message, line, column, hint = expands
        return _problem(rel, message, line, column, hint=hint)
    return None


def parse_scanned(rel: str, text: str) -> list[Any] | Problem:
    """Parse ``text``, which :func:`prescan` found nothing in, into its documents, or return
    the problem, located."""
    try:
        data = yaml_rs.loads(text, parse_datetime=True, alias_limits=_ALIAS_LIMITS)
    except yaml_rs.YAMLDecodeError as exc:
        return _decode_error(rel, text, str(exc))
    except (RecursionError, MemoryError, OverflowError, ValueError) as exc:
        return _problem(rel, f"cannot parse YAML: {exc}", hint="simplify the file's structure")
    return split_documents(text, data)


def split_documents(text: str, data: Any) -> list[Any]:
    """yaml-rs returns one value for a one-document file and a list for several: tell them apart
    by counting the documents in the text (a one-document file may well hold a list)."""
    if not isinstance(data, list):
        return [data]
    documents = count_documents(text)
    return data if documents >= 2 and len(data) == documents else [data]


def count_documents(text: str) -> int:
    """Number of documents in a file, from its markers ('---', and '...' followed by content)
    and whether content precedes the first."""
    text = unix_line_ends(text)
    markers = list(DOC_START_AFTER_NEWLINE.finditer(text))
    first = markers[0].start() if markers else None
    return len(markers) + (1 if DOC_START.match(text) else content_before(text, first))


def content_before_markers(text: str) -> bool:
    """Whether content precedes the first marker: a first document without '---'."""
    text = unix_line_ends(text)
    first = DOC_START_AFTER_NEWLINE.search(text)
    return content_before(text, None if first is None else first.start())


def content_before(text: str, first_marker: int | None) -> bool:
    """Whether content precedes the first marker (a first document without '---') in ``text``
    (with '\n' line ends), whose first marker after a line break is at ``first_marker`` (its
    line break; None when there is none)."""
    end = len(text) if first_marker is None else first_marker
    return not DOC_START.match(text) and _CONTENT_LINE.search(text, 0, end) is not None


def count_markers(text: str) -> int:
    """Number of document-start markers in ``text``: '---' lines, and '...' lines that
    content follows."""
    return len(DOC_START_AFTER_NEWLINE.findall(text)) + (1 if DOC_START.match(text) else 0)


def unix_line_ends(text: str) -> str:
    """``text`` with CRLF and lone CR line ends as '\\n' (the same lines, as YAML reads them)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _decode_error(rel: str, text: str, message: str) -> Problem:
    position = _PARSE_POSITION.search(message)
    if position:
        reason = message.strip().splitlines()[-1].strip()
        line, column = int(position.group(1)), int(position.group(2))
        full_width = full_width_near(text, line)
        if full_width is not None:  # an input method's punctuation: named where it was typed
            char, line, column = full_width
            full_message, full_hint = full_width_problem(char)
            return _problem(rel, full_message, line, column, hint=full_hint)
        hint = _syntax_hint(reason)
        if "tab" in reason:
            found = _tab_position(text, line)
            if found is not None:
                line, column = found
                reason = "a tab is used for indentation"
        else:
            bracket = _unclosed_bracket(text, line, column)
            if bracket is not None:
                hint = f"the {bracket[0]!r} opened at line {bracket[1]}, column {bracket[2]} is not closed"
        return _problem(rel, f"YAML syntax error: {reason}", line, column, hint=hint)
    duplicate = _DUPLICATE_KEY.search(message)
    if duplicate:
        key = duplicate.group(1)
        line, column = _duplicate_key_position(text, key)
        return _problem(rel, f"duplicate key {key!r}", line, column,
                        hint="a key may appear once per mapping; merge the two entries or rename one")
    if "alias" in message:
        return _problem(rel, f"too many alias expansions ({message})",
                        hint="the file expands anchors and aliases far beyond its size; write the values out")
    return _problem(rel, f"cannot parse YAML: {message}")


def _tab_position(text: str, line: int) -> tuple[int, int] | None:
    """The tab a tab error is about (the parser may name the line before the indented one),
    or None when no tab indents either line."""
    lines = text.split("\n", line + 1)
    for number in (line, line + 1):
        if number <= len(lines):
            indent = lines[number - 1][: len(lines[number - 1]) - len(lines[number - 1].lstrip(" \t"))]
            if "\t" in indent:
                return number, indent.index("\t") + 1
    return None


_CLOSING = {"[": "]", "{": "}"}


def _unclosed_bracket(text: str, line: int, column: int) -> tuple[str, int, int] | None:
    """The quote or innermost flow bracket still open at ``line``:``column`` (1-based), as
    (character, line, column), skipping comments; None if all are closed."""
    stack: list[tuple[str, int, int]] = []
    quote: tuple[str, int, int] | None = None
    for number, content in enumerate(text.split("\n")[:line], 1):
        end = column - 1 if number == line else len(content)
        for index, char in enumerate(content[:end]):
            if quote is not None:
                if char == quote[0]:
                    quote = None
            elif char in "'\"" and (index == 0 or content[index - 1] in " \t[{,:"):
                quote = (char, number, index + 1)
            elif char == "#" and (index == 0 or content[index - 1] in " \t"):
                break
            elif char in _CLOSING:
                stack.append((char, number, index + 1))
            elif stack and char == _CLOSING[stack[-1][0]]:
                stack.pop()
    return quote or (stack[-1] if stack else None)


def _syntax_hint(reason: str) -> str:
    if "tab" in reason:
        return "indent with spaces, not tabs"
    if "unclosed" in reason or "closing" in reason or "end of" in reason:
        return "a bracket or quote opened earlier is not closed"
    if "recursion" in reason or "depth" in reason or "nest" in reason:
        return "the file nests too deeply to be a declaration"
    return "check the indentation and punctuation on this line and the one before"


def read_file(path: Path, rel: str, max_bytes: int) -> bytes | Problem:
    """The bytes of one file, or why they cannot be read (too large, unreadable)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _problem(rel, f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                            hint="split the register into several files, or raise max_file_bytes in the configuration")
        return path.read_bytes()
    except OSError as exc:
        return _problem(rel, f"cannot read file: {exc.strerror or exc}")


def parse_file(path: Path, rel: str, max_bytes: int) -> ParsedFile | Problem:
    """Read and parse one file; never raises for bad content."""
    raw = read_file(path, rel, max_bytes)
    return raw if isinstance(raw, Problem) else parse_bytes(path, rel, raw)


def parse_bytes(path: Path, rel: str, raw: bytes) -> ParsedFile | Problem:
    """Parse the bytes of one file; never raises for bad content."""
    text = scanned_text(rel, raw)
    return text if isinstance(text, Problem) else parse_scanned_file(path, rel, text)


def scanned_text(rel: str, raw: bytes) -> str | Problem:
    """The text of one file's bytes, with '\n' line ends, once the cheap scans made before
    parsing (:func:`prescan`) found nothing in it; else the problem."""
    text = _decode(rel, raw)
    if isinstance(text, Problem):
        return text
    text = unix_line_ends(text)
    problem = prescan(rel, text)
    return text if problem is None else problem


def parse_scanned_file(path: Path, rel: str, text: str) -> ParsedFile | Problem:
    """One file parsed from its text as :func:`scanned_text` gives it."""
    documents = parse_scanned(rel, text)
    return documents if isinstance(documents, Problem) else ParsedFile(path, rel, documents)
