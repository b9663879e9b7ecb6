"""show, log and list as csv and Markdown (issue 15): real formats, headers in the interface
language, and a byte-order mark on every csv, as export writes it."""

from __future__ import annotations

import pytest

BOM = "\ufeff"


@pytest.fixture
def worked(shipped):  # type: ignore[no-untyped-def]
    """The shipped ledger with 2-8 noted, extended and closed: a history to show."""
    for args in (["progress", "2-8", "已拨付第一批款项", "--date", "2024-07-15", "--by", "李四"],
                 ["extend", "2-8", "--to", "2024-12-31", "--reason", "资金分批到位", "--date", "2024-08-01"],
                 ["close", "2-8", "--evidence-text", "拨付率达到99.5%", "--by", "张三", "--date", "2024-09-01"]):
        assert shipped(*args).exit_code == 0
    return shipped


SHOW_CSV_EN = (
    BOM + "id,question,text,lead,responsible,deadline,status,overdue,days_overdue,original_deadline,extensions,"
    "closed_date,last_progress,date,record,details\n"
    "2-8,2,对于单位拖欠款项需要改进。,区财政局,区财政局、区建设环保局、市园投集团,2024-12-31,closed,false,,2024-08-31,1,"
    "2024-09-01,2024-07-15,2024-07-15,Progress,已拨付第一批款项 — 李四\n"
    "2-8,2,对于单位拖欠款项需要改进。,区财政局,区财政局、区建设环保局、市园投集团,2024-12-31,closed,false,,2024-08-31,1,"
    "2024-09-01,2024-07-15,2024-08-01,Extensions,deadline 2024-08-31 → 2024-12-31: 资金分批到位\n"
    "2-8,2,对于单位拖欠款项需要改进。,区财政局,区财政局、区建设环保局、市园投集团,2024-12-31,closed,false,,2024-08-31,1,"
    "2024-09-01,2024-07-15,2024-09-01,Close-out,\"closed by 张三\nEvidence: 拨付率达到99.5%\"\n"
)


