"""Which ledgers a server shows: one data folder, several, or a workspace file.

Which ledgers a server shows: one data folder, several (``--data A/data --data B/data``), or a
workspace file. Each is a site with its own name and URL prefix; each stays its own repository.

A workspace file is YAML::

    ledgers:
      - name: 利州区          # optional: else the folder name of the data folder's repository
        data: ../lizhou/data  # relative to the workspace file
      - data: ../zhaohua/data
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ledger.errors import LedgerError
from ledger.i18n import tr
from ledger.web.live import LiveLedger


@dataclass
class Site:
    """One ledger served: its name, data folder and the prefix of its pages (``""`` when it is the only one)."""

    name: str
    data_dir: Path
    prefix: str = ""  # as links spell it (percent-encoded)
    mount: str = ""  # as routes match it (decoded)
    live: LiveLedger = field(init=False)

    def __post_init__(self) -> None:
        self.live = LiveLedger(self.data_dir)

    def url(self, path: str = "/") -> str:
        return (self.prefix + path) if self.prefix else path


def repository_name(data_dir: Path) -> str:
    """The folder name of the repository holding ``data_dir`` (the first folder up with a ``.git``),
    else of the data folder's parent."""
    start = data_dir.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder.name
    return start.parent.name or start.name


def read_workspace(path: Path) -> list[tuple[str | None, Path]]:
    """(name or None, data folder) of each ledger a workspace file lists."""
    from ledger.store.pyyaml import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise LedgerError(tr("workspace {path}: {reason}", path=path, reason=getattr(exc, "strerror", None) or exc)) from None
    entries = data.get("ledgers") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise LedgerError(tr("workspace {path}: expected a list under ledgers:, each with data: FOLDER", path=path))
    out: list[tuple[str | None, Path]] = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("data"), str):
            raise LedgerError(tr("workspace {path}: expected a list under ledgers:, each with data: FOLDER", path=path))
        name = entry.get("name")
        out.append((str(name) if name is not None else None, (path.parent / entry["data"])))
    return out


def make_sites(ledgers: list[tuple[str | None, Path]]) -> list[Site]:
    """Sites for the ledgers; with several, each under ``/l/<name>``. Names must differ."""
    from ledger.store.files import find_data_dir

    named = [(name or repository_name(Path(find_data_dir(str(folder)))), Path(find_data_dir(str(folder))))
             for name, folder in ledgers]
    names = [n for n, _ in named]
    for n in names:
        if names.count(n) > 1 or not n.strip() or "/" in n:
            raise LedgerError(tr("two ledgers cannot both be called {name!r}: name them in a workspace file", name=n))
    if len(named) == 1:
        return [Site(named[0][0], named[0][1])]
    return [Site(n, d, "/l/" + quote(n, safe=""), "/l/" + n) for n, d in named]
