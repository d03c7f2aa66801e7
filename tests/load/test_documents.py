"""Documents of a file: told apart from a document that is a list, whatever the markers and line ends."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml_rs
from click.testing import CliRunner
from ruamel.yaml import YAML

from ipcheck.cli import cli
from ipcheck.load import LoadFailed, load
from ipcheck.load.parse import count_documents

TWO = "kind: Person\nid: P-1\nname: Li\n{marker}kind: Person\nid: P-2\nname: Wu\n"


@pytest.mark.parametrize(
    "text",
    [
        TWO.format(marker="---\n"),
        TWO.format(marker="...\n"),
        TWO.format(marker="... # end of the first\n\n# the second\n"),
        TWO.format(marker="...\n---\n"),
        TWO.format(marker="...\n%YAML 1.2\n---\n"),
        "---\n" + TWO.format(marker="...\n") + "...\n",
    ],
    ids=["dashes", "dots", "dots-comment", "dots-dashes", "dots-directive", "framed"],
)
@pytest.mark.parametrize("ends", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_two_documents(tmp_path: Path, text: str, ends: str) -> None:
    (tmp_path / "a.yaml").write_bytes(text.replace("\n", ends).encode())
    declaration = load([tmp_path])
    assert (declaration.get("P-1").name, declaration.get("P-2").name) == ("Li", "Wu")
    assert str(declaration.locate("P-2", ("name",))) == f"a.yaml:{text.splitlines().index('name: Wu') + 1}:7"


def test_check_reads_two_documents_with_cr_line_ends(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"kind: Person\rid: P-1\rname: Li\r---\rkind: Person\rid: P-2\rname: Wu\r")
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "-f", "json", "--as-of", "2026-11-24"])
    assert result.exit_code == 1, result.stderr  # findings (an almost empty system), no load error
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("---\n- kind: Person\n  id: P-1\n  name: Li\n", 2, 1),
        ("- kind: Person\n  id: P-1\n  name: Li\n", 1, 1),
        ("--- # people\n- kind: Person\n  id: P-1\n  name: Li\n...\n", 2, 1),
        ("---\r\n- kind: Person\r\n  id: P-1\r\n  name: Li\r\n", 2, 1),
    ],
    ids=["after-marker", "bare", "framed", "crlf"],
)
def test_a_document_that_is_a_one_item_list(tmp_path: Path, text: str, line: int, column: int) -> None:
    (tmp_path / "a.yaml").write_bytes(text.encode())
    with pytest.raises(LoadFailed) as failed:
        load([tmp_path])
    [problem] = failed.value.problems
    assert problem.render() == (f"a.yaml:{line}:{column}: document 1 is a list, not a mapping\n"
                                "  hint: each document is a mapping with a `kind:` (see `ipcheck schema`)")


def test_check_refuses_a_document_that_is_a_one_item_list(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("---\n- kind: Person\n  id: P-1\n  name: Li\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "-f", "json", "--as-of", "2026-11-24"])
    assert result.exit_code == 2
    assert result.stderr == ("a.yaml:2:1: document 1 is a list, not a mapping\n"
                             "  hint: each document is a mapping with a `kind:` (see `ipcheck schema`)\n")


def test_second_document_a_list(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("kind: Person\nid: P-1\nname: Li\n...\n- kind: Person\n", encoding="utf-8")
    with pytest.raises(LoadFailed) as failed:
        load([tmp_path])
    assert [p.render().splitlines()[0] for p in failed.value.problems] == [
        "a.yaml:5:1: document 2 is a list, not a mapping"]


PIECES = ["a: 1\n", "- x\n", "---\n", "--- # c\n", "--- b\n", "...\n", "... # c\n", "# c\n", "\n", "%YAML 1.2\n"]


def test_document_count_agrees_with_a_full_parser() -> None:
    # Every file of up to four of these lines that both parsers read: as many documents as
    # ruamel.yaml's load_all finds, and yaml-rs returns a list of them when there are several.
    compared = 0
    for size in range(1, 5):
        for lines in itertools.product(PIECES, repeat=size):
            text = "".join(lines)
            try:
                data = yaml_rs.loads(text)
                expected = len(list(YAML(typ="safe", pure=True).load_all(text)))
            except Exception:  # noqa: BLE001, S112 - not YAML: nothing to count
                continue
            for ends in ("\n", "\r\n", "\r"):
                assert count_documents(text.replace("\n", ends)) == expected, (text, ends)
            if expected >= 2:
                assert isinstance(data, list) and len(data) == expected, text
            compared += 1
    assert compared > 1000
