"""The item-level three-way merge (``ledger.git.merge_file``) and the driver's file handling.

Each side is made with the real write commands on a copy of a small ledger, so the texts are
exactly what departments' clones hold.  The oracle for a clean merge is applying ours' commands
and then theirs' to one copy: the merge must give the same text.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledger.cli.app import app
from ledger.git import merge_file as m
from ledger.store import markers
from ledgers import UNITS_YAML as UNITS  # the fixture ledgers' three units

BASE = """\
# 测试台账 / a test ledger
batch:
  id: "T"
  name: "测试批次"
  date: 2024-05-22
items:
  - id: "1-1"
    question: 1
    text: "甲。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: 2024-08-31
    status: open

  # 乙 came from the entrepreneurs' forum
  - id: "1-2"
    question: 1
    text: "乙。"
    lead: 区建设环保局
    responsible: [区建设环保局, 各园区指挥部]
    deadline: ongoing
    status: open  # checked monthly

  - id: "1-3"
    question: 1
    text: "丙。"
    lead: 各园区指挥部
    responsible: [各园区指挥部]
    deadline: 2024-12-31
    status: open
# end of the items
"""

CONTEXT = m.Context(path=Path("data/items.yaml"), data_dir=Path("data"), units=UNITS.encode())


def ledger(root: Path, text: str = BASE) -> Path:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "items.yaml").write_text(text, encoding="utf-8")
    (root / "data" / "departments.yaml").write_text(UNITS, encoding="utf-8")
    return root


def run(root: Path, *args: str, today: str = "2024-09-10") -> None:
    result = CliRunner().invoke(app, ["--data", str(root / "data"), *args],
                                env={"LEDGER_TODAY": today, "LEDGER_LANG": "en"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output


def side(root: Path, *commands: tuple[str, ...], base: str = BASE) -> str:
    ledger(root, base)
    for command in commands:
        run(root, *command)
    return (root / "data" / "items.yaml").read_bytes().decode("utf-8")


def sequential(root: Path, ours: list[tuple[str, ...]], theirs: list[tuple[str, ...]]) -> str:
    return side(root, *ours, *theirs)


CLOSE_11 = ("close", "1-1", "--evidence", "拨付凭证", "--by", "张三", "--date", "2024-09-05")
PROGRESS_12_AUG = ("progress", "1-2", "八月走访企业", "--date", "2024-08-15", "--by", "李四")
PROGRESS_12_SEP = ("progress", "1-2", "九月回访", "--date", "2024-09-02", "--by", "王五")
EXTEND_13 = ("extend", "1-3", "--to", "2025-03-31", "--reason", "资金分批到位", "--date", "2024-09-01")
ADD_H1 = ("add", "--id", "H-1", "--source", "企业家恳谈会 2024-07-10", "--text", "园区道路照明不足。",
          "--lead", "区建设环保局", "--responsible", "区建设环保局", "--deadline", "2024-12-31")
ADD_H2 = ("add", "--id", "H-2", "--source", "投诉 2024-08-01", "--text", "公交线路太少。",
          "--lead", "各园区指挥部", "--responsible", "各园区指挥部", "--deadline", "ongoing")
PROGRESS_13 = ("progress", "1-3", "已制定方案", "--date", "2024-08-20")


@pytest.mark.parametrize(("ours", "theirs"), [
    pytest.param([CLOSE_11], [PROGRESS_12_AUG], id="different-items"),
    pytest.param([CLOSE_11, ADD_H1], [EXTEND_13, ADD_H2], id="added-on-both-sides"),
    pytest.param([PROGRESS_12_AUG], [PROGRESS_12_SEP], id="progress-on-both-sides"),
    pytest.param([PROGRESS_13], [EXTEND_13], id="progress-and-extension-on-one-item"),
    pytest.param([ADD_H1, PROGRESS_12_AUG], [PROGRESS_12_SEP, CLOSE_11, ADD_H2], id="mixed"),
])
def test_a_clean_merge_equals_applying_both_sides_in_turn(tmp_path: Path, ours, theirs) -> None:
    base = BASE
    ours_text = side(tmp_path / "ours", *ours)
    theirs_text = side(tmp_path / "theirs", *theirs)
    result = m.merge(base, ours_text, theirs_text, CONTEXT)
    assert result.conflicts == []
    assert result.text == sequential(tmp_path / "both", ours, theirs)


def test_notes_added_on_both_sides_are_kept_in_date_order_with_the_comments(tmp_path: Path) -> None:
    ours = side(tmp_path / "ours", PROGRESS_12_SEP)
    theirs = side(tmp_path / "theirs", PROGRESS_12_AUG)
    result = m.merge(BASE, ours, theirs, CONTEXT)
    assert result.conflicts == [] and result.merged_items == ["1-2"]
    block = result.text.split("  # 乙 came from the entrepreneurs' forum\n", 1)[1]
    assert block.split("\n\n", 1)[0] == """\
  - id: "1-2"
    question: 1
    text: "乙。"
    lead: 区建设环保局
    responsible: [区建设环保局, 各园区指挥部]
    deadline: ongoing
    status: in_progress # checked monthly
    progress:
      - date: 2024-08-15
        text: "八月走访企业"
        by: 李四
        recorded: 2024-09-10
      - date: 2024-09-02
        text: "九月回访"
        by: 王五
        recorded: 2024-09-10"""
    assert result.text.startswith("# 测试台账 / a test ledger\n") and result.text.endswith("# end of the items\n")


def test_evidence_added_on_both_sides_is_kept(tmp_path: Path) -> None:
    base = side(tmp_path / "base", CLOSE_11)
    ours = base.replace('        - text: "拨付凭证"\n', '        - text: "拨付凭证"\n        - text: "银行回单"\n')
    theirs = base.replace('        - text: "拨付凭证"\n', '        - text: "拨付凭证"\n        - text: "企业确认函"\n')
    result = m.merge(base, ours, theirs, CONTEXT)
    assert result.conflicts == []
    assert result.text == base.replace('        - text: "拨付凭证"\n',
                                       '        - text: "拨付凭证"\n        - text: "银行回单"\n        - text: "企业确认函"\n')


def test_a_status_that_follows_from_the_merged_records_is_kept(tmp_path: Path) -> None:
    ours = side(tmp_path / "ours", ("progress", "1-1", "已拨付一半", "--date", "2024-08-01"))
    theirs = side(tmp_path / "theirs", CLOSE_11)
    result = m.merge(BASE, ours, theirs, CONTEXT)
    assert result.conflicts == []
    assert "    status: closed\n    progress:\n      - date: 2024-08-01\n" in result.text


def test_an_item_deleted_on_one_side_and_unchanged_on_the_other_is_deleted(tmp_path: Path) -> None:
    theirs = BASE.replace(BASE[BASE.index('  - id: "1-3"'):BASE.index("# end")], "")
    theirs = theirs.replace("    status: open  # checked monthly\n\n", "    status: open  # checked monthly\n")
    result = m.merge(BASE, side(tmp_path / "ours", CLOSE_11), theirs, CONTEXT)
    assert result.conflicts == []
    assert '"1-3"' not in result.text and "    status: open  # checked monthly\n# end of the items\n" in result.text


def test_an_item_changed_on_one_side_and_deleted_on_the_other_is_a_conflict(tmp_path: Path) -> None:
    theirs = BASE.replace(BASE[BASE.index('  - id: "1-3"'):BASE.index("# end")], "")
    result = m.merge(BASE, side(tmp_path / "ours", EXTEND_13), theirs, CONTEXT)
    assert [c.note() for c in result.conflicts] == ["conflict in item 1-3: changed in ours, deleted in theirs"]


CONFLICT_FILE_TAIL = """\
  - id: "1-1"
    question: 1
    text: "甲。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: 2024-08-31
    status: closed
    closed:
      date: 2024-09-05
      by: 张三
      evidence:
        - text: "拨付凭证"
      late: true
      recorded: 2024-09-10
