"""The merge driver and the units (issue 11, finding 13): ``departments.yaml`` is merged unit by
unit, and an items file is validated against the merged units — not the ones the working copy
had before the merge.  Real clones, real ``git pull``, the real ``ledger`` console script."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.git import merge_units as mu
from test_team_e2e import Office, team

NEW_UNIT = "  - name: 区文化旅游局\n    kind: district\n    aliases: [文旅局]\n"
OTHER_UNIT = "  - name: 区农业农村局\n    kind: district\n"
ADD_H1 = ("add", "--id", "H-1", "--source", "企业家恳谈会 2024-07-10", "--text", "景区停车难。",
          "--lead", "区文化旅游局", "--responsible", "区文化旅游局", "--deadline", "2024-12-31")
ADD_H2 = ("add", "--id", "H-2", "--source", "投诉举报 2024-08-01", "--text", "农产品检测排队久。",
          "--lead", "区农业农村局", "--responsible", "区农业农村局", "--deadline", "ongoing")


def add_unit(office: Office, unit: str) -> None:
    path = office.path / "data" / "departments.yaml"
    path.write_text(path.read_text(encoding="utf-8") + unit, encoding="utf-8")


def commit_all(office: Office, message: str) -> None:
    office.git("add", "data")
    office.git("commit", "-q", "-m", message)


def assert_merged_cleanly(office: Office, pulled, items: int, units: int) -> None:  # type: ignore[no-untyped-def]
    assert pulled.returncode == 0 and "CONFLICT" not in pulled.stdout + pulled.stderr, pulled.stdout + pulled.stderr
    assert office.ledger("check").stdout == f"ok: {items} items, {units} units, no problems\n"
    assert office.git("status", "--porcelain").stdout == ""


def test_a_unit_added_on_one_side_with_an_item_that_uses_it(tmp_path: Path) -> None:
    offices, _ = team(tmp_path, ["finance", "works"])
    finance, works = offices["finance"], offices["works"]
    add_unit(works, NEW_UNIT)
    works.ledger(*ADD_H1)
    commit_all(works, "区文化旅游局 and its first item")
    works.git("push", "-q")
    finance.ledger("progress", "2-9", "财政局：审批时限压缩至 3 个工作日", "--date", "2024-09-09", "--commit")
    pulled = finance.git("pull", "--no-rebase", ok=False)
    assert_merged_cleanly(finance, pulled, 34, 25)
    assert "区文化旅游局" in finance.ledger("show", "H-1").stdout


def test_the_same_with_pull_rebase(tmp_path: Path) -> None:
    """A rebase replays our commit (which adds the unit) onto theirs: the picked commit is theirs."""
    offices, _ = team(tmp_path, ["finance", "works"])
    finance, works = offices["finance"], offices["works"]
    finance.ledger("progress", "2-9", "财政局：审批时限压缩至 3 个工作日", "--date", "2024-09-09", "--commit")
    finance.git("push", "-q")
    add_unit(works, NEW_UNIT)
    works.ledger(*ADD_H1)
    commit_all(works, "区文化旅游局 and its first item")
    pulled = works.git("pull", "--rebase", ok=False)
    assert_merged_cleanly(works, pulled, 34, 25)
    assert len(works.git("log", "--format=%s").stdout.splitlines()) == 3  # linear: seed, progress, the unit


def test_a_unit_renamed_on_one_side_does_not_mark_the_items_the_other_side_touched(tmp_path: Path) -> None:
    offices, _ = team(tmp_path, ["office", "works"])
    office, works = offices["office"], offices["works"]
    units = office.path / "data" / "departments.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(
        "  - name: 区建设环保局\n    kind: district\n    aliases: [建设环保局]\n",
        "  - name: 区住房城乡建设局\n    kind: district\n    aliases: [建设环保局, 区建设环保局]\n"), encoding="utf-8")
    items = office.path / "data" / "items.yaml"
    items.write_text(items.read_text(encoding="utf-8").replace("区建设环保局", "区住房城乡建设局"), encoding="utf-8")
    commit_all(office, "区建设环保局 is now 区住房城乡建设局")
    office.git("push", "-q")
    works.ledger("progress", "1-8", "已开通建设项目网上预约", "--date", "2024-09-02", "--by", "李四", "--commit")
    works.ledger("progress", "1-16", "档案查询材料减至 2 项", "--date", "2024-09-03", "--commit")
    pulled = works.git("pull", "--no-rebase", ok=False)
    assert_merged_cleanly(works, pulled, 33, 24)
    for item_id, note in (("1-8", "已开通建设项目网上预约"), ("1-16", "档案查询材料减至 2 项")):
        shown = works.ledger("show", item_id, "--format", "json").stdout
        assert '"lead": "区住房城乡建设局"' in shown and note in shown


def test_units_added_on_both_sides_are_both_kept(tmp_path: Path) -> None:
    offices, _ = team(tmp_path, ["finance", "works"])
    finance, works = offices["finance"], offices["works"]
    add_unit(works, NEW_UNIT)
    works.ledger(*ADD_H1)
    commit_all(works, "区文化旅游局")
    works.git("push", "-q")
    add_unit(finance, OTHER_UNIT)
    finance.ledger(*ADD_H2)
    commit_all(finance, "区农业农村局")
    pulled = finance.git("pull", "--no-rebase", ok=False)
    assert_merged_cleanly(finance, pulled, 35, 26)
    text = (finance.path / "data" / "departments.yaml").read_text(encoding="utf-8")
    assert text.endswith("    note: 见于整改方案正文（第三部分），未出现在问题表格中\n" + OTHER_UNIT + NEW_UNIT)


def test_one_unit_changed_differently_on_both_sides_is_a_conflict_named_by_unit(tmp_path: Path) -> None:
    offices, _ = team(tmp_path, ["finance", "works"])
    finance, works = offices["finance"], offices["works"]
    for office, kind in ((works, "city"), (finance, "enterprise")):
        path = office.path / "data" / "departments.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "  - name: 区建设环保局\n    kind: district\n", f"  - name: 区建设环保局\n    kind: {kind}\n"), encoding="utf-8")
        commit_all(office, f"区建设环保局 is {kind}")
    works.git("push", "-q")
    pulled = finance.git("pull", "--no-rebase", ok=False)
    assert pulled.returncode == 1 and "CONFLICT (content): Merge conflict in data/departments.yaml" in pulled.stdout
    assert ("ledger merge-driver: data/departments.yaml: conflict in the file, field units[区建设环保局].kind: "
            "ours enterprise, theirs city\n") in pulled.stderr
    text = (finance.path / "data" / "departments.yaml").read_text(encoding="utf-8")
    assert ("<<<<<<< ours\n# ledger: conflict in the file, field units[区建设环保局].kind: ours enterprise, theirs city\n"
            "  - name: 区建设环保局\n    kind: enterprise\n    aliases: [建设环保局]\n=======\n"
            "  - name: 区建设环保局\n    kind: city\n    aliases: [建设环保局]\n>>>>>>> theirs\n") in text
    check = finance.ledger("check", ok=False)
    assert check.returncode == 1 and "data/departments.yaml:" in check.stdout and "conflict" in check.stdout


# ----------------------------------------------------------------------------- the merge itself

UNITS = """\
# 单位
units:
  - name: 区财政局
    kind: district
    aliases: [财政局]
  - name: 区建设环保局
    kind: district
