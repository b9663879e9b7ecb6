"""The JSON API: the command line's json answers over HTTP, made by the same functions.

``GET /api/items?…`` = ``ledger list … --format json`` (``params`` for the query);
``GET /api/items/<id>?as_of=`` = ``ledger show ID --format json``;
``GET /api/report?by=lead&as_of=`` = ``ledger report --format json``.
Errors are ``{"error": reason, "status": code}`` with that status."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ledger.i18n import tr
from ledger.render.text import to_json
from ledger.reports.by_unit import GROUPINGS
from ledger.reports.listing import list_rows, report_records, show_record, unit_report
from ledger.web import params
from ledger.web.config import Refusal
from ledger.web.views import Ctx


def _json(text: str) -> Response:
    return Response(text, media_type="application/json; charset=utf-8")


def items(request: Request, ctx: Ctx) -> Response:
    assert ctx.site is not None
    ledger = ctx.site.live.get()
    filters, light = params.filters(ledger, request.query_params)
    return _json(to_json(list_rows(ledger, filters, light)))


def item(request: Request, ctx: Ctx) -> Response:
    assert ctx.site is not None
    ledger = ctx.site.live.get()
    data, _ = show_record(ledger, found_id(ledger, request.path_params["item_id"]), params.as_of(request.query_params))
    return _json(to_json(data))


def report(request: Request, ctx: Ctx) -> Response:
    assert ctx.site is not None
    by = request.query_params.get("by") or "lead"
    if by not in GROUPINGS:
        raise Refusal(400, tr("by: use lead, responsible, question or deadline"))
    return _json(to_json(report_records(unit_report(ctx.site.live.get(), params.as_of(request.query_params), by))))


def found_id(ledger, typed: str) -> str:  # type: ignore[no-untyped-def]
    """The id of the item typed (２－８, h-1 as the command line takes them); 404 with the reason if none."""
    from ledger.core.query import resolve_id
    from ledger.errors import LedgerError

    try:
        return resolve_id(typed, ledger.index())
    except LedgerError as exc:
        raise Refusal(404, str(exc.message or exc)) from None
