"""The interface language of a request: ?lang=, its cookie, else Accept-Language.

The interface language of a request: ``?lang=zh|en`` (remembered in a cookie), else the cookie,
else the browser's ``Accept-Language``; Chinese when nothing says. ``ledger.i18n`` keeps the language
per context, and each request is answered in a context of its own (``views``), so pages in Chinese and
in English are rendered side by side."""

from __future__ import annotations

COOKIE = "ledger_lang"


def from_accept(header: str) -> str | None:
    """The first of zh or en in an ``Accept-Language`` header, by quality then order."""
    ranked: list[tuple[float, int, str]] = []
    for n, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        tag = tag.strip().lower()
        lang = "zh" if tag.startswith("zh") else "en" if tag.startswith("en") else None
        if lang and quality > 0:
            ranked.append((-quality, n, lang))
    return min(ranked)[2] if ranked else None


def choose(query: str | None, cookie: str | None, accept: str | None) -> tuple[str, bool]:
    """(language, whether to remember it in the cookie)."""
    if query in ("zh", "en"):
        return query, query != cookie
    if cookie in ("zh", "en"):
        return cookie, False
    return (from_accept(accept) if accept else None) or "zh", False
