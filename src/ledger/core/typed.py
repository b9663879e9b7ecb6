"""What people type, read as the ledger writes it: ids by width and case, unit names and lists, status words.

Pure normalisation, no lookup: the callers compare the normal forms with what the ledger holds
(``query.resolve_id``, ``query.status_named``) and refuse what still does not match: a near miss is
never taken for what was meant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

UNIT_SEPARATORS = re.compile(r"[,，、]")
"""Between units given as one list: the comma, the full-width comma and the enumeration comma 、."""


def id_form(text: str) -> str:
    """An id as typed, with full-width letters, digits and dashes read as ASCII (NFKC) and no space
    around it: ``Ｈ－１`` → ``H-1``. Case is kept: this is how a new id is written."""
    return unicodedata.normalize("NFKC", text).strip()


def id_key(text: str) -> str:
    """What ids naming the same item share: ``id_form``, case folded (``Ｈ－１``, ``h-1`` → ``h-1``)."""
    return id_form(text).casefold()


def unit_name(text: str) -> str:
    """A unit's name or alias as typed, without the spaces around it (full-width ones too).
    Nothing inside it changes: ``各镇（街道）`` keeps its own full-width brackets."""
    return text.strip()


def unit_list(values: Iterable[str]) -> list[str]:
    """Units given as a list: each value may hold several, separated by ``,``, ``，`` or ``、``;
    each is a ``unit_name``, and blanks are dropped."""
    return [unit_name(n) for value in values for n in UNIT_SEPARATORS.split(value) if n.strip()]


def status_key(text: str) -> str:
    """A status word as typed, in one form: NFKC, no space around it, case folded, ``-`` and inner
    spaces as ``_`` (``In-Progress``, ``in progress`` → ``in_progress``)."""
    return re.sub(r"[-\s]+", "_", unicodedata.normalize("NFKC", text).strip().casefold())
