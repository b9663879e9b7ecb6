"""Git-backed commands: log (an item's history from git) and undo (of the newest ledger change)."""

from typing import Annotated

import typer

from ledger.cli.common import Format, command, data_dir, out
from ledger.i18n import tr


@command("log")
def log_command(
    item_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="Only the commits that changed this item.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Commits to look at.")] = 200,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE",
                                              help="Only the changes made on or after this day.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help=(
        "table (text), json, csv or markdown (one row per commit: date, commit, author, message, "
        "fields changed)."))] = Format.table,
) -> None:
    """Show the ledger's history from git, newest first: date, author, message, fields changed.

    Examples: ledger log 2-8 · ledger log --since 2024-09-01
    """
    from ledger.git.audit import history

    folder = data_dir()
    if item_id is not None:
        from ledger.cli.common import loaded
        from ledger.core.query import resolve_id

        item_id = resolve_id(item_id, loaded().index())  # ２－８, h-1: as typed; unknown: an error, with the nearest
    day = None
    if since is not None:
        from ledger.core.dates import parse_date

        day = parse_date(since, "--since").isoformat()
    entries = [e for e in history(folder, item_id, limit) if day is None or str(e["date"]) >= day]
    if fmt is Format.json:
        from ledger.render.text import to_json

        out(to_json(entries))
        return
    if fmt in (Format.csv, Format.markdown):
        _log_table(entries, fmt, "changed" if item_id is not None else "items")
        return
    if not entries:
        out((tr("no ledger commits since {date}", date=day) if day else tr("no ledger commits")) + "\n")
        return
    from ledger.render.terminal import visible

    for e in entries:  # a message or a name may hold anything: never raw to the terminal
        line = f"{e['date']}  {e['commit']}  {visible(str(e['author']))}  {visible(str(e['message']))}"
        out(line + "\n")
        if e.get("changed"):
            out("    " + tr("changed: {fields}", fields=", ".join(e["changed"])) + "\n")  # type: ignore[arg-type]


LOG_COLUMNS = {"date": "Date", "commit": "Commit", "author": "Author", "message": "Message",
               "changed": "Fields changed", "items": "Items changed"}
"""The columns of ``log --format csv|markdown``, one row per commit: the json field names (Chinese labels
under zh); the last is ``changed`` (the fields) for one item's log, ``items`` (the ids) for the whole ledger's."""


def _log_table(entries: list[dict[str, object]], fmt: Format, last: str) -> None:
    from ledger.cli.common import out_bytes
    from ledger.i18n import language
    from ledger.render.text import to_csv, to_markdown

    columns = ["date", "commit", "author", "message", last]
    headers = [tr(LOG_COLUMNS[c]) for c in columns] if language() == "zh" else columns
    rows = [[e.get(c) for c in columns[:-1]] + [", ".join(e.get(last) or [])] for e in entries]  # type: ignore[arg-type]
    if fmt is Format.csv:  # with a byte-order mark, as every csv the ledger writes
        out_bytes(to_csv(headers, rows, bom=True).encode("utf-8"))
    else:
        out(to_markdown(headers, rows))


@command("undo")
def undo_command() -> None:
    """Revert the newest ledger change (with a new commit): only a commit ledger made (its
    Ledger-Action trailer, one parent, only ledger files), and only if the files it touched
    have no uncommitted changes. Run it again to undo the change before that one.

    Example: ledger undo
    """
    import sys

    from ledger.cli import common
    from ledger.git.undo import undo
    from ledger.store.journal import Interrupts

    notices: list[str] = []
    with Interrupts(outlive=common.console_script) as interrupts:  # once the revert is in, it is said
        subject = undo(data_dir(), notices, interrupts)
        for notice in notices:
            sys.stderr.write(notice + "\n")
        out(tr("reverted: {subject}", subject=subject) + "\n")
