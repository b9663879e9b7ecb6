"""The monthly bulletin as one self-contained HTML page.

No network, no scripts, no template engine: the styles are inline, the three charts are SVG
drawn here (close-out progress by lead unit, the status breakdown, the close-out curve over
time), and the page prints on A4. Every piece of data goes through ``escape``.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from html import escape

from ledger import i18n
from ledger.i18n import tr
from ledger.render.markdown import Section, heading_number, overview, sections, subtitle, title
from ledger.render.terminal import cell_width
from ledger.reports.bulletin import Bulletin
from ledger.reports.by_unit import UnitRow, percent

COLOURS = {"closed": "#2e7d32", "in_progress": "#f9a825", "open": "#90a4ae", "overdue": "#c62828"}
FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
CHART_WIDTH = 680
MAX_BARS = 40

CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: FONT; font-size: 10.5pt; line-height: 1.5; color: #212121; margin: 0; background: #fff; }
main { max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; color: #b71c1c; }
.sub { text-align: center; color: #616161; margin: 0 0 5mm; }
h2 { font-size: 13pt; border-left: 4px solid #b71c1c; padding-left: 6px; margin: 7mm 0 3mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; }
p { margin: 0 0 3mm; }
.kpis { display: flex; gap: 3mm; margin: 4mm 0; }
.kpi { flex: 1; border: 1px solid #e0e0e0; border-radius: 2mm; padding: 2mm 3mm; text-align: center; }
.kpi b { display: block; font-size: 16pt; }
.kpi.overdue b { color: #c62828; } .kpi.closed b { color: #2e7d32; }
figure { margin: 3mm 0 5mm; break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 1mm; }
.charts-row { display: flex; gap: 4mm; }
.charts-row figure { flex: 1; }
svg { display: block; width: 100%; height: auto; font-family: FONT; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; margin-bottom: 3mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #bdbdbd; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #eeeeee; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
td.id, td.day, td.unit { white-space: nowrap; }
tr.total td { font-weight: bold; background: #f5f5f5; }
tr.overdue td { background: #ffebee; } tr.late td { background: #fff8e1; } tr.reopened td { background: #fce4ec; }
tr.red td { background: #ffebee; } tr.yellow td { background: #fffde7; } tr.blue td { background: #e3f2fd; }
.none { color: #757575; } .note { color: #616161; font-size: 9pt; }
footer { margin-top: 8mm; color: #9e9e9e; font-size: 8.5pt; text-align: center; }
@media print { main { max-width: none; padding: 0; } }
""".replace("FONT", FONT)


def _clip(text: str, width: int) -> str:
    if cell_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


# ----------------------------------------------------------------------------- charts

def _legend(entries: list[tuple[str, str]], x: float, y: float, vertical: bool = False) -> str:
    parts, cx, cy = [], x, y
    for colour, label in entries:
        parts.append(f'<rect x="{_num(cx)}" y="{_num(cy - 9)}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{_num(cx + 14)}" y="{_num(cy)}" font-size="11">{escape(label)}</text>')
        if vertical:
            cy += 18
        else:
            cx += 14 + cell_width(label) * 6.5 + 16
    return "".join(parts)


def units_chart(rows: list[UnitRow]) -> str:
    """100% bars by lead unit: closed, open (not overdue), overdue; ``closed/total rate`` at the end."""
    shown = rows[:MAX_BARS]
    label_w = min(max([cell_width(r.unit) for r in shown] + [8]) * 6.5 + 10, 200)
    right_w = 92
    bar_w = CHART_WIDTH - label_w - right_w
    row_h, top = 22, 28
    height = top + row_h * len(shown) + 8
    parts = [f'<svg id="chart-units" class="chart" viewBox="0 0 {CHART_WIDTH} {height}" role="img" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(tr("Close-out progress by lead unit"))}</title>',
             _legend([(COLOURS["closed"], tr("closed")), (COLOURS["open"], tr("open, not overdue")),
                      (COLOURS["overdue"], tr("overdue"))], label_w, 14)]
    for n, r in enumerate(shown):
        y = top + n * row_h
        parts.append(f'<g class="bar" data-unit="{escape(r.unit)}"><title>{escape(r.unit)}: '
                     f'{r.closed}/{r.total}</title>'
                     f'<text x="{_num(label_w - 6)}" y="{y + 12}" font-size="11" text-anchor="end">'
                     f'{escape(_clip(r.unit, int((label_w - 10) / 6.5)))}</text>')
        x = float(label_w)
        for count, colour, kind in ((r.closed, COLOURS["closed"], "closed"),
                                    (r.open - r.overdue, COLOURS["open"], "open"),
                                    (r.overdue, COLOURS["overdue"], "overdue")):
            if count:
                w = bar_w * count / r.total
                parts.append(f'<rect class="seg {kind}" x="{_num(x)}" y="{y + 2}" width="{_num(w)}" height="14" '
                             f'fill="{colour}"/>')
                x += w
        parts.append(f'<text x="{_num(label_w + bar_w + 6)}" y="{y + 12}" font-size="11">'
                     f'{r.closed}/{r.total} · {percent(r.close_rate)}</text></g>')
    parts.append("</svg>")
    if len(rows) > len(shown):
        parts.append(f'<p class="note">{escape(tr("and {n} more units", n=len(rows) - len(shown)))}</p>')
    return "".join(parts)


