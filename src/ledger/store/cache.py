"""The validated-ledger cache: a pickle of the loaded ledger, keyed by the content hash.

The key is the sha256 of every data file's name and bytes (plus the tool's version and a stamp
of its code; problems are stored as untranslated templates, so the language is not part of it),
so a cached copy can never be stale:
any edit, by hand or by git, changes the key and the next read parses the files again.  One
slot per data folder lives in the user's cache folder, outside the repository, so it never
shows in a diff.  ``LEDGER_NO_CACHE=1`` turns it off.

A slot also records how the data folder was spelled (``data`` or ``/repo/data``: the loaded
ledger keeps its paths as given) and, when the ledger has problems, the working directory
(some messages name a path relative to it); a read that differs in either is a miss.  Anything
wrong with a slot (truncated, corrupt, foreign) is a miss too, never an error.

The model's frozen dataclasses are pickled as ``Class(*fields)`` rather than through the
dataclass ``__getstate__``/``__setstate__`` pair, which walks ``fields()`` for every object:
on 10,000 items that halves the unpickling (61 → 36 ms) and cuts the pickling by a third.

A write stores only its changes, in a journal beside the full copy (see "the journal" below):
a close-out of 100,000 items no longer pickles them all again (0.8 s).
"""

from __future__ import annotations

import copyreg
import dataclasses
import gc
import hashlib
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any, BinaryIO

from ledger import __version__
from ledger.core.model import Item, Ledger, Unit

FORMAT = 3


_run_enabled = True


def set_enabled_for_run(flag: bool) -> None:
    """``--no-cache`` for this invocation."""
    global _run_enabled
    _run_enabled = flag


def enabled() -> bool:
    return _run_enabled and os.environ.get("LEDGER_NO_CACHE", "") in ("", "0")


def cache_folder() -> Path:
    explicit = os.environ.get("LEDGER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ledger"


def _code_stamp() -> str:
    """Changes whenever the installed code changes (an upgrade, or an edit in a checkout), so
    a ledger validated by older code is never served. Every module of the package counts,
    whatever subpackage it is in."""
    package = Path(__file__).resolve().parent.parent
    stamps = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = [d for d in dirs if not d.startswith((".", "__"))]
        for name in files:
            if name.endswith(".py"):
                try:
                    info = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                stamps.append(f"{os.path.relpath(folder, package)}/{name}:{info.st_mtime_ns}:{info.st_size}")
    return hashlib.sha256("|".join(sorted(stamps)).encode()).hexdigest()[:16]


def content_key(parts: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256(f"{__version__}/{FORMAT}/{_code_stamp()}".encode())
    for name, data in parts:
        digest.update(name.encode())
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _slot(data_dir: Path) -> Path:
    tag = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:24]
    return cache_folder() / f"{tag}.pickle"


def _context(data_dir: Path, with_cwd: bool) -> bytes:
    """What besides the files' content a cached ledger depends on: the data folder's spelling,
    and the working directory if the ledger carries problem messages."""
    where = f"{data_dir}\0{os.getcwd() if with_cwd else ''}"
    return (b"W" if with_cwd else b"-") + hashlib.sha256(where.encode()).hexdigest().encode("ascii")


HEADER = 64 + 1 + 64


def _reducers() -> dict[type, Callable[[Any], tuple[Any, ...]]]:
    """``Class(*fields)`` for every frozen dataclass of the model and for ``Problem``."""
    from ledger import errors
    from ledger.core import model

    table: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
    for cls in [*vars(model).values(), errors.Problem]:
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen):  # type: ignore[attr-defined]
            continue
        names = [f.name for f in dataclasses.fields(cls) if f.init]
        if len(names) != len(dataclasses.fields(cls)):
            continue
        get = attrgetter(*names)
        if len(names) == 1:
            table[cls] = lambda obj, cls=cls, get=get: (cls, (get(obj),))
        else:
            table[cls] = lambda obj, cls=cls, get=get: (cls, get(obj))
    return table


_dispatch: dict[type, Any] | None = None


def dump(value: Any, fh: BinaryIO) -> None:
    """Pickle ``value`` into ``fh`` with the model's fast reducers."""
    global _dispatch
    if _dispatch is None:
        _dispatch = {**copyreg.dispatch_table, **_reducers()}
    pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch
    enabled = gc.isenabled()
    gc.disable()  # the reducers' tuples would set off collections that walk every item: half the time
    try:
        pickler.dump(value)
    finally:
        if enabled:
            gc.enable()


