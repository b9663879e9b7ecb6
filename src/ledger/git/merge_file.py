"""The item-level three-way merge of one items file: the engine of ``ledger merge-driver``.

Pure: the base, ours and theirs texts (and, to validate the result, the rest of the data folder as
bytes) go in; the merged text and its conflicts come out.  Items are matched by id:

- an item changed on one side only takes that side's block as it is written there;
- items added on either side are all kept (theirs after ours, each after the item it follows);
- an item changed on both sides is merged field by field: progress notes, extensions, evidence
  and look-back history are append-only, so the entries both sides added are all kept (base,
  then the new ones by date); the same scalar field changed differently on both sides (two close
  dates, two signers, two statuses neither of which follows from the merged records) is a real
  conflict.  Only that item's block is re-emitted (``blocks.rewrite``), starting from ours'.

The result starts from ours' text, so the layout and every comment outside the merged blocks
stay as they were.  It is validated (YAML, schema, cross-record checks) before it is accepted:
a problem the merged file has and ours had not is a conflict too.  A conflict leaves git-style markers
around the item's two blocks, with a ``# ledger: conflict in item 2-8, field closed.date: ours
2024-09-05, theirs 2024-09-06`` line inside, which ``conflict_problems`` turns into messages.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from ledger.core.model import CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote
from ledger.errors import Problem
from ledger.i18n import ZH, tr
from ledger.store.yamlio import CONFLICT_MARKER, YamlProblem, item_block_range, parse

ZH_MESSAGES = {
    "git conflict: ours {ours}, theirs {theirs}; resolve the merge first":
        "git 合并冲突：本方为 {ours}，对方为 {theirs}；请先解决合并冲突",
    "git conflict: {detail}; resolve the merge first": "git 合并冲突：{detail}；请先解决合并冲突",
}
ZH.update(ZH_MESSAGES)

MARK_OURS = "<<<<<<< ours"
MARK_SPLIT = "======="
MARK_THEIRS = ">>>>>>> theirs"
NOTE = "# ledger: "
VALUE_WIDTH = 80
"""Longer values are cut in the conflict notes (the blocks below the note have them whole)."""


class Unmergeable(Exception):
    """The texts cannot be merged item by item (a side is not a readable items file, has
    duplicate ids, or keeps its items in flow style); the caller falls back to a line merge."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """One reason an item (or the file) could not be merged."""

    item: str | None
    field: str | None
    ours: str | None = None
    theirs: str | None = None
    reason: str | None = None

    def note(self) -> str:
        """``conflict in item 2-8, field closed.date: ours 2024-09-05, theirs 2024-09-06``."""
        where = "conflict" + (f" in item {self.item}" if self.item else " in the file")
        if self.field:
            where += f", field {self.field}"
        detail = self.reason if self.reason is not None else f"ours {self.ours}, theirs {self.theirs}"
        return _one_line(f"{where}: {detail}")


@dataclass(slots=True)
class MergeResult:
    text: str
    conflicts: list[Conflict]
    merged_items: list[str] = field(default_factory=list)  # ids combined field by field

    @property
    def clean(self) -> bool:
        return not self.conflicts


@dataclass(slots=True)
class Context:
    """What validation needs besides the file: where it sits in the data folder, and the bytes of
    the units file and of the other items files (for known units and ids unique across files)."""

    path: Path
    data_dir: Path
    units: bytes | None = None
    others: dict[Path, bytes] = field(default_factory=dict)


# ----------------------------------------------------------------------------- one side's text

_ABSENT: Any = type("_Absent", (), {"__repr__": lambda self: "(absent)"})()


@dataclass(slots=True)
class _Side:
    name: str
    lines: list[str]
    head: dict[str, Any]
    raw: dict[str, Any]
    order: list[str]
    ranges: dict[str, tuple[int, int]]

    @property
    def prefix(self) -> list[str]:
        return self.lines[:self.ranges[self.order[0]][0]] if self.order else list(self.lines)

    @property
    def suffix(self) -> list[str]:
        return self.lines[self.ranges[self.order[-1]][1]:] if self.order else []

    def block(self, item_id: str) -> list[str]:
        start, end = self.ranges[item_id]
        return self.lines[start:end]

    def gap_before(self, item_id: str) -> list[str]:
        k = self.order.index(item_id)
        if k == 0:
            return []
        return self.lines[self.ranges[self.order[k - 1]][1]:self.ranges[item_id][0]]


def _block_ranges(lines: list[str], starts: list[int]) -> list[tuple[int, int]]:
    """0-based [start, end) of each item's block (the rule ``storage`` writes by)."""
    return [item_block_range(lines, starts, k) for k in range(len(starts))]


