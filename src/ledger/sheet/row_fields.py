"""A sheet row's plain fields, checked: text, units, the deadline as the office wrote it, and the official columns.

Units: several per cell (``unit_cells``); several leads → the first leads, the others are
responsible; no lead column or an empty one → the first responsible unit leads, with a warning.
An unknown unit is a problem with a same-level suggestion, or, with ``--add-units``, a unit to add.
Deadlines: an Excel date cell is the date; text is read by ``core.deadline_phrases`` with the
plan's year (the sheet's title or 截至 row, else ``--year``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ledger.core.deadline_phrases import read_phrase
from ledger.core.model import Item, Ledger
from ledger.errors import Refused
from ledger.i18n import tr
from ledger.sheet.columns import extension_line
from ledger.sheet.plan import Row
from ledger.sheet.unit_cells import split_units, suggestion

EXTRA = {"问题类别": "category", "整改目标": "target", "整改措施": "measures", "责任领导": "leader", "责任人": "contact",
         "备注": "remarks"}
"""The official 台账's columns kept as item fields, as written."""
RULE_WORDS = {"date": "a date", "month": "a month: its last day", "year_end": "the year's end", "half": "half a year",
              "quarter": "a quarter: its last day", "ongoing": "an ongoing phrase"}


def _units(ledger: Ledger, r: Row, header: str, names: list[str]) -> list[str] | None:
    table = ledger.unit_names()
    out: list[str] = []
    ok = True
    for name in names:
        if name not in table:
            if r.plan.add_units:
                r.plan.new_units.setdefault(name, r.row.number)
                out.append(name)
                continue
            near = suggestion(name, list(table))
            r.problem(header, tr("unknown unit {name!r}; did you mean {suggestion}?", name=name,
                                 suggestion=table[near]) if near else tr("unknown unit {name!r}", name=name))
            ok = False
        elif table[name] in out:
            r.problem(header, tr("responsible units list {name!r} twice", name=table[name]))
            ok = False
        else:
            out.append(table[name])
    return out if ok else None


def _deadline(r: Row, header: str) -> Any:
    value = r.value(header)
    if isinstance(value, datetime | date):
        r.plan.readings.append((r.row.number, value.isoformat(), value, tr("a date cell")))
        return value
    first, *_ = r.lines(header)
    phrase = r.text(header) if not r.plan.own else first
    try:
        reading = read_phrase(phrase, r.plan.year)
    except Refused as exc:
        if exc.fields.get("what") == "year":
            r.problem(header, tr("{value!r} names no year, and neither does the sheet's title or 截至 row: give "
                                 "--year YYYY", value=phrase))
        else:
            r.problem(header, tr("{value!r} is not a deadline: write 2024年8月31日前, 2024-08-31 or 立行立改，长期坚持",
                                 value=phrase))
        return None
    how = tr(RULE_WORDS[reading.rule]) + (" " + tr("(the year from the sheet)") if reading.plan_year else "")
    r.plan.readings.append((r.row.number, phrase, reading.deadline, how))
    return reading.deadline


def plain_fields(ledger: Ledger, r: Row, item: Item | None) -> dict[str, Any] | None:
    """The plain fields the row carries, checked: {field: value}; None if any is bad."""
    values: dict[str, Any] = {}
    ok = True
    needed = ["反馈问题", "整改时限"] + (["牵头部门", "责任部门"] if r.plan.own else [])
    for header in needed:
        if item is None and not r.has(header):
            r.problem(None, tr("column {column} is needed to add a new item", column=header))
            ok = False
    if item is None and not (r.has("牵头部门") or r.has("责任部门")):
        r.problem(None, tr("column {column} is needed to add a new item", column="牵头部门"))
        ok = False
    for header in ("反馈问题", "整改时限"):
        if r.has(header) and not r.text(header):
            r.problem(header, tr("must not be empty"))
            ok = False
    if r.has("反馈问题") and r.text("反馈问题"):
        values["text"] = r.text("反馈问题")
    leads = split_units(r.text("牵头部门")) if r.has("牵头部门") else None
    others = split_units(r.text("责任部门")) if r.has("责任部门") else None
    for header, words in (("牵头部门", leads), ("责任部门", others)):
        if words is not None and words.notes:
            r.plan.unit_notes.append((r.row.number, header, words.notes))
    if leads is not None and len(leads.names) > 1 and r.plan.own:
        r.problem("牵头部门", tr("one lead unit per item; the others go to 责任部门"))
        ok = False
    lead_names = leads.names if leads else []
    other_names = others.names if others else []
    if r.has("牵头部门") and not lead_names and (r.plan.own or not other_names):
        r.problem("牵头部门", tr("must not be empty"))
        ok = False
    if r.has("责任部门") and not other_names and r.plan.own:
        r.problem("责任部门", tr("must not be empty"))
        ok = False
    if not lead_names and other_names and (item is None or r.has("牵头部门")):
        r.plan.warnings.append((r.row.number, tr("no lead unit: {name}, listed first, leads", name=other_names[0])))
        lead_names = other_names[:1]
    if lead_names:
        lead = _units(ledger, r, "牵头部门" if r.has("牵头部门") else "责任部门", lead_names[:1])
        ok = ok and lead is not None
        if lead:
            values["lead"] = lead[0]
    if r.has("责任部门") or len(lead_names) > 1:
        names = list(dict.fromkeys([*lead_names[1:], *other_names])) or lead_names[:1]
        units = _units(ledger, r, "责任部门" if r.has("责任部门") else "牵头部门", names) if names else None
        ok = ok and (units is not None or not names)
        if units:
            values["responsible"] = tuple(units)
            values["and_others"] = bool((others and others.and_others) or (leads and leads.and_others))
    elif item is None and lead_names:
        values["responsible"], values["and_others"] = tuple(values.get("lead", lead_names[0]) for _ in (1,)), False
    if r.has("整改时限") and r.text("整改时限"):
        deadline = _deadline(r, "整改时限")
        if deadline is None:
            ok = False
        elif r.plan.own:
            recorded = [extension_line(e) for e in item.extensions] if item else []
            if r.lines("整改时限")[1:] != recorded:
                r.problem("整改时限", tr("the lines after the deadline are its extensions as recorded; they cannot "
                                       "change here (use ledger extend, which needs a reason)"))
                ok = False
        values["deadline"] = deadline
    for header, name in EXTRA.items():
        if r.has(header) and (r.text(header) or (item is not None and getattr(item, name))):
            values[name] = r.text(header) or None
    return values if ok else None
