"""The corrective-action plan in Excel (``-f xlsx``): a findings sheet (every field of the
JSON finding, with filters and a frozen header) and a plan sheet (one row per action: the
finding, its owner, due date, a status chosen from a validated list, and the verification).

Every cell is written as a string or a number, never as a formula: a declaration value
that starts with ``=``, ``+``, ``-`` or ``@`` stays text, so a value from a pull request
cannot run in the auditor's spreadsheet. The archive and the workbook properties are fixed,
so that the same report gives the same bytes.
"""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter

from ipcheck.findings import Finding
from ipcheck.report.docx import audited_unit, objective_evidence
from ipcheck.report.model import Report
from ipcheck.report.office import as_text, document_time, reproducible_zip, severity_word
from ipcheck.report.text import clause_labels
from ipcheck.report.words import STATUSES, say

FINDING_COLUMNS = ("rule", "severity", "title", "message", "stage", "protection", "clauses", "subject",
                   "file", "line", "column", "cell", "corrective_action", "fingerprint", "category", "evidence", "also")
"""The findings sheet's columns: the fields of a JSON finding, its location spread over three,
and the spreadsheet cell as Excel names it (``专利台账!D12``) for a finding in a register workbook."""
PLAN_COLUMNS = ("number", "finding", "clause-heading", "severity", "audited-unit", "owner", "due-date", "status",
                "verification-short")
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                    "strings_to_urls": False}
"""Nothing a string holds is ever read as a formula, a number or a link."""


def finding_row(finding: Finding) -> list[str | int]:
    """A finding as the findings sheet holds it: the JSON fields, lists one entry a line."""
    data: dict[str, Any] = finding.to_dict()
    location = data.pop("location")
    data.update(location)
    data["cell"] = finding.location.cell
    data["also"] = [f"{merged['rule']} {merged['fingerprint']}" for merged in data["also"]]
    return [value if isinstance(value, int) else
            "\n".join(value) if isinstance(value, list) else "" if value is None else as_text(str(value))
            for value in (data[name] for name in FINDING_COLUMNS)]


def plan_rows(report: Report) -> list[list[str | int]]:
    """One row per corrective action (majors and minors), in the order of the action plan."""
    lang = report.lang
    rows: list[list[str | int]] = []
    for owner, actions in report.action_plan():
        for action in actions:
            f = action.finding
            rows.append([
                len(rows) + 1,
                f"{f.rule_label} {as_text(f.message)}\n" + "\n".join(objective_evidence(report, f)),
                "\n".join(clause_labels(f, lang)),
                severity_word(f.severity, lang),
                as_text(audited_unit(report, f)),
                as_text(owner) if owner != "unassigned" else say("not-given", lang),
                action.due,
                say(STATUSES[0], lang),
                "",
            ])
    return rows


def _sheet(workbook: Any, name: str, header: list[str], rows: list[list[str | int]], widths: list[int]) -> Any:
    sheet = workbook.add_worksheet(name)
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8ECF2"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    for column, (title, width) in enumerate(zip(header, widths, strict=True)):
        sheet.write_string(0, column, title, bold)
        sheet.set_column(column, column, width)
    for r, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, int):
                sheet.write_number(r, column, value, wrap)
            else:
                sheet.write_string(r, column, value, wrap)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
    return sheet


def render_xlsx(report: Report) -> bytes:
    """The findings and the corrective-action plan as an Excel workbook (bytes of a .xlsx file)."""
    lang = report.lang
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, WORKBOOK_OPTIONS)
    workbook.set_properties({"title": say("plan-sheet", lang), "author": "ipcheck",
                             "created": document_time(report).replace(tzinfo=None)})
    _sheet(workbook, say("findings-sheet", lang), list(FINDING_COLUMNS),
           [finding_row(f) for f in report.listed], [9, 12, 30, 60, 16, 12, 22, 16, 26, 6, 6, 18, 60, 34, 9, 30, 40])
    rows = plan_rows(report)
    header = [say(name, lang) for name in PLAN_COLUMNS]
    plan = _sheet(workbook, say("plan-sheet", lang), header, rows, [6, 60, 30, 12, 20, 20, 12, 12, 30])
    statuses = [say(s, lang) for s in STATUSES]
    status_column = PLAN_COLUMNS.index("status")
    plan.data_validation(1, status_column, max(len(rows), 1), status_column, {
        "validate": "list", "source": statuses, "input_title": say("status", lang),
        "input_message": say("status-prompt", lang), "error_type": "stop"})
    workbook.close()
    return reproducible_zip(out.getvalue())
