"""What a check with the on-disk cache keeps for the next one: the state of the live engine.

``ipcheck watch`` and ``ipcheck lsp`` keep, between two checks, each file's items (a
:class:`~ipcheck.load.LoadMemo`) and what each rule reported (a
:class:`~ipcheck.rules.incremental.RuleMemo`), so that a check after an edit reads again only
the files that changed and runs again only the rules whose inputs changed. A run of
``ipcheck check`` with the cache does the same from one process to the next, through the
same code (:func:`ipcheck.check.run_check` with a ``memo`` and a ``rule_memo``):

- each file's items are its cache entry, known by the file's stamp (size, modification and
  change times, inode) through the cache's :class:`~ipcheck.load.cache.FileIndex`; a file
  whose stamp changed is read, parsed and validated again;
- the rule memo is kept in ``state/`` of the cache folder, one file per declaration folder.
  It is pickled as it is (it leaves out itself what is quicker to work out again, see
  :meth:`~ipcheck.rules.incremental.RuleMemo.__getstate__`), except what the next run has
  at hand anyway: the items of each kind and the texts of the files are written as
  references to the files' entries and to the files (see :data:`PROTOCOL`). Restoring it
  costs a small part of a cold check (see docs/performance.md).

The state is authenticated as entries are (HMAC-SHA256 under the cache's secret): bytes
whose code does not match are never unpickled, and even then only classes (ipcheck's own and
a few of the standard library's, never a function) can be made. A state written by other code (another
ipcheck version, other rules or plugins, another state format) is not used: every rule
runs. What else rules' results depend on (the date judged at, the edition, the language,
the configuration, the folder) is the rule memo's own key (see
:meth:`~ipcheck.rules.incremental.RuleMemo.begin`): under another key every rule runs again.
A file changed since the state was written counts as rewritten whole (its old text is not
kept): its findings are located again.

A state, like an entry, is only ever a shortcut: one that cannot be read, written or
restored is a cold run, never an error.
"""

from __future__ import annotations

import hashlib
import io
import operator
import pickle
import sys
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ipcheck import __version__
from ipcheck.load import FileResult, LoadMemo
from ipcheck.load.build import Chunk
from ipcheck.load.cache import (
    Cache,
    FileIndex,
    Stamp,
    encode,
    model_key,
    read_authenticated,
    stamp_of,
    write_authenticated,
)
from ipcheck.load.discover import discover
from ipcheck.load.edit import Remembered
from ipcheck.load.parse import read_file
from ipcheck.model.declaration import Declaration
from ipcheck.plugins import Plugins
from ipcheck.rules.incremental import RuleMemo

STATE_FORMAT = 1
SAFE_MODULES = frozenset({"datetime", "decimal", "fractions", "collections", "pathlib", "enum"})
"""Modules of the standard library whose classes a state may hold (besides ipcheck's own)."""
SAFE_BUILTINS = frozenset({"set", "frozenset", "complex", "slice", "range", "bytearray"})
UNKNOWN_TEXT = b""
"""The last text of a file that changed since the state was written: not kept, taken as empty
(the whole file is then an edit: every finding in it is located again)."""


@dataclass
class WarmStart:
    """What a run takes from the last one, and needs to keep its own state for the next."""

    cache: Cache
    index: FileIndex
    path: Path
    name: str
    code: str
    stamps: dict[str, Stamp | None]
    memo: LoadMemo
    rule_memo: RuleMemo
    sources: dict[str, bytes]
    """The texts of the files known unchanged, read once here (the load reads them from here)."""


def warm_start(paths: list[Path], exclude: tuple[str, ...], max_file_bytes: int, cache_dir: Path,
               plugins: Plugins) -> WarmStart | None:
    """The state of the last run with the cache in ``cache_dir`` for the declaration at
    ``paths``: each file whose stamp is unchanged, rebuilt from its entry, and the rule memo.
    None when most of the declaration (in bytes) lies in files the cache does not know by
    their stamps: the run is a cold one, loading files the usual way (in threads)."""
    root, files, problems = discover(paths, exclude=exclude)
    if problems:
        return None
    cache = Cache(cache_dir)
    index = FileIndex(cache, root)
    stamps = {rel: stamp_of(path) for path, rel in files}
    sizes = {rel: stamp[0] if stamp else 0 for rel, stamp in stamps.items()}
    known = {rel: key for rel, stamp in stamps.items()
             if (key := index.key(rel, stamp)) and sizes[rel] <= max_file_bytes}
    if sum(sizes.values()) > 2 * sum(sizes[rel] for rel in known):
        return None
    memo, sources = LoadMemo(), {}
    for path, rel in files:
        chunks = cache.get(rel, known[rel]) if rel in known else None
        raw = read_file(path, rel, max_file_bytes) if chunks is not None else None
        if isinstance(raw, bytes) and len(raw) == sizes[rel]:
            memo[rel] = Remembered(raw, FileResult(rel, chunks, None, [], bool(chunks), key=known[rel]))  # type: ignore[arg-type]
            sources[rel] = raw
    if not memo:
        return None
    name = "state:" + index.name.removeprefix("files:")
    path = index.path.parent.parent / "state" / f"{name[6:]}.state"
    code = code_key(plugins)
    rule_memo = _read(path, name, code, cache, memo) or RuleMemo()
    return WarmStart(cache, index, path, name, code, stamps, memo, rule_memo, sources)


