"""The forms that change an item: progress, extend, close, request, approve, return.

The forms that change an item: progress, extend, close, request, approve, return (``POST
/items/<id>/<action>``). Each checks the CSRF token, who may write for the item's units, and the
upload's size, then makes the change through ``writes``; a refusal is shown on the form in the
interface language with its status (400, 403, 404, 413), and nothing is written."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ledger.core.dates import parse_date
from ledger.environment import evidence_max_bytes, today
from ledger.errors import LedgerError, Refused
from ledger.i18n import tr
from ledger.web import csrf, writes
from ledger.web.api import found_id
from ledger.web.config import Refusal
from ledger.web.pages_items import item_page
from ledger.web.views import Ctx

ACTIONS = ("progress", "extend", "close", "request", "approve", "return")
FORM_SLACK = 1024 * 1024
"""Bytes a form may have beyond its evidence files (the text fields, multipart's own lines)."""


def field_labels() -> dict[str, str]:
    """How the forms call the fields of a change the domain refuses (``errors.Refused``)."""
    return {"date": tr("Date"), "by": tr("By"), "reason": tr("Reason"), "to": tr("New deadline"),
            "text": tr("Progress note"), "evidence": tr("Evidence"), "unit": tr("Unit")}


async def read_form(request: Request) -> Any:
    """The posted form, refused (413) when it is larger than the evidence limit allows, before
    more than that is read; files are spooled to disk as they come."""
    from starlette.formparsers import MultiPartException

    limit = evidence_max_bytes() * 5 + FORM_SLACK  # at most a few files, each checked on its own below
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        raise Refusal(413, too_large())
    seen = 0
    receive = request.receive

    async def counted() -> Any:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise Refusal(413, too_large())
        return message

    try:
        return await Request(request.scope, counted).form(max_files=10, max_fields=50)
    except MultiPartException as exc:
        raise Refusal(400, str(exc)) from None


def too_large() -> str:
    return tr("the evidence file is over the limit of {mb} MB (LEDGER_EVIDENCE_MAX_MB); nothing was changed",
              mb=f"{evidence_max_bytes() / 1024 / 1024:g}")


def _text(form: Any, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _day(form: Any, name: str = "date") -> Any:
    text = _text(form, name)
    return parse_date(text, field_labels().get(name, name)) if text else today()


def _uploads(form: Any) -> list[UploadFile]:
    return [f for f in form.getlist("evidence_file") if isinstance(f, UploadFile) and f.filename]


def _saved(uploads: list[UploadFile], folder: Path) -> list[Path]:
    """Each upload as a file named as the person's file was (the name ``store`` records), in ``folder``."""
    from ledger.store.evidence import safe_name

    paths: list[Path] = []
    for n, upload in enumerate(uploads):
        name = safe_name((upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1])
        sub = folder / str(n)  # two uploads of one name stay two files, as two --evidence-file would
        sub.mkdir()
        path = sub / name
        upload.file.seek(0)
        with open(path, "xb") as out:
            shutil.copyfileobj(upload.file, out, 1 << 20)
        paths.append(path)
    return paths


def _allowed(ctx: Ctx, units: set[str]) -> None:
    if ctx.user is not None and not ctx.user.may_write_for(units):
        raise Refusal(403, tr("{user} may not write for {units}; nothing was changed", user=ctx.user.name,
                              units="、".join(sorted(units))))


def _by(ctx: Ctx, form: Any) -> str:
    return ctx.user.name if ctx.user is not None else _text(form, "by")


def handler(action: str) -> Callable[[Request, Ctx], Response]:
    def write(request: Request, ctx: Ctx) -> Response:
        assert ctx.site is not None
        form = ctx.form
        values = {k: v for k, v in (form.multi_items() if form is not None else []) if isinstance(v, str) and k != "csrf"}
        try:
            if ctx.early is not None:
                raise ctx.early
            csrf.check(form, ctx.csrf)
            ledger = ctx.site.live.get()
            item = ledger.get(found_id(ledger, request.path_params["item_id"]))
            with tempfile.TemporaryDirectory(prefix="ledger-upload-") as folder:
                _change(action, ctx, form, item, Path(folder))
        except Refusal as exc:
            if exc.status == 404:
                raise
            return item_page(request, ctx, error=exc.message, active=action, values=values, status=exc.status)
        except Refused as exc:
            return item_page(request, ctx, error=str(exc.named(field_labels())), active=action, values=values,
                             status=400)
        except LedgerError as exc:
            return item_page(request, ctx, error="\n".join(exc.lines()), active=action, values=values, status=400)
        target = ctx.site.url("/items/" + quote(item.id, safe="")) + "?done=" + action
        return RedirectResponse(target, status_code=303)

    write.__name__ = f"{action}_form"
    write.handles_early = True  # type: ignore[attr-defined]
    return write


def _change(action: str, ctx: Ctx, form: Any, item: Any, tmp: Path) -> None:
    assert ctx.site is not None
    folder = ctx.site.data_dir
    involved = {item.lead, *item.responsible}
    by = _by(ctx, form)
    if action in ("approve", "return"):
        unit = _text(form, "unit") or None
        if ctx.user is not None and "*" not in ctx.user.units and (unit is None or unit not in ctx.user.units):
            raise Refusal(403, tr("{user} may not review for {unit}; nothing was changed", user=ctx.user.name,
                                  unit=unit or "—"))
        writes.review(folder, item.id, action, by=by, unit=unit, day=_day(form), note=_text(form, "note") or None,
                      reason=_text(form, "reason"))
        return
    _allowed(ctx, involved)
    if action == "progress":
        writes.progress(folder, item.id, text=_text(form, "text"), day=_day(form), by=by or None)
    elif action == "extend":
        to = _text(form, "to")
        if not to:
            raise Refusal(400, tr("the new deadline is required"))
        writes.extend(folder, item.id, to=parse_date(to, tr("New deadline")), reason=_text(form, "reason"),
                      approved_by=by or None, day=_day(form))
    else:
        uploads = _uploads(form)
        if any((u.size or 0) > evidence_max_bytes() for u in uploads):
            raise Refusal(413, too_large())
        files = _saved(uploads, tmp)
        texts = [t.strip() for t in form.getlist("evidence_text") if isinstance(t, str) and t.strip()]
        if action == "close":
            writes.close(folder, item.id, by=by, day=_day(form), files=files, texts=texts, note=_text(form, "note") or None)
        else:
            unit = _text(form, "unit") or None
            if ctx.user is not None and "*" not in ctx.user.units and (unit or item.lead) not in ctx.user.units:
                raise Refusal(403, tr("{user} may not write for {units}; nothing was changed", user=ctx.user.name,
                                      units=unit or item.lead))
            writes.request(folder, item.id, by=by, unit=unit, day=_day(form), files=files, texts=texts)
