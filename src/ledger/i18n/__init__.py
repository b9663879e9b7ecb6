"""The interface language: English templates in the code, Chinese from the one catalogue (``zh.py``).

Two ways to use a template:

- ``tr("unknown unit {name!r}", name=...)`` translates now, for text printed straight away;
- ``msg("unknown unit {name!r}", name=...)`` keeps the template and its parameters and
  translates when it is shown: problems and errors are made with it, so a ledger validated
  (and cached) under one language reads the same under the other.

Data stays as written; only the words around it change. No module adds translations of its
own: every template's Chinese is in ``zh.py``.
"""

from __future__ import annotations

import os
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

_lang: ContextVar[str] = ContextVar("ledger_language", default="zh")
"""The interface language of this context: the command line has one; each web request sets its own
in the context of the worker thread answering it, so requests in different languages run side by side."""


def detect_language(explicit: str | None = None) -> str:
    """``--lang`` first, then ``LEDGER_LANG``, then the locale (zh for zh_*), else English."""
    for value in (explicit, os.environ.get("LEDGER_LANG")):
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(lang: str) -> None:
    _lang.set("zh" if lang.lower().startswith("zh") else "en")


def language() -> str:
    return _lang.get()


def _catalogue() -> dict[str, str]:
    from ledger.i18n.zh import ZH

    return ZH


def tr(template: str, **params: object) -> str:
    """Translate an English template into the interface language and fill it in."""
    text = _catalogue().get(template, template) if _lang.get() == "zh" else EN.get(template, template)
    if not params:
        return text
    return text.format(**{k: (str(v) if isinstance(v, Message) else v) for k, v in params.items()})


@dataclass(frozen=True, slots=True)
class Message:
    """A template and its parameters, translated each time it is shown (``str(message)``).

    Parameters may be messages themselves (a reason inside a sentence). Immutable and
    picklable, so problems holding it can be cached."""

    template: str
    params: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        return tr(self.template, **dict(self.params))

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)


def msg(template: str, **params: object) -> Message:
    """A template to translate when shown (see ``Message``)."""
    return Message(template, tuple(params.items()))


EN: dict[str, str] = {
    # templates that are labels rather than English text
    "ongoing (short)": "ongoing",
}
