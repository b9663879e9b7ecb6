"""Deadlines as offices write them in a 台账, read into a date or ``ongoing``: never a part from today.

``read_phrase(text, plan_year)`` reads:

- a date: ``2024年8月31日(前)``, ``2024-08-31``, ``2024/8/31``, ``2024.8.31``, ``20240831``, and
  ``8月31日前`` in the plan's year;
- a month, meaning its last day: ``2024年6月底(前)``, ``6月底完成``, ``2020.12``, ``2024年12月``;
- part of a year: ``年底``/``年底前``/``年内``/``全年``/``2020年年底前`` → 12-31, ``上半年`` → 06-30,
  ``下半年`` → 12-31, ``三季度(末)`` → 09-30 (any quarter);
- ongoing: ``立行立改``, ``长期坚持``, ``立行立改，长期坚持`` (any separator, or two lines),
  ``持续推进``, ``持续整改``, ``常态化``, ``长期``.

A phrase that names a date and an ongoing word (``立行立改，6月底前完成``) is read as the date.
A phrase without a year takes ``plan_year``; without one it is refused (field ``year``). Trailing
words (前, 之前, 以前, 完成, 前完成, 底前) and full-width forms are allowed. Each reading says which
rule read it (``rule``) and whether the year came from the plan (``plan_year``).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ledger.core.model import ONGOING, Deadline
from ledger.errors import Refused

DATE, MONTH, YEAR_END, HALF, QUARTER, ONGOING_RULE = "date", "month", "year_end", "half", "quarter", "ongoing"
RULES = (DATE, MONTH, YEAR_END, HALF, QUARTER, ONGOING_RULE)

ONGOING_WORDS = ("立行立改", "长期坚持", "持续推进", "持续整改", "常态化", "长期推进", "长期")
_TAIL = r"(?:之前|以前|前|止)?(?:完成|完成整改|整改到位|办结|到位)?(?:之前|以前|前)?"
_SEP = r"[，,、；;\s。]*"
_Y = r"(?:(\d{4})\s*年?)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((rule, re.compile(p)) for rule, p in (
    (DATE, r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})日?" + _TAIL),
    (DATE, r"(\d{4})(\d{2})(\d{2})" + _TAIL),
    (DATE, r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]" + _TAIL),
    (MONTH, r"(\d{4})[-/.](\d{1,2})(?:月)?(?:底|末)?" + _TAIL),
    (MONTH, r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:份)?(?:底|末)?" + _TAIL),
    (YEAR_END, _Y + r"?\s*(?:年底|年末|年内|全年|底)" + _TAIL),
    (HALF, _Y + r"?\s*(上|下)半年(?:底|末)?" + _TAIL),
    (QUARTER, _Y + r"?\s*(?:第)?([一二三四1234])\s*季度(?:底|末)?" + _TAIL),
))
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True, slots=True)
class Reading:
    """How a phrase was read: the deadline, the rule, and whether the year is the plan's."""

    deadline: Deadline
    rule: str
    plan_year: bool = False


def normal(text: str) -> str:
    """NFKC (full-width digits and punctuation as ASCII), no spaces at the ends, no inner line breaks."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(given: str | None, plan_year: int | None, raw: str) -> tuple[int, bool]:
    if given:
        return int(given), False
    if plan_year is None:
        raise Refused("{what}: {value!r} names no year, and the plan's year is not known", {"what": "year"},
                      value=raw)
    return plan_year, True


def _dated(rule: str, groups: tuple[str | None, ...], plan_year: int | None, raw: str) -> Reading:
    year, from_plan = _year(groups[0], plan_year, raw)
    try:
        if rule == DATE:
            day = date(year, int(groups[1] or 0), int(groups[2] or 0))
        elif rule == MONTH:
            day = _last_day(year, int(groups[1] or 0))
        elif rule == YEAR_END:
            day = date(year, 12, 31)
        elif rule == HALF:
            day = date(year, 6, 30) if groups[1] == "上" else date(year, 12, 31)
        else:
            day = _last_day(year, 3 * _QUARTERS[groups[1] or ""])
    except ValueError:
        raise Refused("{what}: {value!r} is not a real date", {"what": "deadline"}, value=raw) from None
    return Reading(day, rule, from_plan)


def _strip_ongoing(text: str) -> tuple[str, bool]:
    """The phrase without its ongoing words (and the separators around them), and whether it had any."""
    found = False
    for word in ONGOING_WORDS:
        if word in text:
            found = True
            text = text.replace(word, " ")
    return re.sub(_SEP, " ", text).strip(), found


def read_phrase(text: str, plan_year: int | None = None) -> Reading:
    """The deadline a phrase means (see the module's docstring), or ``Refused`` naming ``deadline``
    (not a deadline) or ``year`` (no year, and no plan year given)."""
    raw = normal(text)
    if raw.lower() == ONGOING:
        return Reading(ONGOING, ONGOING_RULE)
    rest, ongoing = _strip_ongoing(raw)
    rest = rest.replace(" ", "")
    if ongoing and not rest:
        return Reading(ONGOING, ONGOING_RULE)
    for rule, pattern in _PATTERNS:
        match = pattern.fullmatch(rest)
        if match:
            return _dated(rule, match.groups(), plan_year, text.strip())
    raise Refused("{what}: {value!r} is not a deadline", {"what": "deadline"}, value=text.strip())
