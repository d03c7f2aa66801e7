"""Checking again after an edit, re-running only the rules whose inputs changed.

A check kept alive between edits (:mod:`ipcheck.live`) keeps a :class:`RuleMemo`: the items
of each kind as the last check saw them, and what each rule reported then. On the next
check, a rule that declares what it reads (:attr:`~ipcheck.rules.api.RuleMeta.reads`) is
not run again when none of those kinds changed: its violations are taken from the memo, and
its findings too, moved by the lines an edit added or removed above them; only the
findings about an item whose lines an edit changed, or that is now declared in another
file, are located again. A rule that judges items one at a time
(:attr:`~ipcheck.rules.api.RuleMeta.per_item`) runs on the changed items alone when they are
all that changed. A rule that aggregates over the items of a kind
(:attr:`~ipcheck.rules.api.RuleMeta.summary`) reads a summary of them that is kept between
checks, with only the changed items filed again; judging items one at a time, it runs again
on the items filed under the keys an edit touched. A rule that declares nothing runs on
every check, as in a cold one.

The result is the cold check's, finding for finding: the memo is dropped whenever what is
not an item changes (the date judged at, the edition, the configuration, the language).
"""

from __future__ import annotations

import codecs
import dataclasses
import heapq
import operator
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from types import MappingProxyType
from typing import TYPE_CHECKING

from ipcheck.findings import Finding, Location
from ipcheck.load.edit import Changed, Remembered, common_ends
from ipcheck.load.locate import SourceText
from ipcheck.rules.api import CheckContext, RuleMeta, Violation
from ipcheck.rules.summary import Filed

if TYPE_CHECKING:
    from ipcheck.model.declaration import Declaration, Origin
    from ipcheck.model.kinds import Item

Made = tuple[Violation, tuple[str, str]]
"""A violation with its message and corrective action (see :func:`ipcheck.rules.engine._violations`)."""


@dataclass
class Kept:
    """What one rule reported at the last check: its violations, each with the finding made of
    it (before the protection scope, systemic merging and per-file ignores, which are applied
    again each time)."""

    violations: list[Made]
    findings: list[Finding]


@dataclass(frozen=True, slots=True)
class Edit:
    """Where one file changed: the lines (1-based) from ``first`` to ``last`` of its new text
    differ from the lines ``first`` to ``last - moved`` of the old; the lines after moved by
    ``moved``. ``start`` and ``end`` are the changed part of the new text, as offsets in the
    text a locator reads (decoded)."""

    first: int
    last: int
    moved: int
    start: int
    end: int


def edit_between(old: bytes, new: bytes) -> Edit | None:
    """The lines that differ between two texts of a file (None when line ends other than
    ``\n`` and ``\r\n`` make lines uncertain): what is not the longest common beginning and
    end."""
    if b"\r" in old or b"\r" in new:
        return None
    start, end = common_ends(old, new)
    size_old, size_new = len(old), len(new)
    first = new.count(b"\n", 0, start) + 1
    last_new = new.count(b"\n", 0, max(start, size_new - end)) + 1
    last_old = old.count(b"\n", 0, max(start, size_old - end)) + 1
    # In decoded characters (a character cut at either end counts as changed; a byte-order
    # mark is not part of the text a locator reads).
    before = len(new[:start].decode("utf-8", "ignore"))
    changed = len(new[start:max(start, size_new - end)].decode("utf-8", "ignore")) + 2
    bom = 1 if new.startswith(codecs.BOM_UTF8) else 0
    return Edit(first, last_new, last_new - last_old, max(0, before - bom - 1), before - bom + changed)


def edit_of(before: bytes, now: Remembered) -> Edit | None:
    """The lines that differ between the text of a file at the last check (``before``) and
    now: what the loader found when it loaded the file again in the entries an edit changed
    alone (:class:`~ipcheck.load.edit.Changed`), else what :func:`edit_between` finds."""
    changed = now.changed
    if changed is not None and now.text is not None and (changed.before is before or changed.before == before):
        return _edit_changed(changed, now.text)
    return edit_between(before, now.raw)


def _edit_changed(changed: Changed, text: SourceText) -> Edit:
    """The lines an edit the loader placed changed, counted in the new text (from the nearest
    line number it knows)."""
    first = text.line_of(changed.start) + 1
    last = text.line_of(max(changed.start, changed.new_end)) + 1
    return Edit(first, last, changed.lines, max(0, changed.start - 1), changed.new_end + 2)


