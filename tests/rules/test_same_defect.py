"""The same defect reported by two rules is one finding: the most severe keeps its rule id,
location and fingerprint, and carries the other rule ids, fingerprints, clauses, statements
and corrective actions; baselines and waivers written for either still apply."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.check import CheckOptions, run_check
from ipcheck.cli import cli
from ipcheck.config import Config
from ipcheck.findings import Finding, Location
from ipcheck.rules.same_defect import merge_same_defects, same_defect_pairs
from tests.defects.apply import materialise

AS_OF = "2026-11-24"
IP602_FINGERPRINT = "deeb0048"  # the form F-04-1's finding of IP602, as it was before merging
IP604_FINGERPRINT = "696c44fb"


@pytest.fixture(scope="module")
def docket_lapsed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exemplar whose weekly docket check F-04-1 was last recorded on 2026-10-19."""
    return materialise("ipp006-annuity-due-docket-lapsed", tmp_path_factory.mktemp("decl") / "decl")


def _check(folder: Path, lang: str = "en", **options: object) -> list[Finding]:
    report = run_check(CheckOptions(paths=[folder], as_of=dt.date(2026, 11, 24), config=Config(lang=lang),
                                    entry_point_plugins=False, **options))  # type: ignore[arg-type]
    return report.findings


def _form(findings: list[Finding]) -> Finding:
    (found,) = [f for f in findings if f.subject == "F-04-1"]
    return found


def test_one_form_not_kept_is_one_finding_with_both_rules(docket_lapsed: Path) -> None:
    found = _form(_check(docket_lapsed))
    assert (found.rule, found.rules, found.severity, str(found.location)) == (
        "IP602", ("IP602", "IP604"), "minor", "manual/forms.yaml:22:89")
    assert found.fingerprint.startswith(IP602_FINGERPRINT)
    assert [(rule, fp[:8]) for rule, fp in found.also] == [("IP604", IP604_FINGERPRINT)]
    assert found.clauses == ("GB/T 29490-2023 7.5", "GB/T 29490-2023 9.1")
    assert found.message == (
        "RecordForm F-04-1 'Deadline and annuity docket check' is to be filled in weekly, but its latest record, "
        "R26-0188, is dated 2026-10-19: nothing was recorded in the week before 2026-11-24; "
        "Monitoring form F-04-1 'Deadline and annuity docket check' (weekly) has no record for 4 weeks of the "
        "last twelve months (2026-10-20 to 2026-11-16)")
    assert found.corrective_action.count("Have Legal & IP Department (IP management body) (Sun Lihua)") == 2
    assert found.to_dict()["also"] == [{"rule": "IP604", "fingerprint": found.also[0][1]}]


def test_chinese_statements_join_with_a_full_width_semicolon(docket_lapsed: Path) -> None:
    found = _form(_check(docket_lapsed, lang="zh-CN"))
    assert found.rules == ("IP602", "IP604") and found.message.count("；") == 1 and "; " not in found.message


def test_reports_name_every_rule(docket_lapsed: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(docket_lapsed), "--as-of", AS_OF, "-f", "markdown"])
    assert result.exit_code == 1
    assert "IP602, IP604" in result.stdout and "IP604 " not in result.stdout.replace("IP602, IP604", "")


def test_a_baseline_written_before_the_merge_still_matches(docket_lapsed: Path, tmp_path: Path) -> None:
    found = _form(_check(docket_lapsed))
    old = tmp_path / "old.json"  # what a baseline recorded when the two findings were apart
    old.write_text(json.dumps({"ipcheck_baseline": 1, "fingerprints": [
        {"fingerprint": fp, "rule": rule, "subject": "F-04-1", "file": "manual/forms.yaml"}
        for rule, fp in zip(found.rules, found.fingerprints, strict=True)]}), encoding="utf-8")
    report = run_check(CheckOptions(paths=[docket_lapsed], as_of=dt.date(2026, 11, 24), config=Config(),
                                    entry_point_plugins=False, baseline=old))
    assert [f.subject for f in report.findings if f.subject == "F-04-1"] == []
    assert report.fixed == []


