"""``ipcheck template FILE.xlsx``: an empty register workbook an IP manager fills in.

One sheet per register kind, named as :mod:`ipcheck.load.sheets` reads it, with the header
row in the chosen language, each choice field's values as a drop-down list (data
validation), date columns formatted as dates, and a notes sheet saying what each column
holds. The same writer fills a workbook with rows (tests convert the exemplar's registers
with it). The bytes depend only on the rows and the language: no timestamp is written.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any

from ipcheck.load.sheets import field_shapes, headers_of

REGISTER_KINDS = ("Patent", "Trademark", "Copyright", "TradeSecret", "Person", "Product", "Contract",
                  "ConfidentialityAgreement", "Training")
"""The kinds IP managers keep as registers, in the order of the workbook's sheets."""

SHEET_NAMES: dict[str, dict[str, str]] = {
    "en": {kind: kind for kind in REGISTER_KINDS} | {"notes": "Notes"},
    "zh-CN": {"Patent": "专利台账", "Trademark": "商标台账", "Copyright": "著作权台账", "TradeSecret": "商业秘密台账",
              "Person": "人员", "Product": "产品", "Contract": "合同台账", "ConfidentialityAgreement": "保密协议台账",
              "Training": "培训记录", "notes": "说明"},
}
"""The name of each sheet in each language (each is one :func:`~ipcheck.load.sheets.kind_of_sheet` reads)."""

NOTES: dict[str, dict[str, str]] = {
    "en": {"sheet": "Sheet", "column": "Column", "field": "Field", "holds": "Holds", "about": "About",
           "text": "text", "date": "date (YYYY-MM-DD)", "int": "whole number", "bool": "yes / no",
           "choice": "one of: {choices}", "list": "list, values separated by commas: {holds}",
           "intro": "One row per item; an empty cell leaves the field out. The first column is the item's id, "
                    "unique across the whole declaration."},
    "zh-CN": {"sheet": "工作表", "column": "列", "field": "字段", "holds": "填写内容", "about": "说明",
              "text": "文本", "date": "日期（YYYY-MM-DD）", "int": "整数", "bool": "是 / 否",
              "choice": "下列之一：{choices}", "list": "多个值，以逗号分隔：{holds}",
              "intro": "每行一项；空单元格表示不填该字段。第一列为编号，在整个声明中唯一。"},
}
"""The words of the notes sheet, in each language."""


def _header(kind: str, field: str, lang: str) -> str:
    return headers_of(kind).get(field, field) if lang == "zh-CN" else field


def _fields(kind: str) -> list[str]:
    from ipcheck.model.kinds import KINDS

    shapes = field_shapes(KINDS[kind])
    return [name for name in KINDS[kind].model_fields if shapes[name].holds != "nested"]


def _holds(kind: str, field: str, lang: str) -> str:
    from ipcheck.model.kinds import KINDS

    words = NOTES[lang]
    shape = field_shapes(KINDS[kind])[field]
    one = words["choice"].format(choices=", ".join(shape.choices)) if shape.holds == "choice" else words[shape.holds]
    return words["list"].format(holds=one) if shape.many else one


def workbook_bytes(lang: str = "en", rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> bytes:
    """The register workbook in ``lang``, with ``rows`` (items by kind, as YAML gives them) filled in."""
    import xlsxwriter

    from ipcheck.model.kinds import KINDS

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": dt.datetime(2000, 1, 1)})  # fixed: the same bytes on every run
    bold = book.add_format({"bold": True})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    text = book.add_format({"num_format": "@"})
    names = SHEET_NAMES[lang]
    for kind in REGISTER_KINDS:
        sheet = book.add_worksheet(names[kind])
        shapes = field_shapes(KINDS[kind])
        for column, field in enumerate(_fields(kind)):
            shape = shapes[field]
            sheet.write_string(0, column, _header(kind, field, lang), bold)
            sheet.set_column(column, column, 18, date if shape.holds == "date" and not shape.many else text)
            if shape.holds == "choice" and not shape.many:
                sheet.data_validation(1, column, 100_000, column, {"validate": "list", "source": list(shape.choices)})
            for row, item in enumerate((rows or {}).get(kind, ()), start=1):
                _write(sheet, row, column, item.get(field), date)
        sheet.freeze_panes(1, 0)
    _notes(book.add_worksheet(names["notes"]), lang, bold)
    book.close()
    return buffer.getvalue()


def _write(sheet: Any, row: int, column: int, value: Any, date: Any) -> None:
    if value is None:
        return
    if isinstance(value, (list, tuple)):
        sheet.write_string(row, column, ", ".join(str(v) for v in value))
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), date)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, column, value)
    else:
        sheet.write_string(row, column, str(value))  # text, never a formula: "=..." stays as written


def _notes(sheet: Any, lang: str, bold: Any) -> None:
    from ipcheck.model.kinds import KINDS

    words = NOTES[lang]
    sheet.write_string(0, 0, words["intro"])
    for column, title in enumerate((words["sheet"], words["column"], words["field"], words["holds"], words["about"])):
        sheet.write_string(2, column, title, bold)
    row = 3
    for kind in REGISTER_KINDS:
        for field in _fields(kind):
            about = KINDS[kind].model_fields[field].description or ""
            for column, value in enumerate((SHEET_NAMES[lang][kind], _header(kind, field, lang), field,
                                            _holds(kind, field, lang), about)):
                sheet.write_string(row, column, value)
            row += 1
