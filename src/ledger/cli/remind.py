"""The remind command (信息直达): one reminder file per unit with red, yellow or blue items, sent by mail if asked.

Everything is checked before anything is written: the folder (never inside the data folder),
the unit, the settings, every address and file name. Then ``DIR/<unit>.md`` for each unit, and
``DIR/<unit>.eml`` for a unit that ``departments.yaml`` gives an ``email``; ``--send`` delivers
those messages over the SMTP server that settings.yaml's ``smtp:`` names.
"""

import os
from pathlib import Path
from typing import Annotated

import typer

from ledger.cli.common import command, out
from ledger.errors import LedgerError, UsageError
from ledger.i18n import tr


@command("remind")
def remind_command(
    out_dir: Annotated[str | None, typer.Option("--out", metavar="DIR", help="The folder to write the reminders "
                                                                             "to (made if missing).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="The day the lights are read on "
                                                                             "(default today).")] = None,
    unit: Annotated[str | None, typer.Option("--unit", metavar="UNIT", help="Only this unit's reminder.")] = None,
    send: Annotated[bool, typer.Option("--send", help="Also send the .eml files over SMTP (smtp: in "
                                                      "data/settings.yaml).")] = False,
) -> None:
    """Write a reminder (信息直达) for each unit that leads or shares a red, yellow or blue item:
    DIR/<unit>.md, and DIR/<unit>.eml for a unit with an email in departments.yaml.

    Example: ledger remind --as-of 2024-09-01 --out 提醒
    """
    from ledger.cli.common import as_of_date, data_dir, loaded, resolve_unit
    from ledger.environment import today
    from ledger.errors import display_path
    from ledger.store.mail import ADDRESS, send_messages, write_files
    from ledger.store.settings import read_settings

    if not out_dir:
        raise typer.BadParameter(tr("the folder to write to is required"), param_hint="--out")
    if out_dir == "-":  # one file per unit: there is no single output to send to stdout
        raise typer.BadParameter(tr("name a folder: reminders are one file per unit, not one output"),
                                 param_hint="--out")
    day = as_of_date(as_of)
    folder = Path(out_dir)
    data = Path(os.path.realpath(data_dir()))
    if (target := Path(os.path.realpath(folder))) == data or target.is_relative_to(data):
        raise UsageError(tr("--out {path} is inside the data folder {folder}, which holds only the ledger's own files: "
                            "write the reminders elsewhere", path=out_dir, folder=display_path(data_dir())))
    if folder.exists() and not folder.is_dir():
        raise UsageError(tr("--out {path} is not a folder", path=out_dir))
    ledger = loaded()
    only = resolve_unit(ledger, unit, "--unit")
    settings = read_settings(ledger.data_dir)
    if send and settings.smtp is None:
        raise LedgerError(tr("--send needs smtp: with host, port and sender in data/settings.yaml"))
    from ledger.render.reminder import reminder_email, reminder_markdown
    from ledger.reports.reminders import build_reminders

    lights = settings.lights
    reminders = build_reminders(ledger.items_at(day), ledger.units, day, lights, only)
    if not reminders:
        out((tr("{unit} has no red, yellow or blue item on {date}", unit=only, date=day) if only else
             tr("no unit has a red, yellow or blue item on {date}", date=day)) + "\n")
        return
    files: dict[str, bytes] = {}
    messages = []
    for r in reminders:
        if r.unit in (".", "..") or any(c in r.unit for c in "/\\\0") or r.unit.startswith("."):
            raise LedgerError(tr("unit {unit!r}: its name cannot be a file name; rename the unit", unit=r.unit))
        text = reminder_markdown(r, lights.yellow_days, lights.blue_days)
        files[f"{r.unit}.md"] = text.encode("utf-8")
        if r.email is not None:
            if not ADDRESS.match(r.email):
                raise LedgerError(tr("departments.yaml: unit {unit}: email {email!r} is not an e-mail address",
                                     unit=r.unit, email=r.email))
            if settings.smtp is None:
                raise LedgerError(tr("unit {unit} has an email: a message needs a sender; add smtp: with host, port "
                                     "and sender to data/settings.yaml", unit=r.unit))
            message = reminder_email(r, text, settings.smtp.sender, today())
            messages.append((f"{r.unit}.eml", message))
            files[f"{r.unit}.eml"] = message.as_bytes()
    write_files(folder, files)
    for name in files:
        out(tr("wrote {path}", path=os.path.join(out_dir, name)) + "\n")
    if send and messages:
        assert settings.smtp is not None
        for (name, _), to in zip(messages, send_messages(settings.smtp, [m for _, m in messages]), strict=True):
            out(tr("sent {file} to {to}", file=name, to=to) + "\n")
