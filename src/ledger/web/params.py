"""Query parameters read as ledger list's options (?overdue=true&as_of=2024-09-01 …).

Query parameters as ``ledger list``'s options: ``?overdue=true&as_of=2024-09-01&dept=区财政局`` …

The same names as the command line's options (with ``_`` for ``-``): ``overdue``, ``due_soon``,
``as_of``, ``status``, ``dept`` (repeatable), ``lead``, ``question``, ``ongoing``, ``dated``,
``due_before``, ``due_after``, ``search``, ``light``. A value the command line would refuse is
refused (400) with the reason."""

from __future__ import annotations

from datetime import date
from typing import Any

from ledger.core.dates import parse_date
from ledger.core.model import Ledger
from ledger.core.query import Filters, status_named
from ledger.core.typed import unit_list, unit_name
from ledger.environment import today
from ledger.i18n import tr
from ledger.web.config import Refusal

TRUE = {"true", "1", "yes", "on"}
FALSE = {"false", "0", "no", "off", ""}
LIGHTS = ("red", "yellow", "blue", "green")


def flag(query: Any, name: str) -> bool:
    value = (query.get(name) or "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise Refusal(400, tr("{name}: use true or false", name=name))


def day_param(query: Any, name: str, default: date | None = None) -> date | None:
    text = (query.get(name) or "").strip()
    if not text:
        return default
    return parse_date(text, name)


def as_of(query: Any) -> date:
    found = day_param(query, "as_of", today())
    assert found is not None
    return found


def number(query: Any, name: str, low: int = 0) -> int | None:
    text = (query.get(name) or "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < low:
        raise Refusal(400, tr("{name}: expected a whole number of at least {low}", name=name, low=low))
    return int(text)


def unit(ledger: Ledger, name: str | None, param: str) -> str | None:
    """A unit named by name or alias → its name; an unknown one is refused, never guessed."""
    if name is None or not name.strip():
        return None
    table = ledger.unit_names()
    found = table.get(unit_name(name))
    if found is None:
        raise Refusal(400, tr("{option}: unknown unit {name!r}{hint}", option=param, name=unit_name(name), hint=""))
    return found


def filters(ledger: Ledger, query: Any) -> tuple[Filters, str | None]:
    """The list's filters and the light asked for, from the query string."""
    status = (query.get("status") or "").strip() or None
    if status is not None:
        status = status_named(status)
        if status is None:
            raise Refusal(400, tr("use open, in_progress, pending_review or closed (also in-progress, 未整改, "
                                  "整改中, 待审核, 已销号)"))
    light = (query.get("light") or "").strip().lower() or None
    if light is not None and light not in LIGHTS:
        raise Refusal(400, tr("use red, yellow, blue or green"))
    ongoing, dated = flag(query, "ongoing"), flag(query, "dated")
    if ongoing and dated:
        raise Refusal(400, tr("ongoing and dated exclude each other"))
    depts = [d for d in query.getlist("dept") if d.strip()]
    return Filters(
        as_of=as_of(query), overdue=flag(query, "overdue"), due_soon=number(query, "due_soon"), status=status,
        dept=tuple(unit(ledger, d, "dept") or d for d in unit_list(depts)),
        lead=unit(ledger, query.get("lead"), "lead"), question=number(query, "question"),
        ongoing=ongoing, dated=dated, due_before=day_param(query, "due_before"), due_after=day_param(query, "due_after"),
        search=(query.get("search") or None),
    ), light
