"""The terminal report: findings grouped by stage, then by protection type, then a summary.

The grouping and readiness helpers here are shared by the Markdown and HTML reports.
Colour is applied only when asked for; the command line decides (terminal, ``NO_COLOR``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import click

from ipcheck.findings import Finding, Problem
from ipcheck.i18n import Amount, Term, show
from ipcheck.report.model import PRECONDITION_MARKS, Report
from ipcheck.report.words import say, severity_counts
from ipcheck.rules.clauses import citation_label, standard_name
from ipcheck.vocabulary import (
    PROTECTIONS,
    SEVERITIES,
    SEVERITY_RANK,
    STAGES,
)

OTHER = "other"
DATA = "data"

_SEVERITY_STYLE: dict[str, dict[str, object]] = {
    "major": {"fg": "red", "bold": True},
    "minor": {"fg": "yellow"},
    "observation": {"fg": "cyan"},
}
_BIDI = "\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
"""Characters that reorder a line when shown (bidirectional marks, overrides and isolates),
break it unseen (line and paragraph separators) or hide between letters (zero-width)."""
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
"""Characters a terminal acts on (escape sequences, bell, erasing) or that change what a
reader sees (see :data:`_BIDI`): never printed as they are."""
_CONTROL_OR_BREAK = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str, indent: str = "", *, one_line: bool = False) -> str:
    """Text from a declaration (or a plugin) made harmless for a terminal, or a report file:
    control and bidirectional-override characters shown as ``\\xNN``/``\\uNNNN`` escapes;
    line breaks kept and indented, or with ``one_line`` (a file name, an id) escaped too."""
    if one_line:
        return _CONTROL_OR_BREAK.sub(_shown, text)
    text = _CONTROL.sub(_shown, text.replace("\r\n", "\n"))
    return text.replace("\t", " ").replace("\n", "\n" + indent)


def visible(text: str) -> str:
    """Text for a machine-read report (JSON, SARIF, JUnit, Code Climate) that a person may see
    in a browser: the characters :func:`terminal_safe` escapes shown as ``\\xNN``/``\\uNNNN``;
    tabs and line breaks kept, for the format to encode."""
    return _CONTROL.sub(_shown, text)


_RAW_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}]|\\\\u00[01]|\\\\[bf]")
"""What :func:`json.dumps` leaves of the characters :func:`visible` escapes: C1 and the
others as they are, C0 controls as ``\\u00XX``, ``\\b`` or ``\\f``."""


def visible_json(data: object, **options: Any) -> str:
    """``json.dumps(data, **options)`` with every text made :func:`visible`; the data is walked
    only when its JSON holds such a character (a report seldom does)."""
    text = json.dumps(data, **options)
    return json.dumps(visible_data(data), **options) if _RAW_IN_JSON.search(text) else text


def visible_data(data: object) -> object:
    """``data`` (JSON-ready dictionaries, lists and scalars) with every text made :func:`visible`."""
    if isinstance(data, str):
        return visible(data) if _CONTROL.search(data) else data
    if isinstance(data, dict):
        return {visible_data(key): visible_data(value) for key, value in data.items()}
    if isinstance(data, list):
        return [visible_data(value) for value in data]
    return data


def section_of(finding: Finding) -> str:
    """The group a finding is shown in: ``data`` for a problem of the declaration itself (shown
    apart from audit nonconformities), else its stage, else its protection type, else ``other``."""
    if finding.category == DATA:
        return DATA
    if finding.stage in STAGES:
        return finding.stage
    if finding.protection in PROTECTIONS:
        return finding.protection
    return OTHER


def section_title(key: str, lang: str = "en") -> str:
    """Human title of a group key (a stage id, a protection id, ``data`` or ``other``) in ``lang``."""
    if key == DATA:
        return say("data-findings", lang)
    if key in STAGES:
        return show(Term("stage", key), lang)
    if key in PROTECTIONS:
        return show(Term("protection", key), lang)
    return say("other-findings", lang)


def section_heading(key: str, shown: int, report: Report) -> str:
    """A group's heading with its count; a protection type's also says how many more of its
    findings are listed under their stage, so that it adds up to its readiness line."""
    title = section_title(key, report.lang)
    if key in PROTECTIONS:
        elsewhere = sum(1 for f in report.listed if f.category != "data" and f.protection == key) - shown
        if elsewhere:
            return say("section-heading-more", report.lang, title=title, count=shown, more=elsewhere)
    return say("section-heading", report.lang, title=title, count=shown)


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Findings most severe first, then in report order (file, line, column, rule)."""
    return sorted(findings, key=lambda f: (SEVERITY_RANK[f.severity], f.sort_key()))


