"""Committing exactly one change: git's preconditions first, then the commit made from the computed content.

``Commit.start`` checks everything git needs before anything is written (a work tree, an
identity, no merge or rebase in progress, a branch with a commit).  ``prepare`` runs under the
ledger's lock once the change is computed: the committed version of each file is the last
commit's with only this change in it (``content``), so other uncommitted edits stay out of it;
the blobs go into a temporary index seeded from HEAD, the pre-commit and commit-msg hooks judge
that would-be commit, and ``git commit-tree`` makes it.  The branch moves (compare-and-swap)
only when the change lands, with its files (``store.journal``); the user's own index is never
replaced, only its entries for the committed files are brought up to date.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ledger.errors import LedgerError, Problem
from ledger.git.plumbing import GitFinisher, Repo, index_entries, tree_entries
from ledger.git.run import git, output, relative, repo_root, text
from ledger.i18n import tr
from ledger.store.journal import Write
from ledger.store.transaction import Transaction

IN_PROGRESS = {"MERGE_HEAD": "a merge", "CHERRY_PICK_HEAD": "a cherry-pick", "REVERT_HEAD": "a revert",
               "rebase-merge": "a rebase", "rebase-apply": "a rebase (or git am)"}


def preflight(folder: Path) -> Repo:
    """Everything a commit needs from git, checked before anything is written."""
    root = repo_root(folder)
    data_rel = relative(folder, root)
    args = [arg for name in IN_PROGRESS for arg in ("--git-path", name)]
    paths = output(git(root, "rev-parse", *args)).splitlines()
    for what, path in zip(IN_PROGRESS.values(), paths, strict=True):
        if os.path.lexists(path if os.path.isabs(path) else root / path):
            raise LedgerError(tr("{what} is in progress in this repository: finish it or abort it first, then run the "
                                 "command again; nothing was changed", what=tr(what)))
    for var in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
        if git(root, "var", var, check=False).returncode != 0:
            raise LedgerError(tr('git does not know who you are: set it with git config user.name "Your Name" and '
                                 "git config user.email you@example.org; nothing was changed"))
    ref = output(git(root, "symbolic-ref", "-q", "HEAD", check=False)).strip()
    if not ref.startswith("refs/heads/"):
        raise LedgerError(tr("HEAD is not on a branch (detached): switch to a branch first (git switch BRANCH); "
                             "nothing was changed"))
    head = output(git(root, "rev-parse", "-q", "--verify", "HEAD^{commit}", check=False)).strip()
    if not head:
        raise LedgerError(tr("the branch {branch} has no commit yet: commit the ledger files first "
                             "(git add {data} && git commit); nothing was changed",
                             branch=ref.removeprefix("refs/heads/"), data=data_rel))
    return Repo(root, data_rel, ref, head)


def message(action: str, item_id: str, summary: str, items: list[str] | None = None) -> str:
    """``close 2-8: closed by 张三`` and the trailers ``Ledger-Item`` (each item), ``Ledger-Action``."""
    first = summary.splitlines()[0] if summary else ""
    trailers = "".join(f"Ledger-Item: {i}\n" for i in (items if items is not None else [item_id]))
    return f"{action} {item_id}: {first}"[:100] + f"\n\n{trailers}Ledger-Action: {action}\n"


@dataclass
class Commit:
    """The commit of one transaction (``store.transaction.Committer``)."""

    repo: Repo
    text: str = ""
    sha: str | None = None  # short, once made

    @classmethod
    def start(cls, folder: Path) -> Commit:
        return cls(preflight(folder))

    def describe(self, action: str, item_id: str, summary: str, items: list[str] | None = None) -> None:
        self.text = message(action, item_id, summary, items)

    def prepare(self, txn: Transaction, writes: list[Write]) -> GitFinisher:
        # Asked again under the lock: while this command waited for it, another may have committed.
        repo = self.repo = preflight(txn.ledger.data_dir)
        files = content(repo, txn, writes)
        evidence = self._evidence(txn)
        head = tree_entries(repo.root, repo.head, [*files, *evidence])
        entries: list[tuple[str, str, str]] = []
        for rel, data in files.items():
            blob = text(git(repo.root, "hash-object", "-w", f"--path={rel}", "--stdin", stdin=data))
            entries.append((head[rel][0] if rel in head else "100644", blob, rel))
        evidence = [rel for rel in evidence if rel not in head]
        if evidence:
            listed = "".join(f"{rel}\n" for rel in evidence).encode("utf-8")
            blobs = output(git(repo.root, "hash-object", "-w", "--stdin-paths", stdin=listed)).split()
            entries += [("100644", blob, rel) for blob, rel in zip(blobs, evidence, strict=True)]
        staged = index_entries(repo.root, [rel for _, _, rel in entries])
        for mode, blob, rel in entries:  # never sweep in what the user staged
            if staged.get(rel) not in (head.get(rel), (mode, blob)):
                raise LedgerError(tr("{path} has staged changes: commit them, or unstage them (git restore --staged "
                                     "{path}), then run the command again; nothing was changed", path=rel))
        finisher = GitFinisher(repo, entries, {rel: head.get(rel) for _, _, rel in entries}, self.text)
        try:
            self.sha = finisher.make(hooks=True)
        except BaseException:
            finisher.cleanup()
            raise
        return finisher

    def _evidence(self, txn: Transaction) -> list[str]:
        """The evidence files of the change: those it copied, and those its items refer to that the
        last commit lacks (a file recorded earlier without a commit, reused for its content)."""
        found = [self._rel(p) for p in txn.extra_files]
        for _, item, _ in txn.ops.values():
            closeouts = ([item.closed] if item.closed else []) + [past.closed for past in item.history]
            for closeout in [*closeouts, *(r.request for r in item.reviews)]:  # a request's evidence too
                for ev in closeout.evidence:
                    path = txn.ledger.data_dir / ev.file if ev.file else None
                    if (path is not None and path.is_file() and not path.is_symlink()
                            and path.resolve().is_relative_to((txn.ledger.data_dir / "evidence").resolve())
                            and self._rel(path) not in found):
                        found.append(self._rel(path))
        return found

    def _rel(self, path: Path) -> str:
        return Path(os.path.relpath(path.resolve(), self.repo.root.resolve())).as_posix()


def content(repo: Repo, txn: Transaction, writes: list[Write]) -> dict[str, bytes]:
    """The committed version of each file the change writes (by path in the repository): the new
    bytes when every ledger file is as last committed, else the last commit's files with only
    this change replayed on them."""
    data_dir = txn.ledger.data_dir
    ledger_files = [f.path for f in txn.ledger.files] + [txn.ledger.units_path]
    rel = {path: f"{repo.data_rel}/{path.relative_to(data_dir).as_posix()}".removeprefix("./") for path in ledger_files}
    head = {p: e for p, e in tree_entries(repo.root, repo.head, [f"{repo.data_rel}/items.yaml", f"{repo.data_rel}/items",
                                                                 f"{repo.data_rel}/departments.yaml"]).items()
            if _ledger_file(p, repo.data_rel)}
    present = [path for path in ledger_files if path.exists()]
    listed = "".join(f"{rel[p]}\n" for p in present).encode("utf-8")
    hashes = output(git(repo.root, "hash-object", "--stdin-paths", stdin=listed)).split() if present else []
    working = {rel[p]: h for p, h in zip(present, hashes, strict=True)}
    if working == {p: e[1] for p, e in head.items()}:
        return {rel[w.path]: w.new for w in writes}
    return _replay(repo, txn, head)


def _ledger_file(path: str, data_rel: str) -> bool:
    inside = path.removeprefix(f"{data_rel}/") if data_rel != "." else path
    name = inside.rpartition("/")[2]
    return inside in ("items.yaml", "departments.yaml") or (
        inside.startswith("items/") and inside.count("/") == 1 and name.endswith((".yaml", ".yml"))
        and not name.startswith("."))


def _replay(repo: Repo, txn: Transaction, head: dict[str, tuple[str, str]]) -> dict[str, bytes]:
    """This change alone, on the ledger as last committed."""
    from ledger.store.load import load

    prefix = "" if repo.data_rel == "." else f"{repo.data_rel}/"
    tmp = Path(tempfile.mkdtemp(prefix="ledger-head-"))
    try:
        data = tmp / "data"
        for path, (_, blob) in head.items():
            target = data / path.removeprefix(prefix)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(git(repo.root, "cat-file", "blob", blob).stdout)
        data.mkdir(exist_ok=True)
        committed = load(data, keep_text=True, use_cache=False)
        if committed.problems:
            raise LedgerError(tr("this change cannot be committed alone: the ledger as last committed does not pass "
                                 "ledger check; commit or undo the other changes first, or run without --commit; "
                                 "nothing was changed"))
        replay = Transaction(committed)
        files = {f.path.relative_to(data).as_posix(): fi for fi, f in enumerate(committed.files)}
        for item_id, (kind, item, where) in txn.ops.items():
            known = item_id in committed.index()
            if kind == "replace" and known and committed.get(item_id) == where:
                replay.replace(item)
            elif kind == "add" and not known and isinstance(where, str) and where in files:
                replay.add(item, files[where])
            elif kind == "add" and where not in files:
                raise LedgerError(tr("{path} is not committed yet: commit it first, or run without --commit; "
                                     "nothing was changed", path=prefix + str(where)))
            else:
                raise LedgerError(tr("item {id} has changes that are not committed yet: commit them first, or run "
                                     "without --commit; nothing was changed", id=item_id))
        try:
            staged = replay.staged()
        except LedgerError as exc:
            raise LedgerError(tr("this change does not pass ledger check on the ledger as last committed: commit the "
                                 "other changes first, or run without --commit; nothing was changed"),
                              problems=[Problem(prefix + Path(p.path).relative_to(data).as_posix()
                                                if Path(p.path).is_relative_to(data) else p.path,
                                                p.message, p.line, p.col, p.item, p.field)
                                        for p in exc.problems]) from None
        return {prefix + path.relative_to(data).as_posix(): new for path, new in staged.items()}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
