"""The on-disk cache of validated files, and the compact form worker processes send back.

A file's validated items are stored under the hash of its content (and of the model
definitions and the ipcheck version), so an unchanged file is neither parsed nor
validated again. The cache is safe to delete at any time; an unreadable or stale entry
is simply a miss. Entries live in ``$XDG_CACHE_HOME/ipcheck`` (``~/.cache/ipcheck``) or
the folder given with ``--cache-dir``.

A file unchanged since the last run is not even read: a :class:`FileIndex` per declaration
remembers, for each file, its size, modification and change times and inode when its entry
was made, and the entry's name; a file whose stamp is the same is taken from its entry at once.
A file changed less than :data:`SETTLED_NS` before a run is not remembered (its content is
hashed again next time), so that an edit within the clock's resolution is never missed.

Anyone can compute an entry's name, so every entry is authenticated: it starts with an
HMAC-SHA256 of its name and data under a secret key that never lies in the checked
repository (``IPCHECK_CACHE_KEY``, else a random key made once in ``key`` of the default
cache folder). An entry whose code does not match is a miss, and is never unmarshalled.

The compact form is :mod:`marshal` data: per document, the kind and per item its fields
(dates as ordinals), which become the rebuilt item's ``__dict__`` as they are, with the bits
of the fields written. Items are rebuilt without validating them again (they were
validated when the entry was made, and the code proves that ipcheck wrote it), which is
several times faster than unpickling pydantic models.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import marshal
import secrets
import os
import time
import typing
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from ipcheck import __version__
from ipcheck.load.build import Chunk
from ipcheck.model.declaration import Origin
from ipcheck.model.kinds import KINDS, Item

CACHE_FORMAT = 4
PLAIN, DATE, MODEL, MODELS, DATETIME = 0, 1, 2, 3, 4


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/ipcheck``, else ``~/.cache/ipcheck``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ipcheck"


CACHE_KEY_ENV = "IPCHECK_CACHE_KEY"
"""A secret the pipeline sets (e.g. from its secret store) to authenticate cache entries."""
KEY_FILE = "key"
MAC_BYTES = hashlib.sha256().digest_size


@functools.cache
def cache_secret() -> bytes:
    """The secret that authenticates entries: :data:`CACHE_KEY_ENV`, else the random key kept
    in the default cache folder (made on first use, readable by its owner only), else, when
    that cannot be written, a key for this process alone (entries then last one run)."""
    from ipcheck.atomic import FileExists, write_atomic

    given = os.environ.get(CACHE_KEY_ENV, "")
    if given:
        return hashlib.sha256(given.encode("utf-8", "surrogateescape")).digest()
    path = default_cache_dir() / KEY_FILE
    try:
        write_atomic(path, secrets.token_hex(32), overwrite=False, mode=0o600)
    except FileExists:
        pass
    except OSError:
        return secrets.token_bytes(32)
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return secrets.token_bytes(32)


def mac_of(name: str, data: bytes) -> bytes:
    return hmac.new(cache_secret(), name.encode() + b"\0" + data, hashlib.sha256).digest()


def read_authenticated(path: Path, name: str) -> bytes | None:
    """The data of the file at ``path`` that :func:`write_authenticated` wrote under ``name``;
    None when it cannot be read or its code does not match (such bytes are never decoded)."""
    try:
        stored = path.read_bytes()
    except OSError:
        return None
    data = stored[MAC_BYTES:]
    return data if hmac.compare_digest(stored[:MAC_BYTES], mac_of(name, data)) else None


def write_authenticated(path: Path, name: str, data: bytes) -> bool:
    """Write ``data`` with its code under ``name``, atomically; whether it was written (a cache
    that cannot be written is not an error)."""
    from ipcheck.atomic import write_atomic

    try:
        write_atomic(path, mac_of(name, data) + data)
    except OSError:
        return False
    return True


@functools.cache
def model_key() -> bytes:
    """What a cached entry depends on besides the file: the format, ipcheck's version, the
    source of the code that parses and validates (an editable install keeps its version
    while its code changes), and the versions of the parser and of pydantic."""
    from importlib.metadata import PackageNotFoundError, version

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{__version__}:".encode())
    for source in sorted([*package.glob("load/*.py"), *package.glob("model/*.py"), package / "vocabulary.py"]):
        digest.update(source.name.encode() + source.read_bytes())
    for dependency in ("pydantic", "pydantic-core", "yaml-rs"):
        try:
            digest.update(f"{dependency}={version(dependency)}".encode())
        except PackageNotFoundError:
            digest.update(f"{dependency}=?".encode())
    return digest.digest()


def _field_kind(annotation: Any) -> tuple[int, type[BaseModel] | None]:
    args = [a for a in get_args(annotation) if a is not type(None)] if get_origin(annotation) in (
        typing.Union, getattr(__import__("types"), "UnionType")) else [annotation]
    inner = args[0] if args else annotation
    if inner is dt.date:
        return DATE, None
    if get_origin(inner) is Annotated:  # Items[...]: a tuple of entries
        inner = get_args(inner)[0]
    if get_origin(inner) is tuple and isinstance(get_args(inner)[0], type) and issubclass(get_args(inner)[0], BaseModel):
        return MODELS, get_args(inner)[0]
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return MODEL, inner
    return PLAIN, None


class _Layout:
    """How one model's items are stored: which fields need converting, and the bit of each field."""

    def __init__(self, model: type[BaseModel]) -> None:
        self.model = model
        self.names = tuple(model.model_fields)
        kinds_ = [_field_kind(model.model_fields[n].annotation) for n in self.names]
        self.dates = [name for name, (k, _) in zip(self.names, kinds_) if k == DATE]
        self.models = [(name, k, sub) for name, (k, sub) in zip(self.names, kinds_) if k in (MODEL, MODELS)]
        self.bits = {name: 1 << i for i, name in enumerate(self.names)}
        self._sets: dict[int, set[str]] = {}

    def row(self, item: BaseModel) -> tuple[dict[str, Any], int]:
        """An item as stored: its fields (dates as ordinals, nested models as rows) and the
        bits of the fields written."""
        values = dict(item.__dict__)
        for name in self.dates:
            if values[name] is not None:
                values[name] = values[name].toordinal()
        for name, kind, _ in self.models:
            if values[name] is not None:
                values[name] = _row(values[name]) if kind == MODEL else [_row(v) for v in values[name]]
        bits = self.bits
        return values, sum(bits[name] for name in item.model_fields_set)

    def rebuild(self, row: tuple[dict[str, Any], int]) -> Any:
        return self.rebuild_all([row])[0]

    def rebuild_all(self, rows: list[Any]) -> list[Any]:
        """The items of ``rows`` (as :meth:`row` wrote them), rebuilt without validating them
        again: each row's fields are the item's ``__dict__``. One loop over the rows with
        everything it uses at hand: a register's 100,000 entries are rebuilt at every warm run."""
        width, dates, models, sets = len(self.names), self.dates, self.models, self._sets
        model = self.model
        new, fromordinal = model.__new__, dt.date.fromordinal
        set_dict, set_fields, set_extra, set_private = _SLOT_SETTERS
        items = []
        for row in rows:
            if type(row) is not tuple or len(row) != 2 or type(row[0]) is not dict or len(row[0]) != width:
                raise ValueError("a row of another shape")
            values, mask = row
            for name in dates:
                if values[name] is not None:
                    values[name] = fromordinal(values[name])
            for name, kind, sub in models:
                if values[name] is not None:
                    values[name] = (_rebuild(sub, values[name]) if kind == MODEL
                                    else tuple(_rebuild(sub, v) for v in values[name]))
            fields_set = sets.get(mask)
            if fields_set is None:  # items of a register mostly share one set of written fields
                fields_set = sets[mask] = {n for n, bit in self.bits.items() if mask & bit}
            item = new(model)
            set_dict(item, values)
            set_fields(item, fields_set)
            set_extra(item, None)
            set_private(item, None)
            items.append(item)
        return items


