"""The 台账 spreadsheet in and out: export and import."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ledger.cli.common import command, data_dir, loaded, out
from ledger.i18n import tr


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"


EXPORT_SUFFIXES = {".xlsx": ExportFormat.xlsx, ".csv": ExportFormat.csv}
"""-o FILE's extension decides the format; a --format that says otherwise is refused."""


@command("export")
def export_command(
    output: Annotated[str, typer.Option("-o", "--output", metavar="FILE",
                                        help="The file to write (.xlsx or .csv; - for standard output).")],
    fmt: Annotated[ExportFormat | None, typer.Option(
        "--format", help="xlsx (Excel) or csv (UTF-8 with a BOM) (default: from -o FILE's extension, else xlsx).")]
    = None,
) -> None:
    """Export the ledger as the 整改台账 spreadsheet departments exchange.

    Columns: 序号, 问题编号, 反馈问题, 牵头部门, 责任部门, 整改时限, 整改进展, 完成情况, 销号时间,
    佐证材料. The xlsx has a frozen header, fitted widths, wrapped cells, overdue rows in red and a
    second sheet with the report by lead unit; the csv is UTF-8 with a BOM, so Excel shows the
    Chinese. `ledger import` reads either back. The file's extension says which (台账.csv is a
    csv); -o - writes to standard output. An xlsx cell holds at most 32,767 characters: a longer
    text is refused (a csv has no limit).

    Examples:

      ledger export -o 台账.xlsx

      ledger export -o 台账.csv

      ledger export --format csv -o - | head
    """
    from ledger.cli.output import check_target, chosen_format, write
    from ledger.environment import today

    fmt = chosen_format(output, fmt, EXPORT_SUFFIXES, ExportFormat.xlsx)
    if output != "-":
        check_target(output, data_dir())
    ledger = loaded()
    day = today()
    if fmt is ExportFormat.csv:
        from ledger.sheet.export import to_csv

        data = to_csv(ledger.items, day).encode("utf-8")
    else:
        from ledger.reports.by_unit import build_report
        from ledger.sheet.export import to_xlsx

        data = to_xlsx(ledger.items, day, build_report(ledger.items, ledger.units, day, "lead"))
    write(data, output, ledger.data_dir, binary=fmt is ExportFormat.xlsx)


@command("import")
def import_command(
    file: Annotated[str, typer.Argument(metavar="FILE.xlsx|FILE.csv", help="The 台账 sheet to read.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row and print what would change; write nothing.")]
    = False,
    commit: Annotated[bool | None, typer.Option("--commit/--no-commit",
                                                help="Make one git commit of the import (default: data/settings.yaml).")] = None,
) -> None:
    """Import a 台账 spreadsheet: add new items, update known ones in the columns the sheet has.

    Every row is checked first; problems print as FILE:SHEET:ROW:COLUMN: message and nothing is
    written unless every row is valid. Text, lead and responsible units are replaced; a new
    deadline in 整改时限 is an extension from today, with its reason in a column 延期理由 (and
    who approved it in 延期批准人); new items are recorded as added today; new lines at the end
    of 整改进展 become progress notes; a row marked
    已销号，销号人：NAME with 销号时间 and 佐证材料 closes an open item. Recorded history (notes,
    extensions, close-outs, look-backs) is never changed or removed by a sheet.

    Examples:

      ledger import 台账.xlsx --dry-run

      ledger import 台账.csv
    """
    from ledger.environment import today
    from ledger.sheet.importer import apply, plan_import
    from ledger.store.load import load, require_valid
    from ledger.store.transaction import transaction

    path = Path(file)
    folder = data_dir()
    if dry_run:
        ledger = load(folder)
        require_valid(ledger)
        plan = plan_import(ledger, path, today())
        if plan.problems:
            raise _problems(plan)
        _said(plan, dry_run)
        return
    from ledger.cli import common
    from ledger.cli.write import recover_git, said_committed, start_commit
    from ledger.store.journal import Interrupts

    notices: list[str] = []
    committer = start_commit(folder, commit)  # git's preconditions, before anything is written
    with Interrupts(outlive=common.console_script) as interrupts:  # once the change is in, it is said
        with transaction(folder, notices, committer, recover_git, interrupts) as txn:
            plan = plan_import(txn.ledger, path, today())
            if plan.problems:
                raise _problems(plan)
            apply(txn, plan)  # every file it changes lands at once, or none does
            if committer is not None:
                ids = [c.item.id for c in plan.changes]
                committer.describe("import", path.name, ", ".join(ids[:5]) + (" …" if len(ids) > 5 else ""), items=ids)
        for notice in notices:
            sys.stderr.write(notice + "\n")
        _said(plan, dry_run)
        said_committed(committer)


def _said(plan: Any, dry_run: bool) -> None:
    for change in plan.changes:
        if change.new:
            line = tr("would add {id}", id=change.item.id) if dry_run else tr("added {id}", id=change.item.id)
        else:
            line = tr("would update {id}", id=change.item.id) if dry_run else tr("updated {id}", id=change.item.id)
        out(line + (": " + ", ".join(change.what) if change.what else "") + "\n")
    new = sum(1 for c in plan.changes if c.new)
    summary = tr("{rows} rows: {new} new, {changed} changed, {same} unchanged", rows=len(plan.table.rows), new=new,
                 changed=len(plan.changes) - new, same=plan.unchanged)
    if dry_run:
        summary += " " + tr("(dry run: nothing written)")
    out(summary + "\n")


def _problems(plan: Any) -> Exception:
    from ledger.errors import LedgerError, display_path

    return LedgerError(tr("{n} rows of {path} have problems; nothing was written",
                          n=len({p.line for p in plan.problems}), path=display_path(plan.table.path)),
                       problems=plan.problems)
