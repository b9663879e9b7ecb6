"""Reports for people and spreadsheets: report, bulletin, export, import."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..cli import app, console, guarded, out
from ..i18n import tr
from .common import Format, as_of_date, loaded

if TYPE_CHECKING:
    from ..report import Report


class By(str, Enum):
    lead = "lead"
    responsible = "responsible"
    question = "question"
    deadline = "deadline"


class BulletinFormat(str, Enum):
    markdown = "markdown"
    html = "html"


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"


@app.command("report")
@guarded
def report_command(
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE",
                                              help="Count as the ledger stood on DATE (default today).")] = None,
    by: Annotated[By, typer.Option("--by", help="One row per lead unit, responsible unit, question or deadline.")] = By.lead,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Close-out by unit: items, closed (on time / late), open, overdue, due within 30 days, ongoing
    items with no progress for 30 days (stale) and the close-out rate (销号率), slowest units first.

    Slowest first: most overdue items, then the lowest close-out rate, then most stale, then most
    open. With --by responsible an item counts once for each responsible unit; the totals row
    counts every item once.

    Examples:

      ledger report --as-of 2024-09-01

      ledger report --by responsible --format json
    """
    from ..report import build_report

    day = as_of_date(as_of)
    ledger = loaded()
    report = build_report(ledger.items, ledger.units, day, by.value)
    emit_report(report, fmt)


def emit_report(report: Report, fmt: Format) -> None:
    from ..report import COLUMNS, GROUP_LABELS, display_cells

    rows = [*report.rows, report.totals]
    if fmt is Format.json:
        from ..render.text import to_json

        data = [r.as_dict() for r in rows]
        data[-1]["unit"] = tr("Total")
        out(to_json(data))
        return
    if fmt is Format.csv:
        from ..render.text import to_csv

        keys = [key for key, _ in COLUMNS]
        values = [[r.as_dict()[k] for k in keys] for r in rows]
        values[-1][0] = tr("Total")
        out(to_csv(keys, values))
        return
    headers = [tr(GROUP_LABELS[report.by]), *(tr(label) for _, label in COLUMNS[1:])]
    if fmt is Format.markdown:
        from ..render.text import to_markdown

        out(to_markdown(headers, [display_cells(r) for r in rows]))
        out("\n" + tr("as of {date}", date=report.as_of.isoformat()) + "\n")
        return
    from rich import box
    from rich.table import Table

    from ..report import short_label

    totals = [str(c) for c in display_cells(report.totals)]
    table = Table(box=box.SIMPLE, pad_edge=False, collapse_padding=True, show_edge=False, show_footer=True,
                  footer_style="bold")
    table.add_column(headers[0], footer=totals[0], no_wrap=True)  # a unit's name is never broken
    for (key, _), total in zip(COLUMNS[1:], totals[1:], strict=True):
        table.add_column(short_label(key), footer=total, justify="right", no_wrap=True)
    for r in report.rows:
        table.add_row(*(str(c) for c in display_cells(r)), style="red" if r.overdue else None)
    console().print(table)
    out(" · ".join([tr("as of {date}", date=report.as_of.isoformat()), tr("slowest units first")]) + "\n")
    out(tr("On time / Late: closed on time / after the deadline · Due 30d: due within 30 days · "
           "Stale: ongoing, no progress note in 30 days") + "\n")


@app.command("bulletin")
@guarded
def bulletin_command(
    period: Annotated[str, typer.Option("--period", metavar="YYYY-MM", help="The month to report on.")],
    fmt: Annotated[BulletinFormat, typer.Option("--format", help="markdown, or one self-contained HTML page.")]
    = BulletinFormat.markdown,
    output: Annotated[str | None, typer.Option("-o", "--output", metavar="FILE",
                                               help="Write to FILE instead of standard output.")] = None,
) -> None:
    """The monthly bulletin (营商环境建设通报): closed in the month (on time / late), became
    overdue, extensions, reopenings, progress notes, the still-overdue items by lead unit, ongoing
    items with no progress in the month, and the units ranked.

    The ledger is read as it stood at the end of the month (today, for the current month).
    The HTML page needs no network: its styles and charts are inside it; it prints on A4.

    Examples:

      ledger bulletin --period 2024-08

      ledger bulletin --period 2024-08 --format html -o 通报-2024-08.html
    """
    from ..bulletin import build_bulletin, parse_period
    from ..errors import UsageError
    from ..storage import today

    try:
        parse_period(period)
    except ValueError:
        raise UsageError(tr("--period: {value!r} is not a month (use YYYY-MM, such as 2024-08)", value=period)) from None
    ledger = loaded()
    batch_days = [f.batch.date for f in ledger.files if f.batch is not None]
    bulletin = build_bulletin(ledger.items, ledger.units, period, today(), min(batch_days) if batch_days else None)
    if fmt is BulletinFormat.html:
        from ..render.html import bulletin_html

        text = bulletin_html(bulletin)
    else:
        from ..render.markdown_bulletin import to_markdown

        text = to_markdown(bulletin)
    write_output(text, output)


def write_output(text: str, output: str | None) -> None:
    """To stdout, or atomically to a file (never half-written)."""
    if output is None or output == "-":
        out(text)
        return
    write_bytes(Path(output), text.encode("utf-8"))
    sys.stderr.write(tr("wrote {path}", path=output) + "\n")


def write_bytes(path: Path, data: bytes) -> None:
    from ..errors import LedgerError
    from ..safeio import atomic_write

    try:
        atomic_write(path, data)
    except OSError as exc:
        raise LedgerError(tr("cannot write {path}: {reason}", path=path, reason=exc.strerror or exc)) from None


ZH_MESSAGES = {
    "slowest units first": "慢者在前",
    "--period: {value!r} is not a month (use YYYY-MM, such as 2024-08)": (
        "--period：{value!r} 不是月份（请用 YYYY-MM，如 2024-08）"
    ),
    "wrote {path}": "已写入 {path}",
    "cannot write {path}: {reason}": "无法写入 {path}：{reason}",
}

from .. import i18n  # noqa: E402

i18n.ZH.update(ZH_MESSAGES)

