"""Reports for people: report and bulletin."""

from enum import Enum
from typing import TYPE_CHECKING, Annotated

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


BULLETIN_SUFFIXES = {".md": BulletinFormat.markdown, ".markdown": BulletinFormat.markdown,
                     ".html": BulletinFormat.html, ".htm": BulletinFormat.html}
"""-o FILE's extension decides the format; a --format that says otherwise is refused."""


@command("report")
def report_command(
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE",
                                              help="Count as the ledger stood on DATE (default today).")] = None,
    by: Annotated[By, typer.Option("--by", help="One row per lead unit, responsible unit, question or deadline.")] = By.lead,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Close-out by unit: items, closed (on time / late), open, overdue, due within 30 days, ongoing
    items with no progress for 30 days (stale) and the close-out rate (销号率), slowest units first
    (deadlines in date order).

    Slowest first: most overdue items, then the lowest close-out rate, then most stale, then most
    open. With --by responsible an item counts once for each responsible unit; the totals row
    counts every item once.

    Examples:

      ledger report --as-of 2024-09-01

      ledger report --by responsible --format json
    """
    from ledger.reports.listing import unit_report  # the web view's report and API take it too

    day = as_of_date(as_of)
    report = unit_report(loaded(), day, by.value)
    emit_report(report, fmt)


def emit_report(report: "Report", fmt: Format) -> None:
    from ledger.reports.by_unit import COLUMNS, GROUP_LABELS, LIGHT_COLUMNS, display_cells, light_cells

    rows = [*report.rows, report.totals]
    if fmt is Format.json:
        from ledger.render.text import to_json
        from ledger.reports.listing import report_records  # the web view's API sends the same records

        out(to_json(report_records(report)))
        return
    if fmt is Format.csv:
        from ledger.cli.common import out_bytes
        from ledger.i18n import language
        from ledger.render.text import to_csv

        keys = [key for key, _ in (*COLUMNS, *LIGHT_COLUMNS)]
        values = [[r.as_dict()[k] for k in keys] for r in rows]
        values[-1][0] = tr("Total")
        # as list and export write csv: with a byte-order mark, headers in Chinese under --lang zh
        headers = ([tr(GROUP_LABELS[report.by]), *(tr(label) for _, label in (*COLUMNS[1:], *LIGHT_COLUMNS))]
                   if language() == "zh" else keys)
        out_bytes(to_csv(headers, values, bom=True).encode("utf-8"))
        return
    headers = [tr(GROUP_LABELS[report.by]), *(tr(label) for _, label in (*COLUMNS[1:], *LIGHT_COLUMNS))]
    if fmt is Format.markdown:
        from ledger.render.text import to_markdown

        out(to_markdown(headers, [[*display_cells(r), *light_cells(r)] for r in rows]))
        out("\n" + tr("as of {date}", date=report.as_of.isoformat()) + "\n")
        return
    from rich.text import Text

    from ledger.render.report_table import report_lines

    con = console()
    for line, style in report_lines(report, con.width):
        con.print(Text(line, style=style), soft_wrap=True)


@command("bulletin")
def bulletin_command(
    period: Annotated[str | None, typer.Option("--period", metavar="YYYY-MM",
                                               help="The month to report on (also 2024-8, 2024年8月; "
                                                    "default: last month).")] = None,
    fmt: Annotated[BulletinFormat | None, typer.Option(
        "--format", help="markdown, or one self-contained HTML page (default: from -o FILE's extension, else markdown).")]
    = None,
    output: Annotated[str | None, typer.Option("-o", "--output", metavar="FILE",
                                               help="Write to FILE (.md or .html; - for standard output) "
                                                    "instead of standard output.")] = None,
    week: Annotated[str | None, typer.Option("--week", metavar="YYYY-Www",
                                             help="The weekly scheduling report (周调度) of an ISO week instead: "
                                                  "new, progressed, closed and newly red items.")] = None,
) -> None:
    """The monthly bulletin (营商环境建设通报): closed in the month (on time / late), became
    overdue, extensions, reopenings, progress notes, the still-overdue items by lead unit, ongoing
    items with no progress in the month, and the units ranked.

    The ledger is read as it stood at the end of the month (today, for the current month).
    Without --period, the month is last month.
    The HTML page needs no network: its styles and charts are inside it; it prints on A4.

    Examples:

      ledger bulletin --period 2024-08

      ledger bulletin --period 2024-08 -o 通报-2024-08.html
    """
    from ledger.cli.output import check_target, chosen_format, write
    from ledger.core.dates import last_month, parse_month
    from ledger.environment import today

    if output is not None and output != "-":  # first: a file into the data folder is the graver mistake
        check_target(output, data_dir())
    fmt = chosen_format(output, fmt, BULLETIN_SUFFIXES, BulletinFormat.markdown)
    if week is not None:  # 周调度 (cli/weekly.py)
        from ledger.cli.weekly import weekly

        weekly(week, period, fmt is BulletinFormat.html, output)
        return
    period = parse_month(period, "--period") if period is not None else last_month(today())  # → YYYY-MM
    if period > f"{today():%Y-%m}":  # as --week: a month with no day in it yet has nothing to report
        from ledger.errors import UsageError

        raise UsageError(tr("--period {period} has not begun yet (today is {today})", period=period,
                            today=today().isoformat()))
    ledger = loaded()
    from ledger.reports.listing import month_bulletin  # the web view's bulletin page takes it too

    bulletin = month_bulletin(ledger, period, today())
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
