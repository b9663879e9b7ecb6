"""Forms change the ledger exactly as the command line does (the same diff), and refuse as it does, writing nothing."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner
from webhelp import client, copy_shipped, csrf_of, git_diff, snapshot


def cli(data, *args: str, env: dict[str, str] | None = None) -> None:
    from ledger.cli.app import app

    result = CliRunner().invoke(app, ["--data", str(data), *args],
                                env={"LEDGER_TODAY": "2024-09-10", "LEDGER_LANG": "en", **(env or {})},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr


def post(web, path: str, fields: dict[str, str], files=None, page: str | None = None):  # type: ignore[no-untyped-def]
    token = csrf_of(web.get(page or path.rsplit("/", 1)[0]).text)
    return web.post(path, data={"csrf": token, **fields}, files=files)


def diffs_equal(web_root, cli_root) -> None:  # type: ignore[no-untyped-def]
    web_diff, cli_diff = git_diff(web_root), git_diff(cli_root)
    assert web_diff and web_diff == cli_diff


@pytest.fixture
def second(tmp_path):  # type: ignore[no-untyped-def]
    return copy_shipped(tmp_path / "cli")


def test_progress_equals_the_cli(web, data, second):
    r = post(web, "/items/2-8/progress", {"text": "已拨付第一批款项", "date": "2024-07-15", "by": "李四"})
    assert r.status_code == 303 and r.headers["location"] == "/items/2-8?done=progress"
    assert "已拨付第一批款项" in web.get(r.headers["location"]).text
    cli(second, "progress", "2-8", "已拨付第一批款项", "--date", "2024-07-15", "--by", "李四")
    diffs_equal(data.parent, second.parent)


def test_extend_equals_the_cli(web, data, second):
    r = post(web, "/items/2-8/extend", {"to": "2024-12-31", "reason": "资金分批到位", "date": "2024-08-20", "by": "王五"})
    assert r.status_code == 303
    cli(second, "extend", "2-8", "--to", "2024-12-31", "--reason", "资金分批到位", "--date", "2024-08-20",
        "--approved-by", "王五")
    diffs_equal(data.parent, second.parent)


def test_close_with_an_upload_equals_the_cli(web, data, second, tmp_path):
    proof = tmp_path / "拨付凭证.pdf"
    proof.write_bytes(b"%PDF-1.4 proof of payment\n" * 40)
    r = post(web, "/items/2-8/close", {"evidence_text": "拨付率达到99.5%", "by": "张三", "date": "2024-09-05"},
             files={"evidence_file": ("拨付凭证.pdf", proof.read_bytes(), "application/pdf")})
    assert r.status_code == 303, r.text
    cli(second, "close", "2-8", "--evidence-file", str(proof), "--evidence-text", "拨付率达到99.5%", "--by", "张三",
        "--date", "2024-09-05")
    diffs_equal(data.parent, second.parent)
    assert (data / "evidence" / "2-8" / "拨付凭证.pdf").read_bytes() == proof.read_bytes()
    page = web.get("/items/2-8").text
    assert 'href="/evidence/2-8/%E6%8B%A8%E4%BB%98%E5%87%AD%E8%AF%81.pdf"' in page
    assert web.get("/evidence/2-8/拨付凭证.pdf").content == proof.read_bytes()


def test_request_return_request_approve_equal_the_cli(web, data, second):
    assert post(web, "/items/2-8/request", {"evidence_text": "拨付凭证", "by": "张三", "unit": "区财政局"}).status_code == 303
    assert post(web, "/items/2-8/return", {"reason": "佐证材料不全", "by": "王五", "unit": "区营商办"},
                page="/items/2-8").status_code == 303
    assert post(web, "/items/2-8/request", {"evidence_text": "补充凭证", "by": "张三", "unit": "区建设环保局"}).status_code == 303
    assert post(web, "/items/2-8/approve", {"note": "同意", "by": "王五", "unit": "区营商办"}).status_code == 303
    cli(second, "request", "2-8", "--evidence-text", "拨付凭证", "--by", "张三", "--unit", "区财政局")
    cli(second, "return", "2-8", "--reason", "佐证材料不全", "--by", "王五", "--unit", "区营商办")
    cli(second, "request", "2-8", "--evidence-text", "补充凭证", "--by", "张三", "--unit", "区建设环保局")
    cli(second, "approve", "2-8", "--note", "同意", "--by", "王五", "--unit", "区营商办")
    diffs_equal(data.parent, second.parent)


def test_commit_as_settings_say(tmp_path):
    import subprocess

    first, other = copy_shipped(tmp_path / "a"), copy_shipped(tmp_path / "b")
    for d in (first, other):
        (d / "settings.yaml").write_text("commit: true\n", encoding="utf-8")
        subprocess.run(["git", "add", "-A"], cwd=d.parent, check=True)
        subprocess.run(["git", "commit", "-qm", "settings"], cwd=d.parent, check=True)
    web = client([first])
    assert post(web, "/items/2-8/progress", {"text": "已拨付", "by": "李四"}).status_code == 303
    cli(other, "progress", "2-8", "已拨付", "--by", "李四")

    def last(d):  # type: ignore[no-untyped-def]
        return subprocess.run(["git", "show", "--format=%B", "--stat", "HEAD"], cwd=d.parent, check=True,
                              capture_output=True, text=True).stdout

    assert "progress 2-8: 已拨付" in last(first) and last(first) == last(other)
    assert git_diff(first.parent) == ""  # committed, nothing left over


@pytest.mark.parametrize(("action", "fields", "words"), [
    ("progress", {"text": "  ", "by": "李四"}, "must not be empty"),
    ("progress", {"text": "x", "date": "2099-01-01"}, "in the future"),
    ("progress", {"text": "x", "date": "2024-13-01"}, "date"),
    ("extend", {"to": "2024-01-01", "reason": "r"}, "not later than"),
    ("extend", {"to": "", "reason": "r"}, "deadline is required"),
    ("close", {"by": "张三"}, "needs evidence"),
    ("close", {"evidence_text": "x", "by": ""}, "must not be empty"),
    ("approve", {"by": "王五", "unit": "区营商办"}, "no request awaiting review"),
    ("request", {"evidence_text": "x", "by": "张三", "unit": "区应急管理局"}, "neither the lead"),
])
def test_refusals_on_the_form_nothing_written(web, data, action, fields, words):
    before = snapshot(data.parent)
    r = post(web, f"/items/2-8/{action}", fields, page="/items/2-8")
    assert r.status_code == 400, r.text
    assert words in r.text and 'role="alert"' in r.text and "Traceback" not in r.text
    assert snapshot(data.parent) == before


def test_refusal_in_chinese(web, data):
    r = post(web, "/items/2-8/progress?lang=zh", {"text": "x", "date": "2099-01-01"}, page="/items/2-8")
    assert r.status_code == 400 and "将来的日期" in r.text


def test_unknown_item_404(web):
    assert post(web, "/items/9-99/progress", {"text": "x"}, page="/items/2-8").status_code == 404


def test_upload_over_the_limit_413_nothing_written(web, data, monkeypatch):
    monkeypatch.setenv("LEDGER_EVIDENCE_MAX_MB", "0.01")  # about 10 KB
    before = snapshot(data.parent)
    r = post(web, "/items/2-8/close", {"by": "张三"}, files={"evidence_file": ("big.pdf", b"x" * 20_000, "application/pdf")},
             page="/items/2-8")
    assert r.status_code == 413 and "LEDGER_EVIDENCE_MAX_MB" in r.text
    huge = post(web, "/items/2-8/close", {"by": "张三"},
                files={"evidence_file": ("huge.pdf", b"x" * 200_000, "application/pdf")}, page="/items/2-8")
    assert huge.status_code == 413
    assert snapshot(data.parent) == before
