"""Starting the server: its checks first, then uvicorn until Ctrl-C.

Starting the server: checks first (a host other than loopback needs users; every ledger must
load), then uvicorn with the app, until Ctrl-C."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from ledger.errors import LedgerError, UsageError
from ledger.i18n import tr
from ledger.web.config import ServerConfig
from ledger.web.workspace import make_sites, read_workspace


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def configure(datas: list[str], workspace: str | None, users_file: str | None, read_only: bool,
              host: str) -> ServerConfig:
    """The server's configuration from the command line, every refusal a ``LedgerError``."""
    from ledger.web.auth import read_users

    if not is_loopback(host) and users_file is None:
        raise UsageError(tr("--host {host} opens the ledger to the network: give --users FILE too (who may log in)",
                            host=host))
    ledgers: list[tuple[str | None, Path]] = read_workspace(Path(workspace)) if workspace else []
    ledgers += [(None, Path(d)) for d in datas]
    if not ledgers:
        from ledger.store.files import find_data_dir

        ledgers = [(None, find_data_dir(None))]
    sites = make_sites(ledgers)
    for site in sites:  # a ledger with problems is said now, not on the first page
        site.live.get()
    users = read_users(Path(users_file)) if users_file else None
    return ServerConfig(sites, users, read_only)


def check_port(host: str, port: int) -> None:
    """Bind the address once, as uvicorn will, so that a port in use is one line (uvicorn would log
    several in English and exit 3)."""
    import socket

    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host.strip("[]"), port))
    except OSError as exc:
        raise LedgerError(tr("cannot listen on {host}:{port}: {reason}", host=host, port=port,
                             reason=exc.strerror or exc)) from None


def url_host(host: str) -> str:
    """The host as a URL writes it: an IPv6 address in brackets."""
    bare = host.strip("[]")
    return f"[{bare}]" if ":" in bare else bare


def serve(config: ServerConfig, host: str, port: int) -> None:
    import uvicorn

    from ledger.web.app import create_app

    check_port(host, port)
    try:
        uvicorn.run(create_app(config), host=host, port=port, log_level="info", access_log=True,
                    server_header=False, proxy_headers=True, forwarded_allow_ips="127.0.0.1")
    except OSError as exc:
        raise LedgerError(tr("cannot listen on {host}:{port}: {reason}", host=host, port=port,
                             reason=exc.strerror or exc)) from None