@dataclass
class Delta:
    """What changed since the last check: kinds whose items differ, files whose text differs
    (or that came or went) with the lines an edit changed in each, and for each changed kind
    the ids of its changed or new items. ``in_place``: the changed kinds whose items all stand
    where they stood, with the same ids (only the values of some changed)."""

    kinds: frozenset[str]
    files: frozenset[str]
    edits: Mapping[str, Edit | None]
    declaration: Declaration
    previous: Mapping[str, Sequence[Item]]
    in_place: frozenset[str] = frozenset()
    _items: dict[str, frozenset[str]] = field(default_factory=dict)
    _positions: dict[str, dict[str, int]] = field(default_factory=dict)
    """The place of each item of a kind, by id (shared with the memo, which keeps them while
    the items of the kind stay in place)."""
    _overlapping: dict[str, Callable[[Origin], bool]] = field(default_factory=dict)

    def changed_items(self, kind: str) -> frozenset[str]:
        """Ids of the items of ``kind`` that are new or differ from the last check."""
        found = self._items.get(kind)
        if found is None:
            before = {item.id: item for item in self.previous.get(kind, ())}
            found = self._items[kind] = frozenset(
                item.id for item in self.declaration.items[kind]
                if (old := before.get(item.id)) is not item and not same_item(old, item))
        return found

    def kept(self, finding: Finding) -> Finding | None:
        """A finding of the last check as this check places it, or None when it must be located
        again: it is about no declared item (placed at the enterprise), its item is now
        declared in another file, or its item's text touches what an edit changed. The text of
        an item an edit did not touch is the same, moved by the lines the edit added or
        removed above it."""
        subject, location = finding.subject, finding.location
        origins = self.declaration.origins
        if subject is None or origins.file_of(subject) != location.file:
            return None
        if location.file not in self.files:
            return finding
        edit, locator = self.edits.get(location.file), self.declaration.locator
        if edit is None or locator is None or edit.first <= location.line <= edit.last:
            return None
        overlaps = self._overlapping.get(location.file)
        if overlaps is None:
            overlaps = self._overlapping[location.file] = locator.overlapping(location.file, edit.start, edit.end)
        if overlaps(origins[subject]):
            return None
        if location.line < edit.first:
            return finding
        return dataclasses.replace(finding, location=Location(location.file, location.line + edit.moved,
                                                              location.column, location.cell))

    def positions(self, kind: str) -> dict[str, int]:
        """The place of each item of ``kind`` in the declaration, by id."""
        found = self._positions.get(kind)
        if found is None:
            found = self._positions[kind] = {item.id: number for number, item in
                                             enumerate(self.declaration.items[kind])}
        return found


