"""The two-step sign-off as commands: ``ledger request`` (申请销号), ``ledger approve``, ``ledger return`` (退回).

Each is one locked transaction on the loaded ledger (the units and the settings decide who may
ask and who may review), with ``--commit`` as ``close`` has it. A request's evidence is handled
as ``close`` handles it (``cli.write``): files are copied into ``data/evidence/ID/``.
"""

from collections.abc import Callable
from typing import Annotated

import typer

from ledger.cli.common import command, data_dir
from ledger.cli.write import (
    CommitOpt,
    DateOpt,
    EvidenceFileOpt,
    EvidenceOpt,
    EvidenceTextOpt,
    _apply,
    _batch_date,
    evidence_values,
    stored_evidence,
)
from ledger.core.dates import parse_date
from ledger.core.model import Evidence, Item
from ledger.environment import today
from ledger.errors import UsageError
from ledger.i18n import tr
from ledger.store.transaction import Transaction

ByOpt = Annotated[str | None, typer.Option("--by", metavar="NAME", help="The person acting for the unit.")]


@command("request")
def request_command(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The item to ask sign-off for, such as 2-8.")],
    evidence: EvidenceOpt = None,
    evidence_file: EvidenceFileOpt = None,
    evidence_text: EvidenceTextOpt = None,
    by: ByOpt = None,
    unit: Annotated[str | None, typer.Option("--unit", metavar="UNIT",
                                             help="The unit asking: the item's lead (default) or one of its "
                                                  "responsible units.")] = None,
    date: DateOpt = None,
    commit: CommitOpt = None,
) -> None:
    """Ask for an item's sign-off (申请销号), with evidence: it awaits review (待审核).

    Example: ledger request 2-8 --evidence 拨付凭证.pdf --by 张三 --unit 区财政局
    """
    from ledger.cli.common import resolve_unit
    from ledger.core import actions

    if not by:
        raise typer.BadParameter(tr("who asks is required"), param_hint="--by")
    day = parse_date(date, "--date") if date else today()
    values = evidence_values(evidence, evidence_file, evidence_text)

    def change(txn: Transaction, item: Item) -> Item:
        asking = resolve_unit(txn.ledger, unit, "--unit") or item.lead
        placeholder = [Evidence(text=v) for _, v, _ in values]  # refuse before copying anything
        actions.request(item, day=day, unit=asking, by=by, evidence=placeholder, today=today(),
                        batch_date=_batch_date(txn, item.id))
        return actions.request(item, day=day, unit=asking, by=by, evidence=stored_evidence(txn, item.id, values),
                               today=today(), batch_date=_batch_date(txn, item.id))

    def message(new: Item) -> str:
        asked = new.reviews[-1].request
        return tr("{id}: sign-off requested on {date} by {unit} ({by}); it awaits review", id=new.id, date=asked.date,
                  unit=asked.unit, by=asked.by)

    _apply("request", item_id, change, commit, lambda new: f"sign-off requested by {new.reviews[-1].request.unit}",
           message, quick=False)


def _review(action: str, item_id: str, by: str | None, unit: str | None, date: str | None, commit: bool | None,
            decide: Callable[..., Item], summary: Callable[[Item], str], message: Callable[[Item], str]) -> None:
    """approve and return: the reviewer, the day, then the decision in one transaction."""
    from ledger.cli.common import resolve_unit
    from ledger.store.changes import reviewers as review_units  # the web view takes the same
    from ledger.store.settings import read_settings

    if not by:
        raise typer.BadParameter(tr("who reviews is required"), param_hint="--by")
    day = parse_date(date, "--date") if date else today()
    settings = read_settings(data_dir())

    def change(txn: Transaction, item: Item) -> Item:
        reviewers, default = review_units(txn.ledger, settings.reviewer)
        acting = resolve_unit(txn.ledger, unit, "--unit") or default
        if acting is None:
            raise UsageError(tr("--unit: name the reviewing unit (settings.yaml names no reviewer)"))
        return decide(item, day=day, unit=acting, by=by, today=today(), reviewers=reviewers,
                      lead_may_review=settings.lead_may_review)

    _apply(action, item_id, change, commit, summary, message, quick=False)


@command("approve")
def approve_command(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The item whose request is approved, such as 2-8.")],
    by: ByOpt = None,
    unit: Annotated[str | None, typer.Option("--unit", metavar="UNIT",
                                             help="The reviewing unit (default: reviewer in settings.yaml).")] = None,
    date: DateOpt = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A remark on the approval.")] = None,
    commit: CommitOpt = None,
) -> None:
    """Approve a request for sign-off (审核通过): the item is closed on the approval date.

    The close-out keeps the request (who asked, when, on what evidence) and the reviewer.

    Example: ledger approve 2-8 --by 王五 --unit 区营商办
    """
    from ledger.core import actions

    def message(new: Item) -> str:
        assert new.closed is not None
        return (tr("approved {id} on {date} by {unit} ({by}): closed", id=new.id, date=new.closed.date,
                   unit=new.closed.unit, by=new.closed.by) + (" (" + tr("late") + ")" if new.closed.late else ""))

    _review("approve", item_id, by, unit, date, commit,
            lambda item, **kw: actions.approve(item, note=note, **kw),
            lambda new: f"approved by {new.closed.unit if new.closed else ''}", message)


@command("return")
def return_command(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The item whose request is sent back, such as 2-8.")],
    reason: Annotated[str | None, typer.Option("--reason", metavar="TEXT", help="Why it is sent back.")] = None,
    by: ByOpt = None,
    unit: Annotated[str | None, typer.Option("--unit", metavar="UNIT",
                                             help="The reviewing unit (default: reviewer in settings.yaml).")] = None,
    date: DateOpt = None,
    commit: CommitOpt = None,
) -> None:
    """Send a request for sign-off back (退回), with a reason: the item is in progress again.

    The request and the return stay in the item's history; a later request starts a new round.

    Example: ledger return 2-8 --reason "佐证材料不全" --by 王五 --unit 区营商办
    """
    from ledger.core import actions

    if not reason:
        raise typer.BadParameter(tr("a reason is required"), param_hint="--reason")

    def message(new: Item) -> str:
        outcome = new.reviews[-1].outcome
        assert outcome is not None
        return tr("returned {id} on {date} by {unit} ({by}): back in progress", id=new.id, date=outcome.date,
                  unit=outcome.unit, by=outcome.by)

    _review("return", item_id, by, unit, date, commit,
            lambda item, **kw: actions.give_back(item, reason=reason, **kw), lambda new: reason, message)
