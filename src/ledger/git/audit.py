"""Git as the audit trail: one commit per change, an item's history, undo."""

from __future__ import annotations

from pathlib import Path

from ledger.errors import LedgerError
from ledger.git.run import git, output, repo_root
from ledger.i18n import tr

SETTINGS_FILE = "settings.yaml"


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


def commit_change(folder: Path, paths: list[Path], action: str, item_id: str, summary: str,
                  items: list[str] | None = None) -> str:
    """One commit holding only ``paths``, with a structured message (``close 2-8: …``) and
    trailers (``Ledger-Item`` for each item, ``Ledger-Action``)."""
    root = repo_root(folder)
    rel = [str(p.resolve().relative_to(root.resolve())) for p in paths]
    git(root, "add", "--", *rel)
    first = summary.splitlines()[0] if summary else ""
    trailers = "".join(f"Ledger-Item: {i}\n" for i in (items if items is not None else [item_id]))
    message = f"{action} {item_id}: {first}"[:100] + f"\n\n{trailers}Ledger-Action: {action}\n"
    git(root, "commit", "--quiet", "-m", message, "--", *rel)
    return output(git(root, "rev-parse", "--short", "HEAD")).strip()


def _ledger_paths(folder: Path, root: Path) -> list[str]:
    from ledger.store.files import ITEMS_FILE, ITEMS_FOLDER

    data = folder.resolve().relative_to(root.resolve())
    return [str(data / ITEMS_FILE), str(data / ITEMS_FOLDER)]


def _item_versions(root: Path, sha: str, paths: list[str], item_id: str) -> dict[str, object] | None:
    """The item's fields as of commit ``sha`` (None if it did not exist there)."""
    from ledger.store.yamlio import YamlProblem, parse

    listing = output(git(root, "ls-tree", "-r", "--name-only", sha, "--", *paths, check=False)).split()
    for path in listing:
        if not path.endswith((".yaml", ".yml")):
            continue
        text = output(git(root, "show", f"{sha}:{path}", check=False))
        try:
            data = parse(text).data
        except YamlProblem:
            continue
        for item in data.get("items") or []:
            if isinstance(item, dict) and str(item.get("id")) == item_id:
                return item
    return None


def history(folder: Path, item_id: str | None, limit: int = 200) -> list[dict[str, object]]:
    """Ledger commits, newest first; for one item, only the commits that changed it, with the
    fields that changed."""
    root = repo_root(folder)
    paths = _ledger_paths(folder, root)
    fmt = "%H%x1f%h%x1f%ad%x1f%an%x1f%s%x1f%(trailers:key=Ledger-Item,valueonly,separator=%x2c)"
    raw = output(git(root, "log", f"-n{limit}", "--date=short", f"--format={fmt}%x1e", "--", *paths))
    entries: list[dict[str, object]] = []
    for record in raw.split("\x1e"):
        record = record.strip("\n")
        if not record:
            continue
        sha, short, day, author, subject, items = record.split("\x1f")
        entry: dict[str, object] = {"commit": short, "date": day, "author": author, "message": subject,
                                    "items": [i for i in items.strip().split(",") if i]}
        if item_id is not None:
            after = _item_versions(root, sha, paths, item_id)
            parent = output(git(root, "rev-parse", "--verify", "--quiet", f"{sha}^", check=False)).strip()
            before = _item_versions(root, parent, paths, item_id) if parent else None
            if after == before:
                continue
            keys = sorted(set(after or {}) | set(before or {}),
                          key=lambda k: list((after or before or {}).keys()).index(k) if k in (after or {}) else 99)
            entry["changed"] = [k for k in keys if (after or {}).get(k) != (before or {}).get(k)] if before else ["added"]
        entries.append(entry)
    return entries


def undo(folder: Path) -> str:
    """Revert the newest commit if it is a ledger commit and nothing is uncommitted."""
    root = repo_root(folder)
    result = git(root, "log", "-1", "--format=%B", check=False)
    body = output(result)
    if result.returncode != 0:
        raise LedgerError(tr("there is no commit to undo"))
    if "Ledger-Action:" not in body:
        raise LedgerError(tr("the newest commit is not a ledger change; nothing undone"))
    if output(git(root, "status", "--porcelain", "--untracked-files=no")).strip():
        raise LedgerError(tr("there are uncommitted changes; commit or stash them first"))
    git(root, "revert", "--no-edit", "HEAD")
    return body.splitlines()[0]
