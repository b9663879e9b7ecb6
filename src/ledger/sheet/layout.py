"""A 台账's layout around its items: the title and 截至 rows above the header, and the rows that are not items.

Above the header: the title (its year is the plan's year), a 截至 row (the day the sheet stands
as of; its year is the plan's year when the title names none) and a 填报单位 row. Below it, rows
that are not items are skipped and said in ``--dry-run``: blank rows, section rows (一、 （一）
第一部分 …, or one value across the row), totals (合计 小计 总计) and notes (注： 说明：).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ledger.sheet.header import ALIASES, Header, cell_name

NUMERAL = "一二三四五六七八九十百零〇"
SECTION = re.compile(rf"^\s*(?:第[{NUMERAL}\d]+(?:部分|章|节|类|项|篇)|[{NUMERAL}]+\s*[、.．]|[（(][{NUMERAL}]+[)）]"
                     rf"|[{NUMERAL}]+$)\s*[、，:：]?\s*")
TOTAL = re.compile(r"^\s*(?:合\s*计|小\s*计|总\s*计)")
NOTE = re.compile(r"^\s*(?:注|说明|备注|填报说明|填表说明)\s*\d*\s*[：:]")
AS_OF = re.compile(r"(?:截至|截止|截止到|截止日期|统计时间)\s*[：:]?\s*(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])"
                   r"\s*(\d{1,2})\s*日?")
REPORTER = re.compile(r"填报单位\s*[：:]\s*(\S[^\n　]*?)\s*(?=(?:填报人|联系电话|截至|截止|填报时间|$))")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass(slots=True)
class Layout:
    """How a sheet was read: its header, title, as-of day, plan year, and the rows it skipped."""

    header: Header
    sheet: str
    title: str | None = None
    as_of: date | None = None
    plan_year: int | None = None
    year_from: str = ""  # "title" or "截至", where the plan's year was read
    reporter: str | None = None
    sheets: list[str] = field(default_factory=list)
    first_sheet: bool = True
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (row, why, its first value)
    section: str | None = None
    sections: dict[int, str | None] = field(default_factory=dict)  # item row → the section it is under

    def section_of(self, reason: str, cells: dict[str, Any], values: list[Any]) -> None:
        """After a section row, the items below are under it (its words without 一、 or （一）)."""
        if reason == "section":
            texts = list(dict.fromkeys(str(v).strip() for v in values if v not in (None, "") and str(v).strip()))
            words = SECTION.sub("", texts[0]).strip() if texts else ""
            if not words and len(texts) > 1:
                words = SECTION.sub("", texts[1]).strip()
            self.section = words or None

    @property
    def own_layout(self) -> bool:
        """The export's own layout: the header on the first row of the first sheet, nothing above it."""
        return self.header.row == 1 and self.first_sheet


def _text(value: Any) -> str:
    if isinstance(value, datetime | date):
        return ""
    return str(value).strip() if value is not None else ""


def read_layout(grid: list[list[Any]], header: Header, sheet: str) -> Layout:
    """The rows above the header: title, 截至 day, 填报单位; the plan's year from the title, else 截至."""
    layout = Layout(header, sheet)
    for number in range(1, header.row):
        if any(cell_name(v) in ALIASES for v in grid[number - 1]):
            continue  # the upper level of a two-level header
        texts = list(dict.fromkeys(t for t in (_text(v) for v in grid[number - 1]) if t))
        joined = " ".join(texts)
        match = AS_OF.search(joined)
        if match:
            try:
                layout.as_of = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                pass
        reporter = REPORTER.search(joined)
        if reporter:
            layout.reporter = reporter[1]
        if not match and not reporter and texts and layout.title is None and len(texts) == 1:
            layout.title = texts[0]
    year = YEAR.search(layout.title or "")
    if year:
        layout.plan_year, layout.year_from = int(year[1]), "title"
    elif layout.as_of is not None:
        layout.plan_year, layout.year_from = layout.as_of.year, "截至"
    return layout


def skip_reason(values: list[Any], cells: dict[str, Any]) -> str | None:
    """None for an item's row; else why it is skipped: "" (blank), "section", "total" or "note"."""
    texts = [str(v).strip() for v in values if v not in (None, "") and str(v).strip()]
    if not texts:
        return ""
    first = texts[0]
    if NOTE.match(first):
        return "note"
    if TOTAL.match(first):
        return "total"
    number = cells.get("问题编号")
    number_text = str(number.value).strip() if number is not None else ""
    if number_text and SECTION.match(number_text) and not re.search(r"\d", number_text):
        return "section"
    if len(set(texts)) == 1 and not re.fullmatch(r"[\d.\-]+", first):
        return "section"
    return None
