"""The lights command: the red, yellow and blue items (亮灯) of a day, each with its reason."""

from typing import Annotated, Any

import typer

from ledger.cli.common import Format, as_of_date, command, loaded, out, out_bytes, resolve_unit
from ledger.i18n import language, tr

COLUMNS = ("id", "light", "deadline", "lead", "detail", "text")
"""The columns of the table, csv and Markdown: json has every key."""

LABELS = {"id": "ID", "light": "Light", "deadline": "Deadline", "lead": "Lead", "detail": "Reason",
          "text": "Feedback"}


@command("lights")
def lights_command(
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE",
                                              help="The lights as the ledger stood on DATE (default today).")] = None,
    unit: Annotated[str | None, typer.Option("--unit", metavar="UNIT",
                                             help="Only items this unit leads or is responsible for.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """The red, yellow and blue items (亮灯) with the reason for each, computed from the history.

    red: overdue. yellow: a dated item due within 7 days, a returned request not requested again,
    or an ongoing item with no progress note in the last 30 days. blue: a dated item due within
    30 days. Every other open item is green; closed items have no light. The days are set in
    settings.yaml (lights: yellow_days, blue_days, silent_days).

    Examples:

      ledger lights --as-of 2024-08-25

      ledger lights --unit 区财政局 --format json
    """
    from ledger.reports.lights import light_rows
    from ledger.store.settings import read_settings

    day = as_of_date(as_of)
    ledger = loaded()
    name = resolve_unit(ledger, unit, "--unit")
    rows = light_rows(ledger.items_at(day), day, read_settings(ledger.data_dir).lights, name)
    emit_lights(rows, fmt, day.isoformat())


def _cells(rows: list[dict[str, Any]], people: bool = True) -> list[list[str]]:
    """The rows' cells: for people (table, Markdown) the light and an ongoing deadline in words; for
    programs (csv) as json has them."""
    from ledger.reports.lights import light_word

    def cell(r: dict[str, Any], c: str) -> str:
        if people and c == "light":
            return light_word(r[c])
        if people and c == "deadline" and r[c] == "ongoing":
            return tr("ongoing")
        return str(r[c])

    return [[cell(r, c) for c in COLUMNS] for r in rows]


def emit_lights(rows: list[dict[str, Any]], fmt: Format, as_of: str) -> None:
    if fmt is Format.json:
        from ledger.render.text import to_json

        out(to_json(rows))
        return
    headers = [tr(LABELS[c]) for c in COLUMNS] if language() == "zh" or fmt is Format.table else list(COLUMNS)
    if fmt is Format.csv:
        from ledger.render.text import to_csv

        out_bytes(to_csv(headers, _cells(rows, people=False), bom=True).encode("utf-8"))
        return
    if fmt is Format.markdown:
        from ledger.render.text import to_markdown

        out(to_markdown(headers, _cells(rows)))
        return
    import shutil

    from ledger.render.lights_table import lights_lines

    out("".join(line + "\n" for line in lights_lines(headers, _cells(rows), rows, as_of,
                                                      shutil.get_terminal_size((80, 24)).columns)))
