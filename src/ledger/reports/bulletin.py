"""The monthly bulletin (营商环境建设通报) as plain data: what happened to the ledger in a month.

Pure, like ``report``: the period and the as-of day are explicit. The bulletin reads the ledger
as it stood at the end of the period (or on the as-of day, for a month not over yet); every
event is taken by the date it happened (a progress note's ``date``, a close-out's ``date`` …),
so a bulletin for a past month comes out the same whenever it is made.

Headings and what lands under each:
- closed: close-outs dated in the period, on time or late (``late`` as recorded), including
  those a later look-back undid (marked with the reopening date);
- became overdue: the deadline in force ran out in the period (its day after fell in the
  period) while the item was open;
- extensions: extensions approved in the period; reopenings: look-backs in the period;
- progress: progress notes dated in the period;
- still overdue: items overdue on the as-of day, grouped by lead unit, most days first;
- silent ongoing: ongoing items (立行立改，长期坚持), open on the as-of day, with no progress note
  dated in the period;
- ranking: the report by lead unit on the as-of day, slowest first (see ``report``);
- lights: the red, yellow and blue items on the as-of day; scores: each lead unit's lights in the
  month and its points (an item counts once a month, red if it was red on any day — see ``core.lights``).

Only the items in the ledger on the as-of day count: an item added later is left out (the caller
passes ``Ledger.items_at(as_of)``, which also leaves out a batch reported later).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ledger.core.lights import DEFAULT_POINTS, DEFAULT_THRESHOLDS, Points, Score, Thresholds
from ledger.core.model import Item, Unit
from ledger.core.query import closeout_at, days_overdue, deadline_at, entered_by, natural_key, status_at
from ledger.reports.by_unit import Report, build_report
from ledger.reports.lights import light_rows, month_scores

PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


def parse_period(text: str) -> tuple[date, date]:
    """``2024-08`` → (2024-08-01, 2024-08-31); ValueError if it is not a YYYY-MM month."""
    match = PERIOD.match(text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(text)
    year, month = int(match[1]), int(match[2])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def period_as_of(period: str, today: date) -> date:
    """The day a bulletin reads the ledger as of: the end of the period, or today for a month not over yet."""
    return min(parse_period(period)[1], today)


@dataclass(frozen=True, slots=True)
class Closed:
    id: str
    text: str
    lead: str
    date: date
    by: str
    late: bool
    deadline: object  # the deadline in force on the close-out day
    reopened: date | None  # when a look-back undid it, if one did by the as-of day


@dataclass(frozen=True, slots=True)
class BecameOverdue:
    id: str
    text: str
    lead: str
    deadline: date
    closed: date | None  # closed (late) since, by the as-of day
    extended_to: date | None  # not closed but no longer overdue on the as-of day: the deadline now


@dataclass(frozen=True, slots=True)
class Extended:
    id: str
    text: str
    lead: str
    date: date
    previous: object
    to: date
    reason: str
    approved_by: str | None


@dataclass(frozen=True, slots=True)
class Reopened:
    id: str
    text: str
    lead: str
    date: date
    reason: str
    by: str | None
    closed: date  # the close-out it undid


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    text: str
    lead: str
    date: date
    note: str
    by: str | None


@dataclass(frozen=True, slots=True)
class Overdue:
    id: str
    text: str
    lead: str
    deadline: date
    days: int
    extensions: int


@dataclass(frozen=True, slots=True)
class Silent:
    id: str
    text: str
    lead: str
    last_progress: date | None


@dataclass(frozen=True, slots=True)
class CurvePoint:
    date: date
    closed: int


@dataclass(frozen=True, slots=True)
class Bulletin:
    period: str
    start: date
    end: date
    as_of: date  # the end of the period, or the as-of day for a month not over yet
    total: int
    status: dict[str, int]  # closed, in_progress (awaiting review too), open, overdue (taken out of the other two)
    closed: list[Closed]
    became_overdue: list[BecameOverdue]
    extensions: list[Extended]
    reopenings: list[Reopened]
    progress: list[Note]
    still_overdue: list[tuple[str, list[Overdue]]]  # by lead unit, the unit with most overdue first
    silent: list[Silent]
    ranking: Report
    curve: list[CurvePoint]  # closed items over time, one point per change, from the first batch day
    curve_start: date
    lights: list[dict[str, Any]] = field(default_factory=list)  # ``ledger lights`` on the as-of day
    scores: list[Score] = field(default_factory=list)  # lead units with a red or yellow item in the month
    points: Points = DEFAULT_POINTS

    @property
    def closed_on_time(self) -> list[Closed]:
        return [c for c in self.closed if not c.late]

    @property
    def closed_late(self) -> list[Closed]:
        return [c for c in self.closed if c.late]


def _in(day: date, start: date, end: date) -> bool:
    return start <= day <= end


def _became_overdue(item: Item, start: date, end: date) -> date | None:
    """The deadline that ran out in [start, end] while the item was open, if one did."""
    candidates = [item.deadline, *(e.to for e in item.extensions)]
    for deadline in sorted({d for d in candidates if isinstance(d, date) and d < end}):  # d < end: no 9999-12-31 + 1
        first_late_day = deadline + timedelta(days=1)
        if _in(first_late_day, start, end) and deadline_at(item, first_late_day) == deadline \
                and closeout_at(item, first_late_day) is None:
            return deadline
    return None


def status_counts(items: Sequence[Item], as_of: date) -> dict[str, int]:
    """The status composition chart's counts: each item once, overdue taking precedence over its status."""
    counts = {"closed": 0, "in_progress": 0, "open": 0, "overdue": 0}
    for item in items:
        if days_overdue(item, as_of) is not None:
            counts["overdue"] += 1
        else:
            status = status_at(item, as_of)
            counts["in_progress" if status == "pending_review" else status] += 1  # awaiting review: still in progress
    return counts


