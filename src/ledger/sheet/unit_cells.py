"""Units as a 台账 cell names them: several per cell, "等", "及…相关单位", "按职责分工负责", and unknown ones.

A cell is split on 、，,；; and line breaks. ``等`` / ``等单位`` / ``等部门`` after the last name, and
``及…相关单位`` (``州发改委及州直相关单位``), mean "and other units" (``and_others``);
``按职责分工负责`` (and ``分别负责``) is dropped. Each of these is said in ``--dry-run``. An unknown
unit is suggested only a known unit of its own level: the level is the name's first character
when it is one of 省 州 市 县 区 (a 县 unit is never offered for a 区 one), and no level otherwise.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

SPLIT = re.compile(r"[、，,；;\n]+")
LEVELS = "省州市县区"
AND_OTHERS = re.compile(r"(?:等|等单位|等部门|等相关单位|等相关部门)$")
RELATED = re.compile(r"^(.*?)及(.*?)相关(?:单位|部门)$")
DUTY = re.compile(r"(?:各相关单位|相关单位|各单位)?(?:按职责分工负责|按职责分工|分别负责|按职责负责)")


@dataclass(slots=True)
class UnitWords:
    """A cell's unit names, whether it said "and others", and what was read from its words."""

    names: list[str] = field(default_factory=list)
    and_others: bool = False
    notes: list[str] = field(default_factory=list)  # the words read as "and others", or dropped


def split_units(text: str) -> UnitWords:
    """The names in a cell (see the module's docstring)."""
    out = UnitWords()
    for part in SPLIT.split(text):
        name = part.strip().strip("。")
        if not name:
            continue
        duty = DUTY.search(name)
        if duty:
            out.notes.append(duty[0])
            name = DUTY.sub("", name).strip()
            if not name:
                continue
        related = RELATED.match(name)
        if related and related[1]:
            out.notes.append(name[len(related[1]):])
            out.and_others, name = True, related[1]
        others = AND_OTHERS.search(name)
        if others and len(name) > len(others[0]):
            out.notes.append(others[0])
            out.and_others, name = True, name[: -len(others[0])]
        if name not in out.names:
            out.names.append(name)
    return out


def level(name: str) -> str:
    """The government level a name states by its first character (省 州 市 县 区), or ""."""
    return name[0] if name and name[0] in LEVELS else ""


_SUFFIX = re.compile(r"(?:局|办|委|中心|公司|分局|办公室|委员会|指挥部)$")


def _core(name: str) -> str:
    """A unit's name without its level and its kind of office (区行政审批局 → 行政审批): what tells units apart."""
    return _SUFFIX.sub("", name[1:] if level(name) else name) or name


def suggestion(name: str, known: list[str]) -> str | None:
    """The nearest known unit of the same level, if one is near enough: compared without the shared
    level and office words, so 区行政审批局 is not offered 区财政局 for sharing 区 and 局."""
    same = {_core(k): k for k in known if level(k) == level(name)}
    near = difflib.get_close_matches(_core(name), list(same), n=1, cutoff=0.6)
    return same[near[0]] if near else None


def kind_of(name: str) -> str:
    """The kind a new unit is added as (``--add-units``): 各…/…相关… a group, a company an enterprise,
    州/市/省 a city-level unit, else a district one."""
    if name.startswith("各") or "相关" in name:
        return "group"
    if re.search(r"公司|集团|企业|银行", name):
        return "enterprise"
    if level(name) in ("州", "市", "省"):
        return "city"
    return "district"
