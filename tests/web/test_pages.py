"""Every page answers 200 on the shipped ledger with what it should show; the language follows the browser and the switch."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner


def cli_json(data, *args: str) -> object:
    from ledger.cli.app import app

    result = CliRunner().invoke(app, ["--data", str(data), *args, "--format", "json"],
                                env={"LEDGER_TODAY": "2024-09-10", "LEDGER_LANG": "en"}, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def ids_on(html: str) -> list[str]:
    return re.findall(r'<tr class="[^"]*" data-id="([^"]+)"', html)


def test_dashboard(web):
    r = web.get("/")
    assert r.status_code == 200
    assert "Dashboard" in r.text and "<b>33</b>" in r.text
    assert 'id="chart-status"' in r.text and 'id="chart-curve"' in r.text and 'id="chart-units"' in r.text
    assert "Slowest units" in r.text and "/units/" in r.text


def test_overdue_items_are_the_clis(web, data):
    r = web.get("/items?overdue=true&as_of=2024-09-01")
    assert r.status_code == 200
    expected = [row["id"] for row in cli_json(data, "list", "--overdue", "--as-of", "2024-09-01")]
    assert expected and ids_on(r.text) == expected


def test_item_page(web):
    r = web.get("/items/2-8")
    assert r.status_code == 200
    assert "对于单位拖欠款项需要改进。" in r.text and "区财政局" in r.text
    assert 'action="/items/2-8/progress"' in r.text and 'action="/items/2-8/close"' in r.text
    open_item = web.get("/items/2-7").text  # due 2024-12-31: its status word, never a badge without a number
    assert '<span class="st open">open</span>' in open_item and "days left" not in open_item


def test_unit_page(web):
    r = web.get("/units/区财政局")
    assert r.status_code == 200
    assert "<h1>区财政局" in r.text and 'data-id="2-8"' in r.text
    assert web.get("/units/财政局").status_code == 200  # an alias is the unit
    assert web.get("/units/没有这个单位").status_code == 404


def test_bulletin_page(web):
    r = web.get("/bulletin/2024-09")
    assert r.status_code == 200
    assert "2024-09" in r.text and 'id="chart-units"' in r.text and 'class="ledger-web"' in r.text
    assert web.get("/bulletin/2024-13").status_code == 404
    assert web.get("/bulletin/2099-01").status_code == 404


def test_report_page(web, data):
    r = web.get("/report?as_of=2024-09-01")
    assert r.status_code == 200
    first = cli_json(data, "report", "--as-of", "2024-09-01")[0]["unit"]
    assert r.text.index(first) < r.text.index("Total")
    assert web.get("/report?by=nothing").status_code == 400


def test_filters_as_the_command_line(web, data):
    for query, args in [("status=closed", ["--status", "closed"]), ("lead=区财政局", ["--lead", "区财政局"]),
                        ("dept=财政局&as_of=2024-09-01", ["--dept", "财政局", "--as-of", "2024-09-01"]),
                        ("question=2", ["--question", "2"]), ("due_soon=30&as_of=2024-08-15",
                         ["--due-soon", "30", "--as-of", "2024-08-15"]),
                        ("search=款项", ["--search", "款项"])]:
        r = web.get("/items?" + query)
        assert r.status_code == 200, query
        assert ids_on(r.text) == [row["id"] for row in cli_json(data, "list", *args)], query


def test_bad_filters_are_refused(web):
    for query in ("as_of=2024-13-01", "status=nothing", "overdue=maybe", "lead=没有", "due_soon=-1", "light=pink",
                  "ongoing=true&dated=true"):
        r = web.get("/items?" + query)
        assert r.status_code == 400, query
        assert "Traceback" not in r.text and 'class="error"' in r.text


def test_pagination(tmp_path):
    import sys
    from pathlib import Path

    from webhelp import client

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import write

    root = tmp_path / "big"
    write(root, 250)
    web = client([root / "data"])
    first, last = web.get("/items"), web.get("/items?page=3")
    assert first.status_code == last.status_code == 200
    assert len(ids_on(first.text)) == 100 and len(ids_on(last.text)) == 50
    assert 'rel="next"' in first.text and 'rel="next"' not in last.text
    assert web.get("/items?page=4").status_code == 404


def test_language_from_the_browser_and_the_switch(data):
    from webhelp import client

    web = client([data])
    assert "仪表板" in web.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}).text
    assert "Dashboard" in web.get("/", headers={"Accept-Language": "en-GB,en;q=0.9,zh;q=0.5"}).text
    switched = web.get("/?lang=en", headers={"Accept-Language": "zh-CN"})
    assert "Dashboard" in switched.text and switched.cookies.get("ledger_lang") == "en"
    assert "Dashboard" in web.get("/", headers={"Accept-Language": "zh-CN"}).text  # remembered
    assert "仪表板" in web.get("/?lang=zh").text


def test_pages_need_no_script_and_no_other_host(web):
    for url in ("/", "/items", "/items/2-8", "/units/区财政局", "/report", "/bulletin/2024-09"):
        html = web.get(url).text
        assert "<script" not in html, url
        assert not re.search(r'(src|href)="(https?:)?//', html), url
    assert web.get("/static/style.css").status_code == 200
