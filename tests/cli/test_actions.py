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
    # A system-level major goes to the management representative, due in 30 days.
    assert plan[("IP701", None)] == {"owner": "Management representative (Qian Li)", "due": "2026-12-24"}
    # A minor about a procedure goes to its owner role and holder, due in 90 days.
    assert plan[("IP510", "PR-04")] == {"owner": "R&D Director (Pan Tao)", "due": "2027-02-22"}
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
        "F-DOCKET": "IP Department (Li Si)", "F-LOOSE": "Management representative (Zhao Liu)",
        "R-1": "IP Department (Li Si)"}