def _side(text: str, name: str) -> _Side:
    lines = text.splitlines(keepends=True)
    if not text.strip():
        return _Side(name, lines, {}, {}, [], {})
    try:
        parsed = parse(text)
    except YamlProblem as exc:
        where = f"line {exc.line}: " if exc.line else ""
        raise Unmergeable(f"{name}: {where}{exc.message}") from None
    data = parsed.data
    raw_items = data.get("items") or []
    if not isinstance(raw_items, list) or len(raw_items) != len(parsed.item_lines):
        raise Unmergeable(f"{name}: items: is not a list")
    starts = parsed.item_lines
    if any(b <= a for a, b in pairwise(starts)) or any(
            not lines[s - 1].lstrip().startswith("-") for s in starts):
        raise Unmergeable(f"{name}: items are not written one block each")
    raw: dict[str, Any] = {}
    order: list[str] = []
    ranges: dict[str, tuple[int, int]] = {}
    for value, span in zip(raw_items, _block_ranges(lines, starts), strict=True):
        item_id = value.get("id") if isinstance(value, dict) else None
        if not isinstance(item_id, str | int):
            raise Unmergeable(f"{name}: line {span[0] + 1}: an item without an id")
        item_id = str(item_id)
        if item_id in raw:
            raise Unmergeable(f"{name}: item {item_id} appears twice")
        raw[item_id], ranges[item_id] = value, span
        order.append(item_id)
    head = {k: v for k, v in data.items() if k != "items"}
    return _Side(name, lines, head, raw, order, ranges)


# ----------------------------------------------------------------------------- field by field

def _one_line(text: str) -> str:
    return re.sub(r"\s*[\r\n\u2028\u2029]+\s*", " ⏎ ", text)


def show(value: Any) -> str:
    """A value as the conflict note shows it: one line, dates as YYYY-MM-DD, records summarised."""
    if value is None or value is _ABSENT:
        text = "(none)"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, CloseOut):
        text = f"closed {value.date} by {value.by}"
    elif isinstance(value, Extension):
        text = f"deadline {value.to} from {value.date}"
    elif isinstance(value, ProgressNote):
        text = f"{value.date} {value.text}"
    elif isinstance(value, PastCloseOut):
        text = f"reopened {value.reopened.date}: {value.reopened.reason}"
    elif isinstance(value, Evidence):
        text = value.text if value.text is not None else str(value.file)
    elif isinstance(value, tuple | list):
        text = "[" + "; ".join(show(v) for v in value) + "]"
    else:
        text = str(value)
    text = _one_line(text)
    return text if len(text) <= VALUE_WIDTH else text[:VALUE_WIDTH - 1] + "…"


def _three(item_id: str, name: str, base: Any, ours: Any, theirs: Any, conflicts: list[Conflict]) -> Any:
    if ours == theirs:
        return ours
    if base is not _ABSENT and ours == base:
        return theirs
    if base is not _ABSENT and theirs == base:
        return ours
    conflicts.append(Conflict(item_id, name, show(ours), show(theirs)))
    return ours


def _appended(item_id: str, name: str, base: Any, ours: tuple[Any, ...], theirs: tuple[Any, ...],
              conflicts: list[Conflict], key: Callable[[Any], Any] | None) -> tuple[Any, ...]:
    """An append-only list: base, then what ours added, then what theirs added (one copy of an
    entry both added), the new entries ordered by ``key`` (stable: ours first on a tie)."""
    prefix: tuple[Any, ...] = () if base is _ABSENT else base
    n = len(prefix)
    if ours[:n] != prefix or theirs[:n] != prefix:
        return tuple(_three(item_id, name, base, ours, theirs, conflicts))  # an entry was edited
    new_ours = list(ours[n:])
    new_theirs = [entry for entry in theirs[n:] if entry not in new_ours]
    fresh = new_ours + new_theirs
    return (*prefix, *(sorted(fresh, key=key) if key else fresh))


def _base_field(base: Any, name: str) -> Any:
    return _ABSENT if base is _ABSENT or base is None else getattr(base, name)


