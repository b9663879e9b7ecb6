"""Validating a merged items file within its data folder: the problems it has that ours had not."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ledger.errors import Problem


@dataclass(slots=True)
class Context:
    """What validation needs besides the file: where it sits in the data folder, and the bytes of
    the units file and of the other items files (for known units and ids unique across files).

    ``units`` is the units file the merged file will go with (the merged ``departments.yaml``);
    ``ours_units``, when it differs, the one ours went with (the working copy's)."""

    path: Path
    data_dir: Path
    units: bytes | None = None
    others: dict[Path, bytes] = field(default_factory=dict)
    ours_units: bytes | None = None


def validate_text(text: str, context: Context | None, ours: bool = False) -> list[Problem]:
    """Every problem ``ledger check`` would find in this file (within its data folder, if known),
    against the merged units, or with ``ours`` against the units ours went with."""
    from ledger.store.build import build

    path = context.path if context else Path("items.yaml")
    data_dir = context.data_dir if context else path.parent
    units_path = data_dir / "departments.yaml"
    others = dict(context.others) if context else {}
    contents: dict[Path, bytes | Problem] = {path: text.encode("utf-8"), **others}
    units = context.units if context else None
    if ours and context and context.ours_units is not None:
        units = context.ours_units
    contents[units_path] = units if units is not None else Problem(str(units_path), "not available")
    paths = sorted([path, *others], key=lambda p: (p.parent != data_dir, str(p)))
    return build(data_dir, paths, units_path, contents).problems


def _key(problem: Problem) -> tuple[str, str | None, str | None, str]:
    return Path(problem.path).name, problem.item, problem.field, re.sub(r":\d+", "", str(problem.message))


def new_problems(text: str, ours: str, context: Context | None) -> list[Problem]:
    """Problems of the merged text (with the merged units) that ours did not have already (with
    its own units).  (Ours is what the working copy holds, so ours is what the rest of the data
    folder goes with; a problem theirs brings in is the merge's to report.)"""
    problems = validate_text(text, context)
    if not problems:
        return []
    known = {_key(p) for p in validate_text(ours, context, ours=True)}
    return [p for p in problems if _key(p) not in known]


def new_unit_problems(text: str, ours: str) -> list[Problem]:
    """Problems of a merged units file on its own (schema; names and aliases unique) that ours
    did not have."""
    from ledger.store.build import build

    def problems(units: str) -> list[Problem]:
        path = Path("departments.yaml")
        return build(Path("."), [], path, {path: units.encode("utf-8")}).problems

    found = problems(text)
    if not found:
        return []
    known = {_key(p) for p in problems(ours)}
    return [p for p in found if _key(p) not in known]
