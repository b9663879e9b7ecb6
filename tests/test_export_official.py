"""`ledger export --template official`: the 台账 as the supervising office asks for it: a title row,
a 截至 row, the extra columns, the report sheet in Chinese unless --lang en; and it imports back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

HEADERS = ["序号", "问题编号", "问题类别", "反馈问题", "整改目标", "整改措施", "牵头部门", "责任部门", "责任领导", "责任人",
           "整改时限", "整改进展", "完成情况", "是否销号", "销号时间", "佐证材料", "备注"]
TITLE = "2024年第一次营商环境“背靠背”直接评价反馈问题整改台账"


def official(led, tmp_path: Path, *args: str, name: str = "报送.xlsx"):  # type: ignore[no-untyped-def]
    target = tmp_path / name
    result = led("export", "--template", "official", "-o", str(target), *args)
    return target, result


@pytest.fixture
def with_leader(shipped):  # type: ignore[no-untyped-def]
    text = shipped.items_text().replace("    deadline: 2024-08-31\n    status: open\n",
                                        "    deadline: 2024-08-31\n    status: open\n    leader: 王副主任\n", 1)
    shipped.write_items(text)
    shipped.git("commit", "-qam", "a leader")
    return shipped


def test_official_layout(with_leader, tmp_path):
    path, result = official(with_leader, tmp_path)
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["整改台账", "按单位统计", "ledger-base"]
    ws = wb["整改台账"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == [TITLE, *[None] * 16]
    assert rows[1] == ["截至2024年9月10日", *[None] * 16]
    assert rows[2] == HEADERS
    assert rows[3] == [1, "1-1", None, "市教育局的一些事情。", None, None, "区社会事务保障局", "区社会事务保障局、区经济合作局",
                       "王副主任", None, "2024年8月31日前", None, "未整改（逾期10天）", "否", None, None, None]
    assert len(rows) == 3 + 33
    assert sorted(str(m) for m in ws.merged_cells.ranges) == ["A1:Q1", "A2:Q2"]
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:Q36"
    assert ws.print_title_rows == "$3:$3"
    report = [list(r) for r in wb["按单位统计"].iter_rows(values_only=True)]
    assert report[0][:3] == ["牵头部门", "事项数", "已销号"]
    assert report[15][0] == "截至 2024-09-10 · 慢者在前"


def test_the_report_sheet_follows_lang(shipped, tmp_path):
    path = tmp_path / "en.xlsx"
    assert shipped("--lang", "en", "export", "--template", "official", "-o", str(path)).exit_code == 0
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[1] == "Report by unit"
    assert wb["整改台账"]["A2"].value == "截至2024年9月10日"  # the 台账 itself stays Chinese


def test_title_and_as_of(shipped, tmp_path):
    path, result = official(shipped, tmp_path, "--title", "广元经开区营商环境问题整改台账", "--as-of", "2024-09-30")
    assert result.exit_code == 0, result.stderr
    ws = openpyxl.load_workbook(path)["整改台账"]
    assert (ws["A1"].value, ws["A2"].value) == ("广元经开区营商环境问题整改台账", "截至2024年9月30日")
    assert ws["M4"].value == "未整改（逾期30天）"  # overdue as of that day


def test_as_of_before_a_record_is_refused(shipped, tmp_path):
    assert shipped("progress", "1-3", "--date", "2024-09-05", "走访企业").exit_code == 0
    before = shipped.snapshot()
    path, result = official(shipped, tmp_path, "--as-of", "2024-09-01")
    assert result.exit_code == 2
    assert result.stderr == ("Error: --as-of 2024-09-01: item 1-3 has a record of 2024-09-05, which the sheet would show; "
                             "use a day on or after the last record\n")
    assert not path.exists()
    assert shipped.snapshot() == before


def test_official_csv(shipped, tmp_path):
    path, result = official(shipped, tmp_path, name="报送.csv")
    assert result.exit_code == 0, result.stderr
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == [TITLE, *[""] * 16]
    assert table[1] == ["截至2024年9月10日", *[""] * 16]
    assert table[2] == HEADERS
    assert table[3][:4] == ["1", "1-1", "", "市教育局的一些事情。"]


@pytest.mark.parametrize("name", ["报送.xlsx", "报送.csv"])
def test_the_official_template_imports_back(with_leader, tmp_path, name):
    assert with_leader("close", "2-8", "--evidence", "情况说明", "--by", "张三").exit_code == 0
    path, result = official(with_leader, tmp_path, name=name)
    assert result.exit_code == 0, result.stderr
    before = with_leader.snapshot()
    result = with_leader("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "33 rows: 0 new, 0 changed, 33 unchanged"
    assert with_leader.snapshot() == before


def test_official_export_is_reproducible(shipped, tmp_path):
    first, _ = official(shipped, tmp_path, name="a.xlsx")
    second, _ = official(shipped, tmp_path, name="b.xlsx")
    assert first.read_bytes() == second.read_bytes()
