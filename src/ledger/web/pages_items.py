"""The pages about items: the filtered list, one item with its forms, a unit.

The pages about items: ``/items`` (the list, filtered as ``ledger list``), ``/items/<id>`` (one
item, its timeline and its forms), ``/units/<name>`` (a unit's items, lights and due-soon list)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from ledger.core.query import Filters
from ledger.environment import today
from ledger.i18n import tr
from ledger.reports.by_unit import DUE_SOON_DAYS
from ledger.reports.listing import list_rows, show_record, unit_report
from ledger.reports.rows import days_left
from ledger.web import params
from ledger.web.api import found_id
from ledger.web.config import Refusal
from ledger.web.timeline import events
from ledger.web.views import Ctx, render

PAGE_SIZE = 100
DONE_LABELS = {"progress": "Progress note", "extend": "Extend the deadline", "close": "Close out",
               "request": "Request sign-off", "approve": "Approve (审核通过)", "return": "Return (退回)"}
FILTER_NAMES = ("overdue", "due_soon", "as_of", "status", "dept", "lead", "question", "ongoing", "dated",
                "due_before", "due_after", "search", "light")


def _with_days_left(rows: list[dict[str, Any]], filters: Filters) -> list[dict[str, Any]]:
    within = DUE_SOON_DAYS if filters.due_soon is None else filters.due_soon
    return [{**r, "days_left": days_left(r, filters.as_of, within)} for r in rows]


def items_page(request: Request, ctx: Ctx) -> Response:
    assert ctx.site is not None
    ledger = ctx.site.live.get()
    query = request.query_params
    filters, light = params.filters(ledger, query)
    rows = list_rows(ledger, filters, light)
    page = params.number(query, "page", low=1) or 1
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    if page > pages:
        raise Refusal(404, tr("page {page} of {pages}: there is no such page", page=page, pages=pages))
    shown = _with_days_left(rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], filters)
    kept = [(k, v) for k, v in query.multi_items() if k in FILTER_NAMES and v]
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("open", "in_progress", "pending_review", "closed")}
    return render(ctx, "items.html", rows=shown, total=len(rows), page=page, pages=pages, kept=kept,
                  counts=counts, overdue=sum(1 for r in rows if r["overdue"]), query=query,
                  units=[u.name for u in ledger.units], as_of=filters.as_of.isoformat())


def item_page(request: Request, ctx: Ctx, *, error: str | None = None, active: str | None = None,
              values: dict[str, str] | None = None, status: int = 200, done: str | None = None) -> Response:
    assert ctx.site is not None
    from ledger.store.changes import reviewers
    from ledger.store.settings import read_settings

    ledger = ctx.site.live.get()
    item_id = found_id(ledger, request.path_params["item_id"])
    day = params.as_of(request.query_params)
    data, batch = show_record(ledger, item_id, day)
    settings = read_settings(ledger.data_dir)
    review_units, default_reviewer = reviewers(ledger, settings.reviewer)
    item = ledger.get(item_id)
    involved = [item.lead, *(u for u in item.responsible if u != item.lead)]
    user_units = list(ctx.user.units) if ctx.user is not None else None
    return render(ctx, "item.html", status=status, item=data, batch=batch, events=events(data),
                  review=settings.review, is_closed=item.closed is not None, pending=item.status == "pending_review",
                  involved=involved, reviewers=review_units or [u.name for u in ledger.units],
                  default_reviewer=default_reviewer, user_units=user_units, error=error, active=active,
                  values=values or {}, done=done or request.query_params.get("done"), today=today().isoformat(),
                  done_labels=DONE_LABELS and {k: tr(v) for k, v in DONE_LABELS.items()})


def unit_page(request: Request, ctx: Ctx) -> Response:
    assert ctx.site is not None
    from ledger.reports.lights import light_rows
    from ledger.store.settings import read_settings

    ledger = ctx.site.live.get()
    from ledger.core.typed import unit_name

    name = ledger.unit_names().get(unit_name(request.path_params["name"]))  # a name or an alias
    if name is None:
        raise Refusal(404, tr("unknown unit {name!r}", name=request.path_params["name"]))
    day = params.as_of(request.query_params)
    settings = read_settings(ledger.data_dir)
    every = Filters(as_of=day, dept=(name,))
    rows = _with_days_left(list_rows(ledger, every), every)
    soon = Filters(as_of=day, dept=(name,), due_soon=DUE_SOON_DAYS)
    due = _with_days_left(list_rows(ledger, soon), soon)
    lights = light_rows(ledger.items_at(day), day, settings.lights, unit=name)
    report = unit_report(ledger, day, "responsible")
    row = next((r for r in report.rows if r.unit == name), None)
    led = next((r for r in unit_report(ledger, day, "lead").rows if r.unit == name), None)
    return render(ctx, "unit.html", unit=name, rows=rows, due=due, lights=lights, row=row, led=led,
                  as_of=day.isoformat(), kind=next(u.kind for u in ledger.units if u.name == name))
