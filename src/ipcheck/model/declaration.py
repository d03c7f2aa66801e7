"""The loaded declaration: every item by kind and by id, where each came from, and the
references that name nothing (left to the rules to report)."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from ipcheck.model.kinds import KINDS, Enterprise, Item

if TYPE_CHECKING:
    from ipcheck.findings import Location
    from ipcheck.load.locate import Locator

T = TypeVar("T", bound=Item)


class Origin(NamedTuple):
    """Where an item was declared: file (relative), document index, index in ``items:`` (or None)."""

    file: str
    document: int
    index: int | None


class Origins(Mapping[str, Origin]):
    """Where each declared item was declared, by id.

    What is kept is one entry per document and, per id, the number of its document; an
    item's index in ``items:`` is worked out when its origin is asked for, for the few
    items that get a finding. (Indexing the 221,186 items of 100,000 register entries one
    by one, with an :class:`Origin` each, took 0.23 s; a document at a time, 0.15 s.)"""

    def __init__(self) -> None:
        self._document_of: dict[str, int] = {}
        self._documents: list[tuple[Origin, list[str] | None]] = []  # a document's origin; its listed ids
        self._indexes: dict[int, dict[str, int]] = {}

    def add(self, origin: Origin, ids: list[str], listed: bool, *, declared: list[str] | None = None) -> None:
        """Add a document: the ids of its items (of its ``items:`` when ``listed``), in order.
        ``declared`` (default: all of ``ids``) are the ids it is the origin of: not those
        declared before it."""
        number = len(self._documents)
        self._documents.append((origin, ids if listed else None))
        self._document_of.update(dict.fromkeys(ids if declared is None else declared, number))

    def __getitem__(self, item_id: str) -> Origin:
        number = self._document_of[item_id]
        origin, ids = self._documents[number]
        if ids is None:
            return origin
        indexes = self._indexes.get(number)
        if indexes is None:  # the first position of each id (a repeated id keeps its first)
            indexes = self._indexes[number] = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1)))
        return origin._replace(index=indexes[item_id])

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._document_of

    def file_of(self, item_id: str) -> str | None:
        """The file the item was declared in (None for an id declared nowhere)."""
        number = self._document_of.get(item_id)
        return None if number is None else self._documents[number][0].file

    def __iter__(self) -> Iterator[str]:
        return iter(self._document_of)

    def __len__(self) -> int:
        return len(self._document_of)


@dataclass(frozen=True, slots=True)
class DanglingRef:
    """A reference whose id names no declared item."""

    subject: str
    path: tuple[str | int, ...]
    target: str
    expected: str


@dataclass
class Declaration:
    """An enterprise's declared IP management system, validated and indexed."""

    root: str
    items: dict[str, list[Item]] = field(default_factory=lambda: {k: [] for k in KINDS})
    by_id: dict[str, Item] = field(default_factory=dict)
    origins: Origins = field(default_factory=Origins)
    files: list[str] = field(default_factory=list)
    dangling: list[DanglingRef] = field(default_factory=list)
    locator: Locator | None = None
    extensions: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The ``x-`` fields of the items that carry any, by item id: as written until the plugins'
    schemas validated them (:func:`ipcheck.load.extensions.check_extensions`), then validated
    and read-only."""
    derived: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    """What rules work out from the items and share (the people who left, the records by
    form), kept once worked out: see :func:`ipcheck.rules.builtin.common.per_declaration`.
    Empty in a new declaration, and in a copy made with other items
    (:func:`dataclasses.replace` does not copy it)."""

    def of(self, kind: type[T]) -> Sequence[T]:
        """All declared items of a kind, in file order: ``decl.of(Patent)``."""
        return self.items[kind.__name__]  # type: ignore[return-value]

    def seal(self) -> None:
        """Make the containers read-only once the declaration is built: every rule sees the
        same declaration, and one that sorted or emptied a list in place would change what
        the rules after it see. (Items themselves are frozen models.)"""
        self.items = MappingProxyType({kind: tuple(items) for kind, items in self.items.items()})  # type: ignore[assignment]
        self.by_id = MappingProxyType(self.by_id)  # type: ignore[assignment]
        self.files = tuple(self.files)  # type: ignore[assignment]
        self.dangling = tuple(self.dangling)  # type: ignore[assignment]
        self.extensions = MappingProxyType({item_id: MappingProxyType(fields)  # type: ignore[assignment]
                                            for item_id, fields in self.extensions.items()})

    def extension(self, item: Item | str, name: str) -> Any:
        """The value of the extension field ``name`` (``"x-acme"``) of an item (or of the item
        with that id), as its plugin's schema validated it; None when the item does not carry it."""
        fields = self.extensions.get(item if isinstance(item, str) else item.id)
        return None if fields is None else fields.get(name)

    def get(self, item_id: str | None, kind: type[T] | None = None) -> T | None:
        """The item with that id (of that kind, when given), or None."""
        if item_id is None:
            return None
        item = self.by_id.get(item_id)
        if item is None or (kind is not None and not isinstance(item, kind)):
            return None
        return item  # type: ignore[return-value]

    def resolve(self, ids: list[str], kind: type[T]) -> Iterator[T]:
        """The items a list of references names, skipping dangling ones."""
        for item_id in ids:
            item = self.get(item_id, kind)
            if item is not None:
                yield item

    @property
    def enterprise(self) -> Enterprise | None:
        found = self.items["Enterprise"]
        return found[0] if found else None  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self.by_id)

    def locate(self, subject: str | None, path: tuple[str | int, ...] = ()) -> Location:
        """Exact file:line:column of an item's field (or of the item itself), computed on demand.

        With no subject, the location is the enterprise profile (or the first file).
        """
        from ipcheck.findings import Location

        if subject is None or subject not in self.origins:
            ent = self.enterprise
            if ent is not None and subject != ent.id:
                return self.locate(ent.id)
            return Location(self.files[0] if self.files else ".", 1, 1)
        origin = self.origins[subject]
        if self.locator is None:
            return Location(origin.file, 1, 1)
        return self.locator.locate(origin, path, fields=self.by_id[subject].model_fields_set)
