"""Loading the ledger: hash the files, serve the validated copy from the cache, else build it.

A warm read unpickles the validated ledger from the cache (no YAML parser, no pydantic); a cold
read parses with the C parser, validates with pydantic, runs the cross-record checks, locates
every problem by line and column (``build``), and fills the cache.
"""

from __future__ import annotations

from pathlib import Path

from ledger.core.model import Ledger
from ledger.errors import LedgerError, Problem
from ledger.store import cache
from ledger.store.files import UNITS_FILE, item_files, read_file


def load(data_dir: Path, *, keep_text: bool = False, use_cache: bool | None = None) -> Ledger:
    """Load and validate the whole ledger; problems are collected in ``ledger.problems``."""
    paths = item_files(data_dir)
    units_path = data_dir / UNITS_FILE
    contents: dict[Path, bytes | Problem] = {p: read_file(p, data_dir) for p in [*paths, units_path]}
    parts = [(str(p.relative_to(data_dir)), c if isinstance(c, bytes) else repr(c).encode())
             for p, c in contents.items()]
    key = cache.content_key(parts)
    use_cache = cache.enabled() if use_cache is None else use_cache
    ledger = cache.read(data_dir, key) if use_cache else None
    if ledger is None:
        from ledger.store.build import build  # the cold path: YAML parser, pydantic, checks

        ledger = build(data_dir, paths, units_path, contents)
        ledger.key = key
        if use_cache:
            cache.write(data_dir, key, ledger, contents={p: c for p, c in contents.items() if isinstance(c, bytes)})
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