=======
  - id: "1-1"
    question: 1
    text: "甲。"
    lead: 区财政局
    responsible: [区财政局]
    deadline: 2024-08-31
    status: closed
    closed:
      date: 2024-09-06
      by: 张三
      evidence:
        - text: "企业确认函"
      late: true
      recorded: 2024-09-10
>>>>>>> theirs

  # 乙 came from the entrepreneurs' forum
"""


def test_two_close_dates_are_a_conflict_the_file_explains(tmp_path: Path) -> None:
    ours = side(tmp_path / "ours", CLOSE_11, PROGRESS_12_AUG)
    theirs = side(tmp_path / "theirs", ("close", "1-1", "--evidence", "企业确认函", "--by", "张三",
                                        "--date", "2024-09-06"), EXTEND_13)
    result = m.merge(BASE, ours, theirs, CONTEXT)
    assert [c.note() for c in result.conflicts] == [
        "conflict in item 1-1, field closed.date: ours 2024-09-05, theirs 2024-09-06"]
    head, rest = result.text.split("<<<<<<< ours\n", 1)
    assert head == BASE.split('  - id: "1-1"')[0]
    assert rest.startswith("# ledger: conflict in item 1-1, field closed.date: ours 2024-09-05, theirs 2024-09-06\n")
    assert rest.split("\n", 1)[1].startswith(CONFLICT_FILE_TAIL)
    assert "八月走访企业" in rest and "2025-03-31" in rest  # the other items merged all the same
    problems = [p.render() for p in markers.conflict_problems("data/items.yaml", result.text)]
    assert problems == ["data/items.yaml:7:1: item 1-1: closed.date: "
                        "git conflict: ours 2024-09-05, theirs 2024-09-06; resolve the merge first"]


def test_two_deadlines_are_a_conflict(tmp_path: Path) -> None:
    ours = side(tmp_path / "ours", EXTEND_13)
    theirs = side(tmp_path / "theirs", ("extend", "1-3", "--to", "2025-06-30", "--reason", "另议", "--date", "2024-09-03"))
    result = m.merge(BASE, ours, theirs, CONTEXT)
    assert [c.note() for c in result.conflicts] == [
        "conflict in item 1-3, field extensions: ours [deadline 2025-03-31 from 2024-09-01], "
        "theirs [deadline 2025-06-30 from 2024-09-03]"]


def test_two_statuses_that_both_fit_the_records_are_a_conflict() -> None:
    """A look-back reopened the item on one side; on the other it was set back to in progress by
    hand: both fit an unclosed item with progress, so neither can be chosen."""
    from dataclasses import replace
    from datetime import date

    from ledger.core.model import CloseOut, Evidence, Item, PastCloseOut, ProgressNote, Reopening

    note = ProgressNote(date(2024, 8, 1), "走访")
    closed = CloseOut(date(2024, 9, 1), "张三", (Evidence(text="凭证"),))
    base = Item("1-2", "乙。", "区建设环保局", ("区建设环保局",), "ongoing", "closed", progress=(note,), closed=closed)
    ours = replace(base, status="open", closed=None,
                   history=(PastCloseOut(closed, Reopening(date(2024, 9, 5), "回头看：未整改到位")),))
    theirs = replace(base, status="in_progress", closed=None)
    _, conflicts = m.merge_item(base, ours, theirs)
    assert [c.note() for c in conflicts] == ["conflict in item 1-2, field status: ours open, theirs in_progress"]
    _, conflicts = m.merge_item(base, ours, replace(base, text="乙（修订）。"))
    assert conflicts == []


def test_a_merge_that_would_break_validation_is_a_conflict(tmp_path: Path) -> None:
    """Theirs corrects the original deadline by hand while ours extends it from the old one:
    each side is valid, the merge would break the chain of deadlines."""
    ours = side(tmp_path / "ours", EXTEND_13)
    theirs = BASE.replace("    deadline: 2024-12-31\n", "    deadline: 2024-11-30\n")
    result = m.merge(BASE, ours, theirs, CONTEXT)
    assert [(c.item, c.field) for c in result.conflicts] == [("1-3", "extensions[0].previous")]
    assert result.conflicts[0].note().startswith(
        "conflict in item 1-3, field extensions[0].previous: the merged file would not validate: "
        "extension's previous deadline 2024-12-31 does not match the deadline then in force 2024-11-30")
    assert result.text.count("<<<<<<< ours\n") == 1


def test_an_id_added_in_another_file_meanwhile_is_a_conflict(tmp_path: Path) -> None:
    theirs = side(tmp_path / "theirs", ADD_H1)
    other = Path("data/items/b.yaml")
    other_file = 'items:\n  - id: "H-1"\n    source: x\n    text: "x"\n    lead: 区财政局\n' \
                 '    responsible: [区财政局]\n    deadline: ongoing\n    status: open\n'
    context = m.Context(CONTEXT.path, CONTEXT.data_dir, CONTEXT.units, {other: other_file.encode()})
    result = m.merge(BASE, BASE, theirs, context)
    assert [(c.item, c.field) for c in result.conflicts] == [("H-1", "id")]
    assert "duplicate id 'H-1'" in result.conflicts[0].note()


def test_the_same_change_on_both_sides_is_not_a_conflict(tmp_path: Path) -> None:
    ours = side(tmp_path / "ours", CLOSE_11)
    assert m.merge(BASE, ours, ours, CONTEXT).text == ours


def test_windows_line_endings_are_kept(tmp_path: Path) -> None:
    crlf = BASE.replace("\n", "\r\n")
    ours = side(tmp_path / "ours", PROGRESS_12_SEP, base=crlf)
    theirs = side(tmp_path / "theirs", PROGRESS_12_AUG, CLOSE_11)
    result = m.merge(crlf, ours, theirs, CONTEXT)
    assert result.conflicts == []
    assert "\n" not in result.text.replace("\r\n", "")
    assert result.text.replace("\r\n", "\n") == m.merge(BASE, ours.replace("\r\n", "\n"), theirs, CONTEXT).text


@pytest.mark.parametrize("broken", ["items: [\n", 'items:\n  - id: "1-1"\n  - id: "1-1"\n', "items: [{id: a}, {id: b}]\n"])
def test_what_cannot_be_merged_item_by_item_is_refused(broken: str) -> None:
    with pytest.raises(m.Unmergeable):
        m.merge(BASE, broken, BASE, CONTEXT)


def test_conflict_problems_reads_plain_git_markers_too() -> None:
    text = "items:\n<<<<<<< HEAD\n  - id: a\n=======\n  - id: b\n>>>>>>> other\n"
    assert [p.render() for p in markers.conflict_problems("x.yaml", text)] == [
        "x.yaml:2:1: git conflict marker: resolve the merge first"]
    assert markers.conflict_problems("x.yaml", "items: []\n") == []


# ----------------------------------------------------------------------------- random histories

ITEMS = ("1-1", "1-2", "1-3")


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Two departments' commands on one base: progress anywhere (theirs dated after ours, as
    when they pull before writing), closes and extensions on items the other side leaves alone."""
    final = {i: draw(st.sampled_from([None, "close", "extend"] if i != "1-2" else [None, "close"]))
             for i in ITEMS}  # 1-2 is ongoing: it has no deadline to extend
    owner = {i: draw(st.sampled_from(["ours", "theirs"])) for i in ITEMS}
    sides: dict[str, list[tuple[str, ...]]] = {"ours": [], "theirs": []}
    for name, month in (("ours", "08"), ("theirs", "09")):
        for item in ITEMS:
            if final[item] == "close" and owner[item] != name:
                continue  # the other side closes it: this one leaves it alone
            for day in sorted(draw(st.sets(st.integers(1, 9), max_size=2))):
                sides[name].append(("progress", item, f"{name} {day}", "--date", f"2024-{month}-0{day}"))
            if final[item] == "close" and owner[item] == name:
                sides[name].append(("close", item, "--evidence", f"{name} 凭证", "--by", name, "--date", "2024-09-09"))
            if final[item] == "extend" and owner[item] == name:
                sides[name].append(("extend", item, "--to", "2025-06-30", "--reason", name, "--date", "2024-09-09"))
        if draw(st.booleans()):
            sides[name].append(("add", "--id", f"N-{name}", "--source", name, "--text", name, "--lead", "区财政局",
                                "--responsible", "区财政局", "--deadline", "ongoing"))
    return sides["ours"], sides["theirs"]


