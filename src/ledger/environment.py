"""The environment variables the tool reads, each parsed in one place."""

from __future__ import annotations

import os
from datetime import date


def today() -> date:
    """The one place the tool reads the clock; ``LEDGER_TODAY`` pins it (tests, demos)."""
    pinned = os.environ.get("LEDGER_TODAY")
    return date.fromisoformat(pinned) if pinned else date.today()