def sections(report: Report) -> list[tuple[str, list[Finding]]]:
    """Non-empty groups of the findings listed (:attr:`Report.listed`) in report order:
    stages, protection types, other."""
    groups: dict[str, list[Finding]] = {key: [] for key in (*STAGES, *PROTECTIONS, OTHER, DATA)}
    for finding in report.listed:
        groups[section_of(finding)].append(finding)
    return [(key, by_severity(found)) for key, found in groups.items() if found]


def severity_name(severity: str, lang: str) -> str:
    """A severity as auditors write it: ``major`` / ``严重不符合``."""
    return show(Term("severity", severity), lang)


def readiness(state: str, counts: dict[str, int], lang: str = "en") -> str:
    """A readiness state in words, with the counts of findings behind it:
    ``not ready (1 major, 2 minor, 1 observation)``; the counts are those of the group's heading."""
    words = show(Term("readiness", state), lang)
    if not any(counts[s] for s in SEVERITIES):
        return words
    return say("readiness-with-counts", lang, state=words, counts=severity_counts(counts, lang, nonzero=True))


def edition_line(report: Report) -> str:
    """The standard audited against, and the audit date when given."""
    line = say("audited-against", report.lang, standard=standard_name(report.edition, report.lang))
    if report.audit_date is not None:
        line += say("judged-at-audit-date", report.lang, date=report.audit_date)
    return line


def certification_lines(report: Report) -> tuple[str, list[tuple[str, str, str]]]:
    """The certification verdict in words, and each precondition as (its state: ``met``,
    ``not-met`` or ``not-assessed``; that state in words; its message)."""
    lang = report.lang
    return (show(Term("verdict", report.certification_verdict()), lang),
            [(PRECONDITION_MARKS[c.met], show(Term("precondition-mark", PRECONDITION_MARKS[c.met]), lang), c.message)
             for c in report.certification_checks()])


def problem_label(problem: Problem, lang: str = "en") -> str:
    """``load error``, ``config error`` or ``internal error`` (``加载错误`` ...)."""
    return say(f"problem-{problem.kind}", lang)


def verdict_reasons(report: Report) -> str:
    """Why a run failed: ``7 findings at or above minor; 2 errors``."""
    lang = report.lang
    reasons = []
    if report.failing:
        reasons.append(say("failing-findings", lang, findings=Amount(len(report.failing), "finding"),
                           fail_on=Term("fail-on", report.fail_on)))
    if report.errors:
        reasons.append(say("error-count", lang, errors=Amount(len(report.errors), "error")))
    return say("reason-separator", lang).join(reasons)


class _Styler:
    """click.style when colour is on, the identity otherwise."""

    def __init__(self, color: bool, lang: str = "en") -> None:
        self.color, self.lang = color, lang
        self.width = max(_columns(severity_name(s, lang)) for s in SEVERITIES)

    def __call__(self, text: str, **style: object) -> str:
        return click.style(text, **style) if self.color else text  # type: ignore[arg-type]

    def severity(self, severity: str, *, pad: bool = False) -> str:
        text = severity_name(severity, self.lang)
        text = text + " " * (self.width - _columns(text)) if pad else text
        return self(text, **_SEVERITY_STYLE[severity])

    def ready(self, state: str, counts: dict[str, int]) -> str:
        text = readiness(state, counts, self.lang)
        if state in ("not-assessed", "out-of-scope"):
            return self(text, dim=True)
        return self(text, fg={"ready": "green", "corrective-actions-needed": "yellow"}.get(state, "red"))


