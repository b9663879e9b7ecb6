"""Git-backed commands: log (an item's history from git) and undo."""

from __future__ import annotations

from typing import Annotated

import typer

from ledger.cli.common import Format, command, data_dir, out
from ledger.i18n import tr


@command("log")
def log_command(
    item_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="Only the commits that changed this item.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Commits to look at.")] = 200,
    fmt: Annotated[Format, typer.Option("--format", help="table (text) or json.")] = Format.table,
) -> None:
    """Show the ledger's history from git, newest first: date, author, message, fields changed.

    Example: ledger log 2-8
    """
    from ledger.git.audit import history

    folder = data_dir()
    if item_id is not None:
        from ledger.cli.common import loaded

        loaded().get(item_id)  # an unknown id is an error, with the nearest ids
    entries = history(folder, item_id, limit)
    if fmt is Format.json:
        from ledger.render.text import to_json

        out(to_json(entries))
        return
    if not entries:
        out(tr("no ledger commits") + "\n")
        return
    for e in entries:
        line = f"{e['date']}  {e['commit']}  {e['author']}  {e['message']}"
        out(line + "\n")
        if e.get("changed"):
            out("    " + tr("changed: {fields}", fields=", ".join(e["changed"])) + "\n")  # type: ignore[arg-type]


@command("undo")
def undo_command() -> None:
    """Revert the last ledger commit (with a new commit), if it is the newest commit and
    nothing is uncommitted.

    Example: ledger undo
    """
    from ledger.git.audit import undo

    subject = undo(data_dir())
    out(tr("reverted: {subject}", subject=subject) + "\n")
