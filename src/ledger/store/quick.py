"""A one-item write without loading the ledger: find the block by the cache's index, change it, land it.

At 10,000 items, loading the whole validated ledger to change one block costs more than the
change itself. When the cache holds an index for the files' exact bytes (``cache_index``: the
ledger was valid, and where every block is), a ``QuickTransaction`` reads only the item's block,
builds the item from it without the validator (``serialize.item_from_data``, strict, checked to
write back as the same data), re-emits the block as text where the change is simple
(``plain_blocks``), reads it back, runs the item's own rules and the rules that involve it (its
units, its question, its batch), lands the file through the same ``journal.Landing`` and
journals the change in the cache.

Whenever anything is not plain (no index, an unknown id, a block it cannot parse or re-emit
exactly, a rule that fails, a second change), it falls back to the full ``Transaction`` on the
loaded ledger, which then says what is wrong in its usual words. The fast path never reports an
error of its own, so both paths refuse and accept exactly the same changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path
from typing import Any

from ledger.core.model import Item, Ledger
from ledger.errors import Problem
from ledger.store import cache
from ledger.store.cache_index import FileIndex, Index, read_index, write_index
from ledger.store.journal import Interrupts, Landing, Write


class _Ids:
    """The ids of the index's files, in file order, looked up in the lists themselves: building a
    dict of 10,000 ids costs more than the one ``list.index`` a write needs."""

    def __init__(self, files: list[list[str]]):
        self.files = files

    def get(self, item_id: str) -> tuple[int, int] | None:
        for fi, ids in enumerate(self.files):
            try:
                return fi, ids.index(item_id)
            except ValueError:
                continue
        return None

    def __contains__(self, item_id: object) -> bool:
        return any(item_id in ids for ids in self.files)

    def __iter__(self) -> Iterator[str]:
        for ids in self.files:
            yield from ids

    def __len__(self) -> int:
        return sum(len(ids) for ids in self.files)


class _Fallback(Exception):
    """Not a plain one-item change: use the full transaction."""


def open_quick(data_dir: Path, interrupts: Interrupts | None, full: Callable[[Ledger], Any]) -> QuickTransaction | None:
    """A quick transaction on the folder (its lock held by the caller), or None if the cache
    has no index for these exact files. ``full`` makes the full transaction it may fall back to."""
    from ledger.store.cache_journal import journal_full, read_state
    from ledger.store.files import UNITS_FILE, item_files, read_file

    if not cache.enabled():
        return None
    paths = item_files(data_dir)
    contents = {p: read_file(p, data_dir) for p in [*paths, data_dir / UNITS_FILE]}
    parts: list[tuple[str, bytes]] = []
    for path, content in contents.items():
        if isinstance(content, Problem):
            return None
        parts.append((str(path.relative_to(data_dir)), content))
    key = cache.content_key(parts)
    index = read_index(data_dir, key)
    if index is None or [f.path for f in index.files] != [str(p.relative_to(data_dir)) for p in paths]:
        return None
    if index.base_key == key:
        state: tuple[str, list[int], dict[int, dict[int, Item]], dict[int, list[int]]] = (key, index.base_lengths, {}, {})
    else:
        found = read_state(data_dir, key)
        if found is None or found[0] != index.base_key or found[1] != index.base_lengths:
            return None
        state = found
    if journal_full(sum(len(c) for c in state[2].values()) + 1, sum(len(f.ids) for f in index.files)):
        return None  # the next copy is a full one: the full transaction writes it
    return QuickTransaction(data_dir, interrupts, paths, contents, index, state, full)  # type: ignore[arg-type]


class QuickTransaction:
    """The ``Transaction`` interface for one plain change of one item (see the module's doc)."""

    def __init__(self, data_dir: Path, interrupts: Interrupts | None, paths: list[Path],
                 contents: dict[Path, bytes], index: Index,
                 state: tuple[str, list[int], dict[int, dict[int, Item]], dict[int, list[int]]],
                 make_full: Callable[[Ledger], Any]):
        self.data_dir = data_dir
        self.interrupts = interrupts
        self.paths = paths
        self.contents = contents
        self.index = index
        self.state = state
        self.extra_files: list[Path] = []
        self.full: Any = None  # the Transaction it fell back to
        self.make_full = make_full
        self._where: _Ids | None = None
        self._read: dict[str, tuple[int, int, int, str, Item]] = {}  # id → (file, index, offset, block, item)
        self._change: tuple[int, int, int, str, str, Item] | None = None  # file, index, offset, old, new block, item

    # -- the Transaction interface

    @property
    def created(self) -> set[Path]:
        return self.full.created if self.full is not None else set()  # type: ignore[no-any-return]

    def held(self) -> AbstractContextManager[None]:
        return self.interrupts.held() if self.interrupts is not None else nullcontext()

    def get(self, item_id: str) -> Item:
        if self.full is None:
            try:
                return self._get(item_id)
            except _Fallback:
                self._fall_back()
        return self.full.get(item_id)  # type: ignore[no-any-return]

    def ids(self) -> Any:
        return self.full.ids() if self.full is not None else self._index()

    def batch_date(self, item_id: str) -> date | None:
        if self.full is not None:
            return self.full.batch_date(item_id)  # type: ignore[no-any-return]
        where = self._index().get(item_id)
        if where is None:
            self._fall_back()
            return self.full.batch_date(item_id)  # type: ignore[no-any-return]
        return self.index.files[where[0]].batch_date

    def replace(self, item: Item) -> None:
        if self.full is None:
            try:
                self._replace(item)
                return
            except _Fallback:
                self._fall_back()
        self.full.replace(item)

    def land(self, landing: Landing, committer: Any) -> None:
        if self.full is not None:
            self.full.land(landing, committer)
            return
        if self._change is None:
            return
        assert committer is None  # a commit takes the full transaction (transaction() sees to it)
        fi, ii, offset, old_block, new_block, item = self._change
        path = self.paths[fi]
        old = self.contents[path]
        new = old[:offset] + new_block.encode("utf-8") + old[offset + len(old_block.encode("utf-8")):]
        landing.land([Write(path, old, new)])
        self.contents[path] = new
        self._journal(fi, ii, item, len(new_block.encode("utf-8")) - len(old_block.encode("utf-8")),
                      new_block.count("\n") - old_block.count("\n"))

    # -- the plain path

    def _index(self) -> _Ids:
        if self._where is None:
            self._where = _Ids([f.ids for f in self.index.files])
        return self._where

    def _get(self, item_id: str) -> Item:
        if item_id in self._read:
            return self._read[item_id][4]
        where = self._index().get(item_id)
        if where is None:
            raise _Fallback  # the full path says the id is unknown, with its suggestions
        fi, ii = where
        f = self.index.files[fi]
        data = self.contents[self.paths[fi]]
        offset = f.offsets[ii]
        try:
            region = data[offset:f.offsets[ii + 1] if ii + 1 < len(f.offsets) else len(data)].decode("utf-8")
        except UnicodeDecodeError:
            raise _Fallback from None
        if "\r" in region:
            raise _Fallback
        block = _block(region, ii + 1 < len(f.offsets))
        item = _item(block)
        if item.id != item_id:
            raise _Fallback
        self._read[item_id] = (fi, ii, offset, block, item)
        return item

    def _replace(self, item: Item) -> None:
        from ledger.core.checks import PlacedItem, run_all
        from ledger.core.serialize import item_to_data
        from ledger.store.plain_blocks import rewrite
        from ledger.store.readback import dash_column, fits, reads_back

        read = self._read.get(item.id)
        if read is None or self._change is not None:
            raise _Fallback
        fi, ii, offset, block, old = read
        column = dash_column(block)
        new_block = rewrite(block, item_to_data(old), item_to_data(item), column)
        if new_block is None or not fits(new_block, column) or not reads_back(new_block, item):
            raise _Fallback
        f: FileIndex = self.index.files[fi]
        placed = [PlacedItem(item, fi, ii, f.batch_date)]
        if run_all(placed, self.index.units, [g.questions for g in self.index.files], lambda p: ""):
            raise _Fallback  # the full transaction finds the same problems and says where they are
        self._change = (fi, ii, offset, block, new_block, item)

    def _fall_back(self) -> None:
        from ledger.store.load import load, require_valid

        ledger = load(self.data_dir, keep_text=True)
        require_valid(ledger)
        self.full = self.make_full(ledger)

    def _journal(self, fi: int, ii: int, item: Item, byte_delta: int, line_delta: int) -> None:
        """Record the change in the cache: the journal gets the item, the index its new place."""
        from ledger.store.cache_index import drop_index
        from ledger.store.cache_journal import write_state

        if not cache.enabled():
            return
        data_dir = self.data_dir
        parts = [(str(p.relative_to(data_dir)), c) for p, c in self.contents.items()]
        key = cache.content_key(parts)
        base_key, lengths, journal, item_lines = self.state
        f = self.index.files[fi]
        f.item_lines = f.item_lines[:ii + 1] + [n + line_delta for n in f.item_lines[ii + 1:]]
        f.offsets = f.offsets[:ii + 1] + [n + byte_delta for n in f.offsets[ii + 1:]]
        journal = {k: dict(v) for k, v in journal.items()}
        journal.setdefault(fi, {})[ii] = item
        item_lines = {**item_lines, fi: f.item_lines}
        self.index.key = key
        if not write_state(data_dir, key, base_key, lengths, journal, item_lines) or not write_index(data_dir, self.index):
            drop_index(data_dir)


def _block(region: str, followed: bool) -> str:
    """The item's block: its region of the file without the blank and comment lines after it."""
    from ledger.store.yamlio import item_block_range

    lines = region.splitlines(keepends=True)
    if not lines:
        raise _Fallback
    start, end = item_block_range(lines, [1, len(lines) + 1] if followed else [1], 0)
    block = "".join(lines[start:end])
    if not block.endswith("\n"):
        raise _Fallback  # the file's last line: the full path handles its missing newline
    return block


def _item(block: str) -> Item:
    from ledger.core.serialize import NotPlain, item_from_data
    from ledger.store.readback import WRAPPER
    from ledger.store.yamlio import YamlProblem, parse

    try:
        data = parse(WRAPPER + block).data
        entries = data["items"] if isinstance(data, dict) and len(data) == 1 else None
        if not isinstance(entries, list) or len(entries) != 1:
            raise _Fallback
        return item_from_data(entries[0])
    except (YamlProblem, NotPlain, TypeError, KeyError):
        raise _Fallback from None
