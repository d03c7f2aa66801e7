"""Registers kept as spreadsheets (.xlsx, .xls, .ods, .csv): read as exactly as YAML, every
error at its cell, cells as users fill them, hostile workbooks refused."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from ipcheck.load import LoadFailed, load
from ipcheck.load.parse import parse_file
from ipcheck.load.sheet_template import SHEET_NAMES, workbook_bytes
from ipcheck.load.sheets import _BLANK as BLANK
from ipcheck.load.sheets import MAX_UNZIPPED_BYTES, FieldShape, _empty, column_letters, read_cell, read_column
from ipcheck.model.kinds import Patent, Person

ROOT = Path(__file__).resolve().parents[2]
EXEMPLAR = ROOT / "fixtures" / "exemplar"
AS_OF = "2026-11-24"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ipcheck", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"})


def register_items(name: str) -> list[dict[str, Any]]:
    parsed = parse_file(EXEMPLAR / "registers" / name, f"registers/{name}", 10**8)
    return [item for doc in parsed.documents if doc for item in doc["items"]]  # type: ignore[union-attr]


def workbook(path: Path, sheets: dict[str, list[list[Any]]], merge: str | None = None) -> Path:
    """A workbook with each sheet's rows written as given (dates as Excel dates)."""
    book = xlsxwriter.Workbook(str(path))
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
                elif isinstance(value, str) and value.startswith("="):
                    sheet.write_formula(r, c, value, None, "X-FORMULA")
                else:
                    sheet.write(r, c, value)
        if merge:
            sheet.merge_range(merge, "merged")
    book.close()
    return path


def exemplar_without_patents(tmp_path: Path) -> Path:
    folder = tmp_path / "decl"
    shutil.copytree(EXEMPLAR, folder)
    (folder / "registers" / "patents.yaml").unlink()
    return folder


# --- the exemplar's patent register, as a workbook and as CSV --------------------------


