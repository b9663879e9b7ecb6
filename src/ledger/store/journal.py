"""Landing a change: its files, its commit and git's index, whole or not at all.

``land`` writes the new version of every file to a fsynced temporary beside it, then checks
that each file is still the bytes the command read and that the lock is still ours; then, with
SIGINT and SIGTERM held back, it records what it is about to do in a small write-ahead journal
(``data/.ledger-journal``), makes the commit (if any: the ``Finisher``), renames the
temporaries into place, brings git's index up to date and removes the journal.  An interrupt
before the journal rolls everything back; one after it waits until the change is complete.  A
crash in between leaves the journal, and the next command that takes the lock finishes the
change from it (``store.recovery``).  A change of one file without a commit needs no journal: its one
rename is atomic.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ledger.errors import LedgerError
from ledger.i18n import tr
from ledger.store.safeio import (
    JOURNAL_NAME,
    Lock,
    atomic_write,
    fsync_folder,
    pause_point,
    reason,
    temporary_name,
    write_temporary,
)


class Interrupts:
    """SIGINT and SIGTERM raise ``KeyboardInterrupt``, except while ``held``: then they wait, and
    ``pending`` says one came. Installed only in the main thread (where signals arrive). With
    ``outlive`` (the console script, whose process ends with the command) a change that has
    landed keeps the guard to the end, so that no late interrupt reports it as interrupted."""

    def __init__(self, outlive: bool = False) -> None:
        self.outlive = outlive  # the process ends with the command: a change that landed keeps its guard
        self.holding = 0
        self.pending: int | None = None
        self._previous: dict[int, Any] = {}
        self._depth = 0

    def __enter__(self) -> Interrupts:
        """Install the handlers (a guard entered again, by the transaction a command guards, keeps them)."""
        self._depth += 1
        if self._depth == 1 and threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth or (self.outlive and self.holding):  # restoring races a late interrupt
            return
        for sig, handler in self._previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        self._previous.clear()

    def _handle(self, signum: int, frame: object) -> None:
        if self.holding:
            self.pending = signum
            return
        raise KeyboardInterrupt

    @contextmanager
    def held(self) -> Iterator[None]:
        """Interrupts wait until the block ends (a file made and listed, a rollback done); one
        that came meanwhile is raised then, unless the change has begun to land (``hold``)."""
        self.holding += 1
        try:
            yield
        finally:
            self.holding -= 1
        if not self.holding and self.pending is not None:
            self.pending = None
            raise KeyboardInterrupt

    def hold(self) -> None:
        """Hold interrupts back from now until the guard ends (the change has begun to land)."""
        self.holding += 1


@dataclass
class Write:
    """One file of a change: what the command read (None: a new file) and what it writes."""

    path: Path
    old: bytes | None
    new: bytes
    tmp: Path | None = None


@dataclass
class Removal:
    """A file the change removes (undoing a close removes its evidence), by the content it must have."""

    path: Path
    sha256: str


class Finisher(Protocol):
    """The commit that lands with a change (``git`` layer): prepared before ``land`` is called."""

    def journal(self) -> dict[str, Any]: ...   # what recovery needs to finish or roll back the commit
    def land(self) -> None: ...                # the commit point: move the branch (raises to refuse)
    def unland(self) -> None: ...              # move it back, when a file could not be renamed
    def finish(self) -> tuple[bool, list[str]]: ...  # git's index, after the files: (complete, notices)
    def cleanup(self) -> None: ...             # remove what prepare made (a temporary index)


class GitRecovery(Protocol):
    """Finishing an interrupted commit from its journal entry (``git`` layer)."""

    def decide(self, data_dir: Path, part: dict[str, Any]) -> bool: ...  # True: finish it; False: roll back
    def finish(self, data_dir: Path, part: dict[str, Any]) -> list[str]: ...


@dataclass
class Landing:
    """A change about to land in a data folder, under its lock."""

    data_dir: Path
    lock: Lock
    interrupts: Interrupts
    notices: list[str] = field(default_factory=list)
    landed: bool = False

    def land(self, writes: list[Write], removals: list[Removal] | None = None,
             finisher: Finisher | None = None) -> None:
        """Land the change, or raise with nothing changed. Returns once it is complete."""
        removals = removals or []
        try:
            for w in writes:
                w.tmp = temporary_name(w.path)  # named first: an interrupt may come as soon as it exists
                write_temporary(w.path, w.new)
            pause_point("before-rename")
            self.lock.verify()
            _still_as_read(writes, removals)
        except BaseException:
            with self.interrupts.held():
                _discard(writes)
                if finisher is not None:
                    finisher.cleanup()
            raise
        self.interrupts.hold()  # from here on the change completes; an interrupt waits for it
        journal = self.data_dir / JOURNAL_NAME
        try:
            if finisher is not None or len(writes) + len(removals) > 1:  # one rename alone is atomic
                record = _record(self.data_dir, writes, removals, finisher)
                atomic_write(journal, json.dumps(record, ensure_ascii=False).encode("utf-8"), pause=False)
                pause_point("after-journal")  # not in PAUSE_POINTS: only a write with a journal passes it
            if finisher is not None:
                finisher.land()
        except BaseException:
            _discard(writes)
            remove(journal)
            if finisher is not None:
                finisher.cleanup()
            raise
        done: list[Write] = []
        try:
            for w in writes:
                assert w.tmp is not None
                os.replace(w.tmp, w.path)
                done.append(w)
        except OSError as exc:
            self._undo_renames(done, writes, finisher, journal)
            raise LedgerError(tr("cannot write {path}: {reason}; nothing was changed",
                                 path=writes[len(done)].path, reason=reason(exc))) from None
        for r in removals:
            remove(r.path)
            prune(r.path.parent, self.data_dir)
        self.landed = True
        pause_point("after-rename")
        for folder in {w.path.parent for w in writes} | {r.path.parent for r in removals}:
            fsync_folder(folder)
        complete = True
        if finisher is not None:
            finisher.cleanup()
            try:
                complete, more = finisher.finish()
            except LedgerError as exc:  # the change is in; what is left, the next command finishes
                complete, more = False, [str(exc)]
            self.notices += more
        if complete:
            remove(journal)

    def _undo_renames(self, done: list[Write], writes: list[Write], finisher: Finisher | None, journal: Path) -> None:
        """A rename failed after others succeeded (or after the commit point): put back what was
        renamed and move the branch back, so that nothing changed after all."""
        for w in done:
            if w.old is None:
                remove(w.path)
            else:
                atomic_write(w.path, w.old, pause=False)
        if finisher is not None:
            finisher.unland()
            finisher.cleanup()
        _discard(writes)
        remove(journal)

    def interrupted_notice(self) -> None:
        if self.interrupts.pending is not None and self.landed:
            self.notices.append(tr("an interrupt came while the change was being written: it was completed first"))


def _still_as_read(writes: list[Write], removals: list[Removal]) -> None:
    """Compare-and-swap: every file must still be the bytes the command read."""
    for w in writes:
        try:
            with open(w.path, "rb") as fh:
                now: bytes | None = fh.read()
        except FileNotFoundError:
            now = None
        except OSError as exc:
            raise LedgerError(tr("cannot write {path}: {reason}; nothing was changed", path=w.path,
                                 reason=reason(exc))) from None
        if now != w.old:
            raise LedgerError(tr("{path} changed while this command ran (another program wrote it); nothing was "
                                 "changed: run the command again", path=w.path))
    for r in removals:
        if sha256_of(r.path) != r.sha256:
            raise LedgerError(tr("{path} changed while this command ran (another program wrote it); nothing was "
                                 "changed: run the command again", path=r.path))


def _record(data_dir: Path, writes: list[Write], removals: list[Removal], finisher: Finisher | None) -> dict[str, Any]:
    def rel(path: Path) -> str:
        return path.relative_to(data_dir).as_posix()

    return {"version": 1, "pid": os.getpid(),
            "writes": [{"path": rel(w.path), "tmp": rel(w.tmp), "sha256": hashlib.sha256(w.new).hexdigest(),
                        "old_sha256": None if w.old is None else hashlib.sha256(w.old).hexdigest()}
                       for w in writes if w.tmp is not None],
            "removals": [{"path": rel(r.path), "sha256": r.sha256} for r in removals],
            "git": finisher.journal() if finisher is not None else None}


def sha256_of(path: Path) -> str | None:
    """The sha256 of a regular file (never through a link), or None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        digest = hashlib.sha256()
        for chunk in iter(lambda: os.read(fd, 1 << 20), b""):
            digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


def _discard(writes: list[Write]) -> None:
    for w in writes:
        if w.tmp is not None:
            remove(w.tmp)


def remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def prune(folder: Path, data_dir: Path) -> None:
    """Remove the folders a removal left empty (``evidence/<id>/``, ``evidence/``), never the data folder."""
    while folder != data_dir and folder.is_relative_to(data_dir):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = folder.parent
