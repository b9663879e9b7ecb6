"""A unit's reminder (信息直达) as Markdown, and as an RFC 5322 message (UTF-8) to the unit's address.

The Markdown lists the unit's items by light (red, yellow, blue): id, feedback, whether the unit
leads or shares it, the deadline in force, days left or overdue, and why it has its light. The
message carries the same text (base64, so no line is ever too long) with a fixed ``Date`` (the day
it was made, midnight UTC) and a ``Message-ID`` made from the unit and the as-of day: the same
reminder made twice is the same file.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from email.message import EmailMessage

from ledger.i18n import tr
from ledger.render.markdown import _cell, day
from ledger.reports.lights import light_word, reason_text
from ledger.reports.reminders import Entry, Reminder


def days_text(days: int | None) -> str:
    """Days left to the deadline in force, or overdue; a dash for an ongoing item."""
    if days is None:
        return "—"
    if days < 0:
        return tr("overdue by 1 day") if days == -1 else tr("overdue by {days} days", days=-days)
    if days == 0:
        return tr("due today")
    return tr("1 day left") if days == 1 else tr("{n} days left", n=days)


def why(entry: Entry, yellow_days: int, blue_days: int) -> str:
    """Why the item has its light, without repeating its days (those have their own column)."""
    lit = entry.lit
    if lit.reason == "overdue":
        return tr("past the deadline")
    if lit.reason == "due_soon":
        return tr("due within {n} days", n=yellow_days if lit.light == "yellow" else blue_days)
    return reason_text(lit)


def subject(r: Reminder) -> str:
    return tr("Reminder for {unit}: {n} items need attention (as of {date})", unit=r.unit, n=len(r.entries),
              date=r.as_of.isoformat())


def reminder_markdown(r: Reminder, yellow_days: int, blue_days: int) -> str:
    counts = {name: len(r.by_light(name)) for name in ("red", "yellow", "blue")}
    lines = [f"# {tr('Reminder: {unit}', unit=_cell(r.unit))}", "", tr("as of {date}", date=r.as_of.isoformat()), "",
             tr("{n} items need attention: {red} red, {yellow} yellow, {blue} blue.", n=len(r.entries), **counts), ""]
    columns = [tr("ID"), tr("Feedback"), tr("Role"), tr("Deadline"), tr("Days left"), tr("Reason")]
    for name in ("red", "yellow", "blue"):
        entries = r.by_light(name)
        if not entries:
            continue
        lines += [f"## {light_word(name)}", "", "| " + " | ".join(columns) + " |",
                  "|" + "|".join(" --- " for _ in columns) + "|"]
        for e in entries:
            cells = [e.id, e.text, tr("Lead") if e.lead else tr("Responsible"), day(e.deadline), days_text(e.days_left),
                     why(e, yellow_days, blue_days)]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def reminder_email(r: Reminder, text: str, sender: str, made: date) -> EmailMessage:
    """The reminder as a message from ``sender`` to the unit's ``email``, dated ``made``."""
    from email import policy
    from email.headerregistry import Address
    from email.utils import format_datetime

    assert r.email is not None
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    local, _, domain = r.email.partition("@")
    message["To"] = Address(display_name=r.unit, username=local, domain=domain)
    message["Subject"] = subject(r)
    message["Date"] = format_datetime(datetime(made.year, made.month, made.day, tzinfo=UTC))
    tag = hashlib.sha256(f"{r.unit}\n{r.as_of.isoformat()}".encode()).hexdigest()[:16]
    message["Message-ID"] = f"<remind-{r.as_of.isoformat()}-{tag}@{sender.partition('@')[2]}>"
    message.set_content(text, charset="utf-8", cte="base64")
    return message
