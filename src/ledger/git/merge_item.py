"""The field-by-field merge of one item changed on both sides, and the conflicts it finds.

Progress notes, extensions, evidence, look-back history, review rounds and edit records are
append-only: the entries both sides added are all kept (base, then the new ones by date). The
same scalar field changed differently on both sides is a conflict, named with both values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ledger.core.edits import Edit
from ledger.core.model import CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote
from ledger.core.rounds import Review

VALUE_WIDTH = 80
"""Longer values are cut in the conflict notes (the blocks below the note have them whole)."""

_ABSENT: Any = type("_Absent", (), {"__repr__": lambda self: "(absent)"})()


@dataclass(frozen=True, slots=True)
class Conflict:
    """One reason an item (or the file) could not be merged."""

    item: str | None
    field: str | None
    ours: str | None = None
    theirs: str | None = None
    reason: str | None = None

    def note(self) -> str:
        """``conflict in item 2-8, field closed.date: ours 2024-09-05, theirs 2024-09-06``."""
        where = "conflict" + (f" in item {self.item}" if self.item else " in the file")
        if self.field:
            where += f", field {self.field}"
        detail = self.reason if self.reason is not None else f"ours {self.ours}, theirs {self.theirs}"
        return _one_line(f"{where}: {detail}")


def _one_line(text: str) -> str:
    return re.sub(r"\s*[\r\n\u2028\u2029]+\s*", " ⏎ ", text)


def show(value: Any) -> str:
    """A value as the conflict note shows it: one line, dates as YYYY-MM-DD, records summarised."""
    if value is None or value is _ABSENT:
        text = "(none)"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, CloseOut):
        text = f"closed {value.date} by {value.by}"
    elif isinstance(value, Extension):
        text = f"deadline {value.to} from {value.date}"
    elif isinstance(value, ProgressNote):
        text = f"{value.date} {value.text}"
    elif isinstance(value, PastCloseOut):
        text = f"reopened {value.reopened.date}: {value.reopened.reason}"
    elif isinstance(value, Edit):
        text = f"edited {value.date} by {value.by}: {value.reason}"
    elif isinstance(value, Evidence):
        text = value.text if value.text is not None else str(value.file)
    elif isinstance(value, tuple | list):
        text = "[" + "; ".join(show(v) for v in value) + "]"
    else:
        text = str(value)
    text = _one_line(text)
    return text if len(text) <= VALUE_WIDTH else text[:VALUE_WIDTH - 1] + "…"


def _one_sided(base: Any, ours: Any, theirs: Any) -> Any:
    """The merged value when at most one side changed it from ``base``; else ``_ABSENT``."""
    if ours == theirs:
        return ours
    if base is not _ABSENT and ours == base:
        return theirs
    if base is not _ABSENT and theirs == base:
        return ours
    return _ABSENT


def _three(item_id: str, name: str, base: Any, ours: Any, theirs: Any, conflicts: list[Conflict]) -> Any:
    merged = _one_sided(base, ours, theirs)
    if merged is not _ABSENT:
        return merged
    conflicts.append(Conflict(item_id, name, show(ours), show(theirs)))
    return ours


def _appended(item_id: str, name: str, base: Any, ours: tuple[Any, ...], theirs: tuple[Any, ...],
              conflicts: list[Conflict], key: Callable[[Any], Any] | None) -> tuple[Any, ...]:
    """An append-only list: base, then what ours added, then what theirs added (one copy of an
    entry both added), the new entries ordered by ``key`` (stable: ours first on a tie)."""
    prefix: tuple[Any, ...] = () if base is _ABSENT else base
    n = len(prefix)
    if ours[:n] != prefix or theirs[:n] != prefix:
        return tuple(_three(item_id, name, base, ours, theirs, conflicts))  # an entry was edited
    new_ours = list(ours[n:])
    new_theirs = [entry for entry in theirs[n:] if entry not in new_ours]
    fresh = new_ours + new_theirs
    return (*prefix, *(sorted(fresh, key=key) if key else fresh))


def _base_field(base: Any, name: str) -> Any:
    return _ABSENT if base is _ABSENT or base is None else getattr(base, name)


def _merge_closed(item_id: str, base: Any, ours: CloseOut | None, theirs: CloseOut | None,
                  conflicts: list[Conflict]) -> CloseOut | None:
    merged = _one_sided(base, ours, theirs)
    if merged is not _ABSENT:
        return merged  # type: ignore[no-any-return]
    if ours is None or theirs is None:
        conflicts.append(Conflict(item_id, "closed", show(ours), show(theirs)))
        return ours
    found: list[Conflict] = []
    values: dict[str, Any] = {}
    for name in ("date", "by", "late", "note", "recorded", "unit", "request"):
        values[name] = _three(item_id, f"closed.{name}", _base_field(base, name), getattr(ours, name),
                              getattr(theirs, name), found)
    values["evidence"] = _appended(item_id, "closed.evidence", _base_field(base, "evidence"), ours.evidence,
                                   theirs.evidence, found, None)
    if any(c.field == "closed.date" for c in found):  # late follows from the date
        found = [c for c in found if c.field != "closed.late"]
    conflicts += found
    return CloseOut(**values)


def _status_fits(status: str, closed: CloseOut | None, progress: tuple[ProgressNote, ...],
                 reviews: tuple[Review, ...]) -> bool:
    """Whether ``status`` follows from the merged records: closed with a close-out, awaiting review
    with an unanswered last round, in progress with a note or an answered round."""
    if status == "closed" or closed is not None:
        return status == "closed" and closed is not None
    awaiting = bool(reviews) and reviews[-1].outcome is None
    if status == "pending_review" or awaiting:
        return status == "pending_review" and awaiting
    return status != "in_progress" or bool(progress) or bool(reviews)


def _chain_breaks(deadline: Any, extensions: Sequence[Extension]) -> bool:
    previous = deadline
    for ext in extensions:
        if ext.previous != previous:
            return True
        previous = ext.to
    return False


def merge_item(base: Item | None, ours: Item, theirs: Item) -> tuple[Item, list[Conflict]]:
    """Both sides changed the item (or both added it, with ``base`` None): merge field by field."""
    b: Any = _ABSENT if base is None else base
    item_id = ours.id
    conflicts: list[Conflict] = []
    values: dict[str, Any] = {}
    for name in ("id", "question", "source", "added", "text", "lead", "responsible", "and_others", "leader", "deadline",
                 "category", "target", "measures", "contact", "remarks", "claimed"):
        values[name] = _three(item_id, name, _base_field(b, name), getattr(ours, name), getattr(theirs, name),
                              conflicts)
    values["progress"] = _appended(item_id, "progress", _base_field(b, "progress"), ours.progress,
                                   theirs.progress, conflicts, lambda p: p.date)
    base_ext = _base_field(b, "extensions")
    extensions = _appended(item_id, "extensions", base_ext, ours.extensions, theirs.extensions, conflicts,
                           lambda e: e.date)
    if _chain_breaks(values["deadline"], extensions):
        known = 0 if base_ext is _ABSENT else len(base_ext)
        new_ours, new_theirs = ours.extensions[known:], theirs.extensions[known:]
        if new_ours and new_theirs:  # each side moved the deadline from the same one: two deadlines
            conflicts.append(Conflict(item_id, "extensions", show(new_ours), show(new_theirs)))
    values["extensions"] = extensions
    values["history"] = _appended(item_id, "history", _base_field(b, "history"), ours.history, theirs.history,
                                  conflicts, lambda h: h.reopened.date)
    values["reviews"] = _appended(item_id, "reviews", _base_field(b, "reviews"), ours.reviews, theirs.reviews,
                                  conflicts, lambda r: r.request.date)  # rounds of request and review
    values["edits"] = _appended(item_id, "edits", _base_field(b, "edits"), ours.edits, theirs.edits, conflicts,
                                lambda e: e.date)  # corrections: append-only, as the other records
    values["closed"] = _merge_closed(item_id, _base_field(b, "closed") if b is not _ABSENT else _ABSENT,
                                     ours.closed, theirs.closed, conflicts)
    statuses: list[Conflict] = []
    status = _three(item_id, "status", _base_field(b, "status"), ours.status, theirs.status, statuses)
    if statuses:  # both changed it: keep the one that follows from the merged records
        fits = [s for s in (ours.status, theirs.status)
                if _status_fits(s, values["closed"], values["progress"], values["reviews"])]
        if len(fits) == 1:
            status = fits[0]
        else:
            conflicts += statuses
    values["status"] = status
    return replace(ours, **values), conflicts
