"""Fixtures of the web view's tests: the app on a git copy of the shipped ledger, a TestClient on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from webhelp import TODAY, client, copy_shipped  # first: it quiets starlette's note on httpx


@pytest.fixture(autouse=True)
def _web_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEDGER_TODAY", TODAY)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_shipped(tmp_path / "web")


@pytest.fixture
def web(data: Path) -> Any:
    return client([data])


USERS_YAML = """\
users:
  - name: 张三
    password: "{hash}"
    units: [区财政局]
  - name: 督查
    password: "{hash}"
    units: ["*"]
"""


@pytest.fixture(scope="session")
def password_hash() -> str:
    from ledger.web.auth import hash_password

    return hash_password("正确的密码")


@pytest.fixture
def users_file(tmp_path: Path, password_hash: str) -> Path:
    path = tmp_path / "users.yaml"
    path.write_text(USERS_YAML.format(hash=password_hash), encoding="utf-8")
    return path
