"""Plain-text output formats: JSON, CSV (UTF-8), Markdown tables."""

from __future__ import annotations

import csv
import io
import json
import json.encoder
import re
from collections.abc import Callable, Sequence
from typing import Any


def to_json(data: Any) -> str:
    """Indented JSON; a list of records is written one record a line, which keeps it readable
    and lets the C encoder do the work (``indent`` forces the pure-Python one)."""
    if isinstance(data, list) and data and all(isinstance(r, dict) for r in data):
        return "[\n  " + ",\n  ".join(map(record_encoder(), data)) + "\n]\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def record_encoder() -> Callable[[Any], str]:
    """``json.dumps(record, ensure_ascii=False)`` for many records, through one C encoder.

    ``JSONEncoder.encode`` makes a new C encoder at every call, with a new memo of the keys it has
    encoded; the records of a list share their keys, so one encoder for all of them encodes 2,600
    rows of ``ledger list`` in three quarters of the time. The same bytes (``tests/test_formats.py``);
    where Python has no C encoder, ``JSONEncoder.encode`` as before."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return json.JSONEncoder(ensure_ascii=False).encode

    def default(value: Any) -> Any:
        raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")

    # the arguments json.JSONEncoder.iterencode gives it: no circular check, indent None, default separators
    encode = make(None, default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    join = "".join
    return lambda record: join(encode(record, 0))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


CSV_GUARD = "'"
CSV_GUARDED = frozenset("=+-@\t\r'")
"""A text cell starting with one of these is written with a ``'`` before it: a spreadsheet opening
the file would take ``=HYPERLINK(…)``, ``+1``, ``-1+1`` or ``@SUM(…)`` for a formula and run it.
A cell that starts with ``'`` itself gets one too, so that reading the file back (``ledger import``)
removes exactly one ``'`` wherever one was added, and nothing else."""


def csv_text(value: Any) -> str:
    """A cell of a CSV file: text guarded against formulas (see ``CSV_GUARDED``); numbers as they are."""
    text = _cell(value)
    if text[:1] in CSV_GUARDED and isinstance(value, str | list | tuple):
        return CSV_GUARD + text
    return text


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]], bom: bool = False) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([csv_text(h) for h in headers])
    for r in rows:
        writer.writerow([csv_text(v) for v in r])
    return ("\ufeff" if bom else "") + buf.getvalue()


MD_SPECIAL = re.compile(r"[\\|`*\[\]<>&]|\n")
_MD = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "<br>"}


def _md_escape(text: str) -> str:
    """A Markdown table cell that shows exactly its text: no HTML (``<script>`` is ``&lt;script&gt;``),
    no links or images (``[…](…)``), no emphasis or code; pipes escaped and newlines as ``<br>``."""
    return MD_SPECIAL.sub(lambda m: _MD.get(m.group(), "\\" + m.group()), text)


def to_markdown(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(_md_escape(h) for h in headers) + " |",
             "|" + "|".join(" --- " for _ in headers) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(_md_escape(_cell(v)) for v in r) + " |")
    return "\n".join(lines) + "\n"
