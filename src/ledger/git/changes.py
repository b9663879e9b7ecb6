"""One locked change of one item, with its commit if asked: every front end's write path.

One locked change of one item, with its commit if asked: the path every front end's write
takes (the command line's ``close``, ``progress`` …, and the web view's forms). Moved here from
``cli.write``: what is said about the change is the caller's (``said``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ledger.core.model import Item
from ledger.core.query import resolve_id
from ledger.store.journal import Interrupts
from ledger.store.transaction import Transaction, transaction

if TYPE_CHECKING:
    from ledger.git.commit import Commit
    from ledger.store.journal import GitRecovery


def start_commit(folder: Path, commit: bool | None) -> Commit | None:
    """With ``--commit`` (or ``commit: true`` in settings): git's preconditions, checked before
    anything is written, and the commit to make."""
    from ledger.git.audit import wants_commit

    if not (commit if commit is not None else wants_commit(folder)):
        return None
    from ledger.git.commit import Commit

    return Commit.start(folder)


def recover_git() -> GitRecovery:
    """What finishes a commit a crashed command left half made (imported only when one did)."""
    from ledger.git.plumbing import Recovery

    return Recovery()


def apply_change(folder: Path, action: str, item_id: str, change: Callable[[Transaction, Item], Item],
                 committer: Commit | None, summary: Callable[[Item], str], *, quick: bool = True,
                 outlive: bool = False, said: Callable[[Item, list[str]], None] | None = None) -> Item:
    """One locked change of one item (resolved as typed: ２－８, h-1), with its commit if
    ``committer`` (made under the same lock, of this change alone). ``said`` is called with the
    new item and the transaction's notices once the change is in, still under the interrupt guard.
    ``quick``: the change reads nothing of the ledger but the item and its batch date, so it may
    run on the cache's index of blocks (``store.quick``)."""
    with Interrupts(outlive=outlive) as interrupts:  # once the change is in, it is said
        notices: list[str] = []
        with transaction(folder, notices, committer, recover_git, interrupts, quick=quick) as txn:
            new = change(txn, txn.get(resolve_id(item_id, txn.ids())))
            txn.replace(new)
            if committer is not None:
                committer.describe(action, new.id, summary(new))
        if said is not None:
            said(new, notices)
    return new
