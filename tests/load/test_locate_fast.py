"""The locator's fast path (a scan of an item's lines) gives exactly what parsing gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipcheck.load import load

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def exemplar():  # noqa: ANN201 - a Declaration
    return load([ROOT / "fixtures" / "exemplar"])


def test_fast_and_parsed_locations_agree(exemplar) -> None:  # noqa: ANN001
    locator = exemplar.locator
    compared = 0
    for n, (item_id, origin) in enumerate(sorted(exemplar.origins.items())):
        if n % 10:
            continue
        fields = exemplar.by_id[item_id].model_fields_set
        for path in [(), *((f,) for f in sorted(fields)), ("not_a_field",)]:
            for key in (False, True):
                fast = locator.locate(origin, path, key=key, fields=fields)
                parsed = locator.locate(origin, path, key=key)
                assert fast == parsed, (item_id, path, key)
                compared += 1
    assert compared > 500


def test_fast_path_declines_flow_style(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "kind: Person\nitems:\n  - {id: P-1, name: Li}\n  - id: P-2\n    name: Wang\n    position: engineer\n",
        encoding="utf-8")
    decl = load([tmp_path])
    assert str(decl.locate("P-1", ("name",))) == "p.yaml:3:21"
    assert str(decl.locate("P-2", ("position",))) == "p.yaml:6:15"
    assert str(decl.locate("P-2", ("joined",))) == "p.yaml:4:5"


def test_windows_line_ends_give_the_same_locations(exemplar, tmp_path: Path) -> None:  # noqa: ANN001
    """Files saved with CRLF (or lone CR) line ends are located as exactly, and as cheaply."""
    source = ROOT / "fixtures" / "exemplar"
    for path in source.rglob("*.yaml"):
        target = tmp_path / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        ends = "\r" if path.name == "policy.yaml" else "\r\n"
        target.write_bytes(path.read_bytes().replace(b"\n", ends.encode()))
    crlf = load([tmp_path])
    assert crlf.locator is not None
    for n, item_id in enumerate(sorted(exemplar.origins)):
        if n % 7:
            continue
        for path in [(), *((f,) for f in sorted(exemplar.by_id[item_id].model_fields_set))]:
            assert crlf.locate(item_id, path) == exemplar.locate(item_id, path), (item_id, path)
    assert all(f.whole is None for f in crlf.locator._files.values())  # the fast scans found them all


@pytest.mark.parametrize(("between", "after"), [
    ("", ""),                                  # every line an entry or deeper: found by counting lines
    ("\n", ""),                               # a blank line between entries
    ("  # the second person\n", ""),          # a comment at the entries' indentation
    ("", "apiVersion: ipcheck/v1\n"),         # a key after the list ends it
])
def test_entries_of_a_list_are_found_in_every_layout(tmp_path: Path, between: str, after: str) -> None:
    (tmp_path / "p.yaml").write_text("kind: Person\nitems:\n  - id: P-1\n    name: Li\n" + between
                                     + "  - id: P-2\n    name: Wang\n" + after, encoding="utf-8")
    decl = load([tmp_path])
    second = 6 + between.count("\n")
    assert [str(decl.locate("P-1", ("name",))), str(decl.locate("P-2", ("name",)))] == [
        "p.yaml:4:11", f"p.yaml:{second}:11"]
    source = decl.locator._file("p.yaml")
    assert source.item_starts(0)[-1] == (source.text.index(after) if after else len(source.text))
