"""The audit pack in Word (``-f docx``): a cover page with the certification verdict and the
readiness by stage and protection type, one nonconformity report per major and minor
finding in the form certification bodies use (grouped by the audited unit), then the
observations as a list.

Built with python-docx; the archive and the document properties are fixed, so that the same
report gives the same bytes.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from ipcheck.findings import Finding
from ipcheck.report.model import Report
from ipcheck.report.office import (
    as_text,
    document_time,
    precondition_mark,
    protection_word,
    readiness_word,
    reproducible_zip,
    severity_word,
    stage_word,
    verdict_word,
)
from ipcheck.report.text import clause_labels
from ipcheck.report.words import say
from ipcheck.rules.clauses import standard_name
from ipcheck.vocabulary import PROTECTIONS, SEVERITIES, STAGES

NONCONFORMITIES = ("major", "minor")
FONT_EAST_ASIA = "SimSun"
"""The font Chinese text is set in (Word and LibreOffice substitute one they have)."""


def audited_unit(report: Report, finding: Finding) -> str:
    """The unit a finding's nonconformity report is addressed to: the one answering for its
    item (see :mod:`ipcheck.actions`), else the system as a whole."""
    return report.actions.get(finding.fingerprint, {}).get("unit") or say("system-wide", report.lang)


def objective_evidence(report: Report, finding: Finding) -> list[str]:
    """Where the auditor sees the nonconformity: the item and where it is declared, the
    evidence files behind it, and the items a systemic finding stands for."""
    lang, where = report.lang, finding.location.shown()
    lines = [say("declared-at", lang, subject=as_text(finding.subject), location=where) if finding.subject
             else say("declared-at-no-subject", lang, location=where)]
    lines += [as_text(path) for path in report.evidence.get(finding.fingerprint, ())]
    lines += [as_text(item) for item in finding.evidence]
    return lines


def _set_fonts(document: DocumentType) -> None:
    from docx.oxml.ns import qn

    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT_EAST_ASIA)


def _fix_properties(document: DocumentType, report: Report) -> None:
    props = document.core_properties
    when = document_time(report).replace(tzinfo=None)
    props.author = props.last_modified_by = "ipcheck"
    props.title = say("pack-title", report.lang)
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.language = report.lang
    props.comments = props.keywords = props.subject = props.category = ""


def _pairs(document: DocumentType, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for name, value in rows:
        cells = table.add_row().cells
        cells[0].text = name
        cells[0].paragraphs[0].runs[0].bold = True
        cells[1].text = value


def _grid(document: DocumentType, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _counts(report: Report, findings: list[Finding]) -> str:
    return " / ".join(str(sum(1 for f in findings if f.severity == s)) for s in SEVERITIES)


def _cover(document: DocumentType, report: Report) -> None:
    lang = report.lang
    document.add_heading(say("pack-title", lang), level=0)
    _pairs(document, [
        (say("enterprise", lang), as_text(report.enterprise) or say("not-given", lang)),
        (say("standard", lang), standard_name(report.edition, lang)),
        (say("check-date", lang), report.as_of.isoformat()),
        (say("audit-date", lang), report.audit_date.isoformat() if report.audit_date else say("not-given", lang)),
        (say("verdict", lang), verdict_word(report)),
    ])
    document.add_heading(say("preconditions", lang), level=2)
    for check in report.certification_checks():
        document.add_paragraph(f"[{precondition_mark(check.met, lang)}] {as_text(check.message)}",
                               style="List Bullet")
    document.add_heading(say("readiness-stage", lang), level=2)
    _grid(document, [say("stage", lang), say("readiness", lang), say("counts", lang)],
          [[stage_word(s, lang), readiness_word(report.stage_readiness(s), lang),
            _counts(report, [f for f in report.findings if f.stage == s])] for s in STAGES])
    document.add_heading(say("readiness-protection", lang), level=2)
    _grid(document, [say("protection-type", lang), say("readiness", lang), say("counts", lang)],
          [[protection_word(p, lang), readiness_word(report.protection_readiness(p), lang),
            _counts(report, [f for f in report.findings if f.protection == p])] for p in PROTECTIONS])
    if report.unlisted:
        document.add_paragraph(report.unlisted_note())
    document.add_paragraph(say("generated", lang, version=report.version))


def nonconformities_by_unit(report: Report) -> list[tuple[str, list[Finding]]]:
    """Majors and minors grouped by audited unit (units by name, the system as a whole last),
    each unit's majors first, then in report order."""
    whole = say("system-wide", report.lang)
    groups: dict[str, list[Finding]] = {}
    for finding in report.listed:
        if finding.severity in NONCONFORMITIES:
            groups.setdefault(audited_unit(report, finding), []).append(finding)
    units = sorted(u for u in groups if u != whole) + ([whole] if whole in groups else [])
    return [(unit, sorted(groups[unit], key=lambda f: (NONCONFORMITIES.index(f.severity), f.sort_key())))
            for unit in units]


def _nonconformity(document: DocumentType, report: Report, finding: Finding, number: int, unit: str) -> None:
    lang = report.lang
    planned = report.actions.get(finding.fingerprint, {})
    document.add_heading(say("nc-report", lang, number=f"{number:03d}"), level=3)
    description = "\n".join([as_text(finding.message), f"{say('evidence', lang)}:",
                             *(f"- {line}" for line in objective_evidence(report, finding))])
    _pairs(document, [
        (say("audited-unit", lang), as_text(unit)),
        (say("nonconformity", lang), description),
        (say("clause-heading", lang), "\n".join(clause_labels(finding, lang)) or say("no-clause", lang)),
        (say("grade", lang), severity_word(finding.severity, lang)),
        (say("correction", lang), ""),
        (say("root-cause", lang), ""),
        (say("corrective-action", lang), say("suggested", lang, action=as_text(finding.corrective_action))),
        (say("owner", lang), as_text(planned.get("owner", ""))),
        (say("due-date", lang), planned.get("due", "")),
        (say("verification", lang), ""),
    ])


def render_docx(report: Report) -> bytes:
    """The audit pack as a Word document (bytes of a .docx file)."""
    lang = report.lang
    document = Document()
    _set_fonts(document)
    _fix_properties(document, report)
    _cover(document, report)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    document.add_heading(say("nc-reports", lang), level=1)
    groups = nonconformities_by_unit(report)
    if not groups:
        document.add_paragraph(say("no-nonconformity", lang))
    number = 0
    for unit, findings in groups:
        document.add_heading(f"{say('audited-unit', lang)}: {as_text(unit)}", level=2)
        for finding in findings:
            number += 1
            _nonconformity(document, report, finding, number, unit)
    document.add_heading(say("observations", lang), level=1)
    observations = [f for f in report.listed if f.severity == "observation"]
    if not observations:
        document.add_paragraph(say("no-observation", lang))
    for finding in observations:
        clauses = "; ".join(clause_labels(finding, lang))
        document.add_paragraph(f"{finding.rule_label} {as_text(finding.message)} ({finding.location.shown()}"
                               + (f"; {clauses})" if clauses else ")"), style="List Bullet")
        for reference in report.evidence.get(finding.fingerprint, ()):
            document.add_paragraph(f"{say('evidence', lang)}: {as_text(reference)}", style="List Bullet 2")
    out = io.BytesIO()
    document.save(out)
    return reproducible_zip(out.getvalue())
