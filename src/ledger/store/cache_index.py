"""The cache's index of blocks: where each item's block is, so that a one-item write need not load the ledger.

Beside a valid ledger's slot (full copy or journal) the cache keeps a small index under the same
content key: per items file its items' ids, first lines and byte offsets, its batch date and
question prompts, and the units. ``store.quick`` reads it to change one item: it finds the block,
parses just that block, and writes the journal entry and a new index for the files it wrote. An
index whose key is not the files' key is a miss, like any other slot.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ledger.core.model import Ledger, Unit
from ledger.store.cache_slots import HEADER, atomic, context, slot


@dataclass(slots=True)
class FileIndex:
    path: str  # relative to the data folder
    ids: list[str]
    item_lines: list[int]  # 1-based first line of each block
    offsets: list[int]  # byte offset of each block's first line
    batch_date: date | None
    questions: dict[str, str]


@dataclass(slots=True)
class Index:
    key: str  # the content key this index describes
    base_key: str  # the full copy the journal (if any) applies to; == key when there is no journal
    base_lengths: list[int]  # items per file in the full copy
    files: list[FileIndex]
    units: list[Unit]


def index_path(data_dir: Path) -> Path:
    return slot(data_dir).with_suffix(".index")


def line_offsets(data: bytes, lines: list[int]) -> list[int]:
    """The byte offset of each of ``lines`` (1-based, ascending) in ``data``."""
    out: list[int] = []
    pos, line = 0, 1
    find = data.find
    for target in lines:
        while line < target:
            nxt = find(b"\n", pos)
            if nxt < 0:
                raise ValueError("line past the end")
            pos, line = nxt + 1, line + 1
        out.append(pos)
    return out


def build_index(ledger: Ledger, key: str, base_key: str, base_lengths: list[int],
                contents: dict[Path, bytes]) -> Index | None:
    """The index of a valid ledger whose files' bytes are ``contents``; None if one is missing."""
    files: list[FileIndex] = []
    for f in ledger.files:
        data = contents.get(f.path)
        if data is None or len(f.item_lines) != len(f.items):
            return None
        try:
            offsets = line_offsets(data, f.item_lines)
        except ValueError:
            return None
        files.append(FileIndex(str(f.path.relative_to(ledger.data_dir)), [i.id for i in f.items],
                               list(f.item_lines), offsets, f.batch.date if f.batch else None, dict(f.questions)))
    return Index(key, base_key, list(base_lengths), files, list(ledger.units))


def write_index(data_dir: Path, index: Index) -> bool:
    def body(fh) -> None:  # type: ignore[no-untyped-def]
        fh.write(index.key.encode("ascii"))
        fh.write(context(data_dir, False))
        pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)

    return atomic(index_path(data_dir), body)


def read_index(data_dir: Path, key: str) -> Index | None:
    """The index for this content key, or None (missing, stale, damaged: a miss, never an error)."""
    try:
        with open(index_path(data_dir), "rb") as fh:
            header = fh.read(HEADER)
            if header[:64].decode("ascii", "replace") != key or header[64:] != context(data_dir, False):
                return None
            value = pickle.load(fh)
    except Exception:  # a damaged slot can make unpickling raise almost anything; it is only a miss
        return None
    return value if isinstance(value, Index) and value.key == key else None


def drop_index(data_dir: Path) -> None:
    try:
        index_path(data_dir).unlink()
    except OSError:
        pass