def status_chart(status: dict[str, int], rate: float) -> str:
    """A ring: closed, in progress, open, overdue (overdue taken out of the other two)."""
    total = sum(status.values())
    r, cx, cy, width = 60.0, 85.0, 85.0, 26
    circumference = 2 * math.pi * r
    parts = [f'<svg id="chart-status" class="chart" viewBox="0 0 330 170" role="img" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(tr("Status breakdown"))}</title>',
             f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="#eeeeee" stroke-width="{width}"/>']
    offset = 0.0
    labels = {"closed": tr("closed"), "in_progress": tr("in_progress"), "open": tr("open"), "overdue": tr("overdue")}
    for key in ("closed", "in_progress", "open", "overdue"):
        count = status.get(key, 0)
        if not count or not total:
            continue
        length = circumference * count / total
        parts.append(f'<circle class="seg {key}" cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="{COLOURS[key]}" '
                     f'stroke-width="{width}" stroke-dasharray="{_num(length)} {_num(circumference - length)}" '
                     f'stroke-dashoffset="{_num(-offset)}" transform="rotate(-90 {cx} {cy})">'
                     f'<title>{escape(labels[key])}: {count}</title></circle>')
        offset += length
    parts.append(f'<text x="{cx}" y="{cy - 2}" font-size="20" font-weight="bold" text-anchor="middle">'
                 f'{escape(percent(rate))}</text><text x="{cx}" y="{cy + 16}" font-size="11" text-anchor="middle">'
                 f'{escape(tr("close-out rate"))}</text>')
    entries = [(COLOURS[k], f"{labels[k]} {status.get(k, 0)}") for k in ("closed", "in_progress", "open", "overdue")]
    parts.append(_legend(entries, 180, 52, vertical=True))
    parts.append("</svg>")
    return "".join(parts)


def curve_chart(b: Bulletin) -> str:
    """Closed items over time (a step line), the ledger's size (dashed), the month shaded."""
    start, end = b.curve_start, max(b.as_of, b.curve_start + timedelta(days=1))
    width, height, left, right, top, bottom = 330, 170, 34, 10, 12, 24
    span = (end - start).days
    top_value = max(b.total, 1)

    def x(day: date) -> float:
        return left + (width - left - right) * (day - start).days / span

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - value / top_value)

    parts = [f'<svg id="chart-curve" class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(tr("Closed items over time"))}</title>',
             f'<rect class="period" x="{_num(x(max(b.start, start)))}" y="{top}" '
             f'width="{_num(x(b.as_of) - x(max(b.start, start)))}" height="{height - top - bottom}" fill="#fff3e0"/>']
    for value in sorted({0, top_value // 2, top_value}):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{_num(y(value))}" y2="{_num(y(value))}" '
                     f'stroke="#e0e0e0"/><text x="{left - 4}" y="{_num(y(value) + 4)}" font-size="10" '
                     f'text-anchor="end">{value}</text>')
    months, day = [], date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            months.append(day)
        if day.year == date.max.year and day.month == 12:  # the calendar's last month: no next one
            break
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    step = max(1, math.ceil(len(months) / 6))
    for m in months[::step]:
        parts.append(f'<text x="{_num(x(m))}" y="{height - 8}" font-size="10" text-anchor="middle">'
                     f'{m.year}-{m.month:02d}</text>')
    parts.append(f'<line class="total" x1="{left}" x2="{width - right}" y1="{_num(y(b.total))}" '
                 f'y2="{_num(y(b.total))}" stroke="#616161" stroke-dasharray="4 3"/>')
    points, value = [(x(start), y(0))], 0
    for point in b.curve:
        if point.date < start:
            value = point.closed
            points[0] = (x(start), y(value))
            continue
        points.append((x(point.date), y(value)))
        value = point.closed
        points.append((x(point.date), y(value)))
    points.append((x(b.as_of), y(value)))
    path = " ".join(f"{_num(px)},{_num(py)}" for px, py in points)
    parts.append(f'<polyline class="closed" points="{path}" fill="none" stroke="{COLOURS["closed"]}" stroke-width="2"/>')
    parts.append(f'<text x="{width - right}" y="{_num(y(b.total) - 4)}" font-size="10" text-anchor="end">'
                 f'{escape(tr("{n} items", n=b.total))}</text>')
    parts.append("</svg>")
    return "".join(parts)


# ----------------------------------------------------------------------------- the page

NUMERIC_HEADERS = {"Rank", "Items", "Closed", "On time", "Late", "Open", "Overdue", "Due in 30 days",
                   "No progress 30 days", "Close rate", "Days overdue", "Points"}


def _table(section: Section, rows: list) -> str:  # type: ignore[type-arg]
    numeric = {n for n, h in enumerate(section.columns) if h in {tr(k) for k in NUMERIC_HEADERS}}
    units = {n for n, h in enumerate(section.columns) if h in (tr("Lead"), tr("Lead unit"))}
    head = "".join(f"<th>{escape(h)}</th>" for h in section.columns)
    body = []
    for row in rows:
        cells = []
        for n, cell in enumerate(row.cells):
            klass = ("num" if n in numeric else "id" if n == 0 else "unit" if n in units
                     else "day" if _is_day(cell) else "")
            cells.append(f'<td class="{klass}">{escape(cell)}</td>' if klass else f"<td>{escape(cell)}</td>")
        mark = f' class="{escape(row.mark)}"' if row.mark else ""
        body.append(f"<tr{mark}>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _is_day(text: str) -> bool:
    return len(text) == 10 and text[4] == "-" and text[7] == "-"


def _section(n: int, section: Section) -> str:
    parts = [f'<section id="{section.key}"><h2>{escape(heading_number(n) + section.title)}</h2>']
    if section.count == 0:
        parts.append(f'<p class="none">{escape(tr("None this month."))}</p>')
    elif section.groups:
        for sub, rows in section.groups:
            parts.append(f"<h3>{escape(sub)}</h3>{_table(section, rows)}")
    else:
        parts.append(_table(section, section.rows))
    if section.note and section.count:
        parts.append(f'<p class="note">{escape(section.note)}</p>')
    parts.append("</section>")
    return "".join(parts)


def bulletin_html(b: Bulletin) -> str:
    """The whole page as text."""
    lang = "zh-CN" if i18n.language() == "zh" else "en"
    s = b.status
    kpis = [("total", tr("Items"), str(b.total)), ("closed", tr("Closed"), str(s["closed"])),
            ("rate", tr("Close rate"), percent(b.ranking.totals.close_rate)),
            ("overdue", tr("Overdue"), str(s["overdue"])), ("month", tr("Closed this month"), str(len(b.closed)))]
    kpi_html = "".join(f'<div class="kpi {k}"><b>{escape(v)}</b>{escape(label)}</div>' for k, label, v in kpis)
    charts = (
        f'<section id="charts"><figure><figcaption>{escape(tr("Close-out progress by lead unit"))}</figcaption>'
        f'{units_chart(b.ranking.rows)}</figure><div class="charts-row">'
        f'<figure><figcaption>{escape(tr("Status breakdown"))}</figcaption>'
        f'{status_chart(b.status, b.ranking.totals.close_rate)}</figure>'
        f'<figure><figcaption>{escape(tr("Closed items over time"))}</figcaption>{curve_chart(b)}</figure>'
        f"</div></section>"
    )
    body = "".join(_section(n, sec) for n, sec in enumerate(sections(b)))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title(b))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<header><h1>{escape(title(b))}</h1><p class=\"sub\">{escape(subtitle(b))}</p></header>\n"
        f'<section id="overview"><p>{escape(overview(b))}</p><div class="kpis">{kpi_html}</div></section>\n'
        f"{charts}\n{body}\n"
        f"<footer>{escape(tr('Made by ledger from the ledger as of {date}', date=b.as_of.isoformat()))}</footer>\n"
        f"</main>\n</body>\n</html>\n"
    )
