"""Committing a change of departments.yaml alone (``ledger units add --commit``).

The same preconditions as every ledger commit (``commit.preflight``), checked before anything is
written and again under the lock; the commit holds departments.yaml and nothing else, built on a
temporary index from HEAD and judged by the hooks (``plumbing.GitFinisher``).  The file must be
as last committed, so that the commit is this change alone; one with uncommitted edits, or one
staged, is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ledger.errors import LedgerError
from ledger.git.commit import message, preflight
from ledger.git.plumbing import GitFinisher, Repo, index_entries, tree_entries
from ledger.git.run import git, text
from ledger.i18n import tr
from ledger.store.files import UNITS_FILE
from ledger.store.journal import Write


@dataclass
class UnitsCommit:
    """The commit of one units change (``store.units.UnitsCommitter``)."""

    repo: Repo
    text: str = ""
    sha: str | None = None  # short, once made

    @classmethod
    def start(cls, folder: Path) -> UnitsCommit:
        return cls(preflight(folder))

    def describe(self, action: str, name: str, summary: str) -> None:
        self.text = message(action, name, summary, items=[])

    def prepare(self, data_dir: Path, writes: list[Write]) -> GitFinisher:
        repo = self.repo = preflight(data_dir)  # again, under the lock
        rel = f"{repo.data_rel}/{UNITS_FILE}".removeprefix("./")
        head = tree_entries(repo.root, repo.head, [rel]).get(rel)
        working = text(git(repo.root, "hash-object", f"--path={rel}", "--", rel))
        if head is None or head[1] != working:
            raise LedgerError(tr("{path} has changes that are not committed yet: commit them first, or run without "
                                 "--commit; nothing was changed", path=rel))
        (write,) = writes
        blob = text(git(repo.root, "hash-object", "-w", f"--path={rel}", "--stdin", stdin=write.new))
        if index_entries(repo.root, [rel]).get(rel) not in (head, (head[0], blob)):
            raise LedgerError(tr("{path} has staged changes: commit them, or unstage them (git restore --staged "
                                 "{path}), then run the command again; nothing was changed", path=rel))
        finisher = GitFinisher(repo, [(head[0], blob, rel)], {rel: head}, self.text)
        try:
            self.sha = finisher.make(hooks=True)
        except BaseException:
            finisher.cleanup()
            raise
        return finisher
