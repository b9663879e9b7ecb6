"""Helpers of the web view's tests: git copies of the shipped ledger, a TestClient on them, diffs and snapshots."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from starlette.testclient import TestClient  # noqa: E402

SHIPPED_DATA = Path(__file__).resolve().parents[1] / "fixtures" / "shipped" / "data"
TODAY = "2024-09-10"
GIT_ENV = {"GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "测试",
           "GIT_COMMITTER_EMAIL": "t@example.org"}


def copy_shipped(root: Path) -> Path:
    """A git repository at ``root`` holding a copy of the shipped ledger; returns its data folder."""
    shutil.copytree(SHIPPED_DATA, root / "data", ignore=shutil.ignore_patterns("evidence", "settings.yaml"))
    env = {**os.environ, **GIT_ENV}
    for cmd in (["init", "-q", "-b", "main"], ["config", "user.name", "测试"], ["config", "user.email", "t@example.org"],
                ["config", "commit.gpgsign", "false"], ["add", "-A"], ["commit", "-q", "-m", "initial ledger"]):
        subprocess.run(["git", *cmd], cwd=root, check=True, capture_output=True, env=env)
    return root / "data"


def git_diff(root: Path) -> str:
    """The work tree's diff against the last commit, new files included (as ``git add -N`` shows them)."""
    subprocess.run(["git", "add", "-N", "."], cwd=root, check=True, capture_output=True)
    return subprocess.run(["git", "diff", "--no-color"], cwd=root, check=True, capture_output=True, text=True).stdout


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".git" not in p.parts and not p.name.startswith(".ledger")}


def client(datas: list[Path], users: Path | None = None, read_only: bool = False, host: str = "127.0.0.1",
           workspace: Path | None = None) -> TestClient:
    from ledger.web.app import create_app
    from ledger.web.server import configure

    config = configure([str(d) for d in datas], str(workspace) if workspace else None, str(users) if users else None,
                       read_only, host)
    web = TestClient(create_app(config), base_url="http://127.0.0.1:8000", follow_redirects=False)
    web.headers["Accept-Language"] = "en"  # the tests read English; test_pages checks the choice of language
    return web


CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1)




CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(datas: list[Path], port: int, env: dict[str, str] | None = None, *extra: str):  # type: ignore[no-untyped-def]
    """``ledger serve`` in a process of its own, once it answers; stop it with ``.terminate()``."""
    import sys
    import time
    import urllib.request

    args = [arg for d in datas for arg in ("--data", str(d))]
    proc = subprocess.Popen([sys.executable, "-m", "ledger.cli.main", *args, "serve", "--port", str(port), *extra],
                            env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("ledger serve stopped: " + proc.stderr.read().decode() if proc.stderr else "")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/style.css", timeout=1).read()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("ledger serve did not answer in 30 s")
