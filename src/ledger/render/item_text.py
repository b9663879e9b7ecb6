"""Items as CSV and Markdown documents: headers in the interface language, one item in full for ``show``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ledger.i18n import language, tr
from ledger.render.card import events, field_rows
from ledger.render.text import _md_escape, to_csv, to_markdown

COLUMN_LABELS = {
    "id": "ID", "question": "Question", "text": "Feedback", "lead": "Lead", "responsible": "Responsible",
    "deadline": "Deadline", "status": "Status", "overdue": "Overdue", "days_overdue": "Days overdue",
    "original_deadline": "Original deadline", "extensions": "Extensions", "closed_date": "Closed on",
    "last_progress": "Last progress",
}
"""The header of each json field a csv or Markdown table of items may show: in English the field's
own name (``days_overdue``, what a program reading the file looks for), in Chinese its label."""

EVENT_COLUMNS = ("Date", "Record", "Details")


def column_headers(columns: Sequence[str]) -> list[str]:
    return [tr(COLUMN_LABELS[c]) for c in columns] if language() == "zh" else list(columns)


def event_headers() -> list[str]:
    return [tr(c) for c in EVENT_COLUMNS] if language() == "zh" else [c.lower() for c in EVENT_COLUMNS]


def item_csv(data: dict[str, Any], columns: Sequence[str], bom: bool) -> str:
    """One row per record of the item's history, oldest first, each with the item's columns (the
    ones ``list --format csv`` has): a sheet to sort and filter, and ``show`` of several items
    concatenates into one table. An item without history is one row, its record cells empty."""
    item = [data[c] for c in columns]
    rows = [[*item, day, kind, text] for day, kind, text in events(data)] or [[*item, "", "", ""]]
    return to_csv([*column_headers(columns), *event_headers()], rows, bom=bom)


def item_markdown(data: dict[str, Any], batch: str | None, as_of: str) -> str:
    """A heading, the item's fields as a table, its history as a table, and the day it is read as of."""
    parts = [f"## {_md_escape(data['id'])}\n",
             to_markdown([tr("Field"), tr("Value")], field_rows(data, batch))]
    history = events(data)
    if history:
        parts += [f"### {tr('History')}\n", to_markdown([tr(c) for c in EVENT_COLUMNS], history)]
    parts.append(tr("as of {date}", date=as_of) + "\n")
    return "\n".join(parts)
