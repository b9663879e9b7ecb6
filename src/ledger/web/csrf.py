"""CSRF tokens: every form carries one bound to the visitor's session; a write without the right one is refused (403)."""

from __future__ import annotations

import hmac
from typing import Any

from ledger.i18n import tr
from ledger.web.config import Refusal

FIELD = "csrf"


def check(form: Any, expected: str) -> None:
    """Refuse (403) a form whose token is missing or not this session's."""
    given = form.get(FIELD) if form is not None else None
    if not isinstance(given, str) or not given or not hmac.compare_digest(given, expected):
        raise Refusal(403, tr("the form has expired or did not come from this site (CSRF token missing or wrong): "
                              "open the page again and resend it; nothing was changed"))
