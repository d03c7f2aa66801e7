"""Exact file:line:column of any declared value, computed only when a report needs it.

Loading keeps no positions (that would cost more than the parse itself). When a finding
or an error needs one, the locator cuts the item's lines out of its file with a cheap
text scan, parses just those lines with ruamel.yaml (which keeps positions), and checks
that they hold exactly the item that was loaded. A document written as JSON (which YAML
allows, and which exports from other tools often are) is walked with the standard
library's JSON scanner instead. If all that fails (unusual layouts: YAML flow style, odd
markers), it parses the whole file: slower (some seconds per megabyte), always exact, and
only up to :data:`WHOLE_FILE_LIMIT`.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from ipcheck.findings import Location
from ipcheck.load.entries import entry_line
from ipcheck.load.parse import (
    DOC_START,
    DOC_START_AFTER_NEWLINE,
    content_before,
    content_before_markers,
    unix_line_ends,
)
from ipcheck.load.sheets import is_sheet_name, locate_cell
from ipcheck.load.yamlfile import plain
from ipcheck.model.declaration import Origin

_CONTENT_AFTER_NEWLINE = re.compile(r"\n( *)([^ \n#])")  # a line that is not blank or a comment
_ITEMS_LINE = re.compile(r"^items[ \t]*:[ \t]*(?:#.*)?$", re.MULTILINE)
# A plain key at the start of a line's content: `name:` followed by a space or the line's end.
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]|$)")
ENVELOPE = ("kind", "apiVersion", "items")
WHOLE_FILE_LIMIT = 2 * 1024 * 1024
"""Largest file the locator parses whole with ruamel.yaml, its last resort (measured: 3.4 s
and 53 MB of memory per MB of flow-style YAML). In a larger file, what the cheaper ways
cannot place (YAML flow style, odd layouts) is located at its document's first line."""
_JSON = json.JSONDecoder(parse_int=str)
"""Steps over JSON values (only keys are kept): integers stay their text, so that one over
Python's limit for converting text to an integer (4,300 digits) is stepped over like any other."""
_JSON_SPACE = re.compile(r"[ \t\r\n]*")
_BLANK_OR_COMMENT = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")

Verifier = Callable[[Any], bool]


