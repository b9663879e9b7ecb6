"""Refusals that keep the ledger safe: CSRF, evidence traversal and tampering, read-only, the network without users."""

from __future__ import annotations

import os

import pytest
from test_writes import cli
from webhelp import client, csrf_of, snapshot

from ledger.errors import LedgerError


@pytest.fixture
def closed(web, data, tmp_path):  # type: ignore[no-untyped-def]
    """2-8 closed with an evidence file; a secret file beside the data folder."""
    proof = tmp_path / "凭证.pdf"
    proof.write_bytes(b"%PDF proof\n" * 10)
    cli(data, "close", "2-8", "--evidence-file", str(proof), "--by", "张三")
    (data.parent / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    return data / "evidence" / "2-8" / "凭证.pdf"


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_csrf_missing_or_wrong_403_nothing_written(web, data, token):
    web.get("/items/2-8")  # a session
    before = snapshot(data.parent)
    fields = {"text": "x", "by": "李四"} | ({"csrf": token} if token is not None else {})
    r = web.post("/items/2-8/progress", data=fields)
    assert r.status_code == 403 and "CSRF" in r.text
    assert snapshot(data.parent) == before


def test_csrf_of_another_session_403(data):
    one, two = client([data]), client([data])
    token = csrf_of(one.get("/items/2-8").text)
    two.get("/items/2-8")
    assert two.post("/items/2-8/progress", data={"csrf": token, "text": "x"}).status_code == 403


def test_evidence_download_verified(web, closed):
    r = web.get("/evidence/2-8/凭证.pdf")
    assert r.status_code == 200 and r.content == closed.read_bytes()
    assert r.headers["content-disposition"].startswith("attachment;")


@pytest.mark.parametrize("path", [
    "/evidence/2-8/../../items.yaml", "/evidence/2-8/..%2F..%2Fitems.yaml", "/evidence/2-8/%2e%2e%2f%2e%2e%2fitems.yaml",
    "/evidence/2-8/%2e%2e", "/evidence/..%2f..%2fsecret.txt/x", "/evidence/2-8/%2fetc%2fpasswd", "/evidence//etc/passwd",
    "/evidence/2-8//etc/passwd", "/evidence/2-8/..%5c..%5csecret.txt", "/evidence/%2e%2e/secret.txt",
    "/evidence/2-8/凭证.pdf%00.txt", "/evidence/2-8/secret.txt",
])
def test_traversal_gets_no_file(web, closed, path):
    r = web.get(path)
    assert r.status_code in (400, 404), path
    assert b"TOP SECRET" not in r.content and b"items:" not in r.content and b"root:" not in r.content


def test_a_link_out_of_the_folder_is_not_followed(web, data, closed):
    closed.unlink()
    os.symlink(data.parent / "secret.txt", closed)
    r = web.get("/evidence/2-8/凭证.pdf")
    assert r.status_code == 404 and b"TOP SECRET" not in r.content and "leaves the evidence folder" in r.text


def test_a_linked_item_folder_is_not_followed(web, data, closed):
    folder = closed.parent
    outside = data.parent / "outside"
    folder.rename(outside)
    os.symlink(outside, folder)
    r = web.get("/evidence/2-8/凭证.pdf")
    assert r.status_code == 404 and "leaves the evidence folder" in r.text


def test_a_changed_file_is_refused_with_the_reason(web, closed):
    closed.write_bytes(b"%PDF forged\n" * 10)
    r = web.get("/evidence/2-8/凭证.pdf")
    assert r.status_code == 409 and "has changed" in r.text and b"forged" not in r.content


def test_read_only_refuses_every_write_method_and_shows_no_forms(data):
    web = client([data], read_only=True)
    before = snapshot(data.parent)
    page = web.get("/items/2-8").text
    assert "<form method=\"post\"" not in page and "read-only" in page
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        for path in ("/items/2-8/progress", "/items/2-8/close", "/items", "/api/items"):
            assert web.request(method, path, data={"text": "x"}).status_code == 405, (method, path)
    assert web.get("/").status_code == 200 and web.get("/api/items").status_code == 200
    assert snapshot(data.parent) == before


def test_write_routes_refuse_other_methods(web):
    assert web.put("/items/2-8/progress").status_code == 405
    assert web.delete("/items/2-8").status_code == 405


def test_network_needs_users(data, users_file):
    with pytest.raises(LedgerError, match="--users"):
        client([data], host="0.0.0.0")
    assert client([data], host="0.0.0.0", users=users_file).get("/").status_code == 303  # to the login


def test_security_headers(web):
    r = web.get("/")
    assert "script-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")


def test_secure_cookie_over_https(data):
    web = client([data])
    web.base_url = "https://127.0.0.1"  # type: ignore[assignment]
    assert "Secure" in web.get("https://127.0.0.1/").headers["set-cookie"]


def test_no_traceback_reaches_a_page(web, monkeypatch):
    from ledger.web import pages_overview

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("internal detail")

    monkeypatch.setattr(pytest.importorskip("ledger.web.pages_overview"), "unit_report", broken)
    r = web.get("/report")
    assert r.status_code == 500 and "internal detail" not in r.text and "Traceback" not in r.text
    assert pages_overview is not None
