"""Atomic, locked writes: the file on disk is always the old version or the new one.

A write goes to a temporary file in the same folder, is fsynced, then renamed over the target
(and the folder fsynced), so a crash at any moment leaves a whole file.  One exclusive lock per
data folder is held for the whole read-modify-write, so concurrent commands queue up instead of
losing each other's changes; a writer checks that the lock file it holds is still the one at
the lock's path before it renames anything (``Lock.verify``).
"""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ledger.environment import lock_timeout
from ledger.errors import LedgerError
from ledger.i18n import tr

LOCK_NAME = ".ledger.lock"
JOURNAL_NAME = ".ledger-journal"
TMP_SUFFIX = ".ledger-tmp"


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


class Lock:
    """The folder's lock, held: the open lock file and the path it must still be at."""

    def __init__(self, fd: int, path: Path):
        self.fd, self.path = fd, path

    def is_current(self) -> bool:
        try:
            return os.path.samestat(os.fstat(self.fd), os.stat(self.path))
        except OSError:
            return False

    def verify(self) -> None:
        """The lock file must still be the one at the path: if it was deleted (by hand, by ``git
        clean -fdX``) or replaced, another command may be writing too, so nothing is written."""
        if not self.is_current():
            raise LedgerError(tr("the lock file {path} was removed or replaced while this command ran; nothing was "
                                 "changed: run the command again", path=self.path))


def _foreign_lock(path: Path, folder: Path) -> int:
    """A lock file we may not write (another user's): waited for while a command holds it; one that
    nothing holds is explained, with the command that clears it."""
    import pwd
    import shlex

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        raise LedgerError(tr("cannot write in {folder}: {reason}", folder=folder, reason=_reason(exc))) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return fd  # a live holder: the caller waits for it
    try:
        pid = _read_pid(fd)
        uid = os.fstat(fd).st_uid
    finally:
        os.close(fd)
    try:
        user = pwd.getpwuid(uid).pw_name
    except KeyError:
        user = str(uid)
    raise LedgerError(tr("the lock file {path} belongs to user {user} and no ledger command holds it (process {pid} "
                         "left it); clear it with: rm {command}", path=path, user=user, pid=pid,
                         command=shlex.quote(str(path))))


@contextmanager
def folder_lock(folder: Path, notices: list[str] | None = None) -> Iterator[Lock]:
    """Hold the folder's exclusive lock. A lock file left by a dead process is taken over, with
    a notice; one held by a live process is waited for, up to ``LEDGER_LOCK_TIMEOUT`` seconds."""
    path = folder / LOCK_NAME
    deadline = time.monotonic() + lock_timeout()  # LEDGER_LOCK_TIMEOUT, checked when the command started
    fd: int | None = None
    try:  # from the moment the lock is ours: an interrupt held back while it was taken lands just after
        while True:
            with _signals_deferred():  # an interrupt never leaves a lock half taken
                fd, holder = _try_lock(path, folder)
            if fd is not None:
                break
            if time.monotonic() > deadline:
                raise LedgerError(tr("another ledger command (process {pid}) is writing in {folder}; try again",
                                     pid=holder, folder=folder)) from None
            time.sleep(0.01)
        lock = Lock(fd, path)
        with _signals_deferred():
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
                raise LedgerError(tr("cannot write in {folder}: {reason}", folder=folder,
                                     reason=_reason(exc))) from None
            if not os.path.lexists(folder / JOURNAL_NAME):  # else the journal's recovery needs them
                remove_stale_temporaries(folder)
        _pause_point("after-lock")
        yield lock
    finally:
        if fd is not None:
            with _signals_deferred():  # nor half released
                if Lock(fd, path).is_current():  # never another command's lock, taken after ours was deleted
                    try:
                        os.unlink(path)
                    except OSError:
                        pass
                os.close(fd)


def _try_lock(path: Path, folder: Path) -> tuple[int | None, int | None]:
    """One attempt at the lock: (its descriptor, None), or (None, the pid of the live holder)."""
    try:
        # O_NOFOLLOW: a lock "file" planted as a link (say to ~/.bashrc) must not be truncated.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LedgerError(tr("{path} is a symbolic link; the ledger does not write through links",
                                 path=path)) from None
        if exc.errno == errno.EACCES and os.path.lexists(path):
            fd = _foreign_lock(path, folder)  # returns only while a live command holds it
            holder = _read_pid(fd)
            os.close(fd)
            return None, holder
        raise LedgerError(tr("cannot write in {folder}: {reason}", folder=folder, reason=_reason(exc))) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _read_pid(fd)
        os.close(fd)
        return None, holder
    # The holder before us may have unlinked the file as it finished: then our lock is on a
    # file nobody else will see, so start again on the current one.
    if Lock(fd, path).is_current():
        return fd, None
    os.close(fd)
    return None, None


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """SIGINT and SIGTERM wait (blocked by the kernel) until the block ends, a few system calls later."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def remove_stale_temporaries(folder: Path) -> None:
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


reason = _reason


def fsync_folder(folder: Path) -> None:
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


def temporary_name(path: Path) -> Path:
    """Where the new version of ``path`` is written before it is renamed over it."""
    return path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")


def write_temporary(path: Path, data: bytes, pause: bool = True) -> Path:
    """Write ``data`` to ``path``'s temporary file, fsynced; returns it. On failure nothing is
    left and the error names ``path``. ``pause``: pass the crash tests' pause point."""
    tmp = temporary_name(path)
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
            if pause:
                _pause_point("mid-write")
            _write_all(fd, memoryview(data)[half:])
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException as exc:  # an interrupt too: no half-written temporary is left
        if created:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        if not isinstance(exc, OSError):
            raise
        raise LedgerError(tr("cannot write {path}: {reason}; nothing was changed", path=path,
                             reason=_reason(exc))) from None
    return tmp


def atomic_write(path: Path, data: bytes, pause: bool = True) -> None:
    """Replace ``path`` with ``data`` so that readers and crashes see the old or the new bytes."""
    tmp = write_temporary(path, data, pause)
    if pause:
        _pause_point("before-rename")
    try:
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise LedgerError(tr("cannot write {path}: {reason}; nothing was changed", path=path,
                             reason=_reason(exc))) from None
    if pause:
        _pause_point("after-rename")
    fsync_folder(path.parent)


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
