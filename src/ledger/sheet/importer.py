"""Importing a 台账 spreadsheet (xlsx or csv) into the ledger.

The sheet has the columns of ``sheet.columns`` (a header row within the first ten rows; columns in
any order; columns it lacks are left alone; unknown columns are ignored). A row whose 问题编号 is
a known item updates that item; any other row adds a new item.

What a row can change:
- plain fields, replaced when they differ: 反馈问题 (text), 牵头部门 (lead), 责任部门 (responsible,
  ``等部门`` → and_others).
- 整改时限: its first line is the original deadline. A different one there moves the deadline: an
  extension from the import day, as ``ledger extend`` records it, so the row needs its reason in
  延期理由 (alias 延期原因) and may name who approved it in 延期批准人; refused for a closed item, an
  ongoing one (立行立改，长期坚持) or a deadline that is not later than the one in force.
- 整改进展: the exported lines must stay as they are; new lines added at the end, each
  ``YYYY-MM-DD text`` (optionally `` — who``), become progress notes.
- 完成情况 / 销号时间 / 佐证材料: a close-out. An item the sheet marks 已销号 that is open in the
  ledger is closed, if the row has the day (销号时间), the evidence (佐证材料, one per line) and
  the sign-off (``已销号，销号人：NAME``); otherwise the row is refused. A close-out already in
  the ledger cannot be changed or undone by a sheet (``ledger reopen`` needs a reason).
- The extension lines of 整改时限 and the look-back lines of 完成情况 are summaries: they must
  stay as exported (``ledger extend`` / ``ledger reopen`` record those, with their reasons).
- A new item is recorded as added on the import day.

Every row is checked before anything is written; the problems come out as
``FILE:SHEET:ROW:COLUMN: item ID: 列名: message`` and nothing is written unless there are none.
Changes go through ``store.transaction`` (``replace`` / ``add``), so only changed blocks move.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ledger.core import actions
from ledger.core.checks import ID_PATTERN
from ledger.core.model import Item, Ledger
from ledger.core.texts import CONTROL
from ledger.errors import LedgerError, Refused, UsageError
from ledger.i18n import tr
from ledger.sheet.columns import (
    AND_OTHERS,
    extension_line,
)
from ledger.sheet.history_cells import closeout_cells, extension_cells, progress_cells
from ledger.sheet.plan import Change, Plan, Row
from ledger.sheet.table import read_table
from ledger.store.transaction import Transaction

COLUMNS_OF_NEW = {"text": "反馈问题", "question": "问题编号", "source": "问题编号"}
"""How a sheet calls the fields of a change the domain refuses (``errors.Refused``)."""


def _units(ledger: Ledger, r: Row, header: str, names: list[str]) -> list[str] | None:
    table = ledger.unit_names()
    out: list[str] = []
    ok = True
    for name in names:
        if name not in table:
            import difflib

            near = difflib.get_close_matches(name, [u.name for u in ledger.units], n=1, cutoff=0.5)
            r.problem(header, tr("unknown unit {name!r}; did you mean {suggestion}?", name=name, suggestion=near[0])
                      if near else tr("unknown unit {name!r}", name=name))
            ok = False
        elif table[name] in out:
            r.problem(header, tr("responsible units list {name!r} twice", name=table[name]))
            ok = False
        else:
            out.append(table[name])
    return out if ok else None


def _plain_fields(ledger: Ledger, r: Row, item: Item | None) -> dict[str, Any] | None:
    """The plain fields the row carries, checked: {field: value}; None if any is bad."""
    from ledger.core.dates import parse_deadline

    values: dict[str, Any] = {}
    ok = True
    for header in ("反馈问题", "牵头部门", "责任部门", "整改时限"):
        if not r.has(header):
            if item is None:
                r.problem(None, tr("column {column} is needed to add a new item", column=header))
                ok = False
            continue
        raw = r.text(header)
        if not raw:
            r.problem(header, tr("must not be empty"))
            ok = False
            continue
        if header == "反馈问题":
            values["text"] = raw
        elif header == "牵头部门":
            lead = _units(ledger, r, header, [raw])
            ok = ok and lead is not None
            if lead:
                values["lead"] = lead[0]
        elif header == "责任部门":
            words = raw.replace("\n", "、")
            and_others = words.endswith(AND_OTHERS)
            if and_others:
                words = words[: -len(AND_OTHERS)]
            names = [n.strip() for n in re.split(r"[、,，;；]", words) if n.strip()]
            units = _units(ledger, r, header, names) if names else None
            if not names:
                r.problem(header, tr("must not be empty"))
            ok = ok and units is not None
            if units:
                values["responsible"] = tuple(units)
                values["and_others"] = and_others
        else:
            first, *rest = r.lines(header)
            try:
                deadline = parse_deadline(first, "整改时限")
            except UsageError:
                r.problem(header, tr("{value!r} is not a deadline: write 2024年8月31日前, 2024-08-31 or 立行立改，长期坚持",
                                     value=first))
                ok = False
                continue
            recorded = [extension_line(e) for e in item.extensions] if item else []
            if rest != recorded:
                r.problem(header, tr("the lines after the deadline are its extensions as recorded; they cannot change "
                                     "here (use ledger extend, which needs a reason)"))
                ok = False
            values["deadline"] = deadline
    return values if ok else None


def _plan_row(ledger: Ledger, r: Row, seen: dict[str, int], today: date, source: str) -> None:
    item_id = r.text("问题编号")
    if isinstance(r.value("问题编号"), date):
        r.problem("问题编号", tr("Excel turned this id into a date: format the column as text and type the id again"))
        return
    if not item_id:
        r.problem("问题编号", tr("must not be empty"))
        return
    r.item_id = item_id
    if not ID_PATTERN.match(item_id):
        r.problem("问题编号", tr("invalid id {id!r}: use letters, digits and dashes, such as 2-8", id=item_id))
        return
    if item_id in seen:
        r.problem("问题编号", tr("item {id} is on row {row} already", id=item_id, row=seen[item_id]))
        return
    seen[item_id] = r.row.number
    for header, cell in r.row.cells.items():
        if isinstance(cell.value, str) and CONTROL.search(cell.value):
            r.problem(header, tr("control characters are not allowed"))
            return
    known = item_id in ledger.index()
    original = ledger.get(item_id) if known else None
    fields = _plain_fields(ledger, r, original)
    if fields is None:
        return
    target = new_items_file(ledger)
    batch = ledger.batch_of(item_id) if known else ledger.files[target].batch
    batch_date = batch.date if batch else None
    what: list[str]
    wanted = fields.get("deadline")
    if original is not None:
        fields.pop("deadline", None)  # a new deadline is an extension (below), never an edit of the original
        item = replace(original, **fields)
        labels = {"text": "反馈问题", "lead": "牵头部门", "responsible": "责任部门", "and_others": "责任部门"}
        what = list(dict.fromkeys(labels[k] for k, v in fields.items() if getattr(original, k) != v))
    else:
        match = re.match(r"^(\d+)-", item_id)
        prompts = ledger.files[target].questions
        question = int(match[1]) if match and (not prompts or match[1] in prompts) else None
        try:
            item = actions.new_item(item_id=item_id, text=fields["text"], lead=fields["lead"],
                                    responsible=list(fields["responsible"]), deadline=fields["deadline"],
                                    question=question, source=None if question else source, leader=None,
                                    and_others=fields["and_others"], added=today, today=today,
                                    batch_date=batch_date)
        except Refused as exc:
            r.problem(None, exc.named(COLUMNS_OF_NEW))
            return
        what = []
    extended = extension_cells(r, item, wanted, today, batch_date)
    if extended is None:
        return
    item, did_extend = extended
    if did_extend:
        what.append(tr("extended to {to}", to=item.extensions[-1].to))
    progressed = progress_cells(r, item, today, batch_date)
    if progressed is None:
        return
    item, notes = progressed
    if notes:
        what.append(tr("progress notes +{n}", n=notes))
    closed = closeout_cells(r, item, today, batch_date)
    if closed is None:
        return
    item, did_close = closed
    if did_close:
        assert item.closed is not None
        what.append(tr("closed on {date}", date=item.closed.date))
    if original is None:
        r.plan.changes.append(Change(item, True, what, r.row.number))
    elif item != original:
        r.plan.changes.append(Change(item, False, what, r.row.number))
    else:
        r.plan.unchanged += 1


def new_items_file(ledger: Ledger) -> int:
    """Where new items go, as with ``ledger add``: items.yaml when there is one, else the last of items/."""
    if not ledger.files:
        raise LedgerError(tr("the ledger has no items file to add new items to"))
    first = ledger.files[0].path
    return 0 if first.name == "items.yaml" and first.parent == ledger.data_dir else len(ledger.files) - 1


def plan_import(ledger: Ledger, path: Path, today: date) -> Plan:
    """Check every row of the sheet against the ledger; the changes it would make, or the problems."""
    table = read_table(path)
    plan = Plan(table)
    if "问题编号" not in table.columns:  # pragma: no cover - _table only accepts a header row that has it
        return plan
    seen: dict[str, int] = {}
    for row in table.rows:
        _plan_row(ledger, Row(table, row, plan), seen, today, path.name)
    return plan


def apply(txn: Transaction, plan: Plan) -> None:
    """Write the plan's changes: ``replace`` for known items, ``add`` for new ones (see ``new_items_file``)."""
    target = new_items_file(txn.ledger)
    for change in plan.changes:
        if change.new:
            txn.add(change.item, target)
        else:
            txn.replace(change.item)
