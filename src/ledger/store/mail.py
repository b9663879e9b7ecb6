"""Mail: the SMTP settings (``smtp:`` in settings.yaml), reminder files written, and messages sent over SMTP.

The settings are host, port and sender, and ``starttls`` (default false) to upgrade the connection
before sending; nothing else is read (no passwords: a relay inside the office network is what this
is for). Sending happens only when asked (``ledger remind --send``), each message to the address its
``To`` header names, and a failure is one line naming the server and what it said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger.errors import LedgerError
from ledger.i18n import msg

if TYPE_CHECKING:  # the email package costs every command that reads the settings ~10 ms
    from email.message import EmailMessage

ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")
"""An e-mail address as a unit's ``email`` or the ``sender`` is written: local@domain.tld, nothing more."""


@dataclass(frozen=True, slots=True)
class Smtp:
    """Where ``ledger remind --send`` delivers: an SMTP server and the sender's address."""

    host: str
    port: int
    sender: str
    starttls: bool = False


def smtp_settings(value: Any) -> Smtp:
    """``smtp:`` as settings.yaml writes it → ``Smtp``; ValueError with the message if it is not one."""
    names = ("host", "port", "sender", "starttls")
    if not isinstance(value, dict):
        raise ValueError(msg("must be a mapping of {names}", names=", ".join(names)))
    for key in value:
        if key not in names:
            raise ValueError(msg("{key}: unknown; use {names}", key=key, names=", ".join(names)))
    for key in names[:3]:
        if key not in value:
            raise ValueError(msg("{key}: missing", key=key))
    host, port, sender, starttls = value["host"], value["port"], value["sender"], value.get("starttls", False)
    if not isinstance(host, str) or not host.strip() or any(c.isspace() for c in host.strip()):
        raise ValueError(msg("{key}: must be a host name", key="host"))
    if not isinstance(port, int) or isinstance(port, bool) or not 1 <= port <= 65535:
        raise ValueError(msg("{key}: must be a port number, 1 to 65535", key="port"))
    if not isinstance(sender, str) or not ADDRESS.match(sender.strip()):
        raise ValueError(msg("{key}: must be an e-mail address", key="sender"))
    if not isinstance(starttls, bool):
        raise ValueError(msg("{key}: must be true or false", key="starttls"))
    return Smtp(host.strip(), port, sender.strip(), starttls)


def write_files(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Each ``name → bytes`` written atomically into ``folder`` (made if missing); the paths, in order."""
    from ledger.store.safeio import atomic_write

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LedgerError(msg("{path}: cannot make the folder: {reason}", path=str(folder),
                              reason=exc.strerror or str(exc))) from None
    written = []
    for name, data in files.items():
        path = folder / name
        atomic_write(path, data)
        written.append(path)
    return written


def send_messages(smtp: Smtp, messages: Iterable[EmailMessage]) -> list[str]:
    """Deliver ``messages`` over one SMTP connection; the addresses each went to, in order. A refused
    connection or message is a ``LedgerError`` of one line (the messages before it were sent)."""
    import smtplib
    import ssl

    sent: list[str] = []
    where = f"{smtp.host}:{smtp.port}"
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=30) as server:
            if smtp.starttls:
                server.starttls(context=ssl.create_default_context())
            for message in messages:
                server.send_message(message, from_addr=smtp.sender)
                sent.append(str(message["To"]))
    except (OSError, smtplib.SMTPException) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise LedgerError(msg("smtp {server}: {reason} ({sent} sent before)", server=where, reason=reason,
                              sent=len(sent))) from None
    return sent
