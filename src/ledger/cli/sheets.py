"""The 台账 spreadsheet in and out: export and import."""

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ledger.cli.common import command, data_dir, loaded
from ledger.i18n import tr


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"


EXPORT_SUFFIXES = {".xlsx": ExportFormat.xlsx, ".csv": ExportFormat.csv}
"""-o FILE's extension decides the format; a --format that says otherwise is refused."""


class ExportTemplate(str, Enum):
    default = "default"
    official = "official"


def _report_language(ctx: typer.Context) -> str:
    """The report sheet's language: what --lang names on the command line, else Chinese (a 台账 is a Chinese document)."""
    explicit = ctx.find_root().params.get("lang")
    return "en" if explicit and not str(explicit).lower().startswith("zh") else "zh"


@command("export")
def export_command(
    ctx: typer.Context,
    output: Annotated[str, typer.Option("-o", "--output", metavar="FILE",
                                        help="The file to write (.xlsx or .csv; - for standard output).")],
    fmt: Annotated[ExportFormat | None, typer.Option(
        "--format", help="xlsx (Excel) or csv (UTF-8 with a BOM) (default: from -o FILE's extension, else xlsx).")]
    = None,
    template: Annotated[ExportTemplate, typer.Option("--template", help=(
        "default, or official: for the supervising office, with a title row, a 截至 row and the "
        "columns 问题类别, 整改目标, 整改措施, 责任领导, 责任人, 是否销号 and 备注."))] = ExportTemplate.default,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help=(
        "The official template's title row (default: the batch's name + 反馈问题整改台账, else 整改销号台账)."))] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=(
        "The day the sheet stands at: the 截至 row, the overdue marks and the report (default today)."))] = None,
) -> None:
    """Export the ledger as the 整改台账 spreadsheet departments exchange.

    Columns: 序号, 问题编号, 反馈问题, 牵头部门, 责任部门, 整改时限, 整改进展, 完成情况, 销号时间,
    佐证材料. The xlsx has a frozen header, fitted widths, wrapped cells, overdue rows in red and a
    second sheet with the report by lead unit; the csv is UTF-8 with a BOM, so Excel shows the
    Chinese. `ledger import` reads either back. The file's extension says which (台账.csv is a
    csv); -o - writes to standard output. An xlsx cell holds at most 32,767 characters: a longer
    text is refused (a csv has no limit). The report sheet is in Chinese unless --lang en is given.

    Returned copies: the xlsx carries its base (a hidden sheet of what each row held), so the
    copies several departments fill in and send back import in any order: what a department did
    not touch is no change, and two copies changing one cell differently are refused, naming both
    values. A csv carries no base: import returned csv copies one at a time, re-exporting between.

    Examples:

      ledger export -o 台账.xlsx

      ledger export --template official --as-of 2024-09-30 -o 台账.xlsx

      ledger export -o 台账.csv

      ledger export --format csv -o - | head
    """
    from ledger.cli.output import check_target, chosen_format, write
    from ledger.environment import today

    if output != "-":  # first: a file into the data folder is the graver mistake
        check_target(output, data_dir())
    fmt = chosen_format(output, fmt, EXPORT_SUFFIXES, ExportFormat.xlsx)
    from ledger.core.dates import parse_date
    from ledger.errors import UsageError
    from ledger.sheet.export import Sheet
    from ledger.sheet.template import last_record, title_of

    ledger = loaded()
    day = parse_date(as_of, "--as-of") if as_of else today()
    if as_of:
        late = last_record(ledger.items)
        if late is not None and late[1] > day:
            raise UsageError(tr("--as-of {date}: item {id} has a record of {day}, which the sheet would show; use a "
                                "day on or after the last record", date=day.isoformat(), id=late[0], day=late[1]))
    items = ledger.items_at(day)
    sheet = Sheet(day, template.value, title or title_of([ledger.batch_of(i.id) for i in items]), _report_language(ctx))
    if fmt is ExportFormat.csv:
        from ledger.sheet.export import to_csv

        data = to_csv(items, sheet).encode("utf-8")
    else:
        from ledger.reports.by_unit import build_report
        from ledger.sheet.export import to_xlsx

        data = to_xlsx(items, sheet, build_report(items, ledger.units, day, "lead"))
    write(data, output, ledger.data_dir, binary=fmt is ExportFormat.xlsx)


