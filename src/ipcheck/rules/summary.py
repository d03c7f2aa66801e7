"""What a rule that aggregates over the items of one kind keeps of each item between checks.

A rule that compares items with each other (a number registered twice) or gathers something
from all the items of a kind (the people named as inventors) declares a :class:`Summary`:
the keys each item of one kind is filed under. What the rule reads is the :class:`Filed`
summary of all the items: for each key, the ids of the items filed under it, in the order of
the declaration. A check from scratch builds it; a check kept alive between edits
(``ipcheck watch``, ``ipcheck lsp``) keeps it and files again only the items an edit changed
(:meth:`Filed.refile`), so that a rule judging items one at a time runs again only on the
items filed under a key an edit touched (see :attr:`ipcheck.rules.api.RuleMeta.summary`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ipcheck.model.declaration import Declaration


@dataclass(frozen=True, slots=True)
class Summary:
    """The keys each item of ``kind`` is filed under, for a rule that aggregates over them.

    ``keys`` takes one item of ``kind`` and gives its keys: plain values (text, numbers,
    tuples of them), which depend on that item alone; an item may have none. A key given
    twice by one item is filed once.

    >>> INVENTORS = Summary("Patent", lambda patent: patent.inventors)
    """

    kind: str
    keys: Callable[[Any], Iterable[Hashable]]

    def of(self, declaration: Declaration) -> Filed:
        """The summary of the items of ``kind`` in ``declaration``, built from scratch."""
        filed = Filed()
        keys = self.keys
        for item in declaration.items[self.kind]:
            filed.file(item.id, keys(item))
        return filed


class Filed(Mapping[Hashable, Sequence[str]]):
    """A :class:`Summary` of all the items of its kind: ``filed[key]`` is the ids of the items
    filed under ``key``, in the order of the declaration (``key in filed``: at least one is);
    :meth:`keys_of` gives the keys of one item. Read it, never change it: a check kept alive
    between edits keeps it for the next check. Plain data (dicts, lists, the keys), so that it
    can be pickled with the memo that keeps it."""

    __slots__ = ("_items", "_keys")

    def __init__(self) -> None:
        self._items: dict[Hashable, list[str]] = {}
        """The ids of the items filed under each key, in the order of the declaration."""
        self._keys: dict[str, tuple[Hashable, ...]] = {}
        """The keys of each item that has any, by id."""

    def __getitem__(self, key: Hashable) -> Sequence[str]:
        return self._items[key]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def keys_of(self, item_id: str) -> tuple[Hashable, ...]:
        """The keys the item with that id is filed under (none for an item of another kind)."""
        return self._keys.get(item_id, ())

    def file(self, item_id: str, keys: Iterable[Hashable]) -> tuple[Hashable, ...]:
        """File an item after all those filed so far (building a summary in the order of the
        declaration); its keys, each once."""
        found = tuple(dict.fromkeys(keys))
        if found:
            self._keys[item_id] = found
            items = self._items
            for key in found:
                members = items.get(key)
                if members is None:
                    items[key] = [item_id]
                else:
                    members.append(item_id)
        return found

    def refile(self, summary: Summary, items: Iterable[Any], gone: Iterable[str],
               position: Mapping[str, int]) -> set[Hashable]:
        """File ``items`` (new or changed items of the summary's kind) again under their keys now,
        and forget the items ``gone``, in place; ``position`` is where each item of the kind
        stands in the declaration, by id (the other items kept their order). The keys whose
        items changed: those the items had and those they have."""
        touched: set[Hashable] = set()
        for item_id in gone:
            touched.update(self._unfile(item_id))
        for item in items:
            touched.update(self._unfile(item.id))
            found = tuple(dict.fromkeys(summary.keys(item)))
            if not found:
                continue
            self._keys[item.id] = found
            touched.update(found)
            at = position[item.id]
            for key in found:
                members = self._items.setdefault(key, [])
                members.insert(bisect.bisect_left(members, at, key=position.__getitem__), item.id)
        return touched

    def _unfile(self, item_id: str) -> tuple[Hashable, ...]:
        """Take an item out of the lists of its keys (a key left with no item is dropped)."""
        found = self._keys.pop(item_id, ())
        for key in found:
            members = self._items[key]
            members.remove(item_id)
            if not members:
                del self._items[key]
        return found
