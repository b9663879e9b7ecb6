"""The ledger's data model: plain, immutable records with no I/O and no notion of "today".

These are standard-library dataclasses rather than pydantic models so that a warm read (served
from the validated cache) never imports pydantic.  pydantic validates them all the same:
``ledger.validate`` builds ``TypeAdapter``s over these classes, and ``__pydantic_config__``
forbids unknown fields exactly as ``extra="forbid"`` does on a ``BaseModel``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ONGOING = "ongoing"
"""The deadline word for 立行立改，长期坚持: rectify at once, keep it up; never overdue by date."""

Deadline = dt.date | Literal["ongoing"]
Status = Literal["open", "in_progress", "closed"]
STATUSES: tuple[str, ...] = ("open", "in_progress", "closed")
UnitKind = Literal["district", "city", "enterprise", "group"]
UNIT_KINDS: tuple[str, ...] = ("district", "city", "enterprise", "group")

_FORBID = {"extra": "forbid"}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of 佐证材料 (evidence) behind a close-out.

    Either a free-text description (``text``) or a file copied into the data folder
    (``file``, relative to the data folder, with its ``size`` in bytes and ``sha256``).
    """

    __pydantic_config__ = _FORBID
    text: str | None = None
    file: str | None = None
    size: int | None = None
    sha256: str | None = None


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

    ``late`` records that the close-out came after the deadline then in force."""

    __pydantic_config__ = _FORBID
    date: dt.date
    by: str
    evidence: tuple[Evidence, ...]
    late: bool = False
    note: str | None = None
    recorded: dt.date | None = None


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
class Item:
    """One feedback item of the ledger and everything that happened to it.

    ``deadline`` is the original 整改时限 and never changes; extensions record later ones.
    ``status`` is stored for people reading the file; ``ledger check`` verifies it agrees with
    the close-out and progress records.
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
    and_others: bool = False
    leader: str | None = None
    progress: tuple[ProgressNote, ...] = ()
    extensions: tuple[Extension, ...] = ()
    closed: CloseOut | None = None
    history: tuple[PastCloseOut, ...] = ()


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


@dataclass(frozen=True, slots=True)
class UnitsFile:
    """The content of ``data/departments.yaml``."""

    __pydantic_config__ = _FORBID
    units: tuple[Unit, ...] = ()
