"""The ledger's data model: plain, immutable records with no I/O and no notion of "today".

These are standard-library dataclasses rather than pydantic models so that a warm read (served
from the validated cache) never imports pydantic.  pydantic validates them all the same:
``ledger.store.validate`` builds ``TypeAdapter``s over these classes, and ``__pydantic_config__``
forbids unknown fields exactly as ``extra="forbid"`` does on a ``BaseModel``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ledger.core.edits import Edit
from ledger.core.edits import as_of as as_of_day
from ledger.core.rounds import Evidence, Request, Review
from ledger.errors import LedgerError, Problem
from ledger.i18n import msg

ONGOING = "ongoing"
"""The deadline word for 立行立改，长期坚持: rectify at once, keep it up; never overdue by date."""

Deadline = dt.date | Literal["ongoing"]
Status = Literal["open", "in_progress", "pending_review", "closed"]
STATUSES: tuple[str, ...] = ("open", "in_progress", "pending_review", "closed")
UnitKind = Literal["district", "city", "enterprise", "group"]
UNIT_KINDS: tuple[str, ...] = ("district", "city", "enterprise", "group")

_FORBID = {"extra": "forbid"}


@dataclass(frozen=True, slots=True)
class ProgressNote:
    """A dated 进展 (progress) note. ``date`` is when the work happened (may be backdated);
    ``recorded`` is the day the note was entered."""

    __pydantic_config__ = _FORBID
    date: dt.date
    text: str
    by: str | None = None
    recorded: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Extension:
    """A 延期 (deadline extension), in force from its approval ``date``.

    ``previous`` is the deadline that was in force before it, so the chain of deadlines can be
    read from the file alone."""

    __pydantic_config__ = _FORBID
    date: dt.date
    to: dt.date
    reason: str
    previous: Deadline
    approved_by: str | None = None
    recorded: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CloseOut:
    """A 销号 (sign-off): who crossed the item off, on which day, and on what evidence.

    ``late`` records that the close-out came after the deadline then in force. An approved
    request (``ledger approve``) keeps the reviewing ``unit`` and the ``request`` it approved."""

    __pydantic_config__ = _FORBID
    date: dt.date
    by: str
    evidence: tuple[Evidence, ...]
    late: bool = False
    note: str | None = None
    recorded: dt.date | None = None
    unit: str | None = None
    request: Request | None = None


@dataclass(frozen=True, slots=True)
class Reopening:
    """A 回头看 (look-back) finding that a closed item was not really fixed."""

    __pydantic_config__ = _FORBID
    date: dt.date
    reason: str
    by: str | None = None
    recorded: dt.date | None = None


@dataclass(frozen=True, slots=True)
class PastCloseOut:
    """A close-out that a look-back undid. History only grows: it is never deleted."""

    __pydantic_config__ = _FORBID
    closed: CloseOut
    reopened: Reopening


@dataclass(frozen=True, slots=True)
class Claim:
    """A sheet's word that the item is done (已完成, 是否销号：是) with no close-out behind it: a claim
    awaiting its evidence and sign-off (``ledger close``), never a close-out by itself."""

    __pydantic_config__ = _FORBID
    date: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class Item:
    """One feedback item of the ledger and everything that happened to it.

    ``deadline`` is the original 整改时限 and never changes; extensions record later ones.
    ``status`` is stored for people reading the file; ``ledger check`` verifies it agrees with
    the close-out and progress records. ``added`` is the day the item entered the ledger
    (``ledger add``, ``ledger import``); an item without it counts from its batch date.
    The official 台账's other columns are kept as they were written: ``category`` (问题类别),
    ``target`` (整改目标), ``measures`` (整改措施), ``contact`` (责任人), ``remarks`` (备注);
    ``claimed`` is a completion the sheet claimed without a close-out (see ``Claim``); ``reviews``
    are the rounds of request and review (``core.rounds``).
    """

    __pydantic_config__ = _FORBID
    id: str
    text: str
    lead: str
    responsible: tuple[str, ...]
    deadline: Deadline
    status: Status = "open"
    question: int | None = None
    source: str | None = None
    added: dt.date | None = None
    and_others: bool = False
    leader: str | None = None
    category: str | None = None
    target: str | None = None
    measures: str | None = None
    contact: str | None = None
    remarks: str | None = None
    claimed: Claim | None = None
    progress: tuple[ProgressNote, ...] = ()
    extensions: tuple[Extension, ...] = ()
    reviews: tuple[Review, ...] = ()
    closed: CloseOut | None = None
    history: tuple[PastCloseOut, ...] = ()
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True, slots=True)
class Batch:
    """Where a file's items came from: an evaluation, a forum, a complaint channel."""

    __pydantic_config__ = _FORBID
    id: str
    name: str
    date: dt.date
    source: str | None = None


