"""A commit made beside the user's index: a temporary index, the hooks, the branch moved by compare-and-swap.

``GitFinisher`` is what ``store.journal`` lands with a change: ``make`` builds the commit on a
temporary index seeded from HEAD (the hooks judge it there), ``land`` moves the branch only if
it is still where it was (``git update-ref NEW OLD``), ``finish`` brings the user's index up to
date for the committed paths only (an entry someone staged meanwhile is left alone) and runs
the post-commit hook.  ``Recovery`` finishes a commit a crash interrupted, from the journal.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ledger.errors import LedgerError, Problem
from ledger.git.run import git, output, repo_root, text
from ledger.i18n import tr

Entry = tuple[str, str]  # (mode, blob)
LITERAL = {"GIT_LITERAL_PATHSPECS": "1"}  # an evidence name with * or ? is a name, not a pattern


@dataclass
class Repo:
    """The repository a commit goes into: its top, the data folder in it, the branch and its commit."""

    root: Path
    data_rel: str
    ref: str
    head: str


def tree_entries(root: Path, commit: str, paths: list[str]) -> dict[str, Entry]:
    """The files at ``paths`` (folders recursed) in ``commit``: path → (mode, blob)."""
    if not paths:
        return {}
    raw = output(git(root, "ls-tree", "-r", "-z", commit, "--", *paths, env=LITERAL))
    found = {}
    for record in raw.split("\0"):
        meta, _, path = record.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            found[path] = (parts[0], parts[2])
    return found


def index_entries(root: Path, paths: list[str], env: dict[str, str] | None = None) -> dict[str, Entry]:
    """The entries of the index (stage 0) at ``paths``: path → (mode, blob)."""
    if not paths:
        return {}
    raw = output(git(root, "ls-files", "-s", "-z", "--", *paths, env={**LITERAL, **(env or {})}))
    found = {}
    for record in raw.split("\0"):
        meta, _, path = record.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[2] == "0":
            found[path] = (parts[0], parts[1])
    return found


def index_info(entries: list[tuple[str, str, str]], zero: str) -> bytes:
    """``git update-index -z --index-info`` input; mode "0" removes the path."""
    return b"".join(f"{mode} {zero if mode == '0' else blob}\t{path}\0".encode() for mode, blob, path in entries)


def git_path(root: Path, name: str) -> Path:
    path = Path(text(git(root, "rev-parse", "--git-path", name)))
    return path if path.is_absolute() else root / path


def run_hook(repo: Repo, name: str, args: list[str], index: Path | None) -> None:
    """Run one of the repository's hooks as ``git commit`` would (in the work tree's top, on
    ``index``); a hook that fails refuses the commit, its output shown line by line (a hook
    run after the commit, with no ``index``, cannot refuse it)."""
    hook = git_path(repo.root, f"hooks/{name}")
    if not hook.is_file() or not os.access(hook, os.X_OK):
        return
    env = {**os.environ, "GIT_EDITOR": ":"}
    if index is not None:
        env["GIT_INDEX_FILE"] = str(index)
    try:
        result = subprocess.run([str(hook), *args], cwd=repo.root, env=env, capture_output=True,
                                stdin=subprocess.DEVNULL, check=False)
    except OSError as exc:
        if index is None:
            return
        raise LedgerError(tr("the {hook} hook could not run: {reason}; nothing was changed", hook=name,
                             reason=exc.strerror)) from None
    if result.returncode != 0 and index is not None:
        said = (result.stdout + result.stderr).decode("utf-8", "replace").splitlines()
        raise LedgerError(tr("the {hook} hook refused the commit; nothing was changed", hook=name),
                          problems=[Problem(f"{name} hook", line) for line in said if line.strip()])


@dataclass
class GitFinisher:
    """One commit of a change (``store.journal.Finisher``): ``entries`` are (mode, blob, path) to
    put in the tree on top of HEAD (mode "0" removes a path), ``old`` the entries HEAD had there."""

    repo: Repo
    entries: list[tuple[str, str, str]]
    old: dict[str, Entry | None]
    message: str
    tree: str | None = None  # the whole tree, when known (an undo restores its parent's)
    new: str | None = None
    tmp: Path | None = field(default=None, repr=False)

    def make(self, hooks: bool = True) -> str:
        """Build the commit on a temporary index, let the hooks judge it, make it; its short id."""
        root, head = self.repo.root, self.repo.head
        self.tmp = Path(tempfile.mkdtemp(prefix="ledger-index-"))
        index = self.tmp / "index"
        env = {"GIT_INDEX_FILE": str(index)}
        git(root, "read-tree", self.tree or head, env=env)
        if self.tree is None:
            git(root, "update-index", "-z", "--index-info", stdin=index_info(self.entries, "0" * len(head)), env=env)
        tree = text(git(root, "write-tree", env=env))
        if hooks:
            run_hook(self.repo, "pre-commit", [], index)
            if text(git(root, "write-tree", env=env)) != tree:
                raise LedgerError(tr("the pre-commit hook changed what is staged for the commit; nothing was changed"))
            edit = self.tmp / "COMMIT_EDITMSG"
            edit.write_text(self.message, encoding="utf-8")
            run_hook(self.repo, "commit-msg", [str(edit)], index)
            self.message = edit.read_text(encoding="utf-8")
        sign = ["-S"] if text(git(root, "config", "--type=bool", "commit.gpgSign", check=False)) == "true" else []
        self.new = text(git(root, "commit-tree", tree, "-p", head, *sign, "-F", "-", stdin=self.message.encode("utf-8")))
        return text(git(root, "rev-parse", "--short", self.new))

    def journal(self) -> dict[str, Any]:
        return {"ref": self.repo.ref, "old": self.repo.head, "new": self.new,
                "index": [[mode, blob, path, *(self.old.get(path) or (None, None))] for mode, blob, path in self.entries]}

    def land(self) -> None:
        assert self.new is not None
        subject = self.message.split("\n", 1)[0]
        moved = git(self.repo.root, "update-ref", "-m", f"commit: {subject}", self.repo.ref, self.new, self.repo.head,
                    check=False, detached=True)
        if moved.returncode != 0:
            raise LedgerError(tr("the branch {branch} moved while this command ran (another commit was made); nothing "
                                 "was changed: run the command again", branch=self.repo.ref.removeprefix("refs/heads/")))

    def unland(self) -> None:
        assert self.new is not None
        git(self.repo.root, "update-ref", self.repo.ref, self.repo.head, self.new, check=False, detached=True)

    def finish(self) -> tuple[bool, list[str]]:
        done = update_index(self.repo.root, self.entries, self.old, len(self.repo.head))
        run_hook(self.repo, "post-commit", [], None)
        return done

    def cleanup(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def update_index(root: Path, entries: list[tuple[str, str, str]], old: dict[str, Entry | None],
                 hash_len: int) -> tuple[bool, list[str]]:
    """Set the user's index entries of the committed paths to the commit's, where they still are
    what HEAD had (an entry staged meanwhile is left, and said). False: git's index was busy."""
    now = index_entries(root, [path for _, _, path in entries])
    todo, left = [], []
    for mode, blob, path in entries:
        target = None if mode == "0" else (mode, blob)
        if now.get(path) == target:
            continue
        (todo if now.get(path) == old.get(path) else left).append((mode, blob, path))
    notices = []
    if todo:
        data = index_info(todo, "0" * hash_len)
        for _ in range(60):  # git's index.lock is held only briefly (a git status elsewhere, say)
            result = git(root, "update-index", "-z", "--index-info", stdin=data, check=False, detached=True, env=LITERAL)
            if result.returncode == 0:
                break
            time.sleep(0.05)
        else:
            paths = " ".join(path for _, _, path in todo)
            return False, [tr("the commit is made, but git's index could not be updated ({reason}); the next ledger "
                              "command updates it, or run: git reset -q -- {paths}",
                              reason=text(result, err=True), paths=paths)]
    if left:
        paths = " ".join(path for _, _, path in left)
        notices.append(tr("{paths}: staged meanwhile, left as staged; to stage the commit's version instead, run: "
                          "git reset -q -- {paths}", paths=paths))
    return True, notices


