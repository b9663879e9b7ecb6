"""What ``ledger import`` says: how it read the sheet (sheet, header, mapping, phrases, units), then what changed."""

from __future__ import annotations

import sys
from typing import Any

from ledger.cli.common import out
from ledger.i18n import tr

SKIPPED = {"section": "a section row", "total": "a totals row", "note": "a note"}


def choice_line(plan: Any) -> str | None:
    """Which sheet and header row were read, when that was a choice (not the export's own layout)."""
    layout = plan.table.layout
    if layout is None or layout.own_layout:
        return None
    line = tr("read sheet {sheet!r}, header on row {row}", sheet=layout.sheet, row=layout.header.row)
    if len(layout.sheets) > 1:
        line += " " + tr("(of {sheets})", sheets=", ".join(layout.sheets))
    return line


def layout_lines(plan: Any) -> list[str]:
    """For ``--dry-run`` on an office's own 台账: the mapping used, the rows skipped, how every deadline
    and unit cell was read, the units to add, and the warnings."""
    layout = plan.table.layout
    if layout is None or (layout.own_layout and plan.own):
        return [f"{row}: {text}" for row, text in plan.warnings]
    lines = [line for line in [choice_line(plan)] if line]
    if layout.title:
        lines.append(tr("title: {title}", title=layout.title))
    if layout.as_of:
        lines.append(tr("as of: {date}", date=layout.as_of))
    if plan.year:
        where = tr("from the title") if layout.year_from == "title" else tr("from the 截至 row") if layout.year_from \
            else tr("from --year")
        lines.append(tr("plan year: {year} ({where})", year=plan.year, where=where))
    if plan.batch is not None:
        b = plan.batch.batch
        lines.append(tr("batch {id}: {name}, {date}, source {source}", id=b.id, name=b.name, date=b.date,
                        source=b.source or ""))
    lines.append(tr("columns:"))
    for name in layout.header.positions:
        lines.append(f"  {layout.header.names.get(name, name)} → {name} ({plan.table.columns[name]})")
    for row, why, first in layout.skipped:
        lines.append(tr("row {row} skipped: {why}: {text}", row=row, why=tr(SKIPPED[why]), text=first[:30]))
    for row, phrase, deadline, how in plan.readings:
        shown = tr("ongoing") if deadline == "ongoing" else str(deadline)
        lines.append(tr("row {row}: 整改时限 {phrase!r} → {deadline} ({how})", row=row, phrase=phrase, deadline=shown,
                        how=how))
    for row, column, words in plan.unit_notes:
        lines.append(tr("row {row}: {column}: read {words}", row=row, column=column, words=", ".join(words)))
    for name, row in plan.new_units.items():
        from ledger.sheet.unit_cells import kind_of

        lines.append(tr("new unit {name} ({kind}), first on row {row}", name=name, kind=kind_of(name), row=row))
    for item_id, kept in plan.rewritten:
        lines.append(tr("item {id}: the text is mostly rewritten ({kept}% kept): check the row is the same problem",
                        id=item_id, kept=kept))
    lines += [f"{tr('row {row}', row=row)}: {text}" for row, text in plan.warnings]
    return lines


def said(plan: Any, dry_run: bool) -> None:
    """The changes, one line each, then the counts; in a dry run, how the sheet was read first."""
    if dry_run:
        for line in layout_lines(plan):
            out(line + "\n")
    else:
        notes = [choice_line(plan)] + [f"{tr('row {row}', row=row)}: {text}" for row, text in plan.warnings]
        for line in notes:
            if line:
                sys.stderr.write(line + "\n")
    for change in plan.changes:
        if change.new:
            line = tr("would add {id}", id=change.item.id) if dry_run else tr("added {id}", id=change.item.id)
        else:
            line = tr("would update {id}", id=change.item.id) if dry_run else tr("updated {id}", id=change.item.id)
        out(line + (": " + ", ".join(change.what) if change.what else "") + "\n")
    new = sum(1 for c in plan.changes if c.new)
    rows = len(plan.table.rows)
    summary = tr("{rows} row: {new} new, {changed} changed, {same} unchanged" if rows == 1 else
                 "{rows} rows: {new} new, {changed} changed, {same} unchanged", rows=rows, new=new,
                 changed=len(plan.changes) - new, same=plan.unchanged)
    if plan.new_units:
        summary += tr(", {n} new unit", n=1) if len(plan.new_units) == 1 else tr(", {n} new units", n=len(plan.new_units))
    if dry_run:
        summary += " " + tr("(dry run: nothing written)")
    out(summary + "\n")


def problems(plan: Any) -> Exception:
    from ledger.errors import LedgerError, display_path

    n = len({p.line for p in plan.problems})
    return LedgerError(tr("{n} row of {path} has problems; nothing was written" if n == 1 else
                          "{n} rows of {path} have problems; nothing was written", n=n, path=display_path(plan.table.path)),
                       problems=plan.problems)