def clause_labels(finding: Finding, lang: str) -> list[str]:
    """The clauses a finding breaks as a report shows them: number and title in ``lang``."""
    return [citation_label(c, lang) for c in finding.clauses]


def _finding_lines(finding: Finding, style: _Styler, width: int | None, where: str, lang: str) -> list[str]:
    rule = style(terminal_safe(finding.rule_label), bold=True)
    head = f"  {style.severity(finding.severity, pad=True)} {rule}  {terminal_safe(where, one_line=True)}"
    if finding.subject:
        head += f"  [{terminal_safe(finding.subject, one_line=True)}]"
    indent = " " * (style.width + 3)
    lines = [_wrapped(indent, indent, terminal_safe(finding.message, indent), width)]
    for shown in clause_labels(finding, lang):
        tag = say("clause-tag", lang)
        lines.append(_wrapped(indent + tag, indent + " " * _columns(tag), terminal_safe(shown, one_line=True), width))
    if finding.corrective_action:
        label = say("fix", style.lang)
        label_space = label if label.endswith("：") else label + " "
        action_indent = indent + " " * _columns(label_space)
        action = terminal_safe(finding.corrective_action, action_indent)
        fix = _wrapped(indent + label_space, action_indent, action, width)
        lines.append(fix.replace(label, style(label, fg="green"), 1))
    return [head, *lines]


def _wrapped(first: str, rest: str, text: str, width: int | None) -> str:
    """``first`` + text, and its lines after the first indented by ``rest``; wrapped at
    ``width`` terminal columns when given (a terminal): between words, and between Chinese,
    Japanese or Korean characters, which take two columns each and need no space to break."""
    if width is None:
        return first + text
    paragraphs = [p.strip() for p in text.split("\n")]
    return "\n".join(_fill(p, width, first if n == 0 else rest, rest) for n, p in enumerate(paragraphs))


_TOKEN = re.compile(r"\s+|[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
                    r"|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+")
"""Spaces, one wide character, or a run of other characters (a word)."""