def test_show_csv_is_one_row_per_history_record_with_the_items_columns(worked):
    result = worked("show", "2-8", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == SHOW_CSV_EN


def test_show_csv_of_an_item_without_history_is_one_row_in_chinese_under_zh(shipped):
    result = shipped("show", "1-6", "--format", "csv", lang="zh")
    assert result.stdout == (
        BOM + "编号,问题类别,反馈问题,牵头部门,责任部门,整改时限,状态,逾期,逾期天数,原整改时限,延期,销号日期,最近进展,"
        "日期,记录,内容\n"
        "1-6,1,希望应急管理局对企业进行科学管理和分类，到企业评价的专家水平一致。,区应急管理局,区应急管理局,2024-06-30,open,true,72,"
        "2024-06-30,0,,,,,\n")


SHOW_MARKDOWN_EN = """\
## 2-8

| Field | Value |
| --- | --- |
| ID | 2-8 |
| Source | 2024年第一次营商环境“背靠背”直接评价 |
| Question | 2 |
| Feedback | 对于单位拖欠款项需要改进。 |
| Lead | 区财政局 |
| Responsible | 区财政局、区建设环保局、市园投集团 |
| Deadline | 2024-12-31  (originally 2024-08-31) |
| Status | closed |

### History

| Date | Record | Details |
| --- | --- | --- |
| 2024-07-15 | Progress | 已拨付第一批款项 — 李四 |
| 2024-08-01 | Extensions | deadline 2024-08-31 → 2024-12-31: 资金分批到位 |
| 2024-09-01 | Close-out | closed by 张三<br>Evidence: 拨付率达到99.5% |

as of 2024-09-10
"""


def test_show_markdown_is_a_heading_a_field_table_and_the_history(worked):
    result = worked("show", "2-8", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == SHOW_MARKDOWN_EN


def test_show_markdown_in_chinese(shipped):
    result = shipped("show", "1-6", "--format", "markdown", lang="zh")
    assert result.stdout == """\
## 1-6

| 字段 | 内容 |
| --- | --- |
| 编号 | 1-6 |
| 来源 | 2024年第一次营商环境“背靠背”直接评价 |
| 问题类别 | 1 |
| 反馈问题 | 希望应急管理局对企业进行科学管理和分类，到企业评价的专家水平一致。 |
| 牵头部门 | 区应急管理局 |
| 责任部门 | 区应急管理局 |
| 整改时限 | 2024-06-30 |
| 状态 | 逾期72天 |

截至 2024-09-10
"""


def _log(ledger, *args: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    result = ledger("log", *args, lang=lang)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_log_csv_and_markdown_are_one_row_per_commit(shipped):
    noted = shipped("progress", "2-8", "已拨付第一批款项", "--date", "2024-07-15", "--commit")
    assert noted.exit_code == 0, noted.stderr
    sha, day, author = shipped.git("log", "-1", "--format=%h|%ad|%an", "--date=short").strip().split("|")
    first = shipped.git("log", "--format=%h|%ad|%an|%s", "--date=short").strip().splitlines()[-1].split("|")
    assert _log(shipped, "2-8", "--format", "csv") == (
        BOM + "date,commit,author,message,changed\n"
        f"{day},{sha},{author},progress 2-8: 已拨付第一批款项,\"status, progress\"\n"
        f"{first[1]},{first[0]},{first[2]},{first[3]},added\n")
    assert _log(shipped, "--format", "markdown", lang="zh") == (
        "| 日期 | 提交 | 作者 | 说明 | 改动的事项 |\n| --- | --- | --- | --- | --- |\n"
        f"| {day} | {sha} | {author} | progress 2-8: 已拨付第一批款项 | 2-8 |\n"
        f"| {first[1]} | {first[0]} | {first[2]} | {first[3]} |  |\n")


def test_list_csv_has_a_byte_order_mark_as_export_csv_has(shipped):
    listed = shipped("list", "--overdue", "--format", "csv").stdout_bytes
    assert listed.startswith(b"\xef\xbb\xbfid,question,text,")


def test_list_headers_are_chinese_under_zh(shipped):
    result = shipped("list", "--lead", "区财政局", "--format", "markdown", lang="zh")
    assert result.stdout == (
        "| 编号 | 问题类别 | 反馈问题 | 牵头部门 | 责任部门 | 整改时限 | 状态 | 逾期 | 逾期天数 | 原整改时限 | 延期 "
        "| 销号日期 | 最近进展 |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        "| 2-8 | 2 | 对于单位拖欠款项需要改进。 | 区财政局 | 区财政局、区建设环保局、市园投集团 | 2024-08-31 | open | true"
        " | 10 | 2024-08-31 | 0 |  |  |\n")
    csv_zh = shipped("list", "--lead", "区财政局", "--format", "csv", env={"LEDGER_LANG": "zh"}).stdout
    assert csv_zh.startswith(BOM + "编号,问题类别,反馈问题,牵头部门,责任部门,整改时限,状态,")


RECORDS = [
    {"id": "2-8", "text": "引号\"、反斜杠\\、换行\n、制表\t、控制\x01、\u2028与😀", "lead": "区财政局", "n": 0,
     "days": -3, "overdue": True, "closed": None, "responsible": ["区财政局", "各镇（街道）"],
     "claimed": {"date": "2024-08-01", "x": [1, None]}},
    {"id": "2-9", "text": "", "lead": "", "n": 10**20, "days": None, "overdue": False, "closed": "2024-09-01",
     "responsible": [], "claimed": {}},
    {"text": "keys in another order", "id": "x"},
]


def test_list_json_writes_each_record_as_json_dumps_does() -> None:
    import json
    from unittest import mock

    from ledger.render.text import record_encoder, to_json

    expected = "[\n  " + ",\n  ".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n]\n"
    assert to_json(RECORDS) == expected
    assert [json.loads(line.rstrip(",")) for line in expected.split("\n")[1:-2]] == RECORDS  # not splitlines: U+2028
    with mock.patch("json.encoder.c_make_encoder", None):  # a Python without the C encoder
        assert to_json(RECORDS) == expected
    with pytest.raises(TypeError, match="not JSON serializable"):
        record_encoder()({"when": object()})