_SLOT_SETTERS = tuple(vars(BaseModel)[slot].__set__
                      for slot in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"))
"""The setters of the slots of every pydantic model (its frozen ``__setattr__`` bypassed)."""


@functools.cache
def _layout(model: type[BaseModel]) -> _Layout:
    return _Layout(model)


def _row(item: BaseModel) -> tuple[dict[str, Any], int]:
    return _layout(type(item)).row(item)


def _rebuild(model: type[BaseModel], row: tuple[dict[str, Any], int]) -> Any:
    return _layout(model).rebuild(row)


def encode(chunks: list[Chunk]) -> bytes:
    """The validated items of one file in compact form."""
    return marshal.dumps([
        (c.origin.document, c.listed, type(c.items[0]).__name__ if c.items else "",
         [layout.row(i) for i in c.items] if (layout := _layout(type(c.items[0])) if c.items else None) else [],
         {index: _tagged(fields) for index, fields in c.extensions.items()} if c.extensions else None)
        for c in chunks
    ])


def _tagged(value: Any) -> Any:
    """Extension fields as written (plain YAML data) in a form :mod:`marshal` keeps: dates as
    ``(DATE, ordinal)`` and date-times as ``(DATETIME, ISO text)`` (YAML data holds no tuples)."""
    if isinstance(value, dt.datetime):
        return (DATETIME, value.isoformat())
    if isinstance(value, dt.date):
        return (DATE, value.toordinal())
    if isinstance(value, list):
        return [_tagged(entry) for entry in value]
    if isinstance(value, dict):
        return {key: _tagged(entry) for key, entry in value.items()}
    return value


def _untagged(value: Any) -> Any:
    """What :func:`_tagged` was given."""
    if isinstance(value, tuple):
        tag, data = value
        if tag == DATE:
            return dt.date.fromordinal(data)
        if tag == DATETIME:
            return dt.datetime.fromisoformat(data)
        raise ValueError(f"unknown tag {tag!r}")
    if isinstance(value, list):
        return [_untagged(entry) for entry in value]
    if isinstance(value, dict):
        return {key: _untagged(entry) for key, entry in value.items()}
    return value


def decode(rel: str, data: bytes) -> list[Chunk]:
    """Chunks of one file from :func:`encode`'s output; TypeError or ValueError when the data
    is not what :func:`encode` writes (an entry damaged or written by something else)."""
    chunks: list[Chunk] = []
    for document, listed, kind, rows, tagged in marshal.loads(data):
        if not isinstance(document, int) or not isinstance(listed, bool) or not isinstance(rows, list):
            raise TypeError("not a cache entry")
        extensions = None if tagged is None else {int(index): _untagged(fields) for index, fields in tagged.items()}
        if not rows:
            chunks.append(Chunk(Origin(rel, document, None), listed, []))
            continue
        model: type[Item] | None = KINDS.get(kind)
        if model is None:
            raise ValueError(f"unknown kind {kind!r}")
        layout = _layout(model)
        items = layout.rebuild_all(rows)
        if not all(isinstance(i.id, str) for i in items):
            raise ValueError("an item without an id")
        if extensions is not None and not all(0 <= index < len(items) for index in extensions):
            raise ValueError("extension fields of no item")
        chunks.append(Chunk(Origin(rel, document, None), listed, items, extensions))
    return chunks


def decode_or_none(rel: str, data: bytes) -> list[Chunk] | None:
    """:func:`decode`, or None for data that cannot be decoded: a damaged entry is a miss,
    whatever is wrong with it (the cache is only ever a shortcut)."""
    try:
        return decode(rel, data)
    except Exception:  # noqa: BLE001 - any failure to decode an entry is a miss
        return None


class Cache:
    """Validated files by content hash, in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, raw: bytes) -> str:
        return hashlib.sha256(model_key() + raw).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"v{CACHE_FORMAT}" / key[:2] / f"{key}.bin"

    def get_bytes(self, key: str) -> bytes | None:
        """The entry of a file in compact form, or None (a miss, or an entry ipcheck did not
        write with this secret: such bytes are never unmarshalled)."""
        return read_authenticated(self._path(key), key)

    def get(self, rel: str, key: str) -> list[Chunk] | None:
        """The cached chunks of a file, or None (a miss, or an entry that cannot be read)."""
        data = self.get_bytes(key)
        return None if data is None else decode_or_none(rel, data)

    def put(self, key: str, data: bytes) -> bool:
        """Store an entry; whether it was stored (a cache that cannot be written is not an error)."""
        return write_authenticated(self._path(key), key, data)


Stamp = tuple[int, int, int, int]
"""What tells a file unchanged without reading it: size, modification and change times (ns), inode."""
SETTLED_NS = 2_000_000_000
"""A file changed this recently (against the clock when the run started) is not remembered by
its stamp: a second edit within a coarse clock tick would keep the same stamp."""


def stamp_of(path: Path) -> Stamp | None:
    """The stamp of a file, or None when it cannot be read."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)


class FileIndex:
    """The entry of each file of one declaration (by its path relative to the root), known by
    the file's :data:`Stamp`; authenticated as entries are, so a planted index is ignored."""

    def __init__(self, cache: Cache, root: Path) -> None:
        self.cache = cache
        self.name = "files:" + hashlib.sha256(model_key() + os.fsencode(str(root.resolve()))).hexdigest()
        self.path = cache.folder / f"v{CACHE_FORMAT}" / "files" / f"{self.name[6:]}.idx"
        self.started_ns = time.time_ns()
        self.known = self._read()
        self.seen: dict[str, tuple[Stamp, str]] = {}

    def _read(self) -> dict[str, tuple[Stamp, str]]:
        data = read_authenticated(self.path, self.name)
        if data is None:
            return {}
        try:
            known = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return {}
        return known if isinstance(known, dict) else {}

    def key(self, rel: str, stamp: Stamp | None) -> str | None:
        """The entry name of ``rel`` when its stamp is the one remembered, else None."""
        found = self.known.get(rel)
        if stamp is None or not isinstance(found, tuple) or len(found) != 2 or found[0] != stamp:
            return None
        return found[1] if isinstance(found[1], str) else None

    def remember(self, rel: str, stamp: Stamp | None, key: str) -> None:
        """``rel`` had ``stamp`` when its content had the entry ``key`` (a file changed too
        recently is not remembered)."""
        if stamp is not None and key and max(stamp[1], stamp[2]) < self.started_ns - SETTLED_NS:
            self.seen[rel] = (stamp, key)

    def save(self) -> None:
        """Keep what this run remembered (the files it saw, and only those), when it changed;
        an index that cannot be written is not an error."""
        if self.seen != self.known:
            write_authenticated(self.path, self.name, marshal.dumps(self.seen))