class SourceText:
    """The text of one file and, lazily, where its documents and items start.

    Large registers are one file of a million lines or more: nothing here splits the whole
    text into lines. Documents and entries are found by regular-expression passes, and only
    the lines of the item being located are split.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._known: tuple[list[int], list[int]] = ([0], [0])  # offsets, and their lines, found so far
        self._docs: list[tuple[int, int, int, int]] | None = None
        self._spans: list[tuple[int, int]] | None = None
        self._items: dict[int, list[int] | None] = {}
        self._keys_of: dict[Origin, Keys | None] = {}
        self._json_entries: dict[int, list[int] | None] = {}
        self._json_starts: dict[int, int | None] = {}
        self.whole: list[Any] | None = None
        self.located: dict[tuple[Origin, tuple[str | int, ...], bool], Location] = {}
        """Where the items' fields were found (by origin, path and whether of the key): a file
        kept between checks (:class:`ipcheck.load.edit.Remembered`) is not searched again."""

    def spliced(self, text: str, document: int, start: int, old_end: int, entries: list[int]) -> SourceText:
        """What is known of ``text``: this text with the entries of the ``items:`` of
        ``document`` from offset ``start`` to ``old_end`` replaced by the text of new entries
        starting at offsets ``entries`` (in ``text``). What was found before ``start`` is
        kept; what lies after, moved by the characters and lines the edit added or removed."""
        moved = len(text) - len(self.text)
        new_end = old_end + moved
        lines = text.count("\n", start, new_end) - self.text.count("\n", start, old_end)
        after = SourceText(text)
        offsets, known = self._known
        keep = bisect.bisect_right(offsets, start)
        shift = bisect.bisect_left(offsets, old_end)
        after._known = (offsets[:keep] + [o + moved for o in offsets[shift:]],
                        known[:keep] + [line + lines for line in known[shift:]])
        if self._docs is not None:
            after._docs = [doc if number < document else
                           (doc[0], doc[1] + lines, doc[2], doc[3] + moved) if number == document else
                           (doc[0] + lines, doc[1] + lines, doc[2] + moved, doc[3] + moved)
                           for number, doc in enumerate(self._docs)]
            after._spans = [(doc[2], doc[3]) for doc in after._docs]
        for number, starts in self._items.items():
            if starts is None or number < document:
                after._items[number] = starts
            elif number > document:
                after._items[number] = [at + moved for at in starts]
        edited = self._items[document]
        assert edited is not None
        first, last = bisect.bisect_left(edited, start), bisect.bisect_left(edited, old_end)
        after._items[document] = edited[:first] + entries + [at + moved for at in edited[last:]]
        renumbered = len(entries) - (last - first)
        for (origin, path, key), location in self.located.items():
            if origin.document < document or (origin.document == document and origin.index is not None
                                              and origin.index < first):
                after.located[origin, path, key] = location
            elif origin.document > document:
                after.located[origin, path, key] = dataclasses.replace(location, line=location.line + lines)
            elif origin.index is not None and origin.index >= last:
                after.located[origin._replace(index=origin.index + renumbered), path, key] = dataclasses.replace(
                    location, line=location.line + lines)
        return after

    def line_of(self, offset: int) -> int:
        """0-based line of the character at ``offset``: newlines are counted from the
        nearest offset answered before."""
        offsets, lines = self._known
        i = bisect.bisect_right(offsets, offset)
        line = lines[i - 1] + self.text.count("\n", offsets[i - 1], offset)
        offsets.insert(i, offset)
        lines.insert(i, line)
        return line

    def documents(self) -> list[tuple[int, int, int, int]]:
        """(first line, end line, first offset, end offset) of every document: lines 0-based,
        ends exclusive, the '---' marker lines left out."""
        if self._docs is None:
            # A document starts on the line after a marker (or at 0) and ends where the next marker is.
            self._docs = [(self.line_of(start - 1) + 1 if start else 0,
                           self.line_of(end) + (1 if end == len(self.text) else 0), start, end)
                          for start, end in self.spans()]
        return self._docs

    def spans(self) -> list[tuple[int, int]]:
        """(first offset, end offset) of every document, the '---' marker lines left out."""
        if self._spans is None:
            text = self.text
            after_breaks = [m.start() for m in DOC_START_AFTER_NEWLINE.finditer(text)]
            before = (content_before_markers(text) if "\r" in text
                      else content_before(text, after_breaks[0] if after_breaks else None))
            markers = [0] if DOC_START.match(text) else []  # the offset of each '---' line
            markers += [at + 1 for at in after_breaks]
            starts = [0] if before else []
            for offset in markers:
                after = text.find("\n", offset)
                starts.append(len(text) if after < 0 else after + 1)
            self._spans = []
            for offset in starts:  # a document ends at the first marker after its start
                after = bisect.bisect_left(markers, offset)
                self._spans.append((offset, markers[after] if after < len(markers) else len(text)))
        return self._spans

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, column) of the character at ``offset``."""
        return self.line_of(offset), offset - (self.text.rfind("\n", 0, offset) + 1)

    def json_start(self, doc: int) -> int | None:
        """Offset of the document's ``{`` when it is written as JSON, else None."""
        if doc in self._json_starts:
            return self._json_starts[doc]
        docs = self.documents()
        if doc >= len(docs):
            return None
        start = _BLANK_OR_COMMENT.match(self.text, docs[doc][2]).end()
        found = self._json_starts[doc] = start if self.text.startswith("{", start) else None
        return found

    def json_entries(self, doc: int) -> list[int] | None:
        """Offsets of the entries of the ``items`` list of a document written as JSON."""
        if doc not in self._json_entries:
            start = self.json_start(doc)
            try:
                found = None if start is None else _json_member(self.text, start, "items")
                self._json_entries[doc] = None if found is None else _json_elements(self.text, found[1])
            except (ValueError, IndexError):
                self._json_entries[doc] = None
        return self._json_entries[doc]

    def lines_between(self, first: int, end: int) -> list[str]:
        """The lines from offset ``first`` to offset ``end``."""
        return self.text[first:end].split("\n")

    def item_starts(self, doc: int) -> list[int] | None:
        """Offsets where every entry of the document's top-level ``items:`` list starts,
        then where the list ends."""
        if doc not in self._items:
            self._items[doc] = self._scan_items(doc)
        return self._items[doc]

    def item_keys(self, origin: Origin) -> Keys | None:
        """``{key: (line, key column, value line, value column)}`` of the item's top-level
        keys (0-based; with ``kind`` and ``apiVersion`` for a one-item document), found by
        scanning its lines; None when the lines cannot be told apart."""
        if origin not in self._keys_of:
            self._keys_of[origin] = self._scan_keys(origin)
        return self._keys_of[origin]

    def item_span(self, origin: Origin) -> tuple[int, int, int] | None:
        """(first line, first offset, end offset) of the item's lines."""
        docs = self.documents()
        if origin.document >= len(docs):
            return None
        first, _, start, stop = docs[origin.document]
        if origin.index is None:
            return first, start, stop
        starts = self.item_starts(origin.document)
        if starts is None or origin.index + 1 >= len(starts):
            return None
        a, b = starts[origin.index], starts[origin.index + 1]
        return self.line_of(a), a, b

    def _scan_keys(self, origin: Origin) -> Keys | None:
        span = self.item_span(origin)
        if span is None:
            return None
        base, a, b = span
        lines = self.lines_between(a, b)
        if origin.index is None:
            return _keys(lines, base, 0)
        line = lines[0]
        dash = line.index("-")
        content = len(line) - len(line[dash + 1:].lstrip(" "))
        return _keys(lines, base, content, first_line_col=content)

    def list_start(self, doc: int) -> tuple[int, int] | None:
        """(offset, column) of the first entry of the document's top-level ``items:`` list;
        (end of the document, 0) when nothing follows the key; None when the document has
        no such key, or something else than an entry follows it."""
        text = self.text
        start, stop = self.spans()[doc]
        key = _ITEMS_LINE.search(text, start, stop)
        if key is None:
            return None
        first = _CONTENT_AFTER_NEWLINE.search(text, key.end(), stop)  # the first entry gives the indentation
        if first is None:
            return stop, 0
        if first.group(2) != "-":
            return None
        return first.start() + 1, len(first.group(1))

    def _scan_items(self, doc: int) -> list[int] | None:
        """A regular-expression pass over the document: only lines indented no deeper than
        the entries are looked at, so the cost is one step per entry, not per line."""
        text = self.text
        stop = self.spans()[doc][1]
        listed = self.list_start(doc)
        if listed is None:
            return None
        first, indent = listed
        if first == stop:
            return [stop]
        plain = self._plain_entries(first - 1, stop, indent)
        if plain is not None:
            return plain
        starts: list[int] = []
        shallow = re.compile(rf"\n( {{0,{indent}}})(?=[^ \n])")
        for match in shallow.finditer(text, first - 1, stop):
            at = match.end()
            if text[at] == "#":
                continue
            starts.append(match.start() + 1)
            if not (len(match.group(1)) == indent and text[at] == "-" and text[at + 1: at + 2] in (" ", "\t", "\n", "")):
                return starts  # a shallower line, or one at the entries' indentation that is no entry: the end
        starts.append(stop)
        return starts

    def _plain_entries(self, start: int, stop: int, indent: int) -> list[int] | None:
        """Where each entry from offset ``start`` to ``stop`` starts, then ``stop``, when each
        line there is an entry (``-`` at ``indent``) or indented deeper, as in a generated
        register: counting lines is some times cheaper than looking at each one. None when
        other lines (blank, comments, what ends the list) need looking at."""
        text = self.text
        entries = [match.start() + 1 for match in entry_line(indent).finditer(text, start, stop)]
        lines = text.count("\n", start, stop) - (stop > start and text[stop - 1] == "\n")  # lines after ``start``
        if lines != len(entries) + text.count("\n" + " " * (indent + 1), start, stop):
            return None
        entries.append(stop)
        return entries


