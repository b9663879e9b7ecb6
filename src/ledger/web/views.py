"""What every request shares: session, user, language, templates, refusals as pages.

What every request shares: who asks (session, user), in which language, the templates, and the
mapping of refusals and errors to pages (or json) with the right status. No traceback reaches a page."""

from __future__ import annotations

import logging
import threading
from collections.abc import Awaitable, Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from ledger import i18n
from ledger.errors import LedgerError
from ledger.i18n import tr
from ledger.web import language
from ledger.web.auth import SESSION_COOKIE, Session, User, new_session
from ledger.web.config import Refusal, ServerConfig
from ledger.web.workspace import Site

log = logging.getLogger("ledger.web")
TEMPLATES = Path(__file__).with_name("templates")
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    # no script at all; the bulletin's and the pages' styles are inline or ours; the charts are inline SVG
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
}


@dataclass
class Ctx:
    """One request's who, where and how."""

    request: Request
    config: ServerConfig
    site: Site | None
    session: Session
    user: User | None
    lang: str
    new_cookie: bool = False
    remember_lang: bool = False
    form: Any = None
    early: Refusal | None = None  # the form was refused before it was read (too large)
    extra_cookies: list[tuple[str, str]] = field(default_factory=list)

    @property
    def csrf(self) -> str:
        return self.config.signer.token("csrf", self.session.sid)

    @property
    def writable(self) -> bool:
        return not self.config.read_only

    @property
    def last_month(self) -> str:
        """The bulletin's default month (as ``ledger bulletin`` has it): last month."""
        from ledger.core.dates import last_month
        from ledger.environment import today

        return last_month(today())

    def url(self, path: str = "/", **query: Any) -> str:
        base = self.site.url(path) if self.site is not None else path
        params = {k: v for k, v in query.items() if v not in (None, "", False)}
        return base + ("?" + urlencode(params, doseq=True) if params else "")

    def lang_url(self, lang: str) -> str:
        params = [(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"]
        return self.request.url.path + "?" + urlencode([*params, ("lang", lang)])


_env: Environment | None = None


_env_lock = threading.Lock()


def env() -> Environment:
    global _env
    with _env_lock:  # pages are rendered side by side: the environment is made once
        if _env is None:
            _env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                               trim_blocks=True, lstrip_blocks=True)
            _env.globals["tr"] = tr
            _env.filters["q"] = lambda text: quote(str(text), safe="")
            _env.filters["percent"] = lambda rate: f"{rate * 100:.1f}%"
        return _env


def render(ctx: Ctx, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    html = env().get_template(template).render(ctx=ctx, lang=ctx.lang, **values)
    return HTMLResponse(html, status_code=status)


def error_page(ctx: Ctx, status: int, message: str, api: bool = False) -> Response:
    if api:
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return render(ctx, "error.html", status=status, status_code=status, message=message)


def _context(request: Request, config: ServerConfig, site: Site | None) -> Ctx:
    session = config.signer.load(request.cookies.get(SESSION_COOKIE))
    new = session is None
    if session is None:
        session = new_session()
    user = None
    if config.users is not None and session.user is not None:
        user = config.users.get(session.user)
    lang, remember = language.choose(request.query_params.get("lang"), request.cookies.get(language.COOKIE),
                                     request.headers.get("accept-language"))
    return Ctx(request, config, site, session, user, lang, new_cookie=new, remember_lang=remember)


def finish(ctx: Ctx, response: Response) -> Response:
    """The session and language cookies, and the security headers, on every answer."""
    secure = ctx.request.url.scheme == "https"
    if ctx.new_cookie:
        response.set_cookie(SESSION_COOKIE, ctx.config.signer.dump(ctx.session), httponly=True, samesite="lax",
                            secure=secure, path="/")
    if ctx.remember_lang:
        response.set_cookie(language.COOKIE, ctx.lang, httponly=True, samesite="lax", secure=secure, path="/",
                            max_age=365 * 86400)
    for name, value in ctx.extra_cookies:
        if value:
            response.set_cookie(name, value, httponly=True, samesite="lax", secure=secure, path="/")
        else:
            response.delete_cookie(name, path="/")
    for key, value in SECURITY_HEADERS.items():
        response.headers.setdefault(key, value)
    response.headers.setdefault("Cache-Control", "no-store")
    return response


Handler = Callable[[Request, Ctx], Response]


def view(site: Site | None, handler: Handler, *, api: bool = False, public: bool = False,
         read_form: Callable[[Request], Awaitable[Any]] | None = None) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint: the form is read first (asynchronously, ``read_form``), then the handler runs in a
    worker thread (changes one at a time: ``WRITES``). ``public``: answered without a login (the login page)."""

    async def endpoint(request: Request) -> Response:
        config: ServerConfig = request.app.state.config
        form = None
        early: Refusal | None = None
        if read_form is not None:
            try:
                form = await read_form(request)
            except Refusal as exc:
                early = exc
        return await run_in_threadpool(_answer, request, config, site, handler, api, public, form, early)

    endpoint.__name__ = getattr(handler, "__name__", "endpoint")
    return endpoint


WRITES = threading.RLock()
"""Held while a request that may change something (POST …) is answered: changes go one at a time, as
on the command line; pages (GET, HEAD) are answered side by side, each worker thread in a context of
its own (the interface language is a context variable)."""


def _answer(request: Request, config: ServerConfig, site: Site | None, handler: Handler, api: bool, public: bool,
            form: Any, early: Refusal | None) -> Response:
    with WRITES if request.method in WRITE_METHODS else nullcontext():
        ctx = _context(request, config, site)
        ctx.form, ctx.early = form, early
        i18n.set_language(ctx.lang)
        try:
            if config.users is not None and ctx.user is None and not public:
                if api:
                    raise Refusal(401, tr("log in first"))
                if request.method in WRITE_METHODS:
                    raise Refusal(403, tr("log in first; nothing was changed"))
                target = request.url.path + (("?" + request.url.query) if request.url.query else "")
                response: Response = RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)
            elif early is not None and not getattr(handler, "handles_early", False):
                raise early
            else:
                response = handler(request, ctx)
        except Refusal as exc:
            response = error_page(ctx, exc.status, exc.message, api)
        except LedgerError as exc:
            response = error_page(ctx, 400, "\n".join(exc.lines()) or tr("Error"), api)
        except Exception:  # never a traceback on a page: it goes to the server's log
            log.exception("error answering %s %s", request.method, request.url.path)
            response = error_page(ctx, 500, tr("something went wrong on the server; it is in the server's log"), api)
        return finish(ctx, response)