def _columns(text: str) -> int:
    """Terminal columns ``text`` takes: two for a wide (East Asian) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fill(text: str, width: int, first: str, rest: str) -> str:
    lines: list[str] = []
    line, used, spaced, empty = first, _columns(first), False, True
    for token in _TOKEN.findall(text):
        if token.isspace():
            spaced = not empty
            continue
        size, gap = _columns(token), 1 if spaced else 0
        if not empty and used + gap + size > width:
            lines.append(line)
            line, used = rest + token, _columns(rest) + size
        else:
            line, used = line + " " * gap + token, used + gap + size
        spaced, empty = False, False
    lines.append(line)
    return "\n".join(lines)


def _table(rows: list[tuple[str, str]], style: _Styler) -> list[str]:
    width = max(_columns(title) for title, _ in rows)
    return [f"    {title}{' ' * (width - _columns(title))}  {value}" for title, value in rows]


def render_summary(report: Report, *, color: bool = False, width: int | None = None) -> str:
    """The summary block alone: counts, readiness, baseline and waivers, errors, verdict."""
    lang = report.lang
    style = _Styler(color, lang)
    summary = report.summary()
    by_stage: dict[str, dict[str, int]] = summary["by_stage"]  # type: ignore[assignment]
    by_protection: dict[str, dict[str, int]] = summary["by_protection"]  # type: ignore[assignment]
    counts = {s: int(summary[s]) for s in SEVERITIES}  # type: ignore[call-overload]
    lines = [style(say("summary", lang), bold=True)]
    lines.append("  " + say("count-line", lang, findings=Amount(len(report.findings), "finding"),
                            counts=severity_counts(counts, lang)))
    if not report.checked:  # no rule ran: every line of the tables would say "not assessed"
        lines.append("  " + say("readiness-not-loaded", lang))
    else:
        if report.deselected:
            lines.append("  " + say("readiness-selected", lang, rules=Amount(len(report.rules), "rule"),
                                    count=report.deselected))
        lines.append("  " + say("readiness-by-stage", lang))
        if report.baselined_findings:
            lines[-1] += say("readiness-counting-baselined", lang,
                             findings=Amount(len(report.baselined_findings), "baselined-finding"))
        lines += _table([(show(Term("stage", s), lang), style.ready(report.stage_readiness(s), by_stage[s]))
                         for s in STAGES], style)
        lines.append("  " + say("readiness-by-protection", lang))
        lines += _table([(show(Term("protection", p), lang),
                          style.ready(report.protection_readiness(p), by_protection[p])) for p in PROTECTIONS], style)
        verdict, checks = certification_lines(report)
        lines.append("  " + say("certification", lang, verdict=verdict))
        lines += [_wrapped(f"    [{mark}] ", "      ", terminal_safe(message, "      "), width)
                  for _, mark, message in checks]
    if report.baselined or report.fixed:
        lines.append("  " + say("baseline-line", lang, findings=Amount(report.baselined, "finding")))
        if report.fixed:
            lines.append("  " + say("fixed-since-baseline", lang, count=len(report.fixed)))
            lines += [f"    {terminal_safe(fp, one_line=True)}" for fp in sorted(report.fixed)]
    if report.waived:
        lines.append("  " + say("waived-line", lang, findings=Amount(report.waived, "finding")))
    if report.errors:
        lines.append(style(say("errors-heading", lang, count=len(report.errors)), bold=True, fg="red"))
        for problem in report.errors:
            rendered = terminal_safe(problem.render(lang), "    ")
            lines.append("  " + say("problem-line", lang, label=style(problem_label(problem, lang), fg="red"),
                                    problem=rendered))
    lines.append(_verdict(report, style))
    return "\n".join(lines) + "\n"


def _verdict(report: Report, style: _Styler) -> str:
    lang = report.lang
    if report.passed:
        return say("passed-line", lang, passed=style(say("passed", lang), fg="green", bold=True),
                   fail_on=Term("fail-on", report.fail_on))
    return say("failed-line", lang, failed=style(say("failed", lang), fg="red", bold=True),
               reasons=verdict_reasons(report))


def render_text(report: Report, *, color: bool = False, width: int | None = None,
                paths_from: str | None = None) -> str:
    """The whole terminal report: header, findings by group, then the summary; messages and
    fixes wrapped at ``width`` columns when given (a terminal; files are not wrapped); files
    relative to ``paths_from`` when given (the command line: the current folder), else to the
    checked root."""
    lang = report.lang
    style = _Styler(color, lang)
    version, rest = say("header", lang, version=report.version, date=report.as_of).split(" — ", 1)
    lines = [style(version, bold=True) + " — " + rest, _wrapped("", "  ", edition_line(report), width), ""]
    groups = sections(report)
    if not report.checked:
        lines += [say("not-checked", lang), ""]
    elif not groups:
        lines += [report.no_findings(say("no-findings", lang)), ""]
    for key, findings in groups:
        lines.append(style(section_heading(key, len(findings), report), bold=True, underline=True))
        for finding in findings:
            loc = finding.location
            file = report.shown_path(loc.file, paths_from) if paths_from is not None else loc.file
            lines += _finding_lines(finding, style, width, loc.shown(file), report.lang)
        lines.append("")
    if report.unlisted:
        lines += [style(_wrapped("", "  ", report.unlisted_note(), width), bold=True), ""]
    return "\n".join(lines) + "\n" + render_summary(report, color=color, width=width)
