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
from ledger.sheet.columns import HEADERS, SHEET_TITLE

HEADER_ALIASES = {"编号": "问题编号", "反馈的问题建议": "反馈问题", "反馈问题建议": "反馈问题", "牵头单位": "牵头部门",
                  "责任单位": "责任部门", "整改完成时限": "整改时限", "完成时限": "整改时限", "销号日期": "销号时间"}
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
    for number, values in enumerate(rows, 1):
        if header_row is None:
            names = [_header(v) for v in values]
            if "问题编号" in names:
                header_row = number
                for k, name in enumerate(names):
                    if name in HEADERS and name not in positions:
                        positions[name] = k
                        columns[name] = _letter(k)
            elif number >= HEADER_ROWS:
                break
            continue
        cells = {name: Cell(_normal(values[k]) if k < len(values) else "", columns[name])
                 for name, k in positions.items()}
        if all(c.value == "" for c in cells.values()):
            continue
        out.append(SheetRow(number, cells))
    if header_row is None:
        raise LedgerError(problems=[SheetProblem(str(path), tr(
            "no header row with 问题编号 in the first {n} rows", n=HEADER_ROWS), sheet=sheet)])
    return Table(path, sheet, columns, out)


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
        return _table(path, path.stem, csv.reader(io.StringIO(text, newline="")))
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises zipfile, KeyError, ValueError … on a broken file
            raise LedgerError(tr("{path}: not a readable Excel workbook ({reason})", path=display_path(path),
                                 reason=type(exc).__name__)) from None
        try:
            ws = wb[SHEET_TITLE] if SHEET_TITLE in wb.sheetnames else wb.worksheets[0]
            return _table(path, ws.title, ws.iter_rows(values_only=True))
        finally:
            wb.close()
    raise UsageError(tr("{path}: import reads .xlsx or .csv files", path=display_path(path)))
