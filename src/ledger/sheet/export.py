"""Exporting the ledger as the 台账 spreadsheet (xlsx, csv).

One row per item in the template's Chinese columns (``sheet.template``), a second sheet with the
report by lead unit, and a very hidden third sheet with the export's base (``sheet.base``), so that
several departments' returns of one export import in any order. The official template adds the
title row and the 截至 row above the header. Written with XlsxWriter in constant-memory mode (row by
row, about 4x faster than openpyxl at 10,000 rows; see benchmarks/export_speed.py)."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ledger.core.model import Item
from ledger.core.query import days_overdue
from ledger.errors import LedgerError
from ledger.i18n import language, set_language, tr
from ledger.render.terminal import cell_width
from ledger.render.text import CSV_GUARDED
from ledger.reports.by_unit import COLUMNS, GROUP_LABELS, Report, display_cells
from ledger.sheet.base import BASE_SHEET, base_rows
from ledger.sheet.columns import SHEET_TITLE
from ledger.sheet.template import as_of_words, export_row, headers_of

# Excel widths are in characters of the default font; a Chinese character takes two.
WIDTHS = {"序号": (6, 6), "问题编号": (9, 12), "反馈问题": (30, 46), "牵头部门": (10, 20), "责任部门": (14, 30),
          "整改时限": (16, 24), "整改进展": (20, 40), "完成情况": (14, 28), "销号时间": (12, 12), "佐证材料": (14, 30),
          "问题类别": (10, 14), "整改目标": (16, 30), "整改措施": (20, 40), "责任领导": (10, 14), "责任人": (8, 14),
          "是否销号": (10, 10), "备注": (10, 24)}
OVERDUE_FILL = "#FFC7CE"  # Excel's own "bad" style: light red fill, dark red text
OVERDUE_FONT = "#9C0006"
HEAD_FILL = "#D9D9D9"
BORDER_COLOR = "#BFBFBF"
EXCEL_EPOCH = date(1899, 12, 30)
"""Day 0 of Excel's serial dates (1900 system), for the days after 1900-02-28."""
XLSX_CELL_MAX = 32_767
"""The most characters an xlsx cell holds: Excel cuts a longer text, and the cut text would come back
through an import as an edit. A ledger with a longer cell is refused (a csv has no such limit)."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """What one export holds: the template, the day it stands at, and for the official template its title."""

    today: date
    template: str = "default"
    title: str = ""
    report_lang: str = "zh"


def _value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def to_csv(items: Sequence[Item], sheet: Sheet) -> str:
    """The sheet as CSV, UTF-8 with a byte-order mark so that Excel shows the Chinese. The official
    template starts with its title and 截至 rows. A csv carries no base (see ``sheet.base``)."""
    from ledger.render.text import to_csv as csv_text

    headers = headers_of(sheet.template)
    rows = [[_value(v) for v in export_row(item, n, sheet.today, sheet.template).values()]
            for n, item in enumerate(items, 1)]
    if sheet.template != "official":
        return csv_text(headers, rows, bom=True)
    pad = [""] * (len(headers) - 1)
    return csv_text([sheet.title, *pad], [[as_of_words(sheet.today), *pad]], bom=True) + csv_text(headers, rows)


def _width(value: Any) -> int:
    if value is None:
        return 0
    text = value.isoformat() if isinstance(value, date) else str(value)
    return max((cell_width(line) for line in text.split("\n")), default=0)


def _widest(header: str, rows: Sequence[tuple[Item, dict[str, Any]]], enough: int) -> int:
    """The widest line of the column, up to ``enough``: a cell that cannot be wider (two columns a
    character at most) is not measured, and the search stops at ``enough``."""
    widest = _width(header)
    for _, row in rows:
        if widest >= enough:
            break
        value = row[header]
        if value is not None and 2 * len(value if isinstance(value, str) else str(value)) > widest:
            widest = max(widest, _width(value))
    return widest


def _too_long(rows: Sequence[tuple[Item, dict[str, Any]]]) -> None:
    cells = [f"{item.id} ({header})" for item, row in rows for header, value in row.items()
             if isinstance(value, str) and len(value) > XLSX_CELL_MAX]
    if cells:
        shown = ", ".join(cells[:10]) + (tr(" and {n} more", n=len(cells) - 10) if len(cells) > 10 else "")
        raise LedgerError(tr("{cells}: over {limit} characters, the most an xlsx cell holds; nothing was written "
                             "(a .csv export has no such limit)", cells=shown, limit=f"{XLSX_CELL_MAX:,}"))


@contextmanager
def _in_language(lang: str) -> Iterator[None]:
    before = language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def to_xlsx(items: Sequence[Item], sheet: Sheet, report: Report) -> bytes:
    """The workbook: the 台账 sheet (frozen header, fitted widths, wrapped cells, overdue rows in
    red, a filter, A4 landscape), a second sheet with the report by lead unit in ``report_lang``,
    and the very hidden base. Every text is a text cell; a text over ``XLSX_CELL_MAX`` characters is
    refused, naming the items. The same ledger on the same day gives the same bytes."""
    import xlsxwriter

    headers = headers_of(sheet.template)
    rows = [(item, export_row(item, n, sheet.today, sheet.template)) for n, item in enumerate(items, 1)]
    _too_long(rows)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                      "strings_to_urls": False})
    stamp = datetime(sheet.today.year, sheet.today.month, sheet.today.day)
    wb.set_properties({"author": "ledger", "created": stamp})  # no clock in the file: the same ledger, the same bytes
    _ledger_sheet(wb, rows, headers, sheet)
    with _in_language(sheet.report_lang):
        _report_sheet(wb, report)
    base = wb.add_worksheet(BASE_SHEET)
    for r, values in enumerate(base_rows(rows, headers, sheet.today)):
        base.write_row(r, 0, values)
    base.very_hidden()
    wb.close()
    return buffer.getvalue()


def _ledger_sheet(wb: Any, rows: list[tuple[Item, dict[str, Any]]], headers: tuple[str, ...], sheet: Sheet) -> None:
    ws = wb.add_worksheet(SHEET_TITLE)
    edge = {"border": 1, "border_color": BORDER_COLOR}
    cell = {"text_wrap": True, "valign": "top", **edge}
    red = {"bg_color": OVERDUE_FILL, "font_color": OVERDUE_FONT}
    formats = {(late, kind): wb.add_format({**cell, **(red if late else {}),
                                            **({"num_format": "yyyy-mm-dd"} if kind == "day" else {}),
                                            **({"quote_prefix": True} if kind == "quoted" else {})})
               for late in (False, True) for kind in ("plain", "day", "quoted")}
    head = wb.add_format({"bold": True, "bg_color": HEAD_FILL, "align": "center", "valign": "vcenter", "text_wrap": True,
                          **edge})
    top = 0
    if sheet.template == "official":  # the title row and the 截至 row, as published 台账 have them
        last = len(headers) - 1
        ws.merge_range(0, 0, 0, last, sheet.title, wb.add_format({"bold": True, "font_size": 16, "align": "center",
                                                                   "valign": "vcenter"}))
        ws.set_row(0, 30)
        ws.merge_range(1, 0, 1, last, as_of_words(sheet.today), wb.add_format({"align": "right"}))
        top = 2
    for k, header in enumerate(headers):
        low, high = WIDTHS[header]
        ws.set_column(k, k, min(max(_widest(header, rows, high - 2) + 2, low), high))
    ws.write_row(top, 0, headers, head)
    styles = {late: (formats[late, "plain"], formats[late, "quoted"], formats[late, "day"]) for late in (False, True)}
    blank, text, number = ws.write_blank, ws.write_string, ws.write_number  # the hot loop: 10 cells a row
    for n, (item, row) in enumerate(rows, top + 1):
        plain, quoted, day = styles[days_overdue(item, sheet.today) is not None]
        for k, value in enumerate(row.values()):
            if value.__class__ is str and value:
                text(n, k, value, quoted if value[0] in CSV_GUARDED else plain)
            elif value is None or value == "":
                blank(n, k, None, plain)
            elif isinstance(value, date):
                number(n, k, (value - EXCEL_EPOCH).days, day)  # what write_datetime writes for a day
            else:
                number(n, k, value, plain)
    ws.freeze_panes(top + 1, 0)
    ws.autofilter(top, 0, top + len(rows), len(headers) - 1)
    ws.repeat_rows(top)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)


def _report_sheet(wb: Any, report: Report) -> None:
    rs = wb.add_worksheet(tr("Report by unit"))
    head = wb.add_format({"bold": True, "bg_color": HEAD_FILL, "align": "center", "valign": "vcenter", "text_wrap": True})
    red = {"bg_color": OVERDUE_FILL, "font_color": OVERDUE_FONT}
    plain, late = wb.add_format({}), wb.add_format(red)
    rate, late_rate = wb.add_format({"num_format": "0.0%"}), wb.add_format({**red, "num_format": "0.0%"})
    bold, bold_rate = wb.add_format({"bold": True}), wb.add_format({"bold": True, "num_format": "0.0%"})
    rs.set_column(0, 0, max(12, max(_width(r.unit) for r in report.rows) + 2) if report.rows else 12)
    rs.set_column(1, len(COLUMNS) - 1, 12)
    rs.write_row(0, 0, [tr(GROUP_LABELS[report.by]), *(tr(label) for _, label in COLUMNS[1:])], head)
    lines = [*report.rows, report.totals]
    for n, r in enumerate(lines, 1):
        cells = display_cells(r)
        total = n == len(lines)
        red_row = bool(r.overdue) and r.kind != "total"
        style = bold if total else late if red_row else plain
        rs.write_string(n, 0, str(cells[0]), style)  # a unit's name stays text
        for k, (key, _) in enumerate(COLUMNS[1:-1], 1):
            rs.write_number(n, k, r.as_dict()[key], style)
        rs.write_number(n, len(COLUMNS) - 1, r.close_rate, bold_rate if total else late_rate if red_row else rate)
    rs.write_string(len(lines) + 2, 0, tr("as of {date}", date=report.as_of.isoformat()) + " · " + tr("slowest units first"))
    rs.freeze_panes(1, 1)
