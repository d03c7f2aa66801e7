"""Exact file:line:column of any declared value, computed only when a report needs it.

Loading keeps no positions (that would cost more than the parse itself). When a finding
or an error needs one, the locator cuts the item's lines out of its file with a cheap
text scan, parses just those lines with ruamel.yaml (which keeps positions), and checks
that they hold exactly the item that was loaded. If the check fails (unusual layouts:
flow style, odd markers), it parses the whole document instead: slower, always exact.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ipcheck.findings import Location
from ipcheck.load.yamlfile import plain
from ipcheck.load.parse import DOC_START, DOC_START_AFTER_NEWLINE, count_documents, count_markers
from ipcheck.model.declaration import Origin

_ITEMS_LINE = re.compile(r"^items[ \t]*:[ \t]*(?:#.*)?$", re.MULTILINE)
# A plain key at the start of a line's content: `name:` followed by a space or the line's end.
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]|$)")
ENVELOPE = ("kind", "apiVersion", "items")

Verifier = Callable[[Any], bool]


class _File:
    """The lines of one file and, lazily, where its documents and items start."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self._last = (0, 0)  # (offset, line) of the last line_of answer
        self._doc_offsets: list[tuple[int, int]] = []
        self._docs: list[tuple[int, int]] | None = None
        self._items: dict[int, list[int] | None] = {}
        self._keys_of: dict[Origin, dict[str, tuple[int, int, int]] | None] = {}
        self.whole: list[Any] | None = None

    def line_of(self, offset: int) -> int:
        """0-based line of the character at ``offset`` (cheap for increasing offsets)."""
        last_offset, last_line = self._last
        if offset < last_offset:
            last_offset, last_line = 0, 0
        line = last_line + self.text.count("\n", last_offset, offset)
        self._last = (offset, line)
        return line

    def documents(self) -> list[tuple[int, int]]:
        """(first line, end line) of every document, 0-based, end exclusive; their offsets
        are kept in ``self._doc_offsets``."""
        if self._docs is None:
            text = self.text
            starts: list[tuple[int, int]] = []  # (line, offset)
            if count_documents(text) > count_markers(text):
                starts.append((0, 0))
            if DOC_START.match(text):
                starts.append((1, text.find("\n") + 1 if "\n" in text else len(text)))
            for m in DOC_START_AFTER_NEWLINE.finditer(text):
                after = text.find("\n", m.end())
                starts.append((self.line_of(m.start() + 1) + 1, len(text) if after < 0 else after + 1))
            ends = [(line - 1, offset) for line, offset in starts[1:]] + [(len(self.lines), len(text))]
            self._docs = [(a[0], b[0]) for a, b in zip(starts, ends)]
            self._doc_offsets = [(a[1], b[1]) for a, b in zip(starts, ends)]
        return self._docs

    def item_starts(self, doc: int) -> list[int] | None:
        """First line of every entry of the document's top-level ``items:`` list."""
        if doc not in self._items:
            self._items[doc] = self._scan_items(doc)
        return self._items[doc]

    def item_keys(self, origin: Origin) -> dict[str, tuple[int, int, int]] | None:
        """``{key: (line, key column, value column or -1)}`` of the item's top-level keys
        (0-based; with ``kind`` and ``apiVersion`` for a one-item document), found by
        scanning its lines; None when the lines cannot be told apart."""
        if origin in self._keys_of:
            return self._keys_of[origin]
        self._keys_of[origin] = found = self._scan_keys(origin)
        return found

    def _scan_keys(self, origin: Origin) -> dict[str, tuple[int, int, int]] | None:
        docs = self.documents()
        if origin.document >= len(docs):
            return None
        first, end = docs[origin.document]
        if origin.index is None:
            return self._keys(first, end, 0)
        starts = self.item_starts(origin.document)
        if starts is None or origin.index + 1 >= len(starts):
            return None
        a, b = starts[origin.index], starts[origin.index + 1]
        line = self.lines[a]
        dash = line.index("-")
        content = len(line) - len(line[dash + 1:].lstrip(" "))
        return self._keys(a, b, content, first_line_col=content)

    def _keys(self, first: int, end: int, indent: int, *,
              first_line_col: int | None = None) -> dict[str, tuple[int, int, int]] | None:
        keys: dict[str, tuple[int, int, int]] = {}
        lines = self.lines
        for i in range(first, end):
            line = lines[i]
            col = first_line_col if (i == first and first_line_col is not None) else len(line) - len(line.lstrip(" "))
            if col != indent:
                continue
            match = _KEY.match(line, col)
            if match is None:
                if line[col:].strip() and not line[col:].lstrip().startswith("#") and col == indent:
                    return None  # something other than a plain key at the item's indentation
                continue
            name = match.group(1)
            if name in keys:
                return None
            rest = line[match.end():].strip()
            value = -1 if not rest or rest.startswith("#") else len(line) - len(line[match.end():].lstrip(" \t"))
            keys[name] = (i, col, value)
        return keys

    def next_content(self, line: int) -> tuple[int, int]:
        """(line, column) of the first non-blank, non-comment line after ``line``."""
        for i in range(line + 1, len(self.lines)):
            text = self.lines[i]
            stripped = text.lstrip(" ")
            if stripped and not stripped.startswith("#"):
                return i, len(text) - len(stripped)
        return line, 0

    def _scan_items(self, doc: int) -> list[int] | None:
        """Lines where the entries of ``items:`` start, then the line where the list ends.

        A regular-expression pass over the text: only lines indented no deeper than the
        entries are looked at, so the cost is one step per entry, not per line.
        """
        text, lines = self.text, self.lines
        first, end = self.documents()[doc]
        start, stop = self._doc_offsets[doc]
        key = _ITEMS_LINE.search(text, start, stop)
        if key is None:
            return None
        head = self.line_of(key.start())
        indent = -1
        for i in range(head + 1, end):  # the first entry gives the entries' indentation
            stripped = lines[i].lstrip(" ")
            if stripped and not stripped.startswith("#"):
                if not stripped.startswith("-"):
                    return None
                indent = len(lines[i]) - len(stripped)
                break
        if indent < 0:
            return [end]
        starts: list[int] = []
        shallow = re.compile(rf"\n( {{0,{indent}}})(?=[^ \n])")
        for match in shallow.finditer(text, key.end(), stop):
            at = match.end()
            line = self.line_of(at)
            if text[at] == "#":
                continue
            if len(match.group(1)) == indent and text[at] == "-" and text[at + 1 : at + 2] in (" ", "\t", "\n", ""):
                starts.append(line)
                continue
            starts.append(line)  # a shallower line, or one at the entries' indentation that is no entry: the end
            return starts
        starts.append(end)
        return starts


