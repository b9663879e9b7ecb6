"""Sign-off records: evidence, a request for sign-off (申请销号) and the review that answers it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

_FORBID = {"extra": "forbid"}

Decision = Literal["approved", "returned"]
DECISIONS: tuple[str, ...] = ("approved", "returned")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of 佐证材料 (evidence) behind a close-out or a request.

    Either a free-text description (``text``) or a file copied into the data folder
    (``file``, relative to the data folder, with its ``size`` in bytes and ``sha256``).
    """

    __pydantic_config__ = _FORBID
    text: str | None = None
    file: str | None = None
    size: int | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Request:
    """申请销号: the responsible ``unit`` (its person ``by``) asks for sign-off on ``date``, with evidence."""

    __pydantic_config__ = _FORBID
    date: dt.date
    unit: str
    by: str
    evidence: tuple[Evidence, ...]
    recorded: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The review's answer: 审核通过 (``approved``, with an optional ``note``) or 退回 (``returned``,
    with its ``reason``)."""

    __pydantic_config__ = _FORBID
    decision: Decision
    date: dt.date
    unit: str
    by: str
    reason: str | None = None
    note: str | None = None
    recorded: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Review:
    """One round of review: a request, and its outcome once there is one. Rounds only grow."""

    __pydantic_config__ = _FORBID
    request: Request
    outcome: Outcome | None = None
