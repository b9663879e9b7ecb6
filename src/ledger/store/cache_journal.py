"""The cache's write journal: after a write, only the items it touched are stored beside the full copy."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger.core.model import Item, Ledger, Unit
from ledger.store.cache_slots import HEADER, context, load_slot, slot

# # A write changes one item of thousands, but pickling the whole ledger again costs 70 ms at 10,000
# items and 0.8 s at 100,000. So after a write only the changes go to a journal beside the slot:
# the items changed or added since the full copy, and each changed file's block positions. The
# journal names the key of the full copy it applies to and the key of the result; a read whose
# key is the result's loads the full copy and applies the journal. When the journal holds more
# than JOURNAL_LIMIT items (or a share of the ledger), the next write stores a full copy again.
#
# The changes are what the write says it touched (``Transaction.touched``): the items it replaced or
# added, by (file, index). Nothing is guessed: a write that does not say gets a full copy.

JOURNAL_LIMIT = 500
JOURNAL_SHARE = 0.02


@dataclass
class _Seen:
    """What a read in this process handed out: the full copy's key, the journal applied to it,
    and what a write may not change if it is to be journaled (files, their headers, the units)."""

    base_key: str
    journal: dict[int, dict[int, Item]]
    lengths: list[int]  # items per file in the full copy
    files: list[tuple[Any, Any, Any]]  # (path, batch, questions) per file
    units: list[Unit]


_seen: dict[Path, _Seen] = {}


def journal_path(data_dir: Path) -> Path:
    return slot(data_dir).with_suffix(".journal")


def remember(data_dir: Path, ledger: Ledger, base_key: str, journal: dict[int, dict[int, Item]],
              lengths: list[int] | None = None) -> None:
    _seen.clear()  # one data folder a run: keep no older ledger alive
    files = ledger.files
    _seen[slot(data_dir)] = _Seen(
        base_key, journal, lengths if lengths is not None else [len(f.items) for f in files],
        [(f.path, f.batch, f.questions) for f in files], ledger.units)


def journal_for(data_dir: Path, ledger: Ledger,
                 touched: set[tuple[int, int]] | None) -> tuple[str, dict[int, dict[int, Item]]] | None:
    """The cumulative changes of ``ledger`` since the full copy it was read from: the journal it
    was read with plus the items this write ``touched``; None when a full copy is due."""
    seen = _seen.get(slot(data_dir))
    files = ledger.files
    if (seen is None or touched is None or ledger.problems or ledger.units is not seen.units
            or len(files) != len(seen.files)):
        return None
    for fi, f in enumerate(files):
        if (f.path, f.batch, f.questions) != seen.files[fi] or f.batch is not seen.files[fi][1]:
            return None
        if len(f.items) < seen.lengths[fi] or len(f.item_lines) != len(f.items):
            return None
    journal = {fi: dict(changes) for fi, changes in seen.journal.items()}
    for fi, ii in touched:
        journal.setdefault(fi, {})[ii] = files[fi].items[ii]
    if journal_full(sum(len(c) for c in journal.values()), sum(len(f.items) for f in files)):
        return None
    return seen.base_key, journal


def _apply(value: Ledger, key: str, lengths: list[int], journal: dict[int, dict[int, Item]],
           item_lines: dict[int, list[int]]) -> Ledger | None:
    files = value.files
    if len(lengths) != len(files) or any(len(f.items) != n for f, n in zip(files, lengths, strict=True)):
        return None
    for fi, changes in journal.items():
        items = files[fi].items
        for ii in sorted(changes):
            if ii < len(items):
                items[ii] = changes[ii]
            elif ii == len(items):
                items.append(changes[ii])
            else:
                return None
        if len(item_lines[fi]) != len(items):
            return None
        files[fi].item_lines = item_lines[fi]
    value.key = key
    return value


def read_journal(data_dir: Path, key: str) -> Ledger | None:
    with open(journal_path(data_dir), "rb") as fh:
        header = fh.read(HEADER + 64)
        if header[:64].decode("ascii", "replace") != key or header[64:HEADER] != context(data_dir, False):
            return None
        base_key = header[HEADER:].decode("ascii", "replace")
        lengths, journal, item_lines = pickle.load(fh)
    base = load_slot(slot(data_dir), base_key, data_dir)
    if not isinstance(base, Ledger):
        return None
    value = _apply(base, key, lengths, journal, item_lines)
    if value is not None:
        remember(data_dir, value, base_key, journal, lengths)
    return value


def journal_full(changes: int, items: int) -> bool:
    """A journal of this many changed items, on a ledger of this many, is due for a full copy."""
    return changes > max(JOURNAL_LIMIT, 0) or changes > JOURNAL_SHARE * max(items, 1) + 50


def read_state(data_dir: Path, key: str) -> tuple[str, list[int], dict[int, dict[int, Item]], dict[int, list[int]]] | None:
    """The journal stored under ``key``, as (base key, full copy's lengths, changes, block lines)."""
    try:
        with open(journal_path(data_dir), "rb") as fh:
            header = fh.read(HEADER + 64)
            if header[:64].decode("ascii", "replace") != key or header[64:HEADER] != context(data_dir, False):
                return None
            lengths, journal, item_lines = pickle.load(fh)
        return header[HEADER:].decode("ascii"), lengths, journal, item_lines
    except Exception:  # missing or damaged: a miss
        return None


def write_state(data_dir: Path, key: str, base_key: str, lengths: list[int], journal: dict[int, dict[int, Item]],
                item_lines: dict[int, list[int]]) -> bool:
    """Store a journal under ``key`` (what ``write`` stores after a journaled write)."""
    from ledger.store.cache_slots import atomic, dump

    def body(fh: Any) -> None:
        fh.write(key.encode("ascii"))
        fh.write(context(data_dir, False))
        fh.write(base_key.encode("ascii"))
        dump((lengths, journal, item_lines), fh)

    return atomic(journal_path(data_dir), body)
