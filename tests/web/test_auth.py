"""Users: login, logout, wrong passwords, writes attributed to the user and only for the user's units."""

from __future__ import annotations

import pytest
from webhelp import client, csrf_of, snapshot

from ledger.errors import LedgerError


def login(web, name: str, password: str):  # type: ignore[no-untyped-def]
    token = csrf_of(web.get("/login").text)
    return web.post("/login", data={"csrf": token, "name": name, "password": password, "next": "/items/2-8"})


@pytest.fixture
def site(data, users_file):  # type: ignore[no-untyped-def]
    return client([data], users=users_file)


def test_pages_need_a_login(site):
    r = site.get("/items/2-8")
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    assert site.get("/api/items").status_code == 401
    assert site.get("/login").status_code == 200


def test_wrong_password_and_unknown_user(site):
    for name, password in (("张三", "错误"), ("无名", "正确的密码"), ("", "")):
        r = login(site, name, password)
        assert r.status_code == 403 and "wrong name or password" in r.text
    assert site.get("/items/2-8").status_code == 303


def test_login_write_logout(site, data):
    r = login(site, "张三", "正确的密码")
    assert r.status_code == 303 and r.headers["location"] == "/items/2-8"
    page = site.get("/items/2-8").text
    assert "张三" in page and 'name="by"' not in page  # the user signs, no name to type
    token = csrf_of(page)
    assert site.post("/items/2-8/progress", data={"csrf": token, "text": "已拨付", "by": "冒名"}).status_code == 303
    assert "by: 张三" in (data / "items.yaml").read_text(encoding="utf-8") and "冒名" not in (
        data / "items.yaml").read_text(encoding="utf-8")
    assert site.post("/logout", data={"csrf": token}).status_code == 303
    assert site.get("/items/2-8").status_code == 303


def test_login_next_stays_on_this_site(site):
    token = csrf_of(site.get("/login").text)
    r = site.post("/login", data={"csrf": token, "name": "张三", "password": "正确的密码", "next": "//evil.example/x"})
    assert r.headers["location"] == "/"


def test_unit_not_allowed_403_nothing_written(site, data):
    login(site, "张三", "正确的密码")  # writes for 区财政局 only
    before = snapshot(data.parent)
    token = csrf_of(site.get("/items/1-1").text)
    r = site.post("/items/1-1/progress", data={"csrf": token, "text": "x"})
    assert r.status_code == 403 and "may not write for" in r.text and 'role="alert"' in r.text
    assert snapshot(data.parent) == before


def test_a_supervisor_writes_for_every_unit(site, data):
    login(site, "督查", "正确的密码")
    token = csrf_of(site.get("/items/1-1").text)
    assert site.post("/items/1-1/progress", data={"csrf": token, "text": "督查记录"}).status_code == 303


def test_a_forged_cookie_is_no_session(site):
    site.cookies.set("ledger_session", "eyJzaWQiOiJ4IiwidSI6IuW8oOS4iSIsInQiOjk5OTk5OTk5OTl9.forged")
    assert site.get("/items/2-8").status_code == 303


def test_bad_users_files(tmp_path, data):
    for text, words in (("users: []", "expected a list"), ("users:\n  - name: a\n    password: plain\n", "argon2"),
                        ("users: [", "users file")):
        path = tmp_path / "u.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(LedgerError, match=words):
            client([data], users=path)


def test_bcrypt_hashes(tmp_path, data):
    bcrypt = pytest.importorskip("bcrypt", reason="bcrypt hashes need the optional bcrypt package")
    hashed = bcrypt.hashpw("口令".encode(), bcrypt.gensalt(rounds=4)).decode()
    path = tmp_path / "u.yaml"
    path.write_text(f'users:\n  - name: 李四\n    password: "{hashed}"\n    units: ["*"]\n', encoding="utf-8")
    web = client([data], users=path)
    assert login(web, "李四", "口令").status_code == 303


def test_hash_password_command(monkeypatch):
    from typer.testing import CliRunner

    from ledger.cli.app import app
    from ledger.web.auth import User, verify

    result = CliRunner().invoke(app, ["serve", "--hash-password"], input="秘密\n秘密\n", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    hashed = result.stdout.strip().splitlines()[-1]
    assert hashed.startswith("$argon2id$")
    assert verify({"x": User("x", hashed, ())}, "x", "秘密") is not None


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_repeated_failures_make_the_name_wait_and_the_password_is_not_checked(site):
    from ledger.web.throttle import NAME_LIMIT, WINDOW, Throttle

    clock = Clock()
    site.app.state.config.throttle = Throttle(clock)
    for _ in range(NAME_LIMIT):
        assert login(site, "张三", "错误").status_code == 403
    r = login(site, "张三", "正确的密码")  # the right password, but the name must wait first
    assert r.status_code == 429 and "too many failed logins: try again in 15 min" in r.text
    assert r.headers["retry-after"] == str(WINDOW)
    assert site.get("/items/2-8").status_code == 303  # not logged in
    assert login(site, "督查", "正确的密码").status_code == 303  # another name is not held up
    clock.now += WINDOW - 60
    r = login(site, " 张三 ", "正确的密码")  # the same name, spaced: still waiting, a minute left
    assert r.status_code == 429 and "try again in 1 min" in r.text
    clock.now += 60
    assert login(site, "张三", "正确的密码").status_code == 303


def test_one_address_trying_many_names_waits_too() -> None:
    from ledger.web.throttle import ADDRESS_LIMIT, NAME_LIMIT, WINDOW, Throttle

    clock = Clock()
    throttle = Throttle(clock)
    for n in range(ADDRESS_LIMIT):
        assert throttle.wait(f"user{n}", "10.0.0.7") == 0
        throttle.failed(f"user{n}", "10.0.0.7")
    assert throttle.wait("someone-new", "10.0.0.7") == WINDOW
    assert throttle.wait("someone-new", "10.0.0.8") == 0  # another address is not held up
    clock.now += 10
    for _ in range(NAME_LIMIT - 1):
        throttle.failed("王五", "10.0.0.9")
    assert throttle.wait("王五", "10.0.0.9") == 0  # under the limit
    throttle.succeeded("王五")  # a success clears the name's count
    throttle.failed("王五", "10.0.0.9")
    assert throttle.wait("王五", "10.0.0.9") == 0
    clock.now += WINDOW
    assert throttle.wait("someone-new", "10.0.0.7") == 0  # the failures have expired
