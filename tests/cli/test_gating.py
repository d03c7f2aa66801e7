"""CI gating: exit codes, baselines, waivers, deterministic reports, stable fingerprints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.cli import cli
from ipcheck.report.formats import FORMATS, is_binary
from tests.defects.apply import EXEMPLAR, apply_edits, materialise

AS_OF = "2026-11-24"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def lapsed(tmp_path: Path) -> Path:
    """The exemplar with one patent annuity past due, inside its grace period (IPP005, minor)."""
    return materialise("ipp005-annuity-missed", tmp_path / "decl")


def findings(folder: Path, *extra: str) -> list[dict[str, object]]:
    code, out, _ = run("check", str(folder), "--as-of", AS_OF, "-f", "json", *extra)
    return json.loads(out)["findings"]


def test_fail_on_thresholds(lapsed: Path) -> None:
    assert run("check", str(lapsed), "--as-of", AS_OF, "-f", "json")[0] == 1
    assert run("check", str(lapsed), "--as-of", AS_OF, "-f", "json", "--fail-on", "minor")[0] == 1
    assert run("check", str(lapsed), "--as-of", AS_OF, "-f", "json", "--fail-on", "major")[0] == 0
    assert run("check", str(lapsed), "--as-of", AS_OF, "-f", "json", "--fail-on", "never")[0] == 0
    assert run("check", str(EXEMPLAR), "--as-of", AS_OF, "-f", "json", "--fail-on", "observation")[0] == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_reports_are_byte_identical_across_runs(lapsed: Path, tmp_path: Path, fmt: str) -> None:
    first, second = tmp_path / f"1.{fmt}", tmp_path / f"2.{fmt}"
    assert run("check", str(lapsed), "--as-of", AS_OF, "-f", fmt, "-o", str(first))[0] == 1
    assert run("check", str(lapsed), "--as-of", AS_OF, "-f", fmt, "-o", str(second))[0] == 1
    assert first.read_bytes() == second.read_bytes()
    assert b"2026-11-24" in first.read_bytes() or fmt in ("junit", "codeclimate") or is_binary(FORMATS[fmt])


def test_fingerprints_survive_unrelated_edits(lapsed: Path) -> None:
    before = {(f["rule"], f["subject"]): (f["fingerprint"], f["location"]) for f in findings(lapsed)}
    # Move things around: a new person at the top of the staff list, a comment block in the
    # patent register before the lapsed patent, a new unrelated patent appended.
    patents = lapsed / "registers" / "patents.yaml"
    text = patents.read_text(encoding="utf-8")
    head, sep, rest = text.partition("items:\n")
    patents.write_text(head + sep + "  # Reviewed 2026-11-20 by the IP department.\n  # No changes.\n" + rest,
                       encoding="utf-8")
    apply_edits(lapsed, [{"file": "people/new-hires.yaml",
                          "write": "kind: Person\nid: new.hire\nname: New Hire\nunit: U-RD\n---\n"
                                   "kind: Contract\nid: LC-new.hire\ntitle: Labour contract of New Hire\n"
                                   "type: employment\nsigned: 2026-11-20\npeople: [new.hire]\n"
                                   "ip_ownership: Service inventions belong to Huaxin\nconfidentiality: true\n"}])
    after = {(f["rule"], f["subject"]): (f["fingerprint"], f["location"]) for f in findings(lapsed)}
    assert after.keys() == before.keys()
    for key, (fingerprint, location) in before.items():
        assert after[key][0] == fingerprint
    moved = [k for k in before if before[k][1] != after[k][1]]
    assert moved, "the edits were meant to move the finding's line"


def test_baseline_gates_only_new_findings(lapsed: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    code, _, err = run("baseline", str(lapsed), "--as-of", AS_OF, "-o", str(baseline))
    assert code == 0, err
    assert "1 finding(s) recorded" in err
    code, out, _ = run("check", str(lapsed), "--as-of", AS_OF, "--baseline", str(baseline))
    assert code == 0
    assert "1 finding baselined" in out
    # Refuses to overwrite the baseline without --force.
    assert run("baseline", str(lapsed), "--as-of", AS_OF, "-o", str(baseline))[0] == 2
    # A new defect fails the run; fixing the old one shows it as fixed.
    apply_edits(lapsed, [{"file": "registers/patents.yaml", "id": "HXP-CN-2016-001", "set": {"annuity_due": "2027-03-17"}}])
    code, out, _ = run("check", str(lapsed), "--as-of", AS_OF, "--baseline", str(baseline), "-f", "text")
    assert code == 0
    assert "Fixed since the baseline (1)" in out
    # A JSON report works as a baseline too.
    report = tmp_path / "report.json"
    shutil.rmtree(lapsed)
    folder = materialise("ipp005-annuity-missed", lapsed)
    run("check", str(folder), "--as-of", AS_OF, "-f", "json", "-o", str(report))
    assert run("check", str(folder), "--as-of", AS_OF, "--baseline", str(report), "-f", "json")[0] == 0


def _config(folder: Path, text: str) -> None:
    (folder / "ipcheck.yaml").write_text(text, encoding="utf-8")


def test_waiver_in_force_accepts_the_finding(lapsed: Path) -> None:
    _config(lapsed, "waivers:\n  - rule: IPP005\n    subject: HXP-CN-2016-001\n"
                    "    justification: Patent sold; transfer recorded in December\n"
                    "    approved_by: Liu Hong\n    expires: 2027-01-31\n")
    code, out, _ = run("check", str(lapsed), "--as-of", AS_OF)
    assert code == 0
    assert "Waived: 1 finding" in out


def test_expired_waiver_stops_applying_and_is_reported(lapsed: Path) -> None:
    _config(lapsed, "waivers:\n  - rule: IPP005\n    subject: HXP-CN-2016-001\n"
                    "    justification: Patent sold; transfer recorded in December\n"
                    "    approved_by: Liu Hong\n    expires: 2026-10-31\n")
    code, out, _ = run("check", str(lapsed), "--as-of", AS_OF, "-f", "json")
    assert code == 1
    rules = sorted(f["rule"] for f in json.loads(out)["findings"])
    assert rules == ["IPP005", "IPW001"]
    expired = next(f for f in json.loads(out)["findings"] if f["rule"] == "IPW001")
    assert expired["message"] == ("The waiver of IPP005 for HXP-CN-2016-001 approved by Liu Hong "
                                  "expired on 2026-10-31")
    assert expired["location"]["file"] == "ipcheck.yaml"


def test_waiver_without_justification_is_rejected(lapsed: Path) -> None:
    _config(lapsed, "waivers:\n  - rule: IPP005\n    subject: HXP-CN-2016-001\n"
                    "    approved_by: Liu Hong\n    expires: 2027-01-31\n")
    code, _, err = run("check", str(lapsed), "--as-of", AS_OF)
    assert code == 2
    assert err.startswith(f"{lapsed / 'ipcheck.yaml'}:2:5: configuration: waivers.0.justification: field required")


WAIVER = ("waivers:\n  - rule: IPP005\n    subject: HXP-CN-2016-001\n"
          "    justification: Patent sold; transfer recorded in December\n"
          "    approved_by: Liu Hong\n    expires: {expires}\n")


@pytest.mark.parametrize(("as_of", "rules"), [
    ("2026-11-23", []),                       # the day before its expiry
    ("2026-11-24", []),                       # its expiry day: still in force (documented)
    ("2026-11-25", ["IPP005", "IPW001"]),     # the day after: the finding counts again, and the lapse
])
def test_a_waiver_is_in_force_through_its_expiry_day(lapsed: Path, as_of: str, rules: list[str]) -> None:
    _config(lapsed, WAIVER.format(expires="2026-11-24"))
    code, out, _ = run("check", str(lapsed), "--as-of", as_of, "-f", "json", "--select", "IPP005,IPW")
    assert sorted(f["rule"] for f in json.loads(out)["findings"]) == rules
    assert code == (1 if rules else 0)


@pytest.mark.parametrize("selection", [["--ignore", "IPW001"], ["--ignore", "IPW"], ["--select", "IPP"]])
def test_the_expired_waiver_finding_follows_select_and_ignore(lapsed: Path, selection: list[str]) -> None:
    _config(lapsed, WAIVER.format(expires="2026-10-31"))
    code, out, _ = run("check", str(lapsed), "--as-of", AS_OF, "-f", "json", *selection)
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert "IPP005" in rules and "IPW001" not in rules
    code, out, _ = run("check", str(lapsed), "--as-of", AS_OF, "-f", "json", "--select", "IPW001,IPP005")
    assert sorted(f["rule"] for f in json.loads(out)["findings"]) == ["IPP005", "IPW001"]


@pytest.mark.parametrize("field", ["justification", "approved_by"])
def test_a_waiver_whose_justification_or_approver_is_white_space_is_refused(lapsed: Path, field: str) -> None:
    text = WAIVER.format(expires="2027-01-31")
    text = text.replace("Patent sold; transfer recorded in December" if field == "justification" else "Liu Hong",
                        '"  \\t "')
    _config(lapsed, text)
    code, _, err = run("check", str(lapsed), "--as-of", AS_OF)
    line = 4 if field == "justification" else 5
    assert code == 2
    assert err.startswith(f"{lapsed / 'ipcheck.yaml'}:{line}:{len(field) + 7}: configuration: waivers.0.{field}: "
                          "is only white space; write it out\n")


def test_a_waiver_with_neither_subject_nor_path_is_refused_unless_rule_wide(lapsed: Path) -> None:
    text = WAIVER.format(expires="2027-01-31").replace("    subject: HXP-CN-2016-001\n", "")
    _config(lapsed, text)
    code, _, err = run("check", str(lapsed), "--as-of", AS_OF)
    assert code == 2
    assert err.startswith(f"{lapsed / 'ipcheck.yaml'}:2:5: configuration: waivers.0: waiver of IPP005 names neither "
                          "a subject nor a path, so it would waive every finding of IPP005\n  hint: name the item")
    _config(lapsed, text.replace("  - rule: IPP005\n", "  - rule: IPP005\n    rule_wide: true\n"))
    code, out, _ = run("check", str(lapsed), "--as-of", AS_OF)
    assert code == 0 and "Waived: 1 finding" in out
