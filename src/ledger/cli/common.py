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
from ledger.environment import BadVariable, today
from ledger.errors import LedgerError, Refused, UsageError
from ledger.i18n import msg, tr
from ledger.render.terminal import visible
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

interrupt_said = False
"""Whether a command said it was interrupted: a Ctrl-C while click parses the line ends in typer's
silent exit 130, which ``app.run`` then says."""

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
                         "question": "--question", "source": "--source", "evidence": msg("--evidence FILE or TEXT"),
                         "unit": "--unit"}
"""How the command line calls the fields of a change that the domain refuses (``errors.Refused``)."""

MISSING_VALUES = frozenset({"{what} must not be empty", "item {id}: a close-out needs evidence ({what})",
                            "item {id}: a request needs evidence ({what})"})
"""Refusals of a value the command line did not give (no evidence option, ``--by ""``): usage errors,
exit 2, like any missing option, not the data errors (exit 1) the domain's other refusals are."""

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
                kind = UsageError if exc.template in MISSING_VALUES else LedgerError
                raise kind(exc.named(FLAGS)) from None
        except LedgerError as exc:
            # Problems in the ledger itself are capped (check lists them all); problems that
            # come with a message of their own (an import's bad rows) are all shown.
            shown = exc.problems if exc.message else exc.problems[:SHOWN_PROBLEMS]
            for problem in shown:
                sys.stderr.write(visible(problem.render()) + "\n")
            if exc.message:
                err(str(exc.message))
            elif len(exc.problems) > SHOWN_PROBLEMS:
                sys.stderr.write(tr("{n} problems, {shown} shown: run ledger check for all of them",
                                    n=len(exc.problems), shown=SHOWN_PROBLEMS) + "\n")
            elif exc.problems:
                sys.stderr.write(problem_count(len(exc.problems)) + "\n")
            raise typer.Exit(code=2 if isinstance(exc, UsageError) else 1) from None
        except BadVariable as exc:
            err(str(exc.message))
            raise typer.Exit(code=2) from None
        except (KeyboardInterrupt, RuntimeError) as exc:  # RuntimeError: a Ctrl-C while a class was being made
            from ledger.cli.interrupt import is_interrupt

            if not is_interrupt(exc):
                raise
            global interrupt_said
            err(tr("interrupted"))
            interrupt_said = True
            raise typer.Exit(code=130) from None
        except BrokenPipeError:  # the reader of our output has gone (`ledger list | head -1`): stop quietly
            silence_stdout()
            raise typer.Exit(code=0) from None

    return wrapper  # type: ignore[return-value]


def problem_count(n: int) -> str:
    return tr("{n} problem", n=n) if n == 1 else tr("{n} problems", n=n)


def err(message: str) -> None:
    """One error line on stderr; control characters in it (a typed name, a file name) are shown, not sent."""
    sys.stderr.write(visible(f"{tr('Error')}: {message}") + "\n")


def out(text: str) -> None:
    """Write to stdout. A line (a message, a problem) is shown with its control characters made
    visible; a document of many lines (json, csv, markdown, a table) is written as it is: the
    renderers made it safe, and a valid ledger holds no control characters."""
    if text.find("\n", 0, len(text) - 1) < 0:
        text = visible(text)
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as exc:  # a full disk behind `> file`, a device error: one line, not a traceback
        raise LedgerError(msg("cannot write the output: {reason}", reason=exc.strerror or exc)) from None


def out_bytes(data: bytes) -> None:
    """Write bytes (a workbook, a csv with its byte-order mark) to stdout as they are."""
    sys.stdout.flush()
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise LedgerError(msg("cannot write the output: {reason}", reason=exc.strerror or exc)) from None


def silence_stdout() -> None:
    """Point stdout at /dev/null: what is still buffered for a reader that has gone is dropped, and
    the flush on the way out cannot fail again."""
    import os

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's runner)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)


def data_dir() -> Path:
    from ledger.store.files import find_data_dir

    return find_data_dir(settings.data)


def console() -> Any:
    from rich.console import Console

    class Quiet(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1; ``guarded`` ends quietly
            raise BrokenPipeError

    return Quiet(highlight=False, soft_wrap=False)


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
    """A unit typed by name or alias (spaces around it ignored) → its name; an unknown one is a
    usage error with a hint, never a guess."""
    if name is None:
        return None
    from ledger.core.typed import unit_name

    name = unit_name(name)
    table = ledger.unit_names()
    if name in table:
        return table[name]
    import difflib

    near = difflib.get_close_matches(name, list(table), n=3, cutoff=0.4)
    hint = tr("; did you mean {near}?", near=", ".join(near)) if near else ""
    raise UsageError(tr("{option}: unknown unit {name!r}{hint}", option=option, name=name, hint=hint))
