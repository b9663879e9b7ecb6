"""Plain-text output formats: JSON, CSV (UTF-8), Markdown tables."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any


def to_json(data: Any) -> str:
    """Indented JSON; a list of records is written one record a line, which keeps it readable
    and lets the C encoder do the work (``indent`` forces the pure-Python one)."""
    if isinstance(data, list) and data and all(isinstance(r, dict) for r in data):
        return "[\n" + ",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in data) + "\n]\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]], bom: bool = False) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    for r in rows:
        writer.writerow([_cell(v) for v in r])
    return ("\ufeff" if bom else "") + buf.getvalue()


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def to_markdown(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(_md_escape(h) for h in headers) + " |",
             "|" + "|".join(" --- " for _ in headers) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(_md_escape(_cell(v)) for v in r) + " |")
    return "\n".join(lines) + "\n"