FULL = os.environ.get("LEDGER_FULL_RUNS", "") not in ("", "0")


@settings(max_examples=60 if FULL else 8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories())
def test_random_histories_merge_like_applying_them_in_turn(tmp_path_factory: pytest.TempPathFactory,
                                                           history: tuple[list[tuple[str, ...]], list[tuple[str, ...]]]) -> None:
    ours_cmds, theirs_cmds = history
    root = tmp_path_factory.mktemp("h")
    ours, theirs = side(root / "ours", *ours_cmds), side(root / "theirs", *theirs_cmds)
    result = m.merge(BASE, ours, theirs, CONTEXT)
    assert result.conflicts == []
    assert result.text == sequential(root / "both", ours_cmds, theirs_cmds)


# ----------------------------------------------------------------------------- the driver's files

def _git_merge_file_available() -> bool:
    return subprocess.run(["git", "merge-file", "--help"], capture_output=True, check=False).returncode in (0, 1, 129)


def test_the_driver_writes_the_result_into_ours_and_reports_conflicts(tmp_path: Path) -> None:
    from ledger.git.driver import run_driver

    ledger(tmp_path)
    files = {name: tmp_path / f".merge_{name}" for name in ("base", "ours", "theirs")}
    files["base"].write_text(BASE, encoding="utf-8")
    files["ours"].write_text(side(tmp_path / "o", CLOSE_11), encoding="utf-8")
    files["theirs"].write_text(side(tmp_path / "t", PROGRESS_12_AUG), encoding="utf-8")
    clean, lines = run_driver(files["base"], files["ours"], files["theirs"], "data/items.yaml", cwd=tmp_path)
    assert (clean, lines) == (True, [])
    assert files["ours"].read_text(encoding="utf-8") == sequential(tmp_path / "s", [CLOSE_11], [PROGRESS_12_AUG])

    files["ours"].write_text(side(tmp_path / "o2", CLOSE_11), encoding="utf-8")
    files["theirs"].write_text(side(tmp_path / "t2", ("close", "1-1", "--evidence", "x", "--by", "李四",
                                                       "--date", "2024-09-05")), encoding="utf-8")
    clean, lines = run_driver(files["base"], files["ours"], files["theirs"], "data/items.yaml", cwd=tmp_path)
    assert not clean
    assert lines == ["data/items.yaml: conflict in item 1-1, field closed.by: ours 张三, theirs 李四",
                     "data/items.yaml: 1 conflicts left in the file: edit it (ledger check shows where), then git add it"]
    assert "<<<<<<< ours\n# ledger: conflict in item 1-1, field closed.by" in files["ours"].read_text(encoding="utf-8")


