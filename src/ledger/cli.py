"""The command line: parse, call the library, render, exit. Nothing else lives here.

Exit codes: 0 ok, 1 a data or domain error, 2 a usage error. Results go to stdout, errors to
stderr, each error on one line.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

import ledger as _package

from .errors import LedgerError, UsageError
from .i18n import detect_language, set_language, tr

app = typer.Typer(
    name="ledger",
    help="整改销号台账 — a rectification close-out ledger over YAML files in git.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click messages: one "Error:" line, and no rich import for --help
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Settings:
    data: str | None = None


settings = Settings()


@app.callback()
def main(
    data: Annotated[str | None, typer.Option("--data", metavar="DIR", envvar="LEDGER_DATA",
                                             help="Data folder (default: data/ of the repository you stand in).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", metavar="zh|en",
                                             help="Interface language (default: LEDGER_LANG, then the locale).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore the validated-ledger cache.")] = False,
) -> None:
    """整改销号台账: list, close and report on rectification items kept in YAML files."""
    if lang is not None and lang.lower() not in ("zh", "en") and not lang.lower().startswith("zh"):
        raise typer.BadParameter("use zh or en", param_hint="--lang")
    set_language(detect_language(lang))
    settings.data = data
    from . import cache

    cache.set_enabled_for_run(not no_cache)


F = TypeVar("F", bound=Callable[..., Any])


SHOWN_PROBLEMS = 10
"""A command refused over bad data shows this many problems; ``ledger check`` shows them all."""


def guarded(func: F) -> F:
    """Turn the library's errors into one line each on stderr and the right exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LedgerError as exc:
            # Problems in the ledger itself are capped (check lists them all); problems that
            # come with a message of their own (an import's bad rows) are all shown.
            shown = exc.problems if exc.message else exc.problems[:SHOWN_PROBLEMS]
            for problem in shown:
                sys.stderr.write(problem.render() + "\n")
            if exc.message:
                err(exc.message)
            elif len(exc.problems) > SHOWN_PROBLEMS:
                sys.stderr.write(tr("{n} problems, {shown} shown: run ledger check for all of them",
                                    n=len(exc.problems), shown=SHOWN_PROBLEMS) + "\n")
            elif exc.problems:
                sys.stderr.write(problem_count(len(exc.problems)) + "\n")
            raise typer.Exit(code=2 if isinstance(exc, UsageError) else 1) from None
        except KeyboardInterrupt:
            err(tr("interrupted"))
            raise typer.Exit(code=130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(code=0) from None

    return wrapper  # type: ignore[return-value]


def problem_count(n: int) -> str:
    return tr("{n} problem", n=n) if n == 1 else tr("{n} problems", n=n)


def err(message: str) -> None:
    sys.stderr.write(f"{tr('Error')}: {message}\n")


def out(text: str) -> None:
    sys.stdout.write(text)


def data_dir() -> Path:
    from .storage import find_data_dir

    return find_data_dir(settings.data)


def console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


COMMAND_MODULES = {
    "check": "read", "list": "read", "show": "read",
    "close": "write", "reopen": "write", "progress": "write", "extend": "write", "add": "write",
    "log": "history", "undo": "history",
    "report": "reports", "bulletin": "reports", "export": "reports", "import": "reports",
    "git": "gitcmds", "merge-driver": "gitcmds",
}
"""Which module registers each command. The console script imports only the one it needs:
typer builds every registered command's parameters on every run."""


def load_commands(modules: set[str] | None = None) -> None:
    """Register the commands of ``modules`` (all of them by default) on ``app``."""
    import importlib

    for module in dict.fromkeys(COMMAND_MODULES.values()):  # in this order, as --help lists them
        if modules is None or module in modules:
            importlib.import_module(f"ledger.commands.{module}")


def requested_module(argv: list[str]) -> str | None:
    """The module of the command named on the command line, if it is plainly named."""
    args = iter(argv)
    for arg in args:
        if arg in ("--data", "--lang"):
            next(args, None)
        elif arg.startswith(("--data=", "--lang=")) or arg == "--no-cache":
            continue
        else:
            return COMMAND_MODULES.get(arg)
    return None


if not _package._console_script:
    load_commands()


def run() -> None:
    """The console script. Registers only the command asked for, and exits without tearing down
    every loaded object (on a large ledger that teardown alone costs tens of milliseconds);
    output is flushed first."""
    import os

    if _package._console_script:
        module = requested_module(sys.argv[1:])
        load_commands({module} if module else None)
    try:
        app()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code)
