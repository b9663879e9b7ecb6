"""The serve command: the web view (``ledger.web``), imported only when it runs."""

import sys
from typing import Annotated

import typer

from ledger.cli.common import command, out, settings
from ledger.i18n import tr


def data_options(argv: list[str]) -> list[str]:
    """Every ``--data DIR`` on the command line (``ledger serve --data A/data --data B/data``): the
    global option keeps only the last, the server takes them all."""
    found, args = [], iter(argv)
    for arg in args:
        if arg == "--":
            break
        if arg == "--data":
            value = next(args, None)
            if value is not None:
                found.append(value)
        elif arg.startswith("--data="):
            found.append(arg[len("--data="):])
    return found


@command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", metavar="HOST",
                                      help="Address to listen on; anything but loopback needs --users.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT", min=0, max=65535, help="Port to listen on.")] = 8000,
    read_only: Annotated[bool, typer.Option("--read-only", help="Pages and the API only: no forms, every write "
                                                                "method refused.")] = False,
    users: Annotated[str | None, typer.Option("--users", metavar="FILE",
                                              help="Users who may log in (YAML: name, argon2/bcrypt password hash, "
                                                   "units). Without it: one local user, on loopback only.")] = None,
    ledger_dirs: Annotated[list[str] | None, typer.Option("--ledger", metavar="DIR",
                                                          help="A data folder to serve; repeatable (each district's "
                                                               "ledger under its name, and a city page).")] = None,
    workspace: Annotated[str | None, typer.Option("--workspace", metavar="FILE",
                                                  help="A YAML file listing the ledgers (ledgers: [{name, data}]).")]
    = None,
    hash_password: Annotated[bool, typer.Option("--hash-password",
                                                help="Ask for a password and print its argon2 hash for the users "
                                                     "file, then exit.")] = False,
) -> None:
    """The web view: dashboard, items, units, the report, the bulletin, forms and a JSON API.

    Serves the ledger (--data, or several: --data A/data --data B/data, --ledger, --workspace)
    at http://127.0.0.1:8000/ until Ctrl-C. Writes go through the same checks, lock and commit
    as the commands.

    Examples:

      ledger serve

      ledger serve --host 0.0.0.0 --users users.yaml
    """
    if hash_password:
        from ledger.web.auth import hash_password as make_hash

        password = typer.prompt(tr("Password"), hide_input=True, confirmation_prompt=True, err=True)
        if not password:
            raise typer.BadParameter(tr("the password must not be empty"), param_hint="--hash-password")
        out(make_hash(password) + "\n")
        return
    from ledger.cli import common
    from ledger.web.server import check_port, configure, serve, url_host

    datas = list(ledger_dirs or [])
    given = data_options(sys.argv[1:]) if common.console_script else []
    datas += given if len(given) > 1 else ([settings.data] if settings.data else [])
    config = configure(datas, workspace, users, read_only, host)
    check_port(host, port)  # a port in use is one line, before "serving"
    names = ", ".join(f"{s.name} ({s.data_dir})" for s in config.sites)
    sys.stderr.write(tr("serving {names} at http://{host}:{port}/ (Ctrl-C to stop)", names=names,
                        host=url_host(host), port=port) + "\n")
    serve(config, host, port)
