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
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
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
        items = declaration.items[self.kind]
        return Filed.built([item.id for item in items], list(map(self.keys, items)))


class Filed(dict[Hashable, list[str]]):
    """A :class:`Summary` of all the items of its kind: ``filed[key]`` is the ids of the items
    filed under ``key``, in the order of the declaration (``key in filed``: at least one is);
    :meth:`keys_of` gives the keys of one item, :meth:`shared` the keys several items are
    filed under. Read it, never change it: a check kept alive between edits keeps it for the
    next check. Plain data (a dict of lists, the keys), so that it can be pickled."""

    __slots__ = ("_keys", "_shared")

    def __init__(self) -> None:
        super().__init__()
        self._keys: dict[str, Sequence[Hashable]] = {}
        """The keys of each item, by id."""
        self._shared: set[Hashable] = set()
        """The keys more than one item is filed under."""

    @classmethod
    def built(cls, ids: list[str], keys: list[Iterable[Hashable]]) -> Filed:
        """The summary of the items with ``ids``, in that order, each with its ``keys``."""
        filed = cls()
        found = [k if type(k) in _KEPT_AS_GIVEN else tuple(k) for k in keys]
        get = filed.get
        repeated = []
        for item_id, item_keys in zip(ids, found):
            for key in item_keys:
                members = get(key)
                if members is None:
                    filed[key] = [item_id]
                elif members[-1] != item_id:
                    members.append(item_id)
                else:  # a key the item gives twice: filed once
                    repeated.append(item_id)
        filed._shared = {key for key, members in filed.items() if len(members) > 1}
        filed._keys = dict(zip(ids, found))
        for item_id in repeated:
            filed._keys[item_id] = tuple(dict.fromkeys(filed._keys[item_id]))
        return filed

    def keys_of(self, item_id: str) -> Sequence[Hashable]:
        """The keys the item with that id is filed under, each once (none for an item of
        another kind)."""
        return self._keys.get(item_id, ())

    def shared(self) -> AbstractSet[Hashable]:
        """The keys more than one item is filed under."""
        return self._shared

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
            self._keys[item.id] = found
            touched.update(found)
            at = position[item.id]
            for key in found:
                members = self.setdefault(key, [])
                members.insert(bisect.bisect_left(members, at, key=position.__getitem__), item.id)
                if len(members) > 1:
                    self._shared.add(key)
        return touched

    def _unfile(self, item_id: str) -> Sequence[Hashable]:
        """Take an item out of the lists of its keys (a key left with no item is dropped)."""
        found = self._keys.pop(item_id, ())
        for key in found:
            members = self[key]
            members.remove(item_id)
            if len(members) < 2:
                self._shared.discard(key)
            if not members:
                del self[key]
        return found


_KEPT_AS_GIVEN = (tuple, list)
"""Keys given as one of these are kept as they are (others, such as generators, as a tuple)."""
