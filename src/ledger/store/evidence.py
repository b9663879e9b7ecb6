"""Evidence files: copying them into ``data/evidence/<id>/`` safely, and verifying them later.

A path given on the command line may be anything; only a regular file, under the size limit,
is copied, under a name cleaned of separators and control characters, never over another file,
and never outside the evidence folder.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import unicodedata
from pathlib import Path

from ledger.core.model import CloseOut, Evidence, Ledger
from ledger.core.rounds import Request
from ledger.errors import LedgerError, Problem
from ledger.i18n import tr
from ledger.store.safeio import pause_point

EVIDENCE_FOLDER = "evidence"
DEFAULT_MAX_MB = 50
MAX_NAME_CHARS = 120
MAX_NAME_BYTES = 200
"""Well under the 255 bytes a Linux file name may have, leaving room for a ``-N`` suffix."""


def max_bytes() -> int:
    from ledger.environment import evidence_max_bytes

    return evidence_max_bytes()  # LEDGER_EVIDENCE_MAX_MB


def safe_name(name: str) -> str:
    """A file name in NFC with no separators, control characters or leading dots, and short enough
    (in characters and in UTF-8 bytes) to be created with a ``-N`` suffix."""
    name = unicodedata.normalize("NFC", name)  # one spelling: NFD and NFC names collide on macOS and Windows
    cleaned = "".join("_" if unicodedata.category(ch).startswith("C") or ch in "/\\:" else ch for ch in name)
    cleaned = re.sub(r"\s+", " ", cleaned).strip().lstrip(".")
    cleaned = cleaned[:MAX_NAME_CHARS]
    if len(cleaned.encode("utf-8")) > MAX_NAME_BYTES:
        stem, dot, ext = cleaned.rpartition(".")
        if not dot or len(ext.encode("utf-8")) > 16:
            stem, dot, ext = cleaned, "", ""
        room = MAX_NAME_BYTES - len((dot + ext).encode("utf-8"))
        stem = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip()
        cleaned = stem + dot + ext
    return cleaned or "evidence"


def looks_like_path(text: str) -> bool:
    """Free text or a file? A value that names an existing thing, or has a separator or a
    file extension, is taken as a path (and then must be a readable regular file)."""
    if os.path.lexists(text):
        return True
    return ("/" in text or "\\" in text or re.search(r"\.[A-Za-z0-9]{1,5}$", text) is not None) and "\n" not in text


def _open_regular(path: Path) -> int:
    """Open a file for reading without ever blocking (a FIFO swapped in after the check opens
    at once with O_NONBLOCK) and insist that what was opened is a regular file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LedgerError(tr("evidence {path}: not a regular file", path=path))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _sha256(path: Path) -> str:
    fd = _open_regular(path)
    try:
        return _digest(fd)
    finally:
        os.close(fd)


