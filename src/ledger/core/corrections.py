"""Corrections (``ledger edit``): an item's plain fields changed, the old values kept in an edit record.

An edit changes only the plain fields (``edits.EDITABLE``) and never progress, extensions or
close-outs; a field given with the value it already has is not recorded as changed. The original
deadline is corrected only while no extension or close-out rests on it (each records the deadline
it was made against). The checks here hold a hand-written edit record to the same rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from ledger.core.edits import EDITABLE, Edit, old_value
from ledger.core.model import Deadline, Item
from ledger.errors import Refused
from ledger.i18n import Message, msg


def _required(value: str | None, field: str) -> str:
    if value is None or not value.strip():
        raise Refused("{what} must not be empty", {"what": field})
    return value.strip()


def edit(item: Item, *, by: str, reason: str, today: date, text: str | None = None, lead: str | None = None,
         responsible: list[str] | None = None, source: str | None = None, deadline: Deadline | None = None) -> Item:
    """The item with the given fields corrected and an edit record of their old values, dated ``today``."""
    by, reason = _required(by, "by"), _required(reason, "reason")
    wanted: dict[str, Any] = {}
    if text is not None:
        wanted["text"] = _required(text, "text")
    if lead is not None:
        wanted["lead"] = _required(lead, "lead")
    if responsible is not None:
        if not [u for u in responsible if u.strip()]:
            raise Refused("{what} must not be empty", {"what": "responsible"})
        wanted["responsible"] = tuple(dict.fromkeys(u.strip() for u in responsible if u.strip()))
    if source is not None:
        wanted["source"] = _required(source, "source")
    if deadline is not None:
        wanted["deadline"] = deadline
    if not wanted:
        raise Refused("item {id}: an edit needs at least one field to change", {}, id=item.id)
    changes = {name: value for name, value in wanted.items() if getattr(item, name) != value}
    if not changes:
        raise Refused("item {id}: nothing to change: every field given already has that value", {}, id=item.id)
    if "deadline" in changes and (item.extensions or item.closed is not None or item.history):
        raise Refused("item {id}: its {what} cannot be corrected once an extension or a close-out rests on it",
                      {"what": "deadline"}, id=item.id)
    if item.edits and today < item.edits[-1].date:
        raise Refused("{what} {date} is before the item's last edit ({last})", {"what": "date"}, date=today,
                      last=item.edits[-1].date)
    old = {name: (getattr(item, name) or None) for name in changes}
    record = Edit(date=today, by=by, reason=reason, changed=tuple(n for n in EDITABLE if n in changes),
                  **old)
    return replace(item, **changes, edits=(*item.edits, record))


def edit_problems(item: Item, at: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Message]]:
    """(path, message) for each edit record of ``item`` (at ``at`` in its file) that breaks the rules:
    in date order, not before the item entered, naming each changed field once, with a ``by`` and a
    reason, an old value only for a changed field, and each change a real one."""
    last: date | None = None
    for k, record in enumerate(item.edits):
        path = (*at, "edits", k)
        if last is not None and record.date < last:
            yield (*path, "date"), msg("edits must be in date order")
        if item.added is not None and record.date < item.added:
            yield (*path, "date"), msg("{what} {date} is before the item entered the ledger ({added})", what="date",
                                       date=record.date, added=item.added)
        last = record.date
        for name in ("by", "reason"):
            if not getattr(record, name).strip():
                yield (*path, name), msg("must not be empty")
        if not record.changed:
            yield (*path, "changed"), msg("an edit must name the fields it changed")
        if len(set(record.changed)) != len(record.changed):
            yield (*path, "changed"), msg("a field is named twice")
        for name in EDITABLE:
            if name not in record.changed and getattr(record, name) is not None:
                yield (*path, name), msg("an old value for a field the edit did not change ({field})", field=name)
            elif name in record.changed and old_value(record, name) == _after(item, k, name):
                yield (*path, name), msg("the edit of {field} changes nothing: the old value is the new one", field=name)


def _after(item: Item, k: int, name: str) -> Any:
    """The value ``name`` had right after edit ``k``: the next edit's old value of it, else the item's own."""
    for later in item.edits[k + 1:]:
        if name in later.changed:
            return old_value(later, name)
    value = getattr(item, name)
    return () if name == "responsible" and not value else value
