"""Re-emitting a changed item block as text, without the round-trip library, for simple changes.

A progress note, an extension or a close-out changes an item block in a few plain ways: a
scalar line changes (``status: open`` → ``status: in_progress``), a list gets entries at its end,
a new key appears in its canonical place. ``rewrite`` makes exactly those edits to the text and
emits the new values in the house style, producing the bytes ruamel's round trip
(``blocks.rewrite``) would produce (tests/test_plain_blocks.py compares the two). Anything else
(a key removed, a flow list or a nested mapping changed, a block scalar, a comment inside the
block, a string whose plain or quoted form is not certain) returns None and the caller uses
ruamel. Either way the caller reads the new block back before it goes into a file.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ledger.core.serialize import ITEM_KEY_ORDER

QUOTED_KEYS = frozenset({"id", "text", "reason", "note", "name"})
FLOW_LIST_KEYS = frozenset({"responsible", "aliases", "changed"})

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: |$)")
_SPECIAL_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
QUOTE_LIMIT = 2000
"""A double-quoted value up to this long is never folded by the emitter (its width is 4096)."""


def plain_safe(value: str) -> bool:
    """Strings ruamel writes plain and every reader reads back as the same string: letters, digits
    and at least one CJK ideograph (so never a number, a date, a boolean or null; nothing YAML
    treats as syntax), or a lower-case word (``in_progress``, ``ongoing``) that no reader takes for
    a boolean or null."""
    if value.replace("_", "").isalpha() and value.isascii() and value.islower():
        return not value.startswith("_") and not value.endswith("_") and "__" not in value \
            and value not in _SPECIAL_WORDS
    cjk = False
    for ch in value:
        code = ord(ch)
        if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            cjk = True
        elif not (ch.isascii() and ch.isalnum()) and ch != "·":
            return False
    return cjk


def quote_safe(value: str) -> bool:
    """Strings whose double-quoted form is the string itself between quotes: printable, nothing
    to escape, too short to be folded."""
    return len(value) <= QUOTE_LIMIT and value.isprintable() and '"' not in value and "\\" not in value


class _Unsure(Exception):
    """A change or a value this module does not emit the way ruamel would: use ruamel."""


def rewrite(block: str, old: dict[str, Any], new: dict[str, Any], column: int) -> str | None:
    """``block`` (an item's lines, ``\\n`` endings, its dash at ``column``), changed from
    ``old`` into ``new`` (``item_to_data`` of each, dates as dates); None when unsure."""
    try:
        return _rewrite(block, old, new, column)
    except _Unsure:
        return None


def _spans(lines: list[str], column: int) -> list[tuple[str, int, int]]:
    """(key, first line, end line) of each top-level key of the block, in block order."""
    indent = column + 2
    first = _KEY.match(lines[0], indent) if lines[0].startswith(" " * column + "- ") else None
    if first is None:
        raise _Unsure
    starts = [(first.group(1), 0)]
    for n in range(1, len(lines)):
        line = lines[n]
        if len(line) - len(line.lstrip(" ")) == indent:
            found = _KEY.match(line, indent)
            if found is None:
                raise _Unsure  # a comment, a continued flow value, a stray line
            starts.append((found.group(1), n))
        elif not line.startswith(" " * (indent + 1)):
            raise _Unsure  # a blank or less indented line inside the block
    return [(key, start, starts[k + 1][1] if k + 1 < len(starts) else len(lines))
            for k, (key, start) in enumerate(starts)]


def _rewrite(block: str, old: dict[str, Any], new: dict[str, Any], column: int) -> str:
    lines = block.splitlines(keepends=True)
    if not lines or not block.endswith("\n"):
        raise _Unsure
    spans = _spans(lines, column)
    in_block = [key for key, _, _ in spans]
    if len(set(in_block)) != len(in_block) or set(in_block) - set(old) or set(old) - set(in_block):
        raise _Unsure  # empty values written by hand, or keys the data does not show
    if set(old) - set(new):
        raise _Unsure  # a key removed (a reopening moves the close-out): ruamel
    indent = column + 2
    edits: list[tuple[int, int, list[str]]] = []  # (start, end, replacement lines)
    for key, start, end in spans:
        if _same(old[key], new[key]):
            continue
        if key == "id":
            raise _Unsure
        edits.append(_changed(lines, key, start, end, old[key], new[key], indent, column))
    order = list(in_block)
    for key in new:
        if key in old:
            continue
        rank = ITEM_KEY_ORDER.index(key) if key in ITEM_KEY_ORDER else None
        position = 0
        for i, existing in enumerate(order):
            if rank is not None and existing in ITEM_KEY_ORDER and ITEM_KEY_ORDER.index(existing) < rank:
                position = i + 1
        if position == 0:
            raise _Unsure
        after = order[position - 1]
        end = next(e for k, _, e in spans if k == after) if after in in_block else None
        if end is None:
            raise _Unsure  # after a key this same change inserts: rare, leave it to ruamel
        order.insert(position, key)
        edits.append((end, end, _entry(key, new[key], indent, column)))
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lines[start:end] = replacement
    return "".join(lines)


def _changed(lines: list[str], key: str, start: int, end: int, old: Any, new: Any,
             indent: int, column: int) -> tuple[int, int, list[str]]:
    if _scalar(old) and _scalar(new):
        if end - start != 1:
            raise _Unsure
        value = lines[start][indent + len(key) + 1:].strip()
        if value.startswith(("'", "|", ">", "&", "*", "!")) or "#" in value:
            raise _Unsure
        quoted = key in QUOTED_KEYS or value.startswith('"')
        return start, end, [" " * indent + f"{key}: {_scalar_text(key, new, quoted)}\n"]
    if isinstance(old, list) and isinstance(new, list) and key not in FLOW_LIST_KEYS:
        if len(new) <= len(old) or not all(_same(a, b) for a, b in zip(old, new[:len(old)], strict=True)):
            raise _Unsure
        if lines[start].rstrip("\n") != " " * indent + f"{key}:":
            raise _Unsure  # a flow list, or something after the key
        added: list[str] = []
        for value in new[len(old):]:
            added += _element(value, indent, column)
        return end, end, added
    raise _Unsure


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return type(a) is type(b) and a == b if isinstance(a, date) or isinstance(b, date) else bool(a == b)


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | bool | date)


def _scalar_text(key: str | None, value: Any, quoted: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise _Unsure
    if quoted:
        if not quote_safe(value):
            raise _Unsure
        return f'"{value}"'
    if plain_safe(value):
        return value
    raise _Unsure


def _entry(key: str, value: Any, indent: int, column: int) -> list[str]:
    """``key: value`` at ``indent``, in the house style."""
    pad = " " * indent
    if key in FLOW_LIST_KEYS:
        raise _Unsure
    if isinstance(value, dict):
        if not value:
            raise _Unsure
        out = [f"{pad}{key}:\n"]
        for k, v in value.items():
            out += _entry(k, v, indent + 2, column)
        return out
    if isinstance(value, list):
        if not value:
            raise _Unsure
        out = [f"{pad}{key}:\n"]
        for v in value:
            out += _element(v, indent, column)
        return out
    return [f"{pad}{key}: {_scalar_text(key, value, key in QUOTED_KEYS)}\n"]


def _element(value: Any, indent: int, column: int) -> list[str]:
    """One entry of a block list whose key stands at ``indent``: its dash at ``indent + column``."""
    dash = " " * (indent + column) + "- "
    if isinstance(value, dict):
        if not value:
            raise _Unsure
        body: list[str] = []
        for k, v in value.items():
            body += _entry(k, v, indent + column + 2, column)
        return [dash + body[0][indent + column + 2:], *body[1:]]
    if isinstance(value, list):
        raise _Unsure
    return [dash + _scalar_text(None, value, False) + "\n"]
