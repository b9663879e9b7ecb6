"""Items as plain data: for YAML blocks (canonical key order, defaults left out) and for JSON."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any

from ledger.core.model import Item

ITEM_KEY_ORDER = (
    "id", "question", "source", "added", "category", "text", "target", "measures", "lead", "responsible",
    "and_others", "leader", "contact", "deadline", "status", "claimed", "progress", "extensions", "reviews", "closed",
    "history", "edits", "remarks",
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


class NotPlain(ValueError):
    """Data that ``item_from_data`` does not turn into an item without the validator."""


def item_from_data(data: Any) -> Item:
    """The item a block's parsed data (dates as text) describes, built without pydantic.

    Only for data from a file the validator has passed (a cached ledger's key says so), and
    strict: a value of any other type than the field's own (``question: "3"``, a date not
    written ``YYYY-MM-DD``) raises ``NotPlain`` rather than being coerced, so the caller falls back to
    the validator. The caller also checks that the item writes back as exactly ``data``."""
    item = _build(Item, data)
    if item_to_data(item, dates_as_text=True) != without_defaults(data):
        raise NotPlain("the item does not write back as its data")
    return item


_HINTS: dict[type, dict[str, Any]] = {}


def _build(cls: type, data: Any) -> Any:
    import typing

    if not isinstance(data, dict):
        raise NotPlain(cls.__name__)
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    names = {f.name for f in fields(cls)}
    if not names.issuperset(data):
        raise NotPlain(cls.__name__)
    return cls(**{k: _value(hints[k], v) for k, v in data.items() if v is not None})


def _value(hint: Any, value: Any) -> Any:
    import datetime as dt
    import types
    import typing

    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        for option in typing.get_args(hint):
            if option is type(None):
                continue
            try:
                return _value(option, value)
            except NotPlain:
                continue
        raise NotPlain(str(hint))
    if origin is typing.Literal:
        if isinstance(value, str) and value in typing.get_args(hint):
            return value
        raise NotPlain(str(hint))
    if origin is tuple:
        if not isinstance(value, list):
            raise NotPlain(str(hint))
        inner = typing.get_args(hint)[0]
        return tuple(_value(inner, v) for v in value)
    if hint is dt.date:
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise NotPlain("date")
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise NotPlain("bool")
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise NotPlain("int")
    if hint is str:
        if isinstance(value, str):
            return value
        raise NotPlain("str")
    if isinstance(hint, type) and is_dataclass(hint):
        return _build(hint, value)
    raise NotPlain(str(hint))
