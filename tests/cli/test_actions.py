"""The corrective-action plan: owners from the items concerned, due dates from audit practice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ipcheck.check import CheckOptions, run_check

ROOT = Path(__file__).resolve().parents[2]


def test_pre_audit_plan_names_owners_and_due_dates() -> None:
    report = run_check(CheckOptions(paths=[ROOT / "fixtures" / "partial" / "pre-audit"],
                                    as_of=dt.date(2026, 11, 24), entry_point_plugins=False))
    plan = {(f.rule, f.subject): report.actions.get(f.fingerprint) for f in report.findings}
    # A major about the internal audit process goes to the management representative (a
    # person: the role's holder), due in 30 days; the management review to top management.
    office = "General Manager's Office"
    assert plan[("IP701", None)] == {"owner": "Qian Li", "unit": office, "due": "2026-12-24"}
    assert plan[("IP801", None)] == {"owner": "Gu Hua", "unit": office, "due": "2026-12-24"}
    # A minor about a register entry goes to the owner of the register's procedure, due in 90 days,
    # or sooner when the entry has a deadline of its own (RD-P-02's annuity).
    assert plan[("IPP010", "RD-P-04")] == {"owner": "Song Yi", "unit": office, "due": "2027-02-22"}
    assert plan[("IPP101", "RD-P-02")] == {"owner": "Song Yi", "unit": office, "due": "2026-12-03"}
    # Observations (IP510: a procedure not trained on) need no corrective action.
    assert plan[("IP510", "PR-04")] is None
    # A lapse on a monthly monitoring form is due by the end of the next month.
    assert plan[("IP604", "F-02-2")] == {"owner": "Song Yi", "unit": office, "due": "2026-12-24"}
    # A role whose holder left goes to the management representative.
    assert plan[("IP314", "ROLE-LIAISON")] == {"owner": "Qian Li", "unit": office, "due": "2027-02-22"}
    # Each person is one owner: no role title beside a name.
    assert {a["owner"] for a in plan.values() if a} == {"Qian Li", "Gu Hua", "Song Yi"}
    assert all(a is None or a["due"] for a in plan.values())
    assert not any(f.severity == "observation" and f.fingerprint in report.actions for f in report.findings)


def test_a_record_form_answers_through_its_procedures_owner(tmp_path: Path) -> None:
    from ipcheck.actions import action_plan
    from ipcheck.findings import Finding, Location
    from ipcheck.load import load

    (tmp_path / "system.yaml").write_text("""\
kind: Person
items:
  - {id: li.si, name: Li Si}
  - {id: zhao.liu, name: Zhao Liu}
---
kind: Role
items:
  - {id: ROLE-MR, title: Management representative, type: management-representative, holders: [zhao.liu]}
  - {id: ROLE-IPD, title: IP Department, holders: [li.si]}
---
kind: Procedure
id: PR-01
title: Patent docketing
owner: ROLE-IPD
---
kind: RecordForm
items:
  - {id: F-DOCKET, title: Docket review, procedure: PR-01, frequency: monthly}
  - {id: F-LOOSE, title: Loose form, frequency: monthly}
---
kind: Record
id: R-1
form: F-DOCKET
date: 2026-10-01
""", encoding="utf-8")
    declaration = load([tmp_path])
    findings = [Finding(rule="X001", severity="minor", title="t", message="m", stage=None, protection=None,
                        clauses=(), subject=subject, location=Location("system.yaml", 1, 1), corrective_action="",
                        fingerprint=subject) for subject in ("F-DOCKET", "F-LOOSE", "R-1")]
    plan = action_plan(findings, declaration, dt.date(2026, 11, 24))
    assert {subject: plan[subject]["owner"] for subject in plan} == {
        "F-DOCKET": "Li Si", "F-LOOSE": "Zhao Liu", "R-1": "Li Si"}


def _one(tmp_path: Path, declaration: str, finding: dict[str, object], as_of: dt.date,
         audit_date: dt.date | None = None) -> dict[str, str]:
    from ipcheck.actions import action_plan
    from ipcheck.findings import Finding, Location
    from ipcheck.load import load

    (tmp_path / "decl.yaml").write_text(declaration, encoding="utf-8")
    fields: dict[str, object] = {"rule": "X001", "severity": "minor", "title": "t", "message": "m", "stage": None,
                                 "protection": None, "clauses": (), "subject": None, "corrective_action": "",
                                 "location": Location("decl.yaml", 1, 1), "fingerprint": "fp", **finding}
    return action_plan([Finding(**fields)], load([tmp_path]), as_of, audit_date)["fp"]  # type: ignore[arg-type]


PEOPLE = """\
kind: Person
items:
  - {id: liu.fang, name: 刘芳}
  - {id: wang.wu, name: Wang Wu, left: 2026-01-31}
  - {id: chen.qi, name: Chen Qi}
---
kind: Role
items:
  - {id: ROLE-MR, title: 管理者代表, type: management-representative, holders: [liu.fang]}
  - {id: ROLE-IPO, title: IP officer, type: ip-officer, holders: [wang.wu, chen.qi]}
"""


def test_a_role_answers_through_its_current_holder(tmp_path: Path) -> None:
    # the representative is 刘芳 herself, not "管理者代表 (刘芳)"; a leaver holds no role
    assert _one(tmp_path, PEOPLE, {"stage": "system"}, dt.date(2026, 11, 24))["owner"] == "刘芳"
    assert _one(tmp_path, PEOPLE, {"protection": "patent"}, dt.date(2026, 11, 24))["owner"] == "Chen Qi"


def test_an_annuity_to_pay_at_once_is_due_within_a_week(tmp_path: Path) -> None:
    patent = PEOPLE + """\
---
kind: Patent
id: PAT-1
title: Rotor
jurisdiction: CN
status: granted
annuity_due: 2026-10-30
"""
    found = _one(tmp_path, patent, {"severity": "major", "subject": "PAT-1", "protection": "patent"},
                 dt.date(2026, 11, 24))
    assert found == {"owner": "Chen Qi", "unit": "", "due": "2026-12-01"}
    # past the grace period too: still at once, not in 30 days
    assert _one(tmp_path, patent, {"severity": "major", "subject": "PAT-1"}, dt.date(2027, 6, 1))["due"] == "2027-06-08"
    # a deadline still ahead is kept when it is sooner than the grade's
    assert _one(tmp_path, patent, {"severity": "minor", "subject": "PAT-1"}, dt.date(2026, 10, 1))["due"] == "2026-10-30"


def test_everything_is_due_before_the_audit(tmp_path: Path) -> None:
    found = _one(tmp_path, PEOPLE, {"severity": "minor"}, dt.date(2026, 11, 24), audit_date=dt.date(2026, 12, 15))
    assert found["due"] == "2026-12-14"
    late = _one(tmp_path, PEOPLE, {"severity": "major"}, dt.date(2026, 11, 24), audit_date=dt.date(2026, 11, 24))
    assert late["due"] == "2026-11-24"
