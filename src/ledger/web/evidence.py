"""Evidence downloads, verified: only recorded files, no links followed, sha256 checked.

Evidence downloads: ``/evidence/<id>/<file name>`` sends a file the ledger records for that
item, and only that: the name is looked up among the item's evidence records (never joined onto a
path), the folders and the file are opened without following links, and the bytes are sent only
if their sha256 is the one recorded. A file that no longer matches is refused with the reason."""

from __future__ import annotations

import errno
import hashlib
import mimetypes
import os
import stat
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from ledger.core.model import Evidence, Item
from ledger.i18n import tr
from ledger.store.evidence import EVIDENCE_FOLDER, safe_name
from ledger.web.api import found_id
from ledger.web.config import Refusal
from ledger.web.views import Ctx


def recorded(item: Item) -> list[Evidence]:
    """Every evidence file the item records: its close-out, past close-outs, requests."""
    found = [*(item.closed.evidence if item.closed else ())]
    for past in item.history:
        found += past.closed.evidence
    for review in item.reviews:
        found += review.request.evidence
    return [ev for ev in found if ev.file is not None]


def download(request: Request, ctx: Ctx) -> Response:
    assert ctx.site is not None
    ledger = ctx.site.live.get()
    item = ledger.get(found_id(ledger, request.path_params["item_id"]))
    name = request.path_params["name"]
    folder = safe_name(item.id)
    wanted = f"{EVIDENCE_FOLDER}/{folder}/{name}"
    record = next((ev for ev in recorded(item) if ev.file == wanted), None)
    if record is None or "/" in name or name in (".", "..") or "\x00" in name:
        raise Refusal(404, tr("item {id} records no evidence file {name!r}", id=item.id, name=name))
    data = _read(ledger.data_dir, folder, name, wanted)
    if hashlib.sha256(data).hexdigest() != record.sha256:
        raise Refusal(409, tr("evidence file {file} has changed since it was recorded (sha256 {actual}, recorded "
                              "{recorded}); it is not sent", file=wanted, actual=hashlib.sha256(data).hexdigest()[:12],
                              recorded=(record.sha256 or "")[:12]))
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Response(data, media_type=kind, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name, safe='')}",
        "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox; default-src 'none'"})


def _read(data_dir: os.PathLike[str], folder: str, name: str, shown: str) -> bytes:
    """The file's bytes, reached from the data folder through no link (each step O_NOFOLLOW)."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
    fds: list[int] = []
    try:
        root = os.open(os.path.join(data_dir, EVIDENCE_FOLDER), flags | os.O_DIRECTORY)
        fds.append(root)
        sub = os.open(folder, flags | os.O_DIRECTORY, dir_fd=root)
        fds.append(sub)
        fd = os.open(name, flags | os.O_NONBLOCK, dir_fd=sub)
        fds.append(fd)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Refusal(404, tr("evidence file {file} is not a regular file", file=shown))
        chunks = []
        for chunk in iter(lambda: os.read(fd, 1 << 20), b""):
            chunks.append(chunk)
        return b"".join(chunks)
    except FileNotFoundError:
        raise Refusal(404, tr("evidence file {file} is missing", file=shown)) from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):  # a link on the way: never followed
            raise Refusal(404, tr("evidence path {file} leaves the evidence folder", file=shown)) from None
        raise Refusal(404, tr("evidence {path}: {reason}", path=shown, reason=exc.strerror or exc)) from None
    finally:
        for fd_ in reversed(fds):
            os.close(fd_)
