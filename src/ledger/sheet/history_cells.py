"""The cells that add to an item's history from a sheet: a new deadline, new progress lines, and a close-out.

A new deadline is 整改时限 with 延期理由 (and 延期批准人); a close-out is 完成情况, 销号时间 and 佐证材料.

Recorded history stays as exported: a sheet may extend an open item's deadline with a reason, add
progress notes at the end and close an open item with its day, evidence and sign-off, never change
or remove what is on record.
"""

from __future__ import annotations

import re
from datetime import date

from ledger.core import actions
from ledger.core.model import ONGOING, Deadline, Evidence, Item
from ledger.errors import Refused, UsageError
from ledger.i18n import tr
from ledger.sheet.columns import CLOSED_WORD, SIGNER, evidence_lines, progress_line, status_words
from ledger.sheet.plan import Row

COLUMNS_OF_PROGRESS = {"date": "整改进展", "text": "整改进展", "by": "整改进展"}
COLUMNS_OF_CLOSE = {"date": "销号时间", "by": "完成情况", "evidence": "佐证材料"}
COLUMNS_OF_EXTENSION = {"to": "整改时限", "reason": "延期理由", "approved_by": "延期批准人"}
PROGRESS_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(.+?)(?:\s+—\s+(.+))?$")
SIGNER_RE = re.compile(re.escape(SIGNER.rstrip("：")) + r"\s*[：:]\s*(.+)$")  # to the end of the first line


def extension_cells(r: Row, item: Item, wanted: Deadline | None, today: date,
                    batch_date: date | None) -> tuple[Item, bool] | None:
    """A deadline in 整改时限 other than the item's original one is an extension from the import day,
    as ``ledger extend`` records it: with its reason (延期理由) and, if given, who approved it (延期批准人)."""
    reason, approver = r.text("延期理由"), r.text("延期批准人")
    if wanted is None or wanted == item.deadline:
        for header, value in (("延期理由", reason), ("延期批准人", approver)):
            if value:
                r.problem(header, tr("filled in, but the deadline in 整改时限 does not change"))
                return None
        return item, False
    if item.closed is not None:
        r.problem("整改时限", tr("the deadline of an item with a close-out on record cannot change"))
        return None
    if wanted == ONGOING:
        r.problem("整改时限", tr("an extension moves the deadline to a date; a dated deadline cannot become "
                                "立行立改，长期坚持"))
        return None
    if not reason:
        r.problem("延期理由" if r.has("延期理由") else "整改时限", tr(
            "the deadline moves from {old} to {new}: that is an extension, and it needs its reason in the column "
            "延期理由 (and may name who approved it in 延期批准人)", old=item.deadline, new=wanted))
        return None
    assert isinstance(wanted, date)
    try:
        extended = actions.extend(item, to=wanted, reason=reason, approved_by=approver or None, day=today, today=today,
                                  batch_date=batch_date)
    except Refused as exc:
        r.problem(COLUMNS_OF_EXTENSION.get(next(iter(exc.fields.values()), ""), "整改时限"),
                  exc.named(COLUMNS_OF_EXTENSION))
        return None
    return extended, True


def progress_cells(r: Row, item: Item, today: date, batch_date: date | None) -> tuple[Item, int] | None:
    """New progress lines at the end of 整改进展 → notes; the recorded ones must stay as they are."""
    if not r.has("整改进展"):
        return item, 0
    lines = r.lines("整改进展")
    recorded = [progress_line(n) for n in item.progress]
    if lines[: len(recorded)] != recorded:
        r.problem("整改进展", tr("recorded progress notes cannot be changed or removed; add new notes as new lines "
                                "at the end"))
        return None
    added = 0
    for line in lines[len(recorded):]:
        match = PROGRESS_LINE.match(line)
        if not match:
            r.problem("整改进展", tr("{line!r}: a new progress note is a line 'YYYY-MM-DD what was done'", line=line))
            return None
        try:
            day = date.fromisoformat(match[1])
            item = actions.progress(item, text=match[2], day=day, by=match[3], today=today, batch_date=batch_date)
        except ValueError:
            r.problem("整改进展", tr("{line!r}: not a real date", line=line))
            return None
        except Refused as exc:
            r.problem("整改进展", exc.named(COLUMNS_OF_PROGRESS))
            return None
        added += 1
    return item, added


def signed_by(r: Row) -> str | None:
    match = SIGNER_RE.search(r.lines("完成情况")[0] if r.lines("完成情况") else "")
    return match[1].strip() if match else None


def closeout_cells(r: Row, item: Item, today: date, batch_date: date | None) -> tuple[Item, bool] | None:
    """The sheet's close-out columns against the ledger's: the same, a new close-out, or refused."""
    carried = [h for h in ("完成情况", "销号时间", "佐证材料") if r.has(h)]
    if not carried:
        return item, False
    claims = r.text("完成情况").startswith(CLOSED_WORD) if r.has("完成情况") else bool(r.text("销号时间"))
    day_value = r.value("销号时间")
    evidence = r.lines("佐证材料")
    if item.closed is not None:
        if not claims:
            r.problem(carried[0], tr("item is closed (on {date}); reopening needs a reason: use ledger reopen",
                                     date=item.closed.date))
            return None
        same_day = not r.has("销号时间") or day_value == item.closed.date or r.text("销号时间") == item.closed.date.isoformat()
        same_evidence = not r.has("佐证材料") or evidence == evidence_lines(item)
        same_signer = not r.has("完成情况") or signed_by(r) in (None, item.closed.by)
        if not (same_day and same_evidence and same_signer):
            r.problem(carried[0], tr("a recorded close-out cannot be changed by import; reopen the item (ledger reopen), "
                                     "then close it again"))
            return None
        return item, False
    if r.has("完成情况") and r.lines("完成情况")[1:] != status_words(item, today).split("\n")[1:]:
        r.problem("完成情况", tr("the look-back lines are recorded by ledger reopen; they cannot change here"))
        return None
    if not claims:
        for header in ("销号时间", "佐证材料"):
            if r.text(header):
                r.problem(header, tr("filled in, but 完成情况 does not say 已销号"))
                return None
        return item, False
    ok = True
    if isinstance(day_value, str):
        try:
            from ledger.core.dates import parse_date

            day_value = parse_date(day_value, "销号时间") if day_value else None
        except UsageError:
            r.problem("销号时间", tr("{value!r} is not a date", value=r.text("销号时间")))
            return None
    if day_value is None or day_value == "":
        r.problem("销号时间" if r.has("销号时间") else None, tr("a close-out needs its day in 销号时间"))
        ok = False
    if not evidence:
        r.problem("佐证材料" if r.has("佐证材料") else None, tr("a close-out needs evidence in 佐证材料, one per line"))
        ok = False
    signer = signed_by(r) if r.has("完成情况") else None
    if not signer:
        r.problem("完成情况" if r.has("完成情况") else None,
                  tr("a close-out needs who signed it off: write 已销号，销号人：NAME in 完成情况"))
        ok = False
    if not ok:
        return None
    assert isinstance(day_value, date) and signer
    try:
        closed = actions.close(item, day=day_value, by=signer, evidence=[Evidence(text=e) for e in evidence], note=None,
                               today=today, batch_date=batch_date)
    except Refused as exc:
        r.problem(COLUMNS_OF_CLOSE.get(next(iter(exc.fields.values()), ""), "销号时间"), exc.named(COLUMNS_OF_CLOSE))
        return None
    return closed, True
