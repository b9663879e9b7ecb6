"""The environment variables the tool reads, each parsed in one place.

Each variable has one function that reads and checks it; a bad value raises ``BadVariable`` with
one line naming the variable, the value and what is expected (the command line checks them all
when a command starts, see ``check_all``). Unset or empty means the default.
"""

from __future__ import annotations

import math
import os
import re
from datetime import date

from ledger.i18n import Message, msg

DEFAULT_LOCK_TIMEOUT_S = 60.0
DEFAULT_EVIDENCE_MAX_MB = 50.0


class BadVariable(ValueError):
    """An environment variable with a value the tool cannot use."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(str(message))


def _value(name: str) -> str | None:
    value = os.environ.get(name)
    return value if value else None


def today() -> date:
    """The one place the tool reads the clock; ``LEDGER_TODAY`` (YYYY-MM-DD) pins it (tests, demos)."""
    pinned = _value("LEDGER_TODAY")
    if pinned is None:
        return date.today()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", pinned):
            raise ValueError(pinned)
        return date.fromisoformat(pinned)
    except ValueError:
        raise BadVariable(msg("LEDGER_TODAY: {value!r} is not a date: use YYYY-MM-DD, such as 2024-09-10",
                              value=pinned)) from None


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def lock_timeout() -> float:
    """``LEDGER_LOCK_TIMEOUT``: seconds a write waits for another one's lock (default 60)."""
    text = _value("LEDGER_LOCK_TIMEOUT")
    if text is None:
        return DEFAULT_LOCK_TIMEOUT_S
    value = _number(text)
    if value is None or value < 0:
        raise BadVariable(msg("LEDGER_LOCK_TIMEOUT: {value!r} is not a number of seconds (0 or more, such as 60)",
                              value=text))
    return value


def evidence_max_bytes() -> int:
    """``LEDGER_EVIDENCE_MAX_MB``: the largest evidence file, in megabytes (default 50)."""
    text = _value("LEDGER_EVIDENCE_MAX_MB")
    value = DEFAULT_EVIDENCE_MAX_MB if text is None else _number(text)
    if value is None or value <= 0:
        raise BadVariable(msg("LEDGER_EVIDENCE_MAX_MB: {value!r} is not a size in megabytes "
                              "(a number over 0, such as 50)", value=text))
    return int(value * 1024 * 1024)


def language() -> str | None:
    """``LEDGER_LANG``: ``zh`` or ``en`` (a locale name such as ``zh_CN.UTF-8`` will do); None if unset."""
    text = _value("LEDGER_LANG")
    if text is None:
        return None
    lowered = text.strip().lower()
    if lowered.startswith("zh"):
        return "zh"
    if lowered.startswith("en"):
        return "en"
    raise BadVariable(msg("LEDGER_LANG: {value!r} is not a language of the interface: use zh or en", value=text))


def check_all() -> None:
    """Read every variable once, so that a bad value is reported before a command does anything."""
    language()
    today()
    lock_timeout()
    evidence_max_bytes()
