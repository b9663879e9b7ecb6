"""Rich tables of items for the terminal.

Chinese characters are two cells wide; rich measures them as such, so columns line up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ledger.i18n import tr
from ledger.render.terminal import visible

WIDE_ENOUGH_FOR_UNITS = 110


def plain(text: str) -> Text:
    """Data as a cell of a rich table: shown as it is written, never read as rich markup
    (``[link=…]``, ``[/x]``) and with its control characters made visible."""
    return Text(visible(text))


def status_label(row: dict[str, Any]) -> str:
    if row["overdue"]:
        return tr("overdue {days}d", days=row["days_overdue"])
    if row["status"] == "closed":
        return tr("closed") + ("*" if row.get("closed_late") else "")
    return tr(row["status"])


def status_text(row: dict[str, Any]) -> Text:
    style = ("bold red" if row["overdue"] else "green" if row["status"] == "closed"
             else "yellow" if row["status"] == "in_progress" else "")
    return Text(status_label(row), style=style)


def units_cell(row: dict[str, Any]) -> str:
    return "、".join(row["responsible"]) + (tr("(and other departments)") if row["and_others"] else "")


def headers(show_units: bool) -> list[str]:
    names = ["ID", "Feedback", "Lead", *(["Responsible"] if show_units else []), "Deadline", "Status"]
    return [tr(n) for n in names]


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
        cells: list[Any] = [plain(r["id"]), plain(r["text"]), plain(r["lead"])]
        if show_units:
            cells.append(plain(units_cell(r)))
        cells += [plain(deadline_cell(r)), status_text(r)]
        table.add_row(*cells, style="red" if r["overdue"] else None)
    return table


def items_plain(rows: Sequence[dict[str, Any]], width: int, footer: str) -> str:
    """The same listing without rich, for long outputs (see ``render.plain``)."""
    from ledger.render.terminal import table

    show_units = width >= WIDE_ENOUGH_FOR_UNITS
    body = [[visible(c) for c in (r["id"], r["text"], r["lead"], *([units_cell(r)] if show_units else []),
                                  deadline_cell(r), status_label(r))]
            for r in rows]
    caps = {2: 16, 3: 24} if show_units else {2: 16}
    return table(headers(show_units), body, 1, width, caps, footer)