@command("import")
def import_command(
    file: Annotated[str, typer.Argument(metavar="FILE.xlsx|FILE.csv", help="The 台账 sheet to read.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row and print how the sheet was read and "
                                          "what would change; write nothing.")] = False,
    commit: Annotated[bool | None, typer.Option("--commit/--no-commit",
                                                help="Make one git commit of the import (default: data/settings.yaml).")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", metavar="NAME",
                                              help="The sheet to read (default: the one whose header matches best).")]
    = None,
    maps: Annotated[list[str] | None, typer.Option("--map", metavar="表头=字段",
                                                   help="Read a column the tool does not know (repeatable).")] = None,
    year: Annotated[int | None, typer.Option("--year", metavar="YYYY", help="The plan's year, for deadlines that name "
                                             "none, when the sheet's title and 截至 row do not say it.")] = None,
    batch: Annotated[str | None, typer.Option("--batch", metavar="NAME", help="Import into the batch NAME "
                                              "(items/NAME.yaml; ids NAME-<序号>).")] = None,
    source: Annotated[str | None, typer.Option("--source", metavar="TEXT", help="A new batch's source (default: the "
                                               "sheet's 填报单位, else the file's name).")] = None,
    batch_date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="A new batch's day (default: "
                                                   "the sheet's 截至 row).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD", help="The day the sheet stands as of, "
                                              "when it has no 截至 row (dates free-text 整改进展).")] = None,
    add_units: Annotated[bool, typer.Option("--add-units", help="Add the units the sheet names that the ledger "
                                            "lacks (as ledger units add does).")] = False,
) -> None:
    """Import a 台账 spreadsheet: the export, or an office's own 台账 in its own layout.

    The header is found in the first 20 rows of each sheet (title, 截至 and 填报单位 rows above it,
    two-level headers, the offices' column names: 序号, 问题描述, 牵头单位, 责任单位, 完成时限 …);
    blank, section (一、 （一）), 合计 and 注： rows are skipped; merged cells are filled. Deadlines
    are read as written (2024年6月底前, 6月底完成, 2020.12, 年底前, 三季度, 立行立改，长期坚持, date
    cells); one without a year takes the plan's year (title, 截至 row, --year). Several units per
    cell; the first lead leads. --dry-run prints how every column, deadline and unit was read.

    Every row is checked first; problems print as FILE:SHEET:ROW:COLUMN: message and nothing is
    written unless every row is valid. Known items are updated; a new deadline in 整改时限 is an
    extension from today, with its reason in 延期理由; new lines at the end of 整改进展 become
    progress notes (an office's free text: one note dated by the 截至 row or --as-of); a row
    marked 已销号，销号人：NAME with 销号时间 and 佐证材料 closes an open item, and a row saying
    已完成 or 是否销号 是 without them is kept as a claim awaiting evidence. Recorded history is
    never changed or removed by a sheet.

    Examples:

      ledger import 台账.xlsx --dry-run

      ledger import 整改台账.xlsx --batch zj2024 --add-units --dry-run

      ledger import 台账.csv --year 2024 --map 整改责任人=责任人
    """
    from ledger.cli.common import optional_date
    from ledger.cli.import_said import problems, said
    from ledger.environment import today
    from ledger.sheet.header import parse_maps
    from ledger.sheet.importer import apply, plan_import
    from ledger.sheet.plan import Options
    from ledger.store.load import load, require_valid
    from ledger.store.transaction import transaction

    options = Options(sheet=sheet, maps=parse_maps(maps or []), year=year, batch=batch, source=source,
                      date=optional_date(batch_date, "--date"), as_of=optional_date(as_of, "--as-of"),
                      add_units=add_units)
    path = Path(file)
    folder = data_dir()
    if dry_run:
        ledger = load(folder)
        require_valid(ledger)
        plan = plan_import(ledger, path, today(), options)
        if plan.problems:
            raise problems(plan)
        said(plan, dry_run)
        return
    from ledger.cli import common
    from ledger.cli.write import recover_git, said_committed, start_commit
    from ledger.store.journal import Interrupts

    notices: list[str] = []
    committer = start_commit(folder, commit)  # git's preconditions, before anything is written
    with Interrupts(outlive=common.console_script) as interrupts:  # once the change is in, it is said
        with transaction(folder, notices, committer, recover_git, interrupts) as txn:
            plan = plan_import(txn.ledger, path, today(), options)
            if plan.problems:
                raise problems(plan)
            apply(txn, plan)  # every file it changes lands at once, or none does
            if committer is not None:
                ids = [c.item.id for c in plan.changes]
                committer.describe("import", path.name, ", ".join(ids[:5]) + (" …" if len(ids) > 5 else ""), items=ids)
        for notice in notices:
            sys.stderr.write(notice + "\n")
        said(plan, dry_run)
        said_committed(committer)
