"""The typer app: global options, the lazy command registry, the console script's entry.

Exit codes: 0 ok, 1 a data or domain error, 2 a usage error. Results go to stdout, errors to
stderr, each error on one line.
"""

import sys
from typing import Annotated

import typer

from ledger.cli import common
from ledger.cli.common import COMMANDS, settings
from ledger.cli.help import Command, Group
from ledger.i18n import detect_language, set_language, tr

app = typer.Typer(
    name="ledger",
    cls=Group,  # help and usage errors in the interface language; --lang, --data, --no-cache anywhere
    help="整改销号台账 — a rectification close-out ledger over YAML files in git.",
    no_args_is_help=False,  # bare `ledger` prints its help to stdout and exits 0 (see main)
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click messages: one "Error:" line, and no rich import for --help
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from ledger import __version__

        sys.stdout.write(f"ledger {__version__}\n")
        raise typer.Exit(code=0)


@app.callback()
def main(
    ctx: typer.Context,
    data: Annotated[str | None, typer.Option("--data", metavar="DIR", envvar="LEDGER_DATA",
                                             help="Data folder (default: data/ of the repository you stand in).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="zh|en",
                                             help="Interface language (default: LEDGER_LANG, then the locale).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore the validated-ledger cache.")] = False,
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version,
                                          help="Print the version and exit.")] = False,
) -> None:
    """整改销号台账: list, close and report on rectification items kept in YAML files."""
    if ctx.invoked_subcommand is None:  # bare `ledger`: the help, as asked for, not a usage error
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit(code=0)
    if lang is not None and lang.lower() not in ("zh", "en") and not lang.lower().startswith("zh"):
        raise typer.BadParameter(tr("use zh or en"), param_hint="--lang")
    set_language(detect_language(lang))
    from ledger.environment import BadVariable, check_all

    try:
        check_all()  # a bad LEDGER_* value is one line now, before the command does anything
    except BadVariable as exc:
        common.err(str(exc.message))
        raise typer.Exit(code=2) from None
    settings.data = data
    from ledger.store import cache

    cache.set_enabled_for_run(not no_cache)


COMMAND_MODULES = {
    "check": "read", "list": "read", "show": "read",
    "close": "write", "reopen": "write", "progress": "write", "extend": "write", "add": "add",
    "request": "review", "approve": "review", "return": "review",
    "edit": "edit", "remind": "remind",
    "log": "history", "undo": "history",
    "report": "reports", "bulletin": "reports", "export": "sheets", "import": "sheets",
    "git": "git", "merge-driver": "git", "completion": "completion",
    "init": "init", "units": "units", "lights": "lights", "serve": "serve",
}
"""Which module registers each command. The console script imports only the one it needs:
typer builds every registered command's parameters on every run."""


def load_commands(modules: set[str] | None = None, only: str | None = None) -> None:
    """Register the commands of ``modules`` (all of them by default) on ``app``; with ``only``,
    just that command (or group) of them: typer inspects every registered command's parameters
    on every run, so the console script registers the one it runs."""
    import importlib

    for module in dict.fromkeys(COMMAND_MODULES.values()):  # in this order, as --help lists them
        if modules is None or module in modules:
            importlib.import_module(f"ledger.cli.{module}")
    for group, name, func in COMMANDS:
        if (group, name) in _registered or (only is not None and (group or name) != only):
            continue
        _registered.add((group, name))
        target = app if group is None else _group(group)
        target.command(name, cls=Command)(func)


_registered: set[tuple[str | None, str]] = set()
_groups: dict[str, typer.Typer] = {}

GROUPS = {"git": "Make git work for the ledger: item-level merges, a pre-commit check.",
          "units": "The units items name (departments.yaml): list them, add one."}


def _group(name: str) -> typer.Typer:
    if name not in _groups:
        _groups[name] = typer.Typer(cls=Group, help=GROUPS[name], no_args_is_help=True, add_completion=False,
                                    pretty_exceptions_enable=False,
                                    context_settings={"help_option_names": ["-h", "--help"]})
        app.add_typer(_groups[name], name=name)
    return _groups[name]


def requested_module(argv: list[str]) -> str | None:
    """The module of the command named on the command line, if it is plainly named."""
    name = requested_command(argv)
    return COMMAND_MODULES.get(name) if name else None


def requested_command(argv: list[str]) -> str | None:
    """The command (or group) named on the command line, if it is plainly named and known."""
    args = iter(argv)
    for arg in args:
        if arg in ("--data", "--lang"):
            next(args, None)
        elif arg.startswith(("--data=", "--lang=")) or arg == "--no-cache":
            continue
        else:
            return arg if arg in COMMAND_MODULES else None
    return None


if not common.console_script:
    load_commands()


def run() -> None:
    """The console script. Registers only the command asked for, and exits without tearing down
    every loaded object (on a large ledger that teardown alone costs tens of milliseconds);
    output is flushed first. A reader that has gone (``ledger list | head -1``) ends the command
    quietly; a stdout that cannot be written (a full disk) is one error line. A Ctrl-C at any
    moment outside a write (which finishes or rolls back on its own) is one line and exit 130."""
    try:
        _run()
    except (KeyboardInterrupt, RuntimeError) as exc:  # while typer builds the command, or the output is flushed
        from ledger.cli.interrupt import interrupted, is_interrupt

        if not is_interrupt(exc):
            raise
        interrupted()


def _run() -> None:
    import os

    from ledger.cli.interrupt import interrupted

    _open_standard_streams()
    try:
        if common.console_script:
            name = requested_command(sys.argv[1:])
            load_commands({COMMAND_MODULES[name]} if name else None, only=name)
        app()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if code == 130 and not common.interrupt_said:  # typer's own exit for a Ctrl-C while it parsed
            interrupted()
    except BrokenPipeError:
        common.silence_stdout()
        code = 0
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        common.silence_stdout()
    except OSError as exc:
        common.silence_stdout()
        common.err(tr("cannot write the output: {reason}", reason=exc.strerror or exc))
        code = code or 1
    try:
        sys.stderr.flush()
    except OSError:
        pass
    from ledger.cli import startup

    startup.save()  # the records' code compiled for the first time, for the next run
    os._exit(code)


def _open_standard_streams() -> None:
    """Started with stdin, stdout or stderr closed (``ledger list >&-``), the next file opened
    would take its number, and output meant for the terminal would land in it (a lock file, the
    ledger's temporary file): give each closed one /dev/null first."""
    import os

    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
