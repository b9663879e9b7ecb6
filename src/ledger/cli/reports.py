"""Reports for people and spreadsheets: report, bulletin, export, import."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ledger.cli.common import Format, as_of_date, command, console, data_dir, loaded, out
from ledger.i18n import tr

if TYPE_CHECKING:
    from ledger.reports.by_unit import Report


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


BULLETIN_SUFFIXES = {".md": BulletinFormat.markdown, ".markdown": BulletinFormat.markdown,
                     ".html": BulletinFormat.html, ".htm": BulletinFormat.html}
EXPORT_SUFFIXES = {".xlsx": ExportFormat.xlsx, ".csv": ExportFormat.csv}
"""-o FILE's extension decides the format; a --format that says otherwise is refused."""


@command("report")
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
    from ledger.reports.by_unit import build_report

    day = as_of_date(as_of)
    ledger = loaded()
    report = build_report(ledger.items_at(day), ledger.units, day, by.value)
    emit_report(report, fmt)


def emit_report(report: Report, fmt: Format) -> None:
    from ledger.reports.by_unit import COLUMNS, GROUP_LABELS, display_cells

    rows = [*report.rows, report.totals]
    if fmt is Format.json:
        from ledger.render.text import to_json

        data = [r.as_dict() for r in rows]
        data[-1]["unit"] = tr("Total")
        out(to_json(data))
        return
    if fmt is Format.csv:
        from ledger.render.text import to_csv

        keys = [key for key, _ in COLUMNS]
        values = [[r.as_dict()[k] for k in keys] for r in rows]
        values[-1][0] = tr("Total")
        out(to_csv(keys, values))
        return
    headers = [tr(GROUP_LABELS[report.by]), *(tr(label) for _, label in COLUMNS[1:])]
    if fmt is Format.markdown:
        from ledger.render.text import to_markdown

        out(to_markdown(headers, [display_cells(r) for r in rows]))
        out("\n" + tr("as of {date}", date=report.as_of.isoformat()) + "\n")
        return
    from rich import box
    from rich.table import Table

    from ledger.reports.by_unit import short_label

    totals = [str(c) for c in display_cells(report.totals)]
    table = Table(box=box.SIMPLE, pad_edge=False, collapse_padding=True, show_edge=False, show_footer=True,
                  footer_style="bold")
    table.add_column(headers[0], footer=totals[0], no_wrap=True)  # a unit's name is never broken
    for (key, _), total in zip(COLUMNS[1:], totals[1:], strict=True):
        table.add_column(short_label(key), footer=total, justify="right", no_wrap=True)
    from ledger.render.tables import plain

    for r in report.rows:
        table.add_row(*(plain(str(c)) for c in display_cells(r)), style="red" if r.overdue else None)
    console().print(table)
    out(" · ".join([tr("as of {date}", date=report.as_of.isoformat()), tr("slowest units first")]) + "\n")
    out(tr("On time / Late: closed on time / after the deadline · Due 30d: due within 30 days · "
           "Stale: ongoing, no progress note in 30 days") + "\n")


@command("bulletin")
def bulletin_command(
    period: Annotated[str, typer.Option("--period", metavar="YYYY-MM", help="The month to report on.")],
    fmt: Annotated[BulletinFormat | None, typer.Option(
        "--format", help="markdown, or one self-contained HTML page (default: from -o FILE's extension, else markdown).")]
    = None,
    output: Annotated[str | None, typer.Option("-o", "--output", metavar="FILE",
                                               help="Write to FILE (.md or .html; - for standard output) "
                                                    "instead of standard output.")] = None,
) -> None:
    """The monthly bulletin (营商环境建设通报): closed in the month (on time / late), became
    overdue, extensions, reopenings, progress notes, the still-overdue items by lead unit, ongoing
    items with no progress in the month, and the units ranked.

    The ledger is read as it stood at the end of the month (today, for the current month).
    The HTML page needs no network: its styles and charts are inside it; it prints on A4.

    Examples:

      ledger bulletin --period 2024-08

      ledger bulletin --period 2024-08 -o 通报-2024-08.html
    """
    from ledger.cli.output import check_target, chosen_format, write
    from ledger.environment import today
    from ledger.errors import UsageError
    from ledger.reports.bulletin import build_bulletin, parse_period, period_as_of

    fmt = chosen_format(output, fmt, BULLETIN_SUFFIXES, BulletinFormat.markdown)
    if output is not None and output != "-":
        check_target(output, data_dir())
    try:
        parse_period(period)
    except ValueError:
        raise UsageError(tr("--period: {value!r} is not a month (use YYYY-MM, such as 2024-08)", value=period)) from None
    ledger = loaded()
    batch_days = [f.batch.date for f in ledger.files if f.batch is not None]
    items = ledger.items_at(period_as_of(period, today()))  # only what was in the ledger then
    bulletin = build_bulletin(items, ledger.units, period, today(), min(batch_days) if batch_days else None)
    if fmt is BulletinFormat.html:
        from ledger.render.html import bulletin_html

        text = bulletin_html(bulletin)
    else:
        from ledger.render.markdown import to_markdown

        text = to_markdown(bulletin)
    if output is None or output == "-":
        out(text)
    else:
        write(text.encode("utf-8"), output, ledger.data_dir)


