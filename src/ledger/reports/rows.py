"""Items as they stood on a day, flattened for output: the public json fields live here."""

from __future__ import annotations

from datetime import date
from typing import Any

from ledger.core.lights import DEFAULT_THRESHOLDS, Thresholds, light
from ledger.core.model import Item
from ledger.core.query import closeout_at, days_past, deadline_at, last_progress, records_at, status_at
from ledger.core.review import in_publicity
from ledger.core.serialize import to_json_data


def deadline_text(deadline: object) -> str:
    return deadline.isoformat() if isinstance(deadline, date) else str(deadline)


def row(item: Item, as_of: date, thresholds: Thresholds = DEFAULT_THRESHOLDS,
        publicity_days: int | None = None) -> dict[str, Any]:
    """One item for ``list --format json`` (a public interface: add fields, rename none).
    ``added`` (the day the item entered the ledger) is there when the item records one; ``light``
    is red, yellow, blue or green (``core.lights``), None for an item closed that day; ``publicity``
    is there (true) for an approved item in its notice period (公示中, settings.yaml ``publicity_days``)."""
    deadline = deadline_at(item, as_of)
    closed = closeout_at(item, as_of)
    late = days_past(deadline, closed, as_of)
    last = last_progress(item, as_of) if item.progress else None
    out: dict[str, Any] = {
        "id": item.id,
        "question": item.question,
        "source": item.source,
        "text": item.text,
        "lead": item.lead,
        "responsible": list(item.responsible),
        "and_others": item.and_others,
        "leader": item.leader,
        "deadline": deadline_text(deadline),
        "original_deadline": deadline_text(item.deadline),
        "extensions": sum(1 for e in item.extensions if e.date <= as_of) if item.extensions else 0,
        "status": status_at(item, as_of),
        "overdue": late is not None,
        "days_overdue": late,
        "closed_date": closed.date.isoformat() if closed else None,
        "closed_late": closed.late if closed else None,
        "last_progress": last.isoformat() if last else None,
        "light": lit.light if (lit := light(item, as_of, thresholds)) is not None else None,
    }
    if closed is not None and in_publicity(item, as_of, publicity_days):  # 公示中: approved, not counted closed yet
        out["publicity"] = True
    if item.added is not None:
        out["added"] = item.added.isoformat()
    for name in ("category", "target", "measures", "contact", "remarks"):  # the official 台账's columns, when kept
        if getattr(item, name) is not None:
            out[name] = getattr(item, name)
    claim = item.claimed if item.claimed is not None and item.claimed.date <= as_of else None
    if claim is not None:  # a sheet said it was done, without a close-out: awaiting evidence until closed
        out["claimed"] = {"date": claim.date.isoformat(), "text": claim.text}
        out["awaiting_evidence"] = closed is None
    return out


def detail(item: Item, as_of: date) -> dict[str, Any]:
    """Everything about one item for ``show --format json``: the list fields, then the records as they
    stood on ``as_of`` (``later_records``: how many came after it and are left out, when any did)."""
    out = row(item, as_of)
    item, later = records_at(item, as_of)  # as it stood: no record from a later day
    out["progress"] = [to_json_data(n) for n in item.progress]
    out["extension_history"] = [to_json_data(e) for e in item.extensions]
    out["closed"] = to_json_data(item.closed) if item.closed else None
    out["history"] = [to_json_data(h) for h in item.history]
    if item.reviews:  # rounds of request (申请销号) and review (审核通过, 退回)
        out["reviews"] = [to_json_data(r) for r in item.reviews]
    if item.edits:  # corrections (ledger edit): who, when, why, and the old values
        out["edits"] = [to_json_data(e) for e in item.edits]
    if later:  # records dated after the as-of day, left out
        out["later_records"] = later
    return out


def days_left(out: dict[str, Any], as_of: date, within: int) -> int | None:
    """Days until the deadline in force of a ``row`` not closed, when it falls within ``within``
    days of ``as_of`` (0: due that day); None otherwise (closed, ongoing, overdue or later)."""
    if out["status"] == "closed" or out["closed_date"] or out["deadline"] == "ongoing":
        return None
    try:
        days = (date.fromisoformat(out["deadline"]) - as_of).days
    except ValueError:
        return None
    return days if 0 <= days <= within else None
