"""A hand-made sample report for the format tests, and the snapshot comparison."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from ipcheck.findings import Finding, Location, Problem, fingerprint
from ipcheck.report.model import Report
from ipcheck.rules.api import RuleMeta
from tests.snapshots import check_snapshot as compare

SNAPSHOTS = Path(__file__).parent / "snapshots"

# id, title, severity, stage, protection, clause, rationale, fix
_RULES = [
    ("STA001", "Working group has no leader from top management", "major", "startup", None, "GB/T 29490-2013 5.1",
     "Top management must lead the implementation; a group without a leader from it cannot commit resources.",
     "Appoint a member of top management to lead working group {subject}."),
    ("DIA002", "Diagnosis report lists no risks", "minor", "diagnosis", None, "GB/T 29490-2013 5.3.1",
     "The diagnosis must name the gaps and risks the system is built to close.",
     "Add the IP risks found in the survey to {subject}."),
    ("MAN003", "Procedure has no record form", "minor", "manual", None, "GB/T 29490-2013 4.2.4",
     "A control procedure without a form leaves no record of its operation.",
     "Attach a record form to procedure {subject}."),
    ("IAU001", "Audit programme does not cover every clause", "major", "internal-audit", None, "GB/T 29490-2013 9.2",
     "The internal audit programme must cover all clauses and departments over the cycle.",
     "Extend audit programme {subject} to clauses {missing}."),
    ("IAU004", "Corrective action overdue", "minor", "internal-audit", None, "GB/T 29490-2013 9.3",
     "Nonconformities need corrective action by the agreed date, and its effectiveness verified.",
     "Complete and verify the corrective action of {subject}, or agree a new date."),
    ("MRV001", "Management review inputs incomplete", "observation", "management-review", None,
     "GB/T 29490-2013 5.5.2",
     "The review should consider follow-up of earlier reviews.",
     "Add follow-up of the previous review to the inputs of {subject}."),
    ("PAT002", "Patent annuity overdue", "major", None, "patent", "GB/T 29490-2013 7.2",
     "A patent lapses when its annuity is not paid; maintenance must be monitored.",
     "Pay the annuity of {subject} within the grace period and record it in the register."),
    ("TMK001", "Trademark renewal due within six months", "minor", None, "trademark", "GB/T 29490-2013 7.2",
     "Marks must be renewed before they expire.",
     "File the renewal of {subject}."),
    ("TSC003", "Leaver record lacks a confidentiality reminder", "observation", "operation", "trade-secret",
     "GB/T 29490-2013 6.1.5",
     "Leavers should be reminded of their confidentiality obligations.",
     "Record the confidentiality reminder given to {subject}."),
    ("DOC001", "Document revision not approved", "observation", None, None, "GB/T 29490-2013 4.2.2",
     "Documents are approved before issue.",
     "Approve the revision and record the approver."),
    ("CPY001", "Software copyright register missing", "major", None, "copyright", "GB/T 29490-2013 7.1",
     "Key software works are registered where that helps enforcement.",
     "Create a register of software works."),
]

# rule, subject, file, line, column, message, corrective action
_FINDINGS = [
    ("STA001", "wg-2024", "ipms/startup.yaml", 4, 3,
     "Working group wg-2024 is led by the IP manager, who is not in top management.",
     "Appoint a member of top management to lead working group wg-2024."),
    ("DIA002", "diagnosis-2024", "ipms/diagnosis.yaml", 12, 5,
     "Diagnosis report diagnosis-2024 lists gaps but no risks.",
     "Add the IP risks found in the survey to diagnosis-2024."),
    ("MAN003", "proc-contracts", "ipms/manual.yaml", 40, 7,
     "Procedure proc-contracts names no record form.",
     "Attach a record form to procedure proc-contracts."),
    ("IAU001", "audit-2025", "ipms/audit.yaml", 3, 3,
     "Audit programme audit-2025 does not cover clauses 7.6, 8.3.",
     "Extend audit programme audit-2025 to clauses 7.6, 8.3."),
    ("IAU004", "nc-2025-03", "ipms/audit.yaml", 58, 9,
     "Corrective action of nc-2025-03 was due on 2025-09-30 and is not verified.",
     "Complete and verify the corrective action of nc-2025-03, or agree a new date."),
    ("MRV001", "mr-2025", "ipms/review.yaml", 2, 3,
     "Management review mr-2025 does not follow up the previous review.",
     "Add follow-up of the previous review to the inputs of mr-2025."),
    ("PAT002", "CN202310001234.5", "ipms/patents.yaml", 17, 5,
     "Annuity of CN202310001234.5 was due on 2025-10-01 and is not recorded as paid.",
     "Pay the annuity of CN202310001234.5 within the grace period and record it in the register."),
    ("TMK001", "tm-acme-eu", "ipms/trademarks.yaml", 9, 5,
     "Registration of tm-acme-eu expires on 2026-03-15.",
     "File the renewal of tm-acme-eu."),
    ("TSC003", "leaver-0042", "ipms/secrets.yaml", 31, 7,
     "Exit record of leaver-0042 has no confidentiality reminder.",
     "Record the confidentiality reminder given to leaver-0042."),
    ("DOC001", None, "ipms/documents.yaml", 5, 1,
     'Document "IP manual <v2>" has revision "1.0 | draft" & no approver.',
     "Approve the revision and record the approver."),
]


def make_rules() -> list[RuleMeta]:
    """The rules of the sample run, as their metadata."""
    return [
        RuleMeta(id=rid, title=title, severity=sev, stage=stage, protection=prot, clauses=(clause,),
                 rationale=why, fails="", passes="", fix=fix)
        for rid, title, sev, stage, prot, clause, why, fix in _RULES
    ]


def make_findings() -> list[Finding]:
    """The findings of the sample run (every rule above except CPY001 found something)."""
    meta = {r.id: r for r in make_rules()}
    found = []
    for rid, subject, file, line, column, message, action in _FINDINGS:
        rule = meta[rid]
        found.append(Finding(
            rule=rid, severity=rule.severity, title=rule.title, message=message, stage=rule.stage,
            protection=rule.protection, clauses=rule.clauses, subject=subject,
            location=Location(file, line, column), corrective_action=action,
            fingerprint=fingerprint(rid, subject, (), file),
        ))
    return found


def make_errors() -> list[Problem]:
    """One declaration that could not be loaded and one rule that failed."""
    return [
        Problem(kind="load", message="expected a date in YYYY-MM-DD form, got '2025-13-01'",
                location=Location("ipms/objectives.yaml", 7, 12), hint="write the due date as 2025-12-01"),
        Problem(kind="internal", message="rule ACME001 (plugin acme-rules 0.3.0) failed: KeyError: 'jurisdiction'",
                location=Location("ipms/patents.yaml", 1, 1), plugin="acme-rules", rule="ACME001"),
    ]


def make_report(**changes: object) -> Report:
    """The sample report; keyword arguments replace its fields."""
    findings = make_findings()
    fields: dict[str, object] = {
        "version": "0.1.0",
        "as_of": dt.date(2025, 11, 24),
        "root": "/srv/acme/ipms-declaration",
        "findings": findings,
        "errors": make_errors(),
        "rules": make_rules(),
        "fail_on": "minor",
        "edition": "2013",  # the sample findings cite the 2013 edition
        "baselined": 3,
        "fixed": ["5d41402abc4b2a76b9719d911017c592", "0cc175b9c0f1b6a831c399e269772661"],
        "waived": 1,
        "actions": {
            findings[0].fingerprint: {"owner": "General Manager", "due": "2025-11-10"},
            findings[3].fingerprint: {"owner": "IP Manager", "due": "2026-01-31"},
            findings[4].fingerprint: {"owner": "IP Manager", "due": "2025-12-05"},
            findings[6].fingerprint: {"owner": "Patent Engineer"},
        },
    }
    fields.update(changes)
    return Report(**fields)  # type: ignore[arg-type]


@pytest.fixture
def report() -> Report:
    """The sample report: 10 findings over stages, protection types and severities, 2 errors."""
    return make_report()


@pytest.fixture
def empty_report() -> Report:
    """A clean run: rules ran and found nothing."""
    return make_report(findings=[], errors=[], baselined=0, fixed=[], waived=0, actions={})


def check_snapshot(name: str, actual: str) -> None:
    """Compare ``actual`` with the reviewed snapshot ``name`` of this folder (see :mod:`tests.snapshots`)."""
    compare(SNAPSHOTS / name, actual)


@pytest.fixture
def snapshot() -> Callable[[str, str], None]:
    """The snapshot check as a fixture: ``snapshot("name.txt", rendered)``."""
    return check_snapshot