Keys = dict[str, tuple[int, int, int, int]]


def _keys(lines: list[str], base: int, indent: int, *, first_line_col: int | None = None) -> Keys | None:
    """The top-level keys of an item whose lines are ``lines`` (the first is line ``base``)."""
    keys: Keys = {}
    for i, line in enumerate(lines):
        col = first_line_col if (i == 0 and first_line_col is not None) else len(line) - len(line.lstrip(" "))
        if col != indent:
            continue
        match = _KEY.match(line, col)
        if match is None:
            if line[col:].strip() and not line[col:].lstrip().startswith("#"):
                return None  # something other than a plain key at the item's indentation
            continue
        name = match.group(1)
        if name in keys:
            return None
        rest = line[match.end():].strip()
        if rest and not rest.startswith("#"):
            keys[name] = (base + i, col, base + i, len(line) - len(line[match.end():].lstrip(" \t")))
            continue
        later = next(((j, len(text) - len(text.lstrip(" "))) for j, text in enumerate(lines[i + 1:], i + 1)
                      if text.strip() and not text.lstrip().startswith("#")), None)
        if later is None:
            return None  # the value would start past the item: leave it to the parser
        keys[name] = (base + i, col, base + later[0], later[1])
    return keys


class Locator:
    """Finds positions in the files of one declaration; caches per file what it scanned."""

    def __init__(self, root: Path, verifier: Callable[[Origin, Any, Any], bool],
                 sources: Mapping[str, bytes] | None = None,
                 texts: MutableMapping[str, SourceText] | None = None) -> None:
        self.root = root
        self._sources = sources or {}
        """Texts of files as an editor holds them, read instead of the disk (see :func:`ipcheck.load.load`)."""
        self._files: MutableMapping[str, SourceText] = {} if texts is None else texts
        """Each file's text and what was found in it; ``texts``: kept between loads by a
        long-running front end (see :class:`ipcheck.load.edit.Remembered`)."""
        self._verify = verifier
        self._nodes: dict[tuple[Origin, int], tuple[Any, tuple[Any, int, int, int] | None]] = {}
        """Each item parsed once (:meth:`_node`), however many of its fields are located:
        (origin, id of what it was checked against) -> (that object, kept alive; the node)."""

    def know(self, rel: str, source: SourceText) -> None:
        """Take the text of ``rel`` as the loader parsed it (decoded, with '\n' line ends: what
        :meth:`_file` would read), so that the file is not read again to locate its items, nor
        its documents found again."""
        if rel not in self._files:
            self._files[rel] = source

    def _file(self, rel: str) -> SourceText:
        found = self._files.get(rel)
        if found is None:
            raw = self._sources.get(rel)
            text = (raw if raw is not None else (self.root / rel).read_bytes()).decode("utf-8-sig")
            # Windows (or old Mac) line ends: the same lines and columns with "\n" alone, as parsed
            found = self._files[rel] = SourceText(unix_line_ends(text))
        return found

    def locate(self, origin: Origin, path: tuple[str | int, ...] = (), *, key: bool = False,
               expect: Any = None, fields: set[str] | None = None) -> Location:
        """Position of ``path`` inside the item at ``origin`` (of the key itself with ``key=True``).

        Where the path leads past what is written (a missing field), the position is that
        of the deepest part that exists. ``expect`` overrides what the verifier compares against.

        ``fields`` (the item's fields as written, ``model_fields_set``) allows a fast path for
        the item itself or one of its fields: a scan of the item's lines for its keys, taken
        only when the keys found are exactly those fields (plain block layout); anything
        else is parsed.
        """
        if is_sheet_name(origin.file):
            return locate_cell(self.root, origin.file, origin.document, origin.index, path, key)
        if fields is not None and expect is None:  # an item's field, for a finding: found once per text
            try:
                located = self._file(origin.file).located
            except (OSError, UnicodeDecodeError):
                return Location(origin.file, 1, 1)
            found = located.get((origin, path, key))
            if found is None:
                found = located[origin, path, key] = self._locate(origin, path, key, expect, fields)
            return found
        return self._locate(origin, path, key, expect, fields)

    def _locate(self, origin: Origin, path: tuple[str | int, ...], key: bool, expect: Any,
                fields: set[str] | None) -> Location:
        try:
            if fields is not None and len(path) <= 1 and all(isinstance(p, str) for p in path):
                fast = self._fast(origin, path, fields, key)
                if fast is not None:
                    return fast
            written_as_json = self._json(origin, path, key)
            if written_as_json is not None:
                return written_as_json
            found = self._node(origin, expect)
        except (OSError, UnicodeDecodeError):
            return Location(origin.file, 1, 1)
        if found is None:
            return Location(origin.file, 1, 1)
        node, line_offset, line0, col0 = found
        line, col = line0 or 0, col0 or 0  # ruamel gives no position for some scalar documents
        for step in path:
            try:
                if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
                    line, col = node.lc.item(step)
                    node = node[step]
                elif isinstance(step, str) and isinstance(node, dict) and step in node:
                    line, col = node.lc.key(step) if key and step == path[-1] else node.lc.value(step)
                    node = node[step]
                else:
                    break
            except (AttributeError, KeyError, IndexError, TypeError):
                break
        return Location(origin.file, line + line_offset + 1, col + 1)

    def overlapping(self, file: str, start: int, end: int) -> Callable[[Origin], bool]:
        """Whether the text of the item at an origin in ``file`` (see :meth:`item_offsets`)
        reaches into the text from offset ``start`` to ``end``, or cannot be told apart: what
        is known of each document is looked up once, for all the items asked about."""
        known: dict[int, tuple[int, int, list[int] | None] | None] = {}

        def of_document(doc: int) -> tuple[int, int, list[int] | None] | None:
            if doc not in known:
                span = self.item_offsets(Origin(file, doc, None))
                known[doc] = None if span is None else (*span, self._file(file).item_starts(doc))
            return known[doc]

        def overlaps(origin: Origin) -> bool:
            found = of_document(origin.document)
            if found is None:
                return True
            first, stop, starts = found
            if origin.index is None:
                return first <= end and stop >= start
            if starts is None or origin.index + 1 >= len(starts):
                return True
            return starts[origin.index] <= end and starts[origin.index + 1] >= start

        return overlaps

    def item_offsets(self, origin: Origin) -> tuple[int, int] | None:
        """Where the text of the item at ``origin`` begins and ends (offsets in the file's text),
        when its lines can be told apart (a block-style YAML document or entry of ``items:``),
        else None."""
        if is_sheet_name(origin.file):
            return None
        try:
            source = self._file(origin.file)
            docs = source.documents()
            if origin.document >= len(docs) or source.json_start(origin.document) is not None:
                return None
        except (OSError, UnicodeDecodeError):
            return None
        _, _, start, stop = docs[origin.document]
        if origin.index is None:
            return start, stop
        starts = source.item_starts(origin.document)
        if starts is None or origin.index + 1 >= len(starts):
            return None
        return starts[origin.index], starts[origin.index + 1]

    def _fast(self, origin: Origin, path: tuple[str | int, ...], fields: set[str], key: bool) -> Location | None:
        keys = self._file(origin.file).item_keys(origin)
        if keys is None or {k for k in keys if origin.index is not None or k not in ENVELOPE} != fields:
            return None
        if path and path[0] in keys:
            key_line, key_col, value_line, value_col = keys[path[0]]
            line, col = (key_line, key_col) if key else (value_line, value_col)
        else:  # the item itself, or a field it does not have
            line, col = min(keys.values())[:2]
        return Location(origin.file, line + 1, col + 1)

    def _json(self, origin: Origin, path: tuple[str | int, ...], key: bool) -> Location | None:
        """The position in a document written as JSON; None when it is not JSON."""
        source = self._file(origin.file)
        if origin.index is None:
            at = source.json_start(origin.document)
        else:
            entries = source.json_entries(origin.document)
            at = entries[origin.index] if entries is not None and origin.index < len(entries) else None
        if at is None:
            return None
        try:
            offset = _json_path(source.text, at, path, key)
        except (ValueError, IndexError):
            return None
        if origin.index is None and offset == at:  # a one-item document: its first key, as in block style
            first_key = _JSON_SPACE.match(source.text, at + 1).end()
            offset = first_key if source.text.startswith('"', first_key) else at
        line, col = source.position(offset)
        return Location(origin.file, line + 1, col + 1)

    def _node(self, origin: Origin, expect: Any) -> tuple[Any, int, int, int] | None:
        """(ruamel node of the item, line offset, item line, item column), or None; parsed
        once per item (an item with a thousand errors would otherwise be parsed a thousand times)."""
        key = (origin, id(expect))
        if key not in self._nodes:
            self._nodes[key] = (expect, self._parse_node(origin, expect))
        return self._nodes[key][1]

    def _parse_node(self, origin: Origin, expect: Any) -> tuple[Any, int, int, int] | None:
        source = self._file(origin.file)
        span = source.item_span(origin)
        if span is not None:
            base, a, b = span
            node = _load(source.lines_between(a, b))
            if origin.index is None:
                if isinstance(node, dict) and self._verify(origin, plain(node), expect):
                    return node, base, *_first_key(node)
            elif isinstance(node, list) and len(node) == 1 and self._verify(origin, plain(node[0]), expect):
                line, col = node.lc.item(0)
                return node[0], base, line, col
        return self._whole(source, origin)

    def _whole(self, source: SourceText, origin: Origin) -> tuple[Any, int, int, int] | None:
        if len(source.text) > WHOLE_FILE_LIMIT:  # the document's first line, not minutes of parsing
            docs = source.documents()
            return (None, 0, docs[origin.document][0], 0) if origin.document < len(docs) else None
        if source.whole is None:
            try:
                source.whole = list(_yaml().load_all(source.text))
            except Exception:
                source.whole = []
        if origin.document >= len(source.whole):
            return None
        node = source.whole[origin.document]
        if origin.index is None:
            if isinstance(node, dict):
                return node, 0, *_first_key(node)
            if hasattr(node, "lc"):  # a document that is a list: where the list starts
                return node, 0, node.lc.line, node.lc.col
            docs = source.documents()  # a document that is a scalar: its first line of content
            if origin.document >= len(docs):
                return None
            first, _, start, stop = docs[origin.document]
            lines = source.lines_between(start, stop)
            at = next((i for i, text in enumerate(lines) if text.strip() and not text.lstrip().startswith("#")), 0)
            return node, 0, first + at, len(lines[at]) - len(lines[at].lstrip(" ")) if lines else 0
        items = node.get("items") if isinstance(node, dict) else None
        if isinstance(items, list) and origin.index < len(items):
            line, col = items.lc.item(origin.index)
            return items[origin.index], 0, line, col
        return None


