"""Importing a 台账 spreadsheet (xlsx or csv) into the ledger.

The sheet is the export's (``sheet.columns``) or an office's own 台账: the header is found by
``sheet.header`` (aliases, ``--map``), rows that are not items are skipped (``sheet.layout``),
merged cells are filled (``sheet.workbook``), units and deadlines are read as offices write them
(``sheet.row_fields``). A row whose 问题编号 (else 序号) is a known item of the import's batch
updates that item; any other row adds a new item (``--batch NAME``: ids ``NAME-<序号>``, see
``sheet.batches``). Sub-items sharing a merged 序号 are numbered ``4-1``, ``4-2``.

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

import difflib
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from ledger.core import actions
from ledger.core.checks import ID_PATTERN
from ledger.core.model import Item, Ledger
from ledger.core.texts import CONTROL
from ledger.errors import LedgerError, Refused
from ledger.i18n import tr
from ledger.sheet.base import read_base, rebase
from ledger.sheet.claim_cells import claim_cells, free_progress
from ledger.sheet.history_cells import closeout_cells, extension_cells, progress_cells
from ledger.sheet.plan import Change, Options, Plan, Row
from ledger.sheet.row_fields import plain_fields
from ledger.sheet.table import EXTENSION_HEADERS, SheetProblem, read_table
from ledger.store.transaction import Transaction

COLUMNS_OF_NEW = {"text": "反馈问题", "question": "问题编号", "source": "问题编号"}
"""How a sheet calls the fields of a change the domain refuses (``errors.Refused``)."""
EXPORT_COLUMNS = frozenset({"问题编号", "反馈问题", "牵头部门", "责任部门", "整改时限", "整改进展", "完成情况", "销号时间",
                            "佐证材料", *EXTENSION_HEADERS})
LABELS = {"text": "反馈问题", "lead": "牵头部门", "responsible": "责任部门", "and_others": "责任部门", "category": "问题类别",
          "target": "整改目标", "measures": "整改措施", "leader": "责任领导", "contact": "责任人", "remarks": "备注"}


def _item_id(r: Row, ids: dict[int, str]) -> str | None:
    item_id = ids.get(r.row.number, r.text("问题编号"))
    if isinstance(r.value("问题编号"), date):
        r.problem("问题编号", tr("Excel turned this id into a date: format the column as text and type the id again"))
        return None
    if not item_id:
        r.problem("问题编号", tr("must not be empty"))
        return None
    if r.plan.batch is not None:
        item_id = r.plan.batch.item_id(item_id)
    r.item_id = item_id
    if not ID_PATTERN.match(item_id):
        r.problem("问题编号", tr("invalid id {id!r}: use letters, digits and dashes, such as 2-8", id=item_id))
        return None
    return item_id


def _history(r: Row, item: Item, wanted: object, today: date, batch_date: date | None, what: list[str]) -> Item | None:
    extended = extension_cells(r, item, wanted, today, batch_date)  # type: ignore[arg-type]
    if extended is None:
        return None
    item, did_extend = extended
    if did_extend:
        what.append(tr("extended to {to}", to=item.extensions[-1].to))
    progressed = progress_cells(r, item, today, batch_date) if r.plan.own else free_progress(r, item, today, batch_date)
    if progressed is None:
        return None
    item, notes = progressed
    if notes:
        what.append(tr("progress notes +{n}", n=notes))
    full = r.plan.own or any(r.text(h) for h in ("销号时间", "佐证材料"))
    closed = closeout_cells(r, item, today, batch_date) if full else (item, False)
    if closed is None:
        return None
    item, did_close = closed
    if did_close:
        assert item.closed is not None
        what.append(tr("closed on {date}", date=item.closed.date))
    elif not r.plan.own:
        item, claimed = claim_cells(r, item, today)
        if claimed:
            what.append(tr("claims completion ({words}): awaiting evidence", words=item.claimed.text))  # type: ignore[union-attr]
    return item


def _plan_row(ledger: Ledger, r: Row, seen: dict[str, int], today: date, source: str, ids: dict[int, str]) -> None:
    item_id = _item_id(r, ids)
    if item_id is None:
        return
    if item_id in seen:
        r.problem("问题编号", tr("item {id} is on row {row} already", id=item_id, row=seen[item_id]))
        return
    seen[item_id] = r.row.number
    for header, cell in r.row.cells.items():
        if isinstance(cell.value, str) and CONTROL.search(cell.value):
            r.problem(header, tr("control characters are not allowed"))
            return
    target = r.plan.batch
    known = item_id in ledger.index()
    if known and target is not None and ledger.files[ledger.index()[item_id][0]].path != target.path:
        r.problem("问题编号", tr("item {id} belongs to another batch", id=item_id))
        return
    original = ledger.get(item_id) if known else None
    fields = plain_fields(ledger, r, original)
    if fields is None:
        return
    if target is not None:
        batch_date = target.batch.date
    else:
        batch = ledger.batch_of(item_id) if known else ledger.files[new_items_file(ledger)].batch
        batch_date = batch.date if batch else None
    what: list[str] = []
    wanted = fields.pop("deadline", None)
    if original is not None:
        item = replace(original, **fields)
        what = list(dict.fromkeys(LABELS[k] for k, v in fields.items() if getattr(original, k) != v))
        if "text" in fields and fields["text"] != original.text:
            kept = round(100 * difflib.SequenceMatcher(None, original.text, fields["text"]).ratio())
            if kept < 50:
                r.plan.rewritten.append((item_id, kept))
    else:
        match = re.match(r"^(\d+)-", item_id)
        prompts = ledger.files[new_items_file(ledger)].questions if target is None else {}
        question = int(match[1]) if target is None and match and (not prompts or match[1] in prompts) else None
        added = None if target is not None else _added(r.plan, today, batch_date)
        try:
            item = actions.new_item(item_id=item_id, text=fields.get("text", ""), lead=fields.get("lead", ""),
                                    responsible=list(fields.get("responsible", ())), deadline=wanted,  # type: ignore[arg-type]
                                    question=question, source=None if question else source,
                                    leader=fields.get("leader"), and_others=fields.get("and_others", False),
                                    added=added, today=today, batch_date=batch_date)
        except Refused as exc:
            r.problem(None, exc.named(COLUMNS_OF_NEW))
            return
        extra = {k: v for k, v in fields.items() if k in LABELS and k != "leader" and v is not None}
        section = r.plan.table.layout.sections.get(r.row.number) if r.plan.table.layout else None
        if section and "category" not in extra:
            extra["category"] = section  # the section row above it: 一、政务服务 → 政务服务
        item = replace(item, source=None if target else item.source, **extra)  # a batch says its own source
        wanted = None
    done = _history(r, item, wanted, today, batch_date, what)
    if done is None:
        return
    if original is None:
        r.plan.changes.append(Change(done, True, what, r.row.number))
    elif done != original:
        r.plan.changes.append(Change(done, False, what, r.row.number))
    else:
        r.plan.unchanged += 1


def _added(plan: Plan, today: date, batch_date: date | None) -> date:
    """A new item enters the ledger on the day the sheet stands as of, if it says one, else today."""
    day = plan.as_of if plan.as_of is not None and plan.as_of <= today else today
    return max(day, batch_date) if batch_date else day


def sub_item_ids(plan: Plan) -> dict[int, str]:
    """Rows whose 序号 is one merged cell over several rows (sub-items of one problem): ``4-1``, ``4-2`` …"""
    groups: dict[tuple[int, int], list[int]] = {}
    for row in plan.table.rows:
        cell = row.cells.get("问题编号")
        if cell is not None and cell.merge is not None:
            groups.setdefault(cell.merge, []).append(row.number)
    ids: dict[int, str] = {}
    by_number = {row.number: row for row in plan.table.rows}
    for rows in groups.values():
        if len(rows) > 1:
            for k, number in enumerate(rows, 1):
                ids[number] = f"{by_number[number].cells['问题编号'].value}-{k}"
    return ids


def new_items_file(ledger: Ledger) -> int:
    """Where new items go, as with ``ledger add``: items.yaml when there is one, else the last of items/."""
    if not ledger.files:
        raise LedgerError(tr("the ledger has no items file to add new items to"))
    first = ledger.files[0].path
    return 0 if first.name == "items.yaml" and first.parent == ledger.data_dir else len(ledger.files) - 1


def plan_import(ledger: Ledger, path: Path, today: date, options: Options | None = None) -> Plan:
    """Check every row of the sheet against the ledger; the changes it would make, or the problems."""
    from ledger.sheet.batches import batch_target

    options = options or Options()
    table = read_table(path, options.sheet, options.maps)
    layout = table.layout
    assert layout is not None
    plan = Plan(table, add_units=options.add_units)
    plan.own = (layout.own_layout and set(table.columns) <= EXPORT_COLUMNS
                and layout.header.names.get("问题编号") == "问题编号")  # the export's id column, as exported
    plan.year = layout.plan_year or options.year
    plan.as_of = options.as_of or layout.as_of
    if options.batch is not None:
        plan.batch = batch_target(ledger, options.batch, layout, options.source, options.date, path.name, today)
        if plan.as_of is None:
            plan.as_of = plan.batch.batch.date
    if "问题编号" not in table.columns:
        plan.problems.append(SheetProblem(str(path), tr(
            "no column gives the items' numbers (问题编号 or 序号): add one, or name it with --map 表头=问题编号"),
            layout.header.row, sheet=table.sheet))
        return plan
    seen: dict[str, int] = {}
    ids = sub_item_ids(plan)
    base = read_base(path)  # a returned export: its untouched cells are no change (sheet.base)
    for row in table.rows:
        r = Row(table, row, plan)
        if base is None or rebase(base, ledger, r):
            _plan_row(ledger, r, seen, today, path.name, ids)
    return plan


def apply(txn: Transaction, plan: Plan) -> None:
    """Write the plan's changes: units to add first, ``replace`` for known items, ``add`` for new ones
    (into the batch's file, made if new; else see ``new_items_file``)."""
    from ledger.core.units import new_unit
    from ledger.sheet.unit_cells import kind_of

    if plan.new_units:
        units: list = []
        for name in plan.new_units:
            units.append(new_unit([*txn.ledger.units, *units], name, kind_of(name)))
        txn.add_units(units)
    target = plan.batch
    if target is not None and target.fi is None and any(c.new for c in plan.changes):
        target.fi = txn.new_file(target.path, target.header_text(), target.batch)
    fi = target.fi if target is not None else new_items_file(txn.ledger)
    for change in plan.changes:
        if change.new:
            txn.add(change.item, fi)  # type: ignore[arg-type]
        else:
            txn.replace(change.item)
