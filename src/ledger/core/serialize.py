"""Items as plain data: for YAML blocks (canonical key order, defaults left out) and for JSON."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from ledger.core.model import Item

ITEM_KEY_ORDER = (
    "id", "question", "source", "added", "text", "lead", "responsible", "and_others", "leader",
    "deadline", "status", "progress", "extensions", "closed", "history",
)


def _plain(value: Any, dates_as_text: bool) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in fields(value):
            v = getattr(value, f.name)
            if v is None or v == () or v is False:
                continue
            out[f.name] = _plain(v, dates_as_text)
        return out
    if isinstance(value, tuple | list):
        return [_plain(v, dates_as_text) for v in value]
    if isinstance(value, date) and dates_as_text:
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v, dates_as_text) for k, v in value.items()}
    return value


def item_to_data(item: Item, dates_as_text: bool = False) -> dict[str, Any]:
    """The item as it is written in a YAML block: canonical key order, empty fields left out
    (``status`` is always written, even when open)."""
    raw = _plain(item, dates_as_text)
    raw.setdefault("status", item.status)
    return {key: raw[key] for key in ITEM_KEY_ORDER if key in raw}


def without_defaults(data: Any) -> Any:
    """Parsed YAML with empty values (null, false, empty lists) left out, as ``item_to_data``
    leaves them out: a hand-written ``and_others: false`` means the same as no line at all."""
    if isinstance(data, dict):
        return {k: without_defaults(v) for k, v in data.items()
                if not (v is None or v is False or v == [] or v == {}) or k == "status"}
    if isinstance(data, list):
        return [without_defaults(v) for v in data]
    return data


def to_json_data(value: Any) -> Any:
    """Any model value as JSON-ready data (dates as ISO text)."""
    return _plain(value, True)