def _json_path(text: str, at: int, path: tuple[str | int, ...], key: bool) -> int:
    """Offset of ``path`` inside the JSON value at ``at`` (of its last key, with ``key``); where
    the path leads past what is written, of the deepest part that exists. ValueError or
    IndexError when the text there is not JSON."""
    for n, step in enumerate(path):
        if text[at] != ("{" if isinstance(step, str) else "["):
            return at
        found = _json_member(text, at, step)
        if found is None:
            return at
        key_at, at = found
        if key and n == len(path) - 1 and key_at is not None:
            return key_at
    return at


def _json_member(text: str, at: int, step: str | int) -> tuple[int | None, int] | None:
    """In the JSON object (or array) at ``at``: the offsets of the key (None in an array) and
    of the value of member ``step`` (a name, or an index); None when there is no such member."""
    return next(((key_at, value_at) for key_at, member, value_at in _json_members(text, at) if member == step), None)


def _json_elements(text: str, at: int) -> list[int]:
    """Offsets of the elements of the JSON array at ``at``."""
    if text[at] != "[":
        raise ValueError("not a JSON array")
    return [value_at for _, _, value_at in _json_members(text, at)]


def _json_members(text: str, at: int) -> Iterator[tuple[int | None, str | int, int]]:
    """The members of the JSON object (or array) at ``at``, in order: the offset of the key
    (None in an array), the name (or the index), the offset of the value. ValueError when
    the text is not JSON."""
    is_object = text[at] == "{"
    closing = "}" if is_object else "]"
    at = _JSON_SPACE.match(text, at + 1).end()
    index = 0
    while text[at] != closing:
        key_at, member = None, index
        if is_object:
            key_at = at
            member, at = _JSON.raw_decode(text, at)
            at = _JSON_SPACE.match(text, at).end()
            if not isinstance(member, str) or text[at] != ":":
                raise ValueError("not a JSON object")
            at = _JSON_SPACE.match(text, at + 1).end()
        yield key_at, member, at
        _, at = _JSON.raw_decode(text, at)
        at = _JSON_SPACE.match(text, at).end()
        if text[at] == ",":
            at = _JSON_SPACE.match(text, at + 1).end()
        elif text[at] != closing:
            raise ValueError("not a JSON object or array")
        index += 1


