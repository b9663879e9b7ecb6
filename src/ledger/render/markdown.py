"""The monthly bulletin's words and tables, and its Markdown form.

``sections`` turns a ``Bulletin`` into titled tables of plain text cells; the Markdown renderer
here and the HTML renderer (``render.html``) both lay out the same sections, so the two forms
always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ledger import i18n
from ledger.i18n import tr
from ledger.render.text import _md_escape
from ledger.reports.bulletin import Bulletin
from ledger.reports.by_unit import COLUMNS, display_cells
from ledger.reports.lights import light_word


def _cell(text: str) -> str:
    """A Markdown table cell: pipes and newlines escaped, and no HTML, link or emphasis let through."""
    return _md_escape(text)


@dataclass(frozen=True, slots=True)
class Row:
    cells: list[str]
    mark: str = ""  # "late", "overdue", "reopened", "ok": for the HTML renderer's colours


@dataclass(frozen=True, slots=True)
class Section:
    key: str  # a stable name, used as the HTML id
    title: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    groups: list[tuple[str, list[Row]]] = field(default_factory=list)  # (subtitle, rows) instead of rows
    note: str = ""

    @property
    def count(self) -> int:
        return len(self.rows) + sum(len(rows) for _, rows in self.groups)


def period_words(b: Bulletin) -> str:
    return f"{b.start.year}年{b.start.month}月" if i18n.language() == "zh" else b.period


def day(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return tr("ongoing") if value == "ongoing" else str(value)


def title(b: Bulletin) -> str:
    return tr("Business environment bulletin: {period}", period=period_words(b))


def subtitle(b: Bulletin) -> str:
    words = tr("as of {date}", date=b.as_of.isoformat())
    if b.as_of < b.end:
        words += " · " + tr("the month is not over yet")
    return words


def overview(b: Bulletin) -> str:
    s = b.status
    rate = b.ranking.totals.close_rate
    return tr("{total} items: closed {closed} (close-out rate {rate}), in progress {in_progress}, open {open}, "
              "overdue {overdue}.", total=b.total, closed=s["closed"], rate=f"{rate * 100:.1f}%",
              in_progress=s["in_progress"], open=s["open"], overdue=s["overdue"]) + ("" if i18n.language() == "zh"
                                                                                     else " ") + tr(
        "This month: {closed} closed ({on_time} on time, {late} late), {overdue} became overdue, {extended} extended, "
        "{reopened} reopened, {notes} progress notes.", closed=len(b.closed), on_time=len(b.closed_on_time),
        late=len(b.closed_late), overdue=len(b.became_overdue), extended=len(b.extensions),
        reopened=len(b.reopenings), notes=len(b.progress))


def sections(b: Bulletin) -> list[Section]:
    out: list[Section] = []
    closed_rows = []
    for c in b.closed:
        how = tr("late") if c.late else tr("on time")
        if c.reopened:
            how = tr("{how}; reopened on {date}", how=how, date=c.reopened.isoformat())
        closed_rows.append(Row([c.id, c.text, c.lead, c.date.isoformat(), day(c.deadline), how, c.by],
                               "reopened" if c.reopened else ("late" if c.late else "ok")))
    out.append(Section("closed", tr("Closed this month ({on_time} on time, {late} late)", on_time=len(b.closed_on_time),
                                    late=len(b.closed_late)),
                       [tr("ID"), tr("Feedback"), tr("Lead"), tr("Closed on"), tr("Deadline"), tr("How"), tr("Signed off by")],
                       closed_rows))
    became = []
    for o in b.became_overdue:
        if o.closed:
            now, mark = tr("closed late on {date}", date=o.closed.isoformat()), "late"
        elif o.extended_to:
            now, mark = tr("extended to {date}", date=o.extended_to.isoformat()), ""
        else:
            now, mark = tr("still overdue"), "overdue"
        became.append(Row([o.id, o.text, o.lead, o.deadline.isoformat(), now], mark))
    out.append(Section("became_overdue", tr("Became overdue this month"),
                       [tr("ID"), tr("Feedback"), tr("Lead"), tr("Deadline"), tr("Now")], became))
    out.append(Section("extensions", tr("Deadlines extended this month"),
                       [tr("ID"), tr("Feedback"), tr("Lead"), tr("Approved on"), tr("Deadline"), tr("Reason"),
                        tr("Approved by")],
                       [Row([e.id, e.text, e.lead, e.date.isoformat(), f"{day(e.previous)} → {e.to.isoformat()}", e.reason,
                             e.approved_by or ""]) for e in b.extensions]))
    out.append(Section("reopenings", tr("Reopened after a look-back (回头看)"),
                       [tr("ID"), tr("Feedback"), tr("Lead"), tr("Reopened on"), tr("Closed on"), tr("Reason")],
                       [Row([r.id, r.text, r.lead, r.date.isoformat(), r.closed.isoformat(),
                             r.reason + (f" — {r.by}" if r.by else "")], "reopened") for r in b.reopenings]))
    out.append(Section("progress", tr("Progress reported this month"),
                       [tr("ID"), tr("Lead"), tr("Date"), tr("Progress")],
                       [Row([n.id, n.lead, n.date.isoformat(), n.note + (f" — {n.by}" if n.by else "")])
                        for n in b.progress]))
    groups = []
    for lead, rows in b.still_overdue:
        groups.append((tr("{unit}: {n} overdue", unit=lead, n=len(rows)),
                       [Row([o.id, o.text, o.deadline.isoformat() + ("†" if o.extensions else ""),
                             tr("{days} days", days=o.days)], "overdue") for o in rows]))
    out.append(Section("still_overdue", tr("Still overdue, by lead unit"),
                       [tr("ID"), tr("Feedback"), tr("Deadline"), tr("Days overdue")], groups=groups,
                       note=tr("† the deadline was extended") if any(o.extensions for _, r in b.still_overdue for o in r)
                       else ""))
    out.append(Section("silent", tr("Ongoing items with no progress this month"),
                       [tr("ID"), tr("Feedback"), tr("Lead"), tr("Last progress")],
                       [Row([s.id, s.text, s.lead, s.last_progress.isoformat() if s.last_progress else tr("none")])
                        for s in b.silent]))
    ranking = [Row([str(r.rank), *(str(c) for c in display_cells(r))], "overdue" if r.overdue else "")
               for r in b.ranking.rows]
    ranking.append(Row(["", *(str(c) for c in display_cells(b.ranking.totals))], "total"))
    out.append(Section("ranking", tr("Units ranked, slowest first"),
                       [tr("Rank"), tr("Lead unit"), *(tr(label) for _, label in COLUMNS[1:])], ranking,
                       note=tr("Slowest first: most overdue items, then the lowest close-out rate, then most ongoing "
                               "items with no progress in 30 days, then most open items.")))
    reviewed = [r for r in b.ranking.rows if r.pending_review or r.returned]  # ledger request / approve / return
    if reviewed:
        out.append(Section("reviews", tr("Requests for sign-off, by lead unit"),
                           [tr("Lead unit"), tr("Awaiting review"), tr("Returned")],
                           [Row([r.unit, str(r.pending_review), str(r.returned)]) for r in reviewed]))
    out += light_sections(b)
    return out


def light_sections(b: Bulletin) -> list[Section]:
    """亮灯: the lit items on the as-of day, then each lead unit's lights in the month and its points."""
    lit = [Row([r["id"], light_word(r["light"]), r["text"], r["lead"], day(r["deadline"]), r["detail"]], r["light"])
           for r in b.lights]
    scores = []
    for s in b.scores:
        measures = [tr("interview (约谈)")] * s.interview + [tr("supervision letter (专函督办)")] * s.letter
        scores.append(Row([s.unit, "、".join(s.red) or "—", "、".join(s.yellow) or "—", str(s.points),
                           "；".join(measures)], "red" if s.red else "yellow"))
    note = tr("An item counts once in the month: red if it was red on any day of it, else yellow if it was yellow "
              "on any day. Points: {red} a red item, {second_yellow} each yellow item after the first; a red brings "
              "an interview (约谈), two yellows a supervision letter (专函督办).",
              red=b.points.red, second_yellow=b.points.second_yellow)
    return [Section("lights", tr("Lights (亮灯) on {date}", date=b.as_of.isoformat()),
                    [tr("ID"), tr("Light"), tr("Feedback"), tr("Lead"), tr("Deadline"), tr("Reason")], lit),
            Section("scores", tr("Lights this month and points, by lead unit"),
                    [tr("Lead unit"), tr("Red"), tr("Yellow"), tr("Points"), tr("Supervision")], scores, note=note)]


