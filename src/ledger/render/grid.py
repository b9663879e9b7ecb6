"""Plain tables that fit the terminal: text columns wrap and shrink, numbers and headers are never cut.

When a table is wider than the terminal it gives up width in this order, stopping as soon as it
fits: the headers of the columns that are not text wrap between words (``On time`` over two
lines), the one that saves most first; the text columns shrink (the widest first) to a
comfortable width; the gap between columns narrows from two spaces to one; the text columns
shrink to their header's longest word (or a shorter header of theirs); last, the other headers
take two lines where they can (Chinese between characters, or a shorter header). A cell that
is not text (an id, a date, a number) is never wrapped or cut, nor is a date or a number inside
text: below the narrowest layout the table is wider than the terminal rather than wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ledger.render.terminal import cell_width, pad, wrap

COMFORTABLE = 10
"""A text column shrinks to this width (five Chinese characters) before anything else gives way."""
NARROWEST = 4
"""...and, when nothing else is left to give, to its header's longest word but never below this."""


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    right: bool = False  # right-aligned: numbers
    wraps: bool = False  # text: wraps between characters (Chinese) or words, and shrinks to fit
    cap: int = 0  # a wrapping column is at most this wide (0: as wide as its widest cell)
    short: str = ""  # the header when its own does not fit (the caption explains it)


def _widest_line(text: str) -> int:
    return max((cell_width(line) for line in text.split("\n")), default=0)


def _widest_word(text: str) -> int:
    return max((cell_width(word) for word in text.split()), default=0)


def _unbreakable(text: str) -> int:
    """The narrowest ``terminal.wrap`` can break ``text`` into without cutting a Latin word."""
    return max(_widest_latin([text]), 2 if not text.isascii() else 0)


def _header(col: Column, width: int) -> list[str]:
    """A header's lines at ``width``: itself, else its short form if that fits on one line, else wrapped."""
    text = col.header
    if cell_width(text) > width and col.short and (cell_width(col.short) <= width or _unbreakable(text) > width):
        text = col.short
    if cell_width(text) <= width:
        return [text]
    height = len(wrap(text, width))  # as many lines as it takes, as even as they go: 问题/类别, not 问题类/别
    return next(wrap(text, w) for w in range(_unbreakable(text), width + 1) if len(wrap(text, w)) == height)


LATIN_WORD = re.compile(r"[!-~]+")


def _widest_latin(cells: Sequence[str]) -> int:
    """The widest run of Latin letters, digits and signs in ``cells`` (a date, a number, a word):
    ``terminal.wrap`` breaks text between these, never inside one that fits."""
    return max((len(m) for text in cells for m in LATIN_WORD.findall(text)), default=0)


def _shrink(widths: list[int], floors: dict[int, int], excess: int) -> int:
    """Take up to ``excess`` cells from the columns in ``floors``, the widest first, none below
    its floor; return the excess left."""
    while excess > 0:
        shrinkable = [c for c, floor in floors.items() if widths[c] > floor]
        if not shrinkable:
            break
        c = max(shrinkable, key=lambda k: (widths[k], -k))
        widths[c] -= 1
        excess -= 1
    return excess