HEX = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


class Recovery:
    """Finishing a commit a crashed command began (``store.journal.GitRecovery``)."""

    def _checked(self, data_dir: Path, part: dict[str, Any]) -> tuple[Path, dict[str, Any]]:
        ref, old, new, index = part.get("ref"), part.get("old"), part.get("new"), part.get("index")
        ok = (isinstance(ref, str) and ref.startswith("refs/heads/") and ".." not in ref and isinstance(index, list)
              and all(isinstance(v, str) and HEX.fullmatch(v) for v in (old, new)))
        for entry in index if isinstance(index, list) else []:
            ok = ok and isinstance(entry, list) and len(entry) == 5 and entry[0] in ("0", "100644", "100755") \
                and isinstance(entry[1], str) and HEX.fullmatch(entry[1]) is not None and isinstance(entry[2], str)
        if not ok:
            raise LedgerError(tr("{path} is not a journal this tool wrote; look at it, then remove it",
                                 path=data_dir / ".ledger-journal"))
        return repo_root(data_dir), part

    def decide(self, data_dir: Path, part: dict[str, Any]) -> bool:
        root, part = self._checked(data_dir, part)
        current = text(git(root, "rev-parse", "-q", "--verify", part["ref"], check=False))
        if current == part["new"]:
            return True
        if current != part["old"]:
            return False
        return git(root, "update-ref", part["ref"], part["new"], part["old"], check=False, detached=True).returncode == 0

    def finish(self, data_dir: Path, part: dict[str, Any]) -> list[str]:
        root, part = self._checked(data_dir, part)
        entries = [(e[0], e[1], e[2]) for e in part["index"]]
        old = {e[2]: (e[3], e[4]) if e[3] else None for e in part["index"]}
        _, notices = update_index(root, entries, old, len(part["old"]))
        return notices
