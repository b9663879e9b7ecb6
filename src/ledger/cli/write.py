"""Commands that change the ledger: close, reopen, progress, extend, add.

Each runs as one locked transaction that re-emits only the changed item's block; with
``--commit`` (or ``commit: true`` in ``data/settings.yaml``) it then makes one git commit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from ledger.cli.common import FLAGS, command, data_dir, out
from ledger.core.dates import parse_date, parse_deadline
from ledger.core.model import Evidence, Item
from ledger.environment import today
from ledger.errors import LedgerError, Refused
from ledger.i18n import tr
from ledger.store.transaction import Transaction, transaction

CommitOpt = Annotated[bool | None, typer.Option("--commit/--no-commit",
                                                help="Make one git commit of this change (default: data/settings.yaml).")]
DateOpt = Annotated[str | None, typer.Option("--date", metavar="DATE", help="When it happened (default today).")]


def _apply(action: str, item_id: str, change: Callable[[Transaction, Item], Item], commit: bool | None,
           summary: Callable[[Item], str], message: Callable[[Item], str]) -> Item:
    """One locked change of one item; then the confirmation, then (if asked) the commit."""
    folder = data_dir()
    notices: list[str] = []
    with transaction(folder, notices) as txn:
        new = change(txn, txn.get(item_id))
        txn.replace(new)
    for notice in notices:
        sys.stderr.write(notice + "\n")
    out(message(new) + "\n")
    _maybe_commit(folder, commit, action, item_id, summary(new), txn)
    return new


def _maybe_commit(folder: Path, commit: bool | None, action: str, item_id: str, summary: str,
                  txn: Transaction) -> None:
    from ledger.git.audit import commit_change, wants_commit

    if commit is None:
        commit = wants_commit(folder)
    if commit:
        sha = commit_change(folder, [*txn.changed, *txn.extra_files], action, item_id, summary)
        out(tr("committed {sha}", sha=sha) + "\n")


def _batch_date(txn: Transaction, item_id: str):  # type: ignore[no-untyped-def]
    batch = txn.ledger.batch_of(item_id)
    return batch.date if batch else None


@command("close")
def close_command(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The item to cross off, such as 2-8.")],
    evidence: Annotated[list[str] | None, typer.Option("--evidence", metavar="FILE|TEXT",
                                                       help="Evidence: a file to copy into data/evidence/ID/, "
                                                            "or a description. Repeatable; at least one.")] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who signs off.")] = None,
    date: DateOpt = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A remark on the close-out.")] = None,
    commit: CommitOpt = None,
) -> None:
    """Cross an item off (销号), with evidence and a sign-off.

    Example: ledger close 2-8 --evidence 拨付凭证.pdf --by 张三
    """
    from ledger.core import actions
    from ledger.store.evidence import check_source, looks_like_path, store

    if not by:
        raise typer.BadParameter(tr("who signs off is required"), param_hint="--by")
    day = parse_date(date, "--date") if date else today()
    values = [v for v in (evidence or [])]
    files = [Path(v) for v in values if looks_like_path(v)]
    for path in files:
        check_source(path)

    def change(txn: Transaction, item: Item) -> Item:
        # Refuse before copying anything: the same checks with the evidence still to come.
        placeholder = [Evidence(text=v) for v in values]
        actions.close(item, day=day, by=by, evidence=placeholder, note=note, today=today(),
                      batch_date=_batch_date(txn, item_id))
        records: list[Evidence] = []
        for value in values:
            if looks_like_path(value):
                record, stored = store(txn.ledger.data_dir, item.id, Path(value))
                txn.extra_files.append(stored)
                records.append(record)
            else:
                records.append(Evidence(text=value.strip()))
        return actions.close(item, day=day, by=by, evidence=records, note=note, today=today(),
                             batch_date=_batch_date(txn, item_id))

    def message(new: Item) -> str:
        assert new.closed is not None
        return (tr("closed {id} on {date} by {by}", id=new.id, date=new.closed.date, by=new.closed.by)
                + (" (" + tr("late") + ")" if new.closed.late else ""))

    _apply("close", item_id, change, commit, lambda new: f"closed by {by}" + (" (late)" if new.closed and new.closed.late
                                                                             else ""), message)


@command("reopen")
def reopen_command(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    reason: Annotated[str | None, typer.Option("--reason", metavar="TEXT", help="Why (the look-back's finding).")] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who reopens it.")] = None,
    date: DateOpt = None,
    commit: CommitOpt = None,
) -> None:
    """Reopen a closed item after a look-back (回头看) found it not fixed.

    The close-out moves into the item's history; nothing is deleted.

    Example: ledger reopen 2-8 --reason "回头看：款项仍未拨付" --by 区纪检监察工委
    """
    from ledger.core import actions

    if not reason:
        raise typer.BadParameter(tr("a reason is required"), param_hint="--reason")
    day = parse_date(date, "--date") if date else today()
    _apply("reopen", item_id,
           lambda txn, item: actions.reopen(item, reason=reason, by=by, day=day, today=today()),
           commit, lambda new: reason, lambda new: tr("reopened {id} on {date}", id=new.id, date=day))


@command("progress")
def progress_command(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    text: Annotated[str, typer.Argument(metavar="TEXT", help="What was done.")],
    date: DateOpt = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who reports it.")] = None,
    commit: CommitOpt = None,
) -> None:
    """Add a dated progress note (整改进展). An open item becomes in progress.

    Example: ledger progress 2-8 "已拨付第一批款项" --date 2024-07-15 --by 李四
    """
    from ledger.core import actions

    day = parse_date(date, "--date") if date else today()

    def change(txn: Transaction, item: Item) -> Item:
        try:
            return actions.progress(item, text=text, day=day, by=by, today=today(), batch_date=_batch_date(txn, item_id))
        except Refused as exc:  # the note is the TEXT argument, not an option
            raise LedgerError(exc.named({**FLAGS, "text": "TEXT"})) from None

    _apply("progress", item_id, change, commit, lambda new: text,
           lambda new: tr("progress noted on {id} ({date})", id=new.id, date=day))


@command("extend")
def extend_command(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    to: Annotated[str | None, typer.Option("--to", metavar="DATE", help="The new deadline.")] = None,
    reason: Annotated[str | None, typer.Option("--reason", metavar="TEXT", help="Why it needs more time.")] = None,
    approved_by: Annotated[str | None, typer.Option("--approved-by", metavar="NAME", help="Who approved it.")] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="DATE",
                                             help="The approval date, from which it applies (default today).")] = None,
    commit: CommitOpt = None,
) -> None:
    """Extend an item's deadline (延期), with a recorded reason. The old deadline stays on record.

    Example: ledger extend 2-8 --to 2024-12-31 --reason "资金分批到位" --approved-by 王五
    """
    from ledger.core import actions

    if not to:
        raise typer.BadParameter(tr("the new deadline is required"), param_hint="--to")
    if not reason:
        raise typer.BadParameter(tr("a reason is required"), param_hint="--reason")
    new_deadline = parse_date(to, "--to")
    day = parse_date(date, "--date") if date else today()
    _apply("extend", item_id,
           lambda txn, item: actions.extend(item, to=new_deadline, reason=reason, approved_by=approved_by,
                                            day=day, today=today(), batch_date=_batch_date(txn, item_id)),
           commit, lambda new: f"to {new_deadline}: {reason}",
           lambda new: tr("extended {id} to {to} from {date}", id=new.id, to=new_deadline, date=day))


@command("add")
def add_command(
    item_id: Annotated[str, typer.Option("--id", metavar="ID", help="A new, unique id, such as 3-1 or H-1.")],
    text: Annotated[str, typer.Option("--text", metavar="TEXT", help="The problem as reported.")],
    lead: Annotated[str, typer.Option("--lead", metavar="UNIT", help="The lead unit (name or alias).")],
    responsible: Annotated[list[str], typer.Option("--responsible", metavar="UNIT",
                                                   help="A responsible unit; repeatable, or 、-separated.")],
    deadline: Annotated[str, typer.Option("--deadline", metavar="DATE|ongoing", help="The deadline.")],
    question: Annotated[int | None, typer.Option("--question", metavar="N", help="The question it answers.")] = None,
    source: Annotated[str | None, typer.Option("--source", metavar="TEXT",
                                               help="Where it came from (企业家恳谈会 2024-07-10, a complaint…).")] = None,
    leader: Annotated[str | None, typer.Option("--leader", metavar="NAME", help="The responsible leader.")] = None,
    and_others: Annotated[bool, typer.Option("--and-others", help="The source says 等部门.")] = False,
    file: Annotated[str | None, typer.Option("--file", metavar="PATH",
                                             help="Which items file (default items.yaml, else the last of items/).")] = None,
    commit: CommitOpt = None,
) -> None:
    """Add a new item from a later source, under the same rules as the seed items.

    Example: ledger add --id H-1 --source "企业家恳谈会 2024-07-10" --text "园区道路照明不足。"
    --lead 区建设环保局 --responsible 区建设环保局 --deadline 2024-12-31
    """
    from ledger.cli.common import resolve_unit
    from ledger.core import actions

    due = parse_deadline(deadline, "--deadline")
    folder = data_dir()
    notices: list[str] = []
    with transaction(folder, notices) as txn:
        ledger = txn.ledger
        names = [n for value in responsible for n in value.replace(",", "、").split("、") if n.strip()]
        item = actions.new_item(
            item_id=item_id, text=text, lead=resolve_unit(ledger, lead, "--lead") or lead,
            responsible=[resolve_unit(ledger, n.strip(), "--responsible") or n for n in names],
            deadline=due, question=question, source=source, leader=leader, and_others=and_others)
        txn.add(item, _target_file(txn, file))
    for notice in notices:
        sys.stderr.write(notice + "\n")
    out(tr("added {id}", id=item.id) + "\n")
    _maybe_commit(folder, commit, "add", item.id, text, txn)


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
