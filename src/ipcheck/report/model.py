"""The report every format renders: findings, problems, summary, and the rules that ran."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ipcheck.findings import USAGE_KINDS, Finding, Problem, problems_exit_code
from ipcheck.rules.api import RuleMeta
from ipcheck.vocabulary import (
    PROTECTIONS,
    SEVERITIES,
    SEVERITY_RANK,
    STAGES,
    at_or_above,
)

UNASSIGNED = "unassigned"
NOT_CHECKED = "The declaration could not be loaded, so no rule ran: correct the errors below first."


@dataclass(frozen=True, slots=True)
class PlannedAction:
    """A finding in the corrective-action plan: who acts, by when, and whether that is past."""

    finding: Finding
    due: str
    overdue: bool


def _counts(findings: list[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts


@dataclass(slots=True)
class Report:
    """The outcome of one ``ipcheck check`` run.

    ``findings`` are the ones that count (baselined and waived ones removed);
    ``baselined`` counts those removed by the baseline, ``fixed`` lists fingerprints of
    baselined findings no longer present although their rule ran (see
    :func:`ipcheck.baseline.apply_baseline`). ``rules`` are the rules that ran, for formats
    that describe them (SARIF, JUnit). ``checked`` is False when the declaration could
    not be loaded and no rule ran. ``actions`` maps a
    finding's fingerprint to its corrective-action assignment (``{"owner": ..., "due":
    ...}``, both optional) for the HTML action plan; it is not part of the JSON report.
    """

    version: str
    as_of: dt.date
    root: str
    findings: list[Finding]
    errors: list[Problem] = field(default_factory=list)
    rules: list[RuleMeta] = field(default_factory=list)
    fail_on: str = "minor"
    baselined: int = 0
    fixed: list[str] = field(default_factory=list)
    waived: int = 0
    checked: bool = True
    """False when the declaration could not be loaded and no rule ran: readiness is not assessed
    (nor is it for a stage or protection type none of whose rules ran)."""
    actions: dict[str, dict[str, str]] = field(default_factory=dict)
    deselected: int = 0
    """Rules ``select``/``ignore`` left out: readiness then speaks for the rules that ran only."""

    def __post_init__(self) -> None:
        self.findings = sorted((f.bounded() for f in self.findings), key=Finding.sort_key)
        self.errors = sorted((e.bounded() for e in self.errors), key=Problem.sort_key)
        self.rules.sort(key=lambda r: r.id)

    @property
    def load_errors(self) -> list[Problem]:
        return [e for e in self.errors if e.kind in USAGE_KINDS]

    @property
    def internal_errors(self) -> list[Problem]:
        return [e for e in self.errors if e.kind == "internal"]

    @property
    def failing(self) -> list[Finding]:
        return [f for f in self.findings if at_or_above(f.severity, self.fail_on)]

    @property
    def passed(self) -> bool:
        return not self.failing and not self.errors

    @property
    def exit_code(self) -> int:
        """The contract's exit code: 2 unloadable input, 3 internal failure, 1 failing findings, else 0."""
        return problems_exit_code(self.errors) or (1 if self.failing else 0)

    def summary(self) -> dict[str, object]:
        by_stage = {s: _counts([f for f in self.findings if f.stage == s]) for s in STAGES}
        by_protection = {p: _counts([f for f in self.findings if f.protection == p]) for p in PROTECTIONS}
        return {
            **_counts(self.findings),
            "passed": self.passed,
            "by_stage": by_stage,
            "by_protection": by_protection,
        }

    def stage_assessed(self, stage: str) -> bool:
        """Whether the readiness of ``stage`` can be told: the declaration was loaded and at
        least one rule of that stage ran (``--select`` may leave a stage with none)."""
        return self.checked and any(r.stage == stage for r in self.rules)

    def protection_assessed(self, protection: str) -> bool:
        """Whether the readiness of ``protection`` can be told, as for a stage."""
        return self.checked and any(r.protection == protection for r in self.rules)

    def stage_ready(self, stage: str) -> bool:
        """A stage is ready when it was assessed and no major or minor finding is open against it."""
        return self.stage_assessed(stage) and not any(
            f.stage == stage and f.severity != "observation" for f in self.findings)

    def to_dict(self) -> dict[str, object]:
        """The JSON report, exactly the shape of CONTRACT.md."""
        return {
            "tool": {"name": "ipcheck", "version": self.version},
            "as_of": self.as_of.isoformat(),
            "summary": self.summary(),
            "findings": [f.to_dict() for f in self.findings],
            "errors": [e.to_dict() for e in self.errors],
        }

    def action_plan(self) -> list[tuple[str, list[PlannedAction]]]:
        """The corrective-action plan: majors and minors grouped by owner (owners by name,
        ``unassigned`` last), each owner's actions by due date (undated last), then severity,
        stage and subject. Observations need no corrective action and are left out."""
        stage_rank = {s: i for i, s in enumerate(STAGES)}
        by_owner: dict[str, list[PlannedAction]] = {}
        for f in self.findings:
            if f.severity == "observation":
                continue
            planned = self.actions.get(f.fingerprint, {})
            owner = (planned.get("owner") or "").strip() or UNASSIGNED
            due = (planned.get("due") or "").strip()
            try:
                overdue = bool(due) and dt.date.fromisoformat(due) < self.as_of
            except ValueError:
                overdue = False
            by_owner.setdefault(owner, []).append(PlannedAction(f, due, overdue))

        def order(a: PlannedAction) -> tuple[object, ...]:
            f = a.finding
            return (a.due == "", a.due, SEVERITY_RANK[f.severity], stage_rank.get(f.stage or "", len(STAGES)),
                    f.subject or "", f.sort_key())

        owners = sorted(o for o in by_owner if o != UNASSIGNED) + ([UNASSIGNED] if UNASSIGNED in by_owner else [])
        return [(owner, sorted(by_owner[owner], key=order)) for owner in owners]
