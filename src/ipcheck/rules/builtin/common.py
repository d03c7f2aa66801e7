"""Helpers shared by the built-in Python rule modules: how people and items are named in
messages, who has left, which staff checks are recorded, when the manual was issued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from ipcheck.i18n import Term, Text, Words, join_list
from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Item, Manual, Person, StaffCheck, Training, Unit
from ipcheck.rules.api import Violation
from ipcheck.rules.conditions import shift


def name_of(item: Item) -> str:
    """How an item is called in a message: its name, title, mark or statement, else its id."""
    for field in ("name", "title", "mark", "statement", "topic"):
        value = getattr(item, field, None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return item.id






def has_left(person: Person, as_of: dt.date) -> bool:
    """Whether the person left on or before ``as_of``."""
    return person.left is not None and person.left <= as_of


def people_who_left(decl: Declaration, as_of: dt.date) -> dict[str, Person]:
    """The people who left on or before ``as_of``, by id (declaration order)."""
    return {p.id: p for p in decl.of(Person) if has_left(p, as_of)}


def staff_checked(decl: Declaration, kind: str) -> set[str]:
    """Ids of the people with a dated staff check of type ``kind`` (entry or exit)."""
    return {c.person for c in decl.of(StaffCheck) if c.type == kind and c.date is not None}


def manual_issued(decl: Declaration) -> tuple[Manual | None, dt.date | None]:
    """The manual issued first, and its issue date (None, None when none is issued)."""
    issued = [m for m in decl.of(Manual) if m.issued is not None]
    if not issued:
        return None, None
    first = min(issued, key=lambda m: m.issued)  # type: ignore[arg-type, return-value]
    return first, first.issued


# -- planning stages: people, top management, units reached --------------------------------




NO_TOP_MANAGEMENT = Words(Text("no member of top management is declared", {"zh-CN": "未声明最高管理者成员"}))


def top_management(decl: Declaration) -> list[str] | Words:
    """The names of the declared members of top management, for corrective actions."""
    names = [p.name for p in decl.of(Person) if p.top_management]
    return names or NO_TOP_MANAGEMENT


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