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
from collections.abc import Callable
from dataclasses import dataclass, field

from ledger.core.model import Item
from ledger.git.merge_checks import Context, new_problems
from ledger.git.merge_item import Conflict, merge_item
from ledger.git.merge_sides import Side, Unmergeable, side_of
from ledger.store.markers import MARK_OURS, MARK_SPLIT, MARK_THEIRS, NOTE


@dataclass(slots=True)
class MergeResult:
    text: str
    conflicts: list[Conflict]
    merged_items: list[str] = field(default_factory=list)  # ids combined field by field

    @property
    def clean(self) -> bool:
        return not self.conflicts


# ----------------------------------------------------------------------------- the whole file

@dataclass(slots=True)
class Plan:
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
    b, o, t = side_of(base, "base"), side_of(ours, "ours"), side_of(theirs, "theirs")
    nl = "\r\n" if o.lines and o.lines[0].endswith("\r\n") else "\n"
    if not o.order or not t.order:
        return whole_file(base, ours, theirs, context)
    plan = plan_of(b, o, t, nl)
    head_conflicts: list[Conflict] = []
    text = emit(b, o, t, plan, nl, head_conflicts)
    conflicts = head_conflicts + [c for cs in plan.conflicts.values() for c in cs]
    if conflicts:
        return MergeResult(text, conflicts, plan.merged_ids)
    if not _reads_back(text, b, o, t, plan):
        raise Unmergeable("the merged text would not read back as the merged items")
    problems = new_problems(text, ours, context)
    if not problems:
        return MergeResult(text, [], plan.merged_ids)
    file_level: list[Conflict] = []
    for problem in problems:
        reason = "the merged file would not validate: " + str(problem.message)
        if problem.item is not None and (problem.item in o.raw or problem.item in t.raw):
            plan.kind[problem.item] = "conflict"
            plan.conflicts.setdefault(problem.item, []).append(Conflict(problem.item, problem.field, reason=reason))
        else:
            file_level.append(Conflict(problem.item, problem.field, reason=reason))
    text = emit(b, o, t, plan, nl, head_conflicts)
    if file_level:
        text = region([NOTE + c.note() + nl for c in file_level], [], [], nl) + text
    return MergeResult(text, file_level + [c for cs in plan.conflicts.values() for c in cs], plan.merged_ids)


def _reads_back(text: str, b: Side, o: Side, t: Side, plan: Plan) -> bool:
    """The merged text holds exactly the intended items, in order, and the chosen header."""
    from ledger.store.validate import validate_item

    try:
        back = side_of(text, "merged")
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


def whole_file(base: str, ours: str, theirs: str, context: Context | None) -> MergeResult:
    """A side without items (a new or emptied file): only a one-sided change merges."""
    if ours == theirs or theirs == base:
        return MergeResult(ours, [])
    if ours == base:
        return MergeResult(theirs, [])
    raise Unmergeable("a side has no items")


def plan_of(b: Side, o: Side, t: Side, nl: str, both: Callable[[str, Side, Side, Side, Plan, str], None] | None = None
            ) -> Plan:
    """What becomes of each entry; ``both`` merges one changed on both sides (default: an item)."""
    plan, both = Plan(), both or _merge_both
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
                both(item_id, b, o, t, plan, nl)
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


def _merge_both(item_id: str, b: Side, o: Side, t: Side, plan: Plan, nl: str) -> None:
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
    from ledger.store.blocks import reads_back, rewrite

    block = rewrite("".join(old).replace("\r\n", "\n"), item_to_data(item))
    if not reads_back(block, item):
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


def region(notes: list[str], ours: list[str], theirs: list[str], nl: str) -> str:
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
    return [region([NOTE + conflict.note() + nl], ours, _with_newline(theirs, nl), nl)]


def emit(b: Side, o: Side, t: Side, plan: Plan, nl: str, head_conflicts: list[Conflict], separate: bool = True) -> str:
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
            block = [region(notes, o.block(item_id) if in_ours else [],
                             _with_newline(t.block(item_id), nl) if item_id in t.raw else [], nl)]
        pieces.append((gap, block))
    out = _pick(b.prefix, o.prefix, t.prefix, "header", nl, head_conflicts)
    for k, (gap, block) in enumerate(pieces):
        if k == 0:
            while gap and not gap[0].strip():
                gap = gap[1:]
        elif separate and (not gap or gap[0].strip()):  # a blank line between blocks
            gap = [nl, *gap]
        out = _ended(out, nl) + gap + block
    trailer = _pick(b.suffix, o.suffix, t.suffix, "end", nl, head_conflicts)
    if trailer:
        out = _ended(out, nl) + trailer
    return "".join(out)


def _comments_above(side: Side, item_id: str, nl: str) -> list[str]:
    """The comment lines right above a block (no blank line between), to carry with a new item."""
    gap = side.gap_before(item_id)
    k = len(gap)
    while k > 0 and gap[k - 1].lstrip().startswith("#"):
        k -= 1
    return _with_newline(gap[k:], nl)


