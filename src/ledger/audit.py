"""Git as the audit trail: one commit per change, an item's history, undo."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import LedgerError
from .i18n import tr

SETTINGS_FILE = "settings.yaml"


def _git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise LedgerError(tr("git is not installed")) from None
    if check and result.returncode != 0:
        raise LedgerError(tr("git {cmd} failed: {msg}", cmd=args[0], msg=(result.stderr or result.stdout).strip()))
    return result


def repo_root(folder: Path) -> Path:
    result = _git(folder, "rev-parse", "--show-toplevel", check=False)
    if result.returncode != 0:
        raise LedgerError(tr("{folder} is not inside a git repository", folder=folder))
    return Path(result.stdout.strip())


def wants_commit(folder: Path) -> bool:
    """``commit: true`` in ``data/settings.yaml`` makes every change a commit."""
    path = folder / SETTINGS_FILE
    if not path.exists():
        return False
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "commit":
            return value.split("#", 1)[0].strip().lower() in ("true", "yes", "on")
    return False


def commit_change(folder: Path, paths: list[Path], action: str, item_id: str, summary: str) -> str:
    """One commit holding only ``paths``, with a structured message and trailers."""
    root = repo_root(folder)
    rel = [str(p.resolve().relative_to(root.resolve())) for p in paths]
    _git(root, "add", "--", *rel)
    first = summary.splitlines()[0] if summary else ""
    message = f"{action} {item_id}: {first}"[:100] + f"\n\nLedger-Item: {item_id}\nLedger-Action: {action}\n"
    _git(root, "commit", "--quiet", "-m", message, "--", *rel)
    return _git(root, "rev-parse", "--short", "HEAD").stdout.strip()
