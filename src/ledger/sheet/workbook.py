"""Reading a spreadsheet's cells: every sheet of a workbook with its merged cells filled, and a CSV's encoding.

A merged range's value is copied into every cell of the range (a problem merged over its
sub-items, a 责任分工 over its columns), and each filled cell remembers the range's top-left
cell. A CSV is UTF-8 (with or without a BOM) or what Excel on Chinese Windows saves (GB18030,
which includes GBK); when the bytes read as a 台账 in more than one encoding, or in none, the
file is refused rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger.errors import LedgerError, display_path
from ledger.i18n import tr

ENCODINGS = ("utf-8", "gb18030", "big5")
"""The encodings a CSV may come in; each is tried strictly, never with replacement characters."""
SIGNS = ("序号", "编号", "问题", "整改", "单位", "部门", "时限", "措施", "进展", "销号", "责任")
"""Words a 台账's header has: a decoding that shows none of them is not the file's."""


@dataclass(frozen=True, slots=True)
class Formula:
    """An xlsx cell that holds a formula. The ledger takes text, never a computed value: the value
    last computed is whatever the spreadsheet made of the text it was given."""

    text: str


def csv_text(path: Path) -> str:
    """The CSV's text: UTF-8 with a BOM, else the one encoding in which it reads as a 台账."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        return data.decode("utf-8") if _decodes(data, "utf-8") else _refuse(path, [])
    readings: dict[str, str] = {}
    for encoding in ENCODINGS:
        try:
            readings[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    plausible = [e for e, text in readings.items() if sum(sign in text for sign in SIGNS) >= 2]
    if len(plausible) == 1:
        return readings[plausible[0]]
    if not plausible and "utf-8" in readings:
        return readings["utf-8"]  # no 台账 words in any reading: the header check says what is missing
    if len(plausible) > 1 and "utf-8" in plausible:
        return readings["utf-8"]  # text that is valid UTF-8 with Chinese in it is UTF-8 beyond doubt
    return _refuse(path, plausible)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _refuse(path: Path, plausible: list[str]) -> str:
    if plausible:
        raise LedgerError(tr("{path}: the file reads as a 台账 in {encodings} alike; save it as CSV UTF-8 and import "
                             "it again", path=display_path(path), encodings=" / ".join(plausible)))
    raise LedgerError(tr("{path}: not UTF-8 or GB18030 text; save it as CSV UTF-8 and import it again",
                         path=display_path(path)))


def _grid(ws: Any) -> tuple[list[list[Any]], dict[tuple[int, int], tuple[int, int]]]:
    """The sheet's values, row by row (formulas as ``Formula``), merged ranges filled from their top-left cell;
    and for every cell of a merged range, (1-based row, 0-based column) → its top-left cell."""
    grid = [[Formula(str(c.value)) if c.data_type == "f" else c.value for c in row] for row in ws.iter_rows()]
    merges: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        top, left = rng.min_row, rng.min_col - 1
        value = grid[top - 1][left] if top - 1 < len(grid) and left < len(grid[top - 1]) else None
        for r in range(rng.min_row, min(rng.max_row, len(grid)) + 1):
            row = grid[r - 1]
            if len(row) < rng.max_col:
                row.extend([None] * (rng.max_col - len(row)))
            for c in range(rng.min_col - 1, rng.max_col):
                row[c] = value
                merges[(r, c)] = (top, left)
    return grid, merges


def xlsx_sheets(path: Path) -> list[tuple[str, list[list[Any]], dict[tuple[int, int], tuple[int, int]]]]:
    """Every visible worksheet of the workbook: (name, its cells with merges filled, where each merged cell came
    from). A hidden sheet (an export's base, ``sheet.base``) is not a 台账 to read."""
    from openpyxl import load_workbook

    try:
        # Formulas as formulas (data_only=False): a formula is refused, never read as its last value.
        wb = load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, ValueError … on a broken file
        raise LedgerError(tr("{path}: not a readable Excel workbook ({reason})", path=display_path(path),
                             reason=type(exc).__name__)) from None
    try:
        return [(ws.title, *_grid(ws)) for ws in wb.worksheets if ws.sheet_state == "visible"]  # not an export's base
    except Exception as exc:  # a sheet's XML cut short or damaged shows only when its rows are read
        raise LedgerError(tr("{path}: not a readable Excel workbook ({reason})", path=display_path(path),
                             reason=type(exc).__name__)) from None
    finally:
        wb.close()
