"""Dates typed by people, read into dates: complete dates only, never a part taken from today.

Accepted (full-width digits and punctuation are read as their ASCII forms):

- ``2024-08-31``, ``2024-8-31``, ``2024/8/31``, ``2024.8.31`` (the year first: never ambiguous);
- ``20240831``;
- ``2024年8月31日`` (also ``号``), optionally followed by ``前`` or ``之前`` (a deadline's words).

Anything else (``6.30``, ``2020.12``, ``1/8/2024``, ``yesterday``) is refused with the forms
above named: a day is a record of what happened, so no part of it is ever guessed.

A month (a bulletin's period) is ``2024-08``, ``2024-8``, ``2024/8`` or ``2024年8月`` (also
``2024年08月``, ``2024年8月份``), always with its year.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from ledger.errors import UsageError
from ledger.i18n import tr

_NUMERIC = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_CHINESE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:前|之前)?$")
ACCEPTED = "YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD, 2024年8月31日"
_MONTH = re.compile(r"^(\d{4})\s*[-/]\s*(\d{1,2})$")
_CHINESE_MONTH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月份?$")


def _normal(text: str) -> str:
    """Full-width digits, letters and punctuation as ASCII (NFKC), and no surrounding space."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_date(text: str, what: str = "date") -> date:
    """A complete date; a ``UsageError`` naming ``what`` (the option or column) if it is not one."""
    raw = _normal(text)
    parts = None
    for pattern in (_NUMERIC, _COMPACT, _CHINESE):
        match = pattern.match(raw)
        if match:
            numbers = [g for g in match.groups() if g not in ("-", "/", ".")]
            parts = tuple(int(n) for n in numbers)
            break
    if parts is None:
        raise UsageError(tr("{what}: {value!r} is not a complete date (write {forms})", what=what, value=text,
                            forms=ACCEPTED))
    try:
        return date(*parts)
    except ValueError:
        raise UsageError(tr("{what}: {value!r} is not a real date", what=what, value=text)) from None


def parse_deadline(text: str, what: str = "deadline") -> date | str:
    """A deadline: a date, or ``ongoing`` (also 立行立改，长期坚持 / 长期坚持)."""
    raw = _normal(text)
    if raw.lower() == "ongoing" or "长期坚持" in raw or raw == "立行立改":
        return "ongoing"
    return parse_date(text, what)


def parse_month(text: str, what: str = "month") -> str:
    """A month, written ``YYYY-MM`` whatever form it was typed in; a ``UsageError`` naming ``what``
    if it is not one (``2024-13`` is not a real month; ``8月`` has no year, and none is guessed)."""
    raw = _normal(text)
    match = _MONTH.match(raw) or _CHINESE_MONTH.match(raw)
    if match is None:
        raise UsageError(tr("{what}: {value!r} is not a month (write YYYY-MM, YYYY-M or 2024年8月)", what=what,
                            value=text))
    year, month = int(match[1]), int(match[2])
    if year < 1 or not 1 <= month <= 12:
        raise UsageError(tr("{what}: {value!r} is not a real month", what=what, value=text))
    return f"{year:04d}-{month:02d}"


def last_month(today: date) -> str:
    """The month before ``today``'s, as ``YYYY-MM``: the bulletin one usually wants."""
    return f"{today.year - 1}-12" if today.month == 1 else f"{today.year:04d}-{today.month - 1:02d}"
