"""An export's base: what each row held when exported (a very hidden sheet), and a returned row compared with it and the ledger.

Departments fill in copies of one export and send them back. The export carries its base: a very
hidden sheet ``BASE_SHEET`` with the export's day and, per item, a fingerprint of every cell (its
line count and a hash of its lines). On import each cell of a returned row is compared with that
base and with the ledger as it stands now (rendered as of the export's day, so that the overdue
words of 完成情况 do not count as a change):

- the cell is as exported: the department did not touch it, so it takes the ledger's current value
  (no change, whatever other returns did meanwhile);
- it differs from the base, and the ledger still holds the base: the department's change stands;
- it differs from the base, and so does the ledger, and the two agree: no change;
- both changed it, differently: a conflict, named with both values; nothing is written.

整改进展 grows instead: the lines beyond the base's are the department's new notes, added after the
ledger's current lines (a line already on record is not added twice). A csv export has no base.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ledger.core.model import Item, Ledger
from ledger.i18n import tr
from ledger.sheet.plan import Row
from ledger.sheet.template import export_row

BASE_SHEET = "ledger-base"
MARK = "ledger export base"
VERSION = 1
KEY = "问题编号"
NOT_COMPARED = ("序号", KEY)
PROGRESS = "整改进展"
CHUNK = 30_000
"""The most characters the base puts in one cell (an xlsx cell holds 32,767)."""


@dataclass(frozen=True, slots=True)
class Base:
    as_of: date
    headers: tuple[str, ...]
    rows: dict[str, tuple[str, ...]]  # item id → one fingerprint per header


def lines_of(value: Any) -> list[str]:
    """A cell's lines as an import reads them: stripped, blank lines left out (see ``plan.Row.lines``)."""
    if value is None:
        return []
    text = value.isoformat() if isinstance(value, date) else str(value)
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]


def fingerprint(lines: list[str]) -> str:
    """``N:hash``: how many lines, and a hash of them."""
    digest = hashlib.blake2b("\n".join(lines).encode("utf-8"), digest_size=8).hexdigest()
    return f"{len(lines)}:{digest}"


EMPTY = fingerprint([])


def cell_print(value: Any) -> str:
    """``fingerprint(lines_of(value))``, without splitting a one-line text (most cells are)."""
    if value is None or value == "":
        return EMPTY
    text = value.isoformat() if isinstance(value, date) else str(value)
    if "\n" in text or "\r" in text or text != text.strip():
        return fingerprint(lines_of(text))
    return "1:" + hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def compared(headers: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(h for h in headers if h not in NOT_COMPARED)


def base_rows(rows: list[tuple[Item, dict[str, Any]]], headers: tuple[str, ...], day: date) -> list[list[Any]]:
    """The base sheet's rows: a header line (mark, version, day, the compared columns joined in one
    cell, so that no reader takes this sheet for a 台账), then cells of up to ``CHUNK`` characters,
    each a line per item: its id, a tab, its cells' fingerprints. (A cell per item would double the
    cells the export writes, and its time.)"""
    names = compared(headers)
    out: list[list[Any]] = [[MARK, VERSION, day.isoformat(), "|".join(names)]]
    chunk: list[str] = []
    size = 0
    prints: dict[Any, str] = {}  # a value met before (a unit, a deadline, a status word) is not hashed again
    for item, row in rows:
        cells = []
        for h in names:
            value = row[h]
            key = (value.__class__, value)  # 1 and "1" are different cells
            printed = prints.get(key)
            if printed is None:
                printed = prints[key] = cell_print(value)
            cells.append(printed)
        line = item.id + "\t" + " ".join(cells)
        if size + len(line) >= CHUNK:
            out.append(["\n".join(chunk)])
            chunk, size = [], 0
        chunk.append(line)
        size += len(line) + 1
    if chunk:
        out.append(["\n".join(chunk)])
    return out


def read_base(path: Path) -> Base | None:
    """The base an xlsx export carries, or None (a csv, an older export, a sheet made elsewhere)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    try:
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # the table reader says what is wrong with the file
        return None
    try:
        if BASE_SHEET not in wb.sheetnames:
            return None
        rows = wb[BASE_SHEET].iter_rows(values_only=True)
        head = next(rows, None)
        if not head or len(head) < 4 or head[0] != MARK or head[1] != VERSION:
            return None
        headers = tuple(str(head[3]).split("|"))
        table: dict[str, tuple[str, ...]] = {}
        for r in rows:
            for line in str(r[0] or "").split("\n"):
                item_id, _, prints = line.partition("\t")
                table[item_id] = tuple(prints.split(" "))
        return Base(date.fromisoformat(str(head[2])), headers, table)
    except Exception:  # a damaged base is no base: the rows are compared with the ledger alone
        return None
    finally:
        wb.close()


def rebase(base: Base, ledger: Ledger, r: Row) -> bool:
    """Compare the returned row with the base and the ledger, cell by cell (see the module's words):
    the cells the department did not touch take the ledger's current values. False on a conflict,
    with one problem per conflicting cell."""
    item_id = r.text(KEY)
    prints = base.rows.get(item_id)
    if prints is None or len(prints) != len(base.headers) or item_id not in ledger.index():
        return True  # a new row, or an item the export did not hold: compared with the ledger alone
    now = export_row(ledger.get(item_id), 0, base.as_of, "official")
    ok = True
    for header, printed in zip(base.headers, prints, strict=True):
        if not r.has(header) or header not in now:
            continue
        ours, theirs = lines_of(r.value(header)), lines_of(now[header])
        if header == PROGRESS:
            count = int(printed.split(":", 1)[0])
            if fingerprint(ours[:count]) == printed:  # the exported lines are intact: the rest are new
                _set(r, header, "\n".join([*theirs, *(line for line in ours[count:] if line not in theirs)]))
            continue  # else the importer refuses the changed notes, as for any sheet
        if fingerprint(ours) == printed:
            _set(r, header, now[header])  # untouched: the ledger's value stands
        elif fingerprint(theirs) != printed and ours != theirs:
            r.item_id = item_id
            r.problem(header, tr("this sheet changes it to {ours!r}, but since the export of {date} the ledger has changed "
                                 "it to {theirs!r}; make them agree in the sheet", ours="\n".join(ours),
                                 theirs="\n".join(theirs), date=base.as_of.isoformat()))
            ok = False
    return ok


def _set(r: Row, header: str, value: Any) -> None:
    r.row.cells[header].value = "" if value is None else value if isinstance(value, date) else "\n".join(lines_of(value))
