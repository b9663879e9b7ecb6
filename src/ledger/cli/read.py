"""Read-only commands: check, list, show."""

import sys
from typing import Annotated, Any

import typer

from ledger.cli.common import (
    Format,
    as_of_date,
    command,
    console,
    data_dir,
    loaded,
    optional_date,
    out,
    out_bytes,
    problem_count,
    resolve_unit,
)
from ledger.i18n import tr

TABLE_LIMIT = 200
"""Rows a table shows unless --all or --limit: a terminal page of thousands of rows helps
nobody. json/csv/markdown are never limited."""

RICH_ROWS = 50
"""Longer tables are drawn by the plain renderer: rich needs about a millisecond a row."""


@command("check")
def check_command(
    evidence: Annotated[bool, typer.Option("--evidence/--no-evidence",
                                           help="Also verify evidence files (present, same sha256).")] = True,
) -> None:
    """Validate the ledger: schema, unique ids, known units, real dates, consistency, evidence.

    Prints every problem, one line each as FILE:LINE:COL: item ID: field: message, then a
    count, and exits 1 if there is any. Evidence files and folders that no close-out refers to
    (orphans) are named on stderr; they do not fail the check.

    Example: ledger check
    """
    from ledger.store.load import load
    from ledger.store.settings import settings_problems

    folder = data_dir()
    ledger = load(folder)
    problems = list(ledger.problems)
    if evidence and not problems:
        from ledger.store.evidence import verify_all

        problems += verify_all(ledger)
    lines = [problem.render() for problem in problems] + settings_problems(folder, ledger.unit_names())
    for line in lines:
        out(line + "\n")
    if lines:
        out(problem_count(len(lines)) + "\n")
        raise typer.Exit(code=1)
    if evidence:
        _report_orphans(ledger)
    claims = sum(1 for item in ledger.items if item.claimed is not None and item.closed is None)
    n_items, n_units = len(ledger.items), len(ledger.units)
    template = {(True, True): "ok: {items} item, {units} unit, no problems",
                (True, False): "ok: {items} item, {units} units, no problems",
                (False, True): "ok: {items} items, {units} unit, no problems"}.get(
        (n_items == 1, n_units == 1), "ok: {items} items, {units} units, no problems")
    out(tr(template, items=n_items, units=n_units)
        + ("; " + tr("{n} claimed done, awaiting evidence (ledger close)", n=claims) if claims else "") + "\n")


def _report_orphans(ledger: Any) -> None:
    """Evidence nobody refers to, one notice each on stderr: not a problem of the ledger (its
    records are all true), so the exit code stays 0."""
    from ledger.errors import display_path
    from ledger.store.evidence_orphans import orphans

    for path, is_folder in orphans(ledger):
        line = (tr("{path}: an evidence folder that no close-out refers to (orphaned)", path=display_path(path))
                if is_folder else
                tr("{path}: an evidence file that no close-out refers to (orphaned)", path=display_path(path)))
        sys.stderr.write(line + "\n")


@command("list")
def list_command(
    overdue: Annotated[bool, typer.Option("--overdue", help="Only items past their deadline and not closed.")] = False,
    due_soon: Annotated[int | None, typer.Option("--due-soon", metavar="DAYS", min=0,
                                                 help="Only open items due within DAYS days.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE",
                                              help="Read the ledger as it stood on DATE (default today).")] = None,
    status: Annotated[str | None, typer.Option("--status", metavar="open|in_progress|pending_review|closed",
                                               help="Only items with this status (also in-progress, "
                                                    "未整改, 整改中, 待审核, 已销号).")] = None,
    dept: Annotated[list[str] | None, typer.Option("--dept", metavar="UNIT",
                                                   help="Only items this unit leads or is responsible for; "
                                                        "repeatable (any of them).")] = None,
    lead: Annotated[str | None, typer.Option("--lead", metavar="UNIT", help="Only items this unit leads.")] = None,
    question: Annotated[int | None, typer.Option("--question", metavar="N", help="Only items of question N.")] = None,
    ongoing: Annotated[bool, typer.Option("--ongoing", help="Only ongoing items (立行立改，长期坚持).")] = False,
    dated: Annotated[bool, typer.Option("--dated", help="Only items with a dated deadline.")] = False,
    due_before: Annotated[str | None, typer.Option("--due-before", metavar="DATE",
                                                   help="Only items due before DATE.")] = None,
    due_after: Annotated[str | None, typer.Option("--due-after", metavar="DATE",
                                                  help="Only items due after DATE.")] = None,
    search: Annotated[str | None, typer.Option("--search", metavar="TEXT",
                                               help="Only items whose id, text, units or notes contain TEXT.")] = None,
    light: Annotated[str | None, typer.Option("--light", metavar="red|yellow|blue|green",
                                              help="Only items with this light (亮灯; see ledger lights).")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Table rows to show (default 200).")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Show every row in a table.")] = False,
) -> None:
    """List items, filtered. Every filter combines with the others.

    Examples:

      ledger list --overdue

      ledger list --dept 财政局 --as-of 2024-09-01 --format json

      ledger list --due-soon 30 --status open
    """
    from ledger.core.query import Filters, status_named
    from ledger.core.typed import unit_list

    if status is not None:
        status = status_named(status)  # 已销号, in-progress, Closed …
        if status is None:
            raise typer.BadParameter(tr("use open, in_progress, pending_review or closed (also in-progress, 未整改, "
                                        "整改中, 待审核, 已销号)"), param_hint="--status")
    if light is not None and light.strip().lower() not in ("red", "yellow", "blue", "green"):
        raise typer.BadParameter(tr("use red, yellow, blue or green"), param_hint="--light")
    if ongoing and dated:
        raise typer.BadParameter("--ongoing and --dated exclude each other", param_hint="--ongoing")
    day = as_of_date(as_of)
    ledger = loaded()
    filters = Filters(
        as_of=day, overdue=overdue, due_soon=due_soon, status=status,
        dept=tuple(resolve_unit(ledger, d, "--dept") or d for d in unit_list(dept or []) or dept or []),
        lead=resolve_unit(ledger, lead, "--lead"),
        question=question, ongoing=ongoing, dated=dated,
        due_before=optional_date(due_before, "--due-before"), due_after=optional_date(due_after, "--due-after"),
        search=search,
    )
    if not ledger.items and fmt is Format.table:  # a new ledger (ledger init): say what fills it
        out(tr("the ledger has no items yet: add them with ledger add, or ledger import FILE") + "\n")
        return
    from ledger.reports.listing import list_rows  # the web view's API sends the same records

    rows = list_rows(ledger, filters, light)  # a light after the other filters: it is computed from the whole history
    emit_rows(rows, fmt, day.isoformat(), None if show_all else (limit or TABLE_LIMIT), due_soon)


