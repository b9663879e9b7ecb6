"""The report by unit as a terminal table: it fits the width; numbers and headers are never cut."""

from __future__ import annotations

from ledger.i18n import tr
from ledger.render.grid import Column, caption, grid
from ledger.render.terminal import visible
from ledger.reports.by_unit import COLUMNS, GROUP_LABELS, Report, display_cells, narrow_label, order_caption, short_label

STYLES = {-1: "", -2: "", -3: "bold"}


def report_lines(report: Report, width: int) -> list[tuple[str, str]]:
    """Each line of the table and its captions, with its rich style (overdue rows red, totals bold)."""
    columns = [Column(tr(GROUP_LABELS[report.by]), wraps=True, short=tr("Unit") if report.by in ("lead", "responsible") else ""),
               *(Column(short_label(key), right=True, short=narrow_label(key)) for key, _ in COLUMNS[1:])]
    rows = [[visible(str(c)) for c in display_cells(r)] for r in report.rows]
    totals = [[str(c) for c in display_cells(report.totals)]]
    lines = [(text, STYLES[kind] if kind < 0 else "red" if report.rows[kind].overdue else "")
             for text, kind in grid(columns, rows, width, totals, full_rules=True)]
    captions = [*caption([tr("as of {date}", date=report.as_of.isoformat()), order_caption(report.by)], width),
                *caption(tr("On time / Late: closed on time / after the deadline · Due 30d: due within 30 days · "
                            "Stale: ongoing, no progress note in 30 days").split(" · "), width)]
    return lines + [(line, "") for line in captions]
