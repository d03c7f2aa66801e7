"""Exact locations in tricky layouts: flow style, items at column 0, comments between items,
documents after '---', multi-line scalars, nested duplicate keys, missing fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipcheck.load import LoadFailed, load
from ipcheck.model.declaration import Declaration


def declare(tmp_path: Path, files: dict[str, str]) -> Declaration:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load([tmp_path])


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    with pytest.raises(LoadFailed) as failed:
        declare(tmp_path, files)
    return [p.render() for p in failed.value.problems]


def where(decl: Declaration, item_id: str, *path: str | int) -> str:
    """The location through the declaration (fast path allowed) and through a full parse agree."""
    location = decl.locate(item_id, tuple(path))
    assert decl.locator is not None
    parsed = decl.locator.locate(decl.origins[item_id], tuple(path))
    assert location == parsed, (item_id, path)
    return str(location)


PEOPLE = "kind: Unit\nitems:\n  - id: U-1\n    name: R&D\n"


def test_flow_style_items(tmp_path: Path) -> None:
    decl = declare(tmp_path, {"people.yaml": (
        "kind: Person\n"
        "items: [{id: a, name: Li Ming, unit: U-1}, {id: b, name: Wang Fang}]\n"
    ), "units.yaml": PEOPLE})
    assert where(decl, "a") == "people.yaml:2:9"
    assert where(decl, "b") == "people.yaml:2:44"
    assert where(decl, "a", "unit") == "people.yaml:2:38"
    assert where(decl, "b", "name") == "people.yaml:2:58"


def test_block_list_of_flow_mappings(tmp_path: Path) -> None:
    decl = declare(tmp_path, {"forms.yaml": (
        "kind: RecordForm\n"
        "items:\n"
        "  - {id: F-1, title: Disclosure, frequency: per-event}\n"
        "  - {id: F-2, title: Docket check, frequency: weekly, monitoring: true}\n"
    )})
    assert where(decl, "F-2") == "forms.yaml:4:5"
    assert where(decl, "F-2", "frequency") == "forms.yaml:4:47"
    assert where(decl, "F-1", "monitoring") == "forms.yaml:3:5"  # not written: the item


def test_items_at_column_zero(tmp_path: Path) -> None:
    decl = declare(tmp_path, {"people.yaml": (
        "kind: Person\n"
        "items:\n"
        "- id: a\n"
        "  name: Li Ming\n"
        "- id: b\n"
        "  name: Wang Fang\n"
        "  position: IP engineer\n"
    )})
    assert where(decl, "b") == "people.yaml:5:3"
    assert where(decl, "b", "position") == "people.yaml:7:13"
    assert where(decl, "a", "name") == "people.yaml:4:9"


def test_comments_between_items(tmp_path: Path) -> None:
    decl = declare(tmp_path, {"people.yaml": (
        "kind: Person\n"
        "items:\n"
        "  # --- Legal & IP ---\n"
        "  - id: a            # head of department\n"
        "    name: Li Ming\n"
        "\n"
        "  # - id: old  (left 2024)\n"
        "  #   name: Old\n"
        "\n"
        "  - id: b\n"
        "    # joined from the patent agency\n"
        "    name: Wang Fang\n"
        "    position: IP engineer   # - not an item\n"
    )})
    assert [p.id for p in decl.items["Person"]] == ["a", "b"]
    assert where(decl, "a") == "people.yaml:4:5"
    assert where(decl, "b") == "people.yaml:10:5"
    assert where(decl, "b", "name") == "people.yaml:12:11"
    assert where(decl, "b", "position") == "people.yaml:13:15"


def test_documents_after_markers(tmp_path: Path) -> None:
    decl = declare(tmp_path, {"org.yaml": (
        "# organisation\n"
        "---\n"
        "apiVersion: ipcheck/v1\n"
        "kind: Enterprise\n"
        "id: ex\n"
        "name: Example Co., Ltd.\n"
        "markets: [CN, US]\n"
        "---\n"
        "kind: Unit\n"
        "items:\n"
        "  - id: U-1\n"
        "    name: R&D\n"
        "--- # people\n"
        "kind: Person\n"
        "id: a\n"
        "name: Li Ming\n"
        "unit: U-1\n"
        "...\n"
    )})
    assert where(decl, "ex") == "org.yaml:3:1"
    assert where(decl, "ex", "markets", 1) == "org.yaml:7:15"
    assert where(decl, "U-1", "name") == "org.yaml:12:11"
    assert where(decl, "a") == "org.yaml:14:1"
    assert where(decl, "a", "unit") == "org.yaml:17:7"


def test_multi_line_scalars(tmp_path: Path) -> None:
    decl = declare(tmp_path, {"diagnosis.yaml": (
        "kind: DiagnosisReport\n"
        "items:\n"
        "  - id: D-1\n"
        "    title: Diagnosis\n"
        "    basic_information: |\n"
        "      Products: plate heat exchangers.\n"
        "      - not a list item, text\n"
        "      id: not a key either\n"
        "    current_state: >-\n"
        "      folded\n"
        "      text\n"
        "    related_systems: plain text\n"
        "      continued on a second line\n"
        "    gaps: [one, two]\n"
        "  - id: D-2\n"
        "    title: \"quoted title\n"
        "      over two lines\"\n"
        "    date: 2024-12-20\n"
    )})
    assert decl.items["DiagnosisReport"][0].related_systems == "plain text continued on a second line"
    assert where(decl, "D-1", "basic_information") == "diagnosis.yaml:5:24"
    assert where(decl, "D-1", "gaps", 1) == "diagnosis.yaml:14:17"
    assert where(decl, "D-2") == "diagnosis.yaml:15:5"
    assert where(decl, "D-2", "date") == "diagnosis.yaml:18:11"


def test_missing_field_points_at_the_item(tmp_path: Path) -> None:
    decl = declare(tmp_path, {"patents.yaml": (
        "kind: Patent\n"
        "items:\n"
        "  - id: P-1\n"
        "    title: Plate\n"
        "    jurisdiction: CN\n"
        "    status: pending\n"
        "  - id: P-2\n"
        "    title: Header\n"
        "    jurisdiction: US\n"
        "    status: granted\n"
    )})
    assert where(decl, "P-2", "annuity_due") == "patents.yaml:7:5"
    assert where(decl, "P-2", "inventors", 0) == "patents.yaml:7:5"


def test_missing_required_field_error_points_at_the_item(tmp_path: Path) -> None:
    assert problems(tmp_path, {"patents.yaml": (
        "kind: Patent\n"
        "items:\n"
        "  - id: P-1\n"
        "    title: Plate\n"
        "    jurisdiction: CN\n"
        "    status: pending\n"
        "  -   id: P-2\n"
        "      title: Header\n"
        "      status: granted\n"
    )}) == [
        "patents.yaml:7:7: Patent 'P-2': missing required field 'jurisdiction'\n  hint: add `jurisdiction:` to the item",
    ]


def test_duplicate_key_in_a_nested_mapping(tmp_path: Path) -> None:
    assert problems(tmp_path, {"projects.yaml": (
        "kind: Project\n"
        "items:\n"
        "  - id: PJ-1\n"
        "    name: CO2 exchanger\n"
        "    patent_search:\n"
        "      date: 2025-04-24\n"
        "      result: clear\n"
        "      date: 2025-04-25\n"
        "    start: 2025-05-06\n"
    )}) == [
        "projects.yaml:8:7: duplicate key 'date'\n"
        "  hint: a key may appear once per mapping; merge the two entries or rename one",
    ]


def test_error_in_a_nested_mapping_of_a_later_document(tmp_path: Path) -> None:
    assert problems(tmp_path, {"ops/projects.yaml": (
        "kind: Project\n"
        "id: PJ-1\n"
        "name: First\n"
        "---\n"
        "kind: Project\n"
        "items:\n"
        "  - {id: PJ-2, name: Second}\n"
        "  - id: PJ-3\n"
        "    name: Third\n"
        "    patent_search:\n"
        "      date: 2025-04-24\n"
        "      reslt: clear\n"
    )}) == [
        "ops/projects.yaml:12:7: Project 'PJ-3': unknown field 'reslt'\n  hint: did you mean 'result'?",
    ]


def test_wrong_type_inside_a_flow_item(tmp_path: Path) -> None:
    assert problems(tmp_path, {"products.yaml": (
        "kind: Product\n"
        "items:\n"
        "  - {id: A, name: Plates, nice_classes: [11, seven]}\n"
    )}) == [
        "products.yaml:3:46: Product 'A': field 'nice_classes.1': input should be a valid integer, "
        "got 'seven'\n  hint: write a whole number without quotes",
    ]


def test_one_item_staff_check_keeps_its_items_field(tmp_path: Path) -> None:
    # StaffCheck has a field named `items`: a one-item document is told apart by its `id`.
    decl = declare(tmp_path, {"checks.yaml": (
        "kind: Person\n"
        "id: a\n"
        "name: Li Ming\n"
        "---\n"
        "kind: StaffCheck\n"
        "id: SC-1\n"
        "person: a\n"
        "type: exit\n"
        "items:\n"
        "  - materials returned\n"
        "  - reminder of duties\n"
        "---\n"
        "kind: StaffCheck\n"
        "items:\n"
        "  - id: SC-2\n"
        "    person: a\n"
        "    type: entry\n"
        "    items: [declaration signed]\n"
    )})
    assert decl.get("SC-1").items == ("materials returned", "reminder of duties")
    assert decl.get("SC-2").items == ("declaration signed",)
    assert where(decl, "SC-1", "items", 1) == "checks.yaml:11:5"
    assert where(decl, "SC-2", "items", 0) == "checks.yaml:18:13"


# -- documents written as JSON ---------------------------------------------------------------

JSON_REGISTER = """\
# exported from the docketing system
{
  "kind": "Patent",
  "items": [
    {
      "id": "P-1",
      "title": "Valve",
      "jurisdiction": "CN",
      "status": "granted",
      "inventors": [
        "a",
        "b"
      ]
    },
    {
      "id": "P-2",
      "title": "Seal",
      "jurisdiction": "US",
      "status": "pending"
    }
  ]
}
"""


def test_documents_written_as_json(tmp_path: Path) -> None:
    decl = declare(tmp_path, {
        "patents.yaml": JSON_REGISTER,
        "people.yaml": 'kind: Person\nitems:\n  - {id: a, name: A}\n---\n'
                       '{"kind": "Person", "items": [{"id": "b", "name": "B"}, {"id": "c", "name": "C"}]}\n',
        "ent.yaml": '{"kind": "Enterprise", "id": "ENT", "name": "Acme"}\n',
    })
    assert where(decl, "P-1") == "patents.yaml:5:5"
    assert where(decl, "P-1", "title") == "patents.yaml:7:16"
    assert where(decl, "P-1", "inventors", 1) == "patents.yaml:12:9"
    assert where(decl, "P-2", "grant_date") == "patents.yaml:15:5"  # not written: the item
    assert where(decl, "b") == "people.yaml:5:30"
    assert where(decl, "c", "name") == "people.yaml:5:76"
    assert where(decl, "ENT") == "ent.yaml:1:2"  # a one-item document: its first key
    assert where(decl, "ENT", "name") == "ent.yaml:1:45"
    assert decl.locator is not None
    assert all(f.whole is None for f in decl.locator._files.values())  # no document was parsed whole


def test_shape_errors_in_json_are_located_at_their_key(tmp_path: Path) -> None:
    assert problems(tmp_path, {"people.yaml": '{"kind": "Person", "items": [{"id": "x", "name": "X", "nmae": "Y"}]}\n'}) == [
        "people.yaml:1:55: Person 'x': unknown field 'nmae'\n  hint: did you mean 'name'?"]


def test_json_that_is_not_quite_json_is_still_located(tmp_path: Path) -> None:
    decl = declare(tmp_path, {"people.yaml": '{"kind": "Person", "items": [{"id": "x", name: X}, {"id": "y", "name": "Y"}]}\n'})
    assert where(decl, "y", "name") == "people.yaml:1:72"
    assert decl.locator is not None and decl.locator._files["people.yaml"].whole  # a plain key: parsed as YAML


def test_a_file_too_large_to_parse_whole_is_located_at_the_document(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The last resort, parsing the whole file with ruamel.yaml, costs seconds and hundreds of
    megabytes per megabyte: past WHOLE_FILE_LIMIT a flow-style item is placed at its document."""
    from ipcheck.load import locate

    monkeypatch.setattr(locate, "WHOLE_FILE_LIMIT", 200)
    flow = "kind: Unit\nitems: [" + ", ".join(f"{{id: U-{i}, name: Unit {i}}}" for i in range(20)) + "]\n"
    decl = declare(tmp_path, {"a.yaml": "kind: Enterprise\nid: E\nname: Acme\n---\n" + flow})
    assert len((tmp_path / "a.yaml").read_text()) > 200
    assert where(decl, "U-7", "name") == "a.yaml:5:1"  # the Unit document starts on line 5
    assert decl.locator is not None and decl.locator._files["a.yaml"].whole is None


def test_items_are_located_in_the_text_that_was_checked_not_read_again(tmp_path: Path) -> None:
    decl = declare(tmp_path, {"units.yaml": "kind: Unit\nitems:\n  - id: U-1\n    name: R&D\n",
                              "crlf.yaml": "kind: Unit\r\nitems:\r\n  - id: U-2\r\n    name: Sales\r\n"})
    # The files change on disk after the load (an editor saving mid-run): the locations stay
    # those of the text the rules judged.
    (tmp_path / "units.yaml").write_text("# a comment\n\nkind: Unit\nitems:\n  - id: U-1\n    name: R&D\n")
    (tmp_path / "crlf.yaml").unlink()
    assert where(decl, "U-1", "name") == "units.yaml:4:11"
    assert where(decl, "U-2", "name") == "crlf.yaml:4:11"
