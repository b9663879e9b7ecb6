"""Questions asked of items, all relative to an explicit as-of date.

Every change to an item carries its date, so the ledger can be read as it stood on any day:
whether the item was in the ledger yet, the deadline then in force, whether it was closed then,
whether it was overdue then.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date

from ledger.core.model import CloseOut, Deadline, Item, unknown_id_message
from ledger.core.review import events as review_events
from ledger.core.review import pending_at
from ledger.core.typed import id_form, id_key, status_key
from ledger.errors import LedgerError
from ledger.i18n import msg


def entered_by(item: Item, as_of: date) -> bool:
    """Whether the item was in the ledger on ``as_of`` by its own ``added`` day (an item without one,
    by this test, always was; ``Ledger.items_at`` also applies its batch date)."""
    return item.added is None or item.added <= as_of


def deadline_at(item: Item, as_of: date) -> Deadline:
    """The deadline in force on ``as_of``: the latest extension approved by then, else the original."""
    current: Deadline = item.deadline
    if not item.extensions:
        return current
    for ext in item.extensions:
        if ext.date <= as_of:
            current = ext.to
    return current


def closeout_at(item: Item, as_of: date) -> CloseOut | None:
    """The close-out in force on ``as_of``, if the item was closed then."""
    if item.closed is not None and item.closed.date <= as_of:
        return item.closed
    if not item.history:
        return None
    for past in item.history:
        if past.closed.date <= as_of < past.reopened.date:
            return past.closed
    return None


def records_at(item: Item, as_of: date) -> tuple[Item, int]:
    """The item's records as they stood on ``as_of`` — the progress notes, extensions, rounds of review
    and close-outs dated that day or before, the close-out then in force as ``closed`` — and how many
    records (an answer to a request counted apart from it) came later and are left out. The plain
    fields and the stored status are the caller's (``status_at``, ``Ledger.get_at``)."""
    from dataclasses import replace

    closed = closeout_at(item, as_of)
    history = tuple(h for h in item.history if h.reopened.date <= as_of)
    rounds = []
    for r in item.reviews:
        if r.request.date <= as_of:
            rounds.append(r if r.outcome is None or r.outcome.date <= as_of else replace(r, outcome=None))
    kept = replace(item, progress=tuple(n for n in item.progress if n.date <= as_of),
                   extensions=tuple(e for e in item.extensions if e.date <= as_of), reviews=tuple(rounds),
                   closed=closed, history=history)

    def count(i: Item) -> int:
        return (len(i.progress) + len(i.extensions) + 2 * len(i.history) + (i.closed is not None)
                + sum(1 + (r.outcome is not None) for r in i.reviews))

    return kept, count(item) - count(kept)


def _last_event(item: Item) -> date | None:
    days = [n.date for n in item.progress] + [e.date for e in item.extensions]
    if item.closed:
        days.append(item.closed.date)
    for past in item.history:
        days += [past.closed.date, past.reopened.date]
    days += review_events(item)
    return max(days) if days else None


def status_at(item: Item, as_of: date) -> str:
    """open, in_progress, pending_review or closed as the item stood on ``as_of``.

    From the last recorded event on, this is the stored status; before it, it is rebuilt from
    the dated records: a request not yet answered that day is pending review; a progress note or
    a request dated on or after the latest reopening makes an item in progress (a note is refused
    while an item is closed, so one dated on the reopening day was written after it)."""
    last = _last_event(item)
    if last is None or as_of >= last:
        return item.status
    if closeout_at(item, as_of) is not None:
        return "closed"
    if pending_at(item, as_of):
        return "pending_review"
    reopened = [p.reopened.date for p in item.history if p.reopened.date <= as_of]
    since = max(reopened) if reopened else None
    worked = [n.date for n in item.progress] + [r.request.date for r in item.reviews]
    if any(d <= as_of and (since is None or d >= since) for d in worked):
        return "in_progress"
    return "open"


def days_overdue(item: Item, as_of: date) -> int | None:
    """Days past the deadline in force, for an item not closed by ``as_of``; None if not overdue.
    The deadline day itself is not overdue; ongoing items are never overdue by date."""
    deadline = deadline_at(item, as_of)
    if not isinstance(deadline, date) or as_of <= deadline:
        return None
    return days_past(deadline, closeout_at(item, as_of), as_of)


def days_past(deadline: Deadline, closed: CloseOut | None, as_of: date) -> int | None:
    """``days_overdue`` from the deadline in force and the close-out as of that day, for callers
    that have both already."""
    if not isinstance(deadline, date) or as_of <= deadline or closed is not None:
        return None
    return (as_of - deadline).days


def is_overdue(item: Item, as_of: date) -> bool:
    return days_overdue(item, as_of) is not None


def is_due_soon(item: Item, as_of: date, days: int) -> bool:
    deadline = deadline_at(item, as_of)
    if not isinstance(deadline, date) or closeout_at(item, as_of) is not None:
        return False
    return as_of <= deadline and (deadline - as_of).days <= days