class Locator:
    """Finds positions in the files of one declaration; caches per file what it scanned."""

    def __init__(self, root: Path, verifier: Callable[[Origin, Any, Any], bool]) -> None:
        self.root = root
        self._files: dict[str, _File] = {}
        self._verify = verifier

    def _file(self, rel: str) -> _File:
        if rel not in self._files:
            self._files[rel] = _File((self.root / rel).read_bytes().decode("utf-8-sig"))
        return self._files[rel]

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
        try:
            if fields is not None and len(path) <= 1 and all(isinstance(p, str) for p in path):
                fast = self._fast(origin, path, fields, key)
                if fast is not None:
                    return fast
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

    def _fast(self, origin: Origin, path: tuple[str | int, ...], fields: set[str], key: bool) -> Location | None:
        source = self._file(origin.file)
        keys = source.item_keys(origin)
        if keys is None or {k for k in keys if origin.index is not None or k not in ENVELOPE} != fields:
            return None
        if not path:
            line, col = min(keys.values())[:2]
        elif path[0] in keys:
            line, key_col, value_col = keys[path[0]]
            col = key_col if key else value_col
            if value_col < 0:  # the value starts on a later line
                line, col = (line, key_col) if key else source.next_content(line)
        else:
            line, col = min(keys.values())[:2]  # a missing field: the item itself
        return Location(origin.file, line + 1, col + 1)

    def _node(self, origin: Origin, expect: Any) -> tuple[Any, int, int, int] | None:
        """(ruamel node of the item, line offset, item line, item column), or None."""
        source = self._file(origin.file)
        docs = source.documents()
        if origin.document < len(docs):
            first, end = docs[origin.document]
            if origin.index is None:
                node = _load(source.lines[first:end])
                if isinstance(node, dict) and self._verify(origin, plain(node), expect):
                    return node, first, *_first_key(node)
            else:
                starts = source.item_starts(origin.document)
                if starts is not None and origin.index + 1 < len(starts):
                    a, b = starts[origin.index], starts[origin.index + 1]
                    seq = _load(source.lines[a:b])
                    if isinstance(seq, list) and len(seq) == 1 and self._verify(origin, plain(seq[0]), expect):
                        line, col = seq.lc.item(0)
                        return seq[0], a, line, col
        return self._whole(source, origin)

    def _whole(self, source: _File, origin: Origin) -> tuple[Any, int, int, int] | None:
        if source.whole is None:
            try:
                source.whole = list(_yaml().load_all(source.text))
            except Exception:  # noqa: BLE001 - any parser failure means: no exact position
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
            return (node, 0, *source.next_content(docs[origin.document][0] - 1)) if origin.document < len(docs) else None
        items = node.get("items") if isinstance(node, dict) else None
        if isinstance(items, list) and origin.index < len(items):
            line, col = items.lc.item(origin.index)
            return items[origin.index], 0, line, col
        return None


def _first_key(node: Any) -> tuple[int, int]:
    for k in node:
        return node.lc.key(k)
    return 0, 0


@functools.cache
def _yaml() -> Any:
    """A round-trip ruamel.yaml loader that, like the fast parser, leaves an impossible
    date ('2024-13-01') as a string instead of failing."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class Constructor(RoundTripConstructor):
        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return self.construct_scalar(node)

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
    yaml = YAML(typ="rt")
    yaml.Constructor = Constructor
    return yaml


def _load(lines: list[str]) -> Any:
    from ruamel.yaml.error import YAMLError

    try:
        return _yaml().load("\n".join(lines))
    except (YAMLError, ValueError, TypeError, RecursionError):  # RecursionError: deep nesting
        return None
