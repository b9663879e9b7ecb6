"""The weekly scheduling report (周调度) in words and tables, as Markdown and as one HTML page.

It lays out ``reports.weekly.Weekly`` in the monthly bulletin's sections (``render.markdown.Section``)
and its page style (``render.html``), so the two reports read and print alike.
"""

from __future__ import annotations

from html import escape

from ledger import i18n
from ledger.i18n import tr
from ledger.render.html import CSS, _table
from ledger.render.markdown import Row, Section, _cell, day, heading_number
from ledger.reports.weekly import Weekly


def week_words(w: Weekly) -> str:
    if i18n.language() == "zh":
        year, number, _ = w.start.isocalendar()
        return f"{year}年第{number}周（{w.start.month}月{w.start.day}日—{w.end.month}月{w.end.day}日）"
    return f"{w.week} ({w.start.isoformat()} – {w.end.isoformat()})"


def title(w: Weekly) -> str:
    return tr("Weekly scheduling: {week}", week=week_words(w))


def subtitle(w: Weekly) -> str:
    words = tr("as of {date}", date=w.as_of.isoformat())
    if w.as_of < w.end:
        words += " · " + tr("the week is not over yet")
    return words


def overview(w: Weekly) -> str:
    return tr("{total} items in the ledger. This week: {new} new, {progressed} progressed, {closed} closed, "
              "{red} newly red.", total=w.total, new=len(w.new), progressed=len(w.progressed), closed=len(w.closed),
              red=len(w.newly_red))


def sections(w: Weekly) -> list[Section]:
    new = [Row([n.id, n.text, n.lead, n.entered.isoformat(), day(n.deadline)]) for n in w.new]
    progressed = [Row([p.id, p.text, p.lead, "；".join(f"{d.isoformat()} {text}" + (f" — {by}" if by else "")
                                                     for d, text, by in p.notes)]) for p in w.progressed]
    closed = []
    for c in w.closed:
        how = tr("late") if c.late else tr("on time")
        if c.reopened:
            how = tr("{how}; reopened on {date}", how=how, date=c.reopened.isoformat())
        closed.append(Row([c.id, c.text, c.lead, c.date.isoformat(), day(c.deadline), how, c.by],
                          "reopened" if c.reopened else ("late" if c.late else "ok")))
    red = []
    for r in w.newly_red:
        if r.closed:
            now, mark = tr("closed late on {date}", date=r.closed.isoformat()), "late"
        elif r.extended_to:
            now, mark = tr("extended to {date}", date=r.extended_to.isoformat()), ""
        else:
            now = tr("overdue by 1 day") if r.days == 1 else tr("overdue by {days} days", days=r.days)
            mark = "overdue"
        red.append(Row([r.id, r.text, r.lead, r.deadline.isoformat(), r.since.isoformat(), now], mark))
    return [
        Section("new", tr("New this week"), [tr("ID"), tr("Feedback"), tr("Lead"), tr("Entered on"), tr("Deadline")], new),
        Section("progressed", tr("Progressed this week"), [tr("ID"), tr("Feedback"), tr("Lead"), tr("Progress")],
                progressed),
        Section("closed", tr("Closed this week"), [tr("ID"), tr("Feedback"), tr("Lead"), tr("Closed on"), tr("Deadline"),
                                                   tr("How"), tr("Signed off by")], closed),
        Section("newly_red", tr("Newly red this week (overdue)"),
                [tr("ID"), tr("Feedback"), tr("Lead"), tr("Deadline"), tr("Red since"), tr("Now")], red),
    ]


def weekly_markdown(w: Weekly) -> str:
    lines = [f"# {title(w)}", "", subtitle(w), "", overview(w), ""]
    for n, section in enumerate(sections(w)):
        lines += [f"## {heading_number(n)}{section.title}", ""]
        if section.count == 0:
            lines += [tr("None this week."), ""]
            continue
        lines.append("| " + " | ".join(section.columns) + " |")
        lines.append("|" + "|".join(" --- " for _ in section.columns) + "|")
        lines += ["| " + " | ".join(_cell(c) for c in row.cells) + " |" for row in section.rows]
        lines.append("")
    return "\n".join(lines)


def weekly_html(w: Weekly) -> str:
    """The whole page as text: no network, no scripts; it prints on A4."""
    lang = "zh-CN" if i18n.language() == "zh" else "en"
    kpis = [("new", tr("New this week"), len(w.new)), ("progressed", tr("Progressed this week"), len(w.progressed)),
            ("closed", tr("Closed this week"), len(w.closed)), ("overdue", tr("Newly red this week (overdue)"), len(w.newly_red))]
    kpi_html = "".join(f'<div class="kpi {k}"><b>{v}</b>{escape(label)}</div>' for k, label, v in kpis)
    body = []
    for n, section in enumerate(sections(w)):
        body.append(f'<section id="{section.key}"><h2>{escape(heading_number(n) + section.title)}</h2>')
        body.append(_table(section, section.rows) if section.count else
                    f'<p class="none">{escape(tr("None this week."))}</p>')
        body.append("</section>\n")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title(w))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<header><h1>{escape(title(w))}</h1><p class=\"sub\">{escape(subtitle(w))}</p></header>\n"
        f'<section id="overview"><p>{escape(overview(w))}</p><div class="kpis">{kpi_html}</div></section>\n'
        f"{''.join(body)}"
        f"<footer>{escape(tr('Made by ledger from the ledger as of {date}', date=w.as_of.isoformat()))}</footer>\n"
        f"</main>\n</body>\n</html>\n"
    )
