"""Reading a 台账 spreadsheet (xlsx or csv) into a table of cells by header, with row numbers and column letters."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ledger.errors import LedgerError, Problem, UsageError, display_path
from ledger.i18n import tr
from ledger.render.text import CSV_GUARD, CSV_GUARDED
from ledger.sheet.columns import HEADERS, SHEET_TITLE
from ledger.store.yamlio import MAX_SCALAR_CHARS

HEADER_ALIASES = {"编号": "问题编号", "反馈的问题建议": "反馈问题", "反馈问题建议": "反馈问题", "牵头单位": "牵头部门",
                  "责任单位": "责任部门", "整改完成时限": "整改时限", "完成时限": "整改时限", "销号日期": "销号时间",
                  "延期原因": "延期理由", "延期事由": "延期理由", "延期审批人": "延期批准人"}
EXTENSION_HEADERS = ("延期理由", "延期批准人")
"""Columns only an import reads: a new deadline in 整改时限 is an extension, with its reason and approver."""
HEADER_ROWS = 10


@dataclass(frozen=True, slots=True)
class SheetProblem(Problem):
    """A problem in a sheet: ``FILE:SHEET:ROW:COLUMN: item ID: 列名: message``."""

    sheet: str = ""
    column: str = ""  # the column letter

    def render(self) -> str:
        where = f"{display_path(self.path)}:{self.sheet}"
        if self.line is not None:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        parts = [where]
        if self.item:
            parts.append(f"item {self.item}")
        if self.field:
            parts.append(self.field)
        parts.append(str(self.message))
        return ": ".join(parts)


@dataclass(frozen=True, slots=True)
class Formula:
    """An xlsx cell that holds a formula. The ledger takes text, never a computed value: the value
    last computed is whatever the spreadsheet made of the text it was given."""

    text: str


@dataclass(slots=True)
class Cell:
    value: Any  # text (stripped, newlines as \n), a date, or "" for an empty cell
    column: str


@dataclass(slots=True)
class SheetRow:
    number: int
    cells: dict[str, Cell]


@dataclass(slots=True)
class Table:
    path: Path
    sheet: str
    columns: dict[str, str]  # header → column letter
    rows: list[SheetRow]


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _normal(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _header(value: Any) -> str:
    name = re.sub(r"\s+", "", str(value or ""))
    return HEADER_ALIASES.get(name, name)


def _table(path: Path, sheet: str, rows: Iterable[tuple[Any, ...]]) -> Table:
    header_row: int | None = None
    columns: dict[str, str] = {}
    positions: dict[str, int] = {}
    out: list[SheetRow] = []
    formulas: list[Problem] = []
    for number, values in enumerate(rows, 1):
        if header_row is None:
            names = [_header(v) for v in values]
            if "问题编号" in names:
                header_row = number
                for k, name in enumerate(names):
                    if (name in HEADERS or name in EXTENSION_HEADERS) and name not in positions:
                        positions[name] = k
                        columns[name] = _letter(k)
            elif number >= HEADER_ROWS:
                break
            continue
        cells: dict[str, Cell] = {}
        for name, k in positions.items():
            value = values[k] if k < len(values) else None
            if isinstance(value, Formula):
                if name != "序号":  # the row number is never read: a formula there is harmless
                    formulas.append(SheetProblem(str(path), tr("a formula: the ledger takes text; type the value itself"),
                                                 number, field=name, sheet=sheet, column=columns[name]))
                value = None
            cells[name] = Cell(_normal(value), columns[name])
        if all(c.value == "" for c in cells.values()):
            continue
        out.append(SheetRow(number, cells))
    if header_row is None:
        raise LedgerError(problems=[SheetProblem(str(path), tr(
            "no header row with 问题编号 in the first {n} rows", n=HEADER_ROWS), sheet=sheet)])
    if formulas:
        raise LedgerError(tr("{n} cells of {path} hold formulas; nothing was written", n=len(formulas),
                             path=display_path(path)), problems=formulas)
    return Table(path, sheet, columns, out)


def _csv_rows(path: Path, text: str) -> Iterable[list[str]]:
    """The rows of a CSV file, each cell without the ``'`` an export put before a cell a spreadsheet
    would take for a formula (``'=1+1`` is the text ``=1+1``); a broken file is one line."""
    csv.field_size_limit(MAX_SCALAR_CHARS)  # the most a ledger value may hold (csv's own default is 131,072)
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field limit" in str(exc):
                raise LedgerError(tr("{path}: line {line}: a cell is longer than {limit} characters, the most a ledger "
                                     "value may hold", path=display_path(path), line=reader.line_num,
                                     limit=f"{MAX_SCALAR_CHARS:,}")) from None
            raise LedgerError(tr("{path}: line {line}: not a readable CSV file ({reason})", path=display_path(path),
                                 line=reader.line_num, reason=exc)) from None
        yield [v[1:] if v[:1] == CSV_GUARD and v[1:2] in CSV_GUARDED else v for v in row]


def _xlsx_rows(ws: Any) -> Iterable[tuple[Any, ...]]:
    for row in ws.iter_rows():
        yield tuple(Formula(str(c.value)) if c.data_type == "f" else c.value for c in row)


def read_table(path: Path) -> Table:
    """The 台账 sheet of a workbook (the sheet named 整改台账, else the first), or a CSV file."""
    if not path.is_file():
        raise LedgerError(tr("{path}: file not found", path=display_path(path)))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")  # what Excel on Chinese Windows saves
        return _table(path, path.stem, _csv_rows(path, text))
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            # Formulas as formulas (data_only=False): a formula is refused, never read as its last value.
            wb = load_workbook(path, read_only=True, data_only=False)
        except Exception as exc:  # openpyxl raises zipfile, KeyError, ValueError … on a broken file
            raise LedgerError(tr("{path}: not a readable Excel workbook ({reason})", path=display_path(path),
                                 reason=type(exc).__name__)) from None
        try:
            ws = wb[SHEET_TITLE] if SHEET_TITLE in wb.sheetnames else wb.worksheets[0]
            return _table(path, ws.title, _xlsx_rows(ws))
        except LedgerError:
            raise
        except Exception as exc:  # a sheet's XML cut short or damaged shows only when its rows are read
            raise LedgerError(tr("{path}: not a readable Excel workbook ({reason})", path=display_path(path),
                                 reason=type(exc).__name__)) from None
        finally:
            wb.close()
    raise UsageError(tr("{path}: import reads .xlsx or .csv files", path=display_path(path)))
