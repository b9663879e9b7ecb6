"""The unit-level three-way merge of ``departments.yaml``: units matched by name, as items are by id.

Pure, like ``merge_file``: a unit added on either side is kept (two units appended on both sides
are not a conflict, as they would be line by line); a unit changed on one side takes that side's
block; a unit changed on both sides is merged field by field, its aliases as a set (added on
either side: kept; removed on either side: removed); the same field changed differently (two
kinds, two notes) is a conflict, marked as in an items file.  The merged file must be a valid
units file (names and aliases unique), or what is new wrong with it is a conflict too.

``merged_units`` is what the driver validates an items file against: the units of the merge
being made, not the ones the working copy had before it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ledger.git.merge_checks import new_unit_problems
from ledger.git.merge_file import MergeResult, Plan, emit, plan_of, region, whole_file
from ledger.git.merge_item import Conflict, show
from ledger.git.merge_sides import Side, Unmergeable, side_of
from ledger.store.markers import NOTE

_MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "(absent)"})()
_ORDER = ("name", "kind", "aliases", "note")


def merged_units(base: str | None, ours: str, theirs: str | None) -> str | None:
    """The units file the merge ends with: a one-sided change taken, else the unit-level merge;
    None when that merge has conflicts (then the units file is the conflict to resolve)."""
    if theirs is None or theirs in (ours, base):
        return ours
    if ours == base:
        return theirs
    try:
        result = merge_units(base or "", ours, theirs)
    except Unmergeable:
        return None
    return result.text if result.clean else None


def merge_units(base: str, ours: str, theirs: str) -> MergeResult:
    """Merge three versions of ``departments.yaml`` unit by unit. Raises ``Unmergeable`` when it
    cannot be done so (the caller falls back to a line merge)."""
    b, o, t = (side_of(text, name, "units", "name") for text, name in ((base, "base"), (ours, "ours"),
                                                                        (theirs, "theirs")))
    if not o.order or not t.order:
        return whole_file(base, ours, theirs, None)
    nl = "\r\n" if o.lines and o.lines[0].endswith("\r\n") else "\n"
    merged: dict[str, dict[str, Any]] = {}

    def both(name: str, b: Side, o: Side, t: Side, plan: Plan, nl: str) -> None:
        unit, conflicts = _merge_unit(name, b.raw.get(name), o.raw[name], t.raw[name])
        if conflicts:
            plan.kind[name], plan.conflicts[name] = "conflict", conflicts
        elif unit == o.raw[name]:
            plan.kind[name] = "ours"
        elif unit == t.raw[name]:
            plan.kind[name] = "theirs"
        else:
            plan.kind[name], plan.merged[name], merged[name] = "merged", _block(unit, o.block(name), nl), unit
            plan.merged_ids.append(name)

    plan = plan_of(b, o, t, nl, both=both)
    for name, found in plan.conflicts.items():  # "changed in ours, deleted in theirs": said of a unit
        plan.conflicts[name] = [replace(c, item=None, field=c.field or f"units[{name}]") for c in found]
    head: list[Conflict] = []
    separate = any(o.gap_before(n)[:1] and not o.gap_before(n)[0].strip() for n in o.order[1:])
    text = emit(b, o, t, plan, nl, head, separate)
    conflicts = head + [c for cs in plan.conflicts.values() for c in cs]
    if conflicts:
        return MergeResult(text, conflicts, plan.merged_ids)
    _read_back(text, o, t, plan, merged)
    problems = new_unit_problems(text, ours)
    if not problems:
        return MergeResult(text, [], plan.merged_ids)
    found = [Conflict(None, p.field, reason="the merged file would not validate: " + str(p.message)) for p in problems]
    return MergeResult(region([NOTE + c.note() + nl for c in found], [], [], nl) + text, found, plan.merged_ids)


def _merge_unit(name: str, base: Any, ours: Any, theirs: Any) -> tuple[dict[str, Any], list[Conflict]]:
    """One unit changed on both sides, field by field."""
    if not all(isinstance(v, dict) for v in (ours, theirs)) or not isinstance(base, dict | None):
        return {}, [Conflict(None, f"units[{name}]", reason="changed on both sides")]
    base = base or {}
    keys = sorted({*ours, *theirs}, key=lambda k: (_ORDER.index(k) if k in _ORDER else len(_ORDER), str(k)))
    unit: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for key in keys:
        b, o, t = base.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING)
        if key == "aliases" and all(isinstance(v, list) or v is _MISSING for v in (b, o, t)):
            value = _aliases([] if b is _MISSING else b, [] if o is _MISSING else o, [] if t is _MISSING else t)
            value = value if value or (o is not _MISSING and t is not _MISSING) else _MISSING
        elif o == t or t == b:
            value = o
        elif o == b:
            value = t
        else:
            conflicts.append(Conflict(None, f"units[{name}].{key}", show(None if o is _MISSING else o),
                                      show(None if t is _MISSING else t)))
            value = o
        if value is not _MISSING:
            unit[key] = value
    return unit, conflicts


def _aliases(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Ours' aliases but those theirs removed, then the ones theirs added."""
    kept = [a for a in ours if a in theirs or a not in base]
    return kept + [a for a in theirs if a not in ours and a not in base]


def _block(unit: dict[str, Any], old: list[str], nl: str) -> list[str]:
    """A merged unit's block, at the column of ours' block (its comments are not carried over)."""
    from ledger.store.pyyaml import yaml

    column = len(old[0]) - len(old[0].lstrip(" ")) if old else 2
    dumped = yaml.safe_dump([unit], allow_unicode=True, sort_keys=False, default_flow_style=None, width=1 << 20)
    return [" " * column + line + nl for line in dumped.splitlines()]


def _read_back(text: str, o: Side, t: Side, plan: Plan, merged: dict[str, dict[str, Any]]) -> None:
    back = side_of(text, "merged", "units", "name")
    for name in back.order:
        kind = plan.kind.get(name)
        expected = merged.get(name) if kind == "merged" else (o if kind == "ours" else t).raw.get(name)
        if back.raw[name] != expected:
            raise Unmergeable(f"unit {name} would not read back as merged")
    if sorted(back.order) != sorted(n for n, k in plan.kind.items() if k in ("ours", "theirs", "merged")):
        raise Unmergeable("the merged units would not read back")
