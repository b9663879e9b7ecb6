"""The texts the ledger keeps: no control characters anywhere, line breaks only in long texts.

A control character (ESC starts the terminal escape sequences that clear a screen or fake output;
tab, CR and the others break tables, sheets and one-line summaries) is never kept. A newline is
the one exception, and only in a long text: the feedback, a progress note, a reason, a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ledger.core.model import Item
from ledger.i18n import Message, msg

CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 controls and DEL, except the newline."""
CONTROL_OR_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f]")
LONG_TEXTS = frozenset({("Item", "text"), ("Item", "target"), ("Item", "measures"), ("Item", "remarks"),
                        ("Claim", "text"), ("ProgressNote", "text"), ("Extension", "reason"), ("CloseOut", "note"),
                        ("Reopening", "reason"), ("Unit", "note"),
                        ("Edit", "text"), ("Edit", "reason")})
"""(record, field) of the texts that may run over several lines."""


def control_problem(text: str, long: bool) -> Message | None:
    """Why ``text`` may not be kept (a control character, or a line break outside a long text), if so."""
    found = (CONTROL if long else CONTROL_OR_NEWLINE).search(text)
    if found is None:
        return None
    if found.group() == "\n":
        return msg("a line break is not allowed here (only in a long text: text, reason, note)")
    return msg("control character {code} is not allowed", code=f"U+{ord(found.group()):04X}")


def strings(record: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str, bool]]:
    """Every text of a record and of the records inside it: (path, text, whether it is a long text)."""
    kind = type(record).__name__
    for name in record.__dataclass_fields__:
        value = getattr(record, name)
        if isinstance(value, str):
            yield (*path, name), value, (kind, name) in LONG_TEXTS
        elif isinstance(value, tuple):
            for k, part in enumerate(value):
                if isinstance(part, str):
                    yield (*path, name, k), part, False
                elif hasattr(part, "__dataclass_fields__"):
                    yield from strings(part, (*path, name, k))
        elif hasattr(value, "__dataclass_fields__"):
            yield from strings(value, (*path, name))


def _closeout_texts(closeout: Any, short: list[str], long: list[str]) -> None:
    short.append(closeout.by)
    if closeout.note is not None:
        long.append(closeout.note)
    for ev in closeout.evidence:
        short += [v for v in (ev.text, ev.file, ev.sha256) if v is not None]


def looks_clean(item: Item) -> bool:
    """The fast look at every text of an item (100,000 items in about a tenth of a second);
    ``strings`` then finds where a problem is. tests/test_text_safety.py checks that the two see
    the same fields."""
    short = [item.id, item.lead, *item.responsible]
    long = [item.text, *(v for v in (item.target, item.measures, item.remarks) if v is not None)]
    short += [v for v in (item.source, item.leader, item.category, item.contact) if v is not None]
    if item.claimed is not None:
        long.append(item.claimed.text)
    for note in item.progress:
        long.append(note.text)
        if note.by is not None:
            short.append(note.by)
    for ext in item.extensions:
        long.append(ext.reason)
        if ext.approved_by is not None:
            short.append(ext.approved_by)
    if item.closed is not None:
        _closeout_texts(item.closed, short, long)
    for past in item.history:
        _closeout_texts(past.closed, short, long)
        long.append(past.reopened.reason)
        if past.reopened.by is not None:
            short.append(past.reopened.by)
    for edit in item.edits:
        long += [edit.reason, *(v for v in (edit.text,) if v is not None)]
        short += [edit.by, *(v for v in (edit.lead, edit.source) if v is not None), *(edit.responsible or ()),
                  *edit.changed, *(v for v in (edit.deadline,) if isinstance(v, str))]
    return CONTROL.search("".join(long)) is None and CONTROL_OR_NEWLINE.search("".join(short)) is None


def text_problems(record: Any) -> Iterator[tuple[tuple[Any, ...], Message]]:
    """(path inside the record, message) for each text of an item or a unit it may not keep."""
    if isinstance(record, Item) and looks_clean(record):
        return
    for path, text, long in strings(record):
        problem = control_problem(text, long)
        if problem is not None:
            yield path, problem
