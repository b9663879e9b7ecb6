"""Rewriting one item's block of YAML text with ruamel.yaml's round trip.

Only the block of the item being changed is parsed and re-emitted, inside an ``items:``
wrapper so that it keeps the file's indentation; comments, quoting and key order inside the
block are kept, and the rest of the file is never touched.  The settings below are the ones
that kept a no-op round trip byte-identical (docs/MEASUREMENTS.md). ``reads_back`` is the check
that a re-emitted block says exactly what was meant.
"""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ledger.core.serialize import ITEM_KEY_ORDER
from ledger.store.plain_blocks import FLOW_LIST_KEYS, QUOTED_KEYS
from ledger.store.readback import WRAPPER, dash_column, reads_back

__all__ = ["dash_column", "reads_back", "render", "rewrite"]



def _yaml(dash_column: int = 2) -> YAML:
    """The round-tripper for blocks whose ``- `` stands at ``dash_column`` (2 in the shipped
    layout, 0 in a hand-written ``items:\n- id: …``)."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=dash_column + 2, offset=dash_column)
    y.width = 4096
    y.allow_unicode = True
    # One date object used twice (a change dated today and recorded today) must not come out as an
    # anchor and an alias: the reading parser refuses those.
    aliases = y.representer.ignore_aliases
    y.representer.ignore_aliases = lambda data: isinstance(data, date) or aliases(data)
    return y


def _styled(key: str | None, value: Any) -> Any:
    """Plain data → ruamel nodes in the ledger's house style."""
    if isinstance(value, dict):
        cm = CommentedMap()
        for k, v in value.items():
            cm[k] = _styled(k, v)
        return cm
    if isinstance(value, list | tuple):
        seq = CommentedSeq(_styled(None, v) for v in value)
        if key in FLOW_LIST_KEYS:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and (key in QUOTED_KEYS or _not_a_string_when_plain(value)):
        return DoubleQuotedScalarString(value)
    return value


def _not_a_string_when_plain(value: str) -> bool:
    """ruamel writes by YAML 1.2, where ``yes``, ``on`` and ``1:20`` are strings and stay plain;
    the reading parser (libyaml, YAML 1.1) would take them for a boolean or a number. Such a value
    is quoted (``by: "yes"``); what both read as text (a date stays text when read) stays plain."""
    from ledger.store.pyyaml import yaml

    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    return tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in new)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, date) and isinstance(new, date):
        return old.isoformat() == new.isoformat()
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    return bool(old == new)


def _empty(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, list | dict) and not value)


def _sync_map(cm: CommentedMap, new: dict[str, Any], order: tuple[str, ...] | None) -> None:
    # A key the new data leaves out goes, unless it was written out empty by hand
    # (``and_others: false``): that line means no change, so it stays.
    for key in [k for k in cm if k not in new and not _empty(cm[k])]:
        del cm[key]
    for key, value in new.items():
        if key in cm:
            cm[key] = _sync_value(key, cm[key], value)
            continue
        rank = order or tuple(new)
        position = 0
        for i, existing in enumerate(cm):
            if existing in rank and key in rank and rank.index(existing) < rank.index(key):
                position = i + 1
        cm.insert(position, key, _styled(key, value))


def _sync_value(key: str | None, old: Any, new: Any) -> Any:
    """Change ``old`` (a ruamel node) into ``new`` (plain data), touching as little as possible."""
    if _same(old, new):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        _sync_map(old, new, None)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        common = min(len(old), len(new))
        for i in range(common):
            old[i] = _sync_value(None, old[i], new[i])
        del old[common:]
        for value in new[common:]:
            old.append(_styled(None, value))
        return old
    if isinstance(old, DoubleQuotedScalarString) and isinstance(new, str):
        return DoubleQuotedScalarString(new)
    return _styled(key, new)


def _dump(doc: Any, column: int) -> str:
    buf = StringIO()
    _yaml(column).dump(doc, buf)
    out = buf.getvalue()
    if not out.startswith(WRAPPER):
        raise RuntimeError("unexpected block layout")
    return out[len(WRAPPER):]


def rewrite(block: str, new: dict[str, Any]) -> str:
    """The block of an existing item, changed into ``new`` with a minimal textual change."""
    column = dash_column(block)
    doc = _yaml(column).load(WRAPPER + block)
    item = doc["items"][0]
    _sync_map(item, new, ITEM_KEY_ORDER)
    return _dump(doc, column)


def render(new: dict[str, Any], column: int = 2) -> str:
    """The block of a new item, in the house style, its dash at ``column``."""
    return _dump({"items": [_styled(None, new)]}, column)
