"""The audit pack: the nonconformity reports in Word and the corrective-action plan in Excel,
read back with python-docx and openpyxl, converted by LibreOffice, the same bytes every run."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from ipcheck.cli import cli
from ipcheck.report.docx import render_docx
from ipcheck.report.model import Report
from ipcheck.report.xlsx import FINDING_COLUMNS, render_xlsx
from tests.report.conftest import make_report

ROOT = Path(__file__).resolve().parents[2]
PRE_AUDIT = ROOT / "fixtures" / "partial" / "pre-audit"
AS_OF = "2026-11-24"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _docx_text(data: bytes) -> list[str]:
    """Every paragraph of the document, table cells included, in order."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return lines


def _form(data: bytes, number: int) -> dict[str, str]:
    """The fields of nonconformity report ``number`` (1-based), as {field: value}."""
    document = docx.Document(io.BytesIO(data))
    forms = [t for t in document.tables if t.rows[0].cells[0].text in ("Audited unit", "受审核部门")]
    return {row.cells[0].text: row.cells[1].text for row in forms[number - 1].rows}


def test_docx_cover_and_one_form_per_nonconformity(report: Report) -> None:
    data = render_docx(report)
    text = "\n".join(_docx_text(data))
    assert "IP management system: audit pack" in text
    assert "GB/T 29490-2013 Enterprise intellectual property management" in text
    majors_and_minors = [f for f in report.findings if f.severity in ("major", "minor")]
    assert text.count("Nonconformity report ") == len(majors_and_minors) == 7
    first = _form(data, 1)
    assert list(first) == ["Audited unit", "Nonconformity and objective evidence", "Clause", "Grade", "Correction",
                           "Root cause", "Corrective action", "Owner", "Due date",
                           "Verification (by whom, when, effective or not)"]
    assert first["Correction"] == first["Root cause"] == first["Verification (by whom, when, effective or not)"] == ""
    forms = [_form(data, n) for n in range(1, 8)]
    annuity = next(f for f in forms if "CN202310001234.5 was due" in f["Nonconformity and objective evidence"])
    assert annuity["Clause"] == "GB/T 29490-2013 7.2 Maintenance"
    assert annuity["Grade"] == "major"
    assert annuity["Owner"] == "Patent Engineer"
    assert annuity["Corrective action"] == ("Suggested by ipcheck: Pay the annuity of CN202310001234.5 within the "
                                            "grace period and record it in the register.")
    assert "- CN202310001234.5, declared at ipms/patents.yaml:17:5" in annuity["Nonconformity and objective evidence"]
    # the observations follow as a list
    assert any(line.startswith("MRV001 Management review mr-2025") for line in _docx_text(data))


def test_docx_in_chinese(report: Report) -> None:
    zh = make_report(lang="zh-CN")
    data = render_docx(zh)
    form = _form(data, 1)
    assert list(form)[:4] == ["受审核部门", "不符合事实描述", "标准条款", "不符合性质"]
    assert form["受审核部门"] == "体系整体"
    assert "知识产权管理体系审核资料" in _docx_text(data)


def test_xlsx_findings_and_plan(report: Report) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    findings, plan = book.worksheets
    assert findings.title == "Findings" and plan.title == "Corrective actions"
    rows = list(findings.iter_rows(values_only=True))
    assert rows[0] == FINDING_COLUMNS
    assert len(rows) == 1 + len(report.findings)
    assert findings.freeze_panes == "A2" and findings.auto_filter.ref == f"A1:Q{len(rows)}"
    first = dict(zip(FINDING_COLUMNS, rows[1], strict=True))
    assert first["rule"] == report.findings[0].rule and first["fingerprint"] == report.findings[0].fingerprint
    assert first["line"] == report.findings[0].location.line
    head, *actions = list(plan.iter_rows(values_only=True))
    assert head == ("No.", "Finding", "Clause", "Severity", "Audited unit", "Owner", "Due date", "Status",
                    "Verification")
    assert len(actions) == 7 and all(row[7] == "open" for row in actions)
    validation = plan.data_validations.dataValidation[0]
    assert validation.type == "list" and validation.formula1 == '"open,in progress,done,verified"'
    assert str(validation.sqref) == "H2:H8"