def keep(warm: WarmStart, declaration: Declaration) -> None:
    """After a check that loaded ``declaration``: remember each file's entry by its stamp
    (storing the entries of the files read again) and write the rule memo for the next run."""
    entries: list[tuple[str, str]] = []
    for rel in declaration.files:  # in the order of the declaration's items
        remembered = warm.memo[rel]
        result = remembered.result
        key = result.key or _stored(warm.cache, remembered)
        if not key or result.problems or result.chunks is None:
            return
        warm.index.remember(rel, warm.stamps.get(rel), key)
        entries.append((rel, key))
    warm.index.save()
    files = [warm.memo[rel].result.chunks or [] for rel, _ in entries]
    by_kind = _by_kind(files)
    kinds = sorted(kind for kind, found in declaration.items.items()
                   if found and _same_sequence(found, by_kind.get(kind, ())))
    refs = [*(warm.memo[rel].raw for rel, _ in entries), *(declaration.items[kind] for kind in kinds)]
    try:
        header = pickle.dumps((STATE_FORMAT, warm.code, entries, kinds), protocol=PROTOCOL)
        data = header + _dumps(warm.rule_memo, refs)
    except Exception:  # noqa: BLE001 - what a plugin's rule keeps may not pickle: no state, a cold run next time
        return
    write_authenticated(warm.path, warm.name, data)


def _by_kind(files: list[list[Chunk]]) -> dict[str, list[Any]]:
    """The items of each kind of the chunks of ``files``, in their order: a declaration's
    items of a kind, when it loaded without a problem (see :meth:`~ipcheck.load.build.Builder.add_chunks`)."""
    found: dict[str, list[Any]] = {}
    for chunks in files:
        for chunk in chunks:
            if chunk.items:
                found.setdefault(type(chunk.items[0]).__name__, []).extend(chunk.items)
    return found


def _same_sequence(one: Sequence[Any], other: Sequence[Any]) -> bool:
    return len(one) == len(other) and all(map(operator.is_, one, other))


def code_key(plugins: Plugins) -> str:
    """What a state depends on besides the declaration and the run's options: its format,
    ipcheck's version and the code of the models, ipcheck's own files and the rules' and
    plugins' (by their stamps: an editable install keeps its version while its code changes)."""
    package = Path(__file__).resolve().parent
    sources = {*package.rglob("*.py"), *package.rglob("*.yaml")}
    sources.update(Path(rule.meta.source.rpartition(":")[0]) for rule in plugins.rules() if rule.meta.source)
    digest = hashlib.sha256(f"{STATE_FORMAT}:{__version__}:".encode() + model_key())
    for source in sorted(sources):
        digest.update(f"{source}={stamp_of(source)}\n".encode())
    for info in plugins.info:
        digest.update(f"{info.name}:{info.version}:{info.origin}:{info.location}:{info.state}\n".encode())
    digest.update(" ".join(rule.id for rule in plugins.rules()).encode())
    return digest.hexdigest()


def _stored(cache: Cache, remembered: Remembered) -> str:
    """The name of the entry of a file read again by this run, stored now ("" when it cannot be)."""
    key = cache.key(remembered.raw)
    return key if remembered.result.chunks is not None and cache.put(key, encode(remembered.result.chunks)) else ""


