"""The pages over a whole ledger (dashboard, report, bulletin) and the city page.

The pages over the whole ledger: ``/`` (the dashboard), ``/report`` (the accountability table),
``/bulletin/<YYYY-MM>`` (the monthly bulletin), and, with several ledgers, the city page."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ledger.core.query import entered_by
from ledger.environment import today
from ledger.i18n import tr
from ledger.reports.by_unit import COLUMNS, GROUP_LABELS, GROUPINGS, LIGHT_COLUMNS, display_cells, light_cells
from ledger.reports.listing import month_bulletin, unit_report
from ledger.web import params
from ledger.web.config import Refusal
from ledger.web.views import Ctx, render
from ledger.web.workspace import Site

SLOWEST = 8


def figures(site: Site, day: date, lang: str) -> dict[str, Any]:
    """The dashboard's figures and charts, made once per ledger version, day and language."""
    from ledger.render.html import curve_chart, status_chart, units_chart
    from ledger.reports.lights import light_counts
    from ledger.store.settings import read_settings

    ledger = site.live.get()

    def make() -> dict[str, Any]:
        from ledger.reports.bulletin import close_curve, status_counts  # the bulletin's own figures

        settings = read_settings(ledger.data_dir)
        report = unit_report(ledger, day, "lead")
        items = [item for item in ledger.items_at(day) if entered_by(item, day)]
        curve = close_curve(items, day)
        start = date(day.year, day.month, 1)
        batch_days = [f.batch.date for f in ledger.files if f.batch is not None]
        # what the bulletin's curve chart reads, without the rest of a month's bulletin (a third of a second at 10,000 items)
        shape = SimpleNamespace(curve=curve, start=start, as_of=day, total=len(items),
                                curve_start=min([*batch_days, *(p.date for p in curve[:1]), start]))
        return {
            "totals": report.totals, "slowest": report.rows[:SLOWEST], "units": len(report.rows),
            "lights": light_counts(items, day, settings.lights), "units_chart": units_chart(report.rows),
            "status_chart": status_chart(status_counts(items, day), report.totals.close_rate),
            "curve_chart": curve_chart(shape),  # type: ignore[arg-type]
        }

    return site.live.memo((ledger.key, "figures", day, lang), make)  # type: ignore[no-any-return]


def dashboard(request: Request, ctx: Ctx) -> Response:
    assert ctx.site is not None
    day = params.as_of(request.query_params)
    return render(ctx, "dashboard.html", f=figures(ctx.site, day, ctx.lang), as_of=day.isoformat())


def report_page(request: Request, ctx: Ctx) -> Response:
    assert ctx.site is not None
    by = request.query_params.get("by") or "lead"
    if by not in GROUPINGS:
        raise Refusal(400, tr("by: use lead, responsible, question or deadline"))
    day = params.as_of(request.query_params)
    report = unit_report(ctx.site.live.get(), day, by)
    headers = [tr(GROUP_LABELS[by]), *(tr(label) for _, label in (*COLUMNS[1:], *LIGHT_COLUMNS))]
    rows = [(r, [*display_cells(r), *light_cells(r)]) for r in [*report.rows, report.totals]]
    return render(ctx, "report.html", headers=headers, rows=rows, by=by, groupings=GROUPINGS, labels=GROUP_LABELS,
                  as_of=day.isoformat())


PERIOD = re.compile(r"^\d{4}-\d{2}$")


def bulletin_page(request: Request, ctx: Ctx) -> Response:
    """The bulletin's own page (``ledger bulletin --format html``), with a bar of links on top."""
    assert ctx.site is not None
    from ledger.core.dates import parse_month
    from ledger.render.html import bulletin_html

    period = request.path_params["period"]
    try:
        period = parse_month(period, "period")
    except Exception:
        raise Refusal(404, tr("no bulletin for {period}: use a month as YYYY-MM", period=period)) from None
    if not PERIOD.match(period) or period > f"{today().year}-{today().month:02d}":
        raise Refusal(404, tr("no bulletin for {period}: use a month as YYYY-MM", period=period))
    page = bulletin_html(month_bulletin(ctx.site.live.get(), period, today()))
    bar = render(ctx, "bulletin_bar.html", period=period).body.decode("utf-8")
    return HTMLResponse(page.replace("<body>\n", "<body>\n" + bar, 1))


def city_page(request: Request, ctx: Ctx) -> Response:
    """Several ledgers side by side: counts, lights and close rates, with links into each."""
    from ledger.errors import LedgerError

    day = params.as_of(request.query_params)
    districts = []
    for site in ctx.config.sites:
        try:
            districts.append((site, figures(site, day, ctx.lang), None))
        except LedgerError as exc:  # one broken ledger does not hide the others
            districts.append((site, None, "\n".join(exc.lines())))
    return render(ctx, "city.html", districts=districts, as_of=day.isoformat())
