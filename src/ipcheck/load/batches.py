"""A large file parsed in batches of entries, each batch validated while the next is parsed.

yaml-rs lets go of the GIL for about half of a parse (``bench/gil.py``: 56% of the parse of
a 36 MB register). A register parsed whole is validated after the whole parse; parsed in
batches of its ``items:`` entries by a thread of its own, its batches are validated
(pydantic, which holds the GIL) while the parser builds the next ones: the register alone
loads in 0.82x the time. Beside other files there is no gain (the loading threads already
overlap parsing and validation), hence :data:`ipcheck.load.BATCHES_FROM_SHARE`.

Batches are cut only at the entries of a document's top-level ``items:`` list, and only
where that certainly gives what a parse of the whole file gives: every document of the file
is a list of entries (its head, up to the first entry, holds no more than ``apiVersion``,
``kind`` and the ``items:`` key), documents are separated by plain ``---`` lines, and each
batch is plainly laid out entries (see :mod:`.entries`). The cheap scans made before
parsing (nesting, tags, aliases) have been made on the whole text. At any problem (a file
laid out otherwise, a batch that does not parse into its entries, an entry that is not
valid) :func:`validated_in_batches` gives up, and the file is parsed and validated whole,
which finds and locates every problem as it always does.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ipcheck.load.build import API_VERSION, ENVELOPE, Chunk, validated_entries
from ipcheck.load.entries import entry_count, entry_line, parsed_entries
from ipcheck.load.locate import SourceText
from ipcheck.load.parse import parse_scanned
from ipcheck.load.threads import thread_stack
from ipcheck.model.declaration import Origin
from ipcheck.model.kinds import KINDS, Item

BATCHES_FROM_BYTES = 4 * 1024 * 1024
"""Files of this size or more are parsed in batches (when they are laid out for it)."""
BATCH_BYTES = 1024 * 1024
"""Text in each batch, about (a batch ends where an entry starts): the first is a quarter
of it, so that validating starts early."""

_MARKER_LINE = re.compile(r"---(?:[ \t]++(?:#[^\n]*+)?)?\n")
"""A document-start marker alone on its line (a comment may follow it)."""
_FIRST_MARKER_LINE = re.compile(r"(?:[ \t]*+(?:#[^\n]*+)?\n)*+" + _MARKER_LINE.pattern)
"""Blank and comment lines, then the first document's marker line."""


@dataclass(frozen=True, slots=True)
class ListDocument:
    """A document that is a list of entries: its number in the file, its kind's model, the
    column of its entries, and the (start, end) offsets of the text of each batch."""

    number: int
    model: type[Item]
    column: int
    batches: list[tuple[int, int]]


def validated_in_batches(rel: str, source: SourceText) -> list[Chunk] | None:
    """The validated items of each document of a file whose text (``source``, as
    :func:`~.parse.scanned_text` gives it) is parsed in batches, one batch validated while
    the next ones are parsed; None when the file is not laid out for it, or any batch holds
    a problem: it is then parsed and validated whole. Where the documents and lists start is
    found in ``source``, which keeps it for the locator."""
    documents = batch_plan(rel, source)
    if documents is None:
        return None
    text = source.text
    batches = [(document, start, end) for document in documents for start, end in document.batches]
    parser = ThreadPoolExecutor(max_workers=1)
    try:
        with thread_stack():  # the parser's thread starts with the first batch
            parsed = deque((document, parser.submit(_parsed_batch, rel, text, document.column, start, end))
                           for document, start, end in batches)
        return _validated(rel, documents, parsed)
    finally:  # at a problem, the batches not parsed yet are dropped
        parser.shutdown(wait=True, cancel_futures=True)


def _validated(rel: str, documents: list[ListDocument],
               parsed: deque[tuple[ListDocument, Future[list[dict[str, Any]] | None]]]) -> list[Chunk] | None:
    """The chunk of each of ``documents``, its batches' entries (``parsed``: each batch's
    document, and its entries to come) validated as they come, each batch's data let go once
    validated; None at the first problem."""
    chunks = {document.number: Chunk(Origin(rel, document.number, None), True, [], {}) for document in documents}
    while parsed:
        document, future = parsed.popleft()
        entries = future.result()
        if entries is None:
            return None
        try:
            valid, extensions = validated_entries(document.model, entries)
        except ValidationError:
            return None
        chunk = chunks[document.number]
        assert chunk.extensions is not None
        chunk.extensions.update((len(chunk.items) + index, fields) for index, fields in extensions.items())
        chunk.items.extend(valid)
    return [chunk._replace(extensions=chunk.extensions or None) for chunk in chunks.values()]


def _parsed_batch(rel: str, text: str, column: int, start: int, end: int) -> list[dict[str, Any]] | None:
    """The entries of one batch, parsed; None when they are not plainly entries, or hold a problem."""
    region = text[start:end]
    count = entry_count(region, column)
    return None if count is None else parsed_entries(rel, region, count, parse_scanned)


def batch_plan(rel: str, source: SourceText) -> list[ListDocument] | None:
    """Every document of ``source`` as a list of entries cut in batches; None when one is not
    certainly a list of entries of a known kind, or anything but marker lines lies between
    documents."""
    text = source.text
    documents: list[ListDocument] = []
    previous_end = 0
    for number, (start, end) in enumerate(source.spans()):
        between = text[previous_end:start]
        marker = _FIRST_MARKER_LINE if number == 0 else _MARKER_LINE
        if between and marker.fullmatch(between) is None:
            return None
        listed = source.list_start(number)
        if listed is None or listed[0] == end:
            return None
        first, column = listed
        model = _list_kind(rel, text[start:first])
        if model is None:
            return None
        documents.append(ListDocument(number, model, column, list(_cuts(text, column, first, end))))
        previous_end = end
    return documents if documents and previous_end == len(text) else None


def _list_kind(rel: str, head: str) -> type[Item] | None:
    """The model of the kind a document's ``head`` (its text before its first entry) names, when
    it holds nothing but ``apiVersion: ipcheck/v1``, ``kind`` and the ``items:`` key; else None."""
    if "&" in head or "*" in head:
        return None
    documents = parse_scanned(rel, head)
    if not isinstance(documents, list) or len(documents) != 1 or not isinstance(documents[0], dict):
        return None
    fields = documents[0]
    if (not set(fields) <= {*ENVELOPE, "items"} or "items" not in fields or fields["items"] is not None
            or fields.get("apiVersion", API_VERSION) != API_VERSION or not isinstance(fields.get("kind"), str)):
        return None
    return KINDS.get(fields["kind"])


def _cuts(text: str, column: int, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each batch of the entries (at ``column``) from offset ``start`` to ``end``:
    about :data:`BATCH_BYTES` each (the first, a quarter), each ending where an entry starts."""
    entry = entry_line(column)
    size = BATCH_BYTES // 4
    while start < end:
        cut = entry.search(text, start + size, end) if start + size < end else None
        stop = cut.start() + 1 if cut is not None else end
        yield start, stop
        start, size = stop, BATCH_BYTES
