"""What a running server was told: its ledgers, its users (or none), whether it writes."""

from __future__ import annotations

from dataclasses import dataclass, field

from ledger.web.auth import Signer, User
from ledger.web.throttle import Throttle
from ledger.web.workspace import Site


@dataclass
class ServerConfig:
    sites: list[Site]
    users: dict[str, User] | None = None  # None: one local user, who types a name in the forms' "by"
    read_only: bool = False
    signer: Signer = field(default_factory=Signer)
    throttle: Throttle = field(default_factory=Throttle)  # failed logins, per name and address

    @property
    def several(self) -> bool:
        return len(self.sites) > 1


class Refusal(Exception):
    """A request refused, with its HTTP status and the reason shown to the person (already translated)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
