"""Helpers shared by the built-in Python rule modules: how people and items are named in
messages, who has left, which staff checks are recorded, when the manual was issued.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TypeVar

from ipcheck.i18n import Term, Text, Words, join_list
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Item, Manual, Person, Project, Record, StaffCheck, Training, Unit, name_of
from ipcheck.rules.api import CheckContext, Violation
from ipcheck.rules.conditions import shift


Derived = TypeVar("Derived")


def per_declaration(work_out: Callable[..., Derived]) -> Callable[..., Derived]:
    """Decorator for a helper that works something out from a declaration (``work_out(decl,
    *arguments)``: the people who left by a date, the records by form) that several rules
    read: it is worked out once per declaration and arguments and kept in the declaration's
    :attr:`~ipcheck.model.declaration.Declaration.derived`, so that the rules after the
    first take it as it is. What it returns is shared: a caller never changes it."""

    @functools.wraps(work_out)
    def shared(decl: Declaration, *arguments: Hashable) -> Derived:
        key = (work_out, *arguments)
        if key not in decl.derived:
            decl.derived[key] = work_out(decl, *arguments)
        return decl.derived[key]  # type: ignore[no-any-return]

    return shared


def has_left(person: Person, as_of: dt.date) -> bool:
    """Whether the person left on or before ``as_of``."""
    return person.left is not None and person.left <= as_of


@per_declaration
def people_who_left(decl: Declaration, as_of: dt.date) -> Mapping[str, Person]:
    """The people who left on or before ``as_of``, by id (declaration order)."""
    return MappingProxyType({p.id: p for p in decl.of(Person) if has_left(p, as_of)})


@per_declaration
def staff_checked(decl: Declaration, kind: str) -> frozenset[str]:
    """Ids of the people with a dated staff check of type ``kind`` (entry or exit)."""
    return frozenset(c.person for c in decl.of(StaffCheck) if c.type == kind and c.date is not None)


@per_declaration
def manual_issued(decl: Declaration) -> tuple[Manual | None, dt.date | None]:
    """The manual issued first, and its issue date (None, None when none is issued)."""
    issued = [m for m in decl.of(Manual) if m.issued is not None]
    if not issued:
        return None, None
    first = min(issued, key=lambda m: m.issued)  # type: ignore[arg-type, return-value]
    return first, first.issued


@per_declaration
def operated(decl: Declaration, as_of: dt.date) -> bool:
    """Whether any record was made since the manual was issued (at all, with no issued manual).

    When none was, IP603 reports the one major finding (the system is not operated) and the
    rules on single forms and projects stay silent rather than repeat it per form.
    """
    _, issued = manual_issued(decl)
    return any(r.date <= as_of and (issued is None or r.date >= issued) for r in decl.of(Record))


@per_declaration
def records_about(decl: Declaration, as_of: dt.date) -> Mapping[str, list[dt.date]]:
    """The dates of the records made up to ``as_of``, by the id of the item they are about."""
    about: dict[str, list[dt.date]] = {}
    for record in decl.of(Record):
        if record.about is not None and record.date <= as_of:
            about.setdefault(record.about, []).append(record.date)
    return MappingProxyType(about)


def since_the_manual(decl: Declaration, date: dt.date | None, as_of: dt.date) -> bool:
    """Whether ``date`` is known, not after ``as_of`` and on or after the manual's issue: the
    steps the system's procedures must have governed (none while no manual is issued: the
    missing manual is reported by the manual rules)."""
    if date is None or date > as_of:
        return False
    _, issued = manual_issued(decl)
    return issued is not None and date >= issued


Stepped = TypeVar("Stepped", bound=Item)


def governed_steps(ctx: CheckContext, items: Iterable[Stepped],
                   date_of: Callable[[Stepped], dt.date | None]) -> Iterator[tuple[Stepped, list[dt.date]]]:
    """The ``items`` whose step (dated by ``date_of``: a contract signed, a product launched)
    the system's procedures governed, each with the dates of the records about it. None while
    no record shows the system operated: IP603 reports that once, not per item."""
    decl = ctx.declaration
    if not operated(decl, ctx.as_of):
        return
    about = records_about(decl, ctx.as_of)
    for item in items:
        if since_the_manual(decl, date_of(item), ctx.as_of):
            yield item, about.get(item.id, [])


def unreviewed_step(item: Item, field: str, step: dt.date, reviews: Sequence[dt.date],
                    values: dict[str, object]) -> Violation | None:
    """The finding on a step (``item``'s date ``field``, on ``step``) that no review recorded
    on or before it preceded: template ``reviewed-after`` with the first review when one
    came later, the default template when none did; None when a review preceded it."""
    if any(date <= step for date in reviews):
        return None
    if reviews:
        return Violation(subject=item.id, path=(field,), template="reviewed-after",
                         values={**values, "reviewed": min(reviews)})
    return Violation(subject=item.id, path=(field,), values=values)


# -- planning stages: people, top management, units reached --------------------------------




NO_TOP_MANAGEMENT = Words(Text("no member of top management is declared", {"zh-CN": "未声明最高管理者成员"}))


@per_declaration
def _top_management_names(decl: Declaration) -> tuple[str, ...]:
    return tuple(p.name for p in decl.of(Person) if p.top_management)


def top_management(decl: Declaration) -> list[str] | Words:
    """The names of the declared members of top management, for corrective actions."""
    return list(_top_management_names(decl)) or NO_TOP_MANAGEMENT


def below_top(decl: Declaration, person_id: str | None) -> Person | None:
    """The declared person ``person_id`` if they are not a member of top management, else None."""
    person = decl.get(person_id, Person)
    return person if person is not None and not person.top_management else None


def units_of(decl: Declaration, people: Iterable[str]) -> set[str]:
    """The units the declared people among ``people`` belong to."""
    units: set[str] = set()
    for person_id in people:
        person = decl.get(person_id, Person)
        if person is not None and person.unit is not None:
            units.add(person.unit)
    return units


def unit_values(decl: Declaration, unit: Unit) -> dict[str, str | Term]:
    """``unit``, ``unit_name`` and ``unit_head`` of a unit, for messages."""
    return {"unit": unit.id, "unit_name": unit.name, "unit_head": named_item(decl, unit.head, Person)}


def units_not_reached(decl: Declaration, trainings: Sequence[Training],
                      units: Iterable[Unit]) -> Iterator[Violation]:
    """Units not in the audience of any of ``trainings`` (template ``default``), or in it but
    with nobody of theirs among the attendees (template ``nobody-attended``); the findings
    are placed on the first training."""
    units = list(units)
    audience = {unit for training in trainings for unit in training.audience}
    wanted = audience.intersection(unit.id for unit in units)
    attended: set[str] = set()
    for person_id in (person_id for training in trainings for person_id in training.attendees):
        person = decl.get(person_id, Person)
        if person is not None and person.unit in wanted:
            attended.add(person.unit)
            if len(attended) == len(wanted):
                break  # every unit of the audience attended: no need to read the rest of the lists
    first = trainings[0]
    for unit in units:
        if unit.id not in audience:
            yield Violation(subject=first.id, path=("audience",), key=unit.id, values=unit_values(decl, unit))
        elif unit.id not in attended:
            yield Violation(subject=first.id, path=("attendees",), key=unit.id, values=unit_values(decl, unit),
                            template="nobody-attended")


DOCUMENT_KINDS: dict[str, Text] = {
    "Manual": Text("Manual", {"zh-CN": "手册"}),
    "Procedure": Text("Procedure", {"zh-CN": "程序文件"}),
    "SystemDocument": Text("System document", {"zh-CN": "制度文件"}),
    "Policy": Text("IP policy", {"zh-CN": "知识产权方针"}),
    "RecordForm": Text("Record form", {"zh-CN": "记录表单"}),
}
"""How messages name a kind of controlled document."""


def document_kind(item: Item) -> Text:
    """The name of ``item``'s kind of document, in both languages (the kind itself for others)."""
    kind = type(item).__name__
    return DOCUMENT_KINDS.get(kind) or Text(kind)


# --- the running system: operation, internal audit, management review, cross-checks ------


def year_before(date: dt.date) -> dt.date:
    """``date`` moved back by twelve months."""
    return shift(date, "-", 12, "m")


def phrase(english: str, chinese: str) -> Words:
    """A phrase inside a message that reads differently in each language (a fallback such as
    "the owner of the procedure" / "程序负责人")."""
    return Words(Text(english, {"zh-CN": chinese}))


def name_or_phrase(decl: Declaration, person_id: str | None, english: str, chinese: str) -> str | Words:
    """The name of the declared person ``person_id``, or the phrase saying who answers instead."""
    person = decl.get(person_id, Person)
    return person.name if person is not None else phrase(english, chinese)


def project_leader(decl: Declaration, project: Project) -> str | Words:
    """The name of the project's leader, else "the project leader"."""
    return name_or_phrase(decl, project.leader, "the project leader", "项目负责人")


def labelled(item_id: str, item: Item | None) -> str | Words:
    """An item as a message names it: "PR-05 'Trademark management'" / "PR-05“Trademark
    management”", or the bare id of an undeclared item."""
    if item is None:
        return item_id
    name = name_of(item)
    if name == item_id:
        return item_id
    return Words(Text(f"{item_id} '{name}'", {"zh-CN": f"{item_id}“{name}”"}))


def every_one(items: Iterable[object]) -> Words:
    """A list read in full in each language (a message's lists otherwise name six entries and
    count the rest): for what must all be done, such as every input a review lacks."""
    entries = list(items)
    return Words(Text(join_list(entries, "en", limit=len(entries)),
                      {"zh-CN": join_list(entries, "zh-CN", limit=len(entries))}))


def named_item(decl: Declaration, item_id: str | None, kind: type[Item] | None = None) -> str | Term:
    """How the declared item ``item_id`` (of ``kind``, when given: a person's name for
    ``Person``) is called in a message (see :func:`name_of`): the bare id when it names
    nothing declared, the glossary's "(unassigned)" when there is no id."""
    if item_id is None:
        return Term("words", "unassigned")
    item = decl.get(item_id, kind)
    return name_of(item) if item is not None else item_id