"""One side of a three-way merge (base, ours, theirs): its items (or units) by id, each with its block of lines."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ledger.store.yamlio import YamlProblem, item_block_range, parse


class Unmergeable(Exception):
    """The texts cannot be merged item by item (a side is not a readable items file, has
    duplicate ids, or keeps its items in flow style); the caller falls back to a line merge."""


@dataclass(slots=True)
class Side:
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
    """0-based [start, end) of each item's block (the rule ``store.transaction`` writes by)."""
    return [item_block_range(lines, starts, k) for k in range(len(starts))]


def _sequence_starts(text: str, key: str) -> list[int]:
    """The first line (1-based) of each entry of the top-level sequence ``key``."""
    from ledger.store.pyyaml import yaml

    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key and isinstance(value_node, yaml.SequenceNode):
            return [n.start_mark.line + 1 for n in value_node.value]
    return []


def side_of(text: str, name: str, key: str = "items", id_field: str = "id") -> Side:
    """One side's entries of the list ``key`` (``items`` by ``id``; ``units`` by ``name``)."""
    lines = text.splitlines(keepends=True)
    if not text.strip():
        return Side(name, lines, {}, {}, [], {})
    try:
        parsed = parse(text)
    except YamlProblem as exc:
        where = f"line {exc.line}: " if exc.line else ""
        raise Unmergeable(f"{name}: {where}{exc.message}") from None
    data = parsed.data
    raw_items = data.get(key) or []
    starts = parsed.item_lines if key == "items" else _sequence_starts(text, key)
    if not isinstance(raw_items, list) or len(raw_items) != len(starts):
        raise Unmergeable(f"{name}: {key}: is not a list")
    if any(b <= a for a, b in pairwise(starts)) or any(
            not lines[s - 1].lstrip().startswith("-") for s in starts):
        raise Unmergeable(f"{name}: items are not written one block each")
    raw: dict[str, Any] = {}
    order: list[str] = []
    ranges: dict[str, tuple[int, int]] = {}
    for value, span in zip(raw_items, _block_ranges(lines, starts), strict=True):
        item_id = value.get(id_field) if isinstance(value, dict) else None
        if not isinstance(item_id, str | int):
            raise Unmergeable(f"{name}: line {span[0] + 1}: an entry without {id_field}")
        item_id = str(item_id)
        if item_id in raw:
            raise Unmergeable(f"{name}: {item_id} appears twice")
        raw[item_id], ranges[item_id] = value, span
        order.append(item_id)
    head = {k: v for k, v in data.items() if k != key}
    return Side(name, lines, head, raw, order, ranges)
