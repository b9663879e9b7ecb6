"""Commands that change the ledger: close, reopen, progress, extend (add is in ``cli/add.py``).

Each runs as one locked transaction that re-emits only the changed item's block; with
``--commit`` (or ``commit: true`` in ``data/settings.yaml``) the same transaction makes one git
commit of exactly that change, or nothing lands.
"""

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from ledger.cli.common import FLAGS, command, data_dir, out
from ledger.core.dates import parse_date
from ledger.core.model import Evidence, Item
from ledger.environment import today
from ledger.errors import LedgerError, Refused
from ledger.git.changes import recover_git, start_commit  # noqa: F401 - shared with the web view; add, units, sheets use them
from ledger.i18n import tr
from ledger.store.changes import evidence_values, stored_evidence  # shared with the web view; review uses them
from ledger.store.transaction import Transaction

if TYPE_CHECKING:
    from ledger.git.commit import Commit

CommitOpt = Annotated[bool | None, typer.Option("--commit/--no-commit",
                                                help="Make one git commit of this change (default: data/settings.yaml).")]
DateOpt = Annotated[str | None, typer.Option("--date", metavar="DATE", help="When it happened (default today).")]
EvidenceOpt = Annotated[list[str] | None, typer.Option(
    "--evidence", metavar="FILE|TEXT",
    help="Evidence: a file to copy into data/evidence/ID/, or a description. Repeatable; at least one evidence option.")]
EvidenceFileOpt = Annotated[list[str] | None, typer.Option(
    "--evidence-file", metavar="FILE",
    help="A file to copy into data/evidence/ID/, never taken as text (a missing file is an error). Repeatable.")]
EvidenceTextOpt = Annotated[list[str] | None, typer.Option(
    "--evidence-text", metavar="TEXT",
    help="A description, recorded as text even if it looks like a file name (a URL, 拨付率达到99.5). Repeatable.")]
"""The evidence options of close and request (``ledger request``), read by ``store.changes.evidence_values``."""


def _apply(action: str, item_id: str, change: Callable[[Transaction, Item], Item], commit: bool | None,
           summary: Callable[[Item], str], message: Callable[[Item], str], quick: bool = True) -> Item:
    """One locked change of one item, with its commit if asked (made under the same lock, of
    this change alone); then the confirmation. ``quick``: the change reads nothing of the ledger
    but the item and its batch date, so it may run on the cache's index of blocks (``store.quick``)."""
    from ledger.cli import common
    from ledger.git.changes import apply_change  # the web view's writes take it too

    folder = data_dir()
    committer = start_commit(folder, commit)

    def said(new: Item, notices: list[str]) -> None:
        for notice in notices:
            sys.stderr.write(notice + "\n")
        out(message(new) + "\n")
        said_committed(committer)

    return apply_change(folder, action, item_id, change, committer, summary, quick=quick,
                        outlive=common.console_script, said=said)


def said_committed(committer: "Commit | None") -> None:
    if committer is not None and committer.sha:
        out(tr("committed {sha}", sha=committer.sha) + "\n")


def _batch_date(txn: Transaction, item_id: str):  # type: ignore[no-untyped-def]
    return txn.batch_date(item_id)


@command("close")
def close_command(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The item to cross off, such as 2-8.")],
    evidence: EvidenceOpt = None,
    evidence_file: EvidenceFileOpt = None,
    evidence_text: EvidenceTextOpt = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who signs off.")] = None,
    date: DateOpt = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A remark on the close-out.")] = None,
    commit: CommitOpt = None,
) -> None:
    """Cross an item off (销号), with evidence and a sign-off.

    Evidence is recorded in this order: --evidence (an existing file, or a value with a
    separator or an extension, is a file; anything else is text), then --evidence-file, then
    --evidence-text. A file with the same content as one already in data/evidence/ID/ is
    recorded, not copied again.

    Example: ledger close 2-8 --evidence 拨付凭证.pdf --evidence-text "拨付率达到99.5%" --by 张三
    """
    from ledger.core import actions

    if not by:
        raise typer.BadParameter(tr("who signs off is required"), param_hint="--by")
    refuse_if_review_required()
    day = parse_date(date, "--date") if date else today()
    values = evidence_values(evidence, evidence_file, evidence_text)

    def change(txn: Transaction, item: Item) -> Item:
        # Refuse before copying anything: the same checks with the evidence still to come.
        placeholder = [Evidence(text=v) for _, v, _ in values]
        actions.close(item, day=day, by=by, evidence=placeholder, note=note, today=today(),
                      batch_date=_batch_date(txn, item.id))
        records = stored_evidence(txn, item.id, values)
        return actions.close(item, day=day, by=by, evidence=records, note=note, today=today(),
                             batch_date=_batch_date(txn, item.id))

    def message(new: Item) -> str:
        assert new.closed is not None
        return (tr("closed {id} on {date} by {by}", id=new.id, date=new.closed.date, by=new.closed.by)
                + (" (" + tr("late") + ")" if new.closed.late else ""))

    _apply("close", item_id, change, commit, lambda new: f"closed by {by}" + (" (late)" if new.closed and new.closed.late
                                                                             else ""), message,
           quick=not any(is_file for is_file, _, _ in values))  # a file: the whole ledger says what it records


def refuse_if_review_required() -> None:
    """``review: required`` in settings.yaml: an item is closed by a request and its approval only."""
    from ledger.store.changes import refuse_if_review_required as refuse

    refuse(data_dir())


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
            return actions.progress(item, text=text, day=day, by=by, today=today(), batch_date=_batch_date(txn, item.id))
        except Refused as exc:  # the note is the TEXT argument, not an option
            from ledger.cli.common import MISSING_VALUES
            from ledger.errors import UsageError

            kind = UsageError if exc.template in MISSING_VALUES else LedgerError  # TEXT left empty: exit 2
            raise kind(exc.named({**FLAGS, "text": "TEXT"})) from None

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
                                            day=day, today=today(), batch_date=_batch_date(txn, item.id)),
           commit, lambda new: f"to {new_deadline}: {reason}",
           lambda new: tr("extended {id} to {to} from {date}", id=new.id, to=new_deadline, date=day))
