"""Recovery: the next command to take the lock finishes the change a crashed one left in the journal.

The journal (``store.journal``) lists each file's temporary and the sha256 of its old and new
content, the files to remove, and the commit (if any).  It is checked before it is acted on:
every path a plain relative one inside the data folder, each temporary beside its file.  A file
is replaced only if it is still the old version and its temporary the new one; a commit whose
branch never moved is rolled back instead (``GitRecovery`` decides).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ledger.errors import LedgerError
from ledger.i18n import tr
from ledger.store.journal import GitRecovery, prune, remove, sha256_of
from ledger.store.safeio import JOURNAL_NAME, TMP_SUFFIX, fsync_folder, remove_stale_temporaries

MAX_JOURNAL_BYTES = 1 << 20


def recover(data_dir: Path, notices: list[str], git: Callable[[], GitRecovery] | None) -> None:
    """Finish (or, for a commit that never moved its branch, roll back) a change a crashed command
    left in the journal; then remove the temporaries of dead writers. Called with the lock held."""
    journal = data_dir / JOURNAL_NAME
    if not os.path.lexists(journal):
        return
    record = _read_journal(journal, data_dir)
    forward = True
    part = record.get("git")
    if part:
        if git is None:
            raise LedgerError(tr("{path}: a commit interrupted by process {pid} is unfinished: run a ledger command "
                                 "that writes (such as ledger progress) to finish it", path=journal, pid=record["pid"]))
        forward = git().decide(data_dir, part)
    problems = []
    for w in record["writes"]:
        path, tmp = data_dir / w["path"], data_dir / w["tmp"]
        now = sha256_of(path)
        if not forward or now == w["sha256"]:
            remove(tmp)
        elif sha256_of(tmp) == w["sha256"] and now == w["old_sha256"]:
            os.replace(tmp, path)
            fsync_folder(path.parent)
        else:
            problems.append(w["path"])
    if forward:
        for r in record["removals"]:
            path = data_dir / r["path"]
            if sha256_of(path) == r["sha256"]:
                remove(path)
                prune(path.parent, data_dir)
        if part:
            assert git is not None
            notices += git().finish(data_dir, part)
    if problems:
        notices.append(tr("could not finish the change process {pid} left half done: {files} changed since; "
                          "run ledger check", pid=record["pid"], files=", ".join(problems)))
    elif forward:
        notices.append(tr("finished a change that process {pid} left half done", pid=record["pid"]))
    else:
        notices.append(tr("rolled back a change that process {pid} left unfinished (its commit was never made)",
                          pid=record["pid"]))
    remove(journal)
    fsync_folder(data_dir)
    remove_stale_temporaries(data_dir)


def _read_journal(journal: Path, data_dir: Path) -> dict[str, Any]:
    """The journal, checked: every path a plain relative one inside the data folder, each
    temporary beside its file; anything else is refused rather than acted on."""
    bad = LedgerError(tr("{path} is not a journal this tool wrote; look at it, then remove it", path=journal))
    try:
        fd = os.open(journal, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read(MAX_JOURNAL_BYTES + 1)
        record = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        raise bad from None
    if len(raw) > MAX_JOURNAL_BYTES or not isinstance(record, dict) or record.get("version") != 1:
        raise bad
    writes, removals = record.get("writes"), record.get("removals")
    if not isinstance(writes, list) or not isinstance(removals, list) or not isinstance(record.get("pid"), int):
        raise bad
    for entry in [*writes, *removals]:
        if not isinstance(entry, dict) or not _plain(entry.get("path")) or not _hex(entry.get("sha256"), 64):
            raise bad
    for w in writes:
        tmp, old = w.get("tmp"), w.get("old_sha256")
        if old is not None and not _hex(old, 64):
            raise bad
        if (not _plain(tmp) or os.path.dirname(tmp) != os.path.dirname(w["path"])
                or not os.path.basename(tmp).startswith(".") or not tmp.endswith(TMP_SUFFIX)):
            raise bad
    if record.get("git") is not None and not isinstance(record["git"], dict):
        raise bad
    return record


def _plain(path: object) -> bool:
    if not isinstance(path, str) or not path or path.startswith("/") or "\\" in path or "\0" in path:
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def _hex(value: object, length: int) -> bool:
    return isinstance(value, str) and len(value) == length and all(c in "0123456789abcdef" for c in value)
