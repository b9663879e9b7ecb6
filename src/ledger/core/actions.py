"""State changes, as pure functions from an item to a new item.

Each raises ``Refused`` when the change is not allowed, naming the field of the change it is about
(``date``, ``by``, ``reason``, ``to``, ``text``, ``evidence``, ``question``/``source``, ``added``, ``unit``); the
caller says how its user calls that field. History only grows: a reopening moves the close-out into
``history``, an extension keeps the deadline it replaced, nothing is ever removed. Nothing is dated
before the item entered the ledger (its ``added`` day, never before its batch) or after today, and
an ongoing item (立行立改，长期坚持) has no deadline to extend. The two-step sign-off (``request``,
then ``approve`` or ``give_back``) records each round in ``reviews``; an approval closes the item.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date

from ledger.core.model import ONGOING, CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote, Reopening
from ledger.core.query import deadline_at
from ledger.core.review import pending
from ledger.core.rounds import Outcome, Request, Review
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


def _not_pending(item: Item) -> None:
    waiting = pending(item)
    if waiting is not None:
        raise Refused("item {id} awaits review (requested on {date} by {unit}): approve or return it first", {},
                      id=item.id, date=waiting.request.date, unit=waiting.request.unit)


def close(item: Item, *, day: date, by: str, evidence: list[Evidence], note: str | None, today: date,
          batch_date: date | None) -> Item:
    """销号: cross the item off, with evidence and a sign-off. Late if after the deadline then in force."""
    _open(item)
    _not_pending(item)
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
    status = "pending_review" if item.status == "pending_review" else "in_progress"  # a request still awaits
    return replace(item, status=status, progress=(*item.progress, note))


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


def _since_last_round(item: Item, day: date) -> None:
    last = item.reviews[-1] if item.reviews else None
    end = last.outcome.date if last is not None and last.outcome is not None else None
    if end is not None and day < end:
        raise Refused("{what} {date} is before the last review ({last})", DATE, date=day, last=end)
    if item.history and day < item.history[-1].reopened.date:
        raise Refused("{what} {date} is before the reopening on {reopened}", DATE, date=day,
                      reopened=item.history[-1].reopened.date)


def request(item: Item, *, day: date, unit: str, by: str, evidence: list[Evidence], today: date,
            batch_date: date | None) -> Item:
    """申请销号: the item's lead or one of its responsible units asks for sign-off, with evidence.
    A new round starts; the item awaits review (``pending_review``)."""
    _open(item)
    _not_pending(item)
    by = _required(by, "by")
    if unit != item.lead and unit not in item.responsible:
        raise Refused("{what} {unit} is neither the lead nor a responsible unit of item {id}", {"what": "unit"},
                      unit=unit, id=item.id)
    if not evidence:
        raise Refused("item {id}: a request needs evidence ({what})", {"what": "evidence"}, id=item.id)
    _not_future(day, today)
    _not_before_batch(day, batch_date)
    _not_before_added(item, day)
    _since_last_round(item, day)
    asked = Request(date=day, unit=unit, by=by, evidence=tuple(evidence), recorded=today)
    return replace(item, status="pending_review", reviews=(*item.reviews, Review(request=asked)))


def _answer(item: Item, day: date, unit: str, by: str, today: date, reviewers: Collection[str],
            lead_may_review: bool) -> Review:
    """The round a review answers, once the reviewer and the day are allowed: a reviewing unit (any
    unit where none is named), never the unit that asked, and the item's lead only where allowed."""
    _open(item)
    waiting = pending(item)
    if waiting is None:
        raise Refused("item {id} has no request awaiting review", {}, id=item.id)
    _required(by, "by")
    if reviewers and unit not in reviewers and not (lead_may_review and unit == item.lead):
        raise Refused("{what} {unit} is not a reviewing unit (reviewers: {reviewers})", {"what": "unit"}, unit=unit,
                      reviewers=", ".join(reviewers))
    if unit == waiting.request.unit:  # no unit signs off its own request
        raise Refused("{what} {unit} asked for this sign-off: another unit reviews it", {"what": "unit"}, unit=unit)
    if unit == item.lead and not lead_may_review:
        raise Refused("{what} {unit} leads item {id}: the lead unit does not review its own item "
                      "(lead_may_review in settings.yaml)", {"what": "unit"}, unit=unit, id=item.id)
    _not_future(day, today)
    if day < waiting.request.date:
        raise Refused("{what} {date} is before the request on {requested}", DATE, date=day,
                      requested=waiting.request.date)
    return waiting


def approve(item: Item, *, day: date, unit: str, by: str, note: str | None, today: date,
            reviewers: Collection[str], lead_may_review: bool = False) -> Item:
    """审核通过: the request is approved and the item closed on ``day``; the close-out keeps the
    request (who, when, evidence) and the reviewer. ``reviewers`` empty: any unit reviews."""
    waiting = _answer(item, day, unit, by, today, reviewers, lead_may_review)
    note = note.strip() if note and note.strip() else None
    outcome = Outcome(decision="approved", date=day, unit=unit, by=by.strip(), note=note, recorded=today)
    deadline = deadline_at(item, day)
    closeout = CloseOut(date=day, by=by.strip(), evidence=waiting.request.evidence,
                        late=isinstance(deadline, date) and day > deadline, note=note, recorded=today, unit=unit,
                        request=waiting.request)
    return replace(item, status="closed", closed=closeout,
                   reviews=(*item.reviews[:-1], replace(waiting, outcome=outcome)))


def give_back(item: Item, *, day: date, unit: str, by: str, reason: str, today: date,
              reviewers: Collection[str], lead_may_review: bool = False) -> Item:
    """退回: the request is sent back with a reason; the item is in progress again and the round
    stays in its history. A later request starts a new round."""
    reason = _required(reason, "reason")
    waiting = _answer(item, day, unit, by, today, reviewers, lead_may_review)
    outcome = Outcome(decision="returned", date=day, unit=unit, by=by.strip(), reason=reason, recorded=today)
    return replace(item, status="in_progress", reviews=(*item.reviews[:-1], replace(waiting, outcome=outcome)))
