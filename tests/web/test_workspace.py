"""Several ledgers: each under its own name, a city page side by side, each its own repository."""

from __future__ import annotations

import re

from webhelp import client, copy_shipped


def test_two_ledgers_and_the_city_page(tmp_path):
    lizhou, zhaohua = copy_shipped(tmp_path / "利州区"), copy_shipped(tmp_path / "昭化区")
    text = (zhaohua / "items.yaml").read_text(encoding="utf-8")
    (zhaohua / "items.yaml").write_text(text, encoding="utf-8")
    web = client([lizhou, zhaohua])
    city = web.get("/")
    assert city.status_code == 200 and "利州区" in city.text and "昭化区" in city.text
    assert len(re.findall(r"<td class=\"num\">33</td>", city.text)) == 2
    for name in ("%E5%88%A9%E5%B7%9E%E5%8C%BA", "昭化区"):
        assert web.get(f"/l/{name}/").status_code == 200
        assert web.get(f"/l/{name}/items/2-8").status_code == 200
        assert web.get(f"/l/{name}/api/items?overdue=true").status_code == 200
    assert 'href="/l/%E5%88%A9%E5%B7%9E%E5%8C%BA/"' in city.text
    item = web.get("/l/昭化区/items/2-8").text
    assert 'action="/l/%E6%98%AD%E5%8C%96%E5%8C%BA/items/2-8/progress"' in item


def test_a_write_lands_in_its_own_ledger_only(tmp_path):
    from webhelp import csrf_of, snapshot

    a, b = copy_shipped(tmp_path / "a"), copy_shipped(tmp_path / "b")
    web = client([a, b])
    before = snapshot(b.parent)
    token = csrf_of(web.get("/l/a/items/2-8").text)
    r = web.post("/l/a/items/2-8/progress", data={"csrf": token, "text": "只在甲"})
    assert r.status_code == 303 and r.headers["location"] == "/l/a/items/2-8?done=progress"
    assert "只在甲" in (a / "items.yaml").read_text(encoding="utf-8")
    assert snapshot(b.parent) == before


def test_a_workspace_file_names_them(tmp_path):
    copy_shipped(tmp_path / "one")
    copy_shipped(tmp_path / "two")
    ws = tmp_path / "city.yaml"
    ws.write_text("ledgers:\n  - name: 利州\n    data: one/data\n  - data: two/data\n", encoding="utf-8")
    web = client([], workspace=ws)
    city = web.get("/").text
    assert "利州" in city and ">two<" in city
    assert web.get("/l/利州/report").status_code == 200


def test_same_names_are_refused(tmp_path):
    import pytest

    from ledger.errors import LedgerError

    a, b = copy_shipped(tmp_path / "x" / "same"), copy_shipped(tmp_path / "y" / "same")
    with pytest.raises(LedgerError, match="same"):
        client([a, b])
