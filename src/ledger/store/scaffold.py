"""A new ledger's files, written from the templates that travel inside the package (``ledger/templates/``).

``ledger init`` writes ``data/items.yaml`` (no items), ``data/departments.yaml`` (no units),
``data/settings.yaml``, a README for the new repository and the ``.gitignore`` lines for the
ledger's transient files.  A data folder that already holds any ledger file is refused before
anything is written; a README that is there is left alone, a ``.gitignore`` only gains the lines
it lacks.  Each file is written atomically.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ledger.errors import LedgerError, display_path
from ledger.i18n import msg, tr
from ledger.store.files import ITEMS_FILE, ITEMS_FOLDER, SETTINGS_FILE, UNITS_FILE
from ledger.store.safeio import atomic_write

DATA_FILES = {ITEMS_FILE: "items.yaml", UNITS_FILE: "departments.yaml", SETTINGS_FILE: "settings.yaml"}
"""The data folder's files and the template each is written from."""
LEDGER_ENTRIES = (ITEMS_FILE, ITEMS_FOLDER, UNITS_FILE, SETTINGS_FILE)


def template(name: str) -> bytes:
    """The packaged template ``name`` (``items.yaml``, ``README.md`` …)."""
    return resources.files("ledger").joinpath("templates", name).read_bytes()


def refuse_existing(root: Path, data_dir: Path) -> None:
    """Refuse, before anything is written, a folder or data folder that cannot take a new ledger."""
    if os.path.lexists(root) and not root.is_dir():
        raise LedgerError(msg("{path} is not a folder; nothing was changed", path=display_path(root)))
    if os.path.lexists(data_dir) and not data_dir.is_dir():
        raise LedgerError(msg("{path} is not a folder; nothing was changed", path=display_path(data_dir)))
    found = [name for name in LEDGER_ENTRIES if os.path.lexists(data_dir / name)]
    if found:
        raise LedgerError(msg("{path} already holds a ledger ({files}); nothing was changed",
                              path=display_path(data_dir), files=", ".join(found)))


def write_new(root: Path, data_dir: Path) -> list[str]:
    """Write the new ledger's files; what was done, one line each."""
    data_dir.mkdir(parents=True, exist_ok=True)
    done = []
    for name, source in DATA_FILES.items():
        atomic_write(data_dir / name, template(source), pause=False)
        done.append(tr("{path}: created", path=display_path(data_dir / name)))
    readme = root / "README.md"
    if os.path.lexists(readme):
        done.append(tr("{path}: already there, left alone", path=display_path(readme)))
    else:
        atomic_write(readme, template("README.md"), pause=False)
        done.append(tr("{path}: created", path=display_path(readme)))
    return [*done, _ignore(root / ".gitignore")]


def _ignore(path: Path) -> str:
    """The ledger's transient files in ``.gitignore``: the file created, or the missing lines appended."""
    wanted = template("gitignore")
    if not os.path.lexists(path):
        atomic_write(path, wanted, pause=False)
        return tr("{path}: created", path=display_path(path))
    current = path.read_bytes()
    have = {line.strip() for line in current.decode("utf-8", "replace").splitlines()}
    lines = wanted.decode("utf-8").splitlines()
    missing = [line for line in lines[1:] if line not in have]
    if not missing:
        return tr("{path}: already ignores the ledger's transient files", path=display_path(path))
    newline = b"" if not current or current.endswith(b"\n") else b"\n"
    atomic_write(path, current + newline + "".join(f"{line}\n" for line in [lines[0], *missing]).encode("utf-8"),
                 pause=False)
    return tr("{path}: added {lines}", path=display_path(path), lines=", ".join(missing))
