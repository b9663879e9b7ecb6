"""The edit command: an item's plain fields corrected, the old values kept in the item's edit records.

It runs as the other writes do (``cli.write``'s locked transaction and commit helpers): only the
item's block changes, the edit is dated today, and ``--commit`` makes one commit of it.
"""

from typing import Annotated

import typer

from ledger.cli.common import command
from ledger.cli.write import CommitOpt, _apply
from ledger.core.model import Item
from ledger.errors import LedgerError, Refused, UsageError
from ledger.i18n import tr

NAMES = {"by": "--by", "reason": "--reason", "text": "--text", "lead": "--lead", "responsible": "--responsible",
         "source": "--source", "deadline": "--deadline-class", "date": "today"}
"""How the command line calls the fields an edit is refused over."""


@command("edit")
def edit_command(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The item to correct, such as 2-8.")],
    text: Annotated[str | None, typer.Option("--text", metavar="TEXT", help="The problem as reported.")] = None,
    lead: Annotated[str | None, typer.Option("--lead", metavar="UNIT", help="The lead unit (name or alias).")] = None,
    responsible: Annotated[list[str] | None, typer.Option(
        "--responsible", metavar="UNIT,...", help="The responsible units, all of them: repeatable, or separated by "
                                                  "、 or commas.")] = None,
    source: Annotated[str | None, typer.Option("--source", metavar="TEXT", help="Where it came from.")] = None,
    deadline_class: Annotated[str | None, typer.Option(
        "--deadline-class", metavar="DATE|ongoing",
        help="The original deadline's class: a date (限期整改, by that day) or ongoing (立行立改，长期坚持). "
             "Only while no extension or close-out rests on it.")] = None,
    reason: Annotated[str | None, typer.Option("--reason", metavar="TEXT", help="Why it is corrected.")] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who corrects it.")] = None,
    commit: CommitOpt = None,
) -> None:
    """Correct an item's plain fields (text, units, source, deadline class), keeping the old values
    in its history with who, when and why. Progress, extensions and close-outs are never changed.

    Example: ledger edit 2-8 --lead 区建设环保局 --reason "牵头单位录入有误" --by 张三
    """
    from ledger.cli.common import MISSING_VALUES, resolve_unit
    from ledger.core import corrections
    from ledger.core.dates import parse_deadline
    from ledger.core.typed import unit_list
    from ledger.environment import today

    if not reason:
        raise typer.BadParameter(tr("a reason is required"), param_hint="--reason")
    if not by:
        raise typer.BadParameter(tr("who corrects it is required"), param_hint="--by")
    if all(v is None for v in (text, lead, responsible, source, deadline_class)):
        raise UsageError(tr("nothing to edit: give --text, --lead, --responsible, --source or --deadline-class"))
    deadline = parse_deadline(deadline_class, "--deadline-class") if deadline_class is not None else None

    def change(txn, item: Item) -> Item:  # type: ignore[no-untyped-def]
        ledger = txn.ledger
        units = None if responsible is None else [resolve_unit(ledger, n, "--responsible") or n
                                                  for n in unit_list(responsible)]
        try:
            return corrections.edit(item, by=by, reason=reason, today=today(), text=text,
                                    lead=resolve_unit(ledger, lead, "--lead") if lead and lead.strip() else lead,
                                    responsible=units, source=source, deadline=deadline)
        except Refused as exc:
            kind = UsageError if exc.template in MISSING_VALUES else LedgerError
            raise kind(exc.named(NAMES)) from None

    def fields(new: Item) -> str:
        return ", ".join(new.edits[-1].changed)

    def said(new: Item) -> str:
        from ledger.render.card import edited_field

        return tr("edited {id}: {fields}", id=new.id, fields=", ".join(edited_field(n) for n in new.edits[-1].changed))

    _apply("edit", item_id, change, commit, lambda new: f"{fields(new)}: {reason}", said, quick=False)
