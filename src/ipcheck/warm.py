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
  It is pickled as it is, except what is kept elsewhere: the items it holds are written as
  their places among the files' entries, and the texts of files as the files' names.
  Restoring it costs a small part of a cold check (see docs/performance.md).

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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel

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
    chunks = [warm.memo[rel].result.chunks or [] for rel, _ in entries]
    refs: dict[int, Any] = {id(warm.memo[rel].raw): rel for rel, _ in entries}
    by_kind = _by_kind(chunks)
    refs.update((id(found), (kind,)) for kind, found in declaration.items.items()
                if found and _same_sequence(found, by_kind.get(kind, ())))
    buffer = io.BytesIO()
    try:
        pickle.dump((STATE_FORMAT, warm.code, entries), buffer, protocol=pickle.HIGHEST_PROTOCOL)
        _Pickler(buffer, refs, chunks).dump(warm.rule_memo)
    except Exception:  # noqa: BLE001 - what a plugin's rule keeps may not pickle: no state, a cold run next time
        return
    write_authenticated(warm.path, warm.name, buffer.getvalue())


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
        header = _Unpickler(stream, [], {}).load()
        if not (isinstance(header, tuple) and len(header) == 3 and header[:2] == (STATE_FORMAT, code)):
            return None
        entries: list[tuple[str, str]] = header[2]
        kept = _kept_items(entries, cache, memo)
        if kept is None:
            return None
        rule_memo = _Unpickler(stream, *kept).load()
    except Exception:  # noqa: BLE001 - a state that cannot be restored is a cold run, whatever is wrong with it
        return None
    return rule_memo if isinstance(rule_memo, RuleMemo) else None


def _kept_items(entries: list[tuple[str, str]], cache: Cache, memo: LoadMemo
                ) -> tuple[list[Any], dict[Any, Any]] | None:
    """What the state refers to: the items of the last run's files, in the order the state
    numbers them, and by the file's name its text (:data:`UNKNOWN_TEXT` for one that changed
    since), and by ``(kind,)`` the items of each kind; None when an entry is gone."""
    files: list[list[Chunk]] = []
    refs: dict[Any, Any] = {}
    for rel, key in entries:
        remembered = memo.get(rel)
        if remembered is not None and remembered.result.key == key:
            chunks, refs[rel] = remembered.result.chunks, remembered.raw
        else:
            chunks, refs[rel] = cache.get(rel, key), UNKNOWN_TEXT
        if chunks is None:
            return None
        files.append(chunks)
    refs.update(((kind,), tuple(items)) for kind, items in _by_kind(files).items())
    return [item for chunks in files for chunk in chunks for item in chunk.items], refs


def _proxy(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


class _Pickler(pickle.Pickler):
    """Pickles the rule memo with what the next run restores otherwise as references (``refs``,
    by the object's id): an item as its number, a file's text as the file's name, the items
    of a kind as ``(kind,)``."""

    def __init__(self, file: io.BytesIO, refs: dict[int, Any], files: list[list[Chunk]]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.refs, self.files, self.numbered = refs, files, False

    def persistent_id(self, obj: Any) -> Any:
        found = self.refs.get(id(obj))
        if found is None and not self.numbered and isinstance(obj, BaseModel):  # the first item held otherwise
            items = [item for chunks in self.files for chunk in chunks for item in chunk.items]
            self.refs.update(zip(map(id, items), range(len(items))))
            self.numbered = True
            found = self.refs.get(id(obj))
        return found

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is MappingProxyType:  # a sealed declaration's containers
            return _proxy, (dict(obj),)
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    """Unpickles what :class:`_Pickler` wrote, its references to the restored ``items`` (by
    number) and to ``refs`` (by name); only ipcheck's classes and the standard library's in
    :data:`SAFE_MODULES`."""

    def __init__(self, file: io.BytesIO, items: list[Any], refs: dict[Any, Any]) -> None:
        super().__init__(file)
        self.items, self.refs = items, refs

    def persistent_load(self, pid: Any) -> Any:
        return self.items[pid] if type(pid) is int else self.refs[pid]

    def find_class(self, module: str, name: str) -> Any:
        if (module == "ipcheck" or module.startswith("ipcheck.") or module in SAFE_MODULES
                or (module == "builtins" and name in SAFE_BUILTINS)):
            found = super().find_class(module, name)
            if isinstance(found, type) or found is _proxy:  # classes, never functions that could act
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not kept in a state")
