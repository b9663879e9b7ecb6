"""The json records of list, show, report and the bulletin's data, for every front end.

The records of ``ledger list``, ``ledger show`` and ``ledger report`` in json, for every front
end: the command line prints them, the web view's API sends them (``GET /api/items`` …). Moved
here from ``cli.read`` and ``cli.reports`` so that both answer a question with the same code."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ledger.core.model import Batch, Ledger
from ledger.core.query import Filters, resolve_id, select
from ledger.i18n import tr
from ledger.reports.rows import detail, row

if TYPE_CHECKING:  # imported where used: ledger list starts without them
    from ledger.reports.bulletin import Bulletin
    from ledger.reports.by_unit import Report


def list_rows(ledger: Ledger, filters: Filters, light: str | None = None) -> list[dict[str, Any]]:
    """``ledger list``'s records: the items that pass ``filters`` as they stood on its as-of day,
    then (a light is computed from the item's whole history) those with ``light``, if given."""
    from ledger.store.settings import read_settings

    day = filters.as_of
    settings = read_settings(ledger.data_dir)
    rows = [row(item, day, settings.lights, settings.publicity_days) for item in select(ledger.items_at(day), filters)]
    if light is not None:
        rows = [r for r in rows if r["light"] == light.strip().lower()]
    return rows


def show_record(ledger: Ledger, item_id: str, day: date) -> tuple[dict[str, Any], Batch | None]:
    """``ledger show``'s record of the item typed as ``item_id`` (２－８, h-1) as it stood on ``day``,
    with the file it is in and its batch."""
    item = ledger.get_at(resolve_id(item_id, ledger.index()), day)
    data = detail(item, day)
    file = ledger.files[ledger.index()[item.id][0]]
    batch = file.batch
    data["file"] = file.path.relative_to(ledger.data_dir).as_posix()
    data["batch"] = batch.id if batch else None
    return data, batch


def unit_report(ledger: Ledger, day: date, by: str = "lead") -> Report:
    """``ledger report``: the ledger as it stood on ``day``, with the settings' lights and notice period."""
    from ledger.reports.by_unit import build_report
    from ledger.store.settings import read_settings

    settings = read_settings(ledger.data_dir)
    return build_report(ledger.items_at(day), ledger.units, day, by, settings.lights, settings.publicity_days)


def report_records(report: Report) -> list[dict[str, Any]]:
    """``ledger report --format json``: the rows, then the totals row named in the interface language."""
    data = [r.as_dict() for r in [*report.rows, report.totals]]
    data[-1]["unit"] = tr("Total")
    return data


def month_bulletin(ledger: Ledger, period: str, today: date) -> Bulletin:
    """``ledger bulletin --period YYYY-MM``'s data: the ledger as it stood at the end of the month
    (``today``, for the month not over yet), with the settings' lights and points."""
    from ledger.reports.bulletin import build_bulletin, period_as_of
    from ledger.store.settings import read_settings

    batch_days = [f.batch.date for f in ledger.files if f.batch is not None]
    items = ledger.items_at(period_as_of(period, today))  # only what was in the ledger then
    chosen = read_settings(ledger.data_dir)
    return build_bulletin(items, ledger.units, period, today, min(batch_days) if batch_days else None,
                          chosen.lights, chosen.points, lambda item: ledger.entered(item.id))
