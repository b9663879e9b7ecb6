"""Reading ``data/settings.yaml``: every setting typed and checked in one place, a bad one as one located line.

Each key has one reader in ``READERS`` (value as parsed → the typed value, or ``Bad`` with the
reason); a key no reader knows is refused, nothing is guessed. A missing file, or a key left out,
is the default. A bad file is one problem ``file:line: key: message``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ledger.core.lights import DEFAULT_POINTS, DEFAULT_THRESHOLDS, Points, Thresholds
from ledger.errors import LedgerError, Problem
from ledger.i18n import Message, msg
from ledger.store.files import SETTINGS_FILE

if TYPE_CHECKING:  # the mail settings' reader is imported where an smtp: key is read
    from ledger.store.mail import Smtp

Review = Literal["required", "optional"]


@dataclass(frozen=True, slots=True)
class Settings:
    """The ledger's settings, each with its default.

    ``commit``: every change is a commit. ``review``: ``required`` makes ``close`` refuse (a request
    and its approval close an item); ``optional`` keeps ``close`` as a one-step close. ``publicity_days``:
    an approved item is 公示中 for that many days before it counts as closed. ``reviewer``: the unit
    that approves or returns when none is named. ``lead_may_review``: an item's lead unit may review it.
    ``lights``: the days that turn an item yellow or blue (yellow_days, blue_days, silent_days); ``points``:
    a month's score (second_yellow, red); see ``core.lights``.
    """

    commit: bool = False
    review: Review = "optional"
    publicity_days: int | None = None
    reviewer: str | None = None
    lead_may_review: bool = False
    lights: Thresholds = DEFAULT_THRESHOLDS
    points: Points = DEFAULT_POINTS
    smtp: Smtp | None = None  # ledger remind --send: host, port, sender, starttls (store.mail)


class Bad(ValueError):
    """A setting's value that its reader refuses, with the reason."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Bad(msg("must be true or false"))
    return value


def _review(value: Any) -> str:
    if value not in ("required", "optional"):
        raise Bad(msg("must be required or optional"))
    return str(value)


def _days(value: Any) -> int | None:
    """A number of days, 0 (none) or more; 0 is the same as leaving the key out."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise Bad(msg("must be a whole number of days, 0 or more"))
    return value or None


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Bad(msg("must be a unit's name"))
    return value.strip()


def _fields(value: Any, names: tuple[str, ...], low: int | None) -> dict[str, int]:
    """A mapping of whole numbers under ``names`` (each at least ``low``, if given)."""
    if not isinstance(value, dict):
        raise Bad(msg("must be a mapping of {names}", names=", ".join(names)))
    out: dict[str, int] = {}
    for key, number in value.items():
        if key not in names:
            raise Bad(msg("{key}: unknown; use {names}", key=key, names=", ".join(names)))
        if not isinstance(number, int) or isinstance(number, bool) or (low is not None and number < low):
            raise Bad(msg("{key}: must be a whole number", key=key) if low is None else
                      msg("{key}: must be a whole number of days, {low} or more", key=key, low=low))
        out[str(key)] = number
    return out


def _lights(value: Any) -> Thresholds:
    found = replace(Thresholds(), **_fields(value, ("yellow_days", "blue_days", "silent_days"), 0))
    if found.yellow_days > found.blue_days:
        raise Bad(msg("yellow_days must not be more than blue_days"))
    return found


def _points(value: Any) -> Points:
    return replace(Points(), **_fields(value, ("second_yellow", "red"), None))


def _smtp(value: Any) -> Smtp:
    from ledger.store.mail import smtp_settings

    try:
        return smtp_settings(value)
    except ValueError as exc:
        raise Bad(exc.args[0]) from None


READERS: dict[str, Callable[[Any], Any]] = {
    "commit": _bool,
    "review": _review,
    "publicity_days": _days,
    "reviewer": _name,
    "lead_may_review": _bool,
    "lights": _lights,
    "points": _points,
    "smtp": _smtp,
}
"""Each key's reader; its typed value goes into the ``Settings`` field of the same name."""


def read_settings(folder: Path) -> Settings:
    """The settings of the data folder ``folder`` (defaults where the file or a key is missing)."""
    import os

    path = folder / SETTINGS_FILE
    if not os.path.lexists(path):
        return Settings()
    from ledger.store.files import decode, read_file


    def bad(message: str | Message, line: int | None, key: str | None = None) -> LedgerError:
        return LedgerError(Problem(str(path), message, line, None, None, key).render())  # one line

    text = read_file(path, folder)
    if isinstance(text, bytes):
        text = decode(text, path)
    if isinstance(text, Problem):
        raise LedgerError(text.render())

    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return Settings()  # only comments: every default
    remembered = _remembered(text)
    if remembered is not None:
        return remembered
    from ledger.store.yamlio import YamlProblem, locate, parse

    try:
        data = parse(text).data
    except YamlProblem as exc:
        raise bad(exc.message, exc.line) from None
    values: dict[str, Any] = {}
    for key, value in data.items():
        reader = READERS.get(str(key))
        line = locate(text, [(key,)])[(key,)][0]
        if reader is None:
            raise bad(msg("unknown setting; the settings are {names}", names=", ".join(READERS)), line, str(key))
        if value is None:
            continue
        try:
            values[str(key)] = reader(value)
        except Bad as exc:
            raise bad(exc.message, line, str(key)) from None
    found = replace(Settings(), **values)
    _remember(text, found)
    return found


def _settings_slot(text: str) -> Path | None:
    """Where the settings read from ``text`` are kept between runs (beside the ledger's cache): a
    command that reads them skips the YAML parser (about 20 ms of imports). Keyed by the text and
    the code; only settings that read well are kept."""
    import hashlib

    from ledger.store import cache

    if not cache.enabled():
        return None
    from ledger.store.cache_slots import cache_folder

    key = hashlib.sha256(f"{cache.code_stamp()}\0{text}".encode()).hexdigest()[:24]
    return cache_folder() / f"settings-{key}.pickle"


def _remembered(text: str) -> Settings | None:
    import pickle

    slot = _settings_slot(text)
    if slot is None:
        return None
    try:
        found = pickle.loads(slot.read_bytes())
    except Exception:
        return None
    return found if isinstance(found, Settings) else None


def _remember(text: str, found: Settings) -> None:
    import pickle

    slot = _settings_slot(text)
    if slot is None:
        return
    from ledger.store.cache_slots import atomic

    atomic(slot, lambda fh: fh.write(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)))


def settings_problems(folder: Path, unit_names: Collection[str]) -> list[str]:
    """What ``ledger check`` says of the settings file: a bad key or value, or a ``reviewer`` that
    is no unit of the ledger; each one located line."""
    try:
        found = read_settings(folder)
    except LedgerError as exc:
        return [str(exc)]
    if found.reviewer is not None and found.reviewer not in unit_names:
        return [str(settings_problem(folder, "reviewer", msg("unknown unit {name!r}", name=found.reviewer)))]
    return []


def settings_problem(folder: Path, key: str, message: Message) -> LedgerError:
    """A setting that reads well but does not fit the ledger (a reviewer no unit is), located."""
    from ledger.store.yamlio import locate

    path = folder / SETTINGS_FILE
    line = locate(path.read_text(encoding="utf-8"), [(key,)])[(key,)][0] if path.exists() else None
    return LedgerError(Problem(str(path), message, line, None, None, key).render())
