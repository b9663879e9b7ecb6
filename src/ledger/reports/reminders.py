"""Reminders (信息直达) as plain data: for each unit, the red, yellow and blue items it leads or shares on a day.

A unit gets a reminder when it leads an item or is one of its responsible units and the item is
red, yellow or blue on the as-of day (``core.lights``; a returned request not requested again is
yellow, or red when the item is overdue as well). Units come in ``departments.yaml`` order, then
any other name the items use; a unit's items come red first, then yellow, then blue, each as
``ledger lights`` orders them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ledger.core.lights import DEFAULT_THRESHOLDS, SHOWN, Lit, Thresholds, light
from ledger.core.model import Deadline, Item, Unit
from ledger.core.query import deadline_at, entered_by, natural_key


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    text: str
    lead: bool  # the unit leads it (else it is one of its responsible units)
    deadline: Deadline  # in force on the as-of day
    days_left: int | None  # to the deadline in force (negative: overdue); None for an ongoing item
    lit: Lit


@dataclass(frozen=True, slots=True)
class Reminder:
    unit: str
    email: str | None
    as_of: date
    entries: tuple[Entry, ...]

    def by_light(self, name: str) -> list[Entry]:
        return [e for e in self.entries if e.lit.light == name]


def _order(entry: Entry) -> tuple[object, ...]:
    days = entry.lit.days if entry.lit.days is not None else 10 ** 6
    near = -days if entry.lit.reason == "overdue" else days if entry.lit.reason == "due_soon" else 10 ** 6
    return SHOWN.index(entry.lit.light), near, natural_key(entry.id)


def build_reminders(items: Iterable[Item], units: Sequence[Unit], as_of: date,
                    thresholds: Thresholds = DEFAULT_THRESHOLDS, only: str | None = None) -> list[Reminder]:
    """One reminder per unit with a lit item on ``as_of`` (only ``only``'s, if given)."""
    found: dict[str, list[Entry]] = {}
    for item in items:
        if not entered_by(item, as_of):
            continue
        lit = light(item, as_of, thresholds)
        if lit is None or lit.light not in SHOWN:
            continue
        deadline = deadline_at(item, as_of)
        left = (deadline - as_of).days if isinstance(deadline, date) else None
        for name in dict.fromkeys((item.lead, *item.responsible)):
            if only is None or name == only:
                found.setdefault(name, []).append(Entry(item.id, item.text, name == item.lead, deadline, left, lit))
    position = {u.name: n for n, u in enumerate(units)}
    emails = {u.name: u.email for u in units}
    names = sorted(found, key=lambda n: (position.get(n, len(position)), n))
    return [Reminder(n, emails.get(n), as_of, tuple(sorted(found[n], key=_order))) for n in names]
