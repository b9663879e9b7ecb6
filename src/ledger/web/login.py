"""Logging in and out with a users file (--users FILE).

Logging in and out (with ``--users FILE``): a name and a password checked against the file's
hash; a new session on success (the old id is never kept), the reason on the form otherwise.
Repeated failures make the name (or the address) wait (``throttle``)."""

from __future__ import annotations

from urllib.parse import urlparse

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ledger.i18n import tr
from ledger.web import csrf
from ledger.web.auth import SESSION_COOKIE, new_session, verify
from ledger.web.config import Refusal
from ledger.web.views import Ctx, render


def _next(value: str | None) -> str:
    """Only a path on this site: never another host (``//evil``, ``https://…``)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or urlparse(value).netloc:
        return "/"
    return value


def login_page(request: Request, ctx: Ctx) -> Response:
    if ctx.config.users is None:
        return RedirectResponse("/", status_code=303)
    return render(ctx, "login.html", next=_next(request.query_params.get("next")), error=None, name="")


def login_post(request: Request, ctx: Ctx) -> Response:
    if ctx.config.users is None:
        raise Refusal(404, tr("this server has no users: nobody logs in"))
    if ctx.early is not None:
        raise ctx.early
    form = ctx.form
    csrf.check(form, ctx.csrf)
    name = str(form.get("name") or "").strip()
    target = _next(str(form.get("next") or ""))
    throttle, address = ctx.config.throttle, request.client.host if request.client else None
    wait = throttle.wait(name, address)
    if wait:  # too many failures: the password is not checked at all
        response = render(ctx, "login.html", status=429, next=target, name=name,
                          error=tr("too many failed logins: try again in {minutes} min", minutes=(wait + 59) // 60))
        response.headers["Retry-After"] = str(wait)
        return response
    user = verify(ctx.config.users, name, str(form.get("password") or ""))
    if user is None:
        throttle.failed(name, address)
        return render(ctx, "login.html", status=403, next=target, name=name,
                      error=tr("wrong name or password"))
    throttle.succeeded(name)
    ctx.session, ctx.user, ctx.new_cookie = new_session(user.name), user, True
    return RedirectResponse(target, status_code=303)


def logout_post(request: Request, ctx: Ctx) -> Response:
    csrf.check(ctx.form, ctx.csrf)
    ctx.extra_cookies.append((SESSION_COOKIE, ""))
    return RedirectResponse("/login" if ctx.config.users is not None else "/", status_code=303)


login_post.handles_early = True  # type: ignore[attr-defined]
