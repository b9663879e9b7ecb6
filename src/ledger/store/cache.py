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

The slots and their fast pickling are in ``cache_slots``; a write's journal in ``cache_journal``.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path
from typing import BinaryIO

from ledger import __version__
from ledger.core.model import Ledger
from ledger.store.cache_journal import _seen, journal_for, journal_path, read_journal, remember, write_state
from ledger.store.cache_slots import atomic, context, dump, load_slot, slot

FORMAT = 3


_run_enabled = True


def set_enabled_for_run(flag: bool) -> None:
    """``--no-cache`` for this invocation."""
    global _run_enabled
    _run_enabled = flag


def enabled() -> bool:
    return _run_enabled and os.environ.get("LEDGER_NO_CACHE", "") in ("", "0")


@functools.cache
def _code_stamp() -> str:
    """Changes whenever the installed code changes (an upgrade, or an edit in a checkout), so
    a ledger validated by older code is never served. Every module of the package counts,
    whatever subpackage it is in."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    stamps: list[str] = []
    folders = [("", package)]
    while folders:  # os.scandir, names joined by hand: os.walk and relpath cost more than the stats
        prefix, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.endswith(".py"):
                try:
                    info = entry.stat()
                except OSError:
                    continue
                stamps.append(f"{prefix}{name}:{info.st_mtime_ns}:{info.st_size}")
            elif not name.startswith((".", "__")) and entry.is_dir():
                folders.append((f"{prefix}{name}/", entry.path))
    return hashlib.sha256("|".join(sorted(stamps)).encode()).hexdigest()[:16]


def code_stamp() -> str:
    """The installed code's stamp (``_code_stamp``, taken once a run), for other caches keyed by it."""
    return _code_stamp()


def content_key(parts: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256(f"{__version__}/{FORMAT}/{_code_stamp()}".encode())
    for name, data in parts:
        digest.update(name.encode())
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def read(data_dir: Path, key: str) -> Ledger | None:
    """The cached ledger for this key, or None. Any unreadable, corrupt or foreign slot is a miss."""
    try:
        value = load_slot(slot(data_dir), key, data_dir)
        if isinstance(value, Ledger):
            remember(data_dir, value, key, {})
            return value
    except Exception:  # a damaged slot can make unpickling raise almost anything; it is only a miss
        return None
    try:
        return read_journal(data_dir, key)
    except Exception:
        return None


def write(data_dir: Path, key: str, ledger: Ledger, touched: set[tuple[int, int]] | None = None,
          contents: dict[Path, bytes] | None = None) -> None:
    """Store the ledger: only its changes (``touched``, the (file, index) of the items a write
    replaced or added) when it was read from the cache and few items changed, else a full copy.
    With the files' bytes (``contents``), a valid ledger also gets its index of blocks
    (``cache_index``), for the next one-item write. A cache that cannot be written is silently skipped."""
    found = journal_for(data_dir, ledger, touched)
    if found is not None:
        base_key, journal = found
        seen = _seen[slot(data_dir)]
        item_lines = {fi: list(ledger.files[fi].item_lines) for fi in journal}
        if write_state(data_dir, key, base_key, seen.lengths, journal, item_lines):
            remember(data_dir, ledger, base_key, journal, seen.lengths)
            _index(data_dir, key, ledger, base_key, seen.lengths, contents)
            return

    def full(fh: BinaryIO) -> None:
        fh.write(key.encode("ascii"))
        fh.write(context(data_dir, bool(ledger.problems)))
        dump(ledger, fh)

    if atomic(slot(data_dir), full):
        try:
            os.unlink(journal_path(data_dir))
        except OSError:
            pass
        remember(data_dir, ledger, key, {})
        _index(data_dir, key, ledger, key, [len(f.items) for f in ledger.files], contents)


def _index(data_dir: Path, key: str, ledger: Ledger, base_key: str, base_lengths: list[int],
           contents: dict[Path, bytes] | None) -> None:
    from ledger.store.cache_index import build_index, drop_index, write_index

    index = build_index(ledger, key, base_key, base_lengths, contents) if contents and not ledger.problems else None
    if index is None or not write_index(data_dir, index):
        drop_index(data_dir)
