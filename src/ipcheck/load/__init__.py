"""Loading a declaration: find the files, parse them fast, build the validated model.

The pipeline is ``discover`` (which files) -> ``parse`` (bytes to plain data, fast) ->
``build`` (plain data to validated items, per file; then one indexed
:class:`~ipcheck.model.declaration.Declaration` with its references checked). Each file
is loaded on its own (:func:`_load_file`), so that files can be loaded in two threads
(the default), in worker processes (``jobs``), and taken from the on-disk :mod:`.cache`.
Exact line and column numbers are not computed while loading: :mod:`.locate` finds them
on demand, for the few items that have a finding or an error.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipcheck.findings import Location, Problem
from ipcheck.load.batches import BATCHES_FROM_BYTES, validated_in_batches
from ipcheck.load.build import Builder, Chunk
from ipcheck.load.cache import Cache, FileIndex, decode_or_none, encode, stamp_of
from ipcheck.load.discover import discover
from ipcheck.load.edit import Remembered, Replaced, reload_entries
from ipcheck.load.locate import SourceText
from ipcheck.load.parse import parse_scanned_file, read_file, scanned_text
from ipcheck.load.sheets import is_sheet_name, parse_sheets
from ipcheck.load.threads import thread_stack
from ipcheck.model.declaration import DanglingRef, Declaration, Origins
from ipcheck.model.kinds import Item

DEFAULT_MAX_FILE_BYTES = 48 * 1024 * 1024


@contextlib.contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector for the block.

    Loading makes millions of objects and no cycles; with the collector on, its repeated
    scans of them cost about as much as parsing itself (measured: building 100,000
    patents takes 1.36 s with it, 0.38 s without).

    With ``freeze``, the objects alive when the block ends are moved to the collector's
    permanent generation (:func:`gc.freeze`) before it resumes, so it never scans them
    again; reference counting still frees them. For a command that ends after the block:
    otherwise the first collection after it scans every object the check made, for
    nothing (measured: 0.75 s of a 3.6 s check of 100,000 entries).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.freeze()
            gc.enable()


class LoadFailed(Exception):
    """The declaration cannot be loaded; ``problems`` says where and why (exit 2)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = sorted(problems, key=Problem.sort_key)


@dataclass(frozen=True, slots=True)
class FileResult:
    """One file, loaded: its validated chunks (or their compact form, from a worker process),
    the problems found in it, and whether it held any document at all."""

    rel: str
    chunks: list[Chunk] | None
    encoded: bytes | None
    problems: list[Problem]
    has_documents: bool
    cached: bool = False
    """``encoded`` is a cache entry a worker read (it says whether the file has documents)."""
    key: str = ""
    """The name of the file's cache entry, when it has one (read or written by this run)."""
    source: SourceText | None = None
    """The file's text as it was parsed (decoded, with '\n' line ends), with where its
    documents start as the loader found them, for the locator, which would otherwise read the
    file again; None for a file taken from the cache or loaded by a worker process."""


def _load_file(root: Path, path: Path, rel: str, max_file_bytes: int, cache_dir: Path | None,
               encode_result: bool, source: bytes | None = None, batched: bool = False) -> FileResult:
    """Read (unless its ``source`` is given), parse and validate one file, through the cache
    when there is one; ``batched``: in batches if it is large enough (see :func:`_in_batches`)."""
    raw = source if source is not None else read_file(path, rel, max_file_bytes)
    if isinstance(raw, Problem):
        return FileResult(rel, None, None, [raw], True)
    cache = Cache(cache_dir) if cache_dir is not None else None
    key = cache.key(raw) if cache is not None else ""
    if cache is not None and encode_result:  # a worker: the entry goes back as it is, for the main process
        data = cache.get_bytes(key)
        if data is not None:
            return FileResult(rel, None, data, [], True, cached=True, key=key)
    elif cache is not None:
        chunks = cache.get(rel, key)
        if chunks is not None:
            return FileResult(rel, chunks, None, [], bool(chunks), key=key)
    checker = Builder(root)
    validated = _validated_chunks(checker, path, rel, raw, batched)
    if isinstance(validated, Problem):
        return FileResult(rel, None, None, [validated], True)
    chunks, has_documents, source = validated
    # The valid documents of a file with problems still count: references to their items
    # are then checked as usual. Only a file without problems is cached.
    encoded = encode(chunks) if encode_result or (cache is not None and not checker.problems) else None
    stored = cache is not None and encoded is not None and not checker.problems and cache.put(key, encoded)
    if encode_result:
        return FileResult(rel, None, encoded, checker.problems, has_documents, key=key if stored else "")
    return FileResult(rel, chunks, None, checker.problems, has_documents, key=key if stored else "", source=source)


