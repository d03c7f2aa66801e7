"""Self-contained HTML report for management: readiness charts, filterable findings, action plan.

One file, nothing fetched: CSS and JavaScript are inline, the charts are SVG drawn here,
and a Content-Security-Policy forbids every network load. Every value from the
declaration is escaped; the embedded JSON report cannot close its ``<script>``.
"""

from __future__ import annotations

import json
import re
from html import escape
from importlib import resources
from string import Template

from ipcheck.findings import Finding
from ipcheck.report.model import NOT_CHECKED, UNASSIGNED, Report
from ipcheck.report.sarif import help_uri
from ipcheck.report.labels import label
from ipcheck.report.text import (
    clause_labels,
    by_severity,
    certification_lines,
    edition_line,
    plural,
    readiness,
    severity_counts,
    terminal_safe,
)
from ipcheck.rules.clauses import citation_label, citation_number
from ipcheck.vocabulary import (
    PROTECTION_TITLES,
    PROTECTIONS,
    SEVERITIES,
    STAGE_TITLES,
    STAGES,
)

TEMPLATE = "templates/report.html"
NO_STAGE = "none"

_LABEL_W, _BAR_W, _STATUS_W, _ROW_H, _BAR_H = 210, 300, 180, 30, 18


def _e(value: object) -> str:
    return escape(terminal_safe(str(value)), quote=True)