@command("export")
def export_command(
    output: Annotated[str, typer.Option("-o", "--output", metavar="FILE",
                                        help="The file to write (.xlsx or .csv; - for standard output).")],
    fmt: Annotated[ExportFormat | None, typer.Option(
        "--format", help="xlsx (Excel) or csv (UTF-8 with a BOM) (default: from -o FILE's extension, else xlsx).")]
    = None,
) -> None:
    """Export the ledger as the 整改台账 spreadsheet departments exchange.

    Columns: 序号, 问题编号, 反馈问题, 牵头部门, 责任部门, 整改时限, 整改进展, 完成情况, 销号时间,
    佐证材料. The xlsx has a frozen header, fitted widths, wrapped cells, overdue rows in red and a
    second sheet with the report by lead unit; the csv is UTF-8 with a BOM, so Excel shows the
    Chinese. `ledger import` reads either back. The file's extension says which (台账.csv is a
    csv); -o - writes to standard output. An xlsx cell holds at most 32,767 characters: a longer
    text is refused (a csv has no limit).

    Examples:

      ledger export -o 台账.xlsx

      ledger export -o 台账.csv

      ledger export --format csv -o - | head
    """
    from ledger.cli.output import check_target, chosen_format, write
    from ledger.environment import today

    fmt = chosen_format(output, fmt, EXPORT_SUFFIXES, ExportFormat.xlsx)
    if output != "-":
        check_target(output, data_dir())
    ledger = loaded()
    day = today()
    if fmt is ExportFormat.csv:
        from ledger.sheet.export import to_csv

        data = to_csv(ledger.items, day).encode("utf-8")
    else:
        from ledger.reports.by_unit import build_report
        from ledger.sheet.export import to_xlsx

        data = to_xlsx(ledger.items, day, build_report(ledger.items, ledger.units, day, "lead"))
    write(data, output, ledger.data_dir, binary=fmt is ExportFormat.xlsx)


@command("import")
def import_command(
    file: Annotated[str, typer.Argument(metavar="FILE.xlsx|FILE.csv", help="The 台账 sheet to read.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row and print what would change; write nothing.")]
    = False,
    commit: Annotated[bool | None, typer.Option("--commit/--no-commit",
                                                help="Make one git commit of the import (default: data/settings.yaml).")] = None,
) -> None:
    """Import a 台账 spreadsheet: add new items, update known ones in the columns the sheet has.

    Every row is checked first; problems print as FILE:SHEET:ROW:COLUMN: message and nothing is
    written unless every row is valid. Text, lead and responsible units are replaced; a new
    deadline in 整改时限 is an extension from today, with its reason in a column 延期理由 (and
    who approved it in 延期批准人); new items are recorded as added today; new lines at the end
    of 整改进展 become progress notes; a row marked
    已销号，销号人：NAME with 销号时间 and 佐证材料 closes an open item. Recorded history (notes,
    extensions, close-outs, look-backs) is never changed or removed by a sheet.

    Examples:

      ledger import 台账.xlsx --dry-run

      ledger import 台账.csv
    """
    from ledger.environment import today
    from ledger.sheet.importer import apply, plan_import
    from ledger.store.load import load, require_valid
    from ledger.store.transaction import transaction

    path = Path(file)
    folder = data_dir()
    if dry_run:
        ledger = load(folder)
        require_valid(ledger)
        plan = plan_import(ledger, path, today())
        if plan.problems:
            raise _problems(plan)
        _said(plan, dry_run)
        return
    from ledger.cli import common
    from ledger.cli.write import recover_git, said_committed, start_commit
    from ledger.store.journal import Interrupts

    notices: list[str] = []
    committer = start_commit(folder, commit)  # git's preconditions, before anything is written
    with Interrupts(outlive=common.console_script) as interrupts:  # once the change is in, it is said
        with transaction(folder, notices, committer, recover_git, interrupts) as txn:
            plan = plan_import(txn.ledger, path, today())
            if plan.problems:
                raise _problems(plan)
            apply(txn, plan)  # every file it changes lands at once, or none does
            if committer is not None:
                ids = [c.item.id for c in plan.changes]
                committer.describe("import", path.name, ", ".join(ids[:5]) + (" …" if len(ids) > 5 else ""), items=ids)
        for notice in notices:
            sys.stderr.write(notice + "\n")
        _said(plan, dry_run)
        said_committed(committer)


def _said(plan: Any, dry_run: bool) -> None:
    for change in plan.changes:
        if change.new:
            line = tr("would add {id}", id=change.item.id) if dry_run else tr("added {id}", id=change.item.id)
        else:
            line = tr("would update {id}", id=change.item.id) if dry_run else tr("updated {id}", id=change.item.id)
        out(line + (": " + ", ".join(change.what) if change.what else "") + "\n")
    new = sum(1 for c in plan.changes if c.new)
    summary = tr("{rows} rows: {new} new, {changed} changed, {same} unchanged", rows=len(plan.table.rows), new=new,
                 changed=len(plan.changes) - new, same=plan.unchanged)
    if dry_run:
        summary += " " + tr("(dry run: nothing written)")
    out(summary + "\n")


def _problems(plan: Any) -> Exception:
    from ledger.errors import LedgerError, display_path

    return LedgerError(tr("{n} rows of {path} have problems; nothing was written",
                          n=len({p.line for p in plan.problems}), path=display_path(plan.table.path)),
                       problems=plan.problems)
