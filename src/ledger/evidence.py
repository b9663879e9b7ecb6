"""Evidence files: copying them into ``data/evidence/<id>/`` safely, and verifying them later.

A path given on the command line may be anything; only a regular file, under the size limit,
is copied, under a name cleaned of separators and control characters, never over another file,
and never outside the evidence folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from pathlib import Path

from .errors import LedgerError, Problem
from .i18n import tr
from .model import Evidence
from .storage import Ledger

EVIDENCE_FOLDER = "evidence"
DEFAULT_MAX_MB = 50


def max_bytes() -> int:
    return int(float(os.environ.get("LEDGER_EVIDENCE_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024)


def safe_name(name: str) -> str:
    """A file name with no separators, control characters or leading dots."""
    cleaned = "".join("_" if unicodedata.category(ch).startswith("C") or ch in "/\\:" else ch for ch in name)
    cleaned = re.sub(r"\s+", " ", cleaned).strip().lstrip(".")
    return cleaned[:120] or "evidence"


def looks_like_path(text: str) -> bool:
    """Free text or a file? A value that names an existing thing, or has a separator or a
    file extension, is taken as a path (and then must be a readable regular file)."""
    if os.path.lexists(text):
        return True
    return ("/" in text or "\\" in text or re.search(r"\.[A-Za-z0-9]{1,5}$", text) is not None) and "\n" not in text


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_source(path: Path) -> os.stat_result:
    """The evidence file the user named must be a regular file we may read, under the limit."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise LedgerError(tr("evidence {path}: no such file", path=path)) from None
    except OSError as exc:
        raise LedgerError(tr("evidence {path}: {reason}", path=path, reason=exc.strerror)) from None
    if stat.S_ISDIR(info.st_mode):
        raise LedgerError(tr("evidence {path}: is a folder, not a file", path=path))
    if not stat.S_ISREG(info.st_mode):
        raise LedgerError(tr("evidence {path}: not a regular file", path=path))
    if info.st_size > max_bytes():
        raise LedgerError(tr("evidence {path}: {size} bytes is over the limit of {limit} bytes "
                             "(LEDGER_EVIDENCE_MAX_MB)", path=path, size=info.st_size, limit=max_bytes()))
    return info


def store(data_dir: Path, item_id: str, source: Path) -> tuple[Evidence, Path]:
    """Copy ``source`` into the item's evidence folder; returns the record and the new file."""
    check_source(source)
    folder = data_dir / EVIDENCE_FOLDER / safe_name(item_id)
    root = (data_dir / EVIDENCE_FOLDER).resolve() if (data_dir / EVIDENCE_FOLDER).exists() else None
    folder.mkdir(parents=True, exist_ok=True)
    if root is not None and not folder.resolve().is_relative_to(root):
        raise LedgerError(tr("evidence folder {path} leaves the data folder", path=folder))
    name = safe_name(source.name)
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    candidate, n = name, 1
    while True:
        target = folder / candidate
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
            break
        except FileExistsError:
            n += 1
            candidate = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
    digest = hashlib.sha256()
    size = 0
    try:
        with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                size += len(chunk)
                if size > max_bytes():
                    raise LedgerError(tr("evidence {path}: over the size limit", path=source))
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    rel = target.relative_to(data_dir).as_posix()
    return Evidence(file=rel, size=size, sha256=digest.hexdigest()), target


def verify_all(ledger: Ledger) -> list[Problem]:
    """Every evidence file recorded in the ledger must exist and have its recorded sha256."""
    problems: list[Problem] = []
    root = (ledger.data_dir / EVIDENCE_FOLDER).resolve()
    for f in ledger.files:
        for index, item in enumerate(f.items):
            closeouts = ([item.closed] if item.closed else []) + [p.closed for p in item.history]
            for closeout in closeouts:
                for ev in closeout.evidence:
                    if ev.file is None:
                        continue
                    line = f.item_lines[index]
                    path = ledger.data_dir / ev.file
                    try:
                        inside = path.resolve().is_relative_to(root)
                    except OSError:
                        inside = False
                    if not inside or path.is_symlink():
                        problems.append(Problem(str(f.path), tr("evidence path {file} leaves the evidence folder",
                                                                file=ev.file), line, None, item.id, "closed.evidence"))
                    elif not path.is_file():
                        problems.append(Problem(str(f.path), tr("evidence file {file} is missing", file=ev.file),
                                                line, None, item.id, "closed.evidence"))
                    else:
                        actual = _sha256(path)
                        if actual != ev.sha256:
                            problems.append(Problem(str(f.path), tr(
                                "evidence file {file} has changed (sha256 {actual}, recorded {recorded})",
                                file=ev.file, actual=actual[:12], recorded=(ev.sha256 or "")[:12]),
                                line, None, item.id, "closed.evidence"))
    return problems
