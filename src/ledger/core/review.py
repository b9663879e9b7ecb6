"""The two-step sign-off read from an item's rounds: pending, returned, in publicity, and the rounds' own rules.

Pure: every question is asked of an explicit as-of day. Rounds are in the order they happened; a
round's request is answered by its outcome (approved or returned) on or after the request's day,
and a new round starts on or after the previous outcome. Two events on one day happened in the
order of the rounds.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from ledger.core.model import Item
from ledger.core.rounds import Review
from ledger.i18n import Message, msg


def current_round(item: Item, as_of: date) -> Review | None:
    """The latest round requested by ``as_of`` (None: no request yet)."""
    found: Review | None = None
    for r in item.reviews:
        if r.request.date <= as_of:
            found = r
    return found


def pending_at(item: Item, as_of: date) -> bool:
    """A request made by ``as_of`` and not yet answered on that day (待审核)."""
    r = current_round(item, as_of)
    return r is not None and (r.outcome is None or r.outcome.date > as_of)


def pending(item: Item) -> Review | None:
    """The round awaiting its review now (the last one, with no outcome), if any."""
    if item.reviews and item.reviews[-1].outcome is None:
        return item.reviews[-1]
    return None


def returned_unanswered(item: Item, as_of: date) -> bool:
    """A request returned (退回) by ``as_of`` and not requested again by then."""
    r = current_round(item, as_of)
    return r is not None and r.outcome is not None and r.outcome.decision == "returned" and r.outcome.date <= as_of


def returns_by(item: Item, as_of: date, since: date | None = None) -> int:
    """How many requests were returned on or before ``as_of`` (and on or after ``since``)."""
    return sum(1 for r in item.reviews if r.outcome is not None and r.outcome.decision == "returned"
               and r.outcome.date <= as_of and (since is None or r.outcome.date >= since))


def in_publicity(item: Item, as_of: date, days: int | None) -> bool:
    """公示中: closed by an approved request fewer than ``days`` days before ``as_of`` (listed, not yet
    counted closed). The approval day is the first day of the notice."""
    closed = item.closed
    if not days or closed is None or closed.request is None:
        return False
    return closed.date <= as_of < closed.date + timedelta(days=days)


def events(item: Item) -> list[date]:
    """Every day a round changed the item: requests and outcomes."""
    days = [r.request.date for r in item.reviews]
    return days + [r.outcome.date for r in item.reviews if r.outcome is not None]


def round_problems(item: Item) -> Iterator[tuple[tuple[Any, ...], Message]]:
    """What is wrong with the item's rounds, each with its path under the item: rounds out of order,
    an outcome before its request, an open round that is not the last, a status or close-out that
    does not agree with them."""
    last: date | None = None
    for k, r in enumerate(item.reviews):
        if last is not None and r.request.date < last:
            yield ("reviews", k, "request", "date"), msg("a request on {date} is before the previous round ended ({last})",
                                                         date=r.request.date, last=last)
        if r.outcome is None:
            if k != len(item.reviews) - 1:
                yield ("reviews", k), msg("only the last round may await review")
            last = r.request.date
            continue
        if r.outcome.date < r.request.date:
            yield ("reviews", k, "outcome", "date"), msg("the review on {date} is before its request ({request})",
                                                         date=r.outcome.date, request=r.request.date)
        if r.outcome.decision == "returned" and not (r.outcome.reason or "").strip():
            yield ("reviews", k, "outcome", "reason"), msg("a return needs a reason")
        if r.outcome.decision == "approved" and not _closed_by(item, r):
            yield ("reviews", k, "outcome"), msg("an approved round has no close-out on its date")
        last = r.outcome.date
    awaiting = pending(item) is not None
    if awaiting and item.status != "pending_review":
        yield ("status",), msg("a request awaits review but status is {status!r}", status=item.status)
    if item.status == "pending_review" and not awaiting:
        yield ("status",), msg("status is pending_review but no request awaits review")
    if item.closed is not None and item.closed.request is not None and not _closed_by(item, None):
        yield ("closed", "request"), msg("the close-out's request is not an approved round")


def _closed_by(item: Item, r: Review | None) -> bool:
    """Whether a close-out (the current one or one in history) is the approval of round ``r``
    (``None``: of any round, for the current close-out)."""
    if r is None:
        c = item.closed
        return c is not None and any(x.outcome is not None and x.outcome.decision == "approved"
                                     and x.outcome.date == c.date and x.request == c.request for x in item.reviews)
    assert r.outcome is not None
    closeouts = [item.closed] if item.closed is not None else []
    closeouts += [p.closed for p in item.history]
    return any(c.request == r.request and c.date == r.outcome.date for c in closeouts)
