"""Multi-file ledgers: items in data/items.yaml and/or data/items/*.yaml (one file per batch).

Every command on both layouts; ids unique across files; check names the file of each problem;
a write changes only the file that holds the item.
"""

from __future__ import annotations

import difflib
import json
import subprocess
from pathlib import Path

import pytest

MAIN = """\
# 主台账 / the main file
items:
  - id: "2-8"
    question: 2
    text: "对于单位拖欠款项需要改进。"
    lead: 区财政局
    responsible: [区财政局, 区建设环保局]
    deadline: 2024-08-31
    status: open
"""

SECOND = """\
# 2024 年第二次评价 / the second evaluation
batch:
  id: "2024-2"
  name: "2024年第二次营商环境评价"
  date: 2024-08-01
items:
  - id: "A-1"
    source: "第二次评价"
    text: "停车难。"
    lead: 区建设环保局
    responsible: [区建设环保局]
    deadline: 2024-12-31
    status: open
"""

FORUM = """\
batch:
  id: "F-1"
  name: "企业家恳谈会"
  date: 2024-07-10
items:
  - id: "B-1"
    text: "园区道路照明不足。"
    lead: 区建设环保局
    responsible: [区建设环保局, 各园区指挥部]
    deadline: 2024-09-30
    status: open

  # 网络问题由财政局牵头协调
  - id: "B-2"
    source: "企业家恳谈会 2024-07-10"
    text: "园区网络慢。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: ongoing
    status: open
"""


def build(small, layout: str):  # type: ignore[no-untyped-def]
    """``mixed``: items.yaml plus items/a.yaml and items/b.yaml; ``folder``: only items/."""
    ledger = small(MAIN)
    folder = ledger.data / "items"
    folder.mkdir()
    (folder / "a.yaml").write_text(SECOND, encoding="utf-8")
    (folder / "b.yaml").write_text(FORUM, encoding="utf-8")
    (folder / ".b.yaml.swp").write_text("not: [yaml", encoding="utf-8")  # an editor's, ignored
    (folder / "README.txt").write_text("一批一个文件\n", encoding="utf-8")
    if layout == "folder":
        (ledger.data / "items.yaml").rename(folder / "0-main.yaml")
    for cmd in (["init", "-q", "-b", "main"], ["config", "user.name", "测试"], ["config", "user.email", "t@example.org"],
                ["add", "-A"], ["commit", "-q", "-m", "ledger"]):
        subprocess.run(["git", *cmd], cwd=ledger.root, check=True, capture_output=True)
    return ledger


@pytest.fixture(params=["mixed", "folder"])
def layout(request: pytest.FixtureRequest, small):  # type: ignore[no-untyped-def]
    return build(small, request.param)


@pytest.fixture
def mixed(small):  # type: ignore[no-untyped-def]
    return build(small, "mixed")


def snapshot(ledger) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {str(p.relative_to(ledger.data)): p.read_text(encoding="utf-8")
            for p in sorted(ledger.data.rglob("*.yaml"))}


