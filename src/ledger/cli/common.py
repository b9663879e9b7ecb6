"""What every command shares: the run's settings, the command registry, error mapping, output helpers."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import typer

from ledger.core.dates import parse_date
from ledger.core.model import Ledger
from ledger.environment import today
from ledger.errors import LedgerError, Refused, UsageError
from ledger.i18n import msg, tr
from ledger.store.load import load, require_valid


@dataclass
class Settings:
    """The global options of this run (``ledger --data DIR …``)."""

    data: str | None = None


settings = Settings()

console_script = False
"""Set by ``ledger.cli.main`` before ``ledger.cli.app`` is imported: the console script registers
only the command it runs; anyone else importing ``ledger.cli.app`` gets every command."""

F = TypeVar("F", bound=Callable[..., Any])

COMMANDS: list[tuple[str | None, str, Callable[..., Any]]] = []
"""(group, name, function) of every command module imported so far, in definition order;
``ledger.cli.app`` registers them on the typer app."""


def command(name: str, group: str | None = None) -> Callable[[F], F]:
    """Declare a command (``ledger NAME`` or ``ledger GROUP NAME``); its docstring is its help.
    The function's errors are mapped to one line each by ``guarded``."""

    def declare(func: F) -> F:
        COMMANDS.append((group, name, guarded(func)))
        return func

    return declare


FLAGS: dict[str, Any] = {"date": "--date", "by": "--by", "reason": "--reason", "to": "--to", "text": "--text",
                         "question": "--question", "source": "--source", "evidence": msg("--evidence FILE or TEXT")}
"""How the command line calls the fields of a change that the domain refuses (``errors.Refused``)."""

SHOWN_PROBLEMS = 10
"""A command refused over bad data shows this many problems; ``ledger check`` shows them all."""


def guarded(func: F) -> F:
    """Turn the library's errors into one line each on stderr and the right exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            try:
                return func(*args, **kwargs)
            except Refused as exc:  # the domain names a field; here it is the option that gave it
                raise LedgerError(exc.named(FLAGS)) from None
        except LedgerError as exc:
            # Problems in the ledger itself are capped (check lists them all); problems that
            # come with a message of their own (an import's bad rows) are all shown.
            shown = exc.problems if exc.message else exc.problems[:SHOWN_PROBLEMS]
            for problem in shown:
                sys.stderr.write(problem.render() + "\n")
            if exc.message:
                err(str(exc.message))
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
    from ledger.store.files import find_data_dir

    return find_data_dir(settings.data)


def console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def loaded() -> Ledger:
    ledger = load(data_dir())
    require_valid(ledger)
    return ledger


def as_of_date(text: str | None) -> date:
    return parse_date(text, "--as-of") if text else today()


def optional_date(text: str | None, option: str) -> date | None:
    return parse_date(text, option) if text else None


def resolve_unit(ledger: Ledger, name: str | None, option: str) -> str | None:
    """A unit typed by name or alias → its name; an unknown one is a usage error with a hint."""
    if name is None:
        return None
    table = ledger.unit_names()
    if name in table:
        return table[name]
    import difflib

    near = difflib.get_close_matches(name, list(table), n=3, cutoff=0.4)
    hint = tr("; did you mean {near}?", near=", ".join(near)) if near else ""
    raise UsageError(tr("{option}: unknown unit {name!r}{hint}", option=option, name=name, hint=hint))
