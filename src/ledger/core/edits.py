"""Corrections of an item's plain fields as records (``ledger edit``), and the item as it read on a day.

An ``Edit`` keeps who corrected the item, on which day, why, which fields, and the values those
fields had before; the item itself holds the corrected values. Read as of a day before an edit,
the item has its old values back (and the edit is not there yet): the views of that day show the
item as it was written then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Literal

_FORBID = {"extra": "forbid"}

EDITABLE: tuple[str, ...] = ("text", "lead", "responsible", "source", "deadline")
"""The plain fields ``edit`` corrects: never progress, extensions or close-outs."""


@dataclass(frozen=True, slots=True)
class Edit:
    """A correction: ``changed`` names the fields it changed; each of them has its previous value
    in the field of the same name (absent: the field was empty). ``date`` is the day it was made."""

    __pydantic_config__ = _FORBID
    date: dt.date
    by: str
    reason: str
    changed: tuple[Literal["text", "lead", "responsible", "source", "deadline"], ...] = ()
    text: str | None = None
    lead: str | None = None
    responsible: tuple[str, ...] | None = None
    source: str | None = None
    deadline: dt.date | Literal["ongoing"] | None = None


def old_value(edit: Edit, name: str) -> Any:
    """The value ``name`` had before ``edit`` (an empty list for responsible units never written)."""
    value = getattr(edit, name)
    if name == "responsible" and value is None:
        return ()
    return value


def as_of(item: Any, day: dt.date) -> Any:
    """The item as it read on ``day``: the edits made after it undone, newest first."""
    edits = item.edits
    if not edits or edits[-1].date <= day:
        return item
    kept = list(edits)
    values: dict[str, Any] = {}
    while kept and kept[-1].date > day:
        edit = kept.pop()
        for name in edit.changed:
            values[name] = old_value(edit, name)
    return replace(item, edits=tuple(kept), **values)
