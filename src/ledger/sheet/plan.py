"""What an import will do: the planned changes, and the sheet row being checked with its problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ledger.core.model import Item
from ledger.i18n import Message
from ledger.sheet.table import SheetProblem, SheetRow, Table


@dataclass(slots=True)
class Change:
    item: Item
    new: bool
    what: list[str]
    row: int


@dataclass(slots=True)
class Options:
    """What ``ledger import`` was told: the sheet, header mappings, the plan's year, the batch and its day."""

    sheet: str | None = None
    maps: dict[str, str] = field(default_factory=dict)
    year: int | None = None
    batch: str | None = None
    source: str | None = None
    date: date | None = None
    as_of: date | None = None
    add_units: bool = False


@dataclass(slots=True)
class Plan:
    table: Table
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    problems: list[SheetProblem] = field(default_factory=list)
    own: bool = True  # the export's own layout: its strict rules for 整改进展 and 完成情况 apply
    year: int | None = None  # the plan's year, for deadlines that name none
    as_of: date | None = None  # the day the sheet stands as of (截至 row or --as-of)
    add_units: bool = False
    new_units: dict[str, int] = field(default_factory=dict)  # unknown unit → the first row naming it
    readings: list[tuple[int, str, Any, str]] = field(default_factory=list)  # (row, phrase, deadline, how)
    unit_notes: list[tuple[int, str, list[str]]] = field(default_factory=list)  # (row, column, words read)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    rewritten: list[tuple[str, int]] = field(default_factory=list)  # (item, % of its text kept)
    batch: Any = None  # the batch the import goes into (``sheet.batches.Target``), or None


class Row:
    """One sheet row being checked: its cells, and the problems found in it."""

    def __init__(self, table: Table, row: SheetRow, plan: Plan):
        self.table, self.row, self.plan = table, row, plan
        self.item_id: str | None = None

    def has(self, header: str) -> bool:
        return header in self.row.cells

    def value(self, header: str) -> Any:
        cell = self.row.cells.get(header)
        return cell.value if cell else ""

    def text(self, header: str) -> str:
        value = self.value(header)
        return value.isoformat() if isinstance(value, date) else str(value)

    def lines(self, header: str) -> list[str]:
        return [line.strip() for line in self.text(header).split("\n") if line.strip()]

    def problem(self, header: str | None, message: str | Message) -> None:
        column = self.row.cells[header].column if header and header in self.row.cells else ""
        self.plan.problems.append(SheetProblem(str(self.table.path), message, self.row.number, None, self.item_id,
                                               header, sheet=self.table.sheet, column=column))