def _validated_chunks(checker: Builder, path: Path, rel: str, raw: bytes,
                      batched: bool) -> tuple[list[Chunk], bool, SourceText | None] | Problem:
    """The validated chunks of one file's bytes (their shape problems go to ``checker``),
    whether it held any document and the text parsed (None for a spreadsheet); or the
    problem that stops it from being parsed. With ``batched``, a large file is parsed in
    batches when it is laid out for it (:mod:`.batches`)."""
    source = None
    if is_sheet_name(rel):
        parsed = parse_sheets(path, rel, raw)
    else:
        text = scanned_text(rel, raw)
        if isinstance(text, Problem):
            return text
        source = SourceText(text)
        chunks = validated_in_batches(rel, source) if batched and len(raw) >= BATCHES_FROM_BYTES else None
        if chunks is not None:
            return chunks, True, source
        parsed = parse_scanned_file(path, rel, text)
    if isinstance(parsed, Problem):
        return parsed
    return checker.validate_file(parsed), any(doc is not None for doc in parsed.documents), source


BATCHES_FROM_SHARE = 0.8
"""A large file is parsed in batches (:mod:`.batches`) when it holds this share of the bytes
loaded or more. Beside other files, the two loading threads already keep the GIL busy while
one of them parses (yaml-rs lets go of it for about half of a parse), and batches cost a
little more CPU than a whole parse: measured at 100,000 register entries, the 36 MB register
with 5 MB of other files loads in 0.89x the time in batches, with 13 MB in 1.02x, with the 20
MB of the generated declaration's other files in 1.07x (docs/performance.md)."""


def _in_batches(size: int, loaded_bytes: int) -> bool:
    """Whether a file of ``size`` bytes, among ``loaded_bytes`` loaded in all, is parsed in batches."""
    return size >= BATCHES_FROM_BYTES and size >= BATCHES_FROM_SHARE * loaded_bytes


PARSE_THREADS = 2
"""Threads that load files when no worker processes are asked for. yaml-rs lets go of the
GIL for about half of its parse (measured: two threads parse two copies of a 12 MB register
in 0.39 s, where one thread parses one in 0.26 s), so one thread parses while the other
validates; the validating half holds the GIL, so more threads would only wait."""
THREADS_FROM_BYTES = 1024 * 1024
"""Below this much YAML in all, files load in one thread: the threads would cost more than
they save (measured: 12 ms more on the 0.4 MB exemplar, about 40 ms less on the 5.5 MB of
10,000 register entries)."""


