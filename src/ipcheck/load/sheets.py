"""Registers kept as spreadsheets: ``.xlsx``, ``.xls``, ``.ods`` and ``.csv`` files of the
declaration, read into the same documents a YAML file gives.

A sheet (or a CSV file) holds items of one kind: the kind is the sheet's name (the file's
name for CSV), written as the kind (``Patent``, ``patents``) or as IP managers name their
registers (``专利台账``), or the value of a ``kind`` column. The first row that is not blank
names the fields, by their names or by the Chinese headers of ``sheets.yaml``. Each later
row that is not blank is an item; an empty cell is a field left out. Cells are read as
users fill them: dates as dates (Excel's or ISO 8601 text), numbers typed into a text field
as the digits shown (an application number never gains ``.0``), a list as one cell with its
values separated by commas, semicolons (ASCII or full-width), 、 or line breaks. A field
that holds mappings stays in YAML.

Workbooks are read with python-calamine (Rust): formulas are never evaluated (their cached
values are read), macros never run and external links are never followed. A workbook is a
zip archive: its members are weighed before it is opened, so that a zip bomb is refused
unopened. Positions are not kept while loading: :func:`locate_cell` reads the file again
for the few items a report locates, as the YAML locator does.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import operator
import re
import types
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ipcheck.findings import Location, Problem
from ipcheck.load.parse import ParsedFile
from ipcheck.model.refs import field_types

SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")
"""Spreadsheet files of a declaration, in any case."""
MAX_UNZIPPED_BYTES = 512 * 1024 * 1024
"""Largest sum of a workbook's unpacked members: a register of 100,000 rows unpacks to some
60 MB; a zip bomb to gigabytes."""
MAX_CELLS = 20_000_000
"""Largest sheet read, in cells (rows times columns): beyond it a sheet is refused unread."""
NOTES_SHEETS = ("notes", "说明", "填写说明")
"""Sheets of explanations (as ``ipcheck template`` writes one): not items, never read."""
LIST_SEPARATORS = re.compile(r"[,;，；、\n]")
KIND_COLUMN = "kind"


def is_sheet_name(name: str) -> bool:
    """Whether a file of that name is a spreadsheet of the declaration."""
    return name.lower().endswith(SUFFIXES)


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet's items, and where each was written (for locating them)."""

    sheet: str
    kind: str
    header_row: int
    """The 1-based row of the header."""
    columns: dict[str, int]
    """The 1-based column of each field."""
    rows: list[int]
    """The 1-based row of each item, in order."""
    items: list[dict[str, Any]]


class SheetError(Exception):
    """A spreadsheet cannot be read as a register; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# --- what each kind's fields hold ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldShape:
    """What a field holds, for reading cells: ``text``, ``date``, ``int``, ``bool``,
    ``choice`` (one of ``choices``) or ``nested`` (mappings: YAML only); ``many`` for a list."""

    holds: str
    many: bool
    choices: tuple[str, ...] = ()


def _shape(annotation: Any) -> FieldShape:
    many = False
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        elif origin in (list, tuple):
            many = True
            annotation = get_args(annotation)[0]
        elif origin is Annotated:
            annotation = get_args(annotation)[0]
        else:
            break
    if get_origin(annotation) is Literal:
        return FieldShape("choice", many, tuple(str(c) for c in get_args(annotation)))
    if annotation is dt.date:
        return FieldShape("date", many)
    if annotation is bool:
        return FieldShape("bool", many)
    if annotation is int:
        return FieldShape("int", many)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return FieldShape("nested", many)
    return FieldShape("text", many)


@functools.cache
def field_shapes(model: type[BaseModel]) -> dict[str, FieldShape]:
    """What each field of ``model`` holds."""
    return {name: _shape(hint) for name, hint in field_types(model).items()}


@functools.cache
def _names() -> dict[str, dict[str, Any]]:
    import yaml_rs

    data: Any = yaml_rs.loads((Path(__file__).parent / "sheets.yaml").read_text(encoding="utf-8"))
    return data


def kind_of_sheet(name: str) -> str | None:
    """The kind a sheet's (or CSV file's) name names, or None."""
    from ipcheck.model.kinds import KINDS

    spelled = name.strip()
    for kind in KINDS:
        if spelled.lower() in (kind.lower(), f"{kind.lower()}s"):
            return kind
    for kind, names in _names().items():
        if spelled in names.get("sheet", []):
            return kind
    return None


def field_of_header(kind: str, header: str) -> str:
    """The field a column header names: the field's own name, or its Chinese header."""
    return _names().get(kind, {}).get("headers", {}).get(header, header)


def headers_of(kind: str) -> dict[str, str]:
    """The Chinese header of each field of ``kind`` (the first one listed)."""
    headers: dict[str, str] = {}
    for header, name in _names().get(kind, {}).get("headers", {}).items():
        headers.setdefault(name, header)
    return headers


