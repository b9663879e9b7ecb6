"""Terminal widths (the one width function, ``cell_width``), wrapping with kinsoku, and what a terminal must not receive.

The plain tables that fit a terminal are in ``render.grid``.
"""

from __future__ import annotations

import re
import unicodedata
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
    if text.isascii():  # every ASCII character is one cell (control characters are shown escaped)
        return len(text)
    return _cell_width(text) if len(text) <= 32 else sum(map(_char_width, text))


@lru_cache(maxsize=16384)
def _cell_width(text: str) -> int:
    """Short texts repeat (units, dates, labels): measured once."""
    return sum(map(_char_width, text))


CLOSING = frozenset("。，、；：！？）」』》〉】〕］｝”’・…‥％.,;:!?)]}%")
"""Closing punctuation: never the first character of a wrapped line (kinsoku); the character
before it goes down to the next line with it."""
OPENING = frozenset("（「『《〈【〔［｛“‘([{")
"""Opening brackets: never the last character of a line; they go down with what they open."""


def _latin(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def _may_break(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` when ``after`` comes next: between Chinese
    characters, after a space, never inside a Latin word or number, never before closing or
    after opening punctuation."""
    if after.isspace():
        return False
    if before.isspace():
        return True
    if after in CLOSING or before in OPENING:
        return False
    return not (_latin(before) and _latin(after))


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` cells: Chinese anywhere (it has no spaces)
    except before closing punctuation (``。`` never starts a line), Latin text between words.
    A word wider than ``width`` is broken where it must be."""
    width = max(width, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if len(paragraph) * 2 <= width or cell_width(paragraph) <= width:
            lines.append(paragraph)
            continue
        line: list[str] = []
        used = 0
        for ch in paragraph:
            w = _char_width(ch)
            if used + w > width and line:
                cut = len(line) if ch.isspace() or _may_break(line[-1], ch) else _last_break(line)
                rest = line[cut:] if cut else []
                lines.append("".join(line[:cut] if cut else line).rstrip())
                while rest and rest[0].isspace():
                    rest.pop(0)
                used = sum(_char_width(c) for c in rest)
                if used + w > width:  # what went down is too wide with ch: it stays a line of its own
                    lines.append("".join(rest))
                    rest, used = [], 0
                line = rest
                if ch.isspace() and not line:
                    continue
            line.append(ch)
            used += w
        lines.append("".join(line))
    return lines


def _last_break(line: list[str]) -> int:
    """Where in ``line`` it may last be broken (0: nowhere)."""
    return next((k for k in range(len(line) - 1, 0, -1) if _may_break(line[k - 1], line[k])), 0)


def pad(text: str, width: int) -> str:
    return text + " " * max(width - cell_width(text), 0)
