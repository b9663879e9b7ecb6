"""Importing into a named batch (``--batch NAME``): its file, its header, and ids namespaced by the batch.

A batch is one items file, ``items/NAME.yaml``, whose ``batch:`` says its name (the sheet's title,
else NAME), its day (``--date``, else the 截至 row) and its source (``--source``, else the 填报单位,
else the file's name). Its items' ids are ``NAME-<序号>`` (``zj2024-4-1``), so no two batches'
ids collide, and a row is matched only to an item of its own batch.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ledger.core.checks import ID_PATTERN
from ledger.core.model import Batch, Ledger
from ledger.errors import LedgerError, UsageError
from ledger.i18n import tr
from ledger.sheet.layout import Layout


@dataclass(slots=True)
class Target:
    """Where the import's items go: a batch's file (``fi`` None until a new one is made)."""

    batch: Batch
    path: Path
    fi: int | None

    def item_id(self, number: str) -> str:
        prefix = self.batch.id + "-"
        return number if number.startswith(prefix) else prefix + number

    def header_text(self) -> str:
        """The new file's text before its first item."""
        lines = [f"# {self.batch.name}", "batch:", f"  id: {json.dumps(self.batch.id)}",
                 f"  name: {json.dumps(self.batch.name, ensure_ascii=False)}", f"  date: {self.batch.date.isoformat()}"]
        if self.batch.source:
            lines.append(f"  source: {json.dumps(self.batch.source, ensure_ascii=False)}")
        return "\n".join([*lines, "items: []", ""])


def batch_target(ledger: Ledger, name: str, layout: Layout | None, source: str | None, day: date | None,
                 file_name: str, today: date) -> Target:
    """The batch NAME: its file if the ledger has it, else a new one from the sheet's title and 截至 row."""
    if not ID_PATTERN.match(name):
        raise UsageError(tr("--batch {name!r}: use letters, digits and dashes (it begins each of the batch's ids)",
                            name=name))
    for fi, f in enumerate(ledger.files):
        if f.batch is not None and f.batch.id == name:
            return Target(f.batch, f.path, fi)
    day = day or (layout.as_of if layout else None)
    if day is None:
        raise UsageError(tr("--batch {name}: a new batch needs its day: the sheet has no 截至 row; give --date YYYY-MM-DD",
                            name=name))
    if day > today:
        raise UsageError(tr("--batch {name}: the batch's day {date} is in the future (today is {today})", name=name,
                            date=day, today=today))
    path = ledger.data_dir / "items" / f"{name}.yaml"
    if path.exists() or path.is_symlink():
        raise LedgerError(tr("{path} exists but is not the file of a batch {name}", path=path, name=name))
    title = re.sub(r"\s+", " ", layout.title).strip() if layout and layout.title else name
    batch = Batch(id=name, name=title, date=day, source=source or (layout.reporter if layout else None) or file_name)
    return Target(batch, path, None)