def close_curve(items: Sequence[Item], until: date) -> list[CurvePoint]:
    """How many items stood closed after each day on which that number changed, up to ``until``."""
    changes: dict[date, int] = {}
    for item in items:
        closeouts = [(p.closed.date, p.reopened.date) for p in item.history]
        if item.closed is not None:
            closeouts.append((item.closed.date, None))  # type: ignore[arg-type]
        for closed, reopened in closeouts:
            if closed <= until:
                changes[closed] = changes.get(closed, 0) + 1
            if reopened is not None and reopened <= until:
                changes[reopened] = changes.get(reopened, 0) - 1
    points, running = [], 0
    for day in sorted(changes):
        running += changes[day]
        points.append(CurvePoint(day, running))
    return points


def build_bulletin(items: Sequence[Item], units: Sequence[Unit], period: str, today: date,
                   first_day: date | None = None, thresholds: Thresholds = DEFAULT_THRESHOLDS, points: Points = DEFAULT_POINTS,
                   entered: Callable[[Item], date | None] | None = None) -> Bulletin:
    """The bulletin for ``period`` (YYYY-MM). ``today`` caps the as-of day of a month not over yet;
    ``first_day`` starts the close-out curve (default: the earliest event or the period start);
    ``entered`` gives an item's first day in the ledger for the month's lights (default: its ``added``)."""
    start, end = parse_period(period)
    as_of = period_as_of(period, today)
    items = [item for item in items if entered_by(item, as_of)]
    closed: list[Closed] = []
    became: list[BecameOverdue] = []
    extended: list[Extended] = []
    reopened: list[Reopened] = []
    notes: list[Note] = []
    silent: list[Silent] = []
    overdue_by_lead: dict[str, list[Overdue]] = {}
    events: list[date] = []
    for item in items:
        closeouts = [(p.closed, p.reopened) for p in item.history]
        if item.closed is not None:
            closeouts.append((item.closed, None))  # type: ignore[arg-type]
        for closeout, reopening in closeouts:
            events.append(closeout.date)
            if _in(closeout.date, start, as_of):
                undone = reopening.date if reopening is not None and reopening.date <= as_of else None
                closed.append(Closed(item.id, item.text, item.lead, closeout.date, closeout.by, closeout.late,
                                     deadline_at(item, closeout.date), undone))
            if reopening is not None and _in(reopening.date, start, as_of):
                reopened.append(Reopened(item.id, item.text, item.lead, reopening.date, reopening.reason,
                                         reopening.by, closeout.date))
        deadline = _became_overdue(item, start, as_of)
        if deadline is not None:
            now = closeout_at(item, as_of)
            in_force = deadline_at(item, as_of)
            extended_to = in_force if now is None and isinstance(in_force, date) and in_force >= as_of else None
            became.append(BecameOverdue(item.id, item.text, item.lead, deadline, now.date if now else None, extended_to))
        for ext in item.extensions:
            events.append(ext.date)
            if _in(ext.date, start, as_of):
                extended.append(Extended(item.id, item.text, item.lead, ext.date, ext.previous, ext.to, ext.reason,
                                         ext.approved_by))
        in_period = [n for n in item.progress if _in(n.date, start, as_of)]
        events += [n.date for n in item.progress]
        notes += [Note(item.id, item.text, item.lead, n.date, n.text, n.by) for n in in_period]
        late = days_overdue(item, as_of)
        if late is not None:
            in_force = deadline_at(item, as_of)
            assert isinstance(in_force, date)
            overdue_by_lead.setdefault(item.lead, []).append(
                Overdue(item.id, item.text, item.lead, in_force, late, sum(1 for e in item.extensions if e.date <= as_of)))
        if deadline_at(item, as_of) == "ongoing" and closeout_at(item, as_of) is None and not in_period:
            before = [n.date for n in item.progress if n.date <= as_of]
            silent.append(Silent(item.id, item.text, item.lead, max(before) if before else None))

    def by_id(x: Any) -> Any:
        return natural_key(x.id)

    closed.sort(key=lambda c: (c.date, natural_key(c.id)))
    became.sort(key=lambda b: (b.deadline, natural_key(b.id)))
    extended.sort(key=lambda e: (e.date, natural_key(e.id)))
    reopened.sort(key=lambda r: (r.date, natural_key(r.id)))
    notes.sort(key=lambda n: (n.date, natural_key(n.id)))
    silent.sort(key=by_id)
    ranking = build_report(items, units, as_of, "lead", thresholds)
    order = {row.unit: n for n, row in enumerate(ranking.rows)}
    still = sorted(((lead, sorted(rows, key=lambda o: (-o.days, natural_key(o.id))))
                    for lead, rows in overdue_by_lead.items()), key=lambda pair: order.get(pair[0], len(order)))
    curve_start = first_day or min([*events, start])
    return Bulletin(
        period=f"{start.year:04d}-{start.month:02d}", start=start, end=end, as_of=as_of, total=len(items),
        status=status_counts(items, as_of), closed=closed, became_overdue=became, extensions=extended,
        reopenings=reopened, progress=notes, still_overdue=still, silent=silent, ranking=ranking,
        curve=close_curve(items, as_of), curve_start=min(curve_start, start),
        lights=light_rows(items, as_of, thresholds), points=points,
        scores=month_scores(items, units, start, as_of, thresholds, points, entered))
