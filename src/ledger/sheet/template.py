"""What an export holds: its columns and rows for a template (the default or the official one), its title and 截至 line.

The default template is the columns of ``sheet.columns``. The official one (``--template official``,
for the supervising office) has the layout published 台账 use: a title row, a 截至 row, then the
columns plus 问题类别, 整改目标, 整改措施, 责任领导, 责任人, 是否销号 and 备注.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ledger.core.model import Batch, Item
from ledger.sheet.columns import HEADERS, sheet_row

TEMPLATES = ("default", "official")
EXTRA_FIELDS = {"问题类别": "category", "整改目标": "target", "整改措施": "measures", "责任领导": "leader",
                "责任人": "contact", "备注": "remarks"}
"""The official template's extra columns → the item's field (read with ``getattr``: a field the
model does not have yet exports as an empty cell)."""
CLOSED_COLUMN = "是否销号"
OFFICIAL_HEADERS = ("序号", "问题编号", "问题类别", "反馈问题", "整改目标", "整改措施", "牵头部门", "责任部门", "责任领导",
                    "责任人", "整改时限", "整改进展", "完成情况", CLOSED_COLUMN, "销号时间", "佐证材料", "备注")
DEFAULT_TITLE = "整改销号台账"
TITLE_SUFFIX = "反馈问题整改台账"


def headers_of(template: str) -> tuple[str, ...]:
    return OFFICIAL_HEADERS if template == "official" else HEADERS


def export_row(item: Item, number: int, today: date, template: str) -> dict[str, Any]:
    """The item's row in the template's columns, header → value (text, a number, a date or None)."""
    row = sheet_row(item, number, today)
    if template != "official":
        return row
    extra: dict[str, Any] = {header: getattr(item, name, None) or None for header, name in EXTRA_FIELDS.items()}
    extra[CLOSED_COLUMN] = "是" if item.closed is not None else "否"
    return {header: row[header] if header in row else extra[header] for header in OFFICIAL_HEADERS}


def title_of(batches: Sequence[Batch | None]) -> str:
    """The title row: ``<batch name>反馈问题整改台账`` when every item comes from one named batch,
    else ``整改销号台账``."""
    names = list(dict.fromkeys(b.name for b in batches if b is not None and b.name))
    return names[0] + TITLE_SUFFIX if len(names) == 1 and len(batches) == len([b for b in batches if b]) else DEFAULT_TITLE


def as_of_words(day: date) -> str:
    """截至2026年12月3日: the day the sheet stands at, in the plan's words."""
    return f"截至{day.year}年{day.month}月{day.day}日"


def last_record(items: Sequence[Item]) -> tuple[str, date] | None:
    """The newest dated record of any item (a note, an extension, a close-out, a look-back): (id, day)."""
    best: tuple[str, date] | None = None
    for item in items:
        days = [n.date for n in item.progress] + [e.date for e in item.extensions]
        days += [item.closed.date] if item.closed else []
        days += [p.reopened.date for p in item.history] + [p.closed.date for p in item.history]
        newest = max(days, default=None)
        if newest is not None and (best is None or newest > best[1]):
            best = (item.id, newest)
    return best
