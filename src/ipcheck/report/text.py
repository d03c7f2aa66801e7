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
from ipcheck.report.model import (
    NOT_CHECKED,
    PRECONDITION_MARKS,
    Report,
)
from ipcheck.i18n import fill, term, text
from ipcheck.report.labels import label
from ipcheck.rules.clauses import citation_label, standard_name
from ipcheck.vocabulary import (
    PROTECTION_TITLES,
    PROTECTIONS,
    SEVERITIES,
    SEVERITY_RANK,
    STAGE_TITLES,
    STAGES,
)

OTHER = "other"
OTHER_TITLE = "Other findings"
DATA = "data"
DATA_TITLE = text({"en": "Problems of the declaration data (no clause; correct the declaration)",
                   "zh-CN": "声明数据问题（不涉及标准条款；请更正声明）"})
AUDITED_AGAINST = text({"en": "Audited against {standard}", "zh-CN": "审核依据：{standard}"})
JUDGED_AT_AUDIT = text({"en": "; judged at the audit date {date}", "zh-CN": "；按审核日期{date}判断"})

_SEVERITY_STYLE: dict[str, dict[str, object]] = {
    "major": {"fg": "red", "bold": True},
    "minor": {"fg": "yellow"},
    "observation": {"fg": "cyan"},
}
_WIDTH = max(map(len, SEVERITIES))
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


def section_title(key: str) -> str:
    """Human title of a group key (a stage id, a protection id or ``other``)."""
    if key == DATA:
        return str(DATA_TITLE)
    return STAGE_TITLES.get(key) or PROTECTION_TITLES.get(key) or OTHER_TITLE


def section_heading(key: str, shown: int, report: Report) -> str:
    """A group's heading with its count; a protection type's also says how many more of its
    findings are listed under their stage, so that it adds up to its readiness line."""
    heading = f"{section_title(key)} ({shown}"
    if key in PROTECTIONS:
        elsewhere = sum(1 for f in report.nonconformities if f.protection == key) - shown
        if elsewhere:
            heading += f"; {elsewhere} more under their stage"
    return heading + ")"


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Findings most severe first, then in report order (file, line, column, rule)."""
    return sorted(findings, key=lambda f: (SEVERITY_RANK[f.severity], f.sort_key()))


def sections(report: Report) -> list[tuple[str, list[Finding]]]:
    """Non-empty groups of findings in report order: stages, protection types, other."""
    groups: dict[str, list[Finding]] = {key: [] for key in (*STAGES, *PROTECTIONS, OTHER, DATA)}
    for finding in report.findings:
        groups[section_of(finding)].append(finding)
    return [(key, by_severity(found)) for key, found in groups.items() if found]


def plural(count: int, word: str) -> str:
    """``1 finding``, ``2 findings``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def severity_counts(counts: dict[str, int]) -> str:
    """``2 major, 1 minor, 3 observations``."""
    return ", ".join(plural(counts[s], s) if s == "observation" else f"{counts[s]} {s}" for s in SEVERITIES)


def readiness(state: str, counts: dict[str, int], lang: str = "en") -> str:
    """A readiness state in words, with the counts of findings behind it:
    ``not ready (1 major, 2 minor, 1 observation)``; the counts are those of the group's heading."""
    shown = [plural(counts[s], s) if s == "observation" else f"{counts[s]} {s}" for s in SEVERITIES if counts[s]]
    return term("readiness", state, lang) + (f" ({', '.join(shown)})" if shown else "")


def edition_line(report: Report) -> str:
    """The standard audited against, and the audit date when given."""
    lang = report.lang
    line = fill(AUDITED_AGAINST, {"standard": standard_name(report.edition, lang)}, lang)
    if report.audit_date is not None:
        line += fill(JUDGED_AT_AUDIT, {"date": report.audit_date}, lang)
    return line


def certification_lines(report: Report) -> tuple[str, list[tuple[str, str, str]]]:
    """The certification verdict in words, and each precondition as (its state: ``met``,
    ``not-met`` or ``not-assessed``; that state in words; its message)."""
    lang = report.lang
    return (term("verdict", report.certification_verdict(), lang),
            [(PRECONDITION_MARKS[c.met], term("precondition-mark", PRECONDITION_MARKS[c.met], lang), c.message)
             for c in report.certification_checks()])


def problem_label(problem: Problem) -> str:
    """``load error``, ``config error`` or ``internal error``."""
    return f"{problem.kind} error"


