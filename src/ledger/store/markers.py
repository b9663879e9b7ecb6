"""Conflict markers in a ledger file: reading the notes the merge driver leaves, as problems.

A conflict region the driver leaves looks like git's own, with a note inside naming the item,
the field and both values::

    <<<<<<< ours
    # ledger: conflict in item 2-8, field closed.date: ours 2024-09-05, theirs 2024-09-06
    ...
"""

from __future__ import annotations

import re
from pathlib import Path

from ledger.errors import Problem
from ledger.i18n import msg
from ledger.store.yamlio import CONFLICT_MARKER

MARK_OURS = "<<<<<<< ours"
MARK_SPLIT = "======="
MARK_THEIRS = ">>>>>>> theirs"
NOTE = "# ledger: "


_NOTE_LINE = re.compile(r"^\s*# ledger: conflict(?: in item (?P<item>[^,:]+?)| in the file)?"
                        r"(?:, field (?P<field>[^:]+))?: (?P<detail>.*?)\s*$")


def _is_marker(line: str, mark: str) -> bool:
    return line.startswith(mark) and (len(line) == 7 or line[7] == " ")


def conflict_problems(path: str | Path, text: str) -> list[Problem]:
    """One problem per conflict region of a file, at its ``<<<<<<<`` line: the item, the field
    and both values when the region carries a ``# ledger: conflict`` note, else git's plain
    marker message.  Empty when the text has no conflict marker."""
    first = CONFLICT_MARKER.search(text)
    if not first:
        return []
    problems: list[Problem] = []
    opened: int | None = None
    noted = False
    for number, line in enumerate(text.splitlines(), 1):
        if _is_marker(line, "<<<<<<<"):
            opened, noted = number, False
        elif opened is not None and (_is_marker(line, "=======") or _is_marker(line, "|||||||")):
            if not noted:
                problems.append(Problem(str(path), msg("git conflict marker: resolve the merge first"), opened, 1))
            opened = None
        elif opened is not None:
            match = _NOTE_LINE.match(line)
            if match:
                noted = True
                detail = match["detail"]
                values = re.fullmatch(r"ours (.*), theirs (.*)", detail)
                message = (msg("git conflict: ours {ours}, theirs {theirs}; resolve the merge first",
                              ours=values[1], theirs=values[2]) if values
                           else msg("git conflict: {detail}; resolve the merge first", detail=detail))
                problems.append(Problem(str(path), message, opened, 1, match["item"], match["field"]))
    if not problems:
        line = text.count("\n", 0, first.start()) + 1
        problems.append(Problem(str(path), msg("git conflict marker: resolve the merge first"), line, 1))
    return problems