@dataclass(frozen=True, slots=True)
class ItemsFile:
    """The content of one items file (``data/items.yaml`` or ``data/items/*.yaml``)."""

    __pydantic_config__ = _FORBID
    items: tuple[Item, ...] = ()
    batch: Batch | None = None
    questions: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Unit:
    """A responsible unit: a department, a city unit, an enterprise or a group of units."""

    __pydantic_config__ = _FORBID
    name: str
    kind: UnitKind
    aliases: tuple[str, ...] = ()
    note: str | None = None
    roles: tuple[Literal["reviewer"], ...] = ()
    email: str | None = None  # where ``ledger remind`` addresses the unit's reminders


@dataclass(frozen=True, slots=True)
class UnitsFile:
    """The content of ``data/departments.yaml``."""

    __pydantic_config__ = _FORBID
    units: tuple[Unit, ...] = ()


# ----------------------------------------------------------------------------- the loaded ledger

@dataclass(slots=True)
class LedgerFile:
    """One items file: its batch, its question prompts, its items and where each block starts."""

    path: Path
    items: list[Item]
    item_lines: list[int]
    batch: Batch | None = None
    questions: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Ledger:
    data_dir: Path
    files: list[LedgerFile]
    units_path: Path
    units: list[Unit]
    problems: list[Problem]
    key: str = ""
    texts: dict[Path, str] | None = None  # only kept for a write; never cached
    _index: dict[str, tuple[int, int]] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"data_dir": self.data_dir, "files": self.files, "units_path": self.units_path,
                "units": self.units, "problems": self.problems, "key": self.key}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.texts = None
        self._index = None

    @property
    def items(self) -> list[Item]:
        out: list[Item] = []
        for f in self.files:
            out.extend(f.items)
        return out

    def index(self) -> dict[str, tuple[int, int]]:
        if self._index is None:
            self._index = {}
            for fi, f in enumerate(self.files):
                for ii, item in enumerate(f.items):
                    self._index.setdefault(item.id, (fi, ii))
        return self._index

    def get(self, item_id: str) -> Item:
        where = self.index().get(item_id)
        if where is None:
            raise LedgerError(unknown_id_message(item_id, list(self.index())))
        return self.files[where[0]].items[where[1]]

    def batch_of(self, item_id: str) -> Batch | None:
        fi, _ = self.index()[item_id]
        return self.files[fi].batch

    def entered(self, item_id: str) -> dt.date | None:
        """The day the item entered the ledger: its ``added`` day, else its batch date (None: always there)."""
        item = self.get(item_id)
        batch = self.batch_of(item_id)
        return item.added or (batch.date if batch else None)

    def items_at(self, as_of: dt.date) -> list[Item]:
        """The items that had entered the ledger by ``as_of`` (see ``entered``), in ledger order:
        what the as-of views, the report and the bulletin count."""
        out: list[Item] = []
        for f in self.files:
            since = f.batch.date if f.batch else None
            for item in f.items:
                start = item.added or since
                if start is None or start <= as_of:
                    edits = item.edits
                    out.append(as_of_day(item, as_of) if edits and edits[-1].date > as_of else item)  # an edit made later undone
        return out

    def get_at(self, item_id: str, as_of: dt.date) -> Item:
        """``get``, refused for a day before the item entered the ledger."""
        item = self.get(item_id)
        entered = self.entered(item_id)
        if entered is not None and as_of < entered:
            raise LedgerError(msg("item {id} was not in the ledger yet on {date} (it entered on {entered})",
                                  id=item_id, date=as_of, entered=entered))
        return as_of_day(item, as_of)

    def unit_names(self) -> dict[str, str]:
        """Every unit name and alias → the unit's name."""
        table: dict[str, str] = {}
        for unit in self.units:
            for name in (unit.name, *unit.aliases):
                table.setdefault(name, unit.name)
        return table


def unknown_id_message(item_id: str, ids: list[str]) -> str:
    near = difflib.get_close_matches(item_id, ids, n=3, cutoff=0.5)
    if near:
        return msg("unknown item {id!r}; nearest: {near}", id=item_id, near=", ".join(near))
    return msg("unknown item {id!r}", id=item_id)
