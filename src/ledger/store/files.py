"""Finding the data folder and its files, and reading a file's bytes safely."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ledger.errors import LedgerError, Problem
from ledger.i18n import msg

UNITS_FILE = "departments.yaml"
ITEMS_FILE = "items.yaml"
ITEMS_FOLDER = "items"
SETTINGS_FILE = "settings.yaml"


def find_data_dir(explicit: str | os.PathLike[str] | None = None, cwd: Path | None = None) -> Path:
    """``--data`` or ``LEDGER_DATA`` if given, else the ``data/`` folder of the nearest
    directory (walking up from the working directory) that has one with a ledger in it.

    The walk stops at the top of the git working tree it starts in (the first folder with a
    ``.git`` entry), so a ``data/`` planted above a repository is never used; no git is run."""
    chosen = explicit or os.environ.get("LEDGER_DATA")
    if chosen:
        path = Path(chosen)
        if not path.is_dir():
            raise LedgerError(msg("data folder {path} does not exist", path=chosen))
        if not os.path.lexists(path / ITEMS_FILE) and not (path / ITEMS_FOLDER).is_dir():
            raise LedgerError(msg("data folder {path} has no items.yaml and no items/ folder", path=chosen))
        return path
    start = cwd or Path.cwd()
    for folder in (start, *start.parents):
        candidate = folder / "data"
        if os.path.lexists(candidate / ITEMS_FILE) or (candidate / ITEMS_FOLDER).is_dir():
            return candidate
        if os.path.lexists(folder / ".git"):  # the repository's root: never look above it
            raise LedgerError(msg(
                "no data folder found: looked for data/items.yaml or data/items/ from {cwd} up to the "
                "repository's top {root}; use --data DIR or LEDGER_DATA", cwd=start, root=folder))
    raise LedgerError(msg(
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


def read_file(path: Path, data_dir: Path) -> bytes | Problem:
    shown = str(path)
    try:
        os.lstat(path)
    except FileNotFoundError:
        return Problem(shown, msg("file not found"))
    except OSError as exc:
        return Problem(shown, msg("cannot read file: {reason}", reason=exc.strerror))
    # The file, or a folder on the way to it (a linked data/items/), may lead out of the data folder.
    target = path.resolve()
    if not target.is_relative_to(data_dir.resolve()):
        return Problem(shown, msg("a link out of the data folder ({target}) is not followed", target=target))
    if not target.exists():
        return Problem(shown, msg("a link to a missing file ({target})", target=target))
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return Problem(shown, msg("not a regular file"))
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        return Problem(shown, msg("cannot read file: {reason}", reason=exc.strerror))


def decode(data: bytes, path: Path) -> str | Problem:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return Problem(str(path), msg("not valid UTF-8 (byte {offset})", offset=exc.start), line)
    return text[1:] if text.startswith("\ufeff") else text


