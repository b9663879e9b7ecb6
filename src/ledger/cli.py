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


def guarded(func: F) -> F:
    """Turn the library's errors into one line each on stderr and the right exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LedgerError as exc:
            for problem in exc.problems:
                sys.stderr.write(problem.render() + "\n")
            if exc.message:
                err(exc.message)
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


from .commands import gitcmds, history, read, reports, write  # noqa: E402,F401  (registers the commands)


def run() -> None:
    """The console script. Exits without tearing down every loaded object (on a large ledger
    that teardown alone costs tens of milliseconds); output is flushed first."""
    import os

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