def _merge_closed(item_id: str, base: Any, ours: CloseOut | None, theirs: CloseOut | None,
                  conflicts: list[Conflict]) -> CloseOut | None:
    if ours == theirs:
        return ours
    if base is not _ABSENT and ours == base:
        return theirs
    if base is not _ABSENT and theirs == base:
        return ours
    if ours is None or theirs is None:
        conflicts.append(Conflict(item_id, "closed", show(ours), show(theirs)))
        return ours
    found: list[Conflict] = []
    values: dict[str, Any] = {}
    for name in ("date", "by", "late", "note", "recorded"):
        values[name] = _three(item_id, f"closed.{name}", _base_field(base, name), getattr(ours, name),
                              getattr(theirs, name), found)
    values["evidence"] = _appended(item_id, "closed.evidence", _base_field(base, "evidence"), ours.evidence,
                                   theirs.evidence, found, None)
    if any(c.field == "closed.date" for c in found):  # late follows from the date
        found = [c for c in found if c.field != "closed.late"]
    conflicts += found
    return CloseOut(**values)


def _status_fits(status: str, closed: CloseOut | None, progress: tuple[ProgressNote, ...]) -> bool:
    if status == "closed" or closed is not None:
        return status == "closed" and closed is not None
    return status != "in_progress" or bool(progress)


def _chain_breaks(deadline: Any, extensions: Sequence[Extension]) -> bool:
    previous = deadline
    for ext in extensions:
        if ext.previous != previous:
            return True
        previous = ext.to
    return False


def merge_item(base: Item | None, ours: Item, theirs: Item) -> tuple[Item, list[Conflict]]:
    """Both sides changed the item (or both added it, with ``base`` None): merge field by field."""
    b: Any = _ABSENT if base is None else base
    item_id = ours.id
    conflicts: list[Conflict] = []
    values: dict[str, Any] = {}
    for name in ("id", "question", "source", "text", "lead", "responsible", "and_others", "leader", "deadline"):
        values[name] = _three(item_id, name, _base_field(b, name), getattr(ours, name), getattr(theirs, name),
                              conflicts)
    values["progress"] = _appended(item_id, "progress", _base_field(b, "progress"), ours.progress,
                                   theirs.progress, conflicts, lambda p: p.date)
    base_ext = _base_field(b, "extensions")
    extensions = _appended(item_id, "extensions", base_ext, ours.extensions, theirs.extensions, conflicts,
                           lambda e: e.date)
    if _chain_breaks(values["deadline"], extensions):
        known = 0 if base_ext is _ABSENT else len(base_ext)
        new_ours, new_theirs = ours.extensions[known:], theirs.extensions[known:]
        if new_ours and new_theirs:  # each side moved the deadline from the same one: two deadlines
            conflicts.append(Conflict(item_id, "extensions", show(new_ours), show(new_theirs)))
    values["extensions"] = extensions
    values["history"] = _appended(item_id, "history", _base_field(b, "history"), ours.history, theirs.history,
                                  conflicts, lambda h: h.reopened.date)
    values["closed"] = _merge_closed(item_id, _base_field(b, "closed") if b is not _ABSENT else _ABSENT,
                                     ours.closed, theirs.closed, conflicts)
    statuses: list[Conflict] = []
    status = _three(item_id, "status", _base_field(b, "status"), ours.status, theirs.status, statuses)
    if statuses:  # both changed it: keep the one that follows from the merged records
        fits = [s for s in (ours.status, theirs.status) if _status_fits(s, values["closed"], values["progress"])]
        if len(fits) == 1:
            status = fits[0]
        else:
            conflicts += statuses
    values["status"] = status
    return replace(ours, **values), conflicts


# ----------------------------------------------------------------------------- the whole file

@dataclass(slots=True)
class _Plan:
    """What goes where: the output's items in order, each with its block lines."""

    kind: dict[str, str] = field(default_factory=dict)  # ours | theirs | merged | delete | conflict | gone
    merged: dict[str, list[str]] = field(default_factory=dict)
    conflicts: dict[str, list[Conflict]] = field(default_factory=dict)
    merged_ids: list[str] = field(default_factory=list)
    items: dict[str, Item] = field(default_factory=dict)  # the merged items, for the read-back


def merge(base: str, ours: str, theirs: str, context: Context | None = None) -> MergeResult:
    """Merge three versions of an items file. Raises ``Unmergeable`` when it cannot be done
    item by item; otherwise returns the merged text, clean or with conflict regions."""
    gc.disable()  # five parses of the whole file build many small objects that all stay alive
    try:
        return _merge(base, ours, theirs, context)
    finally:
        gc.enable()


