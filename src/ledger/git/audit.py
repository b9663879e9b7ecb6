"""Git as the audit trail: whether a change is committed, and an item's history from the commits."""

from __future__ import annotations

from pathlib import Path

from ledger.git.run import git, output, repo_root


def wants_commit(folder: Path) -> bool:
    """``commit: true`` in ``data/settings.yaml`` makes every change a commit."""
    from ledger.store.settings import read_settings

    return read_settings(folder).commit


def _ledger_paths(folder: Path, root: Path) -> list[str]:
    from ledger.store.files import ITEMS_FILE, ITEMS_FOLDER

    data = folder.resolve().relative_to(root.resolve())
    return [str(data / ITEMS_FILE), str(data / ITEMS_FOLDER)]


def _item_versions(root: Path, sha: str, paths: list[str], item_id: str) -> dict[str, object] | None:
    """The item's fields as of commit ``sha`` (None if it did not exist there)."""
    from ledger.store.yamlio import YamlProblem, parse

    listing = output(git(root, "ls-tree", "-r", "-z", "--name-only", sha, "--", *paths, check=False)).split("\0")
    for path in listing:
        if not path.endswith((".yaml", ".yml")):
            continue
        text = output(git(root, "show", f"{sha}:{path}", check=False))
        try:
            data = parse(text).data
        except (YamlProblem, ValueError, RecursionError):
            continue  # a file that was broken in that commit has no version of the item
        items = data.get("items") if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and str(item.get("id")) == item_id:
                return item
    return None


def history(folder: Path, item_id: str | None, limit: int = 200) -> list[dict[str, object]]:
    """Ledger commits, newest first; for one item, only the commits that changed it, with the
    fields that changed. Fields come NUL-separated (a message may hold any other character)."""
    root = repo_root(folder)
    paths = _ledger_paths(folder, root)
    fmt = "%H%x00%h%x00%ad%x00%an%x00%s%x00%(trailers:key=Ledger-Item,valueonly,separator=%x2c)%x00"
    raw = output(git(root, "log", f"-n{limit}", "--date=short", f"--format={fmt}", "--", *paths))
    tokens = raw.split("\0")
    entries: list[dict[str, object]] = []
    for k in range(0, len(tokens) - 5, 6):
        sha, short, day, author, subject, items = tokens[k:k + 6]
        sha = sha.strip()
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
            entry["changed"] = (["added"] if before is None else ["removed"] if after is None
                                else [k for k in keys if after.get(k) != before.get(k)])
        entries.append(entry)
    return entries