NUMERALS = "一二三四五六七八九"


def chinese_number(k: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 35 → 三十五 (headings count up to 99)."""
    tens, ones = divmod(k, 10)
    return (("" if tens == 1 else NUMERALS[tens - 1]) + "十" if tens else "") + (NUMERALS[ones - 1] if ones else "")


def heading_number(n: int) -> str:
    """The ``n``-th heading's number (from 0): 一、 二、 … 十一、 in Chinese, 1. 2. … in English."""
    return f"{chinese_number(n + 1)}、" if i18n.language() == "zh" and n < 99 else f"{n + 1}. "


def to_markdown(b: Bulletin) -> str:
    lines = [f"# {title(b)}", "", subtitle(b), "", overview(b), ""]
    for n, section in enumerate(sections(b)):
        lines += [f"## {heading_number(n)}{section.title}", ""]
        if section.count == 0:
            lines += [tr("None this month."), ""]
            continue
        tables = section.groups or [("", section.rows)]
        for sub, rows in tables:
            if sub:
                lines += [f"### {_cell(sub)}", ""]
            lines.append("| " + " | ".join(section.columns) + " |")
            lines.append("|" + "|".join(" --- " for _ in section.columns) + "|")
            lines += ["| " + " | ".join(_cell(c) for c in row.cells) + " |" for row in rows]
            lines.append("")
        if section.note:
            lines += [section.note, ""]
    return "\n".join(lines)
