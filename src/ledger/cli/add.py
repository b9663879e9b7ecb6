"""The add command: a new item from a later source, counted from the day it entered the ledger.

Like the other writes it runs as one locked transaction (``cli.write`` has the commit helpers it
shares); the item is recorded with ``added``, today unless ``--date`` backdates it, never before
its file's batch date.
"""

import sys
from collections.abc import Collection
from pathlib import Path
from typing import Annotated

import typer

from ledger.cli.common import FLAGS, command, data_dir, out
from ledger.core.dates import parse_date, parse_deadline
from ledger.environment import today
from ledger.errors import LedgerError, Refused
from ledger.i18n import tr
from ledger.store.journal import Interrupts
from ledger.store.transaction import Transaction, transaction


@command("add")
def add_command(
    item_id: Annotated[str, typer.Option("--id", metavar="ID", help="A new, unique id, such as 3-1 or H-1.")],
    text: Annotated[str, typer.Option("--text", metavar="TEXT", help="The problem as reported.")],
    lead: Annotated[str, typer.Option("--lead", metavar="UNIT", help="The lead unit (name or alias).")],
    responsible: Annotated[list[str], typer.Option("--responsible", metavar="UNIT",
                                                   help="A responsible unit; repeatable, or separated by 、 or commas.")],
    deadline: Annotated[str, typer.Option("--deadline", metavar="DATE|ongoing", help="The deadline.")],
    question: Annotated[int | None, typer.Option("--question", metavar="N", help="The question it answers.")] = None,
    source: Annotated[str | None, typer.Option("--source", metavar="TEXT",
                                               help="Where it came from (企业家恳谈会 2024-07-10, a complaint…).")] = None,
    leader: Annotated[str | None, typer.Option("--leader", metavar="NAME", help="The responsible leader.")] = None,
    and_others: Annotated[bool, typer.Option("--and-others", help="The source says 等部门.")] = False,
    file: Annotated[str | None, typer.Option("--file", metavar="PATH",
                                             help="Which items file (default items.yaml, else the last of items/).")] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="DATE",
                                             help="The day it entered the ledger (default today; not before the "
                                                  "file's batch date). Views of earlier days leave it out.")] = None,
    commit: Annotated[bool | None, typer.Option("--commit/--no-commit",
                                                help="Make one git commit of this change (default: data/settings.yaml).")]
    = None,
) -> None:
    """Add a new item from a later source, under the same rules as the seed items. It is recorded
    with the day it entered the ledger (added), and counts from that day on.

    Example: ledger add --id H-1 --source "企业家恳谈会 2024-07-10" --text "园区道路照明不足。"
    --lead 区建设环保局 --responsible 区建设环保局 --deadline 2024-12-31
    """
    from ledger.cli.common import resolve_unit
    from ledger.cli.write import recover_git, said_committed, start_commit
    from ledger.core import actions
    from ledger.core.typed import unit_list

    due = parse_deadline(deadline, "--deadline")
    added = parse_date(date, "--date") if date else today()
    folder = data_dir()
    notices: list[str] = []
    committer = start_commit(folder, commit)
    from ledger.cli import common

    with Interrupts(outlive=common.console_script) as interrupts:  # once the item is in, it is said
        with transaction(folder, notices, committer, recover_git, interrupts) as txn:
            ledger = txn.ledger
            new_id = _new_id(item_id, ledger.index())
            names = unit_list(responsible)  # repeated, or split by , ， 、
            target = _target_file(txn, file)
            batch = ledger.files[target].batch
            try:
                item = actions.new_item(
                    item_id=new_id, text=text, lead=resolve_unit(ledger, lead, "--lead") or lead,
                    responsible=[resolve_unit(ledger, n, "--responsible") or n for n in names],
                    deadline=due, question=question, source=source, leader=leader, and_others=and_others,
                    added=added, today=today(), batch_date=batch.date if batch else None)
            except Refused as exc:  # the day it entered is --date here
                raise LedgerError(exc.named({**FLAGS, "added": "--date"})) from None
            txn.add(item, target)
            if committer is not None:
                committer.describe("add", item.id, text)
        for notice in notices:
            sys.stderr.write(notice + "\n")
        out(tr("added {id}", id=item.id) + "\n")
        said_committed(committer)


def _new_id(typed: str, ids: Collection[str]) -> str:
    """The new id, full-width forms read as ASCII (``Ｈ－２`` → ``H-2``); refused if it differs from an
    existing id only in case or width (the same id itself is the store's "already exists")."""
    from ledger.core.query import clashing_id
    from ledger.core.typed import id_form

    new_id = id_form(typed)
    existing = clashing_id(new_id, ids)
    if existing is not None:
        raise LedgerError(tr("--id {id}: item {existing} already exists (ids that differ only in case or width "
                             "are one id)", id=typed, existing=existing))
    return new_id


def _target_file(txn: Transaction, file: str | None) -> int:
    from ledger.errors import UsageError

    files = txn.ledger.files
    if not files:
        raise LedgerError(tr("there is no items file to add to: create data/items.yaml with a line items:"))
    if file is None:  # items.yaml when there is one (it sorts first), else the last of items/
        return 0 if files[0].path.name == "items.yaml" and files[0].path.parent == txn.ledger.data_dir else len(files) - 1
    wanted = Path(file).resolve()
    for fi, f in enumerate(files):
        if f.path.resolve() == wanted or f.path.name == file:
            return fi
    raise UsageError(tr("--file: {file} is not one of the ledger's items files", file=file))