@dataclass
class RuleMemo:
    """The state a check kept alive between edits carries from one check to the next: plain
    data (items, texts, findings, summaries, dicts and numbers), so that it can be pickled."""

    key: Hashable = None
    kinds: Mapping[str, Sequence[Item]] = field(default_factory=dict)
    texts: dict[str, bytes] = field(default_factory=dict)
    kept: dict[str, Kept] = field(default_factory=dict)
    actions: dict[str, tuple[Finding, dict[str, str]]] = field(default_factory=dict)
    """The last action plan's entries, by fingerprint, with their findings."""
    checks: int = 0
    """How many checks began (:meth:`begin`)."""
    summaries: dict[str, tuple[int, Filed]] = field(default_factory=dict)
    """The summary each rule that declares one read (see :attr:`~ipcheck.rules.api.RuleMeta.summary`),
    by rule id, with the number of the check it was brought up to date for."""
    positions: dict[str, dict[str, int]] = field(default_factory=dict)
    """The place of each item of a kind, by id, kept while the items of the kind stay in place."""

    def __getstate__(self) -> dict[str, object]:
        """What a pickle of the memo holds: all but the summaries and places of items, built
        again from the items faster than they are read back (a rule with a summary then runs
        in full at the first check after)."""
        return {**self.__dict__, "summaries": {}, "positions": {}}

    def known_actions(self, delta: Delta, reads: tuple[str, ...]) -> dict[str, tuple[Finding, dict[str, str]]]:
        """The entries of the last action plan that hold still: none when items of a kind the
        plan reads (``reads``) changed; otherwise those whose finding's own item did not change."""
        if delta.kinds.intersection(reads):
            return {}
        changed = {item_id for kind in delta.kinds for item_id in delta.changed_items(kind)}
        return {key: entry for key, entry in self.actions.items() if entry[0].subject not in changed}

    def begin(self, key: Hashable, declaration: Declaration, files: Mapping[str, Remembered]) -> Delta:
        """Start a check of ``declaration`` (whose files are ``files``, as the loader keeps
        them) under ``key`` (everything besides the items that rules' results depend on): what
        changed. Only the texts of the files that changed are compared."""
        if key != self.key:
            self.kept.clear()
            self.actions.clear()
            self.key = key
        self.checks += 1
        previous = self.kinds
        kinds, in_place, changed_ids = _changed_kinds(previous, declaration.items)
        for kind in kinds - in_place:
            self.positions.pop(kind, None)
        texts = {rel: remembered.raw for rel, remembered in files.items()}
        changed = frozenset(rel for rel in {*texts, *self.texts}
                            if texts.get(rel) is not self.texts.get(rel) and texts.get(rel) != self.texts.get(rel))
        edits = {rel: edit_of(self.texts[rel], files[rel]) for rel in changed if rel in self.texts and rel in texts}
        self.kinds, self.texts = declaration.items, texts
        return Delta(kinds, changed, edits, declaration, previous, in_place, changed_ids, self.positions)

    def summarised(self, meta: RuleMeta, delta: Delta) -> tuple[Filed, set[Hashable] | None]:
        """The summary a rule declares (:attr:`~ipcheck.rules.api.RuleMeta.summary`) of the
        declaration checked, and the keys whose items changed since the last check (None when
        it was built anew: any may have). Kept from the last check, and brought up to date by
        filing again the items that changed when the items of its kind stayed in place."""
        summary = meta.summary
        assert summary is not None
        kind = summary.kind
        found = self.summaries.get(meta.id)
        touched: set[Hashable] | None
        if found is None or found[0] != self.checks - 1 or (kind in delta.kinds and kind not in delta.in_place):
            filed, touched = summary.of(delta.declaration), None
        elif kind not in delta.kinds:
            filed, touched = found[1], set()
        else:
            filed = found[1]
            by_id = delta.declaration.by_id
            touched = filed.refile(summary, [by_id[item_id] for item_id in delta.changed_items(kind)], (),
                                   delta.positions(kind))
        self.summaries[meta.id] = (self.checks, filed)
        return filed, touched

    def plan(self, meta: RuleMeta, delta: Delta, summary: tuple[Filed, set[Hashable] | None] | None = None
             ) -> tuple[Kept | None, frozenset[str] | None]:
        """How to check one rule: (what it reported last, the ids of the items to run it on).
        (None, None): run it in full. (kept, None): its inputs did not change. (kept, ids): run
        it on the items ``ids`` of its ``per_item`` kind alone. ``summary``: the rule's summary
        (:meth:`summarised`) and the keys whose items changed."""
        kept = self.kept.get(meta.id)
        if kept is None or meta.reads is None:
            return None, None
        touched = delta.kinds.intersection(meta.reads)
        if not touched:
            return kept, None
        kind = meta.per_item
        summarised = meta.summary.kind if meta.summary is not None else None
        if kind is None or not touched <= {kind, summarised}:
            return None, None
        ids = delta.changed_items(kind) if kind in touched else frozenset()
        if summarised in touched:
            if summary is None or summary[1] is None:  # the summary was built anew: any key may have changed
                return None, None
            ids = ids.union(concerned(meta, summary[0], summary[1], delta))
        return kept, ids

    def keep(self, meta: RuleMeta, violations: list[Made], findings: list[Finding], delta: Delta) -> None:
        """Remember what a rule that declares its inputs reported (a per-item rule only when
        its violations come item by item, in the order of the items, as merging needs)."""
        if meta.reads is None:
            return
        if meta.per_item is not None and violations and not _item_by_item(violations, delta.positions(meta.per_item)):
            return
        self.kept[meta.id] = Kept([_valueless(v, texts) for v, texts in violations], findings)

    def forget(self, meta: RuleMeta) -> None:
        self.kept.pop(meta.id, None)
        self.summaries.pop(meta.id, None)

    def retain(self, rule_ids: set[str]) -> None:
        """Forget the rules a check does not run: what they reported is older than the last check."""
        for rule_id in set(self.kept) - rule_ids:
            del self.kept[rule_id]
        for rule_id in set(self.summaries) - rule_ids:
            del self.summaries[rule_id]