def _load_files(root: Path, files: list[tuple[Path, str]], max_file_bytes: int, jobs: int,
                cache_dir: Path | None) -> list[FileResult]:
    """Each file loaded by :func:`_load_file`: in ``jobs`` worker processes, else in up to
    :data:`PARSE_THREADS` threads (from :data:`THREADS_FROM_BYTES` on); the results in the
    order of ``files`` whatever the order they were made in. The biggest files start first,
    so that the workers finish together. No more processes start than there are files or
    CPUs: more would only wait, each costing the memory of an interpreter (``-j 99999``
    exhausted it).

    With a cache, the files the cache's :class:`~.cache.FileIndex` knows unchanged are not read:
    the main thread rebuilds their items from their entries while the other files load."""
    stamps = [stamp_of(path) for path, _ in files]
    index = FileIndex(Cache(cache_dir), root) if cache_dir is not None else None
    entries = {i: key for i, (_, rel) in enumerate(files)
               if index is not None and (key := index.key(rel, stamps[i])) and stamps[i][0] <= max_file_bytes}
    todo = [i for i in range(len(files)) if i not in entries]
    sizes = [stamp[0] if stamp is not None else 0 for stamp in stamps]
    workers = min(jobs, len(todo), os.cpu_count() or 1)
    processes = workers > 1
    threads = (min(PARSE_THREADS, os.cpu_count() or 1, len(todo))
               if sum(sizes[i] for i in todo) >= THREADS_FROM_BYTES else 1)
    loaded_bytes = sum(sizes[i] for i in todo)
    batched = {i for i in todo if not processes and _in_batches(sizes[i], loaded_bytes)}
    results: dict[int, FileResult] = {}
    if not processes and threads <= 1:
        results.update(_cached(root, files, entries, max_file_bytes, cache_dir))
        results.update({i: _load_file(root, *files[i], max_file_bytes, cache_dir, False, None, i in batched)
                        for i in todo})
    else:
        results.update(_in_pool(root, files, todo, sizes, max_file_bytes, cache_dir, workers if processes else 0,
                                threads, lambda: _cached(root, files, entries, max_file_bytes, cache_dir), batched))
    loaded = [results[i] for i in range(len(files))]
    if index is not None:
        for (_, rel), stamp, result in zip(files, stamps, loaded):
            if not result.problems:
                index.remember(rel, stamp, result.key)
        index.save()
    return loaded


def _cached(root: Path, files: list[tuple[Path, str]], entries: dict[int, str], max_file_bytes: int,
            cache_dir: Path | None) -> dict[int, FileResult]:
    """The files known unchanged, rebuilt from their cache ``entries``; one whose entry cannot
    be read is loaded as any other."""
    cache = Cache(cache_dir) if cache_dir is not None else None
    results = {}
    for i, key in entries.items():
        rel = files[i][1]
        chunks = cache.get(rel, key) if cache is not None else None
        results[i] = (FileResult(rel, chunks, None, [], bool(chunks), key=key) if chunks is not None
                      else _load_file(root, files[i][0], rel, max_file_bytes, cache_dir, False))
    return results


def _in_pool(root: Path, files: list[tuple[Path, str]], todo: list[int], sizes: list[int], max_file_bytes: int,
             cache_dir: Path | None, processes: int, threads: int,
             meanwhile: Callable[[], dict[int, FileResult]], batched: set[int]) -> dict[int, FileResult]:
    """The files ``todo`` loaded in ``processes`` worker processes (when over 0), else in
    ``threads`` threads, those in ``batched`` in batches; ``meanwhile`` runs on this thread
    while they load."""
    # Imported here: a small declaration loads in one thread, and process pools cost 5 ms to import.
    from concurrent.futures import (
        BrokenExecutor,
        Executor,
        ProcessPoolExecutor,
        ThreadPoolExecutor,
    )

    order = sorted(todo, key=lambda i: -sizes[i])
    pool: Executor = (ProcessPoolExecutor(max_workers=processes, initializer=_worker_start) if processes
                      else ThreadPoolExecutor(max_workers=threads))
    try:
        with contextlib.nullcontext() if processes else thread_stack():  # threads start with the submits
            futures = {i: pool.submit(_load_file, root, files[i][0], files[i][1], max_file_bytes, cache_dir,
                                      bool(processes), None, i in batched) for i in order}
        results = meanwhile()
        results.update({i: futures[i].result() for i in todo})
    except BrokenExecutor:
        raise LoadFailed([Problem("load", "a worker process ended abruptly (out of memory, or killed) while "
                                  "loading the declaration", Location(".", 1, 1),
                                  hint="run again without --jobs: the file that cannot be loaded is then named")]) from None
    finally:  # on Ctrl-C (or a failure) the files not started yet are dropped, not loaded first
        pool.shutdown(wait=True, cancel_futures=True)
    paths = {rel: path for path, rel in files}
    return {i: r if r.encoded is None else _decoded(r, lambda rel: _load_file(root, paths[rel], rel, max_file_bytes,
                                                                              None, False))
            for i, r in results.items()}


