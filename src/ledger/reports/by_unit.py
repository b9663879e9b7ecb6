"""Accountability by unit: one row of counts per unit (or question, or deadline) as of a day.

Pure: every figure comes from the ``query`` functions at an explicit as-of date; nothing here
reads the clock or the disk. Only the label helpers at the end (for the renderers) use ``tr``.

Counting rules:
- ``--by lead``: an item counts once, for its lead unit.
- ``--by responsible``: an item counts once for each of its responsible units.
- ``--by question`` / ``--by deadline``: its question (or its source, for an item outside the
  questionnaire) / the deadline in force on the as-of day.
- Group units (各园区指挥部, 区级相关部门 …) are reported as what they are: one row each.
- The totals row counts every item once, whatever the grouping.

Rows by deadline are in date order (``ongoing`` last); the others are slowest first.
"Slowest first" means, in this order: most overdue items; then the lowest close-out rate; then
most ongoing items without recent progress (stale); then most open items; then the most days
overdue in total; then the order of the units in ``departments.yaml`` (questions by number,
deadlines by date, ``ongoing`` last).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from ledger import i18n
from ledger.core.lights import DEFAULT_THRESHOLDS, Thresholds, light
from ledger.core.model import Item, Unit
from ledger.core.query import closeout_at, days_overdue, deadline_at, entered_by, is_due_soon, is_stale, status_at
from ledger.core.review import in_publicity, returns_by
from ledger.i18n import tr

GroupBy = Literal["lead", "responsible", "question", "deadline"]
GROUPINGS: tuple[str, ...] = ("lead", "responsible", "question", "deadline")
DUE_SOON_DAYS = 30
STALE_DAYS = 30

PUBLIC_KEYS = ("unit", "total", "closed", "closed_on_time", "closed_late", "open", "overdue", "due_soon", "stale",
               "close_rate")
"""The json keys of a report row (a public interface: add keys, rename none)."""


@dataclass(slots=True)
class UnitRow:
    """The counts for one unit (or question, or deadline) as of a day."""

    unit: str
    kind: str  # district | city | enterprise | group | question | deadline | total
    total: int = 0
    closed: int = 0
    closed_on_time: int = 0
    closed_late: int = 0
    in_progress: int = 0
    pending_review: int = 0  # requests awaiting review (待审核)
    red: int = 0  # lights (亮灯) on the day: see core.lights
    yellow: int = 0
    blue: int = 0
    returned: int = 0  # requests returned (退回) by the day, every round counted
    publicity: int = 0  # approved, in the notice period (公示中): open until it ends
    overdue: int = 0
    due_soon: int = 0
    stale: int = 0
    ongoing: int = 0  # open items whose deadline in force is 立行立改，长期坚持
    days_overdue: int = 0  # summed over the overdue items
    max_days_overdue: int = 0
    overdue_items: list[str] = field(default_factory=list)
    rank: int | None = None

    @property
    def open(self) -> int:
        """Not closed as of the day (open or in progress)."""
        return self.total - self.closed

    @property
    def close_rate(self) -> float:
        """销号率: closed / total, a fraction from 0 to 1 (0 for an empty row)."""
        return round(self.closed / self.total, 4) if self.total else 0.0

    def add(self, item: Item, as_of: date, thresholds: Thresholds = DEFAULT_THRESHOLDS,
            publicity_days: int | None = None) -> None:
        self.total += 1
        self.returned += returns_by(item, as_of)
        closeout = closeout_at(item, as_of)
        if closeout is not None and in_publicity(item, as_of, publicity_days):  # 公示中: not counted closed yet
            self.publicity += 1
            return
        if closeout is not None:
            self.closed += 1
            if closeout.late:
                self.closed_late += 1
            else:
                self.closed_on_time += 1
            return
        status = status_at(item, as_of)
        if status == "in_progress":
            self.in_progress += 1
        elif status == "pending_review":
            self.pending_review += 1
        late = days_overdue(item, as_of)
        if late is not None:
            self.overdue += 1
            self.days_overdue += late
            self.max_days_overdue = max(self.max_days_overdue, late)
            self.overdue_items.append(item.id)
        if is_due_soon(item, as_of, DUE_SOON_DAYS):
            self.due_soon += 1
        if deadline_at(item, as_of) == "ongoing":
            self.ongoing += 1
        if is_stale(item, as_of, STALE_DAYS):
            self.stale += 1
        lit = light(item, as_of, thresholds)
        if lit is not None and lit.light != "green":
            setattr(self, lit.light, getattr(self, lit.light) + 1)

    def as_dict(self) -> dict[str, Any]:
        """The row as json data: the public keys first, then the extra ones."""
        return {
            "unit": self.unit, "total": self.total, "closed": self.closed, "closed_on_time": self.closed_on_time,
            "closed_late": self.closed_late, "open": self.open, "overdue": self.overdue, "due_soon": self.due_soon,
            "stale": self.stale, "close_rate": self.close_rate,
            "kind": self.kind, "rank": self.rank, "is_total": self.kind == "total", "in_progress": self.in_progress,
            "ongoing": self.ongoing, "days_overdue": self.days_overdue, "max_days_overdue": self.max_days_overdue,
            "overdue_items": list(self.overdue_items), "pending_review": self.pending_review,
            "red": self.red, "yellow": self.yellow, "blue": self.blue,
            "returned": self.returned, "publicity": self.publicity,
        }


@dataclass(frozen=True, slots=True)
class Report:
    as_of: date
    by: str
    rows: list[UnitRow]  # slowest first
    totals: UnitRow


def slowness_key(row: UnitRow) -> tuple[int, float, int, int, int]:
    return (-row.overdue, row.close_rate, -row.stale, -row.open, -row.days_overdue)


def _keys_for(by: str) -> Callable[[Item, date], Iterable[str]]:
    if by == "lead":
        return lambda item, _: (item.lead,)
    if by == "responsible":
        return lambda item, _: dict.fromkeys(item.responsible)  # each unit once, even if listed twice
    if by == "question":
        return lambda item, _: (question_key(item),)
    if by == "deadline":
        return lambda item, as_of: (_deadline_key(deadline_at(item, as_of)),)
    raise ValueError(f"unknown grouping {by!r}")


def question_key(item: Item) -> str:
    """``1``, ``2`` … for questionnaire items; the source text for items from elsewhere."""
    if item.question is not None:
        return str(item.question)
    return item.source or ""


def _deadline_key(deadline: object) -> str:
    return deadline.isoformat() if isinstance(deadline, date) else str(deadline)


def _natural_order(by: str, units: Sequence[Unit]) -> Callable[[str], tuple[Any, ...]]:
    if by in ("lead", "responsible"):
        position = {u.name: n for n, u in enumerate(units)}
        return lambda key: (position.get(key, len(position)), key)
    if by == "question":
        return lambda key: (0, int(key), "") if key.isdigit() else (1, 0, key)
    return lambda key: (1, key) if key == "ongoing" else (0, key)


def build_report(items: Iterable[Item], units: Sequence[Unit], as_of: date, by: str = "lead",
                 thresholds: Thresholds = DEFAULT_THRESHOLDS, publicity_days: int | None = None) -> Report:
    """One row per unit (or question), slowest first, or per deadline in date order, and the
    totals row; ``rank`` is the row's place slowest first, whatever the order. Items added
    after ``as_of`` are not counted (``Ledger.items_at`` also leaves out those of a later batch)."""
    keys_for = _keys_for(by)
    kinds = {u.name: u.kind for u in units}
    rows: dict[str, UnitRow] = {}
    totals = UnitRow(unit="", kind="total")
    for item in items:
        if not entered_by(item, as_of):
            continue
        totals.add(item, as_of, thresholds, publicity_days)
        for key in keys_for(item, as_of):
            row = rows.get(key)
            if row is None:
                kind = kinds.get(key, "unknown") if by in ("lead", "responsible") else by
                row = rows[key] = UnitRow(unit=key, kind=kind)
            row.add(item, as_of, thresholds, publicity_days)
    natural = _natural_order(by, units)
    ordered = sorted(rows.values(), key=lambda r: (slowness_key(r), natural(r.unit)))
    for n, row in enumerate(ordered, 1):
        row.rank = n
    if by == "deadline":
        ordered.sort(key=lambda r: natural(r.unit))
    return Report(as_of=as_of, by=by, rows=ordered, totals=totals)


COLUMNS: tuple[tuple[str, str], ...] = (
    ("unit", "Unit"), ("total", "Items"), ("closed", "Closed"), ("closed_on_time", "On time"),
    ("closed_late", "Late"), ("open", "Open"), ("overdue", "Overdue"), ("due_soon", "Due in 30 days"),
    ("stale", "No progress 30 days"), ("close_rate", "Close rate"),
)
"""The columns people read (table, Markdown, the Excel sheet, the bulletin): key and English label,
translated by the renderers with ``tr``."""

LIGHT_COLUMNS: tuple[tuple[str, str], ...] = (("red", "Red"), ("yellow", "Yellow"), ("blue", "Blue"),
                                              ("pending_review", "Awaiting review"), ("returned", "Returned"))
"""The lights (亮灯) counted on the day and the requests for sign-off awaiting review and returned,
after ``COLUMNS`` in the report's csv and Markdown, and in its table where the terminal is wide enough."""


