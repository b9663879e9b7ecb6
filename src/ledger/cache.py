"""The validated-ledger cache: a pickle of the loaded ledger, keyed by the content hash.

The key is the sha256 of every data file's name and bytes (plus the tool's version and the
interface language, since messages are stored translated), so a cached copy can never be stale:
any edit, by hand or by git, changes the key and the next read parses the files again.  One
slot per data folder lives in the user's cache folder, outside the repository, so it never
shows in a diff.  ``LEDGER_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from . import __version__

FORMAT = 1


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
    a ledger validated by older code is never served."""
    package = Path(__file__).parent
    stamps = []
    for folder in (package, package / "commands", package / "render"):
        try:
            with os.scandir(folder) as entries:
                stamps += [f"{e.name}:{e.stat().st_mtime_ns}:{e.stat().st_size}" for e in entries if e.name.endswith(".py")]
        except OSError:
            continue
    return hashlib.sha256("|".join(sorted(stamps)).encode()).hexdigest()[:16]


def content_key(parts: list[tuple[str, bytes]], lang: str) -> str:
    digest = hashlib.sha256(f"{__version__}/{FORMAT}/{lang}/{_code_stamp()}".encode())
    for name, data in parts:
        digest.update(name.encode())
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _slot(data_dir: Path) -> Path:
    tag = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:24]
    return cache_folder() / f"{tag}.pickle"


def read(data_dir: Path, key: str) -> Any | None:
    """The cached value for this key, or None. Any unreadable or foreign slot is a miss."""
    try:
        with open(_slot(data_dir), "rb") as fh:
            if fh.read(64).decode("ascii", "replace") != key:
                return None
            gc.disable()  # unpickling builds many small objects; the collector only slows it
            try:
                return pickle.load(fh)
            finally:
                gc.enable()
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
        return None


def write(data_dir: Path, key: str, value: Any) -> None:
    """Store the value; a cache that cannot be written is silently skipped."""
    slot = _slot(data_dir)
    tmp = slot.with_name(f".{slot.name}.{os.getpid()}.tmp")
    try:
        slot.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(key.encode("ascii"))
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, slot)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
