"""Who is asking: the users file (``--users FILE``), password hashes, and signed session cookies.

The users file is YAML::

    users:
      - name: 张三
        password: "$argon2id$v=19$m=65536,t=3,p=4$..."   # ledger serve --hash-password
        units: [区财政局]                                 # the units this user writes for; [*] for all

Hashes are argon2 (argon2-cffi), or bcrypt (``$2b$…``) where the ``bcrypt`` package is installed.
A session is a cookie holding the user's name and a random session id, signed with HMAC-SHA256
under a key made when the server starts (restarting the server logs everyone out); it is
HttpOnly, SameSite=Lax, and Secure whenever the page came over https.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from ledger.errors import LedgerError
from ledger.i18n import tr

SESSION_COOKIE = "ledger_session"
SESSION_SECONDS = 12 * 3600
ALL_UNITS = "*"


@dataclass(frozen=True)
class User:
    name: str
    password: str  # the hash
    units: tuple[str, ...]

    def may_write_for(self, units: set[str]) -> bool:
        """Whether the user writes for any of ``units`` (an item's lead and responsible units)."""
        return ALL_UNITS in self.units or bool(units & set(self.units))


def read_users(path: Path) -> dict[str, User]:
    """The users of a users file, by name; any fault in it is one error naming the file."""
    from ledger.store.pyyaml import yaml

    def bad(reason: str) -> LedgerError:
        return LedgerError(tr("users file {path}: {reason}", path=path, reason=reason))

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise bad(exc.strerror or str(exc)) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise bad(str(exc).splitlines()[0]) from None
    entries = data.get("users") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise bad(tr("expected a list under users:, each with name, password and units"))
    users: dict[str, User] = {}
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise bad(tr("user {n}: a name is required", n=n))
        name = entry["name"].strip()
        hashed = entry.get("password")
        if not isinstance(hashed, str) or not hashed.startswith(("$argon2", "$2a$", "$2b$", "$2y$")):
            raise bad(tr("user {name}: password must be an argon2 or bcrypt hash (ledger serve --hash-password)",
                         name=name))
        if hashed.startswith("$2") and not _has_bcrypt():
            raise bad(tr("user {name}: a bcrypt hash needs the bcrypt package (pip install bcrypt), or use an "
                         "argon2 hash (ledger serve --hash-password)", name=name))
        units = entry.get("units", [])
        if isinstance(units, str):
            units = [units]
        if not isinstance(units, list) or not all(isinstance(u, str) for u in units):
            raise bad(tr("user {name}: units must be a list of unit names", name=name))
        if name in users:
            raise bad(tr("user {name} is listed twice", name=name))
        users[name] = User(name, hashed, tuple(u.strip() for u in units))
    return users


def _has_bcrypt() -> bool:
    try:
        import bcrypt  # noqa: F401
    except ImportError:
        return False
    return True


def hash_password(password: str) -> str:
    """An argon2id hash for the users file."""
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


_DUMMY: list[str] = []


def verify(users: dict[str, User], name: str, password: str) -> User | None:
    """The user if the password is theirs; an unknown name costs the same time as a wrong password."""
    user = users.get(name.strip())
    if user is None:
        if not _DUMMY:
            _DUMMY.append(hash_password(secrets.token_hex(8)))
        _check(_DUMMY[0], password)
        return None
    return user if _check(user.password, password) else None


def _check(hashed: str, password: str) -> bool:
    if hashed.startswith("$2"):
        import bcrypt

        try:
            return bool(bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii")))
        except ValueError:
            return False
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return PasswordHasher().verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class Session:
    sid: str
    user: str | None
    issued: int


class Signer:
    """Signs and reads session cookies with a key of its own."""

    def __init__(self, key: bytes | None = None) -> None:
        self.key = key or os.urandom(32)

    def _mac(self, data: bytes) -> str:
        return base64.urlsafe_b64encode(hmac.new(self.key, data, hashlib.sha256).digest()).decode().rstrip("=")

    def dump(self, session: Session) -> str:
        body = base64.urlsafe_b64encode(json.dumps({"sid": session.sid, "u": session.user, "t": session.issued},
                                                   ensure_ascii=True).encode()).decode().rstrip("=")
        return f"{body}.{self._mac(body.encode())}"

    def load(self, cookie: str | None) -> Session | None:
        """The session in a cookie, if it is ours, untampered and not expired."""
        if not cookie or "." not in cookie:
            return None
        body, mac = cookie.rsplit(".", 1)
        if not hmac.compare_digest(mac, self._mac(body.encode())):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            session = Session(str(data["sid"]), data["u"] if isinstance(data["u"], str) else None, int(data["t"]))
        except (ValueError, KeyError, TypeError):
            return None
        if time.time() - session.issued > SESSION_SECONDS:
            return None
        return session

    def token(self, purpose: str, sid: str) -> str:
        """A value bound to the session (the CSRF token of its forms)."""
        return self._mac(f"{purpose}|{sid}".encode())


def new_session(user: str | None = None) -> Session:
    return Session(secrets.token_urlsafe(18), user, int(time.time()))
