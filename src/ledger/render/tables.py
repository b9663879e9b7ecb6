"""Rich tables for the terminal. Chinese characters are two cells wide; rich measures them as
such, so columns line up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..i18n import tr

WIDE_ENOUGH_FOR_UNITS = 110


def status_text(row: dict[str, Any]) -> Text:
    if row["overdue"]:
        return Text(tr("overdue {days}d", days=row["days_overdue"]), style="bold red")
    if row["status"] == "closed":
        label = tr("closed") + ("*" if row.get("closed_late") else "")
        return Text(label, style="green")
    return Text(tr(row["status"]), style="yellow" if row["status"] == "in_progress" else "")


def deadline_cell(row: dict[str, Any]) -> str:
    text = tr("ongoing (short)") if row["deadline"] == "ongoing" else row["deadline"]
    if row["extensions"]:
        text += "†"
    return text


def items_table(rows: Sequence[dict[str, Any]], console: Console, footer: str) -> Table:
    show_units = console.width >= WIDE_ENOUGH_FOR_UNITS
    table = Table(caption=footer, caption_justify="left")
    table.add_column(tr("ID"), no_wrap=True)
    table.add_column(tr("Feedback"), overflow="fold", ratio=3)
    table.add_column(tr("Lead"), overflow="fold", ratio=1)
    if show_units:
        table.add_column(tr("Responsible"), overflow="fold", ratio=2)
    table.add_column(tr("Deadline"), no_wrap=True)
    table.add_column(tr("Status"), no_wrap=True)
    for r in rows:
        cells: list[Any] = [r["id"], r["text"], r["lead"]]
        if show_units:
            units = "、".join(r["responsible"]) + (tr("(and other departments)") if r["and_others"] else "")
            cells.append(units)
        cells += [deadline_cell(r), status_text(r)]
        table.add_row(*cells, style="red" if r["overdue"] else None)
    return table