def concerned(meta: RuleMeta, filed: Filed, keys: Iterable[Hashable], delta: Delta) -> set[str]:
    """The items of a rule's per-item kind that a change of the items filed under ``keys`` in
    its summary concerns: those filed under them (a summary of the per-item kind) and those
    whose ids are keys."""
    kind = meta.per_item
    assert kind is not None and meta.summary is not None
    positions = delta.positions(kind)
    found = {key for key in keys if isinstance(key, str) and key in positions}
    if meta.summary.kind == kind:
        for key in keys:
            if key in filed:
                found.update(filed[key])
    return found


def same_item(old: Item | None, new: Item) -> bool:
    """Whether two items hold the same values (a model's own comparison, without the steps
    that only matter for models with private or extra attributes, which items have not)."""
    return old is new or (type(old) is type(new) and old.__dict__ == new.__dict__)


def _changed_kinds(previous: Mapping[str, Sequence[Item]], items: Mapping[str, Sequence[Item]]
                   ) -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]]]:
    """The kinds whose items differ between two checks; those of them whose items all stand
    where they stood, with the same ids; and for these, the ids of the items that changed.
    Items an edit did not touch are the same objects (the loader keeps them), so the items
    are compared by identity first, and by value only where that differs."""
    kinds, in_place, changed_ids = set(), set(), {}
    for kind, new in items.items():
        old = previous.get(kind)
        if old is None or len(old) != len(new):
            kinds.add(kind)
            continue
        differ = list(compress(range(len(new)), map(operator.is_not, old, new)))
        if not differ:
            continue
        changed = [new[at].id for at in differ if not same_item(old[at], new[at])]
        if not changed:
            continue
        kinds.add(kind)
        if all(old[at].id == new[at].id for at in differ):
            in_place.add(kind)
            changed_ids[kind] = frozenset(changed)
    return frozenset(kinds), frozenset(in_place), changed_ids


def _valueless(violation: Violation, texts: tuple[str, str]) -> Made:
    """A kept violation: its texts are made, and its values, which may read the declaration
    it was made from, are not kept (that would keep the whole declaration alive)."""
    if type(violation.values) is dict or not violation.values:
        return violation, texts
    return Violation(violation.message, violation.subject, violation.path, {}, violation.key, violation.stage,
                     violation.protection, violation.template), texts


def _item_by_item(violations: list[Made], position: Mapping[str, int]) -> bool:
    """Whether every violation is about one of the items placed in ``position`` (by id), in their order."""
    last = -1
    for violation, _ in violations:
        number = position.get(violation.subject)  # type: ignore[arg-type]
        if number is None or number < last:
            return False
        last = number
    return True


def on_items(ctx: CheckContext, kind: str, ids: frozenset[str], positions: Mapping[str, int] | None = None
             ) -> CheckContext:
    """``ctx`` with a declaration whose items of ``kind`` are those of ``ids`` alone (every
    other kind, and looking items up by id, as they are); ``positions``: where each item of
    ``kind`` is among them, by id (else they are searched)."""
    decl = ctx.declaration
    items = dict(decl.items)
    if positions is None:
        items[kind] = tuple(item for item in decl.items[kind] if item.id in ids)
    else:
        items[kind] = tuple(decl.items[kind][number] for number in sorted(positions[i] for i in ids if i in positions))
    view = dataclasses.replace(decl, items=MappingProxyType(items))
    return dataclasses.replace(ctx, declaration=view)


def merged(kept: Kept, fresh: list[Made], ids: frozenset[str], positions: Mapping[str, int]
           ) -> list[tuple[Made, Finding | None]]:
    """A per-item rule's violations after a run on the items ``ids``: the kept ones of the
    other items and the fresh ones of these, in the order of the items (``positions``); each
    with its kept finding, or None for a fresh one."""
    def place(pair: tuple[Made, Finding | None]) -> int:
        return positions[pair[0][0].subject]  # type: ignore[index]

    others = [(made, finding) for made, finding in zip(kept.violations, kept.findings)
              if made[0].subject not in ids and made[0].subject in positions]  # not those of removed items
    if any(place(a) > place(b) for a, b in zip(others, others[1:])):  # items moved: their order changed
        others.sort(key=place)
    if not fresh:
        return others
    return list(heapq.merge(others, sorted(((made, None) for made in fresh), key=place), key=place))
