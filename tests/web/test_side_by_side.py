"""Pages are answered side by side, each in its own language; changes still go one at a time."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient


def _two_clients(data: Path) -> tuple[Any, Any]:
    from ledger.web.app import create_app
    from ledger.web.server import configure

    app = create_app(configure([str(data)], None, None, False, "127.0.0.1"))
    # Two clients, each with its own event loop in its own thread: the two requests are truly concurrent.
    return (TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False),
            TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False))


def test_two_pages_in_two_languages_are_answered_at_the_same_time(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ledger.web import pages_overview

    together = threading.Barrier(2, timeout=20)
    report_page = pages_overview.report_page

    def meeting(request: Any, ctx: Any) -> Any:  # each request waits here until the other one has come too
        together.wait()
        return report_page(request, ctx)

    monkeypatch.setattr(pages_overview, "report_page", meeting)
    zh, en = _two_clients(data)
    with zh, en, ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda c: c[0].get("/report", headers={"Accept-Language": c[1]}),
                                [(zh, "zh-CN"), (en, "en")]))
    assert [a.status_code for a in answers] == [200, 200]  # one at a time, the first would have waited in vain
    chinese, english = (a.text for a in answers)
    assert '<html lang="zh-CN">' in chinese and "问题清单" in chinese and "Item list" not in chinese
    assert '<html lang="en">' in english and "Item list" in english and "问题清单" not in english


def test_changes_still_go_one_at_a_time(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ledger.web import views

    held = views.WRITES.acquire(timeout=5)  # as if another change were being written
    assert held
    zh, _ = _two_clients(data)
    try:
        with zh, ThreadPoolExecutor(1) as pool:
            pending = pool.submit(zh.post, "/items/2-8/progress", data={"csrf": "x", "text": "t", "by": "b"})
            assert zh.get("/report").status_code == 200  # a page is answered meanwhile
            with pytest.raises(TimeoutError):
                pending.result(timeout=1)  # the change waits for the one being written
            views.WRITES.release()
            held = False
            assert pending.result(timeout=20).status_code == 403  # then answered (a wrong CSRF token: refused)
    finally:
        if held:
            views.WRITES.release()
