"""`ledger list`: every filter, every format, the table's layout at a fixed width."""

from __future__ import annotations

import csv
import io
import json

import pytest

NINE_OVERDUE = ["1-1", "1-6", "1-7", "1-10", "1-11", "1-14", "2-1", "2-8", "2-10"]


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


def test_overdue_as_of_september(shipped):
    assert ids(shipped("list", "--overdue", "--as-of", "2024-09-01", "--format", "json")) == NINE_OVERDUE


def test_overdue_as_of_july(shipped):
    assert ids(shipped("list", "--overdue", "--as-of", "2024-07-01", "--format", "json")) == ["1-6", "1-7"]


def test_deadline_day_itself_is_not_overdue(shipped):
    assert ids(shipped("list", "--overdue", "--as-of", "2024-06-30", "--format", "json")) == []


def test_json_fields(shipped):
    rows = json.loads(shipped("list", "--as-of", "2024-09-01", "--format", "json", "--search", "拖欠").stdout)
    assert rows == [{
        "id": "2-8", "question": 2, "source": None, "text": "对于单位拖欠款项需要改进。", "lead": "区财政局",
        "responsible": ["区财政局", "区建设环保局", "市园投集团"], "and_others": False, "leader": None,
        "deadline": "2024-08-31", "original_deadline": "2024-08-31", "extensions": 0, "status": "open",
        "overdue": True, "days_overdue": 1, "closed_date": None, "closed_late": None, "last_progress": None,
        "light": "red",
    }]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--question", "2", "--dated"], ["2-1", "2-7", "2-8", "2-10"]),
        (["--dept", "区财政局"], ["2-7", "2-8"]),
        (["--dept", "财政局"], ["2-7", "2-8"]),  # an alias
        (["--lead", "区财政局"], ["2-8"]),
        (["--lead", "区营商办", "--question", "1"], ["1-15", "1-17", "1-18"]),
        (["--dept", "各镇（街道）"], ["1-4", "2-4", "2-11"]),
        (["--due-soon", "30"], ["1-1", "1-10", "1-11", "1-14", "2-1", "2-8", "2-10"]),
        (["--due-soon", "5"], []),
        (["--due-before", "2024-07-01"], ["1-6", "1-7"]),
        (["--due-after", "2024-08-31"], ["2-7"]),
        (["--due-after", "2024年6月30日", "--due-before", "2024-12-31"],
         ["1-1", "1-10", "1-11", "1-14", "2-1", "2-8", "2-10"]),
        (["--search", "教育局"], ["1-1", "1-10", "1-11", "2-1", "2-10"]),
        (["--search", "市场监管", "--ongoing"], ["2-2"]),
        (["--status", "closed"], []),
        (["--status", "in_progress"], []),
        (["--dept", "区经济合作局", "--due-soon", "31", "--question", "2"], ["2-1", "2-10"]),
    ],
)
def test_filters(shipped, args, expected):
    assert ids(shipped("list", "--as-of", "2024-08-01", "--format", "json", *args)) == expected


def test_ongoing_and_dated_partition_the_ledger(shipped):
    ongoing = ids(shipped("list", "--ongoing", "--format", "json"))
    dated = ids(shipped("list", "--dated", "--format", "json"))
    assert (len(ongoing), len(dated)) == (23, 10)
    assert ids(shipped("list", "--status", "open", "--format", "json")) == ids(shipped("list", "--format", "json"))


