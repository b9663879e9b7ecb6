"""Dates typed by people, read into dates.

ISO, Chinese (2024年8月31日, 2024年8月31日前), or anything python-dateutil understands (loaded
only when the first two do not match)."""

from __future__ import annotations

import re
from datetime import date

from ledger.errors import UsageError
from ledger.i18n import tr

_CHINESE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:前|之前)?\s*$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str, what: str = "date") -> date:
    """A date from the command line; a ``UsageError`` naming the option if it is not one."""
    raw = text.strip()
    try:
        if _ISO.match(raw):
            return date.fromisoformat(raw)
        match = _CHINESE.match(raw)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise UsageError(tr("{what}: {value!r} is not a real date", what=what, value=text)) from None
    if not raw or raw.isdigit():
        raise UsageError(tr("{what}: {value!r} is not a date (use YYYY-MM-DD or 2024年8月31日)",
                            what=what, value=text))
    from dateutil import parser as dateparser

    try:
        return dateparser.parse(raw, dayfirst=False, yearfirst=True).date()
    except (ValueError, OverflowError, dateparser.ParserError):
        raise UsageError(tr("{what}: {value!r} is not a date (use YYYY-MM-DD or 2024年8月31日)",
                            what=what, value=text)) from None


def parse_deadline(text: str, what: str = "deadline") -> date | str:
    """A deadline: a date, or ``ongoing`` (also 立行立改，长期坚持 / 长期坚持)."""
    raw = text.strip()
    if raw.lower() == "ongoing" or "长期坚持" in raw or raw == "立行立改":
        return "ongoing"
    return parse_date(raw, what)
