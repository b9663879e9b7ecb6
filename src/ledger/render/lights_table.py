"""The lights (亮灯) as a terminal table: it fits the width; ids, dates and headers are never cut."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ledger.i18n import tr
from ledger.render.grid import Column, caption, grid
from ledger.render.terminal import visible


def lights_lines(headers: Sequence[str], cells: Sequence[Sequence[str]], rows: Sequence[dict[str, Any]],
                 as_of: str, width: int) -> list[str]:
    """The table (id, light, deadline, lead, reason, text) and its caption: the counts and the day."""
    when = tr("as of {date}", date=as_of)
    if not rows:
        return caption([tr("no red, yellow or blue items"), when], width)
    columns = [Column(headers[0]), Column(headers[1]), Column(headers[2], wraps=True), Column(headers[3], wraps=True),
               Column(headers[4], wraps=True), Column(headers[5], wraps=True)]
    lines = [line for line, _ in grid(columns, [[visible(c) for c in r] for r in cells], width)]
    counts = {name: sum(1 for r in rows if r["light"] == name) for name in ("red", "yellow", "blue")}
    return lines + caption([tr("red {red}, yellow {yellow}, blue {blue}", **counts), when], width)
