"""Adding a unit to departments.yaml: one block appended under the ledger's lock, every other byte kept.

The new unit's block goes after the last unit's block, its dash in the same column (or in place
of an empty ``units: []``, or under a new ``units:`` key at the end), in the layout of the
shipped file: ``name``, ``kind``, then ``aliases`` as a flow list; a name is written plain when
it reads back as itself, else double-quoted.  The new text is read back and must hold exactly
the old units and the new one, and the whole ledger must pass ``check`` with it; then it lands
like any other change (``journal.Landing``): atomically, compare-and-swap, with its commit if
one was asked for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ledger.core.model import Unit
from ledger.errors import LedgerError
from ledger.i18n import msg
from ledger.store.journal import Finisher, GitRecovery, Interrupts, Landing, Write
from ledger.store.pyyaml import yaml

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`~=+.0-9][^:#,\[\]{}\"'\x00-\x1f]*")
"""A scalar that YAML reads as this very text when written plain (checked again by reading it back)."""


class UnitsCommitter(Protocol):
    """Makes the commit of a units change (``git`` layer), before anything is written."""

    def prepare(self, data_dir: Path, writes: list[Write]) -> Finisher: ...


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain where that reads back as the same text, else double-quoted."""
    if _PLAIN.fullmatch(text) and not text.endswith(" "):
        try:
            if yaml.load(text, Loader=yaml.CSafeLoader) == text:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def block(unit: Unit, column: int, newline: str = "\n") -> str:
    """The unit's block, its dash at ``column``."""
    pad = " " * (column + 2)
    lines = [f"{' ' * column}- name: {scalar(unit.name)}", f"{pad}kind: {unit.kind}"]
    if unit.aliases:
        lines.append(f"{pad}aliases: [{', '.join(scalar(a) for a in unit.aliases)}]")
    if unit.roles:
        lines.append(f"{pad}roles: [{', '.join(unit.roles)}]")
    if unit.email is not None:
        lines.append(f"{pad}email: {scalar(unit.email)}")
    if unit.note is not None:
        lines.append(f"{pad}note: {scalar(unit.note)}")
    return "".join(line + newline for line in lines)


def appended(text: str, unit: Unit) -> str:
    """``text`` (a departments.yaml that passes check) with ``unit``'s block added."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    value = next((v for k, v in root.value if k.value == "units"), None) if isinstance(root, yaml.MappingNode) else None
    if value is None:  # no units key: one at the end
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += newline
        return "".join(lines) + "units:" + newline + block(unit, 2, newline)
    if not isinstance(value, yaml.SequenceNode):
        raise LedgerError(msg("departments.yaml: units is not a list"))
    if value.flow_style:
        start, end = value.start_mark, value.end_mark
        if value.value or start.line != end.line:
            raise LedgerError(msg("departments.yaml lists its units in brackets ([...]); write them one block per unit "
                                  "(as the file's header shows) to add units with this command"))
        line = lines[start.line]
        lines[start.line] = line[:start.column].rstrip(" ") + line[end.column:]
        lines[start.line + 1:start.line + 1] = [block(unit, 2, newline)]
        return "".join(lines)
    from ledger.store.yamlio import item_block_range

    starts = [node.start_mark.line + 1 for node in value.value]
    _, end = item_block_range(lines, starts, len(starts) - 1)
    last = lines[starts[-1] - 1]
    column = len(last) - len(last.lstrip(" "))
    if end > 0 and not lines[end - 1].endswith("\n"):
        lines[end - 1] += newline
    lines[end:end] = [block(unit, column, newline)]
    return "".join(lines)


def add_unit(data_dir: Path, make: Callable[[list[Unit]], Unit], notices: list[str] | None = None,
             committer: UnitsCommitter | None = None, git: Callable[[], GitRecovery] | None = None,
             interrupts: Interrupts | None = None) -> Unit:
    """Under the folder's lock, on a ledger that passes check: the unit ``make`` returns for the
    units there, appended to departments.yaml (with its commit, if ``committer``) — or nothing."""
    from ledger.store.build import build
    from ledger.store.load import load, require_valid
    from ledger.store.recovery import recover
    from ledger.store.safeio import folder_lock

    said = notices if notices is not None else []
    with interrupts or Interrupts() as interrupts, folder_lock(data_dir, said) as lock:
        with interrupts.held():
            recover(data_dir, said, git)
        ledger = load(data_dir, keep_text=True)
        require_valid(ledger)
        unit = make(list(ledger.units))
        assert ledger.texts is not None
        old = ledger.texts[ledger.units_path]
        bom = "\ufeff" if old.startswith("\ufeff") else ""
        new = bom + appended(old.removeprefix(bom), unit)
        contents = {path: text.encode("utf-8") for path, text in ledger.texts.items()}
        contents[ledger.units_path] = new.encode("utf-8")
        paths = [f.path for f in ledger.files]
        after = build(data_dir, paths, ledger.units_path, {p: contents[p] for p in [*paths, ledger.units_path]})
        if after.problems:
            raise LedgerError(problems=after.problems)
        if after.units != [*ledger.units, unit]:
            raise LedgerError(msg("internal error: unit {name} would not read back as written", name=unit.name))
        writes = [Write(ledger.units_path, old.encode("utf-8"), new.encode("utf-8"))]
        landing = Landing(data_dir, lock, interrupts)
        try:
            finisher = committer.prepare(data_dir, writes) if committer is not None else None
            landing.land(writes, finisher=finisher)
        finally:
            landing.interrupted_notice()
            said += landing.notices
    return unit