def _decoded(result: FileResult, reload: Callable[[str], FileResult]) -> FileResult:
    """A worker's result with its items rebuilt from their compact form; a cache entry the
    worker read that cannot be decoded is a miss: the file is loaded again, here."""
    chunks = decode_or_none(result.rel, result.encoded) if result.encoded is not None else None
    if chunks is None:
        return reload(result.rel)
    has_documents = bool(chunks) if result.cached else result.has_documents
    return FileResult(result.rel, chunks, None, result.problems, has_documents, key=result.key)


def _worker_start() -> None:
    """In a worker process: Ctrl-C is the main process's to handle (it stops the pool; a
    worker hit by it printed a traceback), SIGTERM ends the worker quietly, and on Linux the
    worker is ended when the main process dies (killed, it left workers blocked for ever)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass


PR_SET_PDEATHSIG = 1
"""prctl(2): the signal a process gets when its parent dies."""


def load(
    paths: list[Path],
    *,
    exclude: tuple[str, ...] = (),
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    jobs: int = 1,
    cache_dir: Path | None = None,
    sources: Mapping[str, bytes] | None = None,
    memo: dict[str, Remembered] | None = None,
) -> Declaration:
    """Load the declaration found at ``paths`` (files or folders); raise :class:`LoadFailed`.

    Every problem in every file is collected before failing, so that one run shows them all.
    With ``jobs`` > 1, files are parsed and validated in that many processes; with a
    ``cache_dir``, files whose content was validated before are taken from the cache.

    For a long-running front end (``ipcheck watch``, ``ipcheck lsp``): ``sources`` are the
    texts of files as an editor holds them, by path relative to the root, read instead of
    the files on disk; ``memo`` keeps each file's result between loads, so that a file whose
    bytes did not change is neither parsed nor validated again, and a file an edit changed
    within the entries of one ``items:`` list is parsed and validated again in those
    entries alone (see :mod:`.edit`).
    """
    with gc_paused():
        root, files, problems = discover(paths, exclude=exclude)
        if memo is None and not sources:
            results = _load_files(root, files, max_file_bytes, jobs, cache_dir)
        else:
            results = _load_remembered(root, files, max_file_bytes, sources or {}, memo if memo is not None else {})
        for result in results:
            problems += result.problems
        if not problems and not any(r.has_documents for r in results):
            shown = ", ".join(str(p) for p in paths)
            empty = f": {'its YAML files are' if len(files) > 1 else 'the YAML file is'} empty" if files else ""
            problems.append(
                Problem("load", f"no declaration found in {shown}{empty}",
                        Location(files[0][1], 1, 1) if files else _root_location(paths),
                        hint="ipcheck reads *.yaml and *.yml files, and registers kept as *.xlsx, *.xls, *.ods and "
                             "*.csv; run `ipcheck init` for a starter declaration")
            )
        builder = Builder(root, sources, None if memo is None else RememberedTexts(memo))
        built = memo.built if isinstance(memo, LoadMemo) and not problems else None
        if built is None or not rebuilt(builder, built, [rel for _, rel in files], memo):  # type: ignore[arg-type]
            for result in results:
                if result.source is not None and memo is None:
                    builder.locator.know(result.rel, result.source)
                if result.chunks is not None:
                    builder.add_chunks(result.rel, result.chunks)
                else:
                    builder.decl.files.append(result.rel)
            builder.check_references()
        problems += builder.problems
        if isinstance(memo, LoadMemo):
            memo.built = None if problems else Built.of(builder, memo)
        if problems:
            raise LoadFailed(problems)
        builder.decl.seal()
        return builder.decl


class LoadMemo(dict[str, "Remembered"]):
    """What a long-running front end keeps between loads: each file (see :class:`.edit.Remembered`),
    and the index built of them at the last load that had no problem."""

    built: Built | None = None


@dataclass
class Built:
    """The index of a declaration, built from the files as they were remembered then."""

    files: list[str]
    remembered: dict[str, Remembered]
    items: dict[str, list[Item]]
    by_id: dict[str, Item]
    origins: Origins
    extensions: dict[str, dict[str, Any]]
    dangling_of: dict[str, list[DanglingRef]]

    @classmethod
    def of(cls, builder: Builder, memo: dict[str, Remembered]) -> Built:
        decl = builder.decl
        return cls(list(decl.files), dict(memo), {kind: list(items) for kind, items in decl.items.items()},
                   decl.by_id, decl.origins, decl.extensions, dict(builder.dangling_of))


def rebuilt(builder: Builder, built: Built, files: list[str], memo: dict[str, Remembered]) -> bool:
    """Build the index in ``builder`` from the last one (``built``) when the same files are
    loaded and the only change is items put in place of others with the same ids (see
    :class:`.edit.Replaced`): those items are put in its place, and their references alone
    are checked again (every other item's are what they were, among the same ids). False,
    building nothing, when that is not the case."""
    if files != built.files:
        return False
    changes: list[tuple[str, Replaced]] = []
    for rel in files:
        now, before = memo.get(rel), built.remembered.get(rel)
        if now is before:
            continue
        if now is None or now.replaced is None or now.replaced.before is not before:
            return False
        changes.append((rel, now.replaced))
    decl = builder.decl
    items = {kind: list(found) for kind, found in built.items.items()}
    by_id = dict(built.by_id)
    changed: dict[str, dict[int, Item]] = {}
    for rel, replaced in changes:
        chunks = replaced.before.result.chunks or []
        kind = type(chunks[replaced.chunk].items[0]).__name__
        offset = replaced.first + _before(built, files, rel, replaced.chunk, kind)
        bucket = items[kind]
        for number, item in enumerate(replaced.items, offset):
            if bucket[number].id != item.id:
                return False
            bucket[number] = by_id[item.id] = item
            changed.setdefault(kind, {})[number] = item
    decl.items, decl.by_id, decl.origins, decl.files = items, by_id, built.origins, list(files)
    decl.extensions = dict(built.extensions)
    builder.check_references(built.dangling_of, changed)
    return True


def _load_remembered(root: Path, files: list[tuple[Path, str]], max_file_bytes: int, sources: Mapping[str, bytes],
                     memo: dict[str, Remembered]) -> list[FileResult]:
    """Each file loaded, or taken from ``memo`` when its bytes are those it was loaded from,
    or loaded again in the entries an edit changed (:func:`.edit.reload_entries`); ``memo``
    is brought up to date, and forgets files gone from ``files``."""
    results = []
    for path, rel in files:
        raw = sources.get(rel)
        if raw is None:
            raw = read_file(path, rel, max_file_bytes)
            if isinstance(raw, Problem):
                results.append(FileResult(rel, None, None, [raw], True))
                memo.pop(rel, None)
                continue
        remembered = memo.get(rel)
        if remembered is None or remembered.raw != raw:
            edited = None if remembered is None else reload_entries(remembered, raw)
            remembered = memo[rel] = edited or Remembered(raw, _load_file(root, path, rel, max_file_bytes, None,
                                                                          False, raw, True))
        results.append(remembered.result)
    for gone in set(memo) - {rel for _, rel in files}:
        del memo[gone]
    return results


class RememberedTexts(MutableMapping[str, SourceText]):
    """The texts of remembered files as the locator reads them, kept with the files (see
    :class:`.edit.Remembered`): a file's text is scanned once, not at every load."""

    def __init__(self, memo: dict[str, Remembered]) -> None:
        self.memo = memo

    def __getitem__(self, rel: str) -> SourceText:
        found = self.memo[rel].text
        if found is None:
            raise KeyError(rel)
        return found

    def __setitem__(self, rel: str, text: SourceText) -> None:
        if rel in self.memo:
            self.memo[rel].text = text

    def __delitem__(self, rel: str) -> None:
        self.memo[rel].text = None

    def __iter__(self) -> Iterator[str]:
        return (rel for rel, remembered in self.memo.items() if remembered.text is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _before(built: Built, files: list[str], rel: str, chunk: int, kind: str) -> int:
    """How many items of ``kind`` the index holds before chunk number ``chunk`` of file ``rel``."""
    count = 0
    for name in files:
        chunks = built.remembered[name].result.chunks or []
        for chunk_items in (c.items for c in (chunks[:chunk] if name == rel else chunks)):
            if chunk_items and type(chunk_items[0]).__name__ == kind:
                count += len(chunk_items)
        if name == rel:
            return count
    return count


def _root_location(paths: list[Path]) -> Location:
    return Location(str(paths[0]) if paths else ".", 1, 1)
