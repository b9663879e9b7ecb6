"""Tables of items for the terminal: rich's for a page of rows, ``render.grid``'s for long listings.

Chinese characters are two cells wide; rich measures them as such, so columns line up. Long text
is wrapped by ``terminal.wrap`` in both: never a ``。`` at the start of a line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ledger.i18n import tr
from ledger.render.terminal import visible, wrap

WIDE_ENOUGH_FOR_UNITS = 110


def plain(text: str) -> Text:
    """Data as a cell of a rich table: shown as it is written, never read as rich markup
    (``[link=…]``, ``[/x]``) and with its control characters made visible."""
    return Text(visible(text))


class Wrapped:
    """Data as a cell of a rich table that wraps: measured as rich measures text, broken into
    lines by ``terminal.wrap`` (kinsoku, whole words) instead of rich's folding."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = Text(visible(text), style=style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text("\n".join(wrap(self.text.plain, options.max_width)), style=self.text.style, overflow="fold")


def days_left_label(days: int) -> str:
    if days == 0:
        return tr("due today")
    return tr("1 day left") if days == 1 else tr("{n} days left", n=days)


def status_label(row: dict[str, Any]) -> str:
    claimed = (" " + tr("(claimed done, awaiting evidence)")) if row.get("awaiting_evidence") else ""
    if row["overdue"]:
        return tr("overdue {days}d", days=row["days_overdue"]) + claimed
    if row.get("publicity"):
        return tr("in publicity")
    if row["status"] == "closed":
        return tr("closed") + ("*" if row.get("closed_late") else "")
    if row["status"] == "pending_review":
        return tr("pending_review") + claimed
    if row.get("days_left") is not None:
        return days_left_label(row["days_left"]) + claimed
    return tr(row["status"]) + claimed


def status_text(row: dict[str, Any]) -> Text:
    style = ("bold red" if row["overdue"] else "green" if row["status"] == "closed"
             else "yellow" if row["status"] == "in_progress" or row.get("days_left") is not None else "")
    return Text(status_label(row), style=style)


def units_cell(row: dict[str, Any]) -> str:
    return "、".join(row["responsible"]) + (tr("(and other departments)") if row["and_others"] else "")


def headers(show_units: bool) -> list[str]:
    names = ["ID", "Feedback", "Lead", *(["Responsible"] if show_units else []), "Deadline", "Status"]
    return [tr(n) for n in names]


EXTENDED = "†"
"""After a deadline: it was extended (the one in force is not the original); see ``extended_note``."""


def extended_note(rows: Sequence[dict[str, Any]]) -> str:
    """The footnote that explains ``EXTENDED``, when a row shows one."""
    return tr("† the deadline was extended: ledger show ID gives the original") if any(
        r["extensions"] for r in rows) else ""


def deadline_cell(row: dict[str, Any]) -> str:
    text = tr("ongoing (short)") if row["deadline"] == "ongoing" else row["deadline"]
    if row["extensions"]:
        text += EXTENDED
    return text


def items_table(rows: Sequence[dict[str, Any]], console: Console) -> Table:
    """The listing as a rich table; its footer is the caller's (``grid.caption`` wraps it)."""
    show_units = console.width >= WIDE_ENOUGH_FOR_UNITS
    table = Table()
    table.add_column(tr("ID"), no_wrap=True)
    table.add_column(tr("Feedback"), overflow="fold", ratio=3)
    table.add_column(tr("Lead"), overflow="fold", ratio=1)
    if show_units:
        table.add_column(tr("Responsible"), overflow="fold", ratio=2)
    table.add_column(tr("Deadline"), no_wrap=True)
    table.add_column(tr("Status"), overflow="fold")
    for r in rows:
        cells: list[Any] = [plain(r["id"]), Wrapped(r["text"]), Wrapped(r["lead"])]
        if show_units:
            cells.append(Wrapped(units_cell(r)))
        cells += [plain(deadline_cell(r)), status_text(r)]
        table.add_row(*cells, style="red" if r["overdue"] else None)
    return table


def items_plain(rows: Sequence[dict[str, Any]], width: int) -> str:
    """The same listing without rich, for long outputs (``render.grid``); the footer is the caller's."""
    from ledger.render.grid import Column, grid

    show_units = width >= WIDE_ENOUGH_FOR_UNITS
    body = [[visible(c) for c in (r["id"], r["text"], r["lead"], *([units_cell(r)] if show_units else []),
                                  deadline_cell(r), status_label(r))]
            for r in rows]
    caps = {2: 16, 3: 24} if show_units else {2: 16}
    last = len(body[0]) - 1 if body else 0
    columns = [Column(h, wraps=c in (1, last) or c in caps, cap=caps.get(c, 0)) for c, h in enumerate(headers(show_units))]
    return "\n".join(line for line, _ in grid(columns, body, width)) + "\n"
