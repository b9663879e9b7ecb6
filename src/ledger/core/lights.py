"""Lights (亮灯): an item's colour on any day, computed from its recorded history and never stored.

The rules, first match wins, for an item in the ledger on the as-of day:
- closed on that day (``query.closeout_at``): no light (None);
- ``red``: overdue — the day is after the deadline in force (the deadline day itself is not);
- ``yellow``: a dated item due within ``yellow_days`` days (0 to 7 by default: due today counts);
  a request for close-out that was returned and not requested again (``review.returned_unanswered``);
  an ongoing item with no progress note in the last ``silent_days`` days (more than 30 days since
  its latest note dated on or before the day, or no note at all — as ``query.is_stale`` reads it);
- ``blue``: a dated item due within ``blue_days`` days (8 to 30 by default);
- ``green``: every other open item.

A month's lights, for the bulletin's score (``month_lights``): an item counts for a unit once as
red if it was red on any day of the month (first to last day, or to the as-of day for a month not
over yet) while it was in the ledger, else once as yellow if it was yellow on any such day; blue and
green do not count. It counts for its lead unit only (the unit that answers for the item). A unit's
score for the month (``month_score``): ``points.red`` for each red item, and ``points.second_yellow``
for each yellow item after the first (the second yellow card and every later one); 专函督办 (a
supervision letter) is due for two yellows or more, 约谈 (an interview) for a red.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ledger.core.model import Item
from ledger.core.query import closeout_at, deadline_at, entered_by, is_stale
from ledger.core.review import returned_unanswered

Light = Literal["red", "yellow", "blue", "green"]
LIGHTS: tuple[str, ...] = ("red", "yellow", "blue", "green")
SHOWN: tuple[str, ...] = ("red", "yellow", "blue")
"""The lights ``ledger lights`` lists; green is every other open item."""

Reason = Literal["overdue", "due_soon", "returned", "silent", "on_track"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Days that turn an item yellow or blue (settings.yaml ``lights:``)."""

    yellow_days: int = 7
    blue_days: int = 30
    silent_days: int = 30


@dataclass(frozen=True, slots=True)
class Points:
    """A month's points (settings.yaml ``points:``): Guangyuan's −1 for a second yellow, −2 for a red."""

    second_yellow: int = -1
    red: int = -2


DEFAULT_THRESHOLDS = Thresholds()
DEFAULT_POINTS = Points()


@dataclass(frozen=True, slots=True)
class Lit:
    """An item's light on a day, with why: ``days`` is days overdue (red), days left (dated yellow
    or blue) or days since the last progress note (silent; None if there is none)."""

    light: Light
    reason: Reason
    days: int | None = None


def light(item: Item, as_of: date, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Lit | None:
    """The item's light on ``as_of`` and the reason; None for an item closed that day."""
    if closeout_at(item, as_of) is not None:
        return None
    deadline = deadline_at(item, as_of)
    if isinstance(deadline, date):
        left = (deadline - as_of).days
        if left < 0:
            return Lit("red", "overdue", -left)
        if left <= thresholds.yellow_days:
            return Lit("yellow", "due_soon", left)
    if returned_unanswered(item, as_of):
        return Lit("yellow", "returned")
    if is_stale(item, as_of, thresholds.silent_days):
        notes = [n.date for n in item.progress if n.date <= as_of]
        return Lit("yellow", "silent", (as_of - max(notes)).days if notes else None)
    if isinstance(deadline, date) and (deadline - as_of).days <= thresholds.blue_days:
        return Lit("blue", "due_soon", (deadline - as_of).days)
    return Lit("green", "on_track")


def month_lights(items: Iterable[Item], start: date, end: date, thresholds: Thresholds = DEFAULT_THRESHOLDS,
                 entered: Callable[[Item], date | None] = lambda item: item.added) -> dict[str, dict[str, list[str]]]:
    """Per lead unit, the ids that counted red and yellow in the month ``start``..``end`` (see the
    module's rules): ``{unit: {"red": [...], "yellow": [...]}}``, units and ids in ledger order.
    ``entered`` gives an item's first day in the ledger (None: always there). A light only changes
    on the days ``turns`` names, so only those days (and the first) are looked at."""
    out: dict[str, dict[str, list[str]]] = {}
    for item in items:
        first = entered(item)
        day = max(start, first) if first is not None else start
        seen: set[str] = set()
        for when in [day, *sorted(d for d in turns(item, thresholds) if day < d <= end)] if day <= end else []:
            if "red" in seen:
                break
            if entered_by(item, when):
                lit = light(item, when, thresholds)
                if lit is not None:
                    seen.add(lit.light)
        counted = "red" if "red" in seen else "yellow" if "yellow" in seen else None
        if counted is not None:
            out.setdefault(item.lead, {"red": [], "yellow": []})[counted].append(item.id)
    return out


def turns(item: Item, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> set[date]:
    """Every day on which the item's light may differ from the day before: a record's day (a note,
    an extension, a close-out, a reopening, a request, a review, the day it was added), the first
    day a note is too old, and for each deadline it ever had the first yellow, blue and red day."""
    days = {n.date for n in item.progress} | {e.date for e in item.extensions}
    days |= {_shift(n.date, thresholds.silent_days + 1) for n in item.progress}
    if item.closed is not None:
        days.add(item.closed.date)
    for past in item.history:
        days |= {past.closed.date, past.reopened.date}
    for r in item.reviews:
        days |= {r.request.date, *((r.outcome.date,) if r.outcome is not None else ())}
    if item.added is not None:
        days.add(item.added)
    for deadline in {item.deadline, *(e.to for e in item.extensions)}:
        if isinstance(deadline, date):
            days |= {_shift(deadline, -thresholds.blue_days), _shift(deadline, -thresholds.yellow_days),
                     _shift(deadline, 1)}
    return days


def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, kept within the calendar (no 9999-12-31 + 1)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


@dataclass(frozen=True, slots=True)
class Score:
    """One unit's month: its red and yellow items, the points and the measures they bring."""

    unit: str
    red: tuple[str, ...]
    yellow: tuple[str, ...]
    points: int
    letter: bool  # 专函督办: two yellows or more
    interview: bool  # 约谈: a red


def month_score(unit: str, counted: dict[str, list[str]], points: Points = DEFAULT_POINTS) -> Score:
    """A unit's score for a month from ``month_lights``' entry for it."""
    red, yellow = tuple(counted.get("red", ())), tuple(counted.get("yellow", ()))
    total = points.red * len(red) + points.second_yellow * max(len(yellow) - 1, 0)
    return Score(unit, red, yellow, total, len(yellow) >= 2, bool(red))
