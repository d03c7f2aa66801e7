"""Markdown report, for a pull-request comment or a management review pack.

Everything that comes from the declaration or a rule is escaped so that it cannot break
a table (pipes, newlines) or turn into markup (HTML, emphasis, links).
"""

from __future__ import annotations

import re

from ipcheck.findings import Finding
from ipcheck.report.model import NOT_CHECKED, Report
from ipcheck.report.sarif import help_uri
from ipcheck.report.labels import label
from ipcheck.report.text import (
    clause_labels,
    certification_lines,
    edition_line,
    plural,
    readiness,
    section_heading,
    sections,
    severity_counts,
    terminal_safe,
)
from ipcheck.rules.api import RuleMeta
from ipcheck.vocabulary import (
    PROTECTION_TITLES,
    PROTECTIONS,
    SEVERITIES,
    STAGE_TITLES,
    STAGES,
)

_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


_AUTOLINK = re.compile(r"(?i)(?<![\w&])(https?|ftp|mailto|www)([:.])")
"""The start of what GitHub and GitLab turn into a link by themselves (``https://``, ``www.``)."""


def escape(text: str) -> str:
    """Text safe in a Markdown table cell: no markup, no HTML, no line breaks, no pipes, and
    nothing a pull-request comment turns live: no bare link, no @-mention (which would
    notify people), their ``:``, ``.`` and ``@`` written as character references."""
    text = terminal_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", text).replace("@", "&#64;")
    return "<br>".join(line.strip() for line in text.strip().splitlines())


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _readiness_table(title: str, rows: list[tuple[str, dict[str, int], str]], lang: str) -> list[str]:
    """One row per stage or protection type: (name, counts, readiness state)."""
    lines = [_row(title, "Readiness", "Major", "Minor", "Observation"), "| --- | --- | ---: | ---: | ---: |"]
    for name, counts, state in rows:
        shown = readiness(state, dict.fromkeys(SEVERITIES, 0), lang)
        lines.append(_row(escape(name), f"**{shown}**" if state == "not-ready" else shown,
                          *(str(counts[s]) for s in SEVERITIES)))
    return lines


def _certification(report: Report) -> list[str]:
    if not report.checked:
        return []
    verdict, checks = certification_lines(report)
    return ["## Certification", "", f"**{escape(verdict)}**", "", _row("Precondition", "Reason"), "| --- | --- |",
            *(_row(mark, escape(message)) for _, mark, message in checks), ""]


def _rule_cell(finding: Finding, metas: dict[str, RuleMeta]) -> str:
    meta = metas.get(finding.rule)
    text = escape(finding.rule)
    url = help_uri(meta) if meta else None
    return f"[{text}]({url})" if url else text


def _findings_table(findings: list[Finding], metas: dict[str, RuleMeta], lang: str) -> list[str]:
    lines = [_row("Severity", "Rule", "Location", label("clause-heading", lang), "Message", "Corrective action"),
             "| --- | --- | --- | --- | --- | --- |"]
    for f in findings:
        severity = f"**{f.severity}**" if f.severity == "major" else f.severity
        clauses = "<br>".join(escape(c) for c in clause_labels(f, lang)) or "—"
        lines.append(_row(
            severity, _rule_cell(f, metas), escape(str(f.location)), clauses, escape(f.message),
            escape(f.corrective_action),
        ))
    return lines


def _verdict(report: Report) -> str:
    if report.passed:
        return f"**Verdict: passed** (nothing at or above {report.fail_on})."
    reasons = []
    if report.failing:
        reasons.append(f"{plural(len(report.failing), 'finding')} at or above {report.fail_on}")
    if report.errors:
        reasons.append(plural(len(report.errors), "error"))
    return f"**Verdict: failed**: {'; '.join(reasons)}."


def render_markdown(report: Report) -> str:
    """The Markdown report: verdict, readiness tables, findings by group, the corrective-action
    plan by owner, errors, baseline."""
    summary = report.summary()
    by_stage: dict[str, dict[str, int]] = summary["by_stage"]  # type: ignore[assignment]
    by_protection: dict[str, dict[str, int]] = summary["by_protection"]  # type: ignore[assignment]
    counts = {s: int(summary[s]) for s in SEVERITIES}  # type: ignore[call-overload]
    metas = {m.id: m for m in report.rules}
    lines = [
        "# IP management system check",
        "",
        f"ipcheck {escape(report.version)}, as of {report.as_of.isoformat()}, failing on {report.fail_on}.",
        "",
        escape(edition_line(report)) + ".",
        "",
        _verdict(report),
        "",
        f"{plural(len(report.findings), 'finding')}: {severity_counts(counts)}.",
        "",
        "## Readiness by stage",
        "",
        *([f"Only the {plural(len(report.rules), 'rule')} selected to run count here; "
           f"{report.deselected} were left out by select/ignore.", ""] if report.deselected else []),
        *_readiness_table("Stage", [(STAGE_TITLES[s], by_stage[s], report.stage_readiness(s)) for s in STAGES],
                          report.lang),
        "",
        "## Readiness by protection type",
        "",
        *_readiness_table("Protection type", [(PROTECTION_TITLES[p], by_protection[p], report.protection_readiness(p))
                                              for p in PROTECTIONS], report.lang),
        "",
        *_certification(report),
        "## Findings",
        "",
    ]
    groups = sections(report)
    if not report.checked:
        lines += [NOT_CHECKED, ""]
    elif not groups:
        lines += [escape(report.no_findings("No findings.")), ""]
    for key, findings in groups:
        lines += [f"### {escape(section_heading(key, len(findings), report))}", "", *_findings_table(findings, metas, report.lang), ""]
    plan = report.action_plan()
    if plan:
        lines += ["## Corrective-action plan", ""]
        for owner, actions in plan:
            lines += [f"### {escape(owner)} ({plural(len(actions), 'action')})", "",
                      _row("Due", "Severity", "Rule", "Subject", "Corrective action"), "| --- | --- | --- | --- | --- |"]
            for action in actions:
                f = action.finding
                due = (escape(action.due) + (" **overdue**" if action.overdue else "")) if action.due else "no date"
                lines.append(_row(due, f.severity, escape(f.rule), escape(f.subject or "—"), escape(f.corrective_action)))
            lines.append("")
    if report.errors:
        lines += ["## Errors", "", _row("Kind", "Location", "Message"), "| --- | --- | --- |"]
        for p in report.errors:
            lines.append(_row(f"{p.kind} error", escape(str(p.location)), escape(p.full_message())))
        lines.append("")
    lines += ["## Baseline and waivers", ""]
    lines.append(f"- Baselined (recorded earlier, not counted): {report.baselined}")
    lines.append(f"- Baselined findings fixed since: {len(report.fixed)}")
    lines.append(f"- Waived: {report.waived}")
    return "\n".join(lines) + "\n"