def _merge(base: str, ours: str, theirs: str, context: Context | None) -> MergeResult:
    b, o, t = _side(base, "base"), _side(ours, "ours"), _side(theirs, "theirs")
    nl = "\r\n" if o.lines and o.lines[0].endswith("\r\n") else "\n"
    if not o.order or not t.order:
        return _whole_file(base, ours, theirs, context)
    plan = _plan(b, o, t, nl)
    head_conflicts: list[Conflict] = []
    text = _emit(b, o, t, plan, nl, head_conflicts)
    conflicts = head_conflicts + [c for cs in plan.conflicts.values() for c in cs]
    if conflicts:
        return MergeResult(text, conflicts, plan.merged_ids)
    if not _reads_back(text, b, o, t, plan):
        raise Unmergeable("the merged text would not read back as the merged items")
    problems = _new_problems(text, ours, context)
    if not problems:
        return MergeResult(text, [], plan.merged_ids)
    file_level: list[Conflict] = []
    for problem in problems:
        reason = "the merged file would not validate: " + problem.message
        if problem.item is not None and (problem.item in o.raw or problem.item in t.raw):
            plan.kind[problem.item] = "conflict"
            plan.conflicts.setdefault(problem.item, []).append(Conflict(problem.item, problem.field, reason=reason))
        else:
            file_level.append(Conflict(problem.item, problem.field, reason=reason))
    text = _emit(b, o, t, plan, nl, head_conflicts)
    if file_level:
        text = _region([NOTE + c.note() + nl for c in file_level], [], [], nl) + text
    return MergeResult(text, file_level + [c for cs in plan.conflicts.values() for c in cs], plan.merged_ids)


def _reads_back(text: str, b: _Side, o: _Side, t: _Side, plan: _Plan) -> bool:
    """The merged text holds exactly the intended items, in order, and the chosen header."""
    from ledger.store.validate import validate_item

    try:
        back = _side(text, "merged")
    except Unmergeable:
        return False
    if back.head not in (o.head, t.head):
        return False
    expected = [i for i in plan.kind if plan.kind[i] in ("ours", "theirs", "merged")]
    if sorted(back.order) != sorted(expected):
        return False
    for item_id in back.order:
        kind = plan.kind[item_id]
        if kind == "merged":
            if validate_item(back.raw[item_id])[0] != plan.items[item_id]:
                return False
        elif back.raw[item_id] != (o if kind == "ours" else t).raw[item_id]:
            return False
    return True


def _whole_file(base: str, ours: str, theirs: str, context: Context | None) -> MergeResult:
    """A side without items (a new or emptied file): only a one-sided change merges."""
    if ours == theirs or theirs == base:
        return MergeResult(ours, [])
    if ours == base:
        return MergeResult(theirs, [])
    raise Unmergeable("a side has no items")


def _plan(b: _Side, o: _Side, t: _Side, nl: str) -> _Plan:
    plan = _Plan()
    for item_id in [*o.order, *(i for i in t.order if i not in o.raw), *(i for i in b.order
                                                                        if i not in o.raw and i not in t.raw)]:
        in_b, in_o, in_t = item_id in b.raw, item_id in o.raw, item_id in t.raw
        bi, oi, ti = b.raw.get(item_id), o.raw.get(item_id), t.raw.get(item_id)
        if in_o and in_t:
            if oi == ti or (in_b and ti == bi):
                plan.kind[item_id] = "ours"
            elif in_b and oi == bi:
                plan.kind[item_id] = "theirs"
            else:
                _merge_both(item_id, b, o, t, plan, nl)
        elif in_o:
            if not in_b:
                plan.kind[item_id] = "ours"
            elif oi == bi:
                plan.kind[item_id] = "delete"
            else:
                plan.kind[item_id] = "conflict"
                plan.conflicts[item_id] = [Conflict(item_id, None, reason="changed in ours, deleted in theirs")]
        elif in_t:
            if not in_b:
                plan.kind[item_id] = "theirs"
            elif ti == bi:
                plan.kind[item_id] = "gone"
            else:
                plan.kind[item_id] = "conflict"
                plan.conflicts[item_id] = [Conflict(item_id, None, reason="deleted in ours, changed in theirs")]
        else:
            plan.kind[item_id] = "gone"
    return plan


