"""Baselines at their edges: corrupt files (exit 2, the file named once, a hint), the format
version, and which baselined findings a run may call fixed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.baseline import REWRITE_HINT, BaselineError, apply_baseline, read_baseline, rules_run
from ipcheck.cli import cli
from ipcheck.findings import Location, Problem
from ipcheck.report.model import Report
from tests.defects.apply import apply_edits, materialise
from tests.report.conftest import make_report

AS_OF = "2026-11-24"
LAPSED_FINGERPRINT = "3dbc20fe5aea56b1bbe9b444702538f6"
"""The fingerprint of the one finding of the lapsed declaration (IPP005, HXP-CN-2016-001)."""
LONG = "1" * 5000


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "bl.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# -- corrupt files ---------------------------------------------------------------------

CORRUPT = [
    pytest.param(f'{{"ipcheck_baseline": 1, "fingerprints": [{LONG}]}}',
                 "fingerprints[0] has no fingerprint (expected a non-empty string)", REWRITE_HINT,
                 id="fingerprint-integer-of-5000-digits"),
    pytest.param(f'{{"ipcheck_baseline": {LONG}, "fingerprints": []}}',
                 "baseline format an integer of 5000 digits is not supported (this ipcheck reads 1)",
                 "write a new one with this version's `ipcheck baseline`", id="version-integer-of-5000-digits"),
    pytest.param('{"ipcheck_baseline": true, "fingerprints": []}',
                 "baseline format true is not supported (this ipcheck reads 1)",
                 "write a new one with this version's `ipcheck baseline`", id="version-true"),
    pytest.param('{"ipcheck_baseline": 1.0, "fingerprints": []}',
                 "baseline format 1.0 is not supported (this ipcheck reads 1)",
                 "write a new one with this version's `ipcheck baseline`", id="version-1.0"),
    pytest.param('{"ipcheck_baseline": "1", "fingerprints": []}',
                 'baseline format "1" is not supported (this ipcheck reads 1)',
                 "write a new one with this version's `ipcheck baseline`", id="version-string"),
    pytest.param(b'{"ipcheck_baseline": 1, "x": "\xff"}',
                 "not UTF-8 text (invalid start byte at byte 30)", REWRITE_HINT, id="not-utf8"),
    pytest.param('{"ipcheck_baseline": 1,\n "fingerprints": [}',
                 "line 2, column 19: not valid JSON (Expecting value)", REWRITE_HINT, id="bad-json"),
    pytest.param('{"ipcheck_baseline": 1, "fingerprints": [{"fingerprint": "ab", "rule": 5}]}',
                 "fingerprints[0] has a rule that is not a rule id (expected a non-empty string)", REWRITE_HINT,
                 id="rule-not-a-string"),
    pytest.param('{"something": 1}',
                 "neither an ipcheck baseline (no 'ipcheck_baseline' key) nor an ipcheck JSON report",
                 "give a file written by `ipcheck baseline` or by `ipcheck check -f json`", id="not-a-baseline"),
]


@pytest.mark.parametrize(("content", "reason", "hint"), CORRUPT)
def test_corrupt_baseline_is_an_error_naming_the_file_once(tmp_path: Path, content: str | bytes, reason: str,
                                                           hint: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(BaselineError) as info:
        read_baseline(path)
    assert (info.value.path, info.value.reason, info.value.hint) == (path, reason, hint)
    assert str(info.value) == f"{reason}\n  hint: {hint}"


@pytest.mark.parametrize(("content", "reason", "hint"), CORRUPT)
def test_check_with_a_corrupt_baseline_exits_2(tmp_path: Path, content: str | bytes, reason: str,
                                               hint: str) -> None:
    path = write(tmp_path, content)
    code, out, err = run("check", str(materialise("ipp005-annuity-missed", tmp_path / "decl")),
                         "--as-of", AS_OF, "--baseline", str(path), "-f", "json")
    assert code == 2
    assert err == f"{path}: {reason}\n  hint: {hint}\n"
    assert out == ""


def test_only_the_integer_1_is_version_1(tmp_path: Path) -> None:
    path = write(tmp_path, '{"ipcheck_baseline": 1, "fingerprints": ["ab", {"fingerprint": "cd", "rule": "IPP005"}]}')
    assert read_baseline(path) == {"ab": None, "cd": "IPP005"}


# -- what is fixed ---------------------------------------------------------------------

@pytest.fixture
def lapsed(tmp_path: Path) -> Path:
    """The exemplar with one lapsed patent annuity (IPP005), and its baseline beside it."""
    folder = materialise("ipp005-annuity-missed", tmp_path / "decl")
    code, _, err = run("baseline", str(folder), "--as-of", AS_OF, "-o", str(tmp_path / "baseline.json"))
    assert code == 0, err
    return folder


def baseline_of(folder: Path) -> Path:
    return folder.parent / "baseline.json"


def fixed_line(folder: Path, baseline: Path, *extra: str) -> tuple[int, str]:
    """The exit code and the markdown report's line on fixed findings."""
    code, out, _ = run("check", str(folder), "--as-of", AS_OF, "--baseline", str(baseline), "-f", "markdown", *extra)
    return code, next(line for line in out.splitlines() if "fixed since" in line)


