"""The web view in a real browser (Debian's headless chromium, driven by Playwright): filter the overdue
items, open 2-8, add a progress note, close it with an uploaded file; the YAML diff is the command line's."""

from __future__ import annotations

import os

import pytest
from test_writes import cli
from webhelp import CHROMIUM, CHROMIUM_ARGS, copy_shipped, free_port, git_diff, start_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium; .ci/run does)"),
]


@pytest.fixture
def server(tmp_path):  # type: ignore[no-untyped-def]
    data = copy_shipped(tmp_path / "web")
    port = free_port()
    proc = start_server([data], port, {"LEDGER_TODAY": "2024-09-10", "LEDGER_CACHE_DIR": str(tmp_path / "cache")})
    yield data, f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def page():  # type: ignore[no-untyped-def]
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en"})
        yield context.new_page()
        browser.close()


def test_filter_open_note_close(server, page, tmp_path):
    data, base = server
    page.goto(base + "/items")
    page.check("input[name=overdue]")
    page.fill("input[name=as_of]", "2024-09-01")
    page.click("#filters button[type=submit]")
    assert "overdue=true" in page.url and "as_of=2024-09-01" in page.url
    ids = page.locator("table.items td.id a").all_inner_texts()
    assert "2-8" in ids and len(ids) == 9  # ledger list --overdue --as-of 2024-09-01

    page.click("table.items td.id a:text-is('2-8')")
    assert page.url.endswith("/items/2-8")
    assert "对于单位拖欠款项需要改进。" in page.inner_text("p.text")

    page.fill("#form-progress textarea[name=text]", "已拨付第一批款项")
    page.fill("#form-progress input[name=date]", "2024-07-15")
    page.fill("#form-progress input[name=by]", "李四")
    page.click("#form-progress button[type=submit]")
    assert page.url.endswith("/items/2-8?done=progress")
    assert "已拨付第一批款项" in page.inner_text("#timeline")

    proof = tmp_path / "拨付凭证.pdf"
    proof.write_bytes(b"%PDF-1.4 payment voucher\n" * 50)
    page.click("#form-close summary")
    page.set_input_files("#form-close input[name=evidence_file]", str(proof))
    page.fill("#form-close input[name=by]", "张三")
    page.fill("#form-close input[name=date]", "2024-09-05")
    page.click("#form-close button[type=submit]")
    assert page.url.endswith("/items/2-8?done=close")
    assert "拨付凭证.pdf" in page.inner_text("#timeline")
    assert page.locator("#form-close").count() == 0  # closed: no more forms

    with page.expect_download() as download:
        page.click("#timeline a[download]")
    assert download.value.path().read_bytes() == proof.read_bytes()

    other = copy_shipped(tmp_path / "cli")
    cli(other, "progress", "2-8", "已拨付第一批款项", "--date", "2024-07-15", "--by", "李四")
    cli(other, "close", "2-8", "--evidence-file", str(proof), "--by", "张三", "--date", "2024-09-05")
    assert git_diff(data.parent) == git_diff(other.parent) != ""


def test_a_refusal_is_shown_on_the_form(server, page):
    data, base = server
    before = (data / "items.yaml").read_bytes()
    page.goto(base + "/items/2-8")
    page.fill("#form-progress textarea[name=text]", "x")
    page.fill("#form-progress input[name=date]", "2099-01-01")
    page.click("#form-progress button[type=submit]")
    assert "in the future" in page.inner_text("#error")
    assert page.input_value("#form-progress textarea[name=text]") == "x"  # what was typed is kept
    assert (data / "items.yaml").read_bytes() == before