def test_the_driver_merges_units_unit_by_unit_and_other_data_files_line_by_line(tmp_path: Path) -> None:
    from ledger.git.driver import run_driver

    assert _git_merge_file_available()
    ledger(tmp_path)
    files = {name: tmp_path / f".merge_{name}" for name in ("base", "ours", "theirs")}
    files["base"].write_text(UNITS, encoding="utf-8")
    files["ours"].write_text(UNITS + "  - name: 区营商办\n    kind: district\n", encoding="utf-8")
    files["theirs"].write_text(UNITS.replace("aliases: [财政局]", "aliases: [财政局, 区财政]"), encoding="utf-8")
    clean, lines = run_driver(files["base"], files["ours"], files["theirs"], "data/departments.yaml", cwd=tmp_path)
    assert clean and lines == []
    assert files["ours"].read_text(encoding="utf-8") == UNITS.replace(
        "aliases: [财政局]", "aliases: [财政局, 区财政]") + "  - name: 区营商办\n    kind: district\n"

    files["base"].write_text("commit: false\n#\n#\n# 设置\n", encoding="utf-8")
    files["ours"].write_text("commit: true\n#\n#\n# 设置\n", encoding="utf-8")
    files["theirs"].write_text("commit: false\n#\n#\n# 设置（已核对）\n", encoding="utf-8")
    clean, lines = run_driver(files["base"], files["ours"], files["theirs"], "data/settings.yaml", cwd=tmp_path)
    assert clean and lines == ["data/settings.yaml: not an items file; merged line by line"]
    assert files["ours"].read_text(encoding="utf-8") == "commit: true\n#\n#\n# 设置（已核对）\n"

    files["ours"].write_text("items: [\n", encoding="utf-8")
    clean, lines = run_driver(files["base"], files["ours"], files["theirs"], "data/items.yaml", cwd=tmp_path)
    assert not clean and lines[0].startswith("data/items.yaml: cannot merge item by item (ours: line ")


