"""The report by unit as a terminal table: it fits the width; numbers and headers are never cut."""

from __future__ import annotations

from ledger.i18n import tr
from ledger.render.grid import Column, caption, grid
from ledger.render.terminal import cell_width, visible
from ledger.reports.by_unit import (
    COLUMNS,
    GROUP_LABELS,
    LIGHT_COLUMNS,
    Report,
    display_cells,
    light_cells,
    narrow_label,
    order_caption,
    short_label,
)

STYLES = {-1: "", -2: "", -3: "bold"}


def report_lines(report: Report, width: int) -> list[tuple[str, str]]:
    """Each line of the table and its captions, with its rich style (overdue rows red, totals bold).

    The lights and the requests for sign-off (``LIGHT_COLUMNS``) are shown where they fit without
    breaking any more names over lines; otherwise a caption says where to read them."""
    label = Column(tr(GROUP_LABELS[report.by]), wraps=True,
                   short=tr("Unit") if report.by in ("lead", "responsible") else "")
    base = [label, *(Column(short_label(key), right=True, short=narrow_label(key)) for key, _ in COLUMNS[1:])]
    extra = [Column(short_label(key), right=True) for key, _ in LIGHT_COLUMNS]
    rows = [[visible(str(c)) for c in display_cells(r)] for r in report.rows]
    totals = [[str(c) for c in display_cells(report.totals)]]
    table = grid(base, rows, width, totals, full_rules=True)
    wide = grid([*base, *extra], [[*row, *map(str, light_cells(r))] for row, r in zip(rows, report.rows, strict=True)],
                width, [[*totals[0], *map(str, light_cells(report.totals))]], full_rules=True)
    fits = len(wide) <= len(table) and max(cell_width(text) for text, _ in wide) <= width
    lines = [(text, STYLES[kind] if kind < 0 else "red" if report.rows[kind].overdue else "")
             for text, kind in (wide if fits else table)]
    captions = [*caption([tr("as of {date}", date=report.as_of.isoformat()), order_caption(report.by)], width),
                *caption(tr("On time / Late: closed on time / after the deadline · Due 30d: due within 30 days · "
                            "Stale: ongoing, no progress note in 30 days").split(" · "), width),
                *caption([tr("R / Y / B: red, yellow and blue lights (ledger lights)"),
                          tr("Rev / Ret: requests for sign-off awaiting review / returned")] if fits else
                         [tr("Lights and requests for sign-off: in a wider terminal, or --format csv")], width)]
    return lines + [(line, "") for line in captions]
