"""Failed logins slow a guesser down: after too many failures a name, or an address, waits.

A server on an office network is reachable by everyone on it, and a password is the only thing
between a guesser and the ledger's write forms. ``Throttle`` counts failed logins per user name
(``NAME_LIMIT`` in ``WINDOW`` seconds) and per client address (``ADDRESS_LIMIT``: higher, since a
whole office may share one address). While either is over its limit, a login is answered 429 with
the minutes to wait, and the password is not even checked, so waiting is the only way on. A
successful login clears its name's count (not its address's). The counts live in the server's
memory: a restart forgets them, as it forgets the sessions.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

NAME_LIMIT = 5
ADDRESS_LIMIT = 20
WINDOW = 15 * 60
KEYS_KEPT = 10_000
"""Past this many names and addresses counted, the ones whose failures have all expired are dropped."""


class Throttle:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def keys(name: str, address: str | None) -> list[tuple[str, str]]:
        keys = [("name", name.strip().casefold())]
        if address:
            keys.append(("address", address))
        return keys

    def wait(self, name: str, address: str | None) -> int:
        """Seconds before ``name`` may try again from ``address`` (0: now)."""
        now = self.clock()
        longest = 0.0
        with self._lock:
            for key in self.keys(name, address):
                times = self._recent(key, now)
                limit = NAME_LIMIT if key[0] == "name" else ADDRESS_LIMIT
                if len(times) >= limit:
                    longest = max(longest, times[len(times) - limit] + WINDOW - now)
        return max(0, int(longest + 0.999))

    def failed(self, name: str, address: str | None) -> None:
        now = self.clock()
        with self._lock:
            for key in self.keys(name, address):
                self._recent(key, now).append(now)
            if len(self._failures) > KEYS_KEPT:
                for key in [k for k in self._failures if not self._recent(k, now)]:
                    del self._failures[key]

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(self.keys(name, None)[0], None)

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - WINDOW:
            times.popleft()
        return times
