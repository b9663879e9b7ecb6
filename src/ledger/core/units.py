"""A new unit for the unit list: its name, kind and aliases, held to the rules ``check`` holds departments.yaml to.

A name or alias is a new unit's only if no unit has it as a name or an alias (one name, one
unit: ``list --lead``, the report and the merge must never see two units in one word); an alias
differs from the unit's own name and is given once; no text holds a control character or a line
break.  Refusals name the field (``name``, ``kind``, ``aliases``); the caller says how its user
gave it.
"""

from __future__ import annotations

from collections.abc import Iterable

from ledger.core.checks import unit_lookup
from ledger.core.model import UNIT_KINDS, Unit
from ledger.core.texts import control_problem
from ledger.errors import Refused


def new_unit(units: Iterable[Unit], name: str, kind: str, aliases: Iterable[str] = (), reviewer: bool = False) -> Unit:
    """The unit to add to ``units``, or ``Refused`` naming the field that breaks a rule.
    Blanks around a name or an alias are not part of it. ``reviewer``: the unit reviews requests
    for sign-off (``roles: [reviewer]``)."""
    name = name.strip()
    wanted = [alias.strip() for alias in aliases]
    _text(name, "name")
    if kind not in UNIT_KINDS:
        raise Refused("{what} must be one of {kinds}, got {value!r}", {"what": "kind"},
                      kinds=", ".join(UNIT_KINDS), value=kind)
    table = unit_lookup(units)
    if name in table:
        if table[name].name == name:
            raise Refused("unit {name!r} already exists", {}, name=name)
        raise Refused("{what} {name!r} is already an alias of unit {unit!r}", {"what": "name"},
                      name=name, unit=table[name].name)
    for n, alias in enumerate(wanted):
        _text(alias, "aliases")
        if alias == name:
            raise Refused("{what} {name!r} is the unit's own name", {"what": "aliases"}, name=alias)
        if alias in wanted[:n]:
            raise Refused("{what} {name!r} is given twice", {"what": "aliases"}, name=alias)
        if alias in table:
            if table[alias].name == alias:
                raise Refused("{what} {name!r} is the name of another unit", {"what": "aliases"}, name=alias)
            raise Refused("{what} {name!r} is already an alias of unit {unit!r}", {"what": "aliases"},
                          name=alias, unit=table[alias].name)
    return Unit(name=name, kind=kind, aliases=tuple(wanted),  # type: ignore[arg-type]
                roles=("reviewer",) if reviewer else ())


def _text(text: str, field: str) -> None:
    if not text:
        raise Refused("{what} is empty", {"what": field})
    problem = control_problem(text, long=False)
    if problem is not None:
        raise Refused("{what} {name!r}: {problem}", {"what": field}, name=text, problem=problem)
