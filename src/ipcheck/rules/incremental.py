"""Checking again after an edit, re-running only the rules whose inputs changed.

A check kept alive between edits (:mod:`ipcheck.live`) keeps a :class:`RuleMemo`: the items
of each kind as the last check saw them, and what each rule reported then. On the next
check, a rule that declares what it reads (:attr:`~ipcheck.rules.api.RuleMeta.reads`) is
not run again when none of those kinds changed: its violations are taken from the memo, and
only the findings that an edit may have moved (those in a changed file, or about an item
now declared in another file) are located again. A rule that judges items one at a time
(:attr:`~ipcheck.rules.api.RuleMeta.per_item`) runs on the changed items alone when they are
all that changed. A rule that declares nothing runs on every check, as in a cold one.

The result is the cold check's, finding for finding: the memo is dropped whenever what is
not an item changes (the date judged at, the edition, the configuration, the language).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ipcheck.findings import Finding
from ipcheck.rules.api import CheckContext, RuleMeta, Violation

if TYPE_CHECKING:
    from ipcheck.model.declaration import Declaration
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


@dataclass
class Delta:
    """What changed since the last check: kinds whose items differ, files whose text differs
    (or that came or went), and for each changed kind the ids of its changed or new items."""

    kinds: frozenset[str]
    files: frozenset[str]
    declaration: Declaration
    previous: Mapping[str, Sequence[Item]]
    _items: dict[str, frozenset[str]] = field(default_factory=dict)

    def changed_items(self, kind: str) -> frozenset[str]:
        """Ids of the items of ``kind`` that are new or differ from the last check."""
        found = self._items.get(kind)
        if found is None:
            before = {item.id: item for item in self.previous.get(kind, ())}
            found = self._items[kind] = frozenset(
                item.id for item in self.declaration.items[kind]
                if (old := before.get(item.id)) is not item and old != item)
        return found

    def stale(self, finding: Finding) -> bool:
        """Whether a kept finding must be located again: it lies in a changed file, it is about
        no declared item (placed at the enterprise), or its item is now declared elsewhere."""
        subject = finding.subject
        if subject is None or finding.location.file in self.files:
            return True
        return self.declaration.origins.file_of(subject) != finding.location.file


@dataclass
class RuleMemo:
    """The state a check kept alive between edits carries from one check to the next."""

    key: Hashable = None
    kinds: Mapping[str, Sequence[Item]] = field(default_factory=dict)
    files: dict[str, Hashable] = field(default_factory=dict)
    kept: dict[str, Kept] = field(default_factory=dict)

    def begin(self, key: Hashable, declaration: Declaration, files: Mapping[str, Hashable]) -> Delta:
        """Start a check of ``declaration`` (whose files have the digests ``files``) under
        ``key`` (everything besides the items that rules' results depend on): what changed."""
        if key != self.key:
            self.kept.clear()
            self.key = key
        previous = self.kinds
        kinds = frozenset(kind for kind, items in declaration.items.items() if previous.get(kind) != items)
        changed_files = frozenset(rel for rel in {*files, *self.files} if files.get(rel) != self.files.get(rel))
        self.kinds, self.files = declaration.items, dict(files)
        return Delta(kinds, changed_files, declaration, previous)

    def plan(self, meta: RuleMeta, delta: Delta) -> tuple[Kept | None, frozenset[str] | None]:
        """How to check one rule: (what it reported last, the ids of the items to run it on).
        (None, None): run it in full. (kept, None): its inputs did not change. (kept, ids): run
        it on the items ``ids`` of its ``per_item`` kind alone."""
        kept = self.kept.get(meta.id)
        if kept is None or meta.reads is None:
            return None, None
        touched = delta.kinds.intersection(meta.reads)
        if not touched:
            return kept, None
        if touched == {meta.per_item}:
            return kept, delta.changed_items(meta.per_item)  # type: ignore[arg-type]
        return None, None

    def keep(self, meta: RuleMeta, violations: list[Made], findings: list[Finding]) -> None:
        """Remember what a rule that declares its inputs reported (a per-item rule only when
        its violations come item by item, in the order of the items, as merging needs)."""
        if meta.reads is None:
            return
        if meta.per_item is not None and not _item_by_item(violations, self.kinds[meta.per_item]):
            return
        self.kept[meta.id] = Kept([_valueless(v, texts) for v, texts in violations], findings)

    def forget(self, meta: RuleMeta) -> None:
        self.kept.pop(meta.id, None)

    def retain(self, rule_ids: set[str]) -> None:
        """Forget the rules a check does not run: what they reported is older than the last check."""
        for rule_id in set(self.kept) - rule_ids:
            del self.kept[rule_id]


def _valueless(violation: Violation, texts: tuple[str, str]) -> Made:
    """A kept violation: its texts are made, and its values, which may read the declaration
    it was made from, are not kept (that would keep the whole declaration alive)."""
    if type(violation.values) is dict or not violation.values:
        return violation, texts
    return Violation(violation.message, violation.subject, violation.path, {}, violation.key, violation.stage,
                     violation.protection, violation.template), texts


def _item_by_item(violations: list[Made], items: Sequence[Item]) -> bool:
    """Whether every violation is about one of ``items``, in their order."""
    if not violations:
        return True
    position = {item.id: number for number, item in enumerate(items)}
    last = -1
    for violation, _ in violations:
        number = position.get(violation.subject)  # type: ignore[arg-type]
        if number is None or number < last:
            return False
        last = number
    return True


def on_items(ctx: CheckContext, kind: str, ids: frozenset[str]) -> CheckContext:
    """``ctx`` with a declaration whose items of ``kind`` are those of ``ids`` alone (every
    other kind, and looking items up by id, as they are)."""
    decl = ctx.declaration
    items = dict(decl.items)
    items[kind] = tuple(item for item in decl.items[kind] if item.id in ids)
    view = dataclasses.replace(decl, items=MappingProxyType(items))
    return dataclasses.replace(ctx, declaration=view)


def merged(kept: Kept, fresh: list[Made], ids: frozenset[str], items: Sequence[Item]
           ) -> list[tuple[Made, Finding | None]]:
    """A per-item rule's violations after a run on the items ``ids``: the kept ones of the
    other items and the fresh ones of these, in the order of ``items``; each with its kept
    finding, or None for a fresh one."""
    by_subject: dict[Any, list[tuple[Made, Finding | None]]] = {}
    for made, finding in zip(kept.violations, kept.findings):
        if made[0].subject not in ids:
            by_subject.setdefault(made[0].subject, []).append((made, finding))
    for made in fresh:
        by_subject.setdefault(made[0].subject, []).append((made, None))
    return [entry for item in items for entry in by_subject.get(item.id, ())]