def script_json(data: object) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` left to close or open a tag,
    and no character a terminal acts on or that reorders a line (the page may be printed)."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return _SCRIPT_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_SCRIPT_UNSAFE = re.compile("[<>&\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _bar(key: str, title: str, counts: dict[str, int], y: int, scale: float, filter_name: str,
         readiness_state: str, lang: str = "en") -> str:
    state = readiness(readiness_state, dict.fromkeys(SEVERITIES, 0), lang)
    parts = [
        f'<g class="bar" data-filter="{_e(filter_name)}" data-value="{_e(key)}" transform="translate(0,{y})">',
        f"<title>{_e(title)}: {_e(severity_counts(counts))}</title>",
        f'<text class="label" x="{_LABEL_W - 10}" y="{_ROW_H // 2}">{_e(title)}</text>',
        f'<rect class="track" x="{_LABEL_W}" y="{(_ROW_H - _BAR_H) // 2}" width="{_BAR_W}" height="{_BAR_H}" rx="3"/>',
    ]
    x = float(_LABEL_W)
    for severity in SEVERITIES:
        width = counts[severity] * scale
        if not width:
            continue
        parts.append(
            f'<rect class="seg {severity}" x="{_num(x)}" y="{(_ROW_H - _BAR_H) // 2}" '
            f'width="{_num(width)}" height="{_BAR_H}"/>'
        )
        if width >= 16:
            parts.append(f'<text class="count" x="{_num(x + width / 2)}" y="{_ROW_H // 2}">{counts[severity]}</text>')
        x += width
    status_class = readiness_state
    parts.append(
        f'<text class="status {status_class}" x="{_LABEL_W + _BAR_W + 10}" y="{_ROW_H // 2}">{_e(state)}</text>'
    )
    parts.append("</g>")
    return "".join(parts)


def bar_chart(chart_id: str, caption: str, rows: list[tuple[str, str, dict[str, int], str]], filter_name: str) -> str:
    """A horizontal stacked bar chart (SVG): one bar per row (key, title, counts by severity,
    readiness state), segments per severity."""
    width = _LABEL_W + _BAR_W + _STATUS_W
    height = _ROW_H * len(rows) + 8
    most = max([sum(counts.values()) for _, _, counts, _ in rows] + [1])
    scale = _BAR_W / most
    bars = [_bar(key, title, counts, 4 + i * _ROW_H, scale, filter_name, state)
            for i, (key, title, counts, state) in enumerate(rows)]
    return (
        f'<svg id="{_e(chart_id)}" class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_e(caption)}"><title>{_e(caption)}</title>' + "\n".join(bars) + "</svg>"
    )


def _context(finding: Finding) -> str:
    parts = [
        STAGE_TITLES.get(finding.stage or "", finding.stage),
        PROTECTION_TITLES.get(finding.protection or "", finding.protection),
    ]
    return " / ".join(p for p in parts if p) or "—"


def _badge(severity: str) -> str:
    return f'<span class="badge {_e(severity)}">{_e(severity)}</span>'


def _rule_link(finding: Finding, report: Report) -> str:
    meta = next((m for m in report.rules if m.id == finding.rule), None)
    label = f'<span class="rule-id">{_e(finding.rule)}</span>'
    url = help_uri(meta) if meta is not None else None
    if url is None:
        return f'{label}<br><span class="muted">{_e(finding.title)}</span>'
    return f'<a href="{_e(url)}">{label}</a><br><span class="muted">{_e(finding.title)}</span>'


def _finding_row(finding: Finding, report: Report) -> str:
    cells = [
        _badge(finding.severity),
        _rule_link(finding, report),
        _e(_context(finding)),
        _e(finding.subject or "—"),
        f"<code>{_e(finding.location)}</code>",
        "<br>".join(_e(c) for c in clause_labels(finding, report.lang)) or "—",
        _e(finding.message),
        _e(finding.corrective_action),
    ]
    attrs = (
        f'data-severity="{_e(finding.severity)}" data-stage="{_e(finding.stage or NO_STAGE)}" '
        f'data-protection="{_e(finding.protection or NO_STAGE)}" data-fingerprint="{_e(finding.fingerprint)}" '
        f'data-clauses="{_e(" ".join(citation_number(c) for c in finding.clauses) or NO_STAGE)}"'
    )
    return f"<tr {attrs}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _options(values: list[tuple[str, str]]) -> str:
    return "".join(f'<option value="{_e(v)}">{_e(label)}</option>' for v, label in values)


def clause_options(report: Report) -> list[tuple[str, str]]:
    """The clauses the findings cite, in the standard's order, as (number, label) for the
    clause filter; ``none`` for findings citing none."""
    cited = {citation_number(c): citation_label(c, report.lang) for f in report.findings for c in f.clauses}
    numbered = sorted((n for n in cited if n.replace(".", "").isdigit()), key=lambda n: [int(p) for p in n.split(".")])
    options = [(number, cited[number]) for number in [*numbered, *sorted(set(cited) - set(numbered))]]
    if any(not f.clauses for f in report.findings):
        options.append((NO_STAGE, label("no-clause", report.lang)))
    return options


def _action_plan(report: Report) -> str:
    plan = report.action_plan()
    if not plan:
        return '<p class="muted">No nonconformity needs a corrective action.</p>'
    blocks = []
    for owner, actions in plan:
        rows = []
        for action in actions:
            f = action.finding
            due_cell = _e(action.due) if action.due else '<span class="muted">no date</span>'
            if action.overdue:
                due_cell += ' <span class="overdue">overdue</span>'
            rows.append(
                f'<tr class="{"overdue-row" if action.overdue else ""}">'
                f"<td>{due_cell}</td><td>{_badge(f.severity)}</td><td>{_e(_context(f))}</td>"
                f"<td>{_e(f.subject or '—')}</td><td>{_e(f.corrective_action)}</td>"
                f'<td><span class="rule-id">{_e(f.rule)}</span></td></tr>'
            )
        owner_class = "owner unassigned" if owner == UNASSIGNED else "owner"
        count = _e(plural(len(actions), "action"))
        blocks.append(
            f'<div class="{owner_class}"><h3>{_e(owner)} <span class="muted">({count})</span></h3>'
            '<table class="plan"><thead><tr><th>Due</th><th>Severity</th><th>Stage / protection</th>'
            "<th>Subject</th><th>Corrective action</th><th>Rule</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></div>"
        )
    return "\n".join(blocks)


def _errors(report: Report) -> str:
    if not report.errors:
        return ""
    rows = "".join(
        f"<tr><td>{_e(p.kind)} error</td><td><code>{_e(p.location)}</code></td>"
        f"<td>{_e(p.message)}</td><td>{_e(p.hint or '—')}</td></tr>"
        for p in report.errors
    )
    return (
        f'<section id="errors"><h2>Errors ({len(report.errors)})</h2>'
        "<p>Parts of the declaration could not be checked; the findings above may be incomplete.</p>"
        '<table class="errors"><thead><tr><th>Kind</th><th>Location</th><th>Message</th><th>Hint</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _baseline(report: Report) -> str:
    items = [
        f"<li>{_e(plural(report.baselined, 'finding'))} recorded in the baseline, not counted above</li>",
        f"<li>{_e(plural(len(report.fixed), 'baselined finding'))} fixed since the baseline</li>",
        f"<li>{_e(plural(report.waived, 'finding'))} waived</li>",
    ]
    fixed = ""
    if report.fixed:
        codes = "".join(f"<li><code>{_e(fp)}</code></li>" for fp in sorted(report.fixed))
        fixed = f"<details><summary>Fixed fingerprints</summary><ul>{codes}</ul></details>"
    return f"<ul>{''.join(items)}</ul>{fixed}"


def _certification(report: Report) -> str:
    """The certification verdict and its preconditions."""
    if not report.checked:
        return ""
    verdict, checks = certification_lines(report)
    items = "".join(f'<li class="{state}"><strong>{_e(mark)}</strong> {_e(message)}</li>'
                    for state, mark, message in checks)
    return (f'<section id="certification"><h2>Certification: {_e(verdict)}</h2>'
            f'<ul class="preconditions">{items}</ul></section>')


def _count_item(severity: str, count: int) -> str:
    word = "observations" if severity == "observation" and count != 1 else severity
    return f'<li class="{severity}"><strong>{count}</strong> {word}</li>'


def _verdict(report: Report) -> tuple[str, str]:
    if report.passed:
        return "passed", f"Passed: nothing at or above {report.fail_on}"
    reasons = []
    if report.failing:
        reasons.append(f"{plural(len(report.failing), 'finding')} at or above {report.fail_on}")
    if report.errors:
        reasons.append(plural(len(report.errors), "error"))
    return "failed", "Failed: " + "; ".join(reasons)


def render_html(report: Report) -> str:
    """The whole HTML page, from the packaged template."""
    summary = report.summary()
    by_stage: dict[str, dict[str, int]] = summary["by_stage"]  # type: ignore[assignment]
    by_protection: dict[str, dict[str, int]] = summary["by_protection"]  # type: ignore[assignment]
    verdict_class, verdict = _verdict(report)
    counts = "".join(_count_item(s, int(summary[s])) for s in SEVERITIES)  # type: ignore[call-overload]
    template = Template(resources.files("ipcheck.report").joinpath(TEMPLATE).read_text(encoding="utf-8"))
    findings = by_severity(report.findings)
    return template.substitute(
        title=_e(f"IP management system check, as of {report.as_of.isoformat()}"),
        version=_e(report.version),
        as_of=_e(report.as_of.isoformat()),
        fail_on=_e(report.fail_on),
        edition=_e(edition_line(report)),
        certification=_certification(report),
        verdict_class=verdict_class,
        verdict=_e(verdict),
        counts=counts,
        stage_chart=bar_chart("stage-chart", "Open findings by implementation stage",
                              [(s, STAGE_TITLES[s], by_stage[s], report.stage_readiness(s)) for s in STAGES], "stage"),
        protection_chart=bar_chart("protection-chart", "Open findings by protection type",
                                   [(p, PROTECTION_TITLES[p], by_protection[p], report.protection_readiness(p))
                                    for p in PROTECTIONS], "protection"),
        severity_options=_options([(s, s) for s in SEVERITIES]),
        stage_options=_options([(s, STAGE_TITLES[s]) for s in STAGES] + [(NO_STAGE, "(no stage)")]),
        clause_label=_e(label("clause-heading", report.lang)),
        clause_options=_options(clause_options(report)),
        protection_options=_options([(p, PROTECTION_TITLES[p]) for p in PROTECTIONS] + [(NO_STAGE, "(none)")]),
        total=len(findings),
        no_findings="" if findings else (
            f'<p id="no-findings">{_e(report.no_findings("No findings: every rule that ran passed."))}</p>'
            if report.checked else
            f'<p id="no-findings">{_e(NOT_CHECKED)}</p>'),
        rows="\n".join(_finding_row(f, report) for f in findings),
        action_plan=_action_plan(report),
        errors=_errors(report),
        baseline=_baseline(report),
        data=script_json(report.to_dict()),
    )
