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
