"""Importing offices' own 台账 (issue 12, items 3 and 6): the fixtures of tests/fixtures/taizhang/,
none written for this tool, into a fresh ledger with at most --batch, --add-units and --year."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parent / "fixtures" / "taizhang"
TODAY = "2024-12-03"


@pytest.fixture
def fresh(small, tmp_path):  # type: ignore[no-untyped-def]
    ledger = small("items: []\n")
    ledger.today = TODAY
    for name in ("zone_2024.xlsx", "county_2020.xlsx", "city_noyear.xlsx", "zone_batch2_gbk.csv"):
        shutil.copy(FOLDER / name, tmp_path / name)
    return ledger


def test_zone_plan_imports_whole(fresh):
    result = fresh("import", "zone_2024.xlsx", "--batch", "zone2024", "--add-units")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == """\
added zone2024-1: progress notes +1
added zone2024-2: progress notes +1
added zone2024-3: progress notes +1, claims completion (是否销号：是): awaiting evidence
added zone2024-4-1: progress notes +1
added zone2024-4-2
added zone2024-5
6 rows: 6 new, 0 changed, 0 unchanged, 3 new units
"""
    assert result.stderr == "read sheet '整改台账', header on row 4\n"
    written = (fresh.data / "items" / "zone2024.yaml").read_text(encoding="utf-8")
    assert written == (FOLDER / "expected_zone2024.yaml").read_text(encoding="utf-8")
    assert fresh.items_text() == "items: []\n"
    assert (fresh.data / "departments.yaml").read_text(encoding="utf-8").endswith(
        "  - name: 区行政审批局\n    kind: district\n  - name: 区营商办\n    kind: district\n"
        "  - name: 区市场监管分局\n    kind: district\n")
    check = fresh("check")
    assert check.exit_code == 0
    assert check.stdout == ("ok: 6 items, 6 units, no problems; 1 claimed done, awaiting evidence (ledger close)\n")


def test_dry_run_says_how_the_sheet_was_read(fresh):
    before = fresh.snapshot()
    result = fresh("import", "zone_2024.xlsx", "--batch", "zone2024", "--add-units", "--dry-run")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "read sheet '整改台账', header on row 4",
        "title: 2024年开发区营商环境“背靠背”评价反馈问题整改台账",
        "as of: 2024-09-30",
        "plan year: 2024 (from the title)",
        "batch zone2024: 2024年开发区营商环境“背靠背”评价反馈问题整改台账, 2024-09-30, source 区营商办",
    ]
    for line in ["  问题描述 → 反馈问题 (C)", "  牵头单位 → 牵头部门 (F)", "  序号 → 问题编号 (A)",
                 "row 5 skipped: a section row: 一、政务服务", "row 13 skipped: a totals row: 合计",
                 "row 14 skipped: a note: 注：是否销号以区营商办审核为准。",
                 "row 8: 整改时限 '6月底完成' → 2024-06-30 (a month: its last day (the year from the sheet))",
                 "row 10: 整改时限 '2024-08-31' → 2024-08-31 (a date cell)",
                 "row 11: 整改时限 '年底前' → 2024-12-31 (the year's end (the year from the sheet))",
                 "row 12: 整改时限 '三季度末' → 2024-09-30 (a quarter: its last day (the year from the sheet))",
                 "row 7: 责任部门: read 等", "row 11: 责任部门: read 及区级相关部门",
                 "new unit 区营商办 (district), first on row 6"]:
        assert line in lines
    assert fresh.snapshot() == before


def test_unknown_units_are_refused_without_add_units(fresh):
    before = fresh.snapshot()
    result = fresh("import", "zone_2024.xlsx", "--batch", "zone2024")
    assert result.exit_code == 1
    assert "zone_2024.xlsx:整改台账:7:F: item zone2024-2: 牵头部门: unknown unit '区营商办'" in result.stderr.splitlines()
    assert fresh.snapshot() == before
    assert not (fresh.data / "items").exists()


def test_a_second_plan_imports_beside_the_first(fresh):
    assert fresh("import", "zone_2024.xlsx", "--batch", "zone2024", "--add-units").exit_code == 0
    first = (fresh.data / "items" / "zone2024.yaml").read_bytes()
    result = fresh("import", "county_2020.xlsx", "--batch", "county2020", "--add-units")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == ["read sheet '问题清单', header on row 3 (of 填报说明, 问题清单)",
                                          "row 6: no lead unit: 县财政局, listed first, leads"]
    assert (fresh.data / "items" / "zone2024.yaml").read_bytes() == first
    items = json.loads(fresh("list", "--format", "json").stdout)
    ids = [i["id"] for i in items]
    assert ids == ["county2020-1", "county2020-2", "county2020-3", "county2020-4", "county2020-5",
                   "zone2024-1", "zone2024-2", "zone2024-3", "zone2024-4-1", "zone2024-4-2", "zone2024-5"]
    county = {i["id"]: i for i in items}
    assert county["county2020-1"]["lead"] == "县财政局"
    assert county["county2020-1"]["responsible"] == ["县审计局", "各乡镇"]
    assert county["county2020-1"]["deadline"] == "2020-12-31"
    assert county["county2020-3"]["deadline"] == "2020-06-30"
    assert county["county2020-4"]["deadline"] == "ongoing"
    assert county["county2020-5"]["category"] == "项目管理"
    assert county["county2020-3"]["and_others"] is True
    # the same plan again changes nothing
    again = fresh("import", "zone_2024.xlsx", "--batch", "zone2024")
    assert again.stdout.endswith("6 rows: 0 new, 0 changed, 6 unchanged\n"), again.stderr
    assert (fresh.data / "items" / "zone2024.yaml").read_bytes() == first


def test_a_sheet_without_a_year_needs_year(fresh):
    before = fresh.snapshot()
    result = fresh("import", "city_noyear.xlsx", "--add-units")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "city_noyear.xlsx:Sheet1:3:E: item 1: 整改时限: '8月31日前' names no year, and neither does the sheet's title or "
        "截至 row: give --year YYYY",
        "city_noyear.xlsx:Sheet1:4:E: item 2: 整改时限: '年内' names no year, and neither does the sheet's title or "
        "截至 row: give --year YYYY",
    ]
    assert fresh.snapshot() == before
    result = fresh("import", "city_noyear.xlsx", "--add-units", "--year", "2024")
    assert result.exit_code == 0, result.stderr
    rows = {i["id"]: i for i in json.loads(fresh("list", "--format", "json").stdout)}
    assert [rows[k]["deadline"] for k in "1234"] == ["2024-08-31", "2024-12-31", "ongoing", "2024-10-31"]
    assert rows["2"]["responsible"] == ["市供电公司", "市水务集团"]


def test_gb18030_csv_saved_by_excel(fresh):
    result = fresh("import", "zone_batch2_gbk.csv", "--batch", "zone2024b")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(fresh("show", "zone2024b-3", "--format", "json").stdout)
    assert shown["text"] == "用工招聘难。"
    assert shown["claimed"] == {"date": "2024-10-31", "text": "是否销号：是"}
    assert shown["awaiting_evidence"] is True
    assert shown["status"] == "in_progress"


def test_a_csv_that_reads_two_ways_is_refused(fresh, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes(b"\xff\xfe\x00")
    before = fresh.snapshot()
    result = fresh("import", str(path))
    assert result.exit_code == 1
    assert result.stderr == "Error: odd.csv: not UTF-8 or GB18030 text; save it as CSV UTF-8 and import it again\n"
    assert fresh.snapshot() == before


def test_map_names_an_unknown_column(fresh, tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("序号,反映问题,牵头单位,整改时限\n1,问题甲。,区财政局,2024-12-31\n", encoding="utf-8")
    refused = fresh("import", str(path))
    assert refused.exit_code == 1
    assert "column 反馈问题 is needed to add a new item" in refused.stderr
    result = fresh("import", str(path), "--map", "反映问题=text")
    assert result.exit_code == 0, result.stderr
    assert json.loads(fresh("show", "1", "--format", "json").stdout)["text"] == "问题甲。"
    bad = fresh("import", str(path), "--map", "反映问题")
    assert bad.exit_code == 2