def test_a_baseline_recording_one_of_the_two_does_not_hide_the_other(docket_lapsed: Path, tmp_path: Path) -> None:
    found = _form(_check(docket_lapsed))
    half = tmp_path / "half.json"
    half.write_text(json.dumps({"ipcheck_baseline": 1, "fingerprints": [
        {"fingerprint": found.fingerprint, "rule": "IP602"}]}), encoding="utf-8")
    report = run_check(CheckOptions(paths=[docket_lapsed], as_of=dt.date(2026, 11, 24), config=Config(),
                                    entry_point_plugins=False, baseline=half))
    assert _form(report.findings).rules == ("IP602", "IP604")


@pytest.mark.parametrize("written_by", ["baseline", "json"])
def test_a_new_baseline_and_a_json_report_record_both(docket_lapsed: Path, tmp_path: Path, written_by: str) -> None:
    path = tmp_path / "recorded.json"
    args = ["baseline", str(docket_lapsed)] if written_by == "baseline" else ["check", str(docket_lapsed), "-f", "json"]
    CliRunner().invoke(cli, [*args, "--as-of", AS_OF, "-o", str(path)])
    result = CliRunner().invoke(cli, ["check", str(docket_lapsed), "--as-of", AS_OF, "--baseline", str(path),
                                      "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["baselined"] == 3  # F-03-2, the merged F-04-1, the annuity
    if written_by == "baseline":
        recorded = json.loads(path.read_text(encoding="utf-8"))["fingerprints"]
        assert sorted(e["rule"] for e in recorded if e["subject"] == "F-04-1") == ["IP602", "IP604"]


@pytest.mark.parametrize(("waived", "left"), [(["IP602"], ("IP602", "IP604")), (["IP602", "IP604"], None)])
def test_a_merged_finding_is_waived_only_when_every_rule_is(docket_lapsed: Path, tmp_path: Path,
                                                            waived: list[str], left: tuple[str, ...] | None) -> None:
    folder = tmp_path / "waived"
    folder.mkdir()
    for path in docket_lapsed.rglob("*"):
        if path.is_file():
            (folder / path.relative_to(docket_lapsed)).parent.mkdir(parents=True, exist_ok=True)
            (folder / path.relative_to(docket_lapsed)).write_bytes(path.read_bytes())
    (folder / "ipcheck.yaml").write_text("waivers:\n" + "".join(
        f"  - {{rule: {rule}, subject: F-04-1, justification: Docket moved to the agency, approved_by: Liu Hong, "
        "expires: 2027-01-31}\n" for rule in waived), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(folder), "--as-of", AS_OF, "-f", "json"])
    report = json.loads(result.stdout)
    remaining = [(f["rule"], *(a["rule"] for a in f["also"])) for f in report["findings"] if f["subject"] == "F-04-1"]
    assert remaining == ([left] if left else [])
    assert report["summary"]["waived"] == (0 if left else 1)


def _finding(rule: str, severity: str, protection: str | None, subject: str = "PR-01") -> Finding:
    return Finding(rule=rule, severity=severity, title=rule, message=f"{rule} says", stage=None,
                   protection=protection, clauses=(f"C {rule}",), subject=subject,
                   location=Location("manual/procedures.yaml", 7, 5), corrective_action=f"{rule} fix.",
                   fingerprint=f"fp-{rule}")


def test_a_finding_with_a_protection_type_never_merges_into_one_without() -> None:
    pairs = (("IPP002", "IP408"), ("IPT002", "IP408"))
    findings = [_finding("IP408", "minor", None), _finding("IPP002", "major", "patent"),
                _finding("IPT002", "major", "trademark"), _finding("IP408", "minor", None, "PR-02")]
    merged = merge_same_defects(findings, "en", pairs)
    assert [(f.rule, f.rules, f.protection) for f in merged] == [
        ("IPP002", ("IPP002", "IP408"), "patent"), ("IPT002", ("IPT002",), "trademark"), ("IP408", ("IP408",), None)]
    assert merged[0].clauses == ("C IPP002", "C IP408") and merged[0].message == "IPP002 says; IP408 says"
    assert merge_same_defects(findings[3:], "en", pairs) == findings[3:]  # alone: the very same finding


def test_every_pair_names_known_rules() -> None:
    from ipcheck.plugins import load_plugins

    known = {r.id for r in load_plugins([], entry_point_plugins=False).rules()}
    assert same_defect_pairs() and all(rule in known for pair in same_defect_pairs() for rule in pair)
