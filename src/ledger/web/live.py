"""The ledger a site serves, kept in memory and reloaded when a file changed (a write, ``git pull``).

Before each request the files' stat (mtime_ns, size, inode) is compared with the one the ledger
was loaded with: a change reloads through ``store.load`` (which serves the validated-ledger cache
when the content is known, else validates). Pages derived from the ledger (the dashboard's
figures) are kept per ledger version by ``memo``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ledger.core.model import Ledger
from ledger.store.files import ITEMS_FOLDER, SETTINGS_FILE, UNITS_FILE, item_files
from ledger.store.load import load, require_valid

Signature = tuple[tuple[str, int, int, int], ...]


def signature(data_dir: Path) -> Signature:
    """What the files look like on disk: name, mtime_ns, size and inode of each ledger file."""
    paths = [*item_files(data_dir), data_dir / UNITS_FILE, data_dir / SETTINGS_FILE, data_dir / ITEMS_FOLDER]
    out = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        out.append((str(path), info.st_mtime_ns, info.st_size, info.st_ino))
    return tuple(out)


class LiveLedger:
    """One data folder's ledger, loaded once and again only when its files change."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lock = threading.Lock()
        self._sig: Signature | None = None
        self._ledger: Ledger | None = None
        self._memo: dict[Any, Any] = {}
        self.loads = 0  # how many times the files were read again (tests, the benchmark)

    def get(self) -> Ledger:
        """The valid ledger as its files are now (a ``LedgerError`` with the problems if not valid)."""
        sig = signature(self.data_dir)
        with self._lock:
            if self._ledger is None or sig != self._sig:
                ledger = load(self.data_dir)
                self._ledger, self._sig, self._memo = ledger, sig, {}
                self.loads += 1
            ledger = self._ledger
        require_valid(ledger)
        return ledger

    def memo(self, key: Any, make: Callable[[], Any]) -> Any:
        """``make()`` once per ledger version and ``key`` (call ``get`` first in the same request)."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        value = make()
        with self._lock:
            if len(self._memo) > 256:
                self._memo.clear()
            self._memo[key] = value
        return value