def _merge_both(item_id: str, b: _Side, o: _Side, t: _Side, plan: _Plan, nl: str) -> None:
    from ledger.store.validate import validate_item

    items: dict[str, Item | None] = {}
    for side in (b, o, t):
        if item_id not in side.raw:
            items[side.name] = None
            continue
        item, errors = validate_item(side.raw[item_id])
        if errors:
            loc, message = errors[0]
            where = ".".join(str(p) for p in loc)
            plan.kind[item_id] = "conflict"
            plan.conflicts[item_id] = [Conflict(item_id, where or None, reason=f"{side.name} does not validate: {message}")]
            return
        items[side.name] = item
    ours_item, theirs_item = items["ours"], items["theirs"]
    assert ours_item is not None and theirs_item is not None
    merged, conflicts = merge_item(items["base"], ours_item, theirs_item)
    if conflicts:
        plan.kind[item_id], plan.conflicts[item_id] = "conflict", conflicts
    elif merged == ours_item:
        plan.kind[item_id] = "ours"
    elif merged == theirs_item:
        plan.kind[item_id] = "theirs"
    else:
        block = _rewritten(o.block(item_id), merged, nl)
        if block is None:
            plan.kind[item_id] = "conflict"
            plan.conflicts[item_id] = [Conflict(item_id, None, reason="the merged item would not read back as written")]
        else:
            plan.kind[item_id], plan.merged[item_id], plan.items[item_id] = "merged", block, merged
            plan.merged_ids.append(item_id)


def _rewritten(old: list[str], item: Item, nl: str) -> list[str] | None:
    """Ours' block changed into the merged item; None if it would not read back exactly."""
    from ledger.core.serialize import item_to_data
    from ledger.store.blocks import WRAPPER, rewrite
    from ledger.store.validate import validate_item

    block = rewrite("".join(old).replace("\r\n", "\n"), item_to_data(item))
    try:
        back, _ = validate_item(parse(WRAPPER + block).data["items"][0])
    except (YamlProblem, KeyError, IndexError, TypeError):
        back = None
    if back != item:
        return None
    return _with_newline(block.splitlines(keepends=True), nl)


def _with_newline(lines: list[str], nl: str) -> list[str]:
    out = []
    for line in lines:
        bare = line.rstrip("\r\n")
        out.append(bare + nl if bare != line else line)
    return out


def _ended(lines: list[str], nl: str) -> list[str]:
    if lines and not lines[-1].endswith(("\n", "\r")):
        return [*lines[:-1], lines[-1] + nl]
    return lines


def _region(notes: list[str], ours: list[str], theirs: list[str], nl: str) -> str:
    return "".join([MARK_OURS + nl, *notes, *_ended(ours, nl), MARK_SPLIT + nl, *_ended(theirs, nl), MARK_THEIRS + nl])


def _pick(base: list[str], ours: list[str], theirs: list[str], what: str, nl: str,
          conflicts: list[Conflict]) -> list[str]:
    """The text around the items (header, trailer): a one-sided change, else a conflict."""
    if theirs in (ours, base):
        return ours
    if ours == base:
        return _with_newline(theirs, nl)
    conflict = Conflict(None, what, reason=f"both sides changed the file's {what} differently")
    conflicts.append(conflict)
    return [_region([NOTE + conflict.note() + nl], ours, _with_newline(theirs, nl), nl)]


def _emit(b: _Side, o: _Side, t: _Side, plan: _Plan, nl: str, head_conflicts: list[Conflict]) -> str:
    head_conflicts.clear()
    # The output's items in order: ours' order, then each of theirs' new items after the item it
    # follows in theirs (past the items ours added there, so that ours' come first).
    order = [i for i in o.order if plan.kind[i] != "delete"]
    ours_new = {i for i in o.order if i not in b.raw}
    for k, item_id in enumerate(t.order):
        if item_id in o.raw or plan.kind[item_id] == "gone":
            continue
        anchor = next((p for p in reversed(t.order[:k]) if p in order), None)
        at = 0 if anchor is None else order.index(anchor) + 1
        while at < len(order) and order[at] in ours_new:
            at += 1
        order.insert(at, item_id)
    pieces: list[tuple[list[str], list[str]]] = []
    for item_id in order:
        kind = plan.kind[item_id]
        in_ours = item_id in o.raw
        gap = o.gap_before(item_id) if in_ours else _comments_above(t, item_id, nl)
        if kind == "ours":
            block = o.block(item_id)
        elif kind == "theirs":
            block = _with_newline(t.block(item_id), nl)
        elif kind == "merged":
            block = plan.merged[item_id]
        else:
            notes = [NOTE + c.note() + nl for c in plan.conflicts[item_id]]
            block = [_region(notes, o.block(item_id) if in_ours else [],
                             _with_newline(t.block(item_id), nl) if item_id in t.raw else [], nl)]
        pieces.append((gap, block))
    out = _pick(b.prefix, o.prefix, t.prefix, "header", nl, head_conflicts)
    for k, (gap, block) in enumerate(pieces):
        if k == 0:
            while gap and not gap[0].strip():
                gap = gap[1:]
        elif not gap or gap[0].strip():
            gap = [nl, *gap]
        out = _ended(out, nl) + gap + block
    trailer = _pick(b.suffix, o.suffix, t.suffix, "end", nl, head_conflicts)
    if trailer:
        out = _ended(out, nl) + trailer
    return "".join(out)