def sarif_fixed(folder: Path, baseline: Path, *extra: str) -> list[str]:
    _, out, _ = run("check", str(folder), "--as-of", AS_OF, "--baseline", str(baseline), "-f", "sarif", *extra)
    return json.loads(out)["runs"][0]["properties"]["fixedSinceBaseline"]


def fix_the_annuity(folder: Path) -> None:
    apply_edits(folder, [{"file": "registers/patents.yaml", "id": "HXP-CN-2016-001",
                          "set": {"annuity_due": "2027-03-17"}}])


def test_baseline_records_the_rule(lapsed: Path) -> None:
    assert read_baseline(baseline_of(lapsed)) == {LAPSED_FINGERPRINT: "IPP005"}


def test_fixed_when_the_rule_ran_and_the_finding_is_gone(lapsed: Path) -> None:
    fix_the_annuity(lapsed)
    assert fixed_line(lapsed, baseline_of(lapsed)) == (0, "- Baselined findings fixed since: 1")
    assert sarif_fixed(lapsed, baseline_of(lapsed)) == [LAPSED_FINGERPRINT]


def test_not_fixed_when_select_leaves_the_rule_out(lapsed: Path) -> None:
    assert fixed_line(lapsed, baseline_of(lapsed), "--select", "IP1") == (0, "- Baselined findings fixed since: 0")
    fix_the_annuity(lapsed)
    assert fixed_line(lapsed, baseline_of(lapsed), "--select", "IP1") == (0, "- Baselined findings fixed since: 0")
    assert fixed_line(lapsed, baseline_of(lapsed), "--ignore", "IPP005") == (0, "- Baselined findings fixed since: 0")


def test_not_fixed_when_the_declaration_cannot_be_loaded(lapsed: Path) -> None:
    (lapsed / "broken.yaml").write_text("kind: Patent\nitems: [\n", encoding="utf-8")
    assert fixed_line(lapsed, baseline_of(lapsed)) == (2, "- Baselined findings fixed since: 0")
    fix_the_annuity(lapsed)
    assert fixed_line(lapsed, baseline_of(lapsed)) == (2, "- Baselined findings fixed since: 0")


def test_not_fixed_when_a_waiver_now_covers_it(lapsed: Path) -> None:
    (lapsed / "ipcheck.yaml").write_text(
        "waivers:\n  - {rule: IPP005, subject: HXP-CN-2016-001, justification: Sold in 2027, approved_by: CEO, "
        "expires: 2027-06-30}\n", encoding="utf-8")
    assert fixed_line(lapsed, baseline_of(lapsed)) == (0, "- Baselined findings fixed since: 0")


def test_entries_without_a_rule_are_fixed_only_by_a_run_of_every_rule(lapsed: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"ipcheck_baseline": 1, "fingerprints": [LAPSED_FINGERPRINT]}), encoding="utf-8")
    fix_the_annuity(lapsed)
    assert fixed_line(lapsed, old) == (0, "- Baselined findings fixed since: 1")
    assert fixed_line(lapsed, old, "--select", "IPP") == (0, "- Baselined findings fixed since: 0")


def test_rules_run() -> None:
    loaded = make_report(errors=[])
    ran, every = rules_run(loaded, [r.id for r in loaded.rules])
    assert ran == {r.id for r in loaded.rules} and every
    assert rules_run(loaded, [*ran, "OTHER1"])[1] is False  # a rule left out by the selection
    failing = make_report()  # ACME001 failed internally
    assert rules_run(failing, [r.id for r in failing.rules]) == ({r.id for r in failing.rules}, False)
    failed_rule = make_report(errors=[Problem("internal", "boom", Location("x.py", 1, 1), rule="STA001")])
    assert "STA001" not in rules_run(failed_rule, [])[0]
    not_loaded: Report = make_report(checked=False)
    assert rules_run(not_loaded, [r.id for r in not_loaded.rules]) == (frozenset(), False)


def test_apply_judges_each_entry_by_its_rule(report: Report) -> None:
    baseline = {"a" * 32: "PAT002", "b" * 32: "OTHER1", "c" * 32: None}
    assert apply_baseline(report.findings, baseline, ran={"PAT002"}, every_rule=False)[2] == ["a" * 32]
    assert apply_baseline(report.findings, baseline, ran={"PAT002"}, every_rule=True)[2] == ["a" * 32, "c" * 32]
    assert apply_baseline(report.findings, baseline, ran=frozenset(), every_rule=False)[2] == []
