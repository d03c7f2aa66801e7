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
from ipcheck.i18n import Amount, Term, show
from ipcheck.report.markdown import owner_name
from ipcheck.report.model import UNASSIGNED, Report
from ipcheck.report.sarif import help_uri
from ipcheck.report.text import (
    clause_labels,
    by_severity,
    certification_lines,
    edition_line,
    problem_label,
    readiness,
    severity_name,
    terminal_safe,
    verdict_reasons,
)
from ipcheck.report.words import say, severity_count, severity_counts
from ipcheck.rules.clauses import citation_label, citation_number
from ipcheck.vocabulary import (
    PROTECTIONS,
    SEVERITIES,
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
         readiness_state: str, lang: str) -> str:
    state = readiness(readiness_state, dict.fromkeys(SEVERITIES, 0), lang)
    parts = [
        f'<g class="bar" data-filter="{_e(filter_name)}" data-value="{_e(key)}" transform="translate(0,{y})">',
        f"<title>{_e(say('chart-bar', lang, title=title, counts=severity_counts(counts, lang)))}</title>",
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


def bar_chart(chart_id: str, caption: str, rows: list[tuple[str, str, dict[str, int], str]], filter_name: str,
              lang: str = "en") -> str:
    """A horizontal stacked bar chart (SVG): one bar per row (key, title, counts by severity,
    readiness state), segments per severity."""
    width = _LABEL_W + _BAR_W + _STATUS_W
    height = _ROW_H * len(rows) + 8
    most = max([sum(counts.values()) for _, _, counts, _ in rows] + [1])
    scale = _BAR_W / most
    bars = [_bar(key, title, counts, 4 + i * _ROW_H, scale, filter_name, state, lang)
            for i, (key, title, counts, state) in enumerate(rows)]
    return (
        f'<svg id="{_e(chart_id)}" class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_e(caption)}"><title>{_e(caption)}</title>' + "\n".join(bars) + "</svg>"
    )


def _context(finding: Finding, lang: str) -> str:
    parts = [
        show(Term("stage", finding.stage), lang) if finding.stage else "",
        show(Term("protection", finding.protection), lang) if finding.protection else "",
    ]
    return " / ".join(p for p in parts if p) or "—"


def _badge(severity: str, lang: str) -> str:
    return f'<span class="badge {_e(severity)}">{_e(severity_name(severity, lang))}</span>'


def _rule_link(finding: Finding, report: Report) -> str:
    meta = next((m for m in report.rules if m.id == finding.rule), None)
    label = f'<span class="rule-id">{_e(finding.rule_label)}</span>'
    url = help_uri(meta) if meta is not None else None
    if url is None:
        return f'{label}<br><span class="muted">{_e(finding.title)}</span>'
    return f'<a href="{_e(url)}">{label}</a><br><span class="muted">{_e(finding.title)}</span>'


def _finding_row(finding: Finding, report: Report) -> str:
    cells = [
        _badge(finding.severity, report.lang),
        _rule_link(finding, report),
        _e(_context(finding, report.lang)),
        _e(finding.subject or "—"),
        f"<code>{_e(finding.location.shown())}</code>",
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
    cited = {citation_number(c): citation_label(c, report.lang) for f in report.listed for c in f.clauses}
    numbered = sorted((n for n in cited if n.replace(".", "").isdigit()), key=lambda n: [int(p) for p in n.split(".")])
    options = [(number, cited[number]) for number in [*numbered, *sorted(set(cited) - set(numbered))]]
    if any(not f.clauses for f in report.listed):
        options.append((NO_STAGE, say("no-clause", report.lang)))
    return options


def _headings(*keys: str, lang: str) -> str:
    return "".join(f"<th>{_e(say(k, lang))}</th>" for k in keys)


def _action_plan(report: Report) -> str:
    lang = report.lang
    plan = report.action_plan()
    if not plan:
        return f'<p class="muted">{_e(say("no-action-needed", lang))}</p>'
    blocks = []
    for owner, actions in plan:
        rows = []
        for action in actions:
            f = action.finding
            due_cell = _e(action.due) if action.due else f'<span class="muted">{_e(say("no-date", lang))}</span>'
            if action.overdue:
                due_cell += f' <span class="overdue">{_e(say("overdue", lang))}</span>'
            rows.append(
                f'<tr class="{"overdue-row" if action.overdue else ""}">'
                f"<td>{due_cell}</td><td>{_badge(f.severity, lang)}</td><td>{_e(_context(f, lang))}</td>"
                f"<td>{_e(f.subject or '—')}</td><td>{_e(f.corrective_action)}</td>"
                f'<td><span class="rule-id">{_e(f.rule_label)}</span></td></tr>'
            )
        owner_class = "owner unassigned" if owner == UNASSIGNED else "owner"
        count = _e(say("in-brackets", lang, text=Amount(len(actions), "action")))
        blocks.append(
            f'<div class="{owner_class}"><h3>{_e(owner_name(owner, lang))} <span class="muted">{count}</span></h3>'
            '<table class="plan"><thead><tr>'
            + _headings("due", "severity", "stage-protection", "subject", "corrective-action", "rule", lang=lang)
            + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>"
        )
    return "\n".join(blocks)


def _errors(report: Report) -> str:
    if not report.errors:
        return ""
    lang = report.lang
    rows = "".join(
        f"<tr><td>{_e(problem_label(p, lang))}</td><td><code>{_e(p.location)}</code></td>"
        f"<td>{_e(show(p.message, lang))}</td><td>{_e(show(p.hint, lang) or '—')}</td></tr>"
        for p in report.errors
    )
    return (
        f'<section id="errors"><h2>{_e(say("errors-heading", lang, count=len(report.errors)))}</h2>'
        f"<p>{_e(say('errors-note', lang))}</p>"
        '<table class="errors"><thead><tr>' + _headings("kind", "location", "message", "hint-column", lang=lang)
        + f"</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _baseline(report: Report) -> str:
    lang = report.lang
    items = [
        f"<li>{_e(say('html-baselined', lang, findings=Amount(report.baselined, 'finding')))}</li>",
        f"<li>{_e(say('html-fixed', lang, findings=Amount(len(report.fixed), 'baselined-finding')))}</li>",
        f"<li>{_e(say('html-waived', lang, findings=Amount(report.waived, 'finding')))}</li>",
    ]
    fixed = ""
    if report.fixed:
        codes = "".join(f"<li><code>{_e(fp)}</code></li>" for fp in sorted(report.fixed))
        fixed = f"<details><summary>{_e(say('fixed-fingerprints', lang))}</summary><ul>{codes}</ul></details>"
    return f"<ul>{''.join(items)}</ul>{fixed}"


def _certification(report: Report) -> str:
    """The certification verdict and its preconditions."""
    if not report.checked:
        return ""
    verdict, checks = certification_lines(report)
    items = "".join(f'<li class="{state}"><strong>{_e(mark)}</strong> {_e(message)}</li>'
                    for state, mark, message in checks)
    return (f'<section id="certification"><h2>{_e(say("certification-heading-verdict", report.lang, verdict=verdict))}'
            f'</h2><ul class="preconditions">{items}</ul></section>')


def _count_item(severity: str, count: int, lang: str) -> str:
    words = severity_count(severity, count, lang).replace(str(count), "\0", 1)
    before, after = words.split("\0", 1)
    return f'<li class="{severity}">{_e(before)}<strong>{count}</strong>{_e(after)}</li>'


def _verdict(report: Report) -> tuple[str, str]:
    lang = report.lang
    if report.passed:
        return "passed", say("html-passed", lang, fail_on=Term("fail-on", report.fail_on))
    return "failed", say("html-failed", lang, reasons=verdict_reasons(report))


TEMPLATE_WORDS = ("report-title", "readiness", "html-readiness-note", "by-stage", "by-protection", "findings",
                  "filters-need-js", "severity", "stage", "protection", "search", "search-placeholder", "all",
                  "rule", "stage-protection", "subject", "location", "message", "corrective-action", "no-match",
                  "action-plan", "action-plan-note", "baseline-and-waivers")
"""The words of the report's template, each ``$w_<key>`` there (dashes as underscores)."""

LANG_FONTS = {"en": "", "zh-CN": '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", '}
"""Fonts named first for a language (the template's stack follows): CJK fonts of Linux, macOS
and Windows for a Chinese report, so that it never renders as empty boxes."""


def render_html(report: Report) -> str:
    """The whole HTML page, from the packaged template, in the report's language."""
    lang = report.lang
    summary = report.summary()
    by_stage: dict[str, dict[str, int]] = summary["by_stage"]  # type: ignore[assignment]
    by_protection: dict[str, dict[str, int]] = summary["by_protection"]  # type: ignore[assignment]
    verdict_class, verdict = _verdict(report)
    counts = "".join(_count_item(s, int(summary[s]), lang) for s in SEVERITIES)  # type: ignore[call-overload]
    template = Template(resources.files("ipcheck.report").joinpath(TEMPLATE).read_text(encoding="utf-8"))
    findings = by_severity(report.listed)
    fail_on = Term("fail-on", report.fail_on)
    stages = [(s, show(Term("stage", s), lang)) for s in STAGES]
    protections = [(p, show(Term("protection", p), lang)) for p in PROTECTIONS]
    return template.substitute(
        {f"w_{key.replace('-', '_')}": _e(say(key, lang)) for key in TEMPLATE_WORDS},
        lang=_e(lang),
        lang_fonts=LANG_FONTS.get(lang, ""),
        title=_e(say("html-title", lang, date=report.as_of)),
        version=_e(report.version),
        meta=_e(say("html-meta", lang, version=report.version, date=report.as_of, fail_on=fail_on)),
        edition=_e(edition_line(report)),
        certification=_certification(report),
        verdict_class=verdict_class,
        verdict=_e(verdict),
        counts=counts,
        stage_chart=bar_chart("stage-chart", say("chart-stage", lang),
                              [(s, title, by_stage[s], report.stage_readiness(s)) for s, title in stages], "stage",
                              lang),
        protection_chart=bar_chart("protection-chart", say("chart-protection", lang),
                                   [(p, title, by_protection[p], report.protection_readiness(p))
                                    for p, title in protections], "protection", lang),
        legend="".join(f'<span class="{s}">{_e(severity_name(s, lang))}</span>' for s in SEVERITIES),
        severity_options=_options([(s, severity_name(s, lang)) for s in SEVERITIES]),
        stage_options=_options([*stages, (NO_STAGE, say("no-stage", lang))]),
        protection_options=_options([*protections, (NO_STAGE, say("no-protection", lang))]),
        shown_template=_e(say("findings-shown", lang, shown="{shown}", total="{total}")),
        shown=_e(say("findings-total", lang, total=len(findings))),
        clause_label=_e(say("clause-heading", report.lang)),
        clause_options=_options(clause_options(report)),
        total=len(findings),
        no_findings=f'<p id="findings-left-out">{_e(report.unlisted_note())}</p>' if report.unlisted else
        "" if findings else (
            f'<p id="no-findings">{_e(report.no_findings(say("no-findings-html", lang)))}</p>' if report.checked else
            f'<p id="no-findings">{_e(say("not-checked", lang))}</p>'),
        rows="\n".join(_finding_row(f, report) for f in findings),
        action_plan=_action_plan(report),
        errors=_errors(report),
        baseline=_baseline(report),
        footer=say("footer", lang, version=_e(report.version), date=report.as_of),
        data=script_json(report.to_dict()),
    )