def last_progress(item: Item, as_of: date) -> date | None:
    days = [n.date for n in item.progress if n.date <= as_of]
    return max(days) if days else None


def is_stale(item: Item, as_of: date, days: int = 30) -> bool:
    """An ongoing item, not closed, with no progress note in the last ``days`` days."""
    if deadline_at(item, as_of) != "ongoing" or closeout_at(item, as_of) is not None:
        return False
    last = last_progress(item, as_of)
    return last is None or (as_of - last).days > days


def involves(item: Item, unit: str) -> bool:
    return item.lead == unit or unit in item.responsible


@dataclass(frozen=True, slots=True)
class Filters:
    """What ``ledger list`` was asked for; units already resolved to their names."""

    as_of: date
    overdue: bool = False
    due_soon: int | None = None
    status: str | None = None
    dept: str | tuple[str, ...] | None = None
    """One unit, or several: items any of them leads or is responsible for."""
    lead: str | None = None
    question: int | None = None
    ongoing: bool = False
    dated: bool = False
    due_before: date | None = None
    due_after: date | None = None
    search: str | None = None


def _predicates(f: Filters) -> list[Callable[[Item], bool]]:
    at = f.as_of
    preds: list[Callable[[Item], bool]] = []
    if f.overdue:
        preds.append(lambda i: is_overdue(i, at))
    if f.due_soon is not None:
        days = f.due_soon
        preds.append(lambda i: is_due_soon(i, at, days))
    if f.status:
        status = f.status
        preds.append(lambda i: status_at(i, at) == status)
    if f.dept:
        depts = (f.dept,) if isinstance(f.dept, str) else tuple(f.dept)
        preds.append(lambda i: any(involves(i, d) for d in depts))
    if f.lead:
        lead = f.lead
        preds.append(lambda i: i.lead == lead)
    if f.question is not None:
        q = f.question
        preds.append(lambda i: i.question == q)
    if f.ongoing:
        preds.append(lambda i: deadline_at(i, at) == "ongoing")
    if f.dated:
        preds.append(lambda i: deadline_at(i, at) != "ongoing")
    if f.due_before is not None:
        before = f.due_before
        preds.append(lambda i: isinstance(d := deadline_at(i, at), date) and d < before)
    if f.due_after is not None:
        after = f.due_after
        preds.append(lambda i: isinstance(d := deadline_at(i, at), date) and d > after)
    if f.search:
        needle = f.search.casefold()
        preds.append(lambda i: needle in _haystack(i))
    return preds


def _haystack(item: Item) -> str:
    parts = [item.id, item.text, item.lead, *item.responsible, *(n.text for n in item.progress)]
    if item.source:
        parts.append(item.source)
    return "\n".join(parts).casefold()


def select(items: Iterable[Item], filters: Filters) -> list[Item]:
    """The items that pass every filter, in ledger order; an item added after the as-of day is not there yet."""
    at = filters.as_of
    kept = [item for item in items if item.added is None or item.added <= at]  # entered_by, inline
    for keep in _predicates(filters):  # one filter after another: no generator per item
        kept = [item for item in kept if keep(item)]
    return kept


def natural_key(item_id: str) -> tuple[tuple[int, int | str], ...]:
    """``1-2`` before ``1-10``; letters after numbers."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in item_id.split("-"))


def resolve_id(typed: str, ids: Collection[str]) -> str:
    """The id of the item a person typed: the id itself, else the one id equal to it but for width
    and case (``２－８`` → ``2-8``, ``h-1`` → ``H-1``). Anything else is refused as ``Ledger.get``
    refuses it, with the nearest ids as a hint, never as a choice; so are ids that differ only in
    case from each other, when what was typed matches neither exactly."""
    if typed in ids:
        return typed
    key = id_key(typed)
    same = [i for i in ids if id_key(i) == key]
    if len(same) == 1:
        return same[0]
    if same:
        raise LedgerError(msg("{id!r} could be any of {ids}: type the id exactly", id=typed, ids=", ".join(same)))
    raise LedgerError(unknown_id_message(id_form(typed), list(ids)))


def clashing_id(new_id: str, ids: Collection[str]) -> str | None:
    """The existing id that ``new_id`` differs from only in case or width (``h-1`` beside ``H-1``),
    if there is one; the id itself already there is not a clash but a duplicate."""
    if new_id in ids:
        return None
    key = id_key(new_id)
    return next((i for i in ids if id_key(i) == key), None)


STATUS_WORDS: dict[str, str] = {
    "open": "open", "in_progress": "in_progress", "pending_review": "pending_review", "closed": "closed",
    "未整改": "open", "整改中": "in_progress", "待审核": "pending_review", "已销号": "closed",
}
"""The words for a status, by ``typed.status_key``: its name, and its Chinese as the interface shows it."""


def status_named(text: str) -> str | None:
    """The status a person typed (``open``, ``in-progress``, ``Closed``, ``已销号`` …); None if it names none."""
    return STATUS_WORDS.get(status_key(text))
