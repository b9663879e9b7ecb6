"""The command line in the user's language: help and usage errors through the catalogue, global options anywhere.

typer is given the English help at import time; it is translated here when it is shown, so that
a run imports only the command it runs and the language can be chosen by ``--lang`` anywhere on
the command line (or ``LEDGER_LANG``). click's usage errors become one line each, translated.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from typer import _click
from typer._click import exceptions as click_errors
from typer.core import TyperCommand, TyperGroup

from ledger.i18n import detect_language, language, set_language, tr
from ledger.render.terminal import cell_width

COMPLETE_VAR = "_LEDGER_COMPLETE"
"""Set by the completion script (``ledger completion bash``) when the shell asks for completions."""

GLOBAL_WITH_VALUE = ("--data", "--lang")
GLOBAL_FLAGS = ("--no-cache",)


def hoist(args: Sequence[str]) -> list[str]:
    """The command line with the global options given after the command (``ledger check --lang zh``)
    moved before it, where click looks for them. Nothing after ``--`` moves."""
    args = list(args)
    start = 0
    while start < len(args):  # the global options already in front
        arg = args[start]
        if arg in GLOBAL_WITH_VALUE:
            start += 2
        elif arg in GLOBAL_FLAGS or arg.startswith(tuple(f"{o}=" for o in GLOBAL_WITH_VALUE)):
            start += 1
        else:
            break
    moved: list[str] = []
    kept: list[str] = []
    i = start + 1  # args[start] is the command (or --help, --version)
    while i < len(args):
        arg = args[i]
        if arg == "--":
            kept += args[i:]
            break
        if arg in GLOBAL_WITH_VALUE:
            moved += args[i:i + 2]
            i += 2
            continue
        if arg in GLOBAL_FLAGS or arg.startswith(tuple(f"{o}=" for o in GLOBAL_WITH_VALUE)):
            moved.append(arg)
        else:
            kept.append(arg)
        i += 1
    return args[:start] + moved + args[start:start + 1] + kept


def lang_in(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` among the global options in front (after ``hoist``)."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg[len("--lang="):]
        elif not arg.startswith("-") and (i == 0 or args[i - 1] not in GLOBAL_WITH_VALUE):
            break
    return found


# ---- help, translated as it is shown

def translated(text: str | None) -> str | None:
    """A help text in the interface language: its Chinese from the catalogue (the whole text is the key)."""
    return tr(text) if text and language() == "zh" else text


@contextmanager
def _help_in_language(command: Any) -> Iterator[None]:
    """The command's and its parameters' help, translated while its help is drawn."""
    saved = [(obj, obj.help) for obj in (command, *command.params) if getattr(obj, "help", None)]
    for obj, text in saved:
        obj.help = translated(text)
    try:
        yield
    finally:
        for obj, text in saved:
            obj.help = text


HELP_EXTRAS = re.compile(r"\s*\[((?:default|env var): [^\]]*|required)\]$")
"""typer's note after an option's help: ``[default: table]``, ``[required]``."""

def _extras(match: re.Match[str]) -> str:
    text = match.group(1)
    if text == "required":
        return "  [" + tr("required") + "]"
    key, _, value = text.partition(": ")
    return "  [" + (tr("default: {default}", default=value) if key == "default" else tr("env var: {var}", var=value)) + "]"


WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
TOKENS = f"[{WIDE}][，。、；：！？）」』”]*\\s*|[^\\s{WIDE}]+\\s*|\\s+"
"""What a line breaks between: one wide character (with the closing punctuation after it), a word, spaces.
Compiled when a help is drawn, not at start-up: the character ranges take milliseconds to compile."""


def wrap_cells(text: str, width: int) -> list[str]:
    """One paragraph in lines of at most ``width`` terminal cells: Chinese breaks between any two
    characters (never before closing punctuation), other text between words."""
    lines: list[str] = []
    line = ""
    for token in re.findall(TOKENS, " ".join(text.split())):
        if line and cell_width((line + token).rstrip()) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


class Formatter(_click.HelpFormatter):
    """click's help formatter, in the interface language and measuring wide characters as two cells."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = tr("Usage:")
            prefix += "" if prefix.endswith("：") else " "
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        colon = "：" if language() == "zh" else ":"
        self.write(f"{'':>{self.current_indent}}{tr(heading)}{colon}\n")

    def write_text(self, text: str) -> None:
        if language() != "zh":
            super().write_text(text)
            return
        indent = " " * self.current_indent
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        out = []
        for paragraph in paragraphs:
            lead = len(paragraph) - len(paragraph.lstrip(" "))  # an indented example keeps its indent
            pad = indent + " " * lead
            out.append("\n".join(pad + line for line in wrap_cells(paragraph, self.width - len(pad))))
        self.write("\n\n".join(out) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(first, HELP_EXTRAS.sub(_extras, tr(second) if second == HELP_OPTION else second))
                for first, second in rows]
        if language() != "zh":
            super().write_dl(rows, col_max, col_spacing)
            return
        first_col = min(max((len(first) for first, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(indent + first)
            if not second:
                self.write("\n")
                continue
            if len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_cells(second, max(self.width - first_col - 2, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


HELP_OPTION = "Show this message and exit."

HEADINGS = ("Options", "Arguments", "Commands")
"""The headings typer writes in a help (translated by ``Formatter.write_heading``)."""


class Context(typer.Context):
    formatter_class = Formatter


def short_help(text: str, limit: int) -> str:
    """The first sentence of a Chinese help, for the list of commands, cut to ``limit`` cells."""
    first = text.split("\n\n")[0].replace("\n", "")
    first = re.split(r"(?<=。)|(?<=：)", first)[0].rstrip("。：")
    if cell_width(first) <= limit:
        return first
    while cell_width(first + "…") > limit:
        first = first[:-1]
    return first + "…"


class _InLanguage:
    """What the ledger's commands and groups add to typer's: help in the interface language."""

    context_class = Context
    help: str | None
    short_help: str | None

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with _help_in_language(self):
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        if language() == "zh" and self.help and not self.short_help:
            return short_help(tr(self.help), limit)
        return super().get_short_help_str(limit)  # type: ignore[misc, no-any-return]


class Command(_InLanguage, TyperCommand):
    """A ledger command."""


class Group(_InLanguage, TyperGroup):
    """The ``ledger`` app (and its ``git`` group): global options anywhere on the command line,
    the language chosen before anything is parsed, usage errors as one translated line."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        args = hoist(sys.argv[1:] if args is None else args)
        set_language(detect_language(lang_in(args)))
        if COMPLETE_VAR in os.environ:  # a shell asks for completions: typer's classes answer
            from typer._completion_classes import completion_init

            completion_init()
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click_errors.NoArgsIsHelpError as exc:  # `ledger git`: its help, on stderr, as click does
            if not standalone_mode:
                raise
            exc.show()
            sys.exit(exc.exit_code)
        except click_errors.ClickException as exc:
            if not standalone_mode:
                raise
            from ledger.cli.common import err
            from ledger.cli.usage import one_line

            err(one_line(exc))
            sys.exit(exc.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            from ledger.cli.common import err

            err(tr("interrupted"))
            sys.exit(1)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)