def _digest(fd: int) -> str:
    """The sha256 of what is left to read from ``fd`` (left open)."""
    digest = hashlib.sha256()
    for chunk in iter(lambda: os.read(fd, 1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _same_content(item_fd: int, src_fd: int, names: set[str]) -> tuple[str, int, str] | None:
    """A regular file among ``names`` in the item's folder with the source's content: (name, size,
    sha256). Only files of the same size are hashed; links and other kinds are never opened."""
    size, found = os.fstat(src_fd).st_size, None
    for entry in sorted(set(os.listdir(item_fd)) & names):
        try:
            info = os.stat(entry, dir_fd=item_fd, follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or info.st_size != size:
                continue
            if found is None:
                found = _digest(src_fd)
                os.lseek(src_fd, 0, os.SEEK_SET)
            fd = os.open(entry, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=item_fd)
            try:
                if stat.S_ISREG(os.fstat(fd).st_mode) and _digest(fd) == found:
                    return entry, size, found
            finally:
                os.close(fd)
        except OSError:
            continue
    return None


def check_source(path: Path) -> os.stat_result:
    """The evidence file the user named must be a regular file we may read, under the limit."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise LedgerError(tr("evidence {path}: no such file", path=path)) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise LedgerError(tr("evidence {path}: {reason}", path=path,
                             reason=getattr(exc, "strerror", None) or str(exc))) from None
    if stat.S_ISDIR(info.st_mode):
        raise LedgerError(tr("evidence {path}: is a folder, not a file", path=path))
    if not stat.S_ISREG(info.st_mode):
        raise LedgerError(tr("evidence {path}: not a regular file", path=path))
    if info.st_size > max_bytes():
        raise LedgerError(tr("evidence {path}: {size} bytes is over the limit of {limit} bytes "
                             "(LEDGER_EVIDENCE_MAX_MB)", path=path, size=info.st_size, limit=max_bytes()))
    return info


def _subfolder(parent_fd: int | None, parent: Path, name: str) -> tuple[int, bool]:
    """Open (creating it if needed) the folder ``name`` inside ``parent``, never through a link.
    Returns the folder's descriptor and whether it was created here."""
    where = parent / name
    created = False
    try:
        os.mkdir(name if parent_fd is not None else where, 0o755, dir_fd=parent_fd)
        created = True
    except FileExistsError:
        pass
    try:
        fd = os.open(name if parent_fd is not None else where,
                     os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=parent_fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR) and os.path.islink(where):
            raise LedgerError(tr("evidence folder {path} is a symbolic link; it is not followed", path=where)) from None
        raise
    return fd, created


def _remove_if_made(data_dir: Path, folder_name: str, root_fd: int, made_item: bool, made_root: bool) -> None:
    """A refused copy leaves no trace: remove the folders it created (only if still empty)."""
    try:
        if made_item and root_fd >= 0:
            os.rmdir(folder_name, dir_fd=root_fd)
        if made_root:
            os.rmdir(data_dir / EVIDENCE_FOLDER)
    except OSError:
        pass


def store(data_dir: Path, item_id: str, source: Path, recorded: set[str] | None = None) -> tuple[Evidence, Path | None]:
    """Copy ``source`` into the item's evidence folder; returns the record and the new file.

    The folders ``evidence/`` and ``evidence/<id>/`` are opened without following links and the
    file is created inside them with O_EXCL | O_NOFOLLOW, so nothing is ever written outside the
    evidence folder nor over an existing file.  A file with the same content (sha256) already in
    the item's folder and ``recorded`` (as ``evidence/<id>/<name>``: already part of the ledger,
    so already committed with it) is recorded instead of a second copy: the new file is then None.
    A name whose NFC form is taken gets a ``-N`` suffix like a name that is taken.
    """
    check_source(source)
    folder_name = safe_name(item_id)
    folder = data_dir / EVIDENCE_FOLDER / folder_name
    name = safe_name(source.name)
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    try:
        src_fd = _open_regular(source)
    except OSError as exc:
        raise LedgerError(tr("evidence {path}: {reason}", path=source, reason=exc.strerror)) from None
    root_fd = item_fd = -1
    made_root = made_item = False
    target: Path | None = None
    try:
        root_fd, made_root = _subfolder(None, data_dir, EVIDENCE_FOLDER)
        item_fd, made_item = _subfolder(root_fd, data_dir / EVIDENCE_FOLDER, folder_name)
        prefix = f"{EVIDENCE_FOLDER}/{folder_name}/"
        same = _same_content(item_fd, src_fd, {p[len(prefix):] for p in recorded or () if p.startswith(prefix)})
        if same is not None:
            return Evidence(file=f"{EVIDENCE_FOLDER}/{folder_name}/{same[0]}", size=same[1], sha256=same[2]), None
        taken = {unicodedata.normalize("NFC", entry) for entry in os.listdir(item_fd)}
        candidate, n = name, 1
        while True:
            try:
                if candidate in taken:
                    raise FileExistsError
                fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644,
                             dir_fd=item_fd)
                break
            except FileExistsError:
                n += 1
                candidate = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
        target = folder / candidate
        digest = hashlib.sha256()
        size = 0
        src = os.fdopen(src_fd, "rb")
        src_fd = -1
        with src, os.fdopen(fd, "wb") as dst:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                size += len(chunk)
                if size > max_bytes():
                    raise LedgerError(tr("evidence {path}: over the size limit", path=source))
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        os.fsync(item_fd)
    except BaseException as exc:
        if target is not None:
            try:
                os.unlink(target.name, dir_fd=item_fd)
            except OSError:
                pass
        _remove_if_made(data_dir, folder_name, root_fd, made_item, made_root)
        if isinstance(exc, OSError):
            reason = tr("no space left on device") if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
            raise LedgerError(tr("cannot copy evidence {path} into {folder}: {reason}; nothing was changed",
                                 path=source, folder=folder, reason=reason)) from None
        raise
    finally:
        for fd_ in (src_fd, item_fd, root_fd):
            if fd_ >= 0:
                os.close(fd_)
    pause_point("after-evidence")
    rel = f"{EVIDENCE_FOLDER}/{folder_name}/{candidate}"
    return Evidence(file=rel, size=size, sha256=digest.hexdigest()), target


def verify_all(ledger: Ledger) -> list[Problem]:
    """Every evidence file recorded in the ledger must be a regular file inside the evidence
    folder (reached through no link out of it) and have its recorded sha256."""
    problems: list[Problem] = []
    root = ledger.data_dir.resolve() / EVIDENCE_FOLDER
    for f in ledger.files:
        for index, item in enumerate(f.items):
            closeouts: list[tuple[str, CloseOut | Request]] = [("closed.evidence", item.closed)] if item.closed else []
            closeouts += [(f"history[{k}].closed.evidence", past.closed) for k, past in enumerate(item.history)]
            closeouts += [(f"reviews[{k}].request.evidence", r.request) for k, r in enumerate(item.reviews)]
            for field, closeout in closeouts:
                for ev in closeout.evidence:
                    if ev.file is not None:
                        try:
                            message = _verify_one(ledger.data_dir, root, ev)
                        except OSError as exc:  # a path too long for the system (PATH_MAX), a folder we may not read
                            message = tr("evidence {path}: {reason}", path=ev.file, reason=exc.strerror or exc)
                        if message:
                            problems.append(Problem(str(f.path), message, f.item_lines[index], None, item.id, field))
    return problems


def _verify_one(data_dir: Path, root: Path, ev: Evidence) -> str | None:
    assert ev.file is not None
    path = data_dir / ev.file
    try:
        inside = path.resolve().is_relative_to(root)
    except (OSError, RuntimeError, ValueError):
        inside = False
    if not inside or path.is_symlink():
        return tr("evidence path {file} leaves the evidence folder", file=ev.file)
    if not path.exists():
        return tr("evidence file {file} is missing", file=ev.file)
    if not path.is_file():
        return tr("evidence file {file} is not a regular file", file=ev.file)
    try:
        actual = _sha256(path)
    except LedgerError:
        return tr("evidence file {file} is not a regular file", file=ev.file)
    except OSError as exc:
        return tr("evidence {path}: {reason}", path=ev.file, reason=exc.strerror)
    if actual != ev.sha256:
        return tr("evidence file {file} has changed (sha256 {actual}, recorded {recorded})",
                  file=ev.file, actual=actual[:12], recorded=(ev.sha256 or "")[:12])
    return None
