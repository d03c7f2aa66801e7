"""The report every format renders: findings, problems, summary, and the rules that ran."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from ipcheck.certification import Precondition, open_majors, verdict
from ipcheck.findings import MAX_FINDINGS, USAGE_KINDS, Finding, Problem, problems_exit_code
from ipcheck.rules.api import RuleMeta
from ipcheck.rules.clauses import DEFAULT_EDITION
from ipcheck.vocabulary import (
    PROTECTIONS,
    SEVERITIES,
    SEVERITY_RANK,
    STAGES,
    at_or_above,
)

UNASSIGNED = "unassigned"
READINESS_STATES = ("ready", "corrective-actions-needed", "not-ready", "not-assessed", "out-of-scope")
"""The auditor's states of a stage or protection type: ready (observations at most);
corrective actions needed (minor findings only); not ready (a major); not assessed (no rule
of it ran, one failed, or a selection left one out); out of scope (a protection type the
enterprise's system does not cover)."""
PRECONDITION_MARKS: dict[bool | None, str] = {True: "met", False: "not-met", None: "not-assessed"}
"""A precondition's state as a term of the glossary group ``precondition-mark``."""


def most_severe(findings: list[Finding], limit: int) -> list[Finding]:
    """The ``limit`` most severe of ``findings`` (the first in their order among equals), in
    their order; all of them when there are no more."""
    if len(findings) <= limit:
        return findings
    order = sorted(range(len(findings)), key=lambda i: (SEVERITY_RANK[findings[i].severity], i))
    kept = set(order[:limit])
    return [f for i, f in enumerate(findings) if i in kept]


BASELINED = "Recorded in the baseline: accepted when ipcheck was adopted, to be corrected in time."
"""The justification SARIF gives a baselined finding's suppression."""


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding that does not count: accepted by a waiver (with its justification, and the
    configuration file and line of the waiver) or recorded in the baseline."""

    finding: Finding
    by: str  # "waiver" or "baseline"
    justification: str
    file: str
    line: int = 1


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


def _state(findings: list[Finding], assessed: bool) -> str:
    """A group's readiness: a major makes it not ready whatever else; otherwise it is not
    assessed when not every rule of it ran, needs corrective actions with minors, else ready."""
    if any(f.severity == "major" for f in findings):
        return "not-ready"
    if not assessed:
        return "not-assessed"
    if any(f.severity == "minor" for f in findings):
        return "corrective-actions-needed"
    return "ready"


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
    edition: str = DEFAULT_EDITION
    """The edition of GB/T 29490 audited against."""
    audit_date: dt.date | None = None
    """The certification audit's date (``--audit-date``), when given: rules judged at it."""
    protection_scope: tuple[str, ...] = PROTECTIONS
    """The protection types the enterprise's system covers."""
    left_out: list[RuleMeta] = field(default_factory=list)
    """Rules that apply to this check but that ``select``/``ignore`` left out."""
    preconditions: list[Precondition] = field(default_factory=list)
    """The certification preconditions the declaration shows (see :mod:`ipcheck.certification`)."""
    lang: str = "en"
    """The language of every text of the report (``--lang``); ids never change with it."""
    waived_findings: list[Suppressed] = field(default_factory=list)
    """The findings waivers accepted, each with its waiver."""
    baselined_findings: list[Suppressed] = field(default_factory=list)
    """The findings the baseline accepted: they do not fail the run but count for readiness."""
    repository: str = ""
    """The repository root (absolute) that code-scanning paths are relative to: the git top
    level above ``root``, ``--root`` or ``root:``; empty means ``root`` itself."""
    enterprise: str = ""
    """The enterprise's name as declared (empty when the declaration names none)."""
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The evidence files the item of each finding points at, by fingerprint (the audit pack lists them)."""
    max_findings: int = MAX_FINDINGS
    """Findings every format lists at the most (see :data:`MAX_FINDINGS` and :attr:`listed`)."""

    def __post_init__(self) -> None:
        self.findings = sorted((f.bounded(self.lang) for f in self.findings), key=Finding.sort_key)
        self.errors = sorted((e.bounded() for e in self.errors), key=Problem.sort_key)
        self.waived_findings = [replace(s, finding=s.finding.bounded(self.lang)) for s in self.waived_findings]
        self.rules.sort(key=lambda r: r.id)

    def repository_path(self, file: str) -> str:
        """A file reported relative to :attr:`root` as a path relative to :attr:`repository`
        (``/``-separated), as GitHub and GitLab place findings; absolute paths stay as they are."""
        if not self.repository or os.path.isabs(file):
            return file
        path = os.path.relpath(os.path.join(self.root, file), self.repository)
        return PurePath(path).as_posix()

    def shown_path(self, file: str, base: str) -> str:
        """A file reported relative to :attr:`root` as a path relative to ``base`` (the current
        folder, for a terminal or an editor to open)."""
        if os.path.isabs(file):
            return file
        return os.path.relpath(os.path.join(self.root, file), base)

    @property
    def listed(self) -> list[Finding]:
        """The findings a report lists: all of them, or the :attr:`max_findings` most severe
        (in report order); :attr:`unlisted` says how many are left out."""
        return most_severe(self.findings, self.max_findings)

    @property
    def unlisted(self) -> int:
        """How many findings the reports leave out (see :attr:`listed`)."""
        return max(0, len(self.findings) - self.max_findings)

    def unlisted_note(self) -> str:
        """What a report says of the findings it leaves out, in its language (empty when none)."""
        if not self.unlisted:
            return ""
        from ipcheck.i18n import Amount
        from ipcheck.report.words import say

        return say("findings-left-out", self.lang, total=Amount(len(self.findings), "finding"),
                   listed=len(self.listed), left=self.unlisted)

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

    @property
    def nonconformities(self) -> list[Finding]:
        """The audit findings: those that count in readiness (data problems of the declaration
        are shown apart, and count only in the totals and the verdict of the run)."""
        return [f for f in self.findings if f.category != "data"]

    def summary(self) -> dict[str, object]:
        audit = self.nonconformities
        by_stage = {s: _counts([f for f in audit if f.stage == s]) for s in STAGES}
        by_protection = {p: _counts([f for f in audit if f.protection == p]) for p in PROTECTIONS}
        return {
            **_counts(self.findings),
            "passed": self.passed,
            "certification": self.certification(),
            "by_stage": by_stage,
            "by_protection": by_protection,
            "readiness": {"by_stage": {s: self.stage_readiness(s) for s in STAGES},
                          "by_protection": {p: self.protection_readiness(p) for p in PROTECTIONS},
                          "baselined_by_stage": {s: self.baselined_in(stage=s) for s in STAGES},
                          "baselined_by_protection": {p: self.baselined_in(protection=p) for p in PROTECTIONS}},
            "baselined": self.baselined,
            "waived": self.waived,
            "waivers": self.waiver_coverage(),
            **({"findings_left_out": self.unlisted} if self.unlisted else {}),
        }

    @property
    def complete(self) -> bool:
        """Every rule that applies ran to its end: the declaration was loaded, no rule failed
        and no selection left one out."""
        return self.checked and not self.internal_errors and not self.left_out

    def certification_checks(self) -> list[Precondition]:
        """Every certification precondition, met or not, the open majors last."""
        if not self.checked:
            return []
        return [*self.preconditions, open_majors(self.findings, self.complete, self.lang)]

    def certification_verdict(self) -> str:
        return verdict(self.certification_checks(), self.checked)

    def certification(self) -> dict[str, object]:
        """``summary.certification`` of the JSON report (see ``report.schema.json``)."""
        return {"verdict": self.certification_verdict(),
                "preconditions": [c.to_dict() for c in self.certification_checks()]}

    @property
    def failed_rules(self) -> frozenset[str]:
        """The ids of the rules that failed (raised, ran past their time limit, returned
        garbage): they found nothing, which says nothing of what they check."""
        return frozenset(e.rule for e in self.internal_errors if e.rule)

    def _assessed(self, ran: list[RuleMeta]) -> bool:
        failed = self.failed_rules
        return self.checked and bool(ran) and not any(r.id in failed for r in ran)

    def stage_assessed(self, stage: str) -> bool:
        """Whether the readiness of ``stage`` can be told: the declaration was loaded, at least
        one rule of that stage ran, none of them failed, and no selection left one out."""
        return self._assessed([r for r in self.rules if r.stage == stage]) and not any(
            r.stage == stage for r in self.left_out)

    def protection_assessed(self, protection: str) -> bool:
        """Whether the readiness of ``protection`` can be told, as for a stage."""
        return self._assessed([r for r in self.rules if r.protection == protection]) and not any(
            r.protection == protection for r in self.left_out)

    @property
    def judged(self) -> list[Finding]:
        """The findings readiness is judged on: those that count and the baselined ones (a
        baseline decides what fails the run, not what is true of the system)."""
        return [*self.nonconformities, *(s.finding for s in self.baselined_findings if s.finding.category != "data")]

    def stage_readiness(self, stage: str) -> str:
        """The auditor's state of ``stage`` (one of :data:`READINESS_STATES`), baselined findings counted."""
        return _state([f for f in self.judged if f.stage == stage], self.stage_assessed(stage))

    def protection_readiness(self, protection: str) -> str:
        """The auditor's state of ``protection``; ``out-of-scope`` when the system does not cover it."""
        if self.checked and protection not in self.protection_scope:
            return "out-of-scope"
        return _state([f for f in self.judged if f.protection == protection], self.protection_assessed(protection))

    def baselined_in(self, stage: str | None = None, protection: str | None = None) -> int:
        """How many baselined findings concern ``stage`` (or ``protection``)."""
        return sum(1 for s in self.baselined_findings
                   if (stage is not None and s.finding.stage == stage)
                   or (protection is not None and s.finding.protection == protection))

    def waiver_coverage(self) -> list[dict[str, object]]:
        """Each waiver that accepted findings in this run: where it is written, its rule, subject
        and path, and the fingerprints of the findings it covered."""
        by_waiver: dict[tuple[str, int], dict[str, object]] = {}
        for s in self.waived_findings:
            entry = by_waiver.setdefault((s.file, s.line), {"file": s.file, "line": s.line, "findings": []})
            entry["findings"].append(s.finding.fingerprint)  # type: ignore[union-attr]
        coverage, budget = [by_waiver[key] for key in sorted(by_waiver)], self.max_findings
        for entry in coverage:  # as many fingerprints in all as findings are listed at the most
            covered: list[str] = entry["findings"]  # type: ignore[assignment]
            if len(covered) > budget:
                entry["findings"], entry["findings_left_out"] = covered[:budget], len(covered) - budget
            budget -= len(entry["findings"])  # type: ignore[arg-type]
        return coverage

    def stage_ready(self, stage: str) -> bool:
        """A stage is ready when it was assessed and no major or minor finding is open against it."""
        return self.stage_readiness(stage) == "ready"

    def no_findings(self, default: str) -> str:
        """What a report says when it lists no finding: ``default``, unless rules failed."""
        failed = sorted(self.failed_rules)
        if not failed:
            return default
        from ipcheck.report.words import say

        return say("rules-failed", self.lang, count=len(failed), rules=", ".join(failed))

    def to_dict(self) -> dict[str, object]:
        """The JSON report, exactly the shape of ``report.schema.json`` (a test validates it)."""
        return {
            "tool": {"name": "ipcheck", "version": self.version},
            "as_of": self.as_of.isoformat(),
            "edition": self.edition,
            "lang": self.lang,
            **({"audit_date": self.audit_date.isoformat()} if self.audit_date else {}),
            "summary": self.summary(),
            "findings": [f.to_dict() for f in self.listed],
            "errors": [e.to_dict(self.lang) for e in self.errors],
        }

    def action_plan(self) -> list[tuple[str, list[PlannedAction]]]:
        """The corrective-action plan: majors and minors grouped by owner (owners by name,
        ``unassigned`` last), each owner's actions by due date (undated last), then severity,
        stage and subject. Observations need no corrective action and are left out."""
        stage_rank = {s: i for i, s in enumerate(STAGES)}
        by_owner: dict[str, list[PlannedAction]] = {}
        for f in self.listed:
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
