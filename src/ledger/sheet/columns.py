"""The 台账 columns: what each column of the exchanged spreadsheet holds, in the plan's own words.

``sheet_row`` is the one definition of what each column holds; the Excel and CSV exports use it,
and the importer uses it to tell an untouched summary column from an edited one. Cells are in
Chinese whatever the interface language, because they are the data exchanged with departments.

Columns: 序号 (row number), 问题编号 (id), 反馈问题 (text), 牵头部门 (lead), 责任部门 (responsible,
、-separated, ``等部门`` when the source says so), 整改时限 (the original deadline in the plan's
words, then one line per extension), 整改进展 (one ``YYYY-MM-DD text — by`` line per note),
完成情况 (status, the sign-off and any look-back), 销号时间 (close-out day), 佐证材料 (evidence,
one per line).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ledger.core.model import Deadline, Item
from ledger.core.query import days_overdue, status_at

HEADERS = ("序号", "问题编号", "反馈问题", "牵头部门", "责任部门", "整改时限", "整改进展", "完成情况", "销号时间", "佐证材料")
SHEET_TITLE = "整改台账"
ONGOING_WORDS = "立行立改，长期坚持"
AND_OTHERS = "等部门"
CLOSED_WORD = "已销号"
SIGNER = "销号人："
LATE_WORDS = "（逾期销号）"

def deadline_words(deadline: Deadline) -> str:
    """``2024年8月31日前`` or ``立行立改，长期坚持``: the plan's own words."""
    if isinstance(deadline, date):
        return f"{deadline.year}年{deadline.month}月{deadline.day}日前"
    return ONGOING_WORDS


def extension_line(ext: Any) -> str:
    who = f"，{ext.approved_by}批准" if ext.approved_by else ""
    return f"{ext.date.isoformat()} 延期至{deadline_words(ext.to)}：{ext.reason}{who}"


def progress_line(note: Any) -> str:
    return f"{note.date.isoformat()} {note.text}" + (f" — {note.by}" if note.by else "")


def evidence_lines(item: Item) -> list[str]:
    if item.closed is None:
        return []
    return [ev.text if ev.text is not None else str(ev.file) for ev in item.closed.evidence]


def responsible_words(item: Item) -> str:
    return "、".join(item.responsible) + (AND_OTHERS if item.and_others else "")


def status_words(item: Item, today: date) -> str:
    """First line: 已销号（逾期销号），销号人：NAME / 待审核 / 整改中 / 未整改, with （逾期N天） when overdue
    today; then one line per look-back that reopened the item."""
    closeout = item.closed
    if closeout is not None:
        first = CLOSED_WORD + (LATE_WORDS if closeout.late else "") + f"，{SIGNER}{closeout.by}"
    else:
        status = status_at(item, today)
        first = "待审核" if status == "pending_review" else "整改中" if status == "in_progress" else "未整改"
        late = days_overdue(item, today)
        if late is not None:
            first += f"（逾期{late}天）"
    lines = [first]
    for past in item.history:
        lines.append(f"{past.reopened.date.isoformat()} 回头看重新打开：{past.reopened.reason}")
    return "\n".join(lines)


def sheet_row(item: Item, number: int, today: date) -> dict[str, Any]:
    """The item's row as it stands, header → value (text, a number, or a date for 销号时间).
    ``today`` only decides the overdue words of 完成情况."""
    return {
        "序号": number,
        "问题编号": item.id,
        "反馈问题": item.text,
        "牵头部门": item.lead,
        "责任部门": responsible_words(item),
        "整改时限": "\n".join([deadline_words(item.deadline), *(extension_line(e) for e in item.extensions)]),
        "整改进展": "\n".join(progress_line(n) for n in item.progress),
        "完成情况": status_words(item, today),
        "销号时间": item.closed.date if item.closed else None,
        "佐证材料": "\n".join(evidence_lines(item)),
    }
