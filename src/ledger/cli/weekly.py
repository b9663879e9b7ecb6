"""What ``ledger bulletin --week`` runs: the weekly scheduling report (周调度), as Markdown or HTML."""

from __future__ import annotations

from ledger.cli.common import data_dir, loaded, out
from ledger.errors import UsageError
from ledger.i18n import tr


def weekly(week: str, period: str | None, html: bool, output: str | None) -> None:
    """The report for ``week`` to stdout or ``-o FILE``; a week that is no ISO week, or one not begun
    yet, is refused in one line (a usage error), before anything is read or written."""
    from ledger.cli.output import write
    from ledger.environment import today
    from ledger.reports.weekly import build_weekly, parse_week

    if period is not None:
        raise UsageError(tr("--week and --period: give one of them"))
    try:
        name, start, end = parse_week(week)
    except ValueError:
        raise UsageError(tr("--week: {value!r} is not an ISO week (write YYYY-Www, such as 2024-W35)",
                            value=week)) from None
    if start > today():
        raise UsageError(tr("--week {week} has not begun yet (today is {today})", week=name, today=today()))
    from ledger.store.settings import read_settings

    ledger = loaded()
    thresholds = read_settings(ledger.data_dir).lights
    as_of = min(end, today())
    report = build_weekly(ledger.items_at(as_of), name, today(), lambda item: ledger.entered(item.id), thresholds)
    if html:
        from ledger.render.weekly import weekly_html

        text = weekly_html(report)
    else:
        from ledger.render.weekly import weekly_markdown

        text = weekly_markdown(report)
    if output is None or output == "-":
        out(text)
    else:
        write(text.encode("utf-8"), output, data_dir())