def _load_slot(path: Path, key: str, data_dir: Path) -> Any | None:
    """The pickled value after a header naming ``key`` (and this data folder), else None."""
    with open(path, "rb") as fh:
        header = fh.read(HEADER)
        if header[:64].decode("ascii", "replace") != key:
            return None
        if header[64:] != _context(data_dir, header[64:65] == b"W"):
            return None
        gc.disable()  # unpickling builds many small objects; the collector only slows it
        try:
            value = pickle.load(fh)
            # Kept for the whole run and free of cycles: move them out of the collector's sight,
            # or its next passes walk every item again (about 10% of a warm read at 10,000 items).
            gc.freeze()
            return value
        finally:
            gc.enable()


# ----------------------------------------------------------------------------- the journal
#
# A write changes one item of thousands, but pickling the whole ledger again costs 70 ms at 10,000
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


def _journal_path(data_dir: Path) -> Path:
    return _slot(data_dir).with_suffix(".journal")


def _remember(data_dir: Path, ledger: Ledger, base_key: str, journal: dict[int, dict[int, Item]],
              lengths: list[int] | None = None) -> None:
    _seen.clear()  # one data folder a run: keep no older ledger alive
    files = ledger.files
    _seen[_slot(data_dir)] = _Seen(
        base_key, journal, lengths if lengths is not None else [len(f.items) for f in files],
        [(f.path, f.batch, f.questions) for f in files], ledger.units)


def _journal_for(data_dir: Path, ledger: Ledger,
                 touched: set[tuple[int, int]] | None) -> tuple[str, dict[int, dict[int, Item]]] | None:
    """The cumulative changes of ``ledger`` since the full copy it was read from: the journal it
    was read with plus the items this write ``touched``; None when a full copy is due."""
    seen = _seen.get(_slot(data_dir))
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
    total = sum(len(c) for c in journal.values())
    if total > max(JOURNAL_LIMIT, 0) or total > JOURNAL_SHARE * max(sum(len(f.items) for f in files), 1) + 50:
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


def _read_journal(data_dir: Path, key: str) -> Ledger | None:
    with open(_journal_path(data_dir), "rb") as fh:
        header = fh.read(HEADER + 64)
        if header[:64].decode("ascii", "replace") != key or header[64:HEADER] != _context(data_dir, False):
            return None
        base_key = header[HEADER:].decode("ascii", "replace")
        lengths, journal, item_lines = pickle.load(fh)
    base = _load_slot(_slot(data_dir), base_key, data_dir)
    if not isinstance(base, Ledger):
        return None
    value = _apply(base, key, lengths, journal, item_lines)
    if value is not None:
        _remember(data_dir, value, base_key, journal, lengths)
    return value


def read(data_dir: Path, key: str) -> Ledger | None:
    """The cached ledger for this key, or None. Any unreadable, corrupt or foreign slot is a miss."""
    try:
        value = _load_slot(_slot(data_dir), key, data_dir)
        if isinstance(value, Ledger):
            _remember(data_dir, value, key, {})
            return value
    except Exception:  # a damaged slot can make unpickling raise almost anything; it is only a miss
        return None
    try:
        return _read_journal(data_dir, key)
    except Exception:
        return None


def _atomic(path: Path, write_body: Callable[[BinaryIO], None]) -> bool:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            write_body(fh)
        os.replace(tmp, path)
        return True
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def write(data_dir: Path, key: str, ledger: Ledger, touched: set[tuple[int, int]] | None = None) -> None:
    """Store the ledger: only its changes (``touched``, the (file, index) of the items a write
    replaced or added) when it was read from the cache and few items changed, else a full copy.
    A cache that cannot be written is silently skipped."""
    found = _journal_for(data_dir, ledger, touched)
    if found is not None:
        base_key, journal = found
        seen = _seen[_slot(data_dir)]
        item_lines = {fi: list(ledger.files[fi].item_lines) for fi in journal}

        def body(fh: BinaryIO) -> None:
            fh.write(key.encode("ascii"))
            fh.write(_context(data_dir, False))
            fh.write(base_key.encode("ascii"))
            dump((seen.lengths, journal, item_lines), fh)

        if _atomic(_journal_path(data_dir), body):
            _remember(data_dir, ledger, base_key, journal, seen.lengths)
            return

    def full(fh: BinaryIO) -> None:
        fh.write(key.encode("ascii"))
        fh.write(_context(data_dir, bool(ledger.problems)))
        dump(ledger, fh)

    if _atomic(_slot(data_dir), full):
        try:
            os.unlink(_journal_path(data_dir))
        except OSError:
            pass
        _remember(data_dir, ledger, key, {})
