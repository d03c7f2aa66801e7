"""Markdown report, for a pull-request comment or a management review pack.

Everything that comes from the declaration or a rule is escaped so that it cannot break
a table (pipes, newlines) or turn into markup (HTML, emphasis, links).
"""

from __future__ import annotations

import re

from ipcheck.findings import Finding
from ipcheck.i18n import Amount, Term, show
from ipcheck.report.model import UNASSIGNED, Report
from ipcheck.report.sarif import help_uri
from ipcheck.report.text import (
    clause_labels,
    certification_lines,
    edition_line,
    problem_label,
    readiness,
    section_heading,
    sections,
    severity_name,
    terminal_safe,
    verdict_reasons,
)
from ipcheck.report.words import say, severity_counts
from ipcheck.rules.api import RuleMeta
from ipcheck.vocabulary import (
    PROTECTIONS,
    SEVERITIES,
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
    lines = [_row(title, say("readiness", lang), *(say(f"col-{s}", lang) for s in SEVERITIES)),
             "| --- | --- | ---: | ---: | ---: |"]
    for name, counts, state in rows:
        shown = readiness(state, dict.fromkeys(SEVERITIES, 0), lang)
        lines.append(_row(escape(name), f"**{shown}**" if state == "not-ready" else shown,
                          *(str(counts[s]) for s in SEVERITIES)))
    return lines


def _certification(report: Report) -> list[str]:
    if not report.checked:
        return []
    lang = report.lang
    verdict, checks = certification_lines(report)
    return [f"## {say('certification-heading', lang)}", "", f"**{escape(verdict)}**", "",
            _row(say("precondition", lang), say("reason", lang)), "| --- | --- |",
            *(_row(mark, escape(message)) for _, mark, message in checks), ""]


def _rule_cell(finding: Finding, metas: dict[str, RuleMeta]) -> str:
    meta = metas.get(finding.rule)
    text = escape(finding.rule_label)
    url = help_uri(meta) if meta else None
    return f"[{text}]({url})" if url else text


def _severity_cell(severity: str, lang: str) -> str:
    name = severity_name(severity, lang)
    return f"**{name}**" if severity == "major" else name


def _findings_table(findings: list[Finding], metas: dict[str, RuleMeta], lang: str) -> list[str]:
    lines = [_row(say("severity", lang), say("rule", lang), say("location", lang), say("clause-heading", lang),
                  say("message", lang), say("corrective-action", lang)),
             "| --- | --- | --- | --- | --- | --- |"]
    for f in findings:
        clauses = "<br>".join(escape(c) for c in clause_labels(f, lang)) or "—"
        lines.append(_row(
            _severity_cell(f.severity, lang), _rule_cell(f, metas), escape(f.location.shown()), clauses, escape(f.message),
            escape(f.corrective_action),
        ))
    return lines


def _verdict(report: Report) -> str:
    lang = report.lang
    if report.passed:
        return say("md-verdict-passed", lang, label=f"**{say('verdict-passed-label', lang)}**",
                   fail_on=Term("fail-on", report.fail_on))
    return say("md-verdict-failed", lang, label=f"**{say('verdict-failed-label', lang)}**",
               reasons=verdict_reasons(report))


def owner_name(owner: str, lang: str) -> str:
    """An owner of the corrective-action plan as reports show it (the unassigned ones said so)."""
    return say("owner-unassigned", lang) if owner == UNASSIGNED else owner


def _action_plan(report: Report) -> list[str]:
    plan = report.action_plan()
    if not plan:
        return []
    lang = report.lang
    lines = [f"## {say('action-plan', lang)}", ""]
    for owner, actions in plan:
        lines += [f"### {say('owner-heading', lang, owner=escape(owner_name(owner, lang)), actions=Amount(len(actions), 'action'))}",
                  "", _row(*(say(k, lang) for k in ("due", "severity", "rule", "subject", "corrective-action"))),
                  "| --- | --- | --- | --- | --- |"]
        for action in actions:
            f = action.finding
            overdue = f" **{say('overdue', lang)}**" if action.overdue else ""
            due = escape(action.due) + overdue if action.due else say("no-date", lang)
            lines.append(_row(due, severity_name(f.severity, lang), escape(f.rule_label), escape(f.subject or "—"),
                              escape(f.corrective_action)))
        lines.append("")
    return lines


def _errors(report: Report) -> list[str]:
    if not report.errors:
        return []
    lang = report.lang
    lines = [f"## {say('errors', lang)}", "", _row(say("kind", lang), say("location", lang), say("message", lang)),
             "| --- | --- | --- |"]
    for p in report.errors:
        lines.append(_row(problem_label(p, lang), escape(str(p.location)), escape(p.full_message(lang))))
    return [*lines, ""]


def render_markdown(report: Report) -> str:
    """The Markdown report: verdict, readiness tables, findings by group, the corrective-action
    plan by owner, errors, baseline."""
    lang = report.lang
    summary = report.summary()
    by_stage: dict[str, dict[str, int]] = summary["by_stage"]  # type: ignore[assignment]
    by_protection: dict[str, dict[str, int]] = summary["by_protection"]  # type: ignore[assignment]
    counts = {s: int(summary[s]) for s in SEVERITIES}  # type: ignore[call-overload]
    metas = {m.id: m for m in report.rules}
    lines = [
        f"# {say('report-title', lang)}",
        "",
        say("md-meta", lang, version=escape(report.version), date=report.as_of, fail_on=Term("fail-on", report.fail_on)),
        "",
        escape(edition_line(report)) + say("full-stop", lang),
        "",
        _verdict(report),
        "",
        say("md-count-line", lang, findings=Amount(len(report.findings), "finding"),
            counts=severity_counts(counts, lang)),
        "",
        f"## {say('readiness-by-stage', lang)}",
        "",
        *([say("md-selected", lang, rules=Amount(len(report.rules), "rule"), count=report.deselected), ""]
          if report.deselected else []),
        *_readiness_table(say("stage", lang), [(show(Term("stage", s), lang), by_stage[s], report.stage_readiness(s))
                                               for s in STAGES], lang),
        "",
        f"## {say('readiness-by-protection', lang)}",
        "",
        *_readiness_table(say("protection-type", lang),
                          [(show(Term("protection", p), lang), by_protection[p], report.protection_readiness(p))
                           for p in PROTECTIONS], lang),
        "",
        *_certification(report),
        f"## {say('findings', lang)}",
        "",
    ]
    groups = sections(report)
    if not report.checked:
        lines += [say("not-checked", lang), ""]
    elif not groups:
        lines += [escape(report.no_findings(say("no-findings", lang))), ""]
    for key, findings in groups:
        lines += [f"### {escape(section_heading(key, len(findings), report))}", "",
                  *_findings_table(findings, metas, lang), ""]
    if report.unlisted:
        lines += [f"**{escape(report.unlisted_note())}**", ""]
    lines += _action_plan(report)
    lines += _errors(report)
    lines += [f"## {say('baseline-and-waivers', lang)}", "",
              say("md-baselined", lang, count=report.baselined),
              say("md-fixed", lang, count=len(report.fixed)),
              say("md-waived", lang, count=report.waived)]
    return "\n".join(lines) + "\n"
