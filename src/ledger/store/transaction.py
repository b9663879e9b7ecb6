"""The locked read-modify-write of the ledger: re-emit only the changed items' blocks.

Under the folder's lock, a change a crashed command left half done is finished first
(``recovery``); the ledger is loaded and must be valid; each change re-emits only the
changed item's block (``blocks``), checks that the new block reads back as exactly the intended
item, splices it into the text, re-runs the cross-record checks and lands (``journal.Landing``):
every file it changed, and its commit if one was asked for, or nothing.  Nothing else in the
files can change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from ledger.core.model import Batch, Item, Ledger, Unit
from ledger.errors import LedgerError
from ledger.i18n import tr
from ledger.store import cache
from ledger.store.journal import Finisher, GitRecovery, Interrupts, Landing, Write
from ledger.store.load import load, require_valid


class Committer(Protocol):
    """Makes the commit of a transaction's change (``git`` layer), before anything is written."""

    def prepare(self, txn: Transaction, writes: list[Write]) -> Finisher: ...


@contextmanager
def transaction(data_dir: Path, notices: list[str] | None = None, committer: Committer | None = None,
                git: Callable[[], GitRecovery] | None = None,
                interrupts: Interrupts | None = None, quick: bool = False) -> Iterator[Transaction]:
    """A locked read-modify-write of the ledger. Changes land when the block ends without an
    exception, with their commit if ``committer`` is given; on any error nothing changes.
    ``git`` finishes a commit a crashed command left half made. ``interrupts``: the caller's
    guard, to hold a late interrupt back until it has said what landed (else one of its own).
    ``quick``: the block changes one item (get, replace) and nothing else, so without a commit it
    may run on the cache's index of blocks instead of the loaded ledger (``store.quick``)."""
    from ledger.store.journal import prune
    from ledger.store.recovery import recover
    from ledger.store.safeio import folder_lock

    said = notices if notices is not None else []
    with interrupts or Interrupts() as interrupts, folder_lock(data_dir, said) as lock:
        with interrupts.held():
            recover(data_dir, said, git)
        txn: Any = None
        if quick and committer is None:
            from ledger.store.quick import open_quick

            txn = open_quick(data_dir, interrupts, lambda ledger: Transaction(ledger, interrupts))
        if txn is None:
            ledger = load(data_dir, keep_text=True)
            require_valid(ledger)
            txn = Transaction(ledger, interrupts)
        landing = Landing(data_dir, lock, interrupts)
        try:
            yield txn
            txn.land(landing, committer)
        except BaseException:
            if not landing.landed:
                with interrupts.held():
                    for path in [*txn.extra_files, *txn.created]:  # evidence copied, a new file's folder
                        path.unlink(missing_ok=True)
                        prune(path.parent, data_dir)  # and the folders made for it, if left empty
            raise
        finally:
            landing.interrupted_notice()
            said += landing.notices