def _comments_above(side: _Side, item_id: str, nl: str) -> list[str]:
    """The comment lines right above a block (no blank line between), to carry with a new item."""
    gap = side.gap_before(item_id)
    k = len(gap)
    while k > 0 and gap[k - 1].lstrip().startswith("#"):
        k -= 1
    return _with_newline(gap[k:], nl)


# ----------------------------------------------------------------------------- validation

def validate_text(text: str, context: Context | None) -> list[Problem]:
    """Every problem ``ledger check`` would find in this file (within its data folder, if known)."""
    from ledger.store.build import build

    path = context.path if context else Path("items.yaml")
    data_dir = context.data_dir if context else path.parent
    units_path = data_dir / "departments.yaml"
    others = dict(context.others) if context else {}
    contents: dict[Path, bytes | Problem] = {path: text.encode("utf-8"), **others}
    units = context.units if context else None
    contents[units_path] = units if units is not None else Problem(str(units_path), "not available")
    paths = sorted([path, *others], key=lambda p: (p.parent != data_dir, str(p)))
    return build(data_dir, paths, units_path, contents).problems


def _key(problem: Problem) -> tuple[str, str | None, str | None, str]:
    return Path(problem.path).name, problem.item, problem.field, re.sub(r":\d+", "", problem.message)


def _new_problems(text: str, ours: str, context: Context | None) -> list[Problem]:
    """Problems of the merged text that ours did not have already.  (Ours is what the working
    copy holds, so ours is what the rest of the data folder goes with; a problem theirs brings
    in is the merge's to report.)"""
    problems = validate_text(text, context)
    if not problems:
        return []
    known = {_key(p) for p in validate_text(ours, context)}
    return [p for p in problems if _key(p) not in known]


# ----------------------------------------------------------------------------- reading conflicts

_NOTE_LINE = re.compile(r"^\s*# ledger: conflict(?: in item (?P<item>[^,:]+?)| in the file)?"
                        r"(?:, field (?P<field>[^:]+))?: (?P<detail>.*?)\s*$")


def _is_marker(line: str, mark: str) -> bool:
    return line.startswith(mark) and (len(line) == 7 or line[7] == " ")


def conflict_problems(path: str | Path, text: str) -> list[Problem]:
    """One problem per conflict region of a file, at its ``<<<<<<<`` line: the item, the field
    and both values when the region carries a ``# ledger: conflict`` note, else git's plain
    marker message.  Empty when the text has no conflict marker."""
    first = CONFLICT_MARKER.search(text)
    if not first:
        return []
    problems: list[Problem] = []
    opened: int | None = None
    noted = False
    for number, line in enumerate(text.splitlines(), 1):
        if _is_marker(line, "<<<<<<<"):
            opened, noted = number, False
        elif opened is not None and (_is_marker(line, "=======") or _is_marker(line, "|||||||")):
            if not noted:
                problems.append(Problem(str(path), tr("git conflict marker: resolve the merge first"), opened, 1))
            opened = None
        elif opened is not None:
            match = _NOTE_LINE.match(line)
            if match:
                noted = True
                detail = match["detail"]
                values = re.fullmatch(r"ours (.*), theirs (.*)", detail)
                message = (tr("git conflict: ours {ours}, theirs {theirs}; resolve the merge first",
                              ours=values[1], theirs=values[2]) if values
                           else tr("git conflict: {detail}; resolve the merge first", detail=detail))
                problems.append(Problem(str(path), message, opened, 1, match["item"], match["field"]))
    if not problems:
        line = text.count("\n", 0, first.start()) + 1
        problems.append(Problem(str(path), tr("git conflict marker: resolve the merge first"), line, 1))
    return problems
