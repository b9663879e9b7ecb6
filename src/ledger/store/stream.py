"""Reading a large items file a few hundred blocks at a time, so that its whole document tree never exists at once.

Parsing 100,000 items as one YAML document holds libyaml's node tree, the plain data built from it
and the validated items all at once (1.4 GB). Here the file is cut at its item blocks (lines with
the ``items:`` list's dash at its column), each run of blocks is parsed as a small document of its
own and validated, and only the items are kept.

The cut is exact for a well-formed file: every line of an item is indented deeper than its dash,
so a line with a dash at that column always starts the next item; a cut inside an open quoted
scalar or flow collection leaves the run before it unterminated, which fails to parse. So this
path only ever serves a file that parses and validates cleanly, in one top-level ``items:`` block
list after every other key. Anything else (a problem of any kind, another layout) returns None,
and the caller parses the whole document, which finds and locates every problem.
"""

from __future__ import annotations

import re
from typing import Any

from ledger.core.model import Item, ItemsFile
from ledger.store.yamlio import CONFLICT_MARKER, YamlProblem, parse

CHUNK = 500
"""Blocks parsed and validated together: big enough to keep the per-document cost small."""

STREAM_FROM = 1_000_000
"""Files at least this many characters are read in runs; smaller ones as one document."""

_ITEMS_KEY = re.compile(r"^items:[ \t]*(?:#[^\n]*)?\n", re.MULTILINE)
_AFTER_ITEMS = re.compile(r"^[^\s#-]", re.MULTILINE)
_FIRST_ENTRY = re.compile(r"^( *)-( |$)", re.MULTILINE)


def read_in_runs(text: str) -> tuple[ItemsFile, list[Item], list[int]] | None:
    """(the file's header, its items, each item's first line), or None (see the module's doc)."""
    from ledger.store.validate import validate

    if CONFLICT_MARKER.search(text) or "\r" in text or "\t" in text:
        return None
    found = _ITEMS_KEY.search(text)
    if found is None or _AFTER_ITEMS.search(text, found.end()):
        return None
    first = _FIRST_ENTRY.search(text, found.end())
    if first is None or first.group(2) != " ":
        return None
    dash = re.compile(rf"^ {{{len(first.group(1))}}}-(.)", re.MULTILINE)
    starts = []
    for match in dash.finditer(text, first.start()):
        if match.group(1) != " ":
            return None  # ``-`` alone on its line, or ``-x``: leave it to the whole parse
        starts.append(match.start())
    if text[found.end():first.start()].strip(" \n") and not _only_comments(text[found.end():first.start()]):
        return None
    head = _head(text[:found.start()])
    if head is None:
        return None
    header, errors = validate(ItemsFile, head)
    if errors:
        return None
    items: list[Item] = []
    lines: list[int] = []
    line = text.count("\n", 0, first.start()) + 1
    for k in range(0, len(starts), CHUNK):
        begin = starts[k]
        end = starts[k + CHUNK] if k + CHUNK < len(starts) else len(text)
        try:
            parsed = parse("items:\n" + text[begin:end])
        except YamlProblem:
            return None
        raw = parsed.data.get("items") if isinstance(parsed.data, dict) and len(parsed.data) == 1 else None
        if not isinstance(raw, list) or len(raw) != min(CHUNK, len(starts) - k):
            return None
        chunk, errors = validate(list[Item], raw)
        if errors:
            return None
        items += chunk
        lines += [line + n - 2 for n in parsed.item_lines]
        line += text.count("\n", begin, end)
    return header, items, lines


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.split("\n"))


def _head(text: str) -> dict[str, Any] | None:
    """The keys before ``items:`` as data ({} when there are none)."""
    if _only_comments(text):
        return {}
    try:
        data = parse(text).data
    except YamlProblem:
        return None
    return data if isinstance(data, dict) and "items" not in data else None
