"""Schema validation with pydantic, and pydantic's errors turned into located problems.

This is the only module that imports pydantic; it is loaded on a cold read (the cache missed)
and on writes, never on a warm read.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ledger.core.model import Item, ItemsFile, UnitsFile
from ledger.i18n import Message, msg


@cache
def _adapter(kind: type) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def _message(err: dict[str, Any], field: str) -> str | Message:
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return msg("field required")
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        return msg("unknown field")
    if field in ("deadline", "previous"):
        return msg("expected a date (YYYY-MM-DD) or 'ongoing', got {value!r}", value=value)
    if kind.startswith("date") or kind.startswith("datetime"):
        return msg("expected a date (YYYY-MM-DD), got {value!r}", value=value)
    if kind == "literal_error":
        allowed = err.get("ctx", {}).get("expected", "")
        return msg("expected one of {allowed}, got {value!r}", allowed=allowed, value=value)
    if kind in ("string_type",):
        return msg("expected text")
    if kind.startswith("int"):
        return msg("expected a whole number")
    if kind.startswith("bool"):
        return msg("expected true or false")
    if kind in ("tuple_type", "list_type"):
        return msg("expected a list")
    if kind in ("dataclass_type", "dict_type", "model_type", "dataclass_args_type"):
        return msg("expected a mapping")
    return str(err.get("msg", kind))


_UNION_FIELDS = ("deadline", "previous")  # date | "ongoing": pydantic labels each branch


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop pydantic's union-branch labels so a loc is a path into the YAML."""
    out: list[Any] = []
    for part in loc:
        if out and out[-1] in _UNION_FIELDS and isinstance(part, str):
            continue
        out.append(part)
    return tuple(out)


def validate(kind: type, data: Any) -> tuple[Any, list[tuple[tuple[Any, ...], str | Message]]]:
    """Validate ``data`` as ``kind``. Returns the object (or None) and (path, message) errors,
    one per path even where pydantic reports each branch of a union."""
    try:
        return _adapter(kind).validate_python(data), []
    except ValidationError as exc:
        seen: dict[tuple[Any, ...], str | Message] = {}
        for err in exc.errors():
            loc = _clean_loc(tuple(err["loc"]))
            if loc in seen:
                continue
            rel = [p for p in loc if not isinstance(p, int)]
            seen[loc] = _message(err, str(rel[-1]) if rel else "")
        return None, list(seen.items())


def validate_item(data: Any) -> tuple[Item | None, list[tuple[tuple[Any, ...], str | Message]]]:
    return validate(Item, data)


def validate_items_file(data: Any) -> tuple[ItemsFile | None, list[tuple[tuple[Any, ...], str | Message]]]:
    return validate(ItemsFile, data)


def validate_units_file(data: Any) -> tuple[UnitsFile | None, list[tuple[tuple[Any, ...], str | Message]]]:
    return validate(UnitsFile, data)
