"""Exporting the ledger as the 台账 spreadsheet (xlsx, csv).

One row per item in the fixed Chinese columns of ``sheet.columns``, and a second sheet with the
report by lead unit."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from ledger.core.model import Item
from ledger.core.query import days_overdue
from ledger.errors import LedgerError
from ledger.i18n import tr
from ledger.render.terminal import cell_width
from ledger.render.text import CSV_GUARDED
from ledger.reports.by_unit import COLUMNS, Report, display_cells
from ledger.sheet.columns import HEADERS, SHEET_TITLE, sheet_row

# Excel widths are in characters of the default font; a Chinese character takes two.
WIDTHS = {"序号": (6, 6), "问题编号": (9, 12), "反馈问题": (30, 46), "牵头部门": (10, 20), "责任部门": (14, 30),
          "整改时限": (16, 24), "整改进展": (20, 40), "完成情况": (14, 28), "销号时间": (12, 12), "佐证材料": (14, 30)}
OVERDUE_FILL = "FFC7CE"  # Excel's own "bad" style: light red fill, dark red text
OVERDUE_FONT = "9C0006"
XLSX_CELL_MAX = 32_767
"""The most characters an xlsx cell holds: Excel cuts a longer text, and the cut text would come back
through an import as an edit. A ledger with a longer cell is refused (a csv has no such limit)."""


def to_csv(items: Sequence[Item], today: date) -> str:
    """The sheet as CSV, UTF-8 with a byte-order mark so that Excel shows the Chinese."""
    from ledger.render.text import to_csv as csv_text

    rows = []
    for n, item in enumerate(items, 1):
        row = sheet_row(item, n, today)
        rows.append([v.isoformat() if isinstance(v, date) else v for v in row.values()])
    return csv_text(HEADERS, rows, bom=True)


def _width(value: Any) -> int:
    if value is None:
        return 0
    text = value.isoformat() if isinstance(value, date) else str(value)
    return max((cell_width(line) for line in text.split("\n")), default=0)


def _text(cell: Any) -> None:
    """A text cell stays text: never a formula (``=HYPERLINK(…)``), an error (``#N/A``) or a number,
    and Excel keeps it text when the cell is edited (its quote prefix)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value[:1] in CSV_GUARDED:
            cell.quotePrefix = True


def _too_long(rows: Sequence[tuple[Item, dict[str, Any]]]) -> None:
    cells = [f"{item.id} ({header})" for item, row in rows for header, value in row.items()
             if isinstance(value, str) and len(value) > XLSX_CELL_MAX]
    if cells:
        shown = ", ".join(cells[:10]) + (tr(" and {n} more", n=len(cells) - 10) if len(cells) > 10 else "")
        raise LedgerError(tr("{cells}: over {limit} characters, the most an xlsx cell holds; nothing was written "
                             "(a .csv export has no such limit)", cells=shown, limit=f"{XLSX_CELL_MAX:,}"))


def to_xlsx(items: Sequence[Item], today: date, report: Report) -> bytes:
    """The workbook: the 台账 sheet (frozen header, fitted widths, wrapped cells, overdue rows in
    red, a filter, A4 landscape) and a second sheet with the report by lead unit. Every text is a
    text cell; a text over ``XLSX_CELL_MAX`` characters is refused, naming the items."""
    rows = [(item, sheet_row(item, n, today)) for n, item in enumerate(items, 1)]
    _too_long(rows)
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    head_fill = PatternFill("solid", fgColor="D9D9D9")
    late_fill = PatternFill("solid", fgColor=OVERDUE_FILL)
    late_font = Font(color=OVERDUE_FONT)
    ws.append(list(HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    widths = {h: _width(h) for h in HEADERS}
    plain = NamedStyle("台账", alignment=wrap, border=border)
    late = NamedStyle("逾期", alignment=wrap, border=border, fill=late_fill, font=late_font)
    day_format = "yyyy-mm-dd"
    day_column = HEADERS.index("销号时间") + 1
    for n, (item, row) in enumerate(rows, 1):
        style = late if days_overdue(item, today) is not None else plain
        for k, (header, value) in enumerate(row.items(), 1):
            cell = ws.cell(row=n + 1, column=k, value=value)  # by position: ws[row] rescans the sheet
            cell.style = style
            _text(cell)
            if k == day_column:
                cell.number_format = day_format
            widths[header] = max(widths[header], _width(value))
    for k, header in enumerate(HEADERS, 1):
        low, high = WIDTHS[header]
        ws.column_dimensions[get_column_letter(k)].width = min(max(widths[header] + 2, low), high)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{len(items) + 1}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    rs = wb.create_sheet(tr("Report by unit"))
    from ledger.reports.by_unit import GROUP_LABELS

    rs.append([tr(GROUP_LABELS[report.by]), *(tr(label) for _, label in COLUMNS[1:])])
    for cell in rs[1]:
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r in [*report.rows, report.totals]:
        cells = display_cells(r)
        rs.append([cells[0], *(r.as_dict()[key] for key, _ in COLUMNS[1:-1]), r.close_rate])
        _text(rs.cell(row=rs.max_row, column=1))  # a unit's name
        rs.cell(row=rs.max_row, column=len(COLUMNS)).number_format = "0.0%"
        if r.overdue and r.kind != "total":
            for cell in rs[rs.max_row]:
                cell.fill = late_fill
                cell.font = late_font
    for cell in rs[rs.max_row]:
        cell.font = Font(bold=True)
    rs.append([])
    rs.append([tr("as of {date}", date=report.as_of.isoformat()) + " · " + tr("slowest units first")])
    rs.column_dimensions["A"].width = max(12, max(_width(r.unit) for r in report.rows) + 2) if report.rows else 12
    for k in range(2, len(COLUMNS) + 1):
        rs.column_dimensions[get_column_letter(k)].width = 12
    rs.freeze_panes = "B2"

    # Fixed document times, so that the same ledger exports to the same workbook.
    from datetime import datetime

    stamp = datetime(today.year, today.month, today.day)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "ledger"
    buffer = io.BytesIO()
    wb.save(buffer)
    return _fixed_zip_times(buffer.getvalue(), stamp)


def _fixed_zip_times(data: bytes, stamp: Any) -> bytes:
    """The workbook with ``stamp`` wherever openpyxl writes the clock: each zip entry's time, and the
    document's modified time (openpyxl sets it to now on save), so the same ledger exports to the
    same bytes."""
    import re
    import zipfile

    modified = f"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{stamp.isoformat()}Z</dcterms:modified>".encode()

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"<dcterms:modified [^>]*>[^<]*</dcterms:modified>", modified, body)
            dst.writestr(fixed, body)
    return out.getvalue()
