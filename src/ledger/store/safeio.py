"""Atomic, locked writes: the file on disk is always the old version or the new one.

A write goes to a temporary file in the same folder, is fsynced, then renamed over the target
(and the folder fsynced), so a crash at any moment leaves a whole file.  One exclusive lock per
data folder is held for the whole read-modify-write, so concurrent commands queue up instead of
losing each other's changes.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ledger.errors import LedgerError
from ledger.i18n import tr

LOCK_NAME = ".ledger.lock"
TMP_SUFFIX = ".ledger-tmp"
LOCK_TIMEOUT_S = float(os.environ.get("LEDGER_LOCK_TIMEOUT", "60"))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_pid(fd: int) -> int | None:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 64).decode("ascii", "replace").strip()
    return int(raw) if raw.isdigit() else None


@contextmanager
def folder_lock(folder: Path, notices: list[str] | None = None) -> Iterator[None]:
    """Hold the folder's exclusive lock. A lock file left by a dead process is taken over, with
    a notice; one held by a live process is waited for, up to ``LEDGER_LOCK_TIMEOUT`` seconds."""
    path = folder / LOCK_NAME
    deadline = time.monotonic() + LOCK_TIMEOUT_S
    while True:
        try:
            # O_NOFOLLOW: a lock "file" planted as a link (say to ~/.bashrc) must not be truncated.
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise LedgerError(tr("{path} is a symbolic link; the ledger does not write through links",
                                     path=path)) from None
            raise LedgerError(tr("cannot write in {folder}: {reason}", folder=folder, reason=_reason(exc))) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_pid(fd)
            os.close(fd)
            if time.monotonic() > deadline:
                raise LedgerError(tr("another ledger command (process {pid}) is writing in {folder}; try again",
                                     pid=holder, folder=folder)) from None
            time.sleep(0.01)
            continue
        # The holder before us may have unlinked the file as it finished: then our lock is on a
        # file nobody else will see, so start again on the current one.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        try:
            previous = _read_pid(fd)
            if previous is not None and previous != os.getpid() and not _pid_alive(previous):
                if notices is not None:
                    notices.append(tr("took over a stale lock left by process {pid}, which is no longer running",
                                      pid=previous))
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, str(os.getpid()).encode())
        except OSError as exc:  # a full disk can refuse even the few bytes of a pid
            raise LedgerError(tr("cannot write in {folder}: {reason}", folder=folder, reason=_reason(exc))) from None
        _remove_stale_temporaries(folder)
        _pause_point("after-lock")
        yield
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
        os.close(fd)


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files of writers that died mid-write; only called with the lock held."""
    for parent in (folder, folder / "items"):
        try:
            names = os.listdir(parent)
        except OSError:
            continue
        for name in names:
            if name.startswith(".") and name.endswith(TMP_SUFFIX):
                try:
                    os.unlink(parent / name)
                except OSError:
                    pass


def _reason(exc: OSError) -> str:
    return tr("no space left on device") if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers and crashes see the old or the new bytes."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")
    try:
        mode = os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    created = False
    try:
        try:
            os.unlink(tmp)  # a leftover of a dead writer that had our pid; never written through
        except FileNotFoundError:
            pass
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
        created = True
        try:
            half = len(data) // 2
            _write_all(fd, memoryview(data)[:half])
            _pause_point("mid-write")
            _write_all(fd, memoryview(data)[half:])
            os.fsync(fd)
        finally:
            os.close(fd)
        _pause_point("before-rename")
        os.replace(tmp, path)
    except OSError as exc:
        if created:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise LedgerError(tr("cannot write {path}: {reason}; nothing was changed", path=path,
                             reason=_reason(exc))) from None
    _pause_point("after-rename")
    _fsync_folder(path.parent)


def _write_all(fd: int, view: memoryview) -> None:
    while view:
        written = os.write(fd, view)
        view = view[written:]


PAUSE_POINTS = ("after-lock", "after-evidence", "mid-write", "before-rename", "after-rename")
"""In the order a write passes them: the lock is held (and stale temporaries are gone); the
evidence files are copied; half of the new items file is in the temporary file; all of it is
written and fsynced; the rename is done but the folder not yet fsynced nor the lock released."""


def pause_point(name: str) -> None:
    """A deterministic place for the crash-safety tests to kill a writer: with
    ``LEDGER_TEST_PAUSE=<name>:<seconds>`` the process writes ``ledger-test-pause <name>`` on
    stderr (so a test knows where it is) and sleeps there. Costs one environment look-up."""
    spec = os.environ.get("LEDGER_TEST_PAUSE")
    if spec and spec.split(":", 1)[0] == name:
        os.write(2, f"ledger-test-pause {name}\n".encode())
        time.sleep(float(spec.split(":", 1)[1]))


_pause_point = pause_point
