"""The locked read-modify-write of the ledger: re-emit only the changed items' blocks.

Under the folder's lock, the ledger is loaded and must be valid; each change re-emits only the
changed item's block (``blocks``), checks that the new block reads back as exactly the intended
item, splices it into the text, re-runs the cross-record checks and writes the file atomically.
Nothing else in the file can change.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ledger.core.model import Item, Ledger
from ledger.errors import LedgerError
from ledger.i18n import tr
from ledger.store import cache
from ledger.store.load import load, require_valid


@contextmanager
def transaction(data_dir: Path, notices: list[str] | None = None) -> Iterator[Transaction]:
    """A locked read-modify-write of the ledger. Changes are written when the block ends
    without an exception; on any error nothing on disk changes."""
    from ledger.store.safeio import folder_lock

    with folder_lock(data_dir, notices):
        ledger = load(data_dir, keep_text=True)
        require_valid(ledger)
        txn = Transaction(ledger)
        try:
            yield txn
            txn.commit()
        except BaseException:
            for path in txn.extra_files:  # evidence copied for a change that did not land
                path.unlink(missing_ok=True)
            raise


class Transaction:
    """Changes to a loaded, valid ledger: replace an item, add an item, then commit."""

    def __init__(self, ledger: Ledger):
        self.ledger = ledger
        self.lines: dict[int, list[str]] = {}
        self.changed: list[Path] = []
        self.extra_files: list[Path] = []  # written by the caller (evidence), removed on failure
        self.touched: set[tuple[int, int]] = set()  # (file, index) of the items replaced or added

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

    def commit(self) -> None:
        from ledger.store.build import cross_check

        # The ledger was valid before; only the items this change touched can break a rule.
        problems = cross_check(self.ledger, {fi: "".join(lines) for fi, lines in self.lines.items()}, self.touched)
        if problems:
            raise LedgerError(problems=problems)
        from ledger.store.safeio import atomic_write

        written: dict[Path, bytes] = {}
        for fi, lines in self.lines.items():
            path = self.ledger.files[fi].path
            if path in self.changed:
                data = "".join(lines).encode("utf-8")
                atomic_write(path, data)
                written[path] = data
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


