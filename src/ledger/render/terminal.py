"""Terminal widths (the one width function, ``cell_width``) and a plain table for long listings.

rich lays a table out at about a millisecond a row; a listing of hundreds of rows is drawn here
instead, in a few milliseconds, with the same columns and the same wrapping of long text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

HIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What a terminal must never receive raw: control characters (ESC starts the escape sequences
that clear a screen or rewrite a title; newline is kept) and the bidirectional overrides that
make text read differently from what it holds."""


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every character of ``HIDDEN`` written out as ``\\x1b`` / ``\\u202e``."""
    return HIDDEN.sub(_shown, text) if HIDDEN.search(text) else text


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cell_width(text: str) -> int:
    return sum(_char_width(ch) for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` cells (Chinese has no spaces to break at)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for ch in paragraph:
            w = _char_width(ch)
            if used + w > width and line:
                lines.append(line)
                line, used = "", 0
            line += ch
            used += w
        lines.append(line)
    return lines


def pad(text: str, width: int) -> str:
    return text + " " * max(width - cell_width(text), 0)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], flexible: int, total: int,
          caps: dict[int, int] | None = None, footer: str = "") -> str:
    """Columns separated by two spaces. A column in ``caps`` is as wide as its widest cell up to
    its cap and wraps beyond it; the ``flexible`` column takes what the others leave of ``total``
    cells and wraps; every other column is as wide as its widest cell."""
    caps = caps or {}
    n = len(headers)
    natural = [max([cell_width(headers[c])] + [max((cell_width(x) for x in str(r[c]).split("\n")), default=0)
                                               for r in rows]) for c in range(n)]
    widths = [max(min(natural[c], caps[c]), cell_width(headers[c])) if c in caps else natural[c] for c in range(n)]
    others = sum(widths[c] for c in range(n) if c != flexible) + 2 * (n - 1)
    widths[flexible] = max(min(natural[flexible], total - others), cell_width(headers[flexible]), 10)
    wrapped = {flexible, *caps}
    out = ["  ".join(pad(h, widths[c]) for c, h in enumerate(headers)).rstrip(),
           "  ".join("─" * widths[c] for c in range(n))]
    for r in rows:
        cells = [wrap(str(r[c]), widths[c]) if c in wrapped else str(r[c]).split("\n") for c in range(n)]
        height = max(len(x) for x in cells)
        for k in range(height):
            out.append("  ".join(pad(cells[c][k] if k < len(cells[c]) else "", widths[c]) for c in range(n)).rstrip())
    if footer:
        out.append(footer)
    return "\n".join(out) + "\n"
