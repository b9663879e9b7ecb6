"""The JSON API answers exactly what the command line's ``--format json`` answers, made by the same functions."""

from __future__ import annotations

import json

import pytest
from test_pages import cli_json


@pytest.mark.parametrize(("query", "args"), [
    ("overdue=true&as_of=2024-09-01", ["--overdue", "--as-of", "2024-09-01"]),
    ("", []),
    ("status=已销号", ["--status", "已销号"]),
    ("dept=财政局&dept=区建设环保局", ["--dept", "财政局", "--dept", "区建设环保局"]),
    ("due_soon=30&as_of=2024-08-15&dated=true", ["--due-soon", "30", "--as-of", "2024-08-15", "--dated"]),
    ("ongoing=1&search=企业", ["--ongoing", "--search", "企业"]),
    ("light=red&as_of=2024-09-01", ["--light", "red", "--as-of", "2024-09-01"]),
    ("due_before=2024-09-01&due_after=2024-06-01", ["--due-before", "2024-09-01", "--due-after", "2024-06-01"]),
])
def test_items_equal_list_json(web, data, query, args):
    r = web.get("/api/items?" + query)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.json() == cli_json(data, "list", *args)


@pytest.mark.parametrize(("path", "args"), [("2-8", ["2-8"]), ("２－８", ["2-8"]),
                                            ("1-1?as_of=2024-07-01", ["1-1", "--as-of", "2024-07-01"])])
def test_item_equals_show_json(web, data, path, args):
    r = web.get("/api/items/" + path)
    assert r.status_code == 200
    assert r.json() == cli_json(data, "show", *args)


@pytest.mark.parametrize("by", ["lead", "responsible", "question", "deadline"])
def test_report_equals_report_json(web, data, by):
    r = web.get(f"/api/report?by={by}&as_of=2024-09-01")
    assert r.status_code == 200
    assert r.json() == cli_json(data, "report", "--by", by, "--as-of", "2024-09-01")


def test_after_a_change_the_api_sees_it(web, data):
    """The server notices a changed file (as after git pull) before the next request."""
    before = web.get("/api/items/2-8").json()
    text = (data / "items.yaml").read_text(encoding="utf-8")
    (data / "items.yaml").write_text(text.replace("对于单位拖欠款项需要改进。", "对于单位拖欠款项需要改进！"), encoding="utf-8")
    after = web.get("/api/items/2-8").json()
    assert before["text"] != after["text"] == "对于单位拖欠款项需要改进！"


def test_api_refusals(web):
    r = web.get("/api/items/9-99")
    assert r.status_code == 404 and "error" in r.json()
    assert web.get("/api/items?as_of=yesterday").status_code == 400
    assert web.get("/api/report?by=colour").status_code == 400
    assert json.loads(web.get("/api/items?status=nothing").text)["status"] == 400