def test_every_command_explains_a_conflict(shipped, tmp_path: Path) -> None:
    """A ledger file left with conflict markers by the driver: every command names the item, the
    field and both values, in both languages."""
    import shutil

    base = shipped.items_text()
    root = tmp_path / "o"
    shutil.copytree(shipped.data, root / "data")
    run(root, "close", "2-8", "--evidence", "拨付凭证", "--by", "张三", "--date", "2024-09-05")
    ours = (root / "data" / "items.yaml").read_text(encoding="utf-8")
    theirs = ours.replace("      date: 2024-09-05\n", "      date: 2024-09-06\n")
    context = m.Context(shipped.data / "items.yaml", shipped.data, (shipped.data / "departments.yaml").read_bytes())
    result = m.merge(base, ours, theirs, context)
    shipped.write_items(result.text)
    line = result.text[:result.text.index("<<<<<<<")].count("\n") + 1
    expected = (f"data/items.yaml:{line}:1: item 2-8: closed.date: git conflict: ours 2024-09-05, theirs 2024-09-06; "
                "resolve the merge first\n")
    assert shipped("check").stdout == expected + "1 problem\n"
    assert shipped("list").stderr == expected + "1 problem\n"
    assert shipped("close", "2-9", "--evidence", "x", "--by", "y").stderr == expected + "1 problem\n"
    assert shipped("check", lang="zh").stdout.startswith(
        f"data/items.yaml:{line}:1: 事项 2-8: closed.date: "
        "git 合并冲突：本方为 2024-09-05，对方为 2024-09-06；请先解决合并冲突\n")
