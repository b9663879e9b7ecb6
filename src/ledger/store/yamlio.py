"""Reading ledger YAML fast and safely, and finding where things are in the text.

Reading uses PyYAML's C parser (libyaml) with a constructor of our own that refuses what a
ledger never needs and an attacker might use: anchors and aliases (billion laughs), tags
(``!!python/object``), duplicate keys, absurd nesting (libyaml itself stops at 1,000 levels
before composing; we stop at 64) and absurdly long values.  Dates are kept as text so that pydantic
reports a bad date as a field problem instead of the loader crashing on ``2024-02-30``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ledger.i18n import Message, msg
from ledger.store.pyyaml import yaml

MAX_DEPTH = 64
"""Far deeper than any ledger file; bounds time and stack on hostile input."""

MAX_SCALAR_CHARS = 1_000_000
"""One value (a feedback text, a note) longer than this is refused: no real record needs it,
and rewriting a block with such a value costs seconds per megabyte."""

_ANCHOR_HINT = re.compile(r"(?:^|[\s\[{,])[&*][^\s]", re.MULTILINE)
"""Where an anchor (``&a``) or an alias (``*a``) could start. Almost no ledger text matches, so
the exact check (a scan of the parser's events) runs only when one might be there."""

CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class YamlProblem(Exception):
    """Malformed or hostile YAML, with the 1-based line and column where it was found."""

    def __init__(self, message: str | Message, line: int | None = None, col: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _construct(node: yaml.Node) -> Any:
    """Turn a composed node tree into plain Python, iteratively (no recursion on hostile depth)."""
    seen: set[int] = set()
    root_holder: list[Any] = [None]
    # Each task: (node, container, key-or-index, depth)
    stack: list[tuple[yaml.Node, Any, Any, int]] = [(node, root_holder, 0, 0)]
    while stack:
        cur, parent, slot, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise YamlProblem(msg("nesting deeper than {depth} levels", depth=MAX_DEPTH), *_mark(cur))
        if cur.tag not in _SAFE_TAGS:
            raise YamlProblem(msg("tag {tag} is not allowed", tag=cur.tag), *_mark(cur))
        if isinstance(cur, yaml.ScalarNode):
            if len(cur.value) > MAX_SCALAR_CHARS:
                raise YamlProblem(msg("a value of {n} characters is over the limit of {limit}",
                                     n=len(cur.value), limit=MAX_SCALAR_CHARS), *_mark(cur))
            parent[slot] = _scalar(cur)
            continue
        if id(cur) in seen:
            raise YamlProblem(msg("anchors and aliases are not allowed in a ledger file"), *_mark(cur))
        seen.add(id(cur))
        if isinstance(cur, yaml.SequenceNode):
            seq: list[Any] = [None] * len(cur.value)
            parent[slot] = seq
            for i in range(len(cur.value) - 1, -1, -1):
                stack.append((cur.value[i], seq, i, depth + 1))
        else:
            mapping: dict[Any, Any] = {}
            parent[slot] = mapping
            for key_node, value_node in cur.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlProblem(msg("a key must be plain text"), *_mark(key_node))
                if key_node.tag not in _SAFE_TAGS:
                    raise YamlProblem(msg("tag {tag} is not allowed", tag=key_node.tag), *_mark(key_node))
                if len(key_node.value) > MAX_SCALAR_CHARS:
                    raise YamlProblem(msg("a value of {n} characters is over the limit of {limit}",
                                         n=len(key_node.value), limit=MAX_SCALAR_CHARS), *_mark(key_node))
                key = _scalar(key_node)
                if not isinstance(key, str | int):
                    key = str(key)
                if key in mapping:
                    raise YamlProblem(msg("duplicate key {key!r}", key=key), *_mark(key_node))
                mapping[key] = None
                stack.append((value_node, mapping, key, depth + 1))
    return root_holder[0]


_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?$")


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on")
    if tag == "tag:yaml.org,2002:int":
        text = value.replace("_", "")
        if _INT.match(text):
            return int(text)
        return value  # 0x / 0o / sexagesimal forms: leave as text, the schema will complain
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value


@dataclass(slots=True)
class Parsed:
    """A parsed ledger file: its data, and the first line of each item block under ``items:``."""

    data: Any
    item_lines: list[int]


def check_conflict_markers(text: str) -> None:
    match = CONFLICT_MARKER.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise YamlProblem(msg("git conflict marker: resolve the merge first"), line, 1)


def _byte_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column of a byte offset into the UTF-8 form of ``text`` (libyaml counts bytes)."""
    prefix = text.encode("utf-8")[:offset].decode("utf-8", "ignore")
    return prefix.count("\n") + 1, len(prefix) - (prefix.rfind("\n") + 1) + 1


def _check_no_anchors(text: str) -> None:
    """Refuse any anchor or alias, even one that would do no harm: a ledger never needs them,
    and a block rewritten on its own could not resolve an alias to another block."""
    if ("&" not in text and "*" not in text) or not _ANCHOR_HINT.search(text):
        return
    loader = yaml.CSafeLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                raise YamlProblem(msg("anchors and aliases are not allowed in a ledger file"),
                                  event.start_mark.line + 1, event.start_mark.column + 1)
    finally:
        loader.dispose()


def parse(text: str) -> Parsed:
    """Parse one ledger file. Raises ``YamlProblem`` with a line for anything malformed."""
    check_conflict_markers(text)
    loader = yaml.CSafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
            _check_no_anchors(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "malformed"
            raise YamlProblem(
                msg("invalid YAML: {problem}", problem=problem),
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
            ) from None
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, most controls)
            raise YamlProblem(msg("invalid YAML: {problem}", problem=f"unacceptable character #x{exc.character:04x}: "
                                 f"{exc.reason}"), *_byte_position(text, exc.position)) from None
        except yaml.YAMLError as exc:
            raise YamlProblem(msg("invalid YAML: {problem}", problem=str(exc).splitlines()[0])) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlProblem(msg("file is empty"), 1, 1)
    if not isinstance(node, yaml.MappingNode):
        raise YamlProblem(msg("the top level must be a mapping"), *_mark(node))
    item_lines: list[int] = []
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == "items":
            if isinstance(value_node, yaml.SequenceNode):
                item_lines = [n.start_mark.line + 1 for n in value_node.value]
    data = _construct(node)
    return Parsed(data, item_lines)


def locate(text: str, paths: list[tuple[Any, ...]]) -> dict[tuple[Any, ...], tuple[int, int]]:
    """Find the line and column of each path (keys and indexes) in the text.

    A path that does not exist all the way down (a missing field) resolves to the deepest
    node that does, so a message still points at the right block.
    """
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    found: dict[tuple[Any, ...], tuple[int, int]] = {}
    for path in paths:
        node = root
        where = _mark(root) if root is not None else (1, 1)
        for step in path:
            nxt = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == str(step):
                        nxt, where = value_node, _mark(key_node)
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if 0 <= step < len(node.value):
                    nxt = node.value[step]
                    where = _mark(nxt)
            if nxt is None:
                break
            node = nxt
        found[path] = where
    return found


def item_block_range(lines: list[str], starts: list[int], index: int) -> tuple[int, int]:
    """0-based [start, end) of the ``index``-th item's block in ``lines``, given each item's
    first line (1-based, as ``Parsed.item_lines``), without the blank and comment lines that
    trail it (they belong to the gap before the next item)."""
    start = starts[index] - 1
    if index + 1 < len(starts):
        end = starts[index + 1] - 1
    else:
        end = start + 1
        while end < len(lines):
            line = lines[end]
            if line.strip() and not line.startswith((" ", "\t", "#", "\r", "\n")):
                break  # the next top-level key
            end += 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return start, end
