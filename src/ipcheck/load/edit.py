"""Loading a file again after an edit inside the entries of one of its ``items:`` lists.

A long-running front end (``ipcheck watch``, ``ipcheck lsp``) keeps each file's bytes, its
validated items and what the locator found in its text (:class:`Remembered`). When an edit
(what is not the longest common beginning and end of the old and the new text) lies within
the entries of one ``items:`` list, only the text of those entries is parsed and validated
again, and the new entries take the place of the old ones among the kept items; what the
locator found after them moves by the characters and lines the edit added or removed.

Whenever this is not certainly what a cold load of the new text gives, the whole file is
loaded instead: an edit outside one list's entries or touching the lines of its ``items:``
key, a line indented less than the entries or at their column but no entry, anchors,
aliases, tags or document markers in the text parsed, line ends other than ``\\n``, a
byte-order mark, extension fields, a sheet, a file whose last load had problems, and any
problem in the new entries (so that every error is found and located by a cold load).
"""

from __future__ import annotations

import bisect
import codecs
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from ipcheck.load.build import list_adapter, validated
from ipcheck.load.entries import entry_starts, parsed_entries
from ipcheck.load.extensions import is_extension
from ipcheck.load.locate import SourceText
from ipcheck.load.parse import parse_text
from ipcheck.load.sheets import is_sheet_name

if TYPE_CHECKING:
    from ipcheck.load import FileResult

Text = TypeVar("Text", str, bytes)


@dataclass
class Remembered:
    """One file as a long-running front end last loaded it: its bytes, the result of loading
    them, and (once a finding or an edit needed it) its text as the locator reads it."""

    raw: bytes
    result: FileResult
    text: SourceText | None = None
    replaced: Replaced | None = None
    """How this file differs from ``replaced.before``, when an edit changed items of one list
    without changing their ids (see :func:`ipcheck.load.rebuilt`)."""
    changed: Changed | None = None
    """What an edit changed in the text of ``changed.before``, when the file was loaded again
    in the entries the edit changed alone."""


@dataclass(frozen=True)
class Changed:
    """Where an edit changed a file's text (as the locator reads it): the characters from
    ``start`` to ``old_end`` of the text of the bytes ``before`` became those from ``start``
    to ``new_end`` of the new text, with ``lines`` more lines (fewer when below 0)."""

    before: bytes
    start: int
    old_end: int
    new_end: int
    lines: int


@dataclass(frozen=True)
class Replaced:
    """Items put in place of others with the same ids: the file ``before`` the edit, and the
    items from ``first`` in its chunk number ``chunk``."""

    before: Remembered
    chunk: int
    first: int
    items: list[Any]


def common_ends(old: Text, new: Text) -> tuple[int, int]:
    """How long the longest common beginning of two texts is, and then their longest common
    end in what is left (compared by blocks of halving size)."""
    shorter = min(len(old), len(new))
    start = _common(shorter, lambda at, size: old[at:at + size] == new[at:at + size])
    size_old, size_new = len(old), len(new)
    end = _common(shorter - start, lambda at, size: old[size_old - at - size:size_old - at]
                  == new[size_new - at - size:size_new - at])
    return start, end


def _common(limit: int, same: Any) -> int:
    found, size = 0, 1 << 16
    while size:
        while found + size <= limit and same(found, size):
            found += size
        size //= 2
    return found


def reload_entries(remembered: Remembered, raw: bytes) -> Remembered | None:
    """``raw``, the new bytes of a remembered file, loaded by parsing and validating again only
    the entries an edit changed; None when only a load of the whole file is certain to give
    what a cold load gives."""
    result = remembered.result
    old_raw = remembered.raw
    if (result.problems or result.chunks is None or is_sheet_name(result.rel) or b"\r" in raw or b"\r" in old_raw
            or raw.startswith(codecs.BOM_UTF8) or old_raw.startswith(codecs.BOM_UTF8)):
        return None
    try:
        text = raw.decode("utf-8")
        source = remembered.text or SourceText(old_raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None
    old = source.text
    start, same_end = common_ends(old, text)
    old_end = len(old) - same_end
    found = _entries_edited(source, start, old_end)
    if found is None:
        return None
    document, first, last = found
    chunks = result.chunks
    index = next((n for n, chunk in enumerate(chunks) if chunk.origin.document == document), None)
    starts = source.item_starts(document)
    if index is None or starts is None:
        return None
    chunk = chunks[index]
    if not chunk.listed or chunk.extensions or not chunk.items or len(chunk.items) != len(starts) - 1:
        return None
    moved = len(text) - len(old)
    region_start, region_end = starts[first], starts[last]
    column = len(old[starts[0]:starts[0] + 64]) - len(old[starts[0]:starts[0] + 64].lstrip(" "))
    model = type(chunk.items[0])
    kept = _entries(result.rel, old[region_start:region_end], column, model)
    if kept is None or kept[0] != chunk.items[first:last]:
        return None  # the entries found in the text are not the items loaded: the text is not laid out as thought
    fresh = _entries(result.rel, text[region_start:region_end + moved], column, model)
    if fresh is None:
        return None
    items = [*chunk.items[:first], *fresh[0], *chunk.items[last:]]
    if not items:
        return None  # an empty list is an error, located by a cold load
    from ipcheck.load import FileResult

    new_chunks = list(chunks)
    new_chunks[index] = chunk._replace(items=items)
    entries = [region_start + at for at in fresh[1]]
    same_ids = len(fresh[0]) == last - first and all(
        a.id == b.id for a, b in zip(fresh[0], chunk.items[first:last]))
    new_end = len(text) - same_end
    changed = Changed(old_raw, start, old_end, new_end, text.count("\n", start, new_end) - old.count("\n", start, old_end))
    return Remembered(raw, FileResult(result.rel, new_chunks, None, [], result.has_documents),
                      source.spliced(text, document, region_start, region_end, entries),
                      Replaced(remembered, index, first, fresh[0]) if same_ids else None, changed)


def _entries_edited(source: SourceText, start: int, old_end: int) -> tuple[int, int, int] | None:
    """(document, first entry, entry after the last) of the entries of one document's ``items:``
    that hold the changed text from ``start`` to ``old_end`` (of the old text); None when it
    is not within the entries of one list. An edit on an entry's first line takes the entry
    before too: what was inserted at the end of one entry may show as a change at the
    start of the next."""
    docs = source.documents()
    document = bisect.bisect_right([doc[2] for doc in docs], start) - 1
    if document < 0 or old_end > docs[document][3] or source.json_start(document) is not None:
        return None
    starts = source.item_starts(document)
    if starts is None or len(starts) < 2 or start < starts[0] or old_end > starts[-1]:
        return None
    first = min(bisect.bisect_right(starts, start), len(starts) - 1) - 1  # text added after the last entry: with it
    line_end = source.text.find("\n", starts[first])
    if first > 0 and (line_end < 0 or start <= line_end):
        first -= 1
    last = max(bisect.bisect_left(starts, old_end), first + 1)
    return document, first, last


def _entries(rel: str, region: str, column: int, model: type) -> tuple[list[Any], list[int]] | None:
    """The validated items of the entries written in ``region`` (whole lines of a list's entries
    at ``column``), with the offset where each starts; None when the region is not plainly
    that (see :mod:`.entries`), holds extension fields, or holds a problem."""
    starts = entry_starts(region, column)
    if starts is None:
        return None
    data = parsed_entries(rel, region, len(starts), parse_text)
    if data is None or any(is_extension(key) for entry in data for key in entry):
        return None
    try:
        return validated(list_adapter(model).validate_python, data), starts
    except ValidationError:
        return None
