"""The entries of an ``items:`` list, read on their own: where each starts, and their data.

A stretch of a list's entries (whole lines, from the line of one entry's ``- `` to the line
before another's) parses on its own into what the whole file gives for them, when it is
plainly laid out: every line that is not blank or a comment and is indented as deep as the
entries or less is an entry's ``- `` at the entries' column, no line's indentation holds a
tab, and no anchor or alias ties an entry to text outside. :func:`entry_starts` says whether
a stretch is so, cheaply (regular-expression passes, no loop per line); :func:`parsed_entries`
parses it and checks that it gave one mapping per entry. Reloading the entries an edit changed
(:mod:`.edit`) and parsing a large file in batches (:mod:`.batches`) both read entries so.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from ipcheck.findings import Problem

Parse = Callable[[str, str], "list[Any] | Problem"]
"""A parser of a file's text (relative name, text) into its documents, or the problem."""

_TAB_IN_INDENT = re.compile(r"\n *+\t[ \t]*+[^ \t\n]")
"""A line that is not blank whose indentation holds a tab."""
_FIRST_CONTENT = re.compile(r"\n( *+)[^ \t\n#]")
"""The first line that is not blank or a comment, and its indentation."""


@functools.lru_cache(maxsize=16)
def _shallow(column: int) -> re.Pattern[str]:
    """A line indented ``column`` or less that is not blank or a comment: its line break,
    indentation and first two characters (one at the end of the text or line)."""
    return re.compile(rf"\n {{0,{column}}}+[^ \t\n#].?")


@functools.lru_cache(maxsize=16)
def _entry_heads(column: int) -> frozenset[str]:
    """What :func:`_shallow` finds of an entry's line: ``-`` at ``column``, then a blank or the line's end."""
    return frozenset("\n" + " " * column + "-" + after for after in ("", " ", "\t"))


@functools.lru_cache(maxsize=16)
def entry_line(column: int) -> re.Pattern[str]:
    """An entry's line (from the line break before it): ``-`` at ``column``, then a blank or the line's end."""
    return re.compile(rf"\n {{{column}}}-(?=[ \t\n]|\Z)")


def entry_starts(region: str, column: int) -> list[int] | None:
    """The offsets where the entries written in ``region`` (whole lines of a list's entries at
    ``column``) start; None when the region is not plainly that (see the module's text)."""
    lines = _plain_lines(region, column)
    if lines is None:
        return None
    heads = _entry_heads(column)
    found = list(_shallow(column).finditer(lines))
    return [match.start() for match in found] if all(match.group() in heads for match in found) else None


def entry_count(region: str, column: int) -> int | None:
    """How many entries ``region`` holds, as :func:`entry_starts` finds them, without their offsets."""
    lines = _plain_lines(region, column)
    if lines is None:
        return None
    found = _shallow(column).findall(lines)
    return len(found) if _entry_heads(column).issuperset(found) else None


def _plain_lines(region: str, column: int) -> str | None:
    """``region`` after a line break (so that its first line starts after one, as every other),
    when nothing but its lines indented ``column`` or less can keep it from being plainly
    entries: no anchor or alias, no tab in an indentation, no text before the first entry."""
    if "&" in region or "*" in region:
        return None
    lines = "\n" + region
    if "\t" in region and _TAB_IN_INDENT.search(lines) is not None:
        return None
    first = _FIRST_CONTENT.search(lines)
    return lines if first is None or len(first.group(1)) == column else None


def parsed_entries(rel: str, region: str, count: int, parse: Parse) -> list[dict[str, Any]] | None:
    """The ``count`` entries written in ``region`` as ``parse`` reads them: a list of that many
    mappings; None when the region reads as anything else, or holds a problem."""
    documents = parse(rel, region)
    if not isinstance(documents, list) or len(documents) != 1:
        return None
    data = documents[0] if documents[0] is not None else []
    if not isinstance(data, list) or len(data) != count or not all(isinstance(entry, dict) for entry in data):
        return None
    return data
