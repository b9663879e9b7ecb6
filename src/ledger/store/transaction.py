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
from pathlib import Path
from typing import Protocol

from ledger.core.model import Item, Ledger
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
                interrupts: Interrupts | None = None) -> Iterator[Transaction]:
    """A locked read-modify-write of the ledger. Changes land when the block ends without an
    exception, with their commit if ``committer`` is given; on any error nothing changes.
    ``git`` finishes a commit a crashed command left half made. ``interrupts``: the caller's
    guard, to hold a late interrupt back until it has said what landed (else one of its own)."""
    from ledger.store.journal import prune
    from ledger.store.recovery import recover
    from ledger.store.safeio import folder_lock

    said = notices if notices is not None else []
    with interrupts or Interrupts() as interrupts, folder_lock(data_dir, said) as lock:
        with interrupts.held():
            recover(data_dir, said, git)
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
                    for path in txn.extra_files:  # evidence copied for a change that did not land
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
        """Read the new block back and insist it is exactly the intended item, and that it sits
        in the sequence exactly as the block it replaces did (its dash at ``column``, every other
        line indented deeper), so the file around it parses as before."""
        from ledger.store.blocks import dash_column, reads_back

        lines = block.splitlines()
        nested = all(not line.strip() or line.startswith(" " * (column + 1)) for line in lines[1:])
        if not lines or dash_column(block) != column or not lines[0][column:].startswith("- ") or not nested:
            raise LedgerError(tr("internal error: item {id} would not read back as written{detail}",
                                 id=item.id, detail=" (layout)"))
        if not reads_back(block, item):
            raise LedgerError(tr("internal error: item {id} would not read back as written{detail}",
                                 id=item.id, detail=""))
        newline = self._newline(fi)
        text = block if newline == "\n" else block.replace("\n", "\r\n")
        return text.splitlines(keepends=True)

    def get(self, item_id: str) -> Item:
        return self.ledger.get(item_id)

    def replace(self, item: Item) -> None:
        from ledger.core.serialize import item_to_data
        from ledger.store.blocks import dash_column, rewrite

        fi, ii = self.ledger.index()[item.id]
        lines = self._file_lines(fi)
        start, end = self._block_range(fi, ii)
        old_block = "".join(lines[start:end]).replace("\r\n", "\n")
        new_block = rewrite(old_block, item_to_data(item))
        new_lines = self._verified_block(item, new_block, fi, dash_column(old_block))
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
        return {self.ledger.files[fi].path: "".join(lines).encode("utf-8")
                for fi, lines in self.lines.items() if self.ledger.files[fi].path in self.changed}

    def land(self, landing: Landing, committer: Committer | None) -> None:
        """Write the change (and its commit) through ``landing``."""
        assert self.ledger.texts is not None
        written = self.staged()
        if not written:
            return
        writes = [Write(path, self.ledger.texts[path].encode("utf-8"), data) for path, data in written.items()]
        finisher = committer.prepare(self, writes) if committer is not None else None
        landing.land(writes, finisher=finisher)
        self._refresh_cache(written)

    def _refresh_cache(self, written: dict[Path, bytes]) -> None:
        """Store the ledger as it now is under the new files' key, so the next read is warm."""
        if not cache.enabled():
            return
        ledger = self.ledger
        parts = []
        for path in [*(f.path for f in ledger.files), ledger.units_path]:
            data = written.get(path)
            if data is None:
                assert ledger.texts is not None
                data = ledger.texts[path].encode("utf-8") if path in ledger.texts else b""
            parts.append((str(path.relative_to(ledger.data_dir)), data))
        key = cache.content_key(parts)
        fresh = replace(ledger, key=key, texts=None, _index=None)
        cache.write(ledger.data_dir, key, fresh, self.touched)