def changed(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    """name → the changed lines (+/-) of each file that changed."""
    out = {}
    for name in sorted(set(before) | set(after)):
        if before.get(name) != after.get(name):
            diff = difflib.unified_diff((before.get(name) or "").splitlines(), (after.get(name) or "").splitlines(),
                                        lineterm="", n=0)
            out[name] = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    return out


def test_check_and_list_see_every_file(layout) -> None:
    assert layout("check").stdout == "ok: 4 items, 3 units, no problems\n"
    result = layout("list", "--format", "csv")
    assert result.stdout.startswith("\ufeff")  # the byte-order mark every csv has
    assert result.stdout[1:].splitlines() == [
        "id,question,text,lead,responsible,deadline,status,overdue,days_overdue,original_deadline,extensions,"
        "closed_date,last_progress",
        "2-8,2,对于单位拖欠款项需要改进。,区财政局,区财政局、区建设环保局,2024-08-31,open,true,10,2024-08-31,0,,",
        "A-1,,停车难。,区建设环保局,区建设环保局,2024-12-31,open,false,,2024-12-31,0,,",
        "B-1,,园区道路照明不足。,区建设环保局,区建设环保局、各园区指挥部,2024-09-30,open,false,,2024-09-30,0,,",
        "B-2,,园区网络慢。,区财政局,区财政局,ongoing,open,false,,ongoing,0,,",
    ]
    assert [r["id"] for r in json.loads(layout("list", "--dept", "财政局", "--format", "json").stdout)] == ["2-8", "B-2"]


def test_show_finds_an_item_in_any_file_with_its_batch(layout) -> None:
    data = json.loads(layout("show", "B-2", "--format", "json").stdout)
    assert (data["id"], data["source"], data["lead"]) == ("B-2", "企业家恳谈会 2024-07-10", "区财政局")
    card = layout("show", "B-1").stdout
    assert "企业家恳谈会" in card  # no source of its own: the batch's name stands for it
    assert layout("show", "B-3").stderr == "Error: unknown item 'B-3'; nearest: B-2, B-1\n"


def test_check_names_the_file_of_each_problem(mixed) -> None:
    folder = mixed.data / "items"
    (folder / "a.yaml").write_text(SECOND.replace("date: 2024-08-01", "date: 2024-08-41"), encoding="utf-8")
    (folder / "b.yaml").write_text(FORUM.replace('id: "B-2"', 'id: "2-8"').replace("lead: 区财政局", "lead: 区财政"),
                                   encoding="utf-8")
    (folder / "c.yml").write_text("items: [\n", encoding="utf-8")
    result = mixed("check")
    assert result.exit_code == 1
    assert result.stdout == (
        "data/items/a.yaml:5:3: batch.date: expected a date (YYYY-MM-DD), got '2024-08-41'\n"
        "data/items/b.yaml:14:5: item 2-8: id: duplicate id '2-8' (first at data/items.yaml:3)\n"
        "data/items/b.yaml:17:5: item 2-8: lead: unknown unit '区财政'; did you mean 区财政局?\n"
        "data/items/c.yml:2:1: invalid YAML: did not find expected node content\n"
        "4 problems\n")


def test_a_duplicate_id_across_files_stops_every_write(mixed) -> None:
    (mixed.data / "items" / "b.yaml").write_text(FORUM.replace('id: "B-1"', 'id: "A-1"'), encoding="utf-8")
    before = snapshot(mixed)
    result = mixed("close", "B-2", "--evidence", "已提速", "--by", "张三")
    assert result.exit_code == 1
    assert result.stderr == ("data/items/b.yaml:6:5: item A-1: id: duplicate id 'A-1' (first at data/items/a.yaml:7)\n"
                             "1 problem\n")
    assert snapshot(mixed) == before


@pytest.mark.parametrize(("command", "lines"), [
    (("close", "B-1", "--evidence", "路灯安装验收单", "--by", "李四", "--date", "2024-09-05"),
     ["-    status: open", "+    status: closed", "+    closed:", "+      date: 2024-09-05", "+      by: 李四",
      "+      evidence:", '+        - text: "路灯安装验收单"', "+      recorded: 2024-09-10"]),
    (("progress", "B-2", "已协调运营商扩容", "--date", "2024-08-15"),
     ["-    status: open", "+    status: in_progress", "+    progress:", "+      - date: 2024-08-15",
      '+        text: "已协调运营商扩容"', "+        recorded: 2024-09-10"]),
    (("extend", "B-1", "--to", "2024-11-30", "--reason", "灯杆到货推迟", "--date", "2024-09-01"),
     ["+    extensions:", "+      - date: 2024-09-01", "+        to: 2024-11-30", '+        reason: "灯杆到货推迟"',
      "+        previous: 2024-09-30", "+        recorded: 2024-09-10"]),
])
def test_a_write_changes_only_the_file_that_holds_the_item(layout, command, lines) -> None:
    before = snapshot(layout)
    result = layout(*command)
    assert result.exit_code == 0, result.output
    assert changed(before, snapshot(layout)) == {"items/b.yaml": lines}


def test_reopen_and_commit_touch_only_that_file(mixed) -> None:
    mixed("close", "B-1", "--evidence", "验收单", "--by", "李四", "--commit")
    mixed("reopen", "B-1", "--reason", "回头看：仍有路段无灯", "--commit")
    assert mixed.git("log", "--format=%s", "--name-only", "-2").split() == [
        "reopen", "B-1:", "回头看：仍有路段无灯", "data/items/b.yaml", "close", "B-1:", "closed", "by", "李四",
        "data/items/b.yaml"]
    history = json.loads(mixed("show", "B-1", "--format", "json").stdout)["history"]
    assert history[0]["reopened"]["reason"] == "回头看：仍有路段无灯"


def test_dates_before_the_files_batch_are_refused(mixed) -> None:
    result = mixed("progress", "B-2", "早于恳谈会", "--date", "2024-07-01")
    assert (result.exit_code, result.stderr) == (1, "Error: --date 2024-07-01 is before the batch date 2024-07-10\n")


def test_add_goes_where_asked_and_ids_stay_unique_across_files(layout, small) -> None:
    before = snapshot(layout)
    new = ["--source", "投诉", "--text", "新问题。", "--lead", "区财政局", "--responsible", "区财政局", "--deadline", "ongoing"]
    assert layout("add", "--id", "N-1", *new).exit_code == 0
    assert layout("add", "--id", "N-2", *new, "--file", "a.yaml").exit_code == 0
    default_file = "items.yaml" if "items.yaml" in before else "items/b.yaml"
    assert sorted(changed(before, snapshot(layout))) == sorted({default_file, "items/a.yaml"})
    taken = layout("add", "--id", "B-2", *new, "--file", "a.yaml")
    assert (taken.exit_code, taken.stderr) == (1, "Error: item B-2 already exists\n")
    unknown = layout("add", "--id", "N-3", *new, "--file", "z.yaml")
    assert unknown.exit_code == 2 and "z.yaml is not one of the ledger's items files" in unknown.stderr
    assert layout("check").stdout == "ok: 6 items, 3 units, no problems\n"


def test_add_to_a_new_batch_file_without_items(mixed) -> None:
    (mixed.data / "items" / "c.yaml").write_text(
        'batch:\n  id: "F-2"\n  name: "第二次恳谈会"\n  date: 2024-09-01\nitems: []\n', encoding="utf-8")
    result = mixed("add", "--id", "C-1", "--source", "恳谈会", "--text", "食堂太少。", "--lead", "各园区指挥部",
                   "--responsible", "各园区指挥部", "--deadline", "2024-12-31", "--file", "c.yaml")
    assert result.exit_code == 0, result.output
    assert (mixed.data / "items" / "c.yaml").read_text(encoding="utf-8") == (
        'batch:\n  id: "F-2"\n  name: "第二次恳谈会"\n  date: 2024-09-01\nitems:\n'
        '  - id: "C-1"\n    source: 恳谈会\n    added: 2024-09-10\n    text: "食堂太少。"\n    lead: 各园区指挥部\n'
        "    responsible: [各园区指挥部]\n    deadline: 2024-12-31\n    status: open\n")
    assert mixed("check").stdout == "ok: 5 items, 3 units, no problems\n"


def test_the_merge_driver_merges_a_file_of_the_folder_knowing_the_others(mixed) -> None:
    from ledger.git.driver import run_driver

    folder = mixed.data / "items"
    base, ours, theirs = (mixed.root / n for n in (".base", ".ours", ".theirs"))
    base.write_text(FORUM, encoding="utf-8")
    mixed("progress", "B-2", "已扩容", "--date", "2024-08-15")
    ours.write_text((folder / "b.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    theirs.write_text(FORUM.replace("    deadline: 2024-09-30\n    status: open\n",
                                    "    deadline: 2024-09-30\n    status: open\n\n"
                                    '  - id: "A-1"\n    text: "重复的编号。"\n    lead: 区财政局\n'
                                    "    responsible: [区财政局]\n    deadline: ongoing\n    status: open\n"),
                      encoding="utf-8")
    clean, lines = run_driver(base, ours, theirs, "data/items/b.yaml", cwd=mixed.root)
    assert not clean
    assert lines[0].startswith("data/items/b.yaml: conflict in item A-1, field id: the merged file would not "
                               "validate: duplicate id 'A-1' (first at ")
    ours.write_text((folder / "b.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    theirs.write_text(FORUM.replace("deadline: 2024-09-30", "deadline: 2024-10-31"), encoding="utf-8")
    assert run_driver(base, ours, theirs, "data/items/b.yaml", cwd=mixed.root) == (True, [])
    merged = ours.read_text(encoding="utf-8")
    assert "deadline: 2024-10-31" in merged and "已扩容" in merged and "# 网络问题由财政局牵头协调" in merged


def test_a_clone_that_only_has_the_folder_is_found_from_inside_it(small, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = build(small, "folder")
    monkeypatch.chdir(ledger.data / "items")
    from typer.testing import CliRunner

    from ledger.cli.app import app

    result = CliRunner().invoke(app, ["check"], env={"LEDGER_LANG": "en"})
    assert result.stdout == "ok: 4 items, 3 units, no problems\n"
    assert Path("0-main.yaml").exists()
