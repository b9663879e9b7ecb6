"""Reading a 台账 spreadsheet (xlsx or csv) into a table of cells by header, with row numbers and column letters."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ledger.errors import LedgerError, Problem, UsageError, display_path
from ledger.i18n import tr
from ledger.render.text import CSV_GUARD, CSV_GUARDED
from ledger.sheet.header import HEADER_ROWS, Header, find_header
from ledger.sheet.layout import Layout, read_layout, skip_reason
from ledger.sheet.workbook import Formula
from ledger.store.yamlio import MAX_SCALAR_CHARS

EXTENSION_HEADERS = ("延期理由", "延期批准人")
"""Columns only an import reads: a new deadline in 整改时限 is an extension, with its reason and approver."""


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
    merge: tuple[int, int] | None = None  # the top-left cell of the merged range it was filled from


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
    layout: Layout | None = None  # how the sheet was read: its header, title, 截至 row, skipped rows


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


def _table(path: Path, sheet: str, grid: list[list[Any]], merges: dict[tuple[int, int], tuple[int, int]],
           maps: dict[str, str], header: Header | None = None) -> Table:
    header = header or find_header(grid, maps)
    if header is None:
        raise LedgerError(problems=[SheetProblem(str(path), tr(
            "no header row naming 问题编号/序号 or 反馈问题/问题描述 (and one more column) in the first {n} rows",
            n=HEADER_ROWS), sheet=sheet)])
    columns = {name: _letter(k) for name, k in header.positions.items()}
    layout = read_layout(grid, header, sheet)
    out: list[SheetRow] = []
    formulas: list[Problem] = []
    for number in range(header.row + 1, len(grid) + 1):
        values = grid[number - 1]
        cells: dict[str, Cell] = {}
        for name, k in header.positions.items():
            value = values[k] if k < len(values) else None
            if isinstance(value, Formula):
                if name != "序号":  # the row number is never read: a formula there is harmless
                    formulas.append(SheetProblem(str(path), tr("a formula: the ledger takes text; type the value itself"),
                                                 number, field=name, sheet=sheet, column=columns[name]))
                value = None
            cells[name] = Cell(_normal(value), columns[name], merges.get((number, k)))
        reason = skip_reason(values, cells)
        if reason is not None:
            if reason:
                layout.skipped.append((number, reason, next((str(v) for v in values if v not in (None, "")), "")))
                layout.section_of(reason, cells, values)
            continue
        out.append(SheetRow(number, cells))
        layout.sections[number] = layout.section
    if formulas:
        raise LedgerError(tr("{n} cells of {path} hold formulas; nothing was written", n=len(formulas),
                             path=display_path(path)), problems=formulas)
    return Table(path, sheet, columns, out, layout)


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


def read_table(path: Path, sheet: str | None = None, maps: dict[str, str] | None = None) -> Table:
    """The 台账 sheet of a workbook (``sheet``, else the one whose header matches best), or a CSV file."""
    from ledger.sheet.workbook import csv_text, xlsx_sheets

    maps = maps or {}
    if not path.is_file():
        raise LedgerError(tr("{path}: file not found", path=display_path(path)))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        grid = [list(row) for row in _csv_rows(path, csv_text(path))]
        return _table(path, path.stem, grid, {}, maps)
    if suffix not in (".xlsx", ".xlsm"):
        raise UsageError(tr("{path}: import reads .xlsx or .csv files", path=display_path(path)))
    sheets = xlsx_sheets(path)
    if sheet is not None:
        chosen = [s for s in sheets if s[0] == sheet]
        if not chosen:
            raise UsageError(tr("--sheet {name!r}: the workbook has the sheets {names}", name=sheet,
                                names=", ".join(s[0] for s in sheets)))
        name, grid, merges = chosen[0]
        return _table(path, name, grid, merges, maps)
    found = [(find_header(grid, maps), name, grid, merges) for name, grid, merges in sheets]
    usable = [f for f in found if f[0] is not None]
    if not usable:
        name, grid, merges = sheets[0]
        return _table(path, name, grid, merges, maps)
    best = max(usable, key=lambda f: f[0].score)  # type: ignore[union-attr]  # the first of the best
    table = _table(path, best[1], best[2], best[3], maps, best[0])
    assert table.layout is not None
    table.layout.sheets = [name for name, _, _ in sheets]
    table.layout.first_sheet = best[1] == sheets[0][0]
    return table
