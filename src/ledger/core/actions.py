"""State changes, as pure functions from an item to a new item.

Each raises ``LedgerError`` when the change is not allowed, before anything is written. History
only grows: a reopening moves the close-out into ``history``, an extension keeps the deadline it
replaced, nothing is ever removed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ledger.core.model import CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote, Reopening
from ledger.core.query import deadline_at
from ledger.errors import LedgerError
from ledger.i18n import tr


def _not_future(day: date, today: date, option: str = "--date") -> None:
    if day > today:
        raise LedgerError(tr("{option} {date} is in the future (today is {today})", option=option, date=day,
                             today=today))


def _not_before_batch(day: date, batch_date: date | None, option: str = "--date") -> None:
    if batch_date is not None and day < batch_date:
        raise LedgerError(tr("{option} {date} is before the batch date {batch}", option=option, date=day,
                             batch=batch_date))


def _required(value: str | None, option: str) -> str:
    if value is None or not value.strip():
        raise LedgerError(tr("{option} must not be empty", option=option))
    return value.strip()


def _open(item: Item) -> None:
    if item.closed is not None:
        raise LedgerError(tr("item {id} is already closed (on {date} by {by})", id=item.id, date=item.closed.date,
                             by=item.closed.by))


def close(item: Item, *, day: date, by: str, evidence: list[Evidence], note: str | None, today: date,
          batch_date: date | None) -> Item:
    """销号: cross the item off, with evidence and a sign-off. Late if after the deadline then in force."""
    _open(item)
    by = _required(by, "--by")
    if not evidence:
        raise LedgerError(tr("item {id}: a close-out needs evidence (--evidence FILE or TEXT)", id=item.id))
    _not_future(day, today)
    _not_before_batch(day, batch_date)
    deadline = deadline_at(item, day)
    late = isinstance(deadline, date) and day > deadline
    closeout = CloseOut(date=day, by=by, evidence=tuple(evidence), late=late,
                        note=note.strip() if note and note.strip() else None, recorded=today)
    return replace(item, status="closed", closed=closeout)


def reopen(item: Item, *, reason: str, by: str | None, day: date, today: date) -> Item:
    """回头看: the problem was not really fixed; back to open, the close-out kept in history."""
    if item.closed is None:
        raise LedgerError(tr("item {id} is not closed; only a closed item can be reopened", id=item.id))
    reason = _required(reason, "--reason")
    _not_future(day, today)
    if day < item.closed.date:
        raise LedgerError(tr("--date {date} is before the close-out on {closed}", date=day, closed=item.closed.date))
    reopening = Reopening(date=day, reason=reason, by=by.strip() if by and by.strip() else None, recorded=today)
    return replace(item, status="open", closed=None,
                   history=(*item.history, PastCloseOut(closed=item.closed, reopened=reopening)))


def progress(item: Item, *, text: str, day: date, by: str | None, today: date, batch_date: date | None) -> Item:
    """A dated progress note; an open item becomes in progress."""
    _open(item)
    text = _required(text, "TEXT")
    _not_future(day, today)
    _not_before_batch(day, batch_date)
    note = ProgressNote(date=day, text=text, by=by.strip() if by and by.strip() else None, recorded=today)
    return replace(item, status="in_progress", progress=(*item.progress, note))


def extend(item: Item, *, to: date, reason: str, approved_by: str | None, day: date, today: date,
           batch_date: date | None) -> Item:
    """延期: a new deadline from ``day`` on, with a reason. The old deadline stays on record."""
    _open(item)
    reason = _required(reason, "--reason")
    _not_future(day, today)
    _not_before_batch(day, batch_date)
    if item.extensions and day < item.extensions[-1].date:
        raise LedgerError(tr("--date {date} is before the last extension ({last})", date=day,
                             last=item.extensions[-1].date))
    current = deadline_at(item, day)
    if isinstance(current, date) and to <= current:
        raise LedgerError(tr("--to {to} is not later than the deadline in force ({current})", to=to, current=current))
    if to < day:
        raise LedgerError(tr("--to {to} is before the approval date {date}", to=to, date=day))
    ext = Extension(date=day, to=to, reason=reason, previous=current,
                    approved_by=approved_by.strip() if approved_by and approved_by.strip() else None, recorded=today)
    return replace(item, extensions=(*item.extensions, ext))


def new_item(*, item_id: str, text: str, lead: str, responsible: list[str], deadline: date | str,
             question: int | None, source: str | None, leader: str | None, and_others: bool) -> Item:
    """A new item from a later source (a forum, a complaint, the next evaluation)."""
    if question is None and not (source and source.strip()):
        raise LedgerError(tr("a new item needs --question or --source"))
    return Item(id=item_id.strip(), text=_required(text, "--text"), lead=lead, responsible=tuple(responsible),
                deadline=deadline, status="open", question=question,
                source=source.strip() if source and source.strip() else None,
                and_others=and_others, leader=leader.strip() if leader and leader.strip() else None)