def test_no_cell_is_a_formula(report: Report) -> None:
    hostile = [replace(f, message=value, subject=value) for f, value in
               zip(report.findings, ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "=1"], strict=False)]
    data = render_xlsx(make_report(findings=hostile))
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert "=HYPERLINK(\"http://x\")" in [c.value for c in cells]


def test_same_bytes_and_fixed_times(report: Report) -> None:
    for render in (render_docx, render_xlsx):
        data = render(report)
        assert render(report) == data
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = docx.Document(io.BytesIO(render_docx(report))).core_properties
    assert props.created.isoformat() == "2025-11-24T00:00:00+00:00" == props.modified.isoformat()


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(PRE_AUDIT), "--as-of", AS_OF, *args], catch_exceptions=False)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_binary_formats_need_an_output_file(fmt: str) -> None:
    code, err = _check("-f", fmt)
    assert code == 2
    assert f"the {fmt} format is a binary document and is never written to standard output" in err


def test_a_terminal_is_refused_as_output() -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        code, err = _check("-f", "docx", "-o", os.ttyname(follower))
    finally:
        os.close(leader)
        os.close(follower)
    assert code == 2 and "is a terminal" in err


def _write_in_a_new_process(fmt: str, out: Path) -> bytes:
    subprocess.run([sys.executable, "-m", "ipcheck", "check", str(PRE_AUDIT), "--as-of", AS_OF, "-f", fmt,
                    "-o", str(out)], capture_output=True, check=False, cwd=ROOT)
    return out.read_bytes()


@pytest.fixture(scope="module")
def pre_audit_pack(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pack")
    written = {}
    for fmt, name in (("docx", "pack.docx"), ("xlsx", "plan.xlsx")):
        first = _write_in_a_new_process(fmt, folder / name)
        assert _write_in_a_new_process(fmt, folder / f"again-{name}") == first  # two processes, same bytes
        written[fmt] = folder / name
    return written


def test_pre_audit_pack_holds_every_nonconformity(pre_audit_pack: dict[str, Path]) -> None:
    result = CliRunner().invoke(cli, ["check", str(PRE_AUDIT), "--as-of", AS_OF, "-f", "json"])
    import json

    nonconformities = [f for f in json.loads(result.stdout)["findings"] if f["severity"] in ("major", "minor")]
    assert nonconformities
    data = pre_audit_pack["docx"].read_bytes()
    assert "\n".join(_docx_text(data)).count("Nonconformity report ") == len(nonconformities)
    forms = [_form(data, n) for n in range(1, len(nonconformities) + 1)]
    for finding in nonconformities:
        form = next(f for f in forms if f["Nonconformity and objective evidence"].startswith(finding["message"]))
        assert form["Clause"].startswith(finding["clauses"][0]) and form["Owner"]
    plan = openpyxl.load_workbook(pre_audit_pack["xlsx"]).worksheets[1]
    rows = list(plan.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(nonconformities) and all(row[2] and row[5] for row in rows)


def _need_libreoffice() -> str:
    if SOFFICE is None:
        if os.environ.get("IPCHECK_CI"):
            pytest.fail("LibreOffice is not installed: .ci/run installs libreoffice-writer and libreoffice-calc")
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-writer libreoffice-calc)")
    return SOFFICE


def test_libreoffice_converts_the_pack(pre_audit_pack: dict[str, Path], tmp_path: Path) -> None:
    soffice = _need_libreoffice()
    for path in pre_audit_pack.values():
        done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                               "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                              capture_output=True, text=True, timeout=180, check=False)
        pdf = tmp_path / (path.stem + ".pdf")
        assert done.returncode == 0 and pdf.exists(), done.stderr
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
