"""What several rules work out from a declaration is worked out once per declaration, and a
view of it with other items (a re-check of the changed items alone) works it out again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ipcheck.load import load
from ipcheck.model.declaration import Declaration
from ipcheck.rules.api import CheckContext
from ipcheck.rules.builtin.common import people_who_left, per_declaration
from ipcheck.rules.incremental import on_items

PEOPLE = """\
kind: Person
items:
  - {id: p.stays, name: Stays}
  - {id: p.left, name: Left, left: 2026-03-31}
  - {id: p.leaves, name: Leaves, left: 2026-12-31}
"""


def _declaration(tmp_path: Path) -> Declaration:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    return load([tmp_path / "people.yaml"])


def test_a_shared_helper_works_out_once_per_declaration_and_arguments(tmp_path: Path) -> None:
    decl = _declaration(tmp_path)
    asked: list[dt.date] = []

    @per_declaration
    def names_of_leavers(decl: Declaration, as_of: dt.date) -> tuple[str, ...]:
        asked.append(as_of)
        return tuple(person.name for person in people_who_left(decl, as_of).values())

    first = names_of_leavers(decl, dt.date(2026, 11, 24))
    assert first == ("Left",)
    assert names_of_leavers(decl, dt.date(2026, 11, 24)) is first
    assert names_of_leavers(decl, dt.date(2027, 1, 1)) == ("Left", "Leaves")
    assert asked == [dt.date(2026, 11, 24), dt.date(2027, 1, 1)]
    assert names_of_leavers(_declaration(tmp_path / "again"), dt.date(2026, 11, 24)) == ("Left",)
    assert len(asked) == 3


def test_a_view_with_other_items_does_not_take_what_the_whole_declaration_worked_out(tmp_path: Path) -> None:
    decl = _declaration(tmp_path)
    as_of = dt.date(2027, 1, 1)
    assert list(people_who_left(decl, as_of)) == ["p.left", "p.leaves"]
    view = on_items(CheckContext(decl, as_of), "Person", frozenset(["p.stays", "p.leaves"])).declaration
    assert list(people_who_left(view, as_of)) == ["p.leaves"]
    assert list(people_who_left(decl, as_of)) == ["p.left", "p.leaves"]