def fit(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> tuple[list[int], int]:
    """Each column's width and the gap between columns, for a table of ``rows`` in ``width`` cells."""
    n = len(columns)
    natural = [max([_widest_line(str(r[c])) for r in rows], default=0) for c in range(n)]
    widths = []
    for c, col in enumerate(columns):
        w = min(natural[c], col.cap) if col.wraps and col.cap else natural[c]
        widths.append(max(w, cell_width(col.header)))
    texts = [c for c, col in enumerate(columns) if col.wraps]
    latin = {c: _widest_latin([str(r[c]) for r in rows]) for c in texts}
    gap = 2

    def excess() -> int:
        return sum(widths) + gap * (n - 1) - width

    savings = sorted(((widths[c] - max(natural[c], _widest_word(col.header)), c) for c, col in enumerate(columns)
                      if not col.wraps), reverse=True)
    for saved, c in savings:
        if excess() <= 0 or saved <= 0:
            break
        widths[c] -= saved
    if excess() > 0:
        _shrink(widths, {c: max(cell_width(columns[c].header), latin[c], COMFORTABLE) for c in texts}, excess())
    if excess() > 0:
        gap = 1
    if excess() > 0:
        heads = {c: min(_unbreakable(col.header), _unbreakable(col.short or col.header)) for c, col in enumerate(columns)}
        _shrink(widths, {c: max(heads[c], latin[c], NARROWEST) for c in texts}, excess())
    if excess() > 0:
        twos = sorted(((widths[c] - max(natural[c], _two_lines(col)), c) for c, col in enumerate(columns)
                       if not col.wraps), reverse=True)
        for saved, c in twos:
            if excess() <= 0 or saved <= 0:
                break
            widths[c] -= saved
    return widths, gap


def _two_lines(col: Column) -> int:
    """The narrowest a header (or its short form) takes on at most two lines, no Latin word cut."""
    best = cell_width(col.header)
    for text in filter(None, (col.header, col.short)):
        w = _unbreakable(text)
        while w < best and len(wrap(text, w)) > 2:
            w += 1
        best = min(best, w)
    return best


def _cell_lines(text: str, width: int, wraps: bool) -> list[str]:
    return wrap(text, width) if wraps else text.split("\n")


def _join(cells: Sequence[list[str]], columns: Sequence[Column], widths: Sequence[int], gap: int,
          bottom: bool = False) -> list[str]:
    """The lines of one row of cells, each cell already broken into lines (at the top, or at the bottom)."""
    height = max(len(lines) for lines in cells)
    lines = []
    for k in range(height):
        parts = []
        for c, col in enumerate(columns):
            shift = height - len(cells[c]) if bottom else 0
            text = cells[c][k - shift] if 0 <= k - shift < len(cells[c]) else ""
            parts.append(" " * (widths[c] - cell_width(text)) + text if col.right else pad(text, widths[c]))
        lines.append((" " * gap).join(parts).rstrip())
    return lines


def grid(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int,
         totals: Sequence[Sequence[str]] = (), full_rules: bool = False) -> list[tuple[str, int]]:
    """The table as lines, each with what it is: ``-1`` a header line, ``-2`` a rule, ``-3`` a
    totals line, else the index of the row it belongs to. Headers sit on the rule under them;
    rows of ``totals`` follow a second rule."""
    widths, gap = fit(columns, [*rows, *totals], width)
    out: list[tuple[str, int]] = []
    heads = [_header(col, widths[c]) for c, col in enumerate(columns)]
    out += [(line, -1) for line in _join(heads, columns, widths, gap, bottom=True)]
    total = sum(widths) + gap * (len(columns) - 1)
    rule = "─" * total if full_rules else (" " * gap).join("─" * w for w in widths)
    out.append((rule, -2))
    for index, r in enumerate(rows):
        cells = [_cell_lines(str(r[c]), widths[c], col.wraps) for c, col in enumerate(columns)]
        out += [(line, index) for line in _join(cells, columns, widths, gap)]
    if totals:
        out.append((rule, -2))
        for r in totals:
            cells = [_cell_lines(str(r[c]), widths[c], col.wraps) for c, col in enumerate(columns)]
            out += [(line, -3) for line in _join(cells, columns, widths, gap)]
    return out


def caption(parts: Sequence[str], width: int, sep: str = " · ") -> list[str]:
    """Parts of a caption joined by ``sep`` into lines of at most ``width`` cells, broken between
    parts where it can be (a part wider than ``width`` wraps on its own)."""
    lines: list[str] = []
    line = ""
    for part in parts:
        joined = line + sep + part if line else part
        if cell_width(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        pieces = wrap(part, width)
        lines += pieces[:-1]
        line = pieces[-1]
    if line:
        lines.append(line)
    return lines


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], flexible: int, total: int,
          caps: dict[int, int] | None = None, footer: str = "") -> str:
    """A plain table in ``total`` cells: the ``flexible`` column and those in ``caps`` are text
    (they wrap; a capped one is at most its cap wide), the others are as wide as their widest cell.
    rich lays a table out at about a millisecond a row; a listing of hundreds of rows is drawn
    here instead, in a few milliseconds."""
    caps = caps or {}
    columns = [Column(h, wraps=c == flexible or c in caps, cap=caps.get(c, 0)) for c, h in enumerate(headers)]
    lines = [line for line, _ in grid(columns, rows, total)]
    for line in footer.split("\n") if footer else ():
        lines += caption(line.split(" · "), total)
    return "\n".join(lines) + "\n"