"""


@pytest.mark.parametrize(("ours", "theirs", "merged"), [
    pytest.param(UNITS.replace("[财政局]", "[财政局, 区财政]"), UNITS.replace("[财政局]", "[财政局, 财局]"),
                 UNITS.replace("[财政局]", "[财政局, 区财政, 财局]"), id="aliases-added-on-both-sides"),
    pytest.param(UNITS.replace("[财政局]", "[区财政]"), UNITS.replace("[财政局]", "[财政局, 财局]"),
                 UNITS.replace("[财政局]", "[区财政, 财局]"), id="an-alias-removed-on-one-side"),
    pytest.param(UNITS.replace("    kind: district\n    aliases", "    kind: city\n    aliases"),
                 UNITS.replace("[财政局]", "[财政局, 财局]"),
                 UNITS.replace("    kind: district\n    aliases: [财政局]", "    kind: city\n    aliases: [财政局, 财局]"),
                 id="kind-on-one-side-alias-on-the-other"),
])
def test_a_unit_changed_on_both_sides_is_merged_field_by_field(ours: str, theirs: str, merged: str) -> None:
    result = mu.merge_units(UNITS, ours, theirs)
    assert (result.conflicts, result.text) == ([], merged)


def test_an_alias_given_to_two_units_is_a_conflict() -> None:
    ours = UNITS.replace("    kind: district\n    aliases: [财政局]\n", "    kind: district\n    aliases: [财政局, 区局]\n")
    theirs = UNITS + "    aliases: [区局]\n"
    result = mu.merge_units(UNITS, ours, theirs)
    assert [c.field for c in result.conflicts] == ["units[1].aliases[0]"]
    assert result.text.startswith("<<<<<<< ours\n# ledger: conflict in the file, field units[1].aliases[0]: "
                                  "the merged file would not validate: ")
