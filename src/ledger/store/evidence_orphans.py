"""Orphaned evidence: files and folders under ``data/evidence/`` that no close-out refers to.

``ledger check`` reports them (a close killed after copying its file leaves one; so does a file
dropped in by hand); they are not errors of the ledger, whose records are all still true.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from ledger.core.model import Ledger
from ledger.store.evidence import EVIDENCE_FOLDER


def referenced(ledger: Ledger) -> set[str]:
    """Every evidence file a close-out (in force or in history) or a request for one records, as a normalised path
    relative to the data folder."""
    found: set[str] = set()
    for item in ledger.items:
        closeouts = ([item.closed] if item.closed else []) + [past.closed for past in item.history]
        for record in [*closeouts, *(r.request for r in item.reviews)]:  # a request's evidence too
            found.update(posixpath.normpath(ev.file) for ev in record.evidence if ev.file is not None)
    return found


def orphans(ledger: Ledger) -> list[tuple[Path, bool]]:
    """Each entry under the evidence folder that nothing refers to, as (path, is a folder): a
    folder is named once when nothing inside it is referred to, and never entered. Links are
    never followed."""
    root = ledger.data_dir / EVIDENCE_FOLDER
    if root.is_symlink() or not root.is_dir():
        return []
    wanted = referenced(ledger)
    above = {posixpath.dirname(path) for path in wanted}
    for path in list(above):
        while path and path not in ("", "."):
            above.add(path)
            path = posixpath.dirname(path)
    found: list[tuple[Path, bool]] = []

    def walk(folder: Path, rel: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            here = f"{rel}/{entry.name}"
            if here in wanted:
                continue
            is_folder = entry.is_dir(follow_symlinks=False)
            if is_folder and here in above:
                walk(folder / entry.name, here)
            else:
                found.append((folder / entry.name, is_folder))

    walk(root, EVIDENCE_FOLDER)
    return found