def _read(path: Path, name: str, code: str, cache: Cache, memo: LoadMemo) -> RuleMemo | None:
    """The rule memo of the state at ``path``; None when there is none, or it is not ipcheck's
    with this secret, or was written by other code, or its items' entries are gone."""
    data = read_authenticated(path, name)
    if data is None:
        return None
    stream = io.BytesIO(data)
    try:
        header = _Unpickler(stream).load()
        if not (isinstance(header, tuple) and len(header) == 4 and header[:2] == (STATE_FORMAT, code)):
            return None
        refs = _refs(header[2], header[3], cache, memo)
        if refs is None:
            return None
        rule_memo = _loads(stream, refs)
    except Exception:  # noqa: BLE001 - a state that cannot be restored is a cold run, whatever is wrong with it
        return None
    return rule_memo if isinstance(rule_memo, RuleMemo) else None


def _refs(entries: list[tuple[str, str]], kinds: list[str], cache: Cache, memo: LoadMemo) -> list[Any] | None:
    """What :func:`keep` wrote as references, restored in its order: the text of each of the
    last run's files (:data:`UNKNOWN_TEXT` for one that changed since) and the items of each
    of ``kinds``; None when an entry is gone."""
    texts: list[bytes] = []
    files: list[list[Chunk]] = []
    for rel, key in entries:
        remembered = memo.get(rel)
        if remembered is not None and remembered.result.key == key:
            chunks, text = remembered.result.chunks, remembered.raw
        else:
            chunks, text = cache.get(rel, key), UNKNOWN_TEXT
        if chunks is None:
            return None
        files.append(chunks)
        texts.append(text)
    by_kind = _by_kind(files)
    return [*texts, *(tuple(by_kind[kind]) for kind in kinds)]


def _proxy(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


PROTOCOL = 3
"""The pickle protocol of the state. Objects the next run restores otherwise (the references)
are not pickled: the pickler's memo starts with them, so that each is written as a memo
look-up (in C, with no call per object pickled, which a persistent id costs), and the
unpickler's memo starts with what they were restored as. Protocol 3 writes each new memo
entry with its number (protocol 4 numbers them as they come, from a count the memo given
to an unpickler does not set)."""


def _dumps(obj: Any, refs: list[Any]) -> bytes:
    """``obj`` pickled, each of ``refs`` as its number among them."""
    memo: dict[int, tuple[int, Any]] = {}
    spare = []  # alive while pickling, so that no object pickled takes their ids
    for number, ref in enumerate(refs):
        if id(ref) in memo:  # listed twice (the empty text of two empty files): the second place is left unused,
            ref = object()   # so that the memo holds one entry per number and new entries come after them
            spare.append(ref)
        memo[id(ref)] = (number, ref)
    buffer = io.BytesIO()
    pickler = _Pickler(buffer, PROTOCOL)
    pickler.memo = memo
    pickler.dump(obj)
    return buffer.getvalue()


def _loads(stream: io.BytesIO, refs: list[Any]) -> Any:
    """What :func:`_dumps` wrote, read from ``stream``, with ``refs`` in place of the references."""
    unpickler = _Unpickler(stream)
    unpickler.memo = _memo_of(refs)
    return unpickler.load()


def _memo_of(refs: list[Any]) -> Any:
    """An unpickler's memo holding ``refs`` by their numbers. (An unpickler given a dict as its
    memo drops it, in CPython up to 3.12; a memo is copied from another unpickler's.) The
    other unpickler reads, for each number, ``BININT number BINPERSID MEMOIZE POP``: the
    persistent id is looked up in ``refs`` in C, with no Python call per reference."""
    count = len(refs)
    numbers = array("i", range(count))
    if sys.byteorder == "big":
        numbers.byteswap()  # BININT is little-endian
    stream = bytearray(8 * count)
    stream[0::8] = b"J" * count
    for byte in range(4):
        stream[1 + byte::8] = numbers.tobytes()[byte::4]
    stream[5::8], stream[6::8], stream[7::8] = b"Q" * count, b"\x94" * count, b"0" * count
    seeding = pickle.Unpickler(io.BytesIO(b"\x80\x04" + bytes(stream) + b"N."))
    seeding.persistent_load = refs.__getitem__  # type: ignore[method-assign]
    seeding.load()
    return seeding.memo


class _Pickler(pickle.Pickler):
    """Pickles the sealed declaration's read-only mappings as the dicts they show."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is MappingProxyType:
            return _proxy, (dict(obj),)
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    """Unpickles a state: only ipcheck's classes and those of :data:`SAFE_MODULES`."""

    def find_class(self, module: str, name: str) -> Any:
        if (module == "ipcheck" or module.startswith("ipcheck.") or module in SAFE_MODULES
                or (module == "builtins" and name in SAFE_BUILTINS)):
            found = super().find_class(module, name)
            if isinstance(found, type) or found is _proxy:  # classes, never functions that could act
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not kept in a state")