def _first_key(node: Any) -> tuple[int, int]:
    for k in node:
        return node.lc.key(k)
    return 0, 0


def _yaml() -> Any:
    """A round-trip ruamel.yaml loader that, like the fast parser, leaves an impossible
    date ('2024-13-01') as a string instead of failing. A new one each time: a loader keeps
    its state while it reads, and files are located from several threads (32 µs to make)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Constructor = _constructor()
    return yaml


@functools.cache
def _constructor() -> type:
    from ruamel.yaml.constructor import RoundTripConstructor

    class Constructor(RoundTripConstructor):
        def construct_yaml_int(self, node: Any) -> Any:
            try:
                return super().construct_yaml_int(node)
            except ValueError:
                if _LONG_DECIMAL.fullmatch(node.value) is None:
                    raise
                return LongInteger(node.value.replace("_", ""))

        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return self.construct_scalar(node)

    Constructor.add_constructor("tag:yaml.org,2002:int", Constructor.construct_yaml_int)
    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
    return Constructor


_LONG_DECIMAL = re.compile(r"[-+]?[0-9][0-9_]*")
LOG10_2 = math.log10(2)
LAST_DIGITS = 18


class LongInteger:
    """A decimal integer the locator's ruamel.yaml read, written with more digits than Python
    converts from text (``sys.get_int_max_str_digits()``: 4,300 by default), which the fast
    parser reads all the same: kept as its text, and equal to the integer the fast parser
    made of it. That integer is known without converting either: by its sign, its size and
    its last digits (enough to tell the item being located from any other)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text.lstrip("+")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LongInteger):
            return self.text == other.text
        if not isinstance(other, int) or isinstance(other, bool):
            return NotImplemented
        negative = self.text.startswith("-")
        digits = self.text.lstrip("-").lstrip("0") or "0"
        if (other < 0) != negative:
            return False
        magnitude = -other if negative else other
        bits = magnitude.bit_length()  # a number of d digits has between (d-1)*log2(10) and d*log2(10) bits
        if not (len(digits) - 1) / LOG10_2 - 1 <= bits <= len(digits) / LOG10_2 + 1:
            return False
        return magnitude % 10**LAST_DIGITS == int(digits[-LAST_DIGITS:])

    __hash__ = None  # type: ignore[assignment]  # equal to an int of another hash: never a key

    def __repr__(self) -> str:
        return f"LongInteger(<{len(self.text.lstrip('-'))} digits>)"


def _load(lines: list[str]) -> Any:
    from ruamel.yaml.error import YAMLError

    try:
        return _yaml().load("\n".join(lines))
    except (YAMLError, ValueError, TypeError, RecursionError):  # RecursionError: deep nesting
        return None
