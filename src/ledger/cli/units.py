"""Units as commands: ``ledger units list`` and ``ledger units add`` (departments.yaml, one block a unit)."""

import sys
from enum import Enum
from typing import Annotated

import typer

from ledger.cli.common import command, data_dir, loaded, out
from ledger.errors import LedgerError, Refused
from ledger.i18n import tr

UNIT_FLAGS = {"name": "NAME", "kind": "--kind", "aliases": "--alias"}
"""How the command line calls the fields of a unit that the domain refuses."""
UNIT_COLUMNS = ("name", "kind", "aliases", "note", "roles", "email")


class Kind(str, Enum):
    district = "district"
    city = "city"
    enterprise = "enterprise"
    group = "group"


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@command("list", group="units")
def units_list_command(
    fmt: Annotated[ListFormat, typer.Option("--format", help="table, json or csv.")] = ListFormat.table,
) -> None:
    """List the units of departments.yaml: name, kind, aliases, note, roles, email, in the file's order.

    Examples:

      ledger units list

      ledger units list --format json
    """
    ledger = loaded()
    records = [{"name": u.name, "kind": u.kind, "aliases": list(u.aliases), "note": u.note, "roles": list(u.roles),
                "email": u.email} for u in ledger.units]
    if fmt is ListFormat.json:
        from ledger.render.text import to_json

        out(to_json(records))
        return
    if fmt is ListFormat.csv:
        from ledger.render.text import to_csv

        out(to_csv(list(UNIT_COLUMNS), [[r[c] for c in UNIT_COLUMNS] for r in records]))
        return
    if not records:
        out(tr("no units yet: add one with ledger units add NAME --kind district|city|enterprise|group") + "\n")
        return
    import shutil

    from ledger.render.grid import table

    headers = [tr("Unit"), tr("Kind"), tr("Aliases"), tr("Note")]
    rows = [[r["name"], tr(r["kind"]) + ("、" + tr("reviewer") if r["roles"] else ""), "、".join(r["aliases"]),
             r["note"] or ""] for r in records]
    footer = tr("{n} units", n=len(rows)) if len(rows) != 1 else tr("{n} unit", n=1)
    out(table(headers, rows, flexible=3, total=shutil.get_terminal_size((80, 24)).columns, footer=footer,
              caps={1: 20, 2: 30}))  # kind and aliases wrap too: the table fits the terminal


@command("add", group="units")
def units_add_command(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The unit's full name, as the plan and the 台账 write it.")],
    kind: Annotated[Kind, typer.Option("--kind", help="district (区县级部门), city (市级单位), enterprise (企业) or "
                                                      "group (成员未列出的单位集合).")],
    alias: Annotated[list[str] | None, typer.Option("--alias", metavar="A",
                                                    help="A short form accepted wherever a unit is typed; repeatable.")]
    = None,
    reviewer: Annotated[bool, typer.Option("--reviewer", help="The unit reviews requests for sign-off "
                                                             "(ledger approve / return): roles: [reviewer].")] = False,
    commit: Annotated[bool | None, typer.Option("--commit/--no-commit",
                                                help="Make one git commit of this change (default: data/settings.yaml).")]
    = None,
) -> None:
    """Add a unit to departments.yaml: one block after the last unit, every other byte of the
    file kept. Refused, with nothing changed, when the name or an alias is already a unit's
    name or alias.

    Examples:

      ledger units add 区财政局 --kind district --alias 财政局

      ledger units add 各镇（街道） --kind group
    """
    from ledger.cli import common
    from ledger.cli.write import recover_git, said_committed
    from ledger.core.model import Unit
    from ledger.core.units import new_unit
    from ledger.store.journal import Interrupts
    from ledger.store.units import add_unit

    folder = data_dir()
    committer = _start_commit(folder, commit)

    def make(units: list[Unit]) -> Unit:
        try:
            unit = new_unit(units, name, kind.value, alias or [], reviewer=reviewer)
        except Refused as exc:
            raise LedgerError(exc.named(UNIT_FLAGS)) from None
        if committer is not None:
            committer.describe("units add", unit.name, unit.kind)
        return unit

    notices: list[str] = []
    with Interrupts(outlive=common.console_script) as interrupts:
        unit = add_unit(folder, make, notices, committer, recover_git, interrupts)
        for notice in notices:
            sys.stderr.write(notice + "\n")
        shown = tr("added unit {name} ({kind})", name=unit.name, kind=unit.kind)
        if unit.aliases:
            shown += tr(", aliases {aliases}", aliases="、".join(unit.aliases))
        if unit.roles:
            shown += tr(", reviews requests for sign-off")
        out(shown + "\n")
        said_committed(committer)  # type: ignore[arg-type]


def _start_commit(folder, commit):  # type: ignore[no-untyped-def]
    """With ``--commit`` (or ``commit: true`` in settings): git's preconditions, checked first."""
    from ledger.git.audit import wants_commit

    if not (commit if commit is not None else wants_commit(folder)):
        return None
    from ledger.git.unit_commit import UnitsCommit

    return UnitsCommit.start(folder)
