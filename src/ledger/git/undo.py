"""Undo: revert the newest ledger change not undone yet, if it is a commit this tool made.

A ledger commit has the trailer ``Ledger-Action`` in its final paragraph, one parent, and
changes only ledger files (items files, evidence).  The revert is itself a commit with the
trailers ``Ledger-Action: undo`` and ``Ledger-Undo: <commit>``, so the next ``undo`` passes over
it and the change it undid and reverts the one before: successive undos walk back through
consecutive ledger changes.  The revert lands like any change (``store.journal``): under the
ledger's lock, its files, the branch and the index entries of those files, or nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NoReturn

from ledger.errors import LedgerError
from ledger.git.commit import preflight
from ledger.git.plumbing import LITERAL, GitFinisher, Recovery, Repo, tree_entries
from ledger.git.run import git, output, text
from ledger.i18n import msg, tr
from ledger.store.journal import Interrupts, Removal, Write, sha256_of

TRAILER = re.compile(r"([A-Za-z][A-Za-z0-9-]*): (\S.*)")
WALK = 1000
"""How far back an undo looks through undone changes for the one to revert."""


def trailers(body: str) -> dict[str, list[str]]:
    """The trailers of a message's final paragraph (none if any line of it is not one, or if
    the message is a subject alone)."""
    paragraphs = [p for p in re.split(r"\n[ \t]*\n", body.strip("\n")) if p.strip()]
    if len(paragraphs) < 2:
        return {}
    found: dict[str, list[str]] = {}
    for line in paragraphs[-1].split("\n"):
        match = TRAILER.fullmatch(line.rstrip())
        if match is None:
            return {}
        found.setdefault(match.group(1), []).append(match.group(2).strip())
    return found


def _is_ledger_file(path: str, data_rel: str) -> bool:
    inside = path if data_rel == "." else path.removeprefix(f"{data_rel}/")
    if inside == path and data_rel != ".":
        return False
    name = inside.rpartition("/")[2]
    return (inside == "items.yaml" or inside.startswith("evidence/")
            or (inside.startswith("items/") and inside.count("/") == 1 and name.endswith((".yaml", ".yml"))))


def target(repo: Repo) -> tuple[str, str, str, list[str]]:
    """The commit to revert: (sha, parent, subject, its items); refused with the reason if it is
    not a ledger change."""
    raw = output(git(repo.root, "log", "--first-parent", f"-n{WALK}", "--format=%H%x00%P%x00%B%x00", repo.head))
    tokens = raw.split("\0")
    undone: set[str] = set()
    for k in range(0, len(tokens) - 2, 3):
        sha, parents, body = tokens[k].strip(), tokens[k + 1].split(), tokens[k + 2]
        found = trailers(body)
        if sha in undone:
            continue
        if found.get("Ledger-Action") == ["undo"] and found.get("Ledger-Undo"):
            undone.update(found["Ledger-Undo"])
            continue
        subject = body.strip().split("\n", 1)[0]
        if "Ledger-Action" not in found:
            _refuse(sha, subject, msg("it has no Ledger-Action trailer in its last paragraph"))
        if len(parents) != 1:
            _refuse(sha, subject, msg("a ledger change has one parent, it has {n}", n=len(parents)))
        listed = output(git(repo.root, "diff-tree", "-r", "-z", "--no-commit-id", "--name-only", "--no-renames",
                            parents[0], sha)).split("\0")
        outside = [p for p in listed if p and not _is_ledger_file(p, repo.data_rel)]
        if outside:
            _refuse(sha, subject, msg("it changes files outside the ledger: {files}", files=", ".join(outside[:5])))
        return sha, parents[0], subject, found.get("Ledger-Item", [])
    raise LedgerError(tr("there is no commit to undo"))


def _refuse(sha: str, subject: str, reason: object) -> NoReturn:
    raise LedgerError(tr("commit {sha} ({subject}) is not a ledger change: {reason}; nothing undone",
                         sha=sha[:7], subject=subject, reason=reason))


def undo(folder: Path, notices: list[str], interrupts: Interrupts | None = None) -> str:
    """Revert the newest ledger change not undone yet; returns its subject. ``interrupts``: the
    caller's guard (see ``store.transaction``)."""
    from ledger.store.journal import Landing
    from ledger.store.recovery import recover
    from ledger.store.safeio import folder_lock

    preflight(folder)  # refused before the lock is even taken
    with interrupts or Interrupts() as interrupts, folder_lock(folder, notices) as lock:
        with interrupts.held():
            recover(folder, notices, Recovery)
        repo = preflight(folder)
        sha, parent, subject, items = target(repo)
        if text(git(repo.root, "rev-parse", f"{repo.head}^{{tree}}")) != text(git(repo.root, "rev-parse", f"{sha}^{{tree}}")):
            raise LedgerError(tr("the files changed after commit {sha} ({subject}) in a way undo cannot follow; "
                                 "nothing undone", sha=sha[:7], subject=subject))
        paths = [p for p in output(git(repo.root, "diff-tree", "-r", "-z", "--no-commit-id", "--name-only",
                                       "--no-renames", parent, sha)).split("\0") if p]
        for args in (("diff", "--quiet", "HEAD"), ("diff", "--quiet", "--cached", "HEAD")):
            if git(repo.root, *args, "--", *paths, check=False, env=LITERAL).returncode != 0:
                raise LedgerError(tr("there are uncommitted changes; commit or stash them first"))
        before, after = tree_entries(repo.root, repo.head, paths), tree_entries(repo.root, parent, paths)
        prefix = "" if repo.data_rel == "." else f"{repo.data_rel}/"
        writes, removals, entries = [], [], []
        for path in paths:
            where = folder / path.removeprefix(prefix)
            if path in after:
                new = git(repo.root, "cat-file", "--filters", f"{parent}:{path}").stdout
                writes.append(Write(where, where.read_bytes() if where.exists() else None, new))
                entries.append((after[path][0], after[path][1], path))
            else:
                removals.append(Removal(where, sha256_of(where) or ""))
                entries.append(("0", "0" * len(repo.head), path))
        message = (f'Revert "{subject}"\n\nThis reverts commit {sha}.\n\n'
                   + "".join(f"Ledger-Item: {i}\n" for i in items) + f"Ledger-Action: undo\nLedger-Undo: {sha}\n")
        finisher = GitFinisher(repo, entries, {p: before.get(p) for p in paths}, message,
                               tree=text(git(repo.root, "rev-parse", f"{parent}^{{tree}}")))
        try:
            finisher.make(hooks=True)
        except BaseException:
            finisher.cleanup()
            raise
        landing = Landing(folder, lock, interrupts)
        try:
            landing.land(writes, removals, finisher)
        finally:
            landing.interrupted_notice()
            notices += landing.notices
    return subject
