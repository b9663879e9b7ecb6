"""Returned sheets: several departments fill in copies of one export, and every return imports, in
any order. The export carries its base (a hidden sheet); an import compares each row with it, so
what a department did not touch is no change, and two returns that change one cell differently are
refused, naming both values."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from test_excel import edit, export, row_number


def copies(path: Path, *names: str) -> list[Path]:
    out = []
    for name in names:
        target = path.with_name(f"{name}.xlsx")
        shutil.copyfile(path, target)
        out.append(target)
    return out


def notes_of(led, item_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    import json

    return [n["text"] for n in json.loads(led("show", item_id, "--format", "json").stdout)["progress"]]


def add_note(item_id: str, line: str):  # type: ignore[no-untyped-def]
    def change(ws):  # type: ignore[no-untyped-def]
        cell = ws.cell(row_number(ws, item_id), 7)
        cell.value = "\n".join(filter(None, [cell.value, line]))
    return change


def set_cell(item_id: str, column: int, value: str):  # type: ignore[no-untyped-def]
    def change(ws):  # type: ignore[no-untyped-def]
        ws.cell(row_number(ws, item_id), column).value = value
    return change


@pytest.mark.parametrize("order", ["a first", "b first"])
def test_two_returns_adding_notes_to_different_items_both_import(shipped, tmp_path, order):
    a, b = copies(export(shipped, tmp_path), "财政局", "审批局")
    edit(a, add_note("1-1", "2024-09-09 召开专题会 — 区财政局"))
    edit(b, add_note("1-2", "2024-09-08 电话回访企业"))
    first, second = (a, b) if order == "a first" else (b, a)
    said = "updated {}: progress notes +1\n33 rows: 0 new, 1 changed, 32 unchanged\n"
    assert shipped("import", str(first)).stdout == said.format("1-1" if first == a else "1-2")
    result = shipped("import", str(second))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == said.format("1-2" if first == a else "1-1")
    assert notes_of(shipped, "1-1") == ["召开专题会"]
    assert notes_of(shipped, "1-2") == ["电话回访企业"]
    assert shipped("check").exit_code == 0


def test_two_returns_adding_notes_to_the_same_item_keep_both(shipped, tmp_path):
    a, b = copies(export(shipped, tmp_path), "a", "b")
    edit(a, add_note("1-1", "2024-09-09 召开专题会"))
    edit(b, add_note("1-1", "2024-09-08 电话回访企业\n2024-09-10 实地查看"))
    assert shipped("import", str(b)).exit_code == 0
    result = shipped("import", str(a))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "updated 1-1: progress notes +1\n33 rows: 0 new, 1 changed, 32 unchanged\n"
    assert notes_of(shipped, "1-1") == ["电话回访企业", "实地查看", "召开专题会"]
    # importing a return again adds nothing: its notes are on record already
    before = shipped.snapshot()
    assert shipped("import", str(a)).stdout == "33 rows: 0 new, 0 changed, 33 unchanged\n"
    assert shipped("import", str(b)).stdout == "33 rows: 0 new, 0 changed, 33 unchanged\n"
    assert shipped.snapshot() == before


def test_untouched_cells_do_not_undo_another_return(shipped, tmp_path):
    """A changes the text and the lead of 1-2; B, which left them alone, must not put them back."""
    a, b = copies(export(shipped, tmp_path), "a", "b")
    edit(a, set_cell("1-2", 3, "希望服务态度可以更好一点。"))
    edit(a, set_cell("1-2", 4, "区财政局"))
    edit(b, add_note("1-2", "2024-09-08 电话回访企业"))
    edit(b, set_cell("2-8", 3, "对于单位拖欠企业款项需要改进。"))
    assert shipped("import", str(a)).exit_code == 0
    result = shipped("import", str(b))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("updated 1-2: progress notes +1\nupdated 2-8: 反馈问题\n"
                             "33 rows: 0 new, 2 changed, 31 unchanged\n")
    import json

    shown = json.loads(shipped("show", "1-2", "--format", "json").stdout)
    assert (shown["text"], shown["lead"]) == ("希望服务态度可以更好一点。", "区财政局")


def test_the_same_change_in_two_returns_is_no_conflict(shipped, tmp_path):
    a, b = copies(export(shipped, tmp_path), "a", "b")
    for path in (a, b):
        edit(path, set_cell("1-2", 3, "希望服务态度可以更好一点。"))
    assert shipped("import", str(a)).exit_code == 0
    assert shipped("import", str(b)).stdout == "33 rows: 0 new, 0 changed, 33 unchanged\n"


def test_a_real_conflict_is_refused_naming_both_values(shipped, tmp_path):
    a, b = copies(export(shipped, tmp_path), "a", "b")
    edit(a, set_cell("1-2", 3, "希望服务态度可以更好一点。"))
    edit(a, set_cell("1-3", 4, "区财政局"))
    edit(b, set_cell("1-2", 3, "希望窗口服务态度更好。"))
    edit(b, set_cell("1-3", 4, "区行政审批局"))
    edit(b, add_note("1-1", "2024-09-08 电话回访企业"))  # a clean change in the same return: not written either
    assert shipped("import", str(a)).exit_code == 0
    before = shipped.snapshot()
    result = shipped("import", str(b))
    assert result.exit_code == 1
    assert result.stdout == ""
    where = f"{b.relative_to(shipped.root)}:整改台账"
    assert result.stderr.splitlines() == [
        f"{where}:3:C: item 1-2: 反馈问题: this sheet changes it to '希望窗口服务态度更好。', but since the export of "
        "2024-09-10 the ledger has changed it to '希望服务态度可以更好一点。'; make them agree in the sheet",
        f"{where}:4:D: item 1-3: 牵头部门: this sheet changes it to '区行政审批局', but since the export of "
        "2024-09-10 the ledger has changed it to '区财政局'; make them agree in the sheet",
        f"Error: 2 rows of {b.relative_to(shipped.root)} have problems; nothing was written",
    ]
    assert shipped.snapshot() == before


def test_a_return_changing_recorded_notes_is_still_refused(shipped, tmp_path):
    assert shipped("progress", "1-1", "--date", "2024-09-01", "走访企业").exit_code == 0
    path = export(shipped, tmp_path)
    edit(path, set_cell("1-1", 7, "2024-09-01 走访了企业"))
    before = shipped.snapshot()
    result = shipped("import", str(path))
    assert result.exit_code == 1
    assert "recorded progress notes cannot be changed or removed" in result.stderr
    assert shipped.snapshot() == before


def test_the_base_is_a_very_hidden_sheet(shipped, tmp_path):
    wb = openpyxl.load_workbook(export(shipped, tmp_path))
    assert wb.sheetnames == ["整改台账", "按单位统计", "ledger-base"]  # the report in Chinese unless --lang en
    base = wb.worksheets[-1]
    assert base.sheet_state == "veryHidden"
    assert [c.value for c in base[1]][:2] == ["ledger export base", 1]
    assert base.max_row == 2  # the header line, then a line per item in one cell (up to 30,000 characters a cell)
    assert len(base["A2"].value.split("\n")) == 33


def test_an_old_export_without_a_base_imports_as_before(shipped, tmp_path):
    path = export(shipped, tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb[wb.sheetnames[-1]]
    wb.save(path)
    edit(path, add_note("1-1", "2024-09-09 召开专题会"))
    assert shipped("import", str(path)).stdout == "updated 1-1: progress notes +1\n33 rows: 0 new, 1 changed, 32 unchanged\n"


def test_returns_of_the_official_template(shipped, tmp_path):
    """The official template's extra columns are compared with the base too: B, which did not touch
    1-1's 责任领导 or 2-8's close-out columns, undoes neither A's leader nor A's close-out."""
    path = tmp_path / "报送.xlsx"
    assert shipped("export", "--template", "official", "-o", str(path)).exit_code == 0
    a, b = copies(path, "a", "b")

    def by_a(ws):  # type: ignore[no-untyped-def]
        ws.cell(official_row(ws, "1-1"), 9).value = "王副主任"  # 责任领导
        r = official_row(ws, "2-8")
        ws.cell(r, 13).value = "已销号，销号人：张三"  # 完成情况
        ws.cell(r, 14).value = "是"  # 是否销号
        ws.cell(r, 15).value = "2024-09-05"  # 销号时间
        ws.cell(r, 16).value = "拨付凭证"  # 佐证材料

    def by_b(ws):  # type: ignore[no-untyped-def]
        cell = ws.cell(official_row(ws, "1-2"), 12)  # 整改进展
        cell.value = "2024-09-08 电话回访企业"

    edit(a, by_a)
    edit(b, by_b)
    result = shipped("import", str(a))
    assert result.exit_code == 0, result.stderr
    result = shipped("import", str(b))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == ["updated 1-2: progress notes +1", "33 rows: 0 new, 1 changed, 32 unchanged"]
    import json

    assert json.loads(shipped("show", "1-1", "--format", "json").stdout)["leader"] == "王副主任"
    assert json.loads(shipped("show", "2-8", "--format", "json").stdout)["status"] == "closed"


def official_row(ws, item_id: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == item_id)


def test_a_base_in_several_cells(shipped, tmp_path, monkeypatch):
    """A large ledger's base fills several cells (30,000 characters each); here, 200."""
    from ledger.sheet import base

    monkeypatch.setattr(base, "CHUNK", 200)
    path = export(shipped, tmp_path)
    sheet = openpyxl.load_workbook(path)["ledger-base"]
    assert sheet.max_row > 10
    assert all(len(c.value) < 200 for (c,) in sheet.iter_rows(min_row=2, max_col=1))
    read = base.read_base(path)
    assert read is not None and len(read.rows) == 33
    a, b = copies(path, "a", "b")
    edit(a, add_note("2-15", "2024-09-09 召开专题会"))
    edit(b, add_note("2-15", "2024-09-08 电话回访企业"))
    assert shipped("import", str(a)).exit_code == 0
    result = shipped("import", str(b))
    assert result.exit_code == 0, result.stderr
    assert notes_of(shipped, "2-15") == ["召开专题会", "电话回访企业"]


def test_cell_print_is_the_fingerprint_of_the_lines():
    from datetime import date

    from ledger.sheet.base import cell_print, fingerprint, lines_of

    for value in [None, "", "a", " a ", "a\nb", "x\r\ny", "a\n\n b ", date(2024, 1, 2), 5, "  \n  ", "区财政局、区建设环保局"]:
        assert cell_print(value) == fingerprint(lines_of(value)), value
    assert fingerprint(["a", "b"]).startswith("2:")