class _Styler:
    """click.style when colour is on, the identity otherwise."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, **style: object) -> str:
        return click.style(text, **style) if self.color else text  # type: ignore[arg-type]

    def severity(self, severity: str, *, pad: bool = False) -> str:
        text = severity.ljust(_WIDTH) if pad else severity
        return self(text, **_SEVERITY_STYLE[severity])

    def ready(self, state: str, counts: dict[str, int], lang: str = "en") -> str:
        text = readiness(state, counts, lang)
        if state in ("not-assessed", "out-of-scope"):
            return self(text, dim=True)
        return self(text, fg={"ready": "green", "corrective-actions-needed": "yellow"}.get(state, "red"))


def clause_labels(finding: Finding, lang: str) -> list[str]:
    """The clauses a finding breaks as a report shows them: number and title in ``lang``."""
    return [citation_label(c, lang) for c in finding.clauses]


def _finding_lines(finding: Finding, style: _Styler, width: int | None, where: str, lang: str) -> list[str]:
    rule = style(terminal_safe(finding.rule), bold=True)
    head = f"  {style.severity(finding.severity, pad=True)} {rule}  {terminal_safe(where, one_line=True)}"
    if finding.subject:
        head += f"  [{terminal_safe(finding.subject, one_line=True)}]"
    indent = " " * (_WIDTH + 3)
    lines = [_wrapped(indent, indent, terminal_safe(finding.message, indent), width)]
    for shown in clause_labels(finding, lang):
        tag = label("clause", lang) + ": "
        lines.append(_wrapped(indent + tag, indent + " " * _columns(tag), terminal_safe(shown, one_line=True), width))
    if finding.corrective_action:
        action = terminal_safe(finding.corrective_action, indent + "     ")
        fix = _wrapped(indent + "fix: ", indent + "     ", action, width)
        lines.append(fix.replace("fix:", style("fix:", fg="green"), 1))
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
    width = max(len(title) for title, _ in rows)
    return [f"    {title.ljust(width)}  {value}" for title, value in rows]


def render_summary(report: Report, *, color: bool = False, width: int | None = None) -> str:
    """The summary block alone: counts, readiness, baseline and waivers, errors, verdict."""
    style = _Styler(color)
    summary = report.summary()
    by_stage: dict[str, dict[str, int]] = summary["by_stage"]  # type: ignore[assignment]
    by_protection: dict[str, dict[str, int]] = summary["by_protection"]  # type: ignore[assignment]
    counts = {s: int(summary[s]) for s in SEVERITIES}  # type: ignore[call-overload]
    lines = [style("Summary", bold=True)]
    lines.append(f"  {plural(len(report.findings), 'finding')}: {severity_counts(counts)}")
    if not report.checked:  # no rule ran: every line of the tables would say "not assessed"
        lines.append("  Readiness: not assessed (the declaration could not be loaded; see the errors below)")
    else:
        if report.deselected:
            lines.append(f"  Readiness of the {plural(len(report.rules), 'rule')} selected to run "
                         f"({report.deselected} left out by select/ignore)")
        lines.append("  Readiness by stage")
        if report.baselined_findings:
            lines[-1] += (f" (counting the {plural(len(report.baselined_findings), 'baselined finding')}, "
                          "which do not fail the run)")
        lines += _table([(STAGE_TITLES[s], style.ready(report.stage_readiness(s), by_stage[s], report.lang)) for s in STAGES],
                        style)
        lines.append("  Readiness by protection type")
        lines += _table([(PROTECTION_TITLES[p], style.ready(report.protection_readiness(p), by_protection[p], report.lang))
                         for p in PROTECTIONS], style)
        verdict, checks = certification_lines(report)
        lines.append(f"  Certification: {verdict}")
        lines += [_wrapped(f"    [{mark}] ", "      ", terminal_safe(message, "      "), width)
                  for _, mark, message in checks]
    if report.baselined or report.fixed:
        lines.append(f"  Baseline: {plural(report.baselined, 'finding')} baselined")
        if report.fixed:
            lines.append(f"  Fixed since the baseline ({len(report.fixed)}):")
            lines += [f"    {terminal_safe(fp, one_line=True)}" for fp in sorted(report.fixed)]
    if report.waived:
        lines.append(f"  Waived: {plural(report.waived, 'finding')}")
    if report.errors:
        lines.append(style(f"Errors ({len(report.errors)})", bold=True, fg="red"))
        for problem in report.errors:
            rendered = terminal_safe(problem.render(), "    ")
            lines.append(f"  {style(problem_label(problem), fg='red')}: {rendered}")
    lines.append(_verdict(report, style))
    return "\n".join(lines) + "\n"


def _verdict(report: Report, style: _Styler) -> str:
    failing = len(report.failing)
    if report.passed:
        return f"{style('Passed', fg='green', bold=True)} (fail on: {report.fail_on})"
    reasons = []
    if failing:
        reasons.append(f"{plural(failing, 'finding')} at or above {report.fail_on}")
    if report.errors:
        reasons.append(plural(len(report.errors), "error"))
    return f"{style('Failed', fg='red', bold=True)}: {'; '.join(reasons)}"


def render_text(report: Report, *, color: bool = False, width: int | None = None,
                paths_from: str | None = None) -> str:
    """The whole terminal report: header, findings by group, then the summary; messages and
    fixes wrapped at ``width`` columns when given (a terminal; files are not wrapped); files
    relative to ``paths_from`` when given (the command line: the current folder), else to the
    checked root."""
    style = _Styler(color)
    lines = [style(f"ipcheck {report.version}", bold=True) + f" — as of {report.as_of.isoformat()}",
             _wrapped("", "  ", edition_line(report), width), ""]
    groups = sections(report)
    if not report.checked:
        lines += [NOT_CHECKED, ""]
    elif not groups:
        lines += [report.no_findings("No findings."), ""]
    for key, findings in groups:
        lines.append(style(section_heading(key, len(findings), report), bold=True, underline=True))
        for finding in findings:
            loc = finding.location
            file = report.shown_path(loc.file, paths_from) if paths_from is not None else loc.file
            lines += _finding_lines(finding, style, width, f"{file}:{loc.line}:{loc.column}", report.lang)
        lines.append("")
    return "\n".join(lines) + "\n" + render_summary(report, color=color, width=width)
