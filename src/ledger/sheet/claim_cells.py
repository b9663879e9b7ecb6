"""An office's own 台账 cells that add to history: free-text 整改进展, and claims of completion.

In a sheet that is not the export's own layout, 整改进展 is free text: it becomes one progress
note dated the day the sheet stands as of (its 截至 row, or ``--as-of``); the same text again adds
nothing. A row saying it is done (完成情况 已完成/已整改/已办结/已销号, or 是否销号 是) with no
close-out (销号时间, 佐证材料 and a sign-off) is a claim awaiting evidence (``Item.claimed``): never
an open item that looks untouched, never a close-out.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ledger.core import actions
from ledger.core.model import Claim, Item
from ledger.errors import Refused
from ledger.i18n import tr
from ledger.sheet.plan import Row

DONE = re.compile(r"^(?:已完成|已整改|已办结|已销号|完成整改|已整改到位|整改完成|已完成整改)")
YES = ("是", "已销号", "√", "✓", "Y", "y", "yes", "Yes")


def free_progress(r: Row, item: Item, today: date, batch_date: date | None) -> tuple[Item, int] | None:
    """整改进展 as free text → one note dated by the sheet's as-of day (unless a note already says it)."""
    text = r.text("整改进展")
    if not text or any(note.text == text for note in item.progress) or item.closed is not None:
        return item, 0
    day = r.plan.as_of
    if day is None:
        r.problem("整改进展", tr("progress without dates needs the day the sheet stands as of: a 截至 row, or "
                                "--as-of YYYY-MM-DD"))
        return None
    try:
        return actions.progress(item, text=text, day=day, by=None, today=today, batch_date=batch_date), 1
    except Refused as exc:
        r.problem("整改进展", exc.named({"date": "截至", "text": "整改进展"}))
        return None


def claimed_words(r: Row) -> str | None:
    """What the row says to claim completion, if it does."""
    closed = r.text("是否销号")
    if closed in YES:
        return f"是否销号：{closed}"
    status = r.text("完成情况")
    if DONE.match(status):
        return status
    return None


def claim_cells(r: Row, item: Item, today: date) -> tuple[Item, bool]:
    """A claim of completion, kept on the item until a close-out (``ledger close``) backs it."""
    words = claimed_words(r)
    if words is None or item.closed is not None or (item.claimed is not None and item.claimed.text == words):
        return item, False
    day = r.plan.as_of if r.plan.as_of is not None and r.plan.as_of <= today else today
    return replace(item, claimed=Claim(date=day, text=words)), True
