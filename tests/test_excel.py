"""`ledger export` (xlsx, csv) and `ledger import`: the sheet's layout, the round trip, and what a
sheet may change."""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from test_bulletin import HISTORY, ITEMS

HEADERS = ["序号", "问题编号", "反馈问题", "牵头部门", "责任部门", "整改时限", "整改进展", "完成情况", "销号时间", "佐证材料"]
RED = "FFFFC7CE"  # ARGB, opaque (XlsxWriter writes the alpha; openpyxl wrote 00)


def export(led, tmp_path: Path, fmt: str = "xlsx", name: str = "台账") -> Path:
    target = tmp_path / f"{name}.{fmt}"
    result = led("export", "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return target


def rows_of(path: Path) -> list[list]:
    ws = openpyxl.load_workbook(path)["整改台账"]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    wb = openpyxl.load_workbook(path)
    change(wb["整改台账"])
    wb.save(path)


def row_number(ws, item_id: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == item_id)


# --------------------------------------------------------------------------- export

def test_xlsx_layout_on_the_shipped_data(shipped, tmp_path):
    path = tmp_path / "台账.xlsx"
    assert shipped("--lang", "en", "export", "-o", str(path)).exit_code == 0  # the report in English: asked for
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["整改台账", "Report by unit", "ledger-base"]  # the base: see test_returned_sheets.py
    assert wb["ledger-base"].sheet_state == "veryHidden"
    ws = wb["整改台账"]
    rows = rows_of(path)
    assert rows[0] == HEADERS
    assert len(rows) == 34
    assert rows[1] == [1, "1-1", "市教育局的一些事情。", "区社会事务保障局", "区社会事务保障局、区经济合作局", "2024年8月31日前",
                       None, "未整改（逾期10天）", None, None]
    assert rows[2][:8] == [2, "1-2", "希望服务态度可以更好点。", "区行政审批局", "各园区指挥部、区级相关部门",
                           "立行立改，长期坚持", None, "未整改"]
    by_id = {r[1]: r for r in rows[1:]}
    assert by_id["2-7"][4] == "区经济商务局、区经济合作局、区财政局、区发展改革局等部门"
    assert [r[1] for r in rows[1:]] == [i["id"] for i in json.loads(shipped("list", "--format", "json").stdout)]
    # frozen header, wrapped cells, widths for Chinese text
    assert ws.freeze_panes == "A2"
    assert all(c.alignment.wrap_text for c in ws[5])
    # (the file holds Excel's width with its padding of 5 pixels: 46 characters are 46.7109375, shown as 46)
    assert ws.column_dimensions["C"].width == 46.7109375  # 反馈问题: the widest allowed
    assert ws.column_dimensions["D"].width == 18.7109375  # 牵头部门: 区社会事务保障局 is 8 characters, 16 wide, + 2
    assert ws.column_dimensions["I"].width == 12.7109375
    # overdue rows (as of today, 2024-09-10) in red, the others not
    overdue = {i["id"] for i in json.loads(shipped("list", "--overdue", "--format", "json").stdout)}
    assert len(overdue) == 9
    red = {ws.cell(r, 2).value for r in range(2, ws.max_row + 1) if ws.cell(r, 3).fill.fgColor.rgb == RED}
    assert red == overdue
    assert all(c.fill.fgColor.rgb == RED for c in ws[row_number(ws, "1-1")])
    # the second sheet: the report by lead unit, slowest first, with the totals row
    report = [list(r) for r in wb["Report by unit"].iter_rows(values_only=True)]
    assert report[0] == ["Lead unit", "Items", "Closed", "On time", "Late", "Open", "Overdue", "Due in 30 days",
                         "No progress 30 days", "Close rate"]
    assert report[1] == ["区社会事务保障局", 6, 0, 0, 0, 6, 5, 0, 1, 0]
    assert report[13] == ["Total", 33, 0, 0, 0, 33, 9, 0, 23, 0]
    assert report[15][0] == "as of 2024-09-10 · slowest units first"


def test_xlsx_in_chinese_and_reproducible(shipped, tmp_path):
    first = tmp_path / "a.xlsx"
    second = tmp_path / "b.xlsx"
    assert shipped("export", "-o", str(first), lang="zh").exit_code == 0
    time.sleep(2.1)  # the clock moves on (zip times are kept to two seconds): nothing in the file may follow it
    assert shipped("export", "-o", str(second), lang="zh").exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    wb = openpyxl.load_workbook(first)
    assert wb.sheetnames == ["整改台账", "按单位统计", "ledger-base"]
    assert wb["按单位统计"]["A1"].value == "牵头部门"


def test_csv_export(shipped, tmp_path):
    path = export(shipped, tmp_path, "csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == HEADERS
    xlsx = rows_of(export(shipped, tmp_path))
    assert table[1:] == [["" if v is None else str(v) for v in row] for row in xlsx[1:]]


@pytest.fixture
def history(small):
    led = small(ITEMS)
    for args in HISTORY:
        assert led(*args).exit_code == 0
    return led


def test_history_in_the_sheet(history, tmp_path):
    by_id = {r[1]: r for r in rows_of(export(history, tmp_path))[1:]}
    assert by_id["1-3"][5:] == ["2024年7月31日前", None, "已销号（逾期销号），销号人：李四", datetime(2024, 8, 5), "现场照片"]
    assert by_id["1-8"][7:] == ["未整改\n2024-08-25 回头看重新打开：回头看：问题反弹", None, None]
    assert by_id["1-9"][5] == ("2024年6月30日前\n2024-06-25 延期至2024年8月10日前：第一次\n"
                               "2024-08-08 延期至2024年9月30日前：第二次，区营商办批准")
    assert by_id["1-6"][6:8] == ["2024-07-01 七月走访\n2024-08-12 八月走访 — 王五", "整改中"]
    assert by_id["1-10"][7] == "未整改（逾期72天）"


# --------------------------------------------------------------------------- the round trip

@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_changes_nothing(history, tmp_path, fmt):
    path = export(history, tmp_path, fmt)
    before = history.snapshot()
    result = history("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "11 rows: 0 new, 0 changed, 11 unchanged\n"
    assert history.snapshot() == before


def test_round_trip_on_the_shipped_data_with_evidence_files(shipped, tmp_path):
    proof = tmp_path / "拨付凭证.pdf"
    proof.write_bytes(b"%PDF-1.4 proof")
    assert shipped("close", "2-8", "--evidence", str(proof), "--evidence", "情况说明", "--by", "张三").exit_code == 0
    path = export(shipped, tmp_path)
    row = next(r for r in rows_of(path) if r[1] == "2-8")
    assert row[7:] == ["已销号（逾期销号），销号人：张三", datetime(2024, 9, 10), "evidence/2-8/拨付凭证.pdf\n情况说明"]
    before = shipped.snapshot()
    assert shipped("import", str(path)).stdout == "33 rows: 0 new, 0 changed, 33 unchanged\n"
    assert shipped.snapshot() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_restores_hand_edits_byte_for_byte(history, tmp_path, fmt):
    """Export, edit the YAML by hand, import the export. A csv (no base) says what every cell holds:
    the file is back to the byte. An xlsx carries its base: the cells are as exported, so they are
    no change and the edits made since stand (see test_returned_sheets.py). (A deadline is not
    among them: a different one in the sheet is an extension, which needs a reason; see
    test_history_rules.py.)"""
    path = export(history, tmp_path, fmt)
    original = history.items_text()
    edited = (original.replace('text: "按期销号。"', 'text: "改过的文字。"')
              .replace("lead: 各园区指挥部\n    responsible: [各园区指挥部]\n    deadline: ongoing\n",
                       "lead: 区财政局\n    responsible: [区财政局, 各园区指挥部]\n    deadline: ongoing\n", 1))
    assert edited.count("\n") == original.count("\n") and edited != original
    history.write_items(edited)
    result = history("import", str(path))
    assert result.exit_code == 0, result.stderr
    if fmt == "xlsx":
        assert result.stdout == "11 rows: 0 new, 0 changed, 11 unchanged\n"
        assert history.items_text() == edited
        return
    assert result.stdout == ("updated 1-2: 反馈问题\nupdated 1-6: 牵头部门, 责任部门\n"
                             "11 rows: 0 new, 2 changed, 9 unchanged\n")
    assert history.items_text() == original


# --------------------------------------------------------------------------- what a sheet may change

def _changes(ws) -> None:  # type: ignore[no-untyped-def]
    ws.cell(row_number(ws, "1-2"), 3).value = "希望服务态度可以更好一点。"
    ws.cell(row_number(ws, "1-3"), 7).value = "2024-09-02 召开座谈会 — 王五"
    r = row_number(ws, "2-8")
    ws.cell(r, 8).value = "已销号，销号人：张三"
    ws.cell(r, 9).value = datetime(2024, 9, 5)
    ws.cell(r, 10).value = "拨付凭证\n情况说明"
    ws.append([34, "3-1", "园区道路照明不足。", "建设环保局", "区建设环保局、各园区指挥部", "2024年12月31日前", None, "未整改",
               None, None])


def test_dry_run_then_import(shipped, tmp_path):
    path = export(shipped, tmp_path)
    edit(path, _changes)
    before = shipped.snapshot()
    result = shipped("import", str(path), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == """\
would update 1-2: 反馈问题
would update 1-3: progress notes +1
would update 2-8: closed on 2024-09-05
would add 3-1
34 rows: 1 new, 3 changed, 30 unchanged (dry run: nothing written)
"""
    assert shipped.snapshot() == before
    result = shipped("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == """\
updated 1-2: 反馈问题
updated 1-3: progress notes +1
updated 2-8: closed on 2024-09-05
added 3-1
34 rows: 1 new, 3 changed, 30 unchanged
"""
    diff = shipped.git("diff", "-U0", "--no-color", "data/items.yaml")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        '-    text: "希望服务态度可以更好点。"',
        '+    text: "希望服务态度可以更好一点。"',
        "-    status: open",
        "+    status: in_progress",
        "+    progress:",
        "+      - date: 2024-09-02",
        '+        text: "召开座谈会"',
        "+        by: 王五",
        "+        recorded: 2024-09-10",
        "-    status: open",
        "+    status: closed",
        "+    closed:",
        "+      date: 2024-09-05",
        "+      by: 张三",
        "+      evidence:",
        '+        - text: "拨付凭证"',
        '+        - text: "情况说明"',
        "+      late: true",
        "+      recorded: 2024-09-10",
        "+",
        '+  - id: "3-1"',
        '+    source: 台账.xlsx',
        "+    added: 2024-09-10",
        '+    text: "园区道路照明不足。"',
        "+    lead: 区建设环保局",
        "+    responsible: [区建设环保局, 各园区指挥部]",
        "+    deadline: 2024-12-31",
        "+    status: open",
    ]
    assert shipped("check").exit_code == 0
    # and the new state round-trips too
    again = export(shipped, tmp_path, name="again")
    before = shipped.snapshot()
    assert shipped("import", str(again)).stdout == "34 rows: 0 new, 0 changed, 34 unchanged\n"
    assert shipped.snapshot() == before


def test_a_sheet_with_some_columns_only(shipped, tmp_path):
    path = tmp_path / "leads.csv"
    path.write_text("问题编号,牵头部门\n1-1,区财政局\n1-2,区行政审批局\n", encoding="utf-8")
    result = shipped("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "updated 1-1: 牵头部门\n2 rows: 0 new, 1 changed, 1 unchanged\n"
    assert json.loads(shipped("show", "1-1", "--format", "json").stdout)["lead"] == "区财政局"


def test_a_csv_saved_by_excel_in_gbk_with_a_title_row(shipped, tmp_path):
    path = tmp_path / "台账.csv"
    text = "整改销号台账,,\n序号,问题编号,反馈的问题建议\n1,1-1,市教育局的一些事情（已核实）。\n"
    path.write_bytes(text.encode("gbk"))
    result = shipped("import", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "updated 1-1: 反馈问题\n1 row: 0 new, 1 changed, 0 unchanged\n"


def _bad(ws) -> None:  # type: ignore[no-untyped-def]
    ws.cell(row_number(ws, "1-1"), 4).value = "区教育局"
    ws.cell(row_number(ws, "1-2"), 6).value = "尽快"
    ws.cell(row_number(ws, "1-3"), 3).value = "  "
    ws.cell(row_number(ws, "1-4"), 8).value = "已销号"
    r = row_number(ws, "1-5")
    ws.cell(r, 8).value = "已销号，销号人：张三"
    ws.cell(r, 9).value = "2024-09-05"
    ws.cell(row_number(ws, "1-6"), 7).value = "改写了原来的进展"
    ws.cell(row_number(ws, "1-7"), 2).value = datetime(2024, 1, 7)
    ws.cell(row_number(ws, "1-8"), 2).value = "1-1"
    ws.cell(row_number(ws, "1-9"), 5).value = "区财政局、财政局"
    ws.cell(row_number(ws, "1-10"), 7).value = "昨天 走访"
    ws.append([34, "9-1", "新问题。", "区财政局", None, "2024年12月31日前"])


def test_bad_rows_are_all_reported_and_nothing_is_written(shipped, tmp_path):
    path = export(shipped, tmp_path)
    edit(path, _bad)
    before = shipped.snapshot()
    result = shipped("import", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    where = f"{path.relative_to(shipped.root)}:整改台账"  # paths print relative to the repository
    assert result.stderr.splitlines() == [
        f"{where}:2:D: item 1-1: 牵头部门: unknown unit '区教育局'",
        f"{where}:3:F: item 1-2: 整改时限: '尽快' is not a deadline: write 2024年8月31日前, 2024-08-31 or 立行立改，长期坚持",
        f"{where}:4:C: item 1-3: 反馈问题: must not be empty",
        f"{where}:5:I: item 1-4: 销号时间: a close-out needs its day in 销号时间",
        f"{where}:5:J: item 1-4: 佐证材料: a close-out needs evidence in 佐证材料, one per line",
        f"{where}:5:H: item 1-4: 完成情况: a close-out needs who signed it off: write 已销号，销号人：NAME in 完成情况",
        f"{where}:6:J: item 1-5: 佐证材料: a close-out needs evidence in 佐证材料, one per line",
        f"{where}:7:G: item 1-6: 整改进展: '改写了原来的进展': a new progress note is a line 'YYYY-MM-DD what was done'",
        f"{where}:8:B: 问题编号: Excel turned this id into a date: format the column as text and type the id again",
        f"{where}:9:B: item 1-1: 问题编号: item 1-1 is on row 2 already",
        f"{where}:10:E: item 1-9: 责任部门: responsible units list '区财政局' twice",
        f"{where}:11:G: item 1-10: 整改进展: '昨天 走访': a new progress note is a line 'YYYY-MM-DD what was done'",
        f"{where}:35:E: item 9-1: 责任部门: must not be empty",
        f"Error: 11 rows of {path.relative_to(shipped.root)} have problems; nothing was written",
    ]
    assert shipped.snapshot() == before
    dry = shipped("import", str(path), "--dry-run")
    assert dry.exit_code == 1 and dry.stderr == result.stderr


def test_history_cannot_be_rewritten_by_a_sheet(history, tmp_path):
    path = export(history, tmp_path)

    def change(ws):  # type: ignore[no-untyped-def]
        ws.cell(row_number(ws, "1-1"), 8).value = "未整改"  # undo a close-out
        r = row_number(ws, "1-2")
        ws.cell(r, 10).value = "别的材料"  # change its evidence
        ws.cell(row_number(ws, "1-9"), 6).value = "2024年6月30日前"  # drop the extensions
        ws.cell(row_number(ws, "1-8"), 8).value = "未整改"  # drop the look-back
        ws.cell(row_number(ws, "1-3"), 6).value = "2024年8月31日前"  # move a closed item's deadline
        ws.cell(row_number(ws, "1-6"), 7).value = "2024-07-01 七月走访\n2024-08-12 八月走访"  # drop a note's author

    edit(path, change)
    result = history("import", str(path))
    assert result.exit_code == 1
    where = f"{path.relative_to(history.root)}:整改台账"
    assert result.stderr.splitlines() == [
        f"{where}:2:H: item 1-1: 完成情况: item is closed (on 2024-07-20); reopening needs a reason: use ledger reopen",
        f"{where}:3:H: item 1-2: 完成情况: a recorded close-out cannot be changed by import; reopen the item "
        "(ledger reopen), then close it again",
        f"{where}:4:F: item 1-3: 整改时限: the deadline of an item with a close-out on record cannot change",
        f"{where}:7:G: item 1-6: 整改进展: recorded progress notes cannot be changed or removed; add new notes as new "
        "lines at the end",
        f"{where}:9:H: item 1-8: 完成情况: the look-back lines are recorded by ledger reopen; they cannot change here",
        f"{where}:10:F: item 1-9: 整改时限: the lines after the deadline are its extensions as recorded; they cannot "
        "change here (use ledger extend, which needs a reason)",
        f"Error: 6 rows of {path.relative_to(history.root)} have problems; nothing was written",
    ]


@pytest.mark.parametrize(("name", "content", "code", "message"), [
    ("missing.xlsx", None, 1, "Error: missing.xlsx: file not found"),
    ("台账.txt", b"x", 2, "Error: 台账.txt: import reads .xlsx or .csv files"),
    ("broken.xlsx", b"not a zip", 1, "Error: broken.xlsx: not a readable Excel workbook (BadZipFile)"),
    ("empty.csv", "甲,乙\n1,2\n".encode(), 1, "empty.csv:empty: no header row naming 问题编号/序号 or 反馈问题/问题描述 (and one "
     "more column) in the first 20 rows"),
])
def test_unreadable_files(shipped, tmp_path, monkeypatch, name, content, code, message):
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / name).write_bytes(content)
    result = shipped("import", name)
    assert result.exit_code == code
    assert result.stderr.splitlines()[0] == message


def test_export_to_a_missing_folder(shipped, tmp_path):
    result = shipped("export", "-o", str(tmp_path / "nowhere" / "台账.xlsx"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot write ")


def test_today_decides_the_overdue_marks_only(shipped, tmp_path):
    early = tmp_path / "early.xlsx"
    assert shipped("export", "-o", str(early), today="2024-06-01").exit_code == 0
    ws = openpyxl.load_workbook(early)["整改台账"]
    assert not any(ws.cell(r, 3).fill.fgColor.rgb == RED for r in range(2, ws.max_row + 1))
    assert ws.cell(2, 8).value == "未整改"
    # an export made earlier still imports cleanly later
    assert shipped("import", str(early)).stdout == "33 rows: 0 new, 0 changed, 33 unchanged\n"


def test_import_with_commit_makes_one_commit_naming_every_item(shipped, tmp_path):
    path = tmp_path / "台账.csv"
    assert shipped("export", "--format", "csv", "-o", str(path)).exit_code == 0
    text = path.read_text(encoding="utf-8-sig").replace("对于单位拖欠款项需要改进。", "对于单位拖欠企业款项需要改进。")
    path.write_text("\ufeff" + text, encoding="utf-8")
    result = shipped("import", str(path), "--commit")
    assert result.exit_code == 0, result.stderr
    assert "committed " in result.stdout
    assert shipped.git("log", "-1", "--format=%B") == (
        "import 台账.csv: 2-8\n\nLedger-Item: 2-8\nLedger-Action: import\n\n")
    assert shipped.git("status", "--porcelain", "--untracked-files=no") == ""
    assert json.loads(shipped("log", "--format", "json").stdout)[0]["items"] == ["2-8"]
