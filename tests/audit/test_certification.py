"""summary.certification: the preconditions a certification body checks before it audits,
and the verdict; --audit-date judges time-based rules at the audit's day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.certification import open_majors, verdict
from ipcheck.check import CheckOptions, run_check
from ipcheck.cli import cli
from ipcheck.config import Config
from ipcheck.testing import run_declaration

ROOT = Path(__file__).resolve().parents[2]

SYSTEM = """\
kind: Enterprise
id: acme
name: Acme Ltd
{penalties}
---
kind: RecordForm
id: F-1
title: Docket check
---
kind: Record
id: R-1
form: F-1
date: {first}
---
kind: Audit
id: AUD-1
date: 2026-06-10
report: IA-2026-01
---
kind: ManagementReview
id: MR-1
date: 2026-07-01
"""


def _certification(first: str = "2026-03-01", penalties: str = "", **options: object) -> dict[str, object]:
    """The certification of the small system above, had the rules found no major (they are
    not what this tests: ``select`` leaves them out, which makes the real verdict not-assessed)."""
    text = SYSTEM.format(first=first, penalties=penalties)
    report = run_declaration(text, select="IPW", entry_points=False, as_of="2026-11-24", **options).report
    assert report.certification_verdict() in ("not-assessed", "not-ready")
    checks = [*report.preconditions, open_majors([], complete=True)]
    return {"verdict": verdict(checks, loaded=True), "preconditions": [c.to_dict() for c in checks]}


def test_every_precondition_met_is_ready() -> None:
    certification = _certification()
    assert certification == {"verdict": "ready", "preconditions": [
        {"id": "system-running", "met": True,
         "message": "The system has run with records since 2026-03-01 (8 months before 2026-11-24)"},
        {"id": "internal-audit", "met": True, "message": "Internal audit AUD-1 was held on 2026-06-10, with its report"},
        {"id": "management-review", "met": True, "message": "Management review MR-1 was held on 2026-07-01"},
        {"id": "no-penalty", "met": True, "message": "No IP administrative penalty in the year before 2026-11-24"},
        {"id": "no-open-major", "met": True, "message": "No major nonconformity is open"},
    ]}


def test_a_penalty_within_the_year_and_a_short_run_are_not_ready() -> None:
    certification = _certification(first="2026-09-01",
                                   penalties="penalties:\n  - {date: 2026-02-03, authority: Ningbo AMR}")
    assert certification["verdict"] == "not-ready"
    unmet = {p["id"]: p["message"] for p in certification["preconditions"] if p["met"] is False}  # type: ignore[index,union-attr]
    assert unmet == {
        "system-running": "The first operation record is of 2026-09-01: the system has not run 3 months with "
                          "records by 2026-11-24",
        "no-penalty": "An IP administrative penalty was imposed on 2026-02-03 (Ningbo AMR), less than a year "
                      "before 2026-11-24",
    }


def test_the_audit_date_is_when_preconditions_are_judged() -> None:
    # three months of records by the audit day, and the penalty more than a year before it
    certification = _certification(first="2026-09-01", penalties="penalties:\n  - {date: 2025-12-01}",
                                   audit_date="2027-01-15")
    assert certification["verdict"] == "ready"


def test_open_majors_block_and_a_partial_run_is_not_assessed() -> None:
    early = ROOT / "fixtures" / "partial" / "early"
    report = run_check(CheckOptions(paths=[early], as_of=dt.date(2026, 11, 24), entry_point_plugins=False))
    assert report.certification()["preconditions"][-1] == {  # type: ignore[index]
        "id": "no-open-major", "met": False, "message": "Major nonconformities open: 17; each must be closed before "
                                                        "the audit"}
    exemplar = ROOT / "fixtures" / "exemplar"
    partial = run_check(CheckOptions(paths=[exemplar], as_of=dt.date(2026, 11, 24), entry_point_plugins=False,
                                     config=Config(select=["IPP"])))
    assert partial.certification_verdict() == "not-assessed"
    assert partial.certification_checks()[-1].met is None


def test_an_unloadable_declaration_is_not_assessed(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("kind: Enterprise\nid: [\n", encoding="utf-8")
    report = run_check(CheckOptions(paths=[tmp_path], as_of=dt.date(2026, 11, 24), entry_point_plugins=False))
    assert report.certification() == {"verdict": "not-assessed", "preconditions": []}


def test_audit_date_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = ["check", "fixtures/exemplar", "--as-of", "2026-11-24"]
    later = CliRunner().invoke(cli, [*args, "--audit-date", "2027-03-01"])
    assert later.exit_code == 1  # records fall due before the audit: they show now
    assert "judged at the audit date 2027-03-01" in later.stdout.splitlines()[1]
    before = CliRunner().invoke(cli, [*args, "--audit-date", "2026-11-01"])
    assert before.exit_code == 2 and "is before the check's date 2026-11-24" in before.output