LIST_COLUMNS = ("id", "question", "text", "lead", "responsible", "deadline", "status", "overdue", "days_overdue",
                "original_deadline", "extensions", "closed_date", "last_progress")


def emit_rows(rows: list[dict[str, Any]], fmt: Format, as_of: str, limit: int | None,
              due_within: int | None = None) -> None:
    """Rows as json/csv/markdown, or as a table: a not-closed item due within ``due_within`` days
    (``--due-soon``; else 30, as in the report) shows its days left where its status would be."""
    if fmt is Format.json:
        from ledger.render.text import to_json

        out(to_json(rows))
        return
    if fmt in (Format.csv, Format.markdown):
        from ledger.render.item_text import column_headers
        from ledger.render.text import to_csv, to_markdown

        headers = column_headers(LIST_COLUMNS)  # field names; Chinese labels under --lang zh
        values = [[r[c] for c in LIST_COLUMNS] for r in rows]
        if fmt is Format.csv:  # with a byte-order mark, as export writes csv: Excel reads it as UTF-8
            out_bytes(to_csv(headers, values, bom=True).encode("utf-8"))
        else:
            out(to_markdown(headers, values))
        return
    shown = rows if limit is None else rows[:limit]
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("open", "in_progress", "closed")}
    counts["in_progress"] += sum(1 for r in rows if r["status"] == "pending_review")  # awaiting review: in progress
    footer = [
        (tr("{n} item", n=1) if len(rows) == 1 else tr("{n} items", n=len(rows))) if len(shown) == len(rows)
        else tr("{shown} of {total} items shown", shown=len(shown), total=len(rows)),
        tr("open {open}, in progress {in_progress}, closed {closed}, overdue {overdue}",
           overdue=sum(1 for r in rows if r["overdue"]), **counts),
        tr("as of {date}", date=as_of),
    ]
    if not rows:
        out(tr("no items match") + " · " + tr("as of {date}", date=as_of) + "\n")
        return
    from datetime import date

    from ledger.render.grid import caption
    from ledger.render.tables import extended_note
    from ledger.reports.by_unit import DUE_SOON_DAYS
    from ledger.reports.rows import days_left

    day = date.fromisoformat(as_of)
    shown = [{**r, "days_left": days_left(r, day, DUE_SOON_DAYS if due_within is None else due_within)}
             for r in shown]
    if len(shown) > RICH_ROWS:
        import shutil

        from ledger.render.tables import items_plain

        width = shutil.get_terminal_size((80, 24)).columns
        out(items_plain(shown, width))
    else:
        from ledger.render.tables import items_table

        con = console()
        width = con.width
        con.print(items_table(shown, con))
    note = extended_note(shown)
    out("".join(line + "\n" for line in [*caption(footer, width), *(caption([note], width) if note else [])]))
    if len(shown) < len(rows):
        hidden = len(rows) - len(shown)
        sys.stderr.write((tr("{hidden} more row not shown: use --all or --limit N", hidden=1) if hidden == 1 else
                          tr("{hidden} more rows not shown: use --all or --limit N", hidden=hidden)) + "\n")


@command("show")
def show_command(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The item's id, such as 2-8.")],
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="As it stood on DATE.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help=(
        "table (a readable card), json, csv (one row per history record, each with the item's columns "
        "as list --format csv has them; an item without history is one row) or markdown (a heading, "
        "the fields, the history)."))] = Format.table,
) -> None:
    """Show one item in full, with its whole history.

    Example: ledger show 2-8
    """
    from ledger.reports.listing import show_record  # the web view's API sends the same record

    day = as_of_date(as_of)
    ledger = loaded()
    data, batch = show_record(ledger, item_id, day)  # ２－８, h-1: as typed
    if fmt is Format.json:
        from ledger.render.text import to_json

        out(to_json(data))
        return
    if fmt is Format.csv:
        from ledger.render.item_text import item_csv

        out_bytes(item_csv(data, LIST_COLUMNS, bom=True).encode("utf-8"))
        return
    if fmt is Format.markdown:
        from ledger.render.item_text import item_markdown

        out(item_markdown(data, batch.name if batch else None, day.isoformat()))
        return
    from ledger.render.card import item_card

    con = console()
    con.print(item_card(data, batch.name if batch else None, day.isoformat()))