class Transaction:
    """Changes to a loaded, valid ledger: replace an item, add an item, then commit."""

    def __init__(self, ledger: Ledger, interrupts: Interrupts | None = None):
        self.ledger = ledger
        self.interrupts = interrupts
        self.lines: dict[int, list[str]] = {}
        self.changed: list[Path] = []
        self.extra_files: list[Path] = []  # written by the caller (evidence), removed on failure
        self.units_text: str | None = None  # departments.yaml with the units ``add_units`` added
        self.created: set[Path] = set()  # new items files (``new_file``): nothing was there before
        self.touched: set[tuple[int, int]] = set()  # (file, index) of the items replaced or added
        self.ops: dict[str, tuple[str, Item, object]] = {}
        """By id, in order: ("replace", new item, the item as read) or ("add", new item, its file
        relative to the data folder) — what a commit replays on the committed ledger."""

    def held(self) -> AbstractContextManager[None]:
        """A block an interrupt waits for: around making a file for the change and listing it in
        ``extra_files``, so that it is removed if the change does not land."""
        return self.interrupts.held() if self.interrupts is not None else nullcontext()

    def _note(self, kind: str, item: Item, where: object) -> None:
        first = self.ops.get(item.id)
        self.ops[item.id] = (first[0], item, first[2]) if first else (kind, item, where)

    def _file_lines(self, fi: int) -> list[str]:
        if fi not in self.lines:
            assert self.ledger.texts is not None
            text = self.ledger.texts[self.ledger.files[fi].path]
            self.lines[fi] = text.splitlines(keepends=True)
        return self.lines[fi]

    def _newline(self, fi: int) -> str:
        lines = self._file_lines(fi)
        return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"

    def _block_range(self, fi: int, ii: int) -> tuple[int, int]:
        """0-based [start, end) of item ii's block, without trailing blank and comment lines."""
        from ledger.store.yamlio import item_block_range

        return item_block_range(self._file_lines(fi), self.ledger.files[fi].item_lines, ii)

    def _verified_block(self, item: Item, block: str, fi: int, column: int) -> list[str]:
        """The new block as lines of the file, once it reads back as exactly the intended item and
        sits in the sequence exactly as the block it replaces did (``readback.verify``)."""
        from ledger.store.readback import verify

        verify(block, item, column)
        text = block if self._newline(fi) == "\n" else block.replace("\n", "\r\n")
        return text.splitlines(keepends=True)

    def get(self, item_id: str) -> Item:
        return self.ledger.get(item_id)

    def ids(self) -> dict[str, tuple[int, int]]:
        """Every id (in file order), for resolving what a person typed."""
        return self.ledger.index()

    def batch_date(self, item_id: str) -> date | None:
        batch = self.ledger.batch_of(item_id)
        return batch.date if batch else None

    def replace(self, item: Item) -> None:
        from ledger.core.serialize import item_to_data
        from ledger.store import plain_blocks
        from ledger.store.readback import dash_column

        fi, ii = self.ledger.index()[item.id]
        lines = self._file_lines(fi)
        start, end = self._block_range(fi, ii)
        old_block = "".join(lines[start:end]).replace("\r\n", "\n")
        column = dash_column(old_block)
        old = self.ledger.files[fi].items[ii]
        new_block = plain_blocks.rewrite(old_block, item_to_data(old), item_to_data(item), column) \
            or _round_trip(old_block, item)  # not a plain change: ruamel's round trip
        new_lines = self._verified_block(item, new_block, fi, column)
        lines[start:end] = new_lines
        self._shift(fi, ii + 1, len(new_lines) - (end - start))
        self._note("replace", item, self.ledger.files[fi].items[ii])
        self.ledger.files[fi].items[ii] = item
        self.touched.add((fi, ii))
        self._touch(fi)

    def add(self, item: Item, fi: int) -> None:
        from ledger.core.serialize import item_to_data
        from ledger.store.blocks import dash_column, render

        if item.id in self.ledger.index():
            raise LedgerError(tr("item {id} already exists", id=item.id))
        lines = self._file_lines(fi)
        f = self.ledger.files[fi]
        column = dash_column(lines[f.item_lines[-1] - 1]) if f.items else 2
        new_lines = self._verified_block(item, render(item_to_data(item), column), fi, column)
        newline = self._newline(fi)
        if f.items:
            _, end = self._block_range(fi, len(f.items) - 1)
            insert = [newline, *new_lines]
        else:
            end, insert = self._empty_items_slot(fi)
            insert = insert + new_lines
        if end > 0 and not lines[end - 1].endswith("\n"):
            lines[end - 1] += newline
        lines[end:end] = insert
        f.item_lines.append(end + len(insert) - len(new_lines) + 1)
        f.items.append(item)
        self._shift_after(fi, end, len(insert), skip_last=True)
        self.ledger.index()[item.id] = (fi, len(f.items) - 1)
        self._note("add", item, f.path.relative_to(self.ledger.data_dir).as_posix())
        self.touched.add((fi, len(f.items) - 1))
        self._touch(fi)

    def new_file(self, path: Path, text: str, batch: Batch) -> int:
        """A new items file (``items/NAME.yaml``: a new batch, its header in ``text``, no items yet),
        written with the change; its index among the ledger's files."""
        from ledger.core.model import LedgerFile

        if path.exists() or path.is_symlink() or any(f.path == path for f in self.ledger.files):
            raise LedgerError(tr("{path} exists already", path=path))
        assert self.ledger.texts is not None
        self.ledger.files.append(LedgerFile(path, [], [], batch))
        self.ledger.texts[path] = text
        with self.held():
            path.parent.mkdir(parents=True, exist_ok=True)  # removed again if the change does not land
            self.created.add(path)
        fi = len(self.ledger.files) - 1
        self.lines[fi] = text.splitlines(keepends=True)
        self._touch(fi)
        return fi

    def add_units(self, units: list[Unit]) -> None:
        """New units, appended to departments.yaml with the change (as ``ledger units add`` writes them)."""
        from ledger.store.units import appended

        assert self.ledger.texts is not None
        old = self.units_text if self.units_text is not None else self.ledger.texts.get(self.ledger.units_path, "")
        bom = "\ufeff" if old.startswith("\ufeff") else ""
        text = old.removeprefix(bom)
        for unit in units:
            text = appended(text, unit)
        self.units_text = bom + text
        self.ledger.units = [*self.ledger.units, *units]

    def _empty_items_slot(self, fi: int) -> tuple[int, list[str]]:
        """Where the first item of a file with no items goes: after ``items:``, replacing an
        ``items: []``, or at the end with a new ``items:`` key."""
        lines = self._file_lines(fi)
        newline = self._newline(fi)
        for n, line in enumerate(lines):
            bare = line.split("#", 1)[0].rstrip()
            if bare in ("items:", "items: []"):
                lines[n] = "items:" + newline
                return n + 1, []
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += newline
        return len(lines), ["items:" + newline]

    def _shift(self, fi: int, from_item: int, delta: int) -> None:
        starts = self.ledger.files[fi].item_lines
        for k in range(from_item, len(starts)):
            starts[k] += delta

    def _shift_after(self, fi: int, line0: int, delta: int, skip_last: bool) -> None:
        starts = self.ledger.files[fi].item_lines
        for k in range(len(starts) - (1 if skip_last else 0)):
            if starts[k] - 1 >= line0:
                starts[k] += delta

    def _touch(self, fi: int) -> None:
        path = self.ledger.files[fi].path
        if path not in self.changed:
            self.changed.append(path)

    def staged(self) -> dict[Path, bytes]:
        """The new bytes of every file the change touched, once the cross-record rules pass."""
        from ledger.store.build import cross_check

        # The ledger was valid before; only the items this change touched can break a rule.
        problems = cross_check(self.ledger, {fi: "".join(lines) for fi, lines in self.lines.items()}, self.touched)
        if problems:
            raise LedgerError(problems=problems)
        out = {self.ledger.files[fi].path: "".join(lines).encode("utf-8")
               for fi, lines in self.lines.items() if self.ledger.files[fi].path in self.changed}
        if self.units_text is not None:
            out[self.ledger.units_path] = self.units_text.encode("utf-8")
        return out

    def land(self, landing: Landing, committer: Committer | None) -> None:
        """Write the change (and its commit) through ``landing``."""
        assert self.ledger.texts is not None
        written = self.staged()
        if not written:
            return
        writes = [Write(path, None if path in self.created else self.ledger.texts[path].encode("utf-8"), data)
                  for path, data in written.items()]
        finisher = committer.prepare(self, writes) if committer is not None else None
        landing.land(writes, finisher=finisher)
        self._refresh_cache(written)

    def _refresh_cache(self, written: dict[Path, bytes]) -> None:
        """Store the ledger as it now is under the new files' key, so the next read is warm."""
        if not cache.enabled():
            return
        ledger = self.ledger
        parts = []
        contents: dict[Path, bytes] = {}
        for path in [*(f.path for f in ledger.files), ledger.units_path]:
            data = written.get(path)
            if data is None:
                assert ledger.texts is not None
                data = ledger.texts[path].encode("utf-8") if path in ledger.texts else b""
            parts.append((str(path.relative_to(ledger.data_dir)), data))
            contents[path] = data
        key = cache.content_key(parts)
        fresh = replace(ledger, key=key, texts=None, _index=None)
        cache.write(ledger.data_dir, key, fresh, self.touched, contents)


def _round_trip(block: str, item: Item) -> str:
    from ledger.core.serialize import item_to_data
    from ledger.store.blocks import rewrite

    return rewrite(block, item_to_data(item))
