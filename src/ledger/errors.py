"""Problems found in the data and the one exception type the library raises.

Loading and checking collect every problem at once as ``Problem`` records; only the CLI decides
what to print and which exit code to use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ledger.i18n import Message


def display_path(path: Path | str) -> str:
    """A path as a user would type it: relative to the working directory when below it."""
    path = Path(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def field_name(path: tuple[Any, ...]) -> str:
    """``('progress', 2, 'date')`` → ``progress[2].date``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data, located as precisely as the data allows.

    Renders as ``path:line:col: item 2-8: field: message`` (parts that are unknown are left out),
    so an editor can jump to it.
    """

    path: str
    message: str | Message
    line: int | None = None
    col: int | None = None
    item: str | None = None
    field: str | None = None

    def render(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        parts = [where]
        if self.item is not None:
            from ledger.i18n import tr

            parts.append(tr("item {id}", id=self.item))
        if self.field:
            parts.append(self.field)
        parts.append(str(self.message))
        return ": ".join(parts)


class LedgerError(Exception):
    """A data or domain error: bad data, an unknown id, a change that is not allowed.

    The CLI prints each problem on its own line and exits with code 1.
    """

    def __init__(self, message: str | Message | None = None, problems: list[Problem] | None = None):
        self.problems = list(problems or [])
        self.message = message
        super().__init__(str(message) if message else "\n".join(p.render() for p in self.problems))

    def lines(self) -> list[str]:
        out = [p.render() for p in self.problems]
        if self.message:
            out.append(str(self.message))
        return out


class UsageError(LedgerError):
    """A bad command line (a date that does not parse, an unknown option value): exit code 2."""


class Refused(LedgerError):
    """A change the rules do not allow, in the domain's words: which fields of the change the
    refusal is about, and why.

    The template names each field by a placeholder (``{what} {date} is in the future``); the
    caller says how its user knows the field (``named``): the command line says ``--date``, the
    spreadsheet import says ``销号时间``. Domain code never names a flag or a column.
    """

    def __init__(self, template: str, fields: dict[str, str], **params: Any):
        self.template, self.fields, self.params = template, fields, params
        super().__init__(self.named({}))

    def named(self, names: dict[str, str]) -> Message:
        """The message with each field called as ``names`` says (else by its own name)."""
        from ledger.i18n import msg

        return msg(self.template, **{ph: names.get(f, f) for ph, f in self.fields.items()}, **self.params)
