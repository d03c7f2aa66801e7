"""Ids and origins: where each item was declared, and ids declared twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipcheck.load import LoadFailed, load
from ipcheck.model.declaration import Origin

PEOPLE = """\
kind: Person
items:
  - id: a
    name: First A
  - id: b
    name: B
  - id: a
    name: Second A
  - id: c
    name: C
  - id: a
    name: Third A
"""


def _problems(folder: Path) -> list[str]:
    with pytest.raises(LoadFailed) as failed:
        load([folder])
    return [p.render() for p in failed.value.problems]


def test_an_id_repeated_within_one_document_is_reported_at_each_repeat(tmp_path: Path) -> None:
    (tmp_path / "people.yaml").write_text(PEOPLE)
    hint = ("  hint: ids are unique across the whole declaration: if both entries are the same item, remove one; "
            "if they are two items, give one another id")
    assert _problems(tmp_path) == [
        f"people.yaml:7:9: duplicate id 'a' (first declared at people.yaml:3:9)\n{hint}",
        f"people.yaml:11:9: duplicate id 'a' (first declared at people.yaml:3:9)\n{hint}",
    ]


def test_an_id_declared_in_a_one_item_document_and_a_list(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("kind: Person\nid: a\nname: Alone\n")
    (tmp_path / "b.yaml").write_text(PEOPLE.replace("  - id: a\n    name: Second A\n", ""))
    problems = _problems(tmp_path)
    assert [p.splitlines()[0] for p in problems] == [
        "b.yaml:3:9: duplicate id 'a' (first declared at a.yaml:2:5)",
        "b.yaml:9:9: duplicate id 'a' (first declared at a.yaml:2:5)",
    ]


def test_origins_give_the_document_and_the_index_in_items(tmp_path: Path) -> None:
    (tmp_path / "people.yaml").write_text(
        "kind: Enterprise\nid: ent\nname: E\n---\n" + PEOPLE.replace("id: a\n    name: Second", "id: d\n    name: D")
        .replace("id: a\n    name: Third", "id: e\n    name: E"))
    decl = load([tmp_path])
    assert dict(decl.origins) == {
        "ent": Origin("people.yaml", 0, None),
        "a": Origin("people.yaml", 1, 0),
        "b": Origin("people.yaml", 1, 1),
        "d": Origin("people.yaml", 1, 2),
        "c": Origin("people.yaml", 1, 3),
        "e": Origin("people.yaml", 1, 4),
    }
    assert "x" not in decl.origins and len(decl.origins) == 6
    assert decl.by_id["a"].name == "First A"
    assert str(decl.locate("c", ("name",))) == "people.yaml:14:11"


def test_a_second_enterprise_profile_is_a_load_error(tmp_path):
    (tmp_path / "enterprise.yaml").write_text(
        "kind: Enterprise\nid: a\nname: A\n---\nkind: Enterprise\nid: b\nname: B\nmarkets: [US]\n", encoding="utf-8")
    with pytest.raises(LoadFailed) as failed:
        load([tmp_path])
    assert [p.render() for p in failed.value.problems] == [
        "enterprise.yaml:5:1: Enterprise 'b' is a second enterprise profile; a declaration describes one enterprise, "
        "'a'\n  hint: merge the two profiles into one (markets, units), or check each enterprise in a folder of its own"]
