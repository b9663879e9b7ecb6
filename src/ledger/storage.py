"""Finding, loading and saving the ledger.

Reading: the files' bytes are hashed; a warm read unpickles the validated ledger from the cache
(no YAML parser, no pydantic); a cold read parses with the C parser, validates with pydantic,
runs the cross-record checks, locates every problem by line and column, and fills the cache.

Writing (``transaction``): under the folder's lock, the ledger is loaded and must be valid; each
change re-emits only the changed item's block (``blocks``), checks that the new block reads back
as exactly the intended item, splices it into the text, re-runs the cross-record checks and
writes the file atomically.  Nothing else in the file can change.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from . import cache
from .errors import LedgerError, Problem, display_path
from .i18n import language, tr
from .model import Batch, Item, Unit

UNITS_FILE = "departments.yaml"
ITEMS_FILE = "items.yaml"
ITEMS_FOLDER = "items"


# ----------------------------------------------------------------------------- finding the data

def find_data_dir(explicit: str | os.PathLike[str] | None = None, cwd: Path | None = None) -> Path:
    """``--data`` or ``LEDGER_DATA`` if given, else the ``data/`` folder of the nearest
    directory (walking up from the working directory) that has one with a ledger in it."""
    chosen = explicit or os.environ.get("LEDGER_DATA")
    if chosen:
        path = Path(chosen)
        if not path.is_dir():
            raise LedgerError(tr("data folder {path} does not exist", path=chosen))
        if not os.path.lexists(path / ITEMS_FILE) and not (path / ITEMS_FOLDER).is_dir():
            raise LedgerError(tr("data folder {path} has no items.yaml and no items/ folder", path=chosen))
        return path
    start = cwd or Path.cwd()
    for folder in (start, *start.parents):
        candidate = folder / "data"
        if os.path.lexists(candidate / ITEMS_FILE) or (candidate / ITEMS_FOLDER).is_dir():
            return candidate
    raise LedgerError(tr(
        "no data folder found: looked for data/items.yaml or data/items/ from {cwd} upwards; "
        "use --data DIR or LEDGER_DATA", cwd=start))


def item_files(data_dir: Path) -> list[Path]:
    """``items.yaml`` first, then ``items/*.yaml`` in name order (one file per batch, say)."""
    files = []
    if (data_dir / ITEMS_FILE).exists() or (data_dir / ITEMS_FILE).is_symlink():
        files.append(data_dir / ITEMS_FILE)
    folder = data_dir / ITEMS_FOLDER
    if folder.is_dir():
        files += sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))
    return files


# ----------------------------------------------------------------------------- the loaded ledger

@dataclass(slots=True)
class LedgerFile:
    """One items file: its batch, its question prompts, its items and where each block starts."""

    path: Path
    items: list[Item]
    item_lines: list[int]
    batch: Batch | None = None
    questions: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Ledger:
    data_dir: Path
    files: list[LedgerFile]
    units_path: Path
    units: list[Unit]
    problems: list[Problem]
    key: str = ""
    texts: dict[Path, str] | None = None  # only kept for a write; never cached
    _index: dict[str, tuple[int, int]] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"data_dir": self.data_dir, "files": self.files, "units_path": self.units_path,
                "units": self.units, "problems": self.problems, "key": self.key}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.texts = None
        self._index = None

    @property
    def items(self) -> list[Item]:
        out: list[Item] = []
        for f in self.files:
            out.extend(f.items)
        return out

    def index(self) -> dict[str, tuple[int, int]]:
        if self._index is None:
            self._index = {}
            for fi, f in enumerate(self.files):
                for ii, item in enumerate(f.items):
                    self._index.setdefault(item.id, (fi, ii))
        return self._index

    def get(self, item_id: str) -> Item:
        where = self.index().get(item_id)
        if where is None:
            raise LedgerError(unknown_id_message(item_id, list(self.index())))
        return self.files[where[0]].items[where[1]]

    def batch_of(self, item_id: str) -> Batch | None:
        fi, _ = self.index()[item_id]
        return self.files[fi].batch

    def unit_names(self) -> dict[str, str]:
        """Every unit name and alias → the unit's name."""
        table: dict[str, str] = {}
        for unit in self.units:
            for name in (unit.name, *unit.aliases):
                table.setdefault(name, unit.name)
        return table


def unknown_id_message(item_id: str, ids: list[str]) -> str:
    near = difflib.get_close_matches(item_id, ids, n=3, cutoff=0.5)
    if near:
        return tr("unknown item {id!r}; nearest: {near}", id=item_id, near=", ".join(near))
    return tr("unknown item {id!r}", id=item_id)


# ----------------------------------------------------------------------------- reading

def _read(path: Path, data_dir: Path) -> bytes | Problem:
    shown = str(path)
    try:
        os.lstat(path)
    except FileNotFoundError:
        return Problem(shown, tr("file not found"))
    except OSError as exc:
        return Problem(shown, tr("cannot read file: {reason}", reason=exc.strerror))
    # The file, or a folder on the way to it (a linked data/items/), may lead out of the data folder.
    target = path.resolve()
    if not target.is_relative_to(data_dir.resolve()):
        return Problem(shown, tr("a link out of the data folder ({target}) is not followed", target=target))
    if not target.exists():
        return Problem(shown, tr("a link to a missing file ({target})", target=target))
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return Problem(shown, tr("not a regular file"))
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        return Problem(shown, tr("cannot read file: {reason}", reason=exc.strerror))


def decode(data: bytes, path: Path) -> str | Problem:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return Problem(str(path), tr("not valid UTF-8 (byte {offset})", offset=exc.start), line)
    return text[1:] if text.startswith("\ufeff") else text


def load(data_dir: Path, *, keep_text: bool = False, use_cache: bool | None = None) -> Ledger:
    """Load and validate the whole ledger; problems are collected in ``ledger.problems``."""
    paths = item_files(data_dir)
    units_path = data_dir / UNITS_FILE
    contents: dict[Path, bytes | Problem] = {p: _read(p, data_dir) for p in [*paths, units_path]}
    parts = [(str(p.relative_to(data_dir)), c if isinstance(c, bytes) else repr(c).encode())
             for p, c in contents.items()]
    key = cache.content_key(parts, language())
    use_cache = cache.enabled() if use_cache is None else use_cache
    ledger = cache.read(data_dir, key) if use_cache else None
    if ledger is None or not isinstance(ledger, Ledger):
        from .loading import build  # the cold path: YAML parser, pydantic, checks

        ledger = build(data_dir, paths, units_path, contents)
        ledger.key = key
        if use_cache:
            cache.write(data_dir, key, ledger)
    if keep_text:
        ledger.texts = {}
        for path, content in contents.items():
            if isinstance(content, bytes):
                try:
                    ledger.texts[path] = content.decode("utf-8")  # keeps a BOM, if any, as it was
                except UnicodeDecodeError:
                    pass  # already a problem of the ledger
    return ledger


def require_valid(ledger: Ledger) -> None:
    if ledger.problems:
        raise LedgerError(problems=ledger.problems)


# ----------------------------------------------------------------------------- writing

@contextmanager
def transaction(data_dir: Path, notices: list[str] | None = None) -> Iterator[Transaction]:
    """A locked read-modify-write of the ledger. Changes are written when the block ends
    without an exception; on any error nothing on disk changes."""
    from .safeio import folder_lock

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
        from .yamlio import item_block_range

        return item_block_range(self._file_lines(fi), self.ledger.files[fi].item_lines, ii)

    def _verified_block(self, item: Item, block: str, fi: int, column: int) -> list[str]:
        """Read the new block back and insist it is exactly the intended item, and that it sits
        in the sequence exactly as the block it replaces did (its dash at ``column``, every other
        line indented deeper), so the file around it parses as before."""
        from .blocks import WRAPPER, dash_column
        from .serialize import item_to_data, without_defaults
        from .yamlio import YamlProblem, parse

        lines = block.splitlines()
        nested = all(not line.strip() or line.startswith(" " * (column + 1)) for line in lines[1:])
        if not lines or dash_column(block) != column or not lines[0][column:].startswith("- ") or not nested:
            raise LedgerError(tr("internal error: item {id} would not read back as written{detail}",
                                 id=item.id, detail=" (layout)"))
        try:
            back = without_defaults(parse(WRAPPER + block.replace("\r\n", "\n")).data["items"][0])
        except (YamlProblem, KeyError, IndexError, TypeError):
            back = None
        if back != item_to_data(item, dates_as_text=True):
            raise LedgerError(tr("internal error: item {id} would not read back as written{detail}",
                                 id=item.id, detail=""))
        newline = self._newline(fi)
        text = block if newline == "\n" else block.replace("\n", "\r\n")
        return text.splitlines(keepends=True)

    def get(self, item_id: str) -> Item:
        return self.ledger.get(item_id)

    def replace(self, item: Item) -> None:
        from .blocks import dash_column, rewrite
        from .serialize import item_to_data

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
        from .blocks import dash_column, render
        from .serialize import item_to_data

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
        from .loading import cross_check

        # The ledger was valid before; only the items this change touched can break a rule.
        problems = cross_check(self.ledger, {fi: "".join(lines) for fi, lines in self.lines.items()}, self.touched)
        if problems:
            raise LedgerError(problems=problems)
        from .safeio import atomic_write

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
        key = cache.content_key(parts, language())
        fresh = replace(ledger, key=key, texts=None, _index=None)
        cache.write(ledger.data_dir, key, fresh)


def today() -> date:
    """The one place the tool reads the clock; ``LEDGER_TODAY`` pins it (tests, demos)."""
    pinned = os.environ.get("LEDGER_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()


__all__ = ["Ledger", "LedgerFile", "Transaction", "display_path", "find_data_dir", "load", "transaction"]
