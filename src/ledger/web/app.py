"""The ASGI application: the routes of every ledger, the city page, static files, read-only.

The ASGI application: every site's routes, the city page when there are several, the static
files, and the guard that refuses every write method on a read-only server (405)."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from ledger.web import api, evidence, forms, login, pages_items, pages_overview
from ledger.web.config import ServerConfig
from ledger.web.views import TEMPLATES, WRITE_METHODS, view
from ledger.web.workspace import Site

STATIC = TEMPLATES.with_name("static")


def site_routes(site: Site, read_only: bool) -> list[BaseRoute]:
    routes: list[BaseRoute] = [
        Route("/", view(site, pages_overview.dashboard)),
        Route("/items", view(site, pages_items.items_page)),
        Route("/items/{item_id}", view(site, pages_items.item_page)),
        Route("/units/{name}", view(site, pages_items.unit_page)),
        Route("/report", view(site, pages_overview.report_page)),
        Route("/bulletin/{period}", view(site, pages_overview.bulletin_page)),
        Route("/evidence/{item_id}/{name}", view(site, evidence.download)),
        Route("/api/items", view(site, api.items, api=True)),
        Route("/api/items/{item_id}", view(site, api.item, api=True)),
        Route("/api/report", view(site, api.report, api=True)),
    ]
    if not read_only:
        routes += [Route(f"/items/{{item_id}}/{action}", view(site, forms.handler(action), read_form=forms.read_form),
                         methods=["POST"]) for action in forms.ACTIONS]
    return routes


class ReadOnly:
    """Refuses every method but GET and HEAD (405), except logging in and out."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in WRITE_METHODS | {"OPTIONS"} \
                and scope["path"] not in ("/login", "/logout"):
            response: Response = PlainTextResponse("405 Method Not Allowed: this server is read-only\n", status_code=405,
                                                   headers={"Allow": "GET, HEAD"})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def create_app(config: ServerConfig) -> Any:
    routes: list[BaseRoute] = [
        Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static"),
        Route("/login", view(None, login.login_page, public=True)),
        Route("/login", view(None, login.login_post, public=True, read_form=forms.read_form), methods=["POST"]),
        Route("/logout", view(None, login.logout_post, public=True, read_form=forms.read_form), methods=["POST"]),
    ]
    if config.several:
        routes.append(Route("/", view(None, pages_overview.city_page)))
        for site in config.sites:
            routes.append(Mount(site.mount, routes=site_routes(site, config.read_only)))
    else:
        routes += site_routes(config.sites[0], config.read_only)
    app = Starlette(routes=routes)
    app.state.config = config
    return ReadOnly(app) if config.read_only else app
