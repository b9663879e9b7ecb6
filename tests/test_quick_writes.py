"""One-item writes on the cache's index of blocks (``store.quick``) land exactly what the full transaction lands.

Each write runs twice on two copies of a ledger: once warm (the cache has the index, the quick
path runs and must not fall back) and once with ``LEDGER_NO_CACHE=1`` (the full transaction on
the validated ledger). The files, the output and every later read must be the same.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ledger.store import quick
from ledgers import SHIPPED_DATA, Ledger, _git_init

NO_CACHE = {"LEDGER_NO_CACHE": "1"}

WRITES = {
    "progress": ["progress", "1-2", "已拨付第一批款项", "--by", "李四", "--date", "2024-09-01"],
    "extend": ["extend", "1-6", "--to", "2024-12-31", "--reason", "资金分批到位", "--approved-by", "王五",
               "--date", "2024-09-02"],
    "close": ["close", "1-4", "--evidence-text", "拨付率达到99.5%", "--by", "张三", "--date", "2024-09-05"],
    "close, typed in full width": ["close", "１－５", "--evidence", "已办结", "--by", "张三", "--note", "按期完成"],
}


def _copy(root: Path) -> Ledger:
    shutil.copytree(SHIPPED_DATA, root / "data", ignore=shutil.ignore_patterns("evidence", "settings.yaml"))
    _git_init(root)
    return Ledger(root)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Ledger, Ledger]:
    return _copy(tmp_path / "warm"), _copy(tmp_path / "full")


def _forbid_fallback(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def fail(self: quick.QuickTransaction) -> None:
        calls.append("fallback")
        raise AssertionError("the quick path fell back")

    monkeypatch.setattr(quick.QuickTransaction, "_fall_back", fail)
    return calls


def _count_fallbacks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = quick.QuickTransaction._fall_back

    def counted(self: quick.QuickTransaction) -> None:
        calls.append("fallback")
        original(self)

    monkeypatch.setattr(quick.QuickTransaction, "_fall_back", counted)
    return calls


def _opened(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    opened: list[bool] = []
    original = quick.open_quick

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        txn = original(*args, **kwargs)
        opened.append(txn is not None)
        return txn

    monkeypatch.setattr(quick, "open_quick", spy)
    return opened


def _json(ledger: Ledger, env: dict[str, str] | None = None) -> list[dict[str, object]]:
    result = ledger("list", "--all", "--format", "json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", list(WRITES))
def test_a_quick_write_lands_what_the_full_transaction_lands(pair: tuple[Ledger, Ledger], name: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    warm, full = pair
    assert warm("list").exit_code == 0  # a cold read fills the cache and its index
    opened = _opened(monkeypatch)
    _forbid_fallback(monkeypatch)
    a = warm(*WRITES[name])
    assert opened == [True]
    b = full(*WRITES[name], env=NO_CACHE)
    assert (a.exit_code, a.stdout, a.stderr) == (b.exit_code, b.stdout, b.stderr)
    assert a.exit_code == 0, a.output
    assert warm.items_text() == full.items_text() != (SHIPPED_DATA / "items.yaml").read_text(encoding="utf-8")
    assert warm.git("diff", "--stat").strip().endswith("1 file changed, " + full.git("diff", "--stat").split(", ", 1)[1].strip())
    # the cache it left serves the next read exactly as a cold read of the new files
    assert _json(warm) == _json(warm, NO_CACHE) == _json(full, NO_CACHE)
    assert warm("check").exit_code == 0


def test_writes_in_a_row_stay_quick_and_the_cache_stays_true(pair: tuple[Ledger, Ledger],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    warm, full = pair
    assert warm("list").exit_code == 0
    opened = _opened(monkeypatch)
    _forbid_fallback(monkeypatch)
    sequence = [WRITES["progress"], WRITES["close"], WRITES["extend"],
                ["progress", "1-2", "第二批款项已拨付", "--by", "李四", "--date", "2024-09-08"],
                ["close", "1-2", "--evidence-text", "全部拨付", "--by", "张三", "--date", "2024-09-09"]]
    for args in sequence:
        a = warm(*args)
        assert opened.pop() is True
        b = full(*args, env=NO_CACHE)
        opened.clear()
        assert (a.exit_code, a.stdout) == (b.exit_code, b.stdout)
        assert a.exit_code == 0, a.output
        assert _json(warm) == _json(full, NO_CACHE)
    assert warm.items_text() == full.items_text()
    assert warm("check").stdout == full("check", env=NO_CACHE).stdout


def test_an_unknown_id_is_refused_in_the_same_words(pair: tuple[Ledger, Ledger]) -> None:
    warm, full = pair
    assert warm("list").exit_code == 0
    before = warm.snapshot()
    a = warm("progress", "9-99", "进展", "--by", "李四")
    b = full("progress", "9-99", "进展", "--by", "李四", env=NO_CACHE)
    assert (a.exit_code, a.stdout, a.stderr) == (b.exit_code, b.stdout, b.stderr)
    assert a.exit_code == 1 and "9-99" in a.stderr
    assert warm.snapshot() == before


def test_a_refusal_by_the_domain_is_the_same(pair: tuple[Ledger, Ledger]) -> None:
    warm, full = pair
    assert warm("list").exit_code == 0
    before = warm.snapshot()
    args = ["extend", "1-3", "--to", "2024-12-31", "--reason", "理由", "--date", "2030-01-01"]
    a, b = warm(*args), full(*args, env=NO_CACHE)
    assert (a.exit_code, a.stderr) == (b.exit_code, b.stderr) and a.exit_code != 0
    assert warm.snapshot() == before


def test_a_hand_edit_since_the_cache_is_not_served_from_the_old_index(pair: tuple[Ledger, Ledger],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    warm, full = pair
    assert warm("list").exit_code == 0
    for ledger in pair:  # the same hand edit in both, after the cache was filled
        ledger.write_items(ledger.items_text().replace('text: "', 'text: "（已核）', 1))
    opened = _opened(monkeypatch)
    a = warm(*WRITES["progress"])
    assert opened == [False]  # the files are not the bytes the index describes
    b = full(*WRITES["progress"], env=NO_CACHE)
    assert a.exit_code == b.exit_code == 0
    assert warm.items_text() == full.items_text()
    assert "（已核）" in warm.items_text()


BLOCK = '''items:
  - id: "1-1"
    text: "请加快拨付进度。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: 2024-12-31
    status: {status}
{extra}
  - id: "1-2"
    text: "请优化审批流程。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: ongoing
    status: open
'''


@pytest.mark.parametrize(("extra", "falls_back"), [
    ("    # 备注：此项由手工维护\n    leader: 王五", True),  # a comment inside the block
    ("    progress: []", True),  # an empty value written out by hand
    ("    source: 'forum'", False),  # a single-quoted value the change does not touch
])
def test_a_block_that_is_not_plain_falls_back_and_lands_the_same(tmp_path: Path, extra: str, falls_back: bool,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from ledgers import make_ledger

    text = BLOCK.format(status="open", extra=extra)
    warm, full = make_ledger(tmp_path / "warm", text), make_ledger(tmp_path / "full", text)
    assert warm("list").exit_code == 0
    falls = _count_fallbacks(monkeypatch)
    args = ["progress", "1-1", "已拨付", "--by", "李四", "--date", "2024-09-01"]
    a, b = warm(*args), full(*args, env=NO_CACHE)
    assert (a.exit_code, a.stdout) == (b.exit_code, b.stdout)
    assert a.exit_code == 0, a.output
    assert warm.items_text() == full.items_text() != text
    assert falls == (["fallback"] if falls_back else [])
    assert _json(warm) == _json(full, NO_CACHE)


@pytest.mark.parametrize("name", ["yes", "NO", "on", "1:20", "0b11", "null", "~", "123", "2024-09-01", "Zhang San"])
def test_a_name_the_plain_emitter_does_not_vouch_for_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               name: str) -> None:
    """`by: yes` would read back as true, `by: 1:20` as 80: such names are quoted. (Before, the
    write stopped with "internal error: item 1-2 would not read back as written".)"""
    from ledgers import make_ledger

    text = BLOCK.format(status="open", extra="")
    warm, full = make_ledger(tmp_path / "warm", text), make_ledger(tmp_path / "full", text)
    assert warm("list").exit_code == 0
    falls = _count_fallbacks(monkeypatch)
    args = ["progress", "1-2", "已拨付", "--by", name, "--date", "2024-09-01"]
    a, b = warm(*args), full(*args, env=NO_CACHE)
    assert (a.exit_code, a.stdout) == (b.exit_code, b.stdout) and a.exit_code == 0, a.output
    assert warm.items_text() == full.items_text()
    assert falls == ["fallback"]
    shown = warm("show", "1-2", "--format", "json", env=NO_CACHE)
    assert json.loads(shown.stdout)["progress"][-1]["by"] == name
