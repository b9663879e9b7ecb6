"""Lights as plain data: the lit items of a day (``ledger lights``), and a unit's lights and month score.

The json records of ``ledger lights`` are a public interface: the keys ``LIGHT_KEYS`` come first
(add keys, rename none). ``reason`` is a word (overdue, due_soon, returned, silent); ``detail``
says it in the interface language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from ledger.core.lights import (
    DEFAULT_POINTS,
    DEFAULT_THRESHOLDS,
    SHOWN,
    Lit,
    Points,
    Score,
    Thresholds,
    light,
    month_lights,
    month_score,
)
from ledger.core.model import Item, Unit
from ledger.core.query import deadline_at, entered_by, involves, natural_key
from ledger.i18n import tr
from ledger.reports.rows import deadline_text

LIGHT_KEYS = ("id", "light", "reason", "lead", "deadline")
"""The json keys every record of ``ledger lights`` starts with (a public interface)."""


def light_word(name: str | None) -> str:
    """A light as people read it: 红灯, 黄牌, 蓝标, 绿灯 under --lang zh."""
    if name == "red":
        return tr("red")
    if name == "yellow":
        return tr("yellow")
    if name == "blue":
        return tr("blue")
    if name == "green":
        return tr("green")
    return ""


def reason_text(lit: Lit) -> str:
    """Why the item has its light, in the interface language."""
    days = lit.days
    if lit.reason == "overdue":
        return tr("overdue by 1 day") if days == 1 else tr("overdue by {days} days", days=days)
    if lit.reason == "due_soon":
        if days == 0:
            return tr("due today")
        return tr("1 day left") if days == 1 else tr("{n} days left", n=days)
    if lit.reason == "returned":
        return tr("returned, not requested again")
    if lit.reason == "silent":
        if days is None:
            return tr("ongoing, no progress note yet")
        return tr("ongoing, no progress note for {days} days", days=days)
    return tr("on track")


def light_rows(items: Iterable[Item], as_of: date, thresholds: Thresholds = DEFAULT_THRESHOLDS,
               unit: str | None = None) -> list[dict[str, Any]]:
    """The red, yellow and blue items on ``as_of`` (of ``unit``, leading or responsible, if given):
    red first, most days overdue first; then yellow and blue, fewest days left first; then by id."""
    rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for item in items:
        if not entered_by(item, as_of) or (unit is not None and not involves(item, unit)):
            continue
        lit = light(item, as_of, thresholds)
        if lit is None or lit.light not in SHOWN:
            continue
        deadline = deadline_at(item, as_of)
        record = {
            "id": item.id, "light": lit.light, "reason": lit.reason, "lead": item.lead,
            "deadline": deadline_text(deadline), "detail": reason_text(lit),
            "days_overdue": lit.days if lit.reason == "overdue" else None,
            "days_left": lit.days if lit.reason == "due_soon" else None,
            "days_silent": lit.days if lit.reason == "silent" else None,
            "responsible": list(item.responsible), "text": item.text,
        }
        days = lit.days if lit.days is not None else 10 ** 6
        key = (SHOWN.index(lit.light), -days if lit.reason == "overdue" else days if lit.reason == "due_soon"
               else 10 ** 6, natural_key(item.id))
        rows.append((key, record))
    return [record for _, record in sorted(rows, key=lambda pair: pair[0])]


def light_counts(items: Iterable[Item], as_of: date, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> dict[str, int]:
    """How many of ``items`` are red, yellow, blue and green on ``as_of``."""
    counts = {"red": 0, "yellow": 0, "blue": 0, "green": 0}
    for item in items:
        lit = light(item, as_of, thresholds)
        if lit is not None:
            counts[lit.light] += 1
    return counts


def month_scores(items: Sequence[Item], units: Sequence[Unit], start: date, end: date,
                 thresholds: Thresholds = DEFAULT_THRESHOLDS, points: Points = DEFAULT_POINTS,
                 entered: Callable[[Item], date | None] | None = None) -> list[Score]:
    """Each lead unit with a red or yellow item in the month, lowest score first, then in the order
    of ``departments.yaml``."""
    counted = month_lights(items, start, end, thresholds, entered or (lambda item: item.added))
    position = {u.name: n for n, u in enumerate(units)}
    scores = [month_score(name, lights, points) for name, lights in counted.items()]
    return sorted(scores, key=lambda s: (s.points, -len(s.red), -len(s.yellow), position.get(s.unit, len(position)),
                                         s.unit))