@pytest.mark.parametrize("as_of", ["2024-09-01", "2024年9月1日", "2024/9/1", "2024.9.1", "20240901", "２０２４年９月１日"])
def test_date_forms(shipped, as_of):
    assert ids(shipped("list", "--overdue", "--as-of", as_of, "--format", "json")) == NINE_OVERDUE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2024-02-30"], "Error: --as-of: '2024-02-30' is not a real date\n"),
        (["--as-of", "someday"], "Error: --as-of: 'someday' is not a complete date "
                                 "(write YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD, 2024年8月31日)\n"),
        (["--dept", "教育局"], "Error: --dept: unknown unit '教育局'\n"),
        (["--lead", "财政"], "Error: --lead: unknown unit '财政'; did you mean 财政局, 区财政局?\n"),
    ],
)
def test_bad_arguments_are_usage_errors(shipped, args, message):
    result = shipped("list", *args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert result.stdout == ""


def test_bad_status_is_a_usage_error(shipped):
    result = shipped("list", "--status", "done")
    assert result.exit_code == 2
    assert "Invalid value for --status: use open, in_progress, pending_review or closed" in result.stderr
    assert "Traceback" not in result.stderr


def test_csv(shipped):
    result = shipped("list", "--overdue", "--as-of", "2024-07-01", "--format", "csv")
    assert result.stdout.startswith("\ufeff")  # a byte-order mark, as export's csv has (issue 15)
    rows = list(csv.reader(io.StringIO(result.stdout[1:])))
    assert rows[0] == ["id", "question", "text", "lead", "responsible", "deadline", "status", "overdue", "days_overdue",
                       "original_deadline", "extensions", "closed_date", "last_progress"]
    assert rows[1] == ["1-6", "1", "希望应急管理局对企业进行科学管理和分类，到企业评价的专家水平一致。", "区应急管理局",
                       "区应急管理局", "2024-06-30", "open", "true", "1", "2024-06-30", "0", "", ""]
    assert len(rows) == 3


def test_markdown(shipped):
    result = shipped("list", "--lead", "区财政局", "--format", "markdown")
    assert result.stdout == (
        "| id | question | text | lead | responsible | deadline | status | overdue | days_overdue"
        " | original_deadline | extensions | closed_date | last_progress |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        "| 2-8 | 2 | 对于单位拖欠款项需要改进。 | 区财政局 | 区财政局、区建设环保局、市园投集团 | 2024-08-31 | open | true"
        " | 10 | 2024-08-31 | 0 |  |  |\n"
    )


TABLE_80_EN = """\
┏━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━┓
┃ ID  ┃ Feedback                    ┃ Lead           ┃ Deadline   ┃ Status     ┃
┡━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━┩
│ 1-6 │ 希望应急管理局对企业进行科  │ 区应急管理局   │ 2024-06-30 │ overdue 1d │
│     │ 学管理和分类，到企业评价的  │                │            │            │
│     │ 专家水平一致。              │                │            │            │
│ 1-7 │ 希望市场监管局在办证上各县  │ 区市场监管分局 │ 2024-06-30 │ overdue 1d │
│     │ 区保持一致所需资料。        │                │            │            │
└─────┴─────────────────────────────┴────────────────┴────────────┴────────────┘
2 items · open 2, in progress 0, closed 0, overdue 2 · as of 2024-07-01
"""

TABLE_80_ZH = """\
┏━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━┓
┃ 编号 ┃ 反馈问题                      ┃ 牵头部门       ┃ 整改时限   ┃ 状态    ┃
┡━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━┩
│ 1-6  │ 希望应急管理局对企业进行科学  │ 区应急管理局   │ 2024-06-30 │ 逾期1天 │
│      │ 管理和分类，到企业评价的专家  │                │            │         │
│      │ 水平一致。                    │                │            │         │
│ 1-7  │ 希望市场监管局在办证上各县区  │ 区市场监管分局 │ 2024-06-30 │ 逾期1天 │
│      │ 保持一致所需资料。            │                │            │         │
└──────┴───────────────────────────────┴────────────────┴────────────┴─────────┘
共 2 项 · 未整改 2，整改中 0，已销号 0，逾期 2 · 截至 2024-07-01
"""

TABLE_120_ZH = """\
┏━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━┓
┃ 编号 ┃ 反馈问题                       ┃ 牵头部门     ┃ 责任部门                               ┃ 整改时限   ┃ 状态    ┃
┡━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━┩
│ 2-7  │ 希望能出台更多优惠、便企措施。 │ 区经济商务局 │ 区经济商务局、区经济合作局、区财政局、 │ 2024-12-31 │ 未整改  │
│      │                                │              │ 区发展改革局（等部门）                 │            │         │
│ 2-8  │ 对于单位拖欠款项需要改进。     │ 区财政局     │ 区财政局、区建设环保局、市园投集团     │ 2024-08-31 │ 逾期1天 │
└──────┴────────────────────────────────┴──────────────┴────────────────────────────────────────┴────────────┴─────────┘
共 2 项 · 未整改 2，整改中 0，已销号 0，逾期 1 · 截至 2024-09-01
"""


@pytest.mark.parametrize(
    ("lang", "columns", "args", "expected"),
    [
        ("en", "80", ["--overdue", "--as-of", "2024-07-01"], TABLE_80_EN),
        ("zh", "80", ["--overdue", "--as-of", "2024-07-01"], TABLE_80_ZH),
        ("zh", "120", ["--dept", "财政局", "--as-of", "2024-09-01"], TABLE_120_ZH),
    ],
)
def test_table_layout(shipped, lang, columns, args, expected):
    result = shipped("list", *args, lang=lang, env={"COLUMNS": columns})
    assert result.exit_code == 0
    assert result.stdout == expected


def test_table_ids_and_dates_never_truncated_at_80_columns(shipped):
    result = shipped("list", "--as-of", "2024-09-01", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    for item_id in ["1-1", "1-18", "2-15"]:
        assert any(line.startswith(f"│ {item_id} ") for line in lines)
    assert result.stdout.count("2024-08-31") == 7


def test_long_tables_are_limited_with_a_hint(shipped):
    result = shipped("list", "--limit", "3")
    assert result.exit_code == 0
    assert result.stdout.count("│ 1-") == 3
    assert "3 of 33 items shown" in result.stdout
    assert result.stderr == "30 more rows not shown: use --all or --limit N\n"
    assert shipped("list", "--all", "--limit", "3").stdout.count("│ ") > 33


def test_no_match(shipped):
    result = shipped("list", "--status", "closed", "--as-of", "2024-07-01")
    assert result.stdout == "no items match · as of 2024-07-01\n"


def _many_items(n: int) -> str:
    blocks = []
    for k in range(1, n + 1):
        text = "园区道路照明不足，夜间通行不便，请尽快完善。" if k % 2 else "加强政企沟通。"
        blocks.append(f'  - id: "1-{k}"\n    question: 1\n    text: "{text}"\n    lead: 区财政局\n'
                      f'    responsible: [区财政局, 区建设环保局]\n    deadline: 2024-08-31\n    status: open\n')
    return 'questions:\n  "1": "问题一"\nitems:\n' + "\n".join(blocks)


def test_long_listings_use_the_plain_renderer_and_stay_aligned(small):
    from ledger.render.terminal import cell_width

    ledger = small(_many_items(60))
    result = ledger("list", "--as-of", "2024-09-01", lang="zh", env={"COLUMNS": "60"})
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "编号  反馈问题                 牵头部门  整改时限    状态",
        "────  ───────────────────────  ────────  ──────────  ───────",
        "1-1   园区道路照明不足，夜间   区财政局  2024-08-31  逾期1天",
        "      通行不便，请尽快完善。",
        "1-2   加强政企沟通。           区财政局  2024-08-31  逾期1天",
    ]
    assert lines[-2:] == ["共 60 项 · 未整改 60，整改中 0，已销号 0，逾期 60", "截至 2024-09-01"]
    assert all(cell_width(line) <= 60 for line in lines)  # the footer too, broken between its parts
    # the deadline column starts at the same cell in every row that has one
    starts = {cell_width(line[:line.index("2024-08-31")]) for line in lines if "2024-08-31" in line}
    assert starts == {41}


# --------------------------------------------------------------------------- issue 15: days left, †, kinsoku, counts


def test_due_soon_shows_days_left(shipped):
    result = shipped("list", "--due-soon", "30", "--as-of", "2024-08-28", "--search", "拖欠", env={"COLUMNS": "80"})
    assert result.stdout == """\
┏━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━┓
┃ ID  ┃ Feedback                   ┃ Lead     ┃ Deadline   ┃ Status      ┃
┡━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━┩
│ 2-8 │ 对于单位拖欠款项需要改进。 │ 区财政局 │ 2024-08-31 │ 3 days left │
└─────┴────────────────────────────┴──────────┴────────────┴─────────────┘
1 item · open 1, in progress 0, closed 0, overdue 0 · as of 2024-08-28
"""
    zh = shipped("list", "--due-soon", "30", "--as-of", "2024-08-30", "--search", "拖欠", lang="zh",
                 env={"COLUMNS": "80"})
    assert "│ 剩1天 │" in zh.stdout
    today = shipped("list", "--due-soon", "0", "--as-of", "2024-08-31", "--search", "拖欠", env={"COLUMNS": "80"})
    assert "│ due today │" in today.stdout


def test_an_extended_deadline_is_explained(shipped):
    shipped("extend", "2-8", "--to", "2024-12-31", "--reason", "资金分批到位", "--date", "2024-08-20")
    result = shipped("list", "--dept", "财政局", "--as-of", "2024-09-01", env={"COLUMNS": "80"})
    assert result.stdout.splitlines()[-2:] == [
        "2 items · open 2, in progress 0, closed 0, overdue 0 · as of 2024-09-01",
        "† the deadline was extended: ledger show ID gives the original",
    ]
    zh = shipped("list", "--dept", "财政局", "--as-of", "2024-09-01", lang="zh", env={"COLUMNS": "80"})
    assert zh.stdout.splitlines()[-1] == "† 已延期：原时限见 ledger show 编号"
    plain = shipped("list", "--dept", "财政局", "--as-of", "2024-07-01", env={"COLUMNS": "80"})
    assert "†" not in plain.stdout  # no extension in force yet: no footnote


def test_wrapped_feedback_never_starts_a_line_with_a_full_stop(small):
    text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥。"
    ledger = small(f'items:\n  - id: "1-1"\n    question: 1\n    text: "{text}"\n    lead: 区财政局\n'
                   f'    responsible: [区财政局]\n    deadline: 2024-08-31\n    status: open\n')
    for columns in ("60", "61", "62", "63", "64", "65", "66", "67", "68", "69", "70", "80", "100"):
        for lang in ("en", "zh"):
            lines = ledger("list", "--as-of", "2024-09-01", lang=lang, env={"COLUMNS": columns}).stdout.splitlines()
            starts = [line.split("│")[2].strip()[:1] for line in lines if line.startswith("│")]
            assert "。" not in starts, (columns, lang)


def test_one_item_and_one_row_are_singular(shipped):
    one = shipped("list", "--search", "拖欠", "--as-of", "2024-09-01")
    assert one.stdout.splitlines()[-1].startswith("1 item · ")
    two = shipped("list", "--dept", "财政局", "--limit", "1", "--as-of", "2024-09-01")
    assert two.stderr == "1 more row not shown: use --all or --limit N\n"
    assert two.stdout.splitlines()[-1].startswith("1 of 2 items shown · ")
    zh = shipped("list", "--search", "拖欠", "--as-of", "2024-09-01", lang="zh")
    assert zh.stdout.splitlines()[-1].startswith("共 1 项 · ")


def test_history_table_is_padded(shipped):
    shipped("progress", "2-8", "已拨付第一批款项", "--date", "2024-07-15", "--by", "李四")
    result = shipped("show", "2-8", "--as-of", "2024-09-01", env={"COLUMNS": "80"})
    assert result.stdout.split("History")[1] == """\
                                            
┏━━━━━━━━━━━━┳━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Date       ┃ Record   ┃ Details                 ┃
┡━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ 2024-07-15 │ Progress │ 已拨付第一批款项 — 李四 │
└────────────┴──────────┴─────────────────────────┘
as of 2024-09-01
"""