def light_cells(row: UnitRow) -> list[int]:
    return [row.red, row.yellow, row.blue, row.pending_review, row.returned]


SHORT_LABELS: dict[str, tuple[str, str]] = {
    "total": ("Items", "事项"), "closed": ("Closed", "已销号"), "closed_on_time": ("On time", "按期"),
    "closed_late": ("Late", "超期"), "open": ("Open", "未销号"), "overdue": ("Overdue", "逾期"),
    "due_soon": ("Due 30d", "临期"), "stale": ("Stale", "无进展"), "close_rate": ("Rate", "销号率"),
    "red": ("R", "红"), "yellow": ("Y", "黄"), "blue": ("B", "蓝"), "pending_review": ("Rev", "待审"),
    "returned": ("Ret", "退回"),
}
"""Column headers (English, Chinese) for the terminal table, narrow enough for 80 columns; the
table's caption explains them."""


def short_label(key: str) -> str:
    en, zh = SHORT_LABELS[key]
    return zh if i18n.language() == "zh" else en


NARROW_LABELS: dict[str, tuple[str, str]] = {"overdue": ("Past due", "")}
"""Headers for a terminal too narrow for ``SHORT_LABELS``: one that can take two lines (Chinese
ones take two lines between their characters)."""


def narrow_label(key: str) -> str:
    en, zh = NARROW_LABELS.get(key, ("", ""))
    return zh if i18n.language() == "zh" else en


GROUP_LABELS = {"lead": "Lead unit", "responsible": "Responsible unit", "question": "Question", "deadline": "Deadline"}


def order_caption(by: str) -> str:
    """What the rows are and in which order, for the line under a table of the report."""
    if by == "deadline":
        return tr("by deadline, in date order")
    if by == "question":
        return tr("by question, slowest first")
    if by == "responsible":
        return tr("by responsible unit, slowest first")
    return tr("by lead unit, slowest first")


def unit_label(row: UnitRow) -> str:
    """What a person reads in the unit column: the unit's name as written, ``问题1``, a deadline,
    立行立改，长期坚持, or 合计 (the totals row)."""
    if row.kind == "total":
        return tr("Total")
    if row.kind == "question" and row.unit.isdigit():
        return tr("Question {n}", n=row.unit)
    if row.kind == "deadline" and row.unit == "ongoing":
        return tr("ongoing")
    return row.unit


def percent(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def display_cells(row: UnitRow) -> list[Any]:
    """The row's cells in ``COLUMNS`` order, as people read them."""
    data = row.as_dict()
    return [unit_label(row), *(data[key] for key, _ in COLUMNS[1:-1]), percent(row.close_rate)]
