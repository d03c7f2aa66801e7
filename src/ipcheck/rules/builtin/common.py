"""Helpers shared by the built-in Python rule modules: how people, items and lists are
named in messages, who has left, which staff checks are recorded, when the manual was issued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ipcheck.model.declaration import Declaration
from ipcheck.model.kinds import Item, Manual, Person, StaffCheck


def and_list(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def cite_list(names: Iterable[str], limit: int = 6) -> str:
    """'a, b and c' (with 'and N more' past ``limit``)."""
    items = list(names)
    if len(items) > limit:
        items = [*items[:limit], f"{len(items) - limit} more"]
    return and_list(items)


def name_of(item: Item | None) -> str:
    """How an item is called in a message: its name, title, mark or statement, else its id."""
    if item is None:
        return "(unassigned)"
    for field in ("name", "title", "mark", "statement", "topic"):
        value = getattr(item, field, None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return item.id


def name_or(decl: Declaration, person_id: str | None, otherwise: str) -> str:
    """The name of the declared person ``person_id``, or ``otherwise`` when none is declared."""
    person = decl.get(person_id, Person)
    return person.name if person is not None else otherwise


def person_name(decl: Declaration, person_id: str | None) -> str:
    """The name of a declared person, the bare id when it names nothing, or '(unassigned)'."""
    if person_id is None:
        return "(unassigned)"
    return name_or(decl, person_id, person_id)


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