# --- cells -------------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed into a text field: the digits shown, never "…0.0"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value.strip() if isinstance(value, str) else value


def _as_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text
        except ValueError:
            return text
    return value


_TRUE = {"true", "yes", "y", "1", "是", "√", "✓"}
_FALSE = {"false", "no", "n", "0", "否", "×", "✗"}


def _as_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    spelled = _as_text(value)
    if isinstance(spelled, str):
        if spelled.lower() in _TRUE:
            return True
        if spelled.lower() in _FALSE:
            return False
    return spelled


def _as_int(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    return value


def _as_choice(value: Any, choices: tuple[str, ...]) -> Any:
    from ipcheck.i18n import glossary

    text = _as_text(value)
    if not isinstance(text, str) or text in choices:
        return text
    for words in glossary().values():  # a choice written in Chinese (审查中 for pending)
        for id, versions in words.items():
            if id in choices and text in versions.values():
                return id
    return text


_READERS = {"text": _as_text, "date": _as_date, "bool": _as_bool, "int": _as_int}


def read_cell(value: Any, shape: FieldShape) -> Any:
    """A cell's value as the field's model takes it (what cannot be read stays as written,
    for validation to report at the cell)."""
    def one(part: Any) -> Any:
        return _as_choice(part, shape.choices) if shape.holds == "choice" else _READERS[shape.holds](part)

    if shape.many:
        parts = LIST_SEPARATORS.split(value) if isinstance(value, str) else [value]
        return [one(p.strip() if isinstance(p, str) else p) for p in parts if not _empty(p)]
    return one(value)


_BLANK = object()
"""What an empty cell reads as: the field is left out."""


def _reader(shape: FieldShape) -> Callable[[Any], Any]:
    """A function reading one cell of a field of that shape (:data:`_BLANK` for an empty cell)."""
    def read(value: Any) -> Any:
        if value is None or (type(value) is str and not value.strip()):
            return _BLANK
        return read_cell(value.strip() if type(value) is str else value, shape)

    return read


def read_column(cells: Iterable[Any], shape: FieldShape) -> list[Any]:
    """One field's cells read as its model takes them (:data:`_BLANK` for an empty cell).

    A register of 100,000 rows has a million cells: this is the hot path of loading a
    workbook. The commonest cell of each shape (text in a text field, one of the choices,
    an Excel date in a date field) is read inline, in one comprehension per column; any
    other goes through :func:`read_cell`."""
    slow, blank, text = _reader(shape), _BLANK, str
    if shape.many and shape.holds == "text":
        split = LIST_SEPARATORS.split
        return [(blank if not v.strip() else [part for part in map(text.strip, split(v)) if part]) if type(v) is text
                else (blank if v is None else slow(v)) for v in cells]
    if shape.many:
        return [slow(v) for v in cells]
    if shape.holds == "text":
        return [(v.strip() or blank) if type(v) is text else (blank if v is None else slow(v)) for v in cells]
    if shape.holds == "choice":
        choices = frozenset(shape.choices)
        return [v if type(v) is text and v in choices else slow(v) for v in cells]
    if shape.holds == "date":
        date = dt.date
        return [v if type(v) is date else slow(v) for v in cells]
    return [slow(v) for v in cells]


# --- sheets ------------------------------------------------------------------------------


def column_letters(column: int) -> str:
    """The letters of a 1-based column: 1 is A, 27 is AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


SHEET_NAME_PLAIN = re.compile(r"[^\W\d]\w*")
"""A sheet name Excel writes bare in a reference (letters, digits, underscores; not first a
digit); any other is quoted: ``'Patents 2026'!D12``."""
LOOKS_LIKE_A_CELL = re.compile(r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*")


def cell_name(sheet: str, row: int, column: int) -> str:
    """A cell as Excel names it: the sheet (quoted when Excel would quote it) and the A1
    reference (``专利台账!D12``, ``'Patents 2026'!D12``)."""
    bare = SHEET_NAME_PLAIN.fullmatch(sheet) and not LOOKS_LIKE_A_CELL.fullmatch(sheet)
    shown = sheet if bare else "'" + sheet.replace("'", "''") + "'"
    return f"{shown}!{column_letters(column)}{row}"


def cell_location(rel: str, sheet: str | None, row: int, column: int) -> Location:
    """The place of a cell: file, row and column, with its name as Excel gives it when the sheet is known."""
    return Location(rel, row, column, cell_name(sheet, row, column) if sheet is not None else None)


def _fail(rel: str, message: str, row: int = 1, column: int = 1, hint: str = "", sheet: str | None = None) -> SheetError:
    return SheetError(Problem("load", message, cell_location(rel, sheet, row, column), hint=hint))


def _table(rel: str, sheet: str, rows: list[list[Any]], merged: list[Any], file_kind: str | None) -> Table | None:
    """The items of one sheet's rows (None for a sheet with nothing in it)."""
    from ipcheck.load.build import did_you_mean, kinds_hint
    from ipcheck.model.kinds import KINDS

    fail = functools.partial(_fail, rel, sheet=sheet)
    header_index = next((i for i, row in enumerate(rows) if any(not _empty(v) for v in row)), None)
    if header_index is None:
        return None
    header_row = header_index + 1
    for (top, left), (bottom, right) in merged:
        if top <= header_index <= bottom and right > left:
            raise fail(f"sheet {sheet!r}: the header cells {column_letters(left + 1)}{top + 1}:"
                       f"{column_letters(right + 1)}{bottom + 1} are merged", top + 1, left + 1,
                       "a register has one header row, one field per column: unmerge the header cells")
    header = rows[header_index]
    written = {i: _as_text(v) for i, v in enumerate(header) if not _empty(v)}
    kind_column = next((i for i, v in written.items() if str(v).lower() == KIND_COLUMN), None)
    kind = file_kind
    if kind_column is not None:
        kinds = {str(_as_text(r[kind_column])) for r in rows[header_index + 1:]
                 if kind_column < len(r) and not _empty(r[kind_column])}
        if len(kinds) > 1:
            raise fail(f"sheet {sheet!r}: the kind column names {len(kinds)} kinds ({', '.join(sorted(kinds))})",
                       header_row, kind_column + 1, "a sheet holds items of one kind: one sheet per kind")
        kind = kinds.pop() if kinds else kind
        if kind is not None and kind not in KINDS:
            raise fail(f"sheet {sheet!r}: unknown kind {kind!r}", header_row + 1, kind_column + 1,
                       did_you_mean(kind, KINDS) or kinds_hint())
    if kind is None:
        raise fail(f"sheet {sheet!r} names no kind of item", header_row, 1,
                   "name the sheet after the kind it holds (Patent, 专利台账, ...) or add a `kind` column; "
                   "a spreadsheet that is evidence, not a register, belongs in a folder named evidence or 证据")
    shapes = field_shapes(KINDS[kind])
    columns: dict[str, int] = {}
    for index, spelled in written.items():
        if index == kind_column:
            continue
        name = field_of_header(kind, str(spelled))
        if name in columns:
            raise fail(f"sheet {sheet!r}: columns {column_letters(columns[name])} and "
                       f"{column_letters(index + 1)} both name the field {name!r}", header_row, index + 1,
                       "keep one column per field")
        if name in shapes and shapes[name].holds == "nested":
            raise fail(f"sheet {sheet!r}: the field {name!r} of {kind} holds mappings, which a cell cannot",
                       header_row, index + 1, f"declare {name} in a YAML file, or leave the column out")
        columns[name] = index + 1
    data = rows[header_index + 1:]
    width = min(map(len, data), default=0)  # a sheet's rows are read as wide as its widest: one check
    # Column by column (see read_column), then row by row.
    names = list(columns)
    read = [read_column(map(operator.itemgetter(index), data) if index < width else
                        [row[index] if index < len(row) else None for row in data],
                        shapes.get(name, FieldShape("text", False)))
            for name, index in ((name, column - 1) for name, column in columns.items())]
    blank = _BLANK
    filled = [(name, cells) for name, cells in zip(names, read, strict=True) if any(v is not blank for v in cells)]
    names, read = [name for name, _ in filled], [cells for _, cells in filled]
    items: list[dict[str, Any]] = []
    item_rows: list[int] = []
    for number, cells in zip(range(header_row + 1, header_row + 1 + len(data)), zip(*read)):
        item = (dict(zip(names, cells)) if blank not in cells
                else {name: value for name, value in zip(names, cells) if value is not blank})
        if item:
            items.append(item)
            item_rows.append(number)
    return Table(sheet, kind, header_row, columns, item_rows, items)


def _weigh_zip(rel: str, raw: bytes) -> None:
    try:
        members = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except zipfile.BadZipFile:
        raise _fail(rel, "the workbook is damaged: it is not a valid zip archive",
                    hint="open it in Excel or LibreOffice and save it again") from None
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNZIPPED_BYTES:
        raise _fail(rel, f"the workbook unpacks to {unpacked:,} bytes, over the limit of {MAX_UNZIPPED_BYTES:,}",
                    hint="a register of 100,000 rows unpacks to some 60 MB: split the workbook, "
                         "or check that it is the file you meant")
    archive = zipfile.ZipFile(io.BytesIO(raw))
    for member in members:
        if _WORKSHEET.fullmatch(member.filename):
            rows, columns = _extent(archive.read(member))
            if rows * columns > MAX_CELLS:
                raise _fail(rel, f"a sheet reaches row {rows:,} and column {columns:,}, over the limit of "
                            f"{MAX_CELLS:,} cells", hint="delete the far rows and columns, or split the register")


_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
_FAR_CELL = re.compile(rb'<c r="([A-Z]{2,3})(\d+)"|<c r="([A-Z])(\d{6,7})"')
"""A cell reference beyond column Z or row 99,999: rare in a register, so the scan is fast."""


def _extent(xml: bytes) -> tuple[int, int]:
    """Bounds of the rows and columns a worksheet's cells reach (a sheet is read into a dense
    grid of that size: one cell at XFD1048576 would need gigabytes)."""
    rows, columns = 99_999, 26
    for match in _FAR_CELL.finditer(xml):
        letters, digits = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        column = 0
        for letter in letters.decode():
            column = column * 26 + ord(letter) - 64
        rows, columns = max(rows, int(digits)), max(columns, column)
    return rows, columns


def _workbook_tables(rel: str, raw: bytes) -> Iterator[tuple[str, list[list[Any]], list[Any]]]:
    import python_calamine

    if raw[:2] == b"PK":
        _weigh_zip(rel, raw)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        for index, name in enumerate(book.sheet_names):
            if name.strip().lower() in NOTES_SHEETS:
                continue
            sheet = book.get_sheet_by_index(index)
            if sheet.total_height * sheet.total_width > MAX_CELLS:
                raise _fail(rel, f"sheet {name!r} has {sheet.total_height:,} rows and {sheet.total_width:,} "
                            f"columns, over the limit of {MAX_CELLS:,} cells",
                            hint="trailing rows or columns with formatting only count too: delete them, "
                                 "or split the register", sheet=name)
            merged = [r for r in (sheet.merged_cell_ranges or [])] if hasattr(sheet, "merged_cell_ranges") else []
            yield name, sheet.to_python(skip_empty_area=False), merged
    except SheetError:
        raise
    except python_calamine.PasswordError:
        raise _fail(rel, "the workbook is protected by a password", hint="save a copy without the password") from None
    except Exception as exc:  # noqa: BLE001 - calamine's errors name no class per cause; each is a damaged file
        raise _fail(rel, f"the workbook cannot be read: {exc}",
                    hint="open it in Excel or LibreOffice and save it again as .xlsx") from None


def _csv_rows(rel: str, raw: bytes) -> list[list[Any]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(rel, "the CSV file is not UTF-8 text (Excel on Chinese Windows saves CSV as GBK)",
                    hint=f"save it as \"CSV UTF-8\", or convert it: iconv -f GB18030 -t UTF-8 {rel} > utf8.csv") from None
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]


def read_tables(path: Path, rel: str, raw: bytes) -> list[Table]:
    """The tables of one spreadsheet file; raises :class:`SheetError`."""
    if rel.lower().endswith(".csv"):
        stem = Path(rel).stem
        table = _table(rel, stem, _csv_rows(rel, raw), [], kind_of_sheet(stem))
        return [table] if table is not None else []
    tables = []
    for name, rows, merged in _workbook_tables(rel, raw):
        table = _table(rel, name, rows, merged, kind_of_sheet(name))
        if table is not None:
            tables.append(table)
    return tables


def parse_sheets(path: Path, rel: str, raw: bytes) -> ParsedFile | Problem:
    """One spreadsheet file as the documents of a YAML file (``{kind: K, items: [...]}``
    per sheet), or the located problem that stops it being read."""
    try:
        tables = read_tables(path, rel, raw)
    except SheetError as exc:
        return exc.problem
    return ParsedFile(path, rel, [{"kind": table.kind, "items": table.items} for table in tables])


@functools.lru_cache(maxsize=8)
def _tables_for_locating(path: str, mtime_ns: int, size: int) -> list[Table]:
    file = Path(path)
    return read_tables(file, file.name, file.read_bytes())


def locate_cell(root: Path, file: str, document: int, index: int | None, path: tuple[str | int, ...],
                key: bool = False) -> Location:
    """The cell of an item's field (its header cell with ``key``; the row's first cell for
    the item itself). The file is read again, once for all the items located in it."""
    full = root / file
    try:
        stat = full.stat()
        tables = _tables_for_locating(str(full), stat.st_mtime_ns, stat.st_size)
    except (OSError, SheetError):
        return Location(file, 1, 1)
    if not 0 <= document < len(tables):
        return Location(file, 1, 1)
    table = tables[document]
    row = table.rows[index] if index is not None and 0 <= index < len(table.rows) else table.header_row
    field = path[0] if path and isinstance(path[0], str) else None
    column = table.columns.get(field, 1) if field is not None else min(table.columns.values(), default=1)
    return cell_location(file, table.sheet, table.header_row if key else row, column)