def test_the_exemplar_patent_register_as_a_chinese_workbook_checks_clean(tmp_path: Path) -> None:
    folder = exemplar_without_patents(tmp_path)
    (folder / "registers" / "patents.xlsx").write_bytes(workbook_bytes("zh-CN", {"Patent": register_items("patents.yaml")}))
    result = run("check", folder, "--as-of", AS_OF, "-f", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"findings": []' in result.stdout
    declaration = load([folder])
    assert len(declaration.of(Patent)) == 200
    original = load([EXEMPLAR])
    assert list(declaration.of(Patent)) == list(original.of(Patent))


def test_the_exemplar_patent_register_as_csv_checks_clean(tmp_path: Path) -> None:
    folder = exemplar_without_patents(tmp_path)
    items = register_items("patents.yaml")
    fields = list(dict.fromkeys(f for item in items for f in item))
    with (folder / "registers" / "patents.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(fields)
        for item in items:
            writer.writerow(["; ".join(v) if isinstance(v, list) else "" if v is None else
                             v.isoformat() if isinstance(v, dt.date) else v for v in (item.get(f) for f in fields)])
    result = run("check", folder, "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(load([folder]).of(Patent)) == list(load([EXEMPLAR]).of(Patent))


def test_a_finding_on_a_register_row_is_located_at_its_cell(tmp_path: Path) -> None:
    folder = exemplar_without_patents(tmp_path)
    items = register_items("patents.yaml")
    items[4] = {**items[4], "inventors": ["nobody.here"]}
    (folder / "registers" / "patents.xlsx").write_bytes(workbook_bytes("en", {"Patent": items}))
    result = run("check", folder, "--as-of", AS_OF, "-f", "json")
    import json

    findings = json.loads(result.stdout)["findings"]
    assert [(f["subject"], f["location"]) for f in findings] == [
        (items[4]["id"], {"file": "registers/patents.xlsx", "line": 6, "column": 11})]
    assert column_letters(11) == "K"  # inventors, the eleventh field of Patent


@pytest.fixture(scope="module")
def wrong_inventor(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exemplar with its patents in a Chinese workbook, one inventor unknown (row 6, column K)."""
    folder = exemplar_without_patents(tmp_path_factory.mktemp("cell"))
    items = register_items("patents.yaml")
    items[4] = {**items[4], "inventors": ["nobody.here"]}
    (folder / "registers" / "patents.xlsx").write_bytes(workbook_bytes("zh-CN", {"Patent": items}))
    return folder


@pytest.mark.parametrize(("fmt", "shown"), [
    ("text", "registers/patents.xlsx 专利台账!K6"),
    ("markdown", "registers/patents.xlsx 专利台账!K6"),
    ("html", "<code>registers/patents.xlsx 专利台账!K6</code>"),
])
def test_readable_reports_name_the_cell_as_excel_does(wrong_inventor: Path, fmt: str, shown: str) -> None:
    result = run("check", wrong_inventor, "--as-of", AS_OF, "-f", fmt)
    assert result.returncode == 1, result.stderr
    assert shown in result.stdout and "patents.xlsx:6:11" not in result.stdout


def test_the_audit_pack_names_the_cell_as_excel_does(wrong_inventor: Path, tmp_path: Path) -> None:
    import docx
    import openpyxl

    run("check", wrong_inventor, "--as-of", AS_OF, "-f", "docx", "-o", tmp_path / "pack.docx")
    run("check", wrong_inventor, "--as-of", AS_OF, "-f", "xlsx", "-o", tmp_path / "plan.xlsx")
    document = docx.Document(str(tmp_path / "pack.docx"))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any("registers/patents.xlsx 专利台账!K6" in text for text in cells)
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    findings, plan = book.worksheets
    header, row = list(findings.iter_rows(values_only=True))[:2]
    found = dict(zip(header, row, strict=True))
    assert (found["file"], found["line"], found["column"], found["cell"]) == ("registers/patents.xlsx", 6, 11, "专利台账!K6")
    assert any("registers/patents.xlsx 专利台账!K6" in str(r[1]) for r in plan.iter_rows(min_row=2, values_only=True))


def test_machine_formats_keep_file_line_and_column(wrong_inventor: Path) -> None:
    import json

    (finding,) = json.loads(run("check", wrong_inventor, "--as-of", AS_OF, "-f", "json").stdout)["findings"]
    assert finding["location"] == {"file": "registers/patents.xlsx", "line": 6, "column": 11}
    assert "专利台账" not in finding["message"]
    (result,) = json.loads(run("check", wrong_inventor, "--as-of", AS_OF, "-f", "sarif").stdout)["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (6, 11)


@pytest.mark.parametrize(("sheet", "row", "column", "name"), [
    ("专利台账", 12, 4, "专利台账!D12"), ("Patent", 2, 27, "Patent!AA2"), ("Patents 2026", 3, 1, "'Patents 2026'!A3"),
    ("O'Brien", 1, 1, "'O''Brien'!A1"), ("A1", 5, 2, "'A1'!B5"), ("2026", 5, 2, "'2026'!B5"),
    ("专利-台账", 1, 1, "'专利-台账'!A1"),
])
def test_a_cell_is_named_as_excel_names_it(sheet: str, row: int, column: int, name: str) -> None:
    from ipcheck.load.sheets import cell_name

    assert cell_name(sheet, row, column) == name


# --- errors at their cells -------------------------------------------------------------

HEADER = ["编号", "专利名称", "国家", "申请号", "申请日", "法律状态"]


def load_problems(folder: Path) -> list[str]:
    with pytest.raises(LoadFailed) as failed:
        load([folder])
    return [f"{p.location}: {p.message}" for p in failed.value.problems]


def test_a_wrong_value_is_an_error_at_its_row_and_column(tmp_path: Path) -> None:
    workbook(tmp_path / "patents.xlsx", {"专利台账": [
        HEADER,
        ["P-1", "Valve", "CN", "201710601862.3", dt.date(2017, 5, 6), "granted"],
        ["P-2", "Pump", "CN", "201710601863.1", "2017/05/06", "grantd"],
    ]})
    assert load_problems(tmp_path) == [
        "patents.xlsx:3:5: Patent 'P-2': field 'application_date': not a valid date, got '2017/05/06'",
        "patents.xlsx:3:6: Patent 'P-2': field 'status': must be one of 'pending', 'granted', 'lapsed', 'abandoned', "
        "'expired' or 'transferred', got 'grantd'",
    ]
    result = run("check", tmp_path, "--as-of", AS_OF)
    assert result.returncode == 2
    assert "patents.xlsx:3:6: 专利台账!F3: Patent 'P-2': field 'status'" in result.stdout + result.stderr
    import json

    errors = json.loads(run("check", tmp_path, "--as-of", AS_OF, "-f", "json").stdout)["errors"]
    assert [(e["file"], e["line"], e["column"], e["message"].split(":")[0]) for e in errors] == [
        ("patents.xlsx", 3, 5, "专利台账!E3"), ("patents.xlsx", 3, 6, "专利台账!F3")]
    assert errors[1]["message"].startswith("专利台账!F3: Patent 'P-2': field 'status': must be one of")


def test_an_unknown_column_is_an_error_at_its_header_cell(tmp_path: Path) -> None:
    workbook(tmp_path / "p.xlsx", {"Patent": [["id", "title", "jurisdiction", "status", "colour"],
                                              ["P-1", "Valve", "CN", "granted", "red"]]})
    [problem] = load_problems(tmp_path)
    assert problem.startswith("p.xlsx:1:5: Patent 'P-1': unknown field 'colour'")


# --- cells as users fill them ------------------------------------------------------------


def test_cells_are_read_as_users_fill_them(tmp_path: Path) -> None:
    workbook(tmp_path / "registers.xlsx", {
        "Patent": [
            [None],                                        # a blank row before the header
            ["id", "title", "jurisdiction", "application_number", "application_date", "status", "inventors", None],
            ["P-1", "Valve", "CN", 201710601862, dt.date(2017, 5, 6), "审查中", "wang，li；zhao、qian\nsun"],
            ["P-2", "Pump", "CN", 201710601863.5, "2017-05-07", "granted", None],
            [None, None, None],                            # trailing blank rows are not items
            [None],
        ],
        "Person": [["id", "name", "top_management"], *[[f"{p}", p.title(), flag] for p, flag in
                                                       (("wang", "是"), ("li", "否"), ("zhao", False),
                                                        ("qian", "yes"), ("sun", None))]],
        "Notes": [["anything at all, never read"]],
    })
    declaration = load([tmp_path])
    first, second = declaration.of(Patent)
    assert first.application_number == "201710601862"  # a number typed as a number keeps its digits, no ".0"
    assert second.application_number == "201710601863.5"
    assert first.application_date == dt.date(2017, 5, 6) and second.application_date == dt.date(2017, 5, 7)
    assert first.status == "pending"  # the Chinese word of a choice
    assert list(first.inventors) == ["wang", "li", "zhao", "qian", "sun"]
    assert list(second.inventors) == []  # an empty cell: the field left out
    assert [p.top_management for p in declaration.of(Person)] == [
        True, False, False, True, False]


@pytest.mark.parametrize(("shape", "cells", "read"), [
    (FieldShape("text", False), [" Valve ", "", "  ", None, 201710601862.0, 3.5, True],
     ["Valve", BLANK, BLANK, BLANK, "201710601862", "3.5", True]),
    (FieldShape("text", True), ["wang，li；zhao、qian\nsun", " a , ,b ", "；", "", None, 7.0],
     [["wang", "li", "zhao", "qian", "sun"], ["a", "b"], [], BLANK, BLANK, ["7"]]),
    (FieldShape("choice", False, ("pending", "granted")), ["granted", " granted ", "审查中", "grantd", "", None],
     ["granted", "granted", "pending", "grantd", BLANK, BLANK]),
    (FieldShape("date", False), [dt.date(2017, 5, 6), dt.datetime(2017, 5, 6), " 2017-05-07 ", "2017/05/07", "", None],
     [dt.date(2017, 5, 6), dt.date(2017, 5, 6), dt.date(2017, 5, 7), "2017/05/07", BLANK, BLANK]),
    (FieldShape("bool", False), ["是", "否", True, "", None], [True, False, True, BLANK, BLANK]),
    (FieldShape("int", False), [3.0, "12", " ", 2.5], [3, 12, BLANK, 2.5]),
])
def test_a_column_reads_each_cell_as_one_cell_would(shape: FieldShape, cells: list[Any], read: list[Any]) -> None:
    """The column reader's fast paths give what reading each cell alone gives (read_cell)."""
    assert read_column(cells, shape) == read
    assert [BLANK if _empty(cell) else read_cell(cell.strip() if isinstance(cell, str) else cell, shape)
            for cell in cells] == read


def test_a_kind_column_names_the_kind_of_a_sheet(tmp_path: Path) -> None:
    workbook(tmp_path / "book.xlsx", {"Sheet1": [["kind", "id", "name"], ["Person", "wang", "Wang"]]})
    assert [p.id for p in load([tmp_path]).of(Person)] == ["wang"]


def test_a_formula_is_never_evaluated_its_cached_value_is_read(tmp_path: Path) -> None:
    workbook(tmp_path / "book.xlsx", {"Person": [["id", "name"], ["p1", "=HYPERLINK(\"http://x\")"]]})
    [person] = load([tmp_path]).of(Person)
    assert person.name == "X-FORMULA"


@pytest.mark.parametrize(("sheets", "merge", "problem"), [
    ({"Patent": [["id", "title"], ["P-1", "x"]]}, "A1:B1",
     "book.xlsx:1:1: sheet 'Patent': the header cells A1:B1 are merged"),
    ({"Sheet1": [["id", "name"], ["p", "P"]]}, None, "book.xlsx:1:1: sheet 'Sheet1' names no kind of item"),
    ({"Sheet1": [["kind", "id"], ["Person", "a"], ["Unit", "b"]]}, None,
     "book.xlsx:1:1: sheet 'Sheet1': the kind column names 2 kinds (Person, Unit)"),
    ({"Person": [["id", "name", "姓名"], ["a", "A", "A"]]}, None,
     "book.xlsx:1:3: sheet 'Person': columns B and C both name the field 'name'"),
    ({"Enterprise": [["id", "name", "penalties"], ["e", "E", "x"]]}, None,
     "book.xlsx:1:3: sheet 'Enterprise': the field 'penalties' of Enterprise holds mappings, which a cell cannot"),
])
def test_a_sheet_that_is_no_register_is_refused_at_its_cell(tmp_path: Path, sheets: dict[str, list[list[Any]]],
                                                            merge: str | None, problem: str) -> None:
    workbook(tmp_path / "book.xlsx", sheets, merge)
    assert load_problems(tmp_path) == [problem]


def test_a_sheet_that_names_no_kind_points_at_the_evidence_folder(tmp_path: Path) -> None:
    workbook(tmp_path / "attendance.xlsx", {"Sheet1": [["name", "signature"], ["Liu Fang", "signed"]]})
    with pytest.raises(LoadFailed) as failed:
        load([tmp_path])
    (problem,) = failed.value.problems
    assert problem.hint.endswith("a spreadsheet that is evidence, not a register, belongs in a folder named "
                                 "evidence or 证据")


@pytest.mark.parametrize("folder", ["evidence", "Evidence/2026", "operation/证据", "EVIDENCE"])
def test_spreadsheets_in_an_evidence_folder_are_evidence_never_registers(tmp_path: Path, folder: str) -> None:
    decl = tmp_path / "decl"
    shutil.copytree(EXEMPLAR, decl)
    (decl / folder).mkdir(parents=True)
    # Evidence as it comes: an attendance sheet whose sheet is named like a register, a CSV export, a PDF.
    workbook(decl / folder / "training-attendance.xlsx", {"培训记录": [["姓名", "签到"], ["刘芳", "已签"]]})
    (decl / folder / "patents.csv").write_text("not,a,register\n1,2,3\n", encoding="utf-8")
    (decl / folder / "contract.pdf").write_bytes(b"%PDF-1.4 signed")
    (decl / folder / "notes.yaml").write_text("kind: Person\nid: P-EVID\nname: Read as YAML\n", encoding="utf-8")
    declaration = load([decl])
    assert not [f for f in declaration.files if f.endswith((".xlsx", ".csv", ".pdf"))]
    assert f"{folder}/notes.yaml" in declaration.files and declaration.get("P-EVID") is not None


def test_an_evidence_folder_name_inside_a_file_name_is_not_a_folder(tmp_path: Path) -> None:
    rows = [["id", "name"], ["P-1", "Liu Fang"]]
    workbook(tmp_path / "evidence-people.xlsx", {"Person": rows})
    (tmp_path / "evidenced").mkdir()
    workbook(tmp_path / "evidenced" / "people.xlsx", {"Person": rows})
    with pytest.raises(LoadFailed) as failed:  # both are registers: the same id twice
        load([tmp_path])
    assert [str(p.location) for p in failed.value.problems] == ["evidenced/people.xlsx:2:1"]


# --- hostile spreadsheets ---------------------------------------------------------------


def test_a_zip_bomb_is_refused_unopened(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("xl/worksheets/sheet1.xml", "w",
                                                                                   force_zip64=True) as member:
        block = b"\0" * (1 << 20)
        for _ in range(MAX_UNZIPPED_BYTES // len(block) + 1):
            member.write(block)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    started = time.perf_counter()
    result = run("check", tmp_path, "--as-of", AS_OF)
    assert result.returncode == 2
    assert (f"bomb.xlsx:1:1: the workbook unpacks to {MAX_UNZIPPED_BYTES + (1 << 20):,} bytes, over the limit of "
            f"{MAX_UNZIPPED_BYTES:,}") in result.stdout + result.stderr
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize(("name", "content", "message"), [
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "broken.xlsx:1:1: the workbook is damaged: it is not a valid zip archive"),
    ("broken.xls", b"\xd0\xcf\x11\xe0 not really a workbook", "broken.xls:1:1: the workbook cannot be read"),
    ("gbk.csv", "编号,姓名\nwang,王刚\n".encode("gb18030"),
     "gbk.csv:1:1: the CSV file is not UTF-8 text (Excel on Chinese Windows saves CSV as GBK)"),
])
def test_a_damaged_or_misencoded_file_is_a_located_error(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(content)
    result = run("check", tmp_path, "--as-of", AS_OF)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_sheet_of_billions_of_cells_is_refused_unread(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "huge.xlsx"))
    sheet = book.add_worksheet("Person")
    sheet.write(0, 0, "id")
    sheet.write(1_048_575, 16_383, "far away")
    book.close()
    result = run("check", tmp_path, "--as-of", AS_OF)
    assert result.returncode == 2
    assert "huge.xlsx:1:1: a sheet reaches row 1,048,576 and column 16,384, over the limit of" in result.stdout + result.stderr


# --- ipcheck template ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_template_filled_with_the_exemplar_registers_checks_clean(tmp_path: Path, lang: str) -> None:
    import python_calamine

    written = run("template", tmp_path / "empty.xlsx", "--lang", lang)
    assert written.returncode == 0, written.stderr
    empty = python_calamine.CalamineWorkbook.from_path(str(tmp_path / "empty.xlsx"))
    assert empty.sheet_names == list(SHEET_NAMES[lang].values())
    header = empty.get_sheet_by_name(SHEET_NAMES[lang]["Patent"]).to_python()[0]
    assert header[:4] == (["编号", "专利名称", "专利类型", "国家/地区"] if lang == "zh-CN" else
                          ["id", "title", "type", "jurisdiction"])
    folder = exemplar_without_patents(tmp_path)
    for name in ("trademarks.yaml", "copyrights.yaml"):
        (folder / "registers" / name).unlink()
    rows = {"Patent": register_items("patents.yaml"), "Trademark": register_items("trademarks.yaml"),
            "Copyright": register_items("copyrights.yaml")}
    (folder / "registers" / "registers.xlsx").write_bytes(workbook_bytes(lang, rows))
    result = run("check", folder, "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_template_is_the_same_bytes_on_every_run(tmp_path: Path) -> None:
    assert run("template", tmp_path / "a.xlsx").returncode == 0
    time.sleep(1.1)
    assert run("template", tmp_path / "b.xlsx").returncode == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_the_template_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"mine")
    result = run("template", target)
    assert result.returncode == 2
    assert f"ipcheck: {target} already exists; nothing was written" in result.stderr
    assert target.read_bytes() == b"mine"
    assert run("template", target, "--force").returncode == 0
    assert zipfile.is_zipfile(io.BytesIO(target.read_bytes()))


def test_the_format_reference_lists_every_sheet_name_and_chinese_header() -> None:
    from ipcheck.load.sheets import _names

    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for kind, data in _names().items():
        by_field: dict[str, list[str]] = {}
        for header, field in data["headers"].items():
            by_field.setdefault(field, []).append(header)
        row = (f"| `{kind}` | {', '.join(data['sheet'])} | "
               + "; ".join(f"`{f}` {' / '.join(hs)}" for f, hs in by_field.items()) + " |")
        assert row in doc, f"docs/format.md lacks the row of {kind} under Registers in spreadsheets:\n{row}"
