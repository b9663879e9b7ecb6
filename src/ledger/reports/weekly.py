"""The weekly scheduling report (周调度) as plain data: new, progressed and closed in an ISO week, and newly red.

Pure, like the monthly bulletin: the week and the as-of day are explicit, the ledger is read as it
stood at the end of the week (or on the as-of day, for a week not over yet), and every event is
taken by the day it happened, so a past week's report comes out the same whenever it is made.

- new: items that entered the ledger in the week (their ``added`` day, else their batch date);
- progressed: items with progress notes dated in the week, each item once with its notes;
- closed: close-outs dated in the week, on time or late, including those a later look-back undid;
- newly red: items that turned red (overdue, ``core.lights``) on a day of the week, with how they
  stand on the as-of day.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ledger.core.lights import DEFAULT_THRESHOLDS, Thresholds, light
from ledger.core.model import Deadline, Item
from ledger.core.query import closeout_at, deadline_at, natural_key, status_at
from ledger.reports.bulletin import Closed

WEEK = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")


def parse_week(text: str) -> tuple[str, date, date]:
    """``2024-W35`` (also ``2024W35``, ``2024-w35``) → ("2024-W35", its Monday, its Sunday); ValueError
    if it is not an ISO week (week 53 only in a year that has one)."""
    match = WEEK.match(text.strip())
    if not match:
        raise ValueError(text)
    year, week = int(match[1]), int(match[2])
    try:
        monday = date.fromisocalendar(year, week, 1)
        sunday = monday + timedelta(days=6)
    except (ValueError, OverflowError):  # 9999-W52 ends in the year 10000: no such week here
        raise ValueError(text) from None
    return f"{year:04d}-W{week:02d}", monday, sunday


@dataclass(frozen=True, slots=True)
class New:
    id: str
    text: str
    lead: str
    entered: date
    deadline: Deadline


@dataclass(frozen=True, slots=True)
class Progressed:
    id: str
    text: str
    lead: str
    status: str  # on the as-of day
    notes: tuple[tuple[date, str, str | None], ...]  # (date, text, by) dated in the week


@dataclass(frozen=True, slots=True)
class NewlyRed:
    id: str
    text: str
    lead: str
    deadline: date  # the deadline in force the day it turned red
    since: date  # the first red day: the day after that deadline
    days: int | None  # days overdue on the as-of day, if still red then
    closed: date | None  # closed since, by the as-of day
    extended_to: date | None  # neither: the deadline in force on the as-of day


@dataclass(frozen=True, slots=True)
class Weekly:
    week: str
    start: date
    end: date
    as_of: date
    total: int
    new: list[New]
    progressed: list[Progressed]
    closed: list[Closed]
    newly_red: list[NewlyRed]


def _turned_red(item: Item, start: date, as_of: date, thresholds: Thresholds,
                entered: date | None) -> date | None:
    """The first day in ``start``..``as_of`` the item was red that it was not red the day before."""
    day = start
    before = light(item, day - timedelta(days=1), thresholds) if entered is None or entered < day else None
    was_red = before is not None and before.light == "red"
    while day <= as_of:
        lit = light(item, day, thresholds) if entered is None or entered <= day else None
        red = lit is not None and lit.light == "red"
        if red and not was_red:
            return day
        was_red = red
        day += timedelta(days=1)
    return None


def build_weekly(items: Sequence[Item], week: str, today: date, entered: Callable[[Item], date | None],
                 thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Weekly:
    """The report for ``week`` (YYYY-Www) over the items in the ledger on its as-of day (the caller
    passes ``Ledger.items_at``); ``entered`` gives an item's first day in the ledger (None: always there)."""
    name, start, end = parse_week(week)
    as_of = min(end, today)
    items = [item for item in items if (entered(item) or as_of) <= as_of]
    new: list[New] = []
    progressed: list[Progressed] = []
    closed: list[Closed] = []
    red: list[NewlyRed] = []
    for item in items:
        first = entered(item)
        if first is not None and start <= first <= as_of:
            new.append(New(item.id, item.text, item.lead, first, item.deadline))
        notes = tuple((n.date, n.text, n.by) for n in sorted(item.progress, key=lambda n: n.date)
                      if start <= n.date <= as_of)
        if notes:
            progressed.append(Progressed(item.id, item.text, item.lead, status_at(item, as_of), notes))
        for closeout, reopening in [*((p.closed, p.reopened) for p in item.history), (item.closed, None)]:
            if closeout is not None and start <= closeout.date <= as_of:
                undone = reopening.date if reopening is not None and reopening.date <= as_of else None
                closed.append(Closed(item.id, item.text, item.lead, closeout.date, closeout.by, closeout.late,
                                     deadline_at(item, closeout.date), undone))
        since = _turned_red(item, start, as_of, thresholds, first)
        if since is not None:
            deadline = deadline_at(item, since)
            assert isinstance(deadline, date)
            now = light(item, as_of, thresholds)
            done = closeout_at(item, as_of)
            in_force = deadline_at(item, as_of)
            still = now is not None and now.light == "red"
            red.append(NewlyRed(item.id, item.text, item.lead, deadline, since, now.days if still and now else None,
                                done.date if done else None,
                                in_force if not still and done is None and isinstance(in_force, date) else None))
    new.sort(key=lambda n: (n.entered, natural_key(n.id)))
    progressed.sort(key=lambda p: (p.notes[0][0], natural_key(p.id)))
    closed.sort(key=lambda c: (c.date, natural_key(c.id)))
    red.sort(key=lambda r: (r.since, natural_key(r.id)))
    return Weekly(name, start, end, as_of, len(items), new, progressed, closed, red)
