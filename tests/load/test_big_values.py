"""Integers over Python's 4,300-digit limit for int-to-text conversion, which YAML reads:
an ordinary located load error (exit 2) showing the number's size, never an internal error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.cli import cli
from ipcheck.load import LoadFailed, load
from ipcheck.load.build import show_value

EXEMPLAR = Path(__file__).resolve().parents[2] / "fixtures" / "exemplar"
NINES = "9" * 5000
PATENT = "kind: Patent\nitems:\n  - id: X\n    title: T\n    jurisdiction: CN\n    status: granted\n"
STRING_HINT = "write text; quote it if it looks like a number, date or boolean"


def test_show_value_tells_the_size_of_a_too_long_integer() -> None:
    assert show_value(10**5000 - 1) == "an integer of 5000 digits"
    assert show_value(-(10**5000)) == "a negative integer of 5001 digits"
    assert show_value(10**4299) == "1" + "0" * 76 + "..."  # under the limit: its digits, cut
    assert show_value([1, 10**5000]) == "<list holding an integer too long to show>"
    assert show_value({"a": 10**5000}) == "<mapping holding an integer too long to show>"


CASES = [
    pytest.param(PATENT + f"    application_number: {NINES}\n",
                 "Patent 'X': field 'application_number': input should be a valid string, "
                 "got an integer of 5000 digits", STRING_HINT, id="field"),
    pytest.param(PATENT + f"    application_number: -{NINES}\n",
                 "Patent 'X': field 'application_number': input should be a valid string, "
                 "got a negative integer of 5000 digits", STRING_HINT, id="negative"),
    pytest.param(PATENT + f"    application_number: [1, {NINES}]\n",
                 "Patent 'X': field 'application_number': input should be a valid string, "
                 "got <list holding an integer too long to show>", STRING_HINT, id="in-a-list"),
    pytest.param(f"kind: {NINES}\n", "unknown kind an integer of 5000 digits", None, id="kind"),
    pytest.param(f"apiVersion: {NINES}\nkind: Patent\n", "unsupported apiVersion an integer of 5000 digits",
                 "this version of ipcheck reads `apiVersion: ipcheck/v1`", id="apiVersion"),
    pytest.param('{"kind": "Patent", "items": [{"id": "X", "title": "T", "jurisdiction": "CN", "status": "granted", '
                 f'"application_number": {NINES}}}]}}\n',
                 "Patent 'X': field 'application_number': input should be a valid string, "
                 "got an integer of 5000 digits", STRING_HINT, id="json-document"),
]


@pytest.mark.parametrize(("text", "message", "hint"), CASES)
def test_load_reports_a_too_long_integer(tmp_path: Path, text: str, message: str, hint: str | None) -> None:
    (tmp_path / "big.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LoadFailed) as failed:
        load([tmp_path])
    [problem] = failed.value.problems
    assert (problem.kind, problem.location.file, problem.message) == ("load", "big.yaml", message)
    if hint is not None:
        assert problem.hint == hint


def test_check_exits_2_with_a_report(tmp_path: Path) -> None:
    folder = tmp_path / "decl"
    shutil.copytree(EXEMPLAR, folder)
    (folder / "registers" / "big.yaml").write_text(PATENT + f"    application_number: {NINES}\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["check", str(folder), "-f", "json", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "internal error" not in result.stderr
    message = ("Patent 'X': field 'application_number': input should be a valid string, "
               f"got an integer of 5000 digits (hint: {STRING_HINT})")
    [error] = json.loads(out.read_text(encoding="utf-8"))["errors"]
    assert (error["file"], error["message"]) == ("registers/big.yaml", message)
    assert result.stderr.splitlines()[-1] == ("ipcheck: the declaration could not be loaded (1 error); "
                                              f"no rule ran; failed; report written to {out}")


LOCATED = [
    pytest.param(PATENT + f"    application_number: {NINES}\n", (7, 25), id="field"),
    pytest.param(PATENT + f"    application_number: -{NINES}\n", (7, 25), id="negative"),
    pytest.param(PATENT + f"    application_number: [1, {NINES}]\n", (7, 25), id="in-a-list"),
    pytest.param(f"kind: {NINES}\n", (1, 7), id="kind"),
    pytest.param('{"kind": "Patent", "items": [{"id": "X", "title": "T", "jurisdiction": "CN", "status": "granted", '
                 f'"application_number": {NINES}}}]}}\n', (1, 121), id="json-document"),
]


@pytest.mark.parametrize(("text", "position"), LOCATED)
def test_a_too_long_integer_is_located_at_its_value(tmp_path: Path, text: str, position: tuple[int, int]) -> None:
    (tmp_path / "big.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(LoadFailed) as failed:
        load([tmp_path])
    [problem] = failed.value.problems
    assert (problem.location.line, problem.location.column) == position


def test_a_too_long_integer_read_by_the_locator_equals_the_parsed_one() -> None:
    """The locator's ruamel.yaml keeps a too-long decimal integer as its text; it matches the
    integer the fast parser made of it by sign, size and last digits, never converting either."""
    from ipcheck.load.locate import LongInteger

    value = 10**5000 - 1
    assert LongInteger(NINES) == value and value == LongInteger(NINES)
    assert LongInteger("+" + NINES) == value
    assert LongInteger("-" + NINES) == -value and LongInteger("-" + NINES) != value
    assert LongInteger(NINES) != value - 1  # the last digits differ
    assert LongInteger(NINES) != int("9" * 4000)  # the size differs
    assert LongInteger(NINES) != value * 10**18 + int("9" * 18)  # same last digits, larger
    assert LongInteger(NINES) != True and LongInteger(NINES) != "9"  # noqa: E712
    assert LongInteger(NINES) == LongInteger(NINES)
    with pytest.raises(TypeError):
        hash(LongInteger(NINES))
