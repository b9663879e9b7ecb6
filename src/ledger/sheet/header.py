"""Finding a 台账's header row: every field's column aliases, ``--map 表头=字段``, and the best-matching row.

Each field has one canonical column name (the export's, or the official 台账's for the columns
the export lacks) and the names offices give it. A header cell is compared without spaces, line
breaks and a trailing （…） note; a two-level header is read from its lower row, a cell the lower
row leaves empty (a merge down) from the upper row, and ``上/下`` (``责任分工/牵头单位``) is tried
as the lower name, then the upper. The header row is the row of the first ``HEADER_ROWS`` that
names the most fields, with the id or the text among them and at least two in all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ledger.errors import UsageError
from ledger.i18n import tr

HEADER_ROWS = 20
FIELDS: dict[str, tuple[str, ...]] = {
    "问题编号": ("问题编号", "编号"),
    "序号": ("序号",),
    "问题类别": ("问题类别", "类别", "领域", "问题类型", "问题领域"),
    "反馈问题": ("反馈问题", "问题描述", "存在问题", "反馈的问题建议", "反馈问题建议", "问题内容", "主要问题",
                "任务内容", "问题清单", "具体问题", "问题表现", "问题"),
    "整改目标": ("整改目标", "目标", "整改目标任务"),
    "整改措施": ("整改措施", "具体措施", "措施", "整改举措"),
    "牵头部门": ("牵头部门", "牵头单位", "牵头", "牵头责任单位"),
    "责任部门": ("责任部门", "责任单位", "配合单位", "协办单位", "配合部门", "责任主体"),
    "责任领导": ("责任领导", "分管领导", "牵头领导", "包抓领导"),
    "责任人": ("责任人", "联系人", "具体责任人"),
    "整改时限": ("整改时限", "完成时限", "时限要求", "整改期限", "完成时间", "整改完成时限", "完成期限", "时限"),
    "整改进展": ("整改进展", "进展情况", "推进情况", "整改情况", "工作进展", "整改进展情况"),
    "完成情况": ("完成情况",),
    "是否销号": ("是否销号", "销号情况"),
    "销号时间": ("销号时间", "销号日期"),
    "佐证材料": ("佐证材料",),
    "备注": ("备注",),
    "延期理由": ("延期理由", "延期原因", "延期事由"),
    "延期批准人": ("延期批准人", "延期审批人"),
}
"""Canonical column → the names it goes by. 序号 is the id only in a sheet without 问题编号."""
FIELD_NAMES = {"number": "问题编号", "text": "反馈问题", "lead": "牵头部门", "responsible": "责任部门",
               "deadline": "整改时限", "measures": "整改措施", "target": "整改目标", "leader": "责任领导",
               "contact": "责任人", "category": "问题类别", "progress": "整改进展", "status": "完成情况",
               "closed": "是否销号", "remarks": "备注"}
"""The field names ``--map`` accepts besides the canonical column names themselves."""
ALIASES = {name: canonical for canonical, names in FIELDS.items() for name in names}


def cell_name(value: Any) -> str:
    """A header cell as compared: no spaces or line breaks, no trailing （…） note, NFKC-free."""
    name = re.sub(r"\s+", "", str(value or ""))
    return re.sub(r"[（(][^（）()]*[）)]$", "", name) or name


def parse_maps(maps: list[str]) -> dict[str, str]:
    """``--map 表头=字段`` (repeatable) → {header: canonical column}; a usage error for a bad one."""
    out: dict[str, str] = {}
    for given in maps:
        head, sep, target = given.partition("=")
        head, target = cell_name(head), target.strip()
        canonical = FIELD_NAMES.get(target) or (target if target in FIELDS else ALIASES.get(target))
        if not sep or not head or canonical is None:
            raise UsageError(tr("--map {value!r}: write 表头=字段, the field one of {fields}", value=given,
                                fields=", ".join([*FIELD_NAMES, *FIELDS])))
        out[head] = canonical
    return out


@dataclass(slots=True)
class Header:
    """A header row: its 1-based row number and each canonical column's 0-based index and header text."""

    row: int
    positions: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    own: int = 0  # the fields named by the row's own cells, not the level above

    @property
    def score(self) -> int:
        return len(self.positions)


def _canonical(name: str, maps: dict[str, str]) -> str | None:
    return maps.get(name) or ALIASES.get(name)


def read_header(number: int, row: list[Any], above: list[Any] | None, maps: dict[str, str]) -> Header:
    """The columns a row names (with the row above it as the upper level of a two-level header)."""
    header = Header(number)
    for k, value in enumerate(row):
        lower = cell_name(value)
        upper = cell_name(above[k]) if above is not None and k < len(above) else ""
        tries = [f"{upper}/{lower}", lower] if lower else [upper]
        for name in tries:
            canonical = _canonical(name, maps) if name else None
            if canonical and canonical not in header.positions:
                header.positions[canonical] = k
                header.own += bool(lower)
                shown = str(value if lower else above[k] if above else "").strip()  # type: ignore[index]
                header.names[canonical] = f"{str(above[k]).strip()}/{shown}" if (
                    upper and lower and upper != lower and name != lower) else shown
                break
    if "问题编号" not in header.positions and "序号" in header.positions:
        header.positions["问题编号"] = header.positions.pop("序号")
        header.names["问题编号"] = header.names.pop("序号")
    header.positions.pop("序号", None)
    header.names.pop("序号", None)
    return header


def find_header(rows: list[list[Any]], maps: dict[str, str]) -> Header | None:
    """The best header among the first ``HEADER_ROWS`` rows (ties: the lower row, the lower level of a
    two-level header), or None when no row names the id or the text and one more field."""
    best: Header | None = None
    for number, row in enumerate(rows[:HEADER_ROWS], 1):
        header = read_header(number, row, rows[number - 2] if number > 1 else None, maps)
        usable = header.own >= 2 and ("问题编号" in header.positions or "反馈问题" in header.positions)
        if usable and (best is None or header.score >= best.score):
            best = header
    return best
