"""Helpers shared by the commands: loading the ledger, resolving units and dates."""

from __future__ import annotations

from datetime import date
from enum import Enum

from ..dates import parse_date
from ..errors import UsageError
from ..i18n import tr
from ..storage import Ledger, load, require_valid, today


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def loaded() -> Ledger:
    from ..cli import data_dir

    ledger = load(data_dir())
    require_valid(ledger)
    return ledger


def as_of_date(text: str | None) -> date:
    return parse_date(text, "--as-of") if text else today()


def optional_date(text: str | None, option: str) -> date | None:
    return parse_date(text, option) if text else None


def resolve_unit(ledger: Ledger, name: str | None, option: str) -> str | None:
    """A unit typed by name or alias → its name; an unknown one is a usage error with a hint."""
    if name is None:
        return None
    table = ledger.unit_names()
    if name in table:
        return table[name]
    import difflib

    near = difflib.get_close_matches(name, list(table), n=3, cutoff=0.4)
    hint = tr("; did you mean {near}?", near=", ".join(near)) if near else ""
    raise UsageError(tr("{option}: unknown unit {name!r}{hint}", option=option, name=name, hint=hint))
