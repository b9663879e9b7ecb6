"""The serve command: registered lazily, other commands start without the web view's libraries, the
repeated --data, the templates' words all translated."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def test_other_commands_do_not_import_the_web_view(tmp_path):
    code = ("import sys; from ledger.cli.app import app, load_commands; load_commands(); "
            "print(sorted(m for m in ('starlette', 'jinja2', 'uvicorn', 'multipart', 'argon2', 'ledger.web') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_serve_is_registered_and_helps():
    from ledger.cli.app import COMMAND_MODULES

    assert COMMAND_MODULES["serve"] == "serve"
    from typer.testing import CliRunner

    from ledger.cli.app import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--read-only" in result.stdout and "--users" in result.stdout


def test_repeated_data_options():
    from ledger.cli.serve import data_options

    assert data_options(["--data", "A/data", "serve", "--data=B/data", "--port", "1"]) == ["A/data", "B/data"]
    assert data_options(["serve", "--", "--data", "x"]) == []


def test_the_network_without_users_is_refused_by_the_command(tmp_path):
    from typer.testing import CliRunner
    from webhelp import copy_shipped

    from ledger.cli.app import app

    data = copy_shipped(tmp_path / "x")
    result = CliRunner().invoke(app, ["--data", str(data), "serve", "--host", "0.0.0.0"], env={"LEDGER_LANG": "en"})
    assert result.exit_code == 2 and "--users" in result.stderr


def test_every_word_of_the_templates_is_listed_and_translated():
    from ledger.i18n.zh import ZH
    from ledger.web.labels import TEMPLATE_WORDS

    folder = Path(__file__).resolve().parents[2] / "src" / "ledger" / "web" / "templates"
    used = {m for p in folder.glob("*.html") for m in re.findall(r'tr\("((?:[^"\\]|\\.)*)"', p.read_text("utf-8"))}
    assert used == set(TEMPLATE_WORDS)
    assert sorted(w for w in used if w not in ZH) == []


def test_a_port_in_use_is_one_line_and_exit_1(tmp_path):
    """Found in a trial: uvicorn's own English log lines and exit code 3."""
    import socket

    from typer.testing import CliRunner
    from webhelp import copy_shipped

    from ledger.cli.app import app

    data = copy_shipped(tmp_path / "x")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["--data", str(data), "serve", "--port", str(port)], env={"LEDGER_LANG": "en"})
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_an_ipv6_host_is_written_in_brackets():
    from ledger.web.server import url_host

    assert (url_host("::1"), url_host("[::1]"), url_host("127.0.0.1")) == ("[::1]", "[::1]", "127.0.0.1")
