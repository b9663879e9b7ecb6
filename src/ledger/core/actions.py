"""State changes, as pure functions from an item to a new item.

Each raises ``Refused`` when the change is not allowed, naming the field of the change it is about
(``date``, ``by``, ``reason``, ``to``, ``text``, ``evidence``, ``question``/``source``, ``added``); the
caller says how its user calls that field. History only grows: a reopening moves the close-out into
``history``, an extension keeps the deadline it replaced, nothing is ever removed. Nothing is dated
before the item entered the ledger (its ``added`` day, never before its batch) or after today, and
an ongoing item (立行立改，长期坚持) has no deadline to extend.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ledger.core.model import ONGOING, CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote, Reopening
from ledger.core.query import deadline_at
from ledger.errors import Refused

DATE = {"what": "date"}
ADDED = {"what": "added"}


def _not_future(day: date, today: date) -> None:
    if day > today:
        raise Refused("{what} {date} is in the future (today is {today})", DATE, date=day, today=today)


def _not_before_batch(day: date, batch_date: date | None) -> None:
    if batch_date is not None and day < batch_date:
        raise Refused("{what} {date} is before the batch date {batch}", DATE, date=day, batch=batch_date)


def _not_before_added(item: Item, day: date) -> None:
    if item.added is not None and day < item.added:
        raise Refused("{what} {date} is before the item entered the ledger ({added})", DATE, date=day,
                      added=item.added)


def _required(value: str | None, field: str) -> str:
    if value is None or not value.strip():
        raise Refused("{what} must not be empty", {"what": field})
    return value.strip()


def _open(item: Item) -> None:
    if item.closed is not None:
        raise Refused("item {id} is already closed (on {date} by {by})", {}, id=item.id, date=item.closed.date,
                      by=item.closed.by)


def close(item: Item, *, day: date, by: str, evidence: list[Evidence], note: str | None, today: date,
          batch_date: date | None) -> Item:
    """销号: cross the item off, with evidence and a sign-off. Late if after the deadline then in force."""
    _open(item)
    by = _required(by, "by")
    if not evidence:
        raise Refused("item {id}: a close-out needs evidence ({what})", {"what": "evidence"}, id=item.id)
    _not_future(day, today)
    _not_before_batch(day, batch_date)
    _not_before_added(item, day)
    deadline = deadline_at(item, day)
    late = isinstance(deadline, date) and day > deadline
    closeout = CloseOut(date=day, by=by, evidence=tuple(evidence), late=late,
                        note=note.strip() if note and note.strip() else None, recorded=today)
    return replace(item, status="closed", closed=closeout)


def reopen(item: Item, *, reason: str, by: str | None, day: date, today: date) -> Item:
    """回头看: the problem was not really fixed; back to open, the close-out kept in history."""
    if item.closed is None:
        raise Refused("item {id} is not closed; only a closed item can be reopened", {}, id=item.id)
    reason = _required(reason, "reason")
    _not_future(day, today)
    if day < item.closed.date:
        raise Refused("{what} {date} is before the close-out on {closed}", DATE, date=day, closed=item.closed.date)
    reopening = Reopening(date=day, reason=reason, by=by.strip() if by and by.strip() else None, recorded=today)
    return replace(item, status="open", closed=None,
                   history=(*item.history, PastCloseOut(closed=item.closed, reopened=reopening)))


def progress(item: Item, *, text: str, day: date, by: str | None, today: date, batch_date: date | None) -> Item:
    """A dated progress note; an open item becomes in progress."""
    _open(item)
    text = _required(text, "text")
    _not_future(day, today)
    _not_before_batch(day, batch_date)
    _not_before_added(item, day)
    note = ProgressNote(date=day, text=text, by=by.strip() if by and by.strip() else None, recorded=today)
    return replace(item, status="in_progress", progress=(*item.progress, note))


def extend(item: Item, *, to: date, reason: str, approved_by: str | None, day: date, today: date,
           batch_date: date | None) -> Item:
    """延期: a new deadline from ``day`` on, with a reason. The old deadline stays on record."""
    _open(item)
    reason = _required(reason, "reason")
    _not_future(day, today)
    _not_before_batch(day, batch_date)
    _not_before_added(item, day)
    if item.extensions and day < item.extensions[-1].date:
        raise Refused("{what} {date} is before the last extension ({last})", DATE, date=day,
                      last=item.extensions[-1].date)
    current = deadline_at(item, day)
    if current == ONGOING:  # rectified at once and kept up: there is no date to move
        raise Refused("item {id} is ongoing (立行立改，长期坚持): it has no deadline to extend", {}, id=item.id)
    if isinstance(current, date) and to <= current:
        raise Refused("{what} {to} is not later than the deadline in force ({current})", {"what": "to"}, to=to,
                      current=current)
    if to < day:
        raise Refused("{what} {to} is before the approval date {date}", {"what": "to"}, to=to, date=day)
    ext = Extension(date=day, to=to, reason=reason, previous=current,
                    approved_by=approved_by.strip() if approved_by and approved_by.strip() else None, recorded=today)
    return replace(item, extensions=(*item.extensions, ext))


def new_item(*, item_id: str, text: str, lead: str, responsible: list[str], deadline: date | str,
             question: int | None, source: str | None, leader: str | None, and_others: bool,
             added: date | None = None, today: date | None = None, batch_date: date | None = None) -> Item:
    """A new item from a later source (a forum, a complaint, the next evaluation), entered into the
    ledger on ``added`` (not before its batch date, not after ``today``)."""
    if question is None and not (source and source.strip()):
        raise Refused("a new item needs {what} or {other}", {"what": "question", "other": "source"})
    if added is not None:
        if today is not None and added > today:
            raise Refused("{what} {date} is in the future (today is {today})", ADDED, date=added, today=today)
        if batch_date is not None and added < batch_date:
            raise Refused("{what} {date} is before the batch date {batch}", ADDED, date=added, batch=batch_date)
    return Item(id=item_id.strip(), text=_required(text, "text"), lead=lead, responsible=tuple(responsible),
                deadline=deadline, status="open", question=question,
                source=source.strip() if source and source.strip() else None, added=added,
                and_others=and_others, leader=leader.strip() if leader and leader.strip() else None)
