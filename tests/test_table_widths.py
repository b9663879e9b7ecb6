"""Terminal tables at 60, 80 and 100 columns, in Chinese and English (issue 15): every table fits
the width, numbers and headers are never cut (text columns wrap or shrink first), and wrapped
Chinese never starts a line with closing punctuation."""

from __future__ import annotations

import json
import re

import pytest

from ledger.render.terminal import CLOSING, cell_width, wrap

WIDTHS = ["60", "80", "100"]
LANGS = ["en", "zh"]
GROUPINGS = ["lead", "responsible", "question", "deadline"]


def _lines_fit(text: str, width: int) -> None:
    too_wide = [line for line in text.splitlines() if cell_width(line) > width]
    assert too_wide == []


# --------------------------------------------------------------------------- wrap: kinsoku, words


@pytest.mark.parametrize("width", range(6, 31))  # narrower cannot hold 见）：
def test_wrap_never_starts_a_line_with_closing_punctuation(width):
    text = "希望市教育局加大力度监管各学校，在提升教学质量的同时，多关注学生心理健康。（以上为意见）：完、毕；了。"
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert all(cell_width(line) <= width for line in lines)
    assert [line for line in lines[1:] if line[:1] in CLOSING] == []


def test_wrap_keeps_a_full_stop_with_the_character_before_it():
    # 13 characters fill a line of 26 cells exactly; the 。 must not stand alone on the next one
    assert wrap("一二三四五六七八九十甲乙丙。", 26) == ["一二三四五六七八九十甲乙", "丙。"]


def test_wrap_breaks_english_between_words():
    assert wrap("On time", 4) == ["On", "time"]
    assert wrap("deadline 2024-08-31 → 2024-12-31: 资金", 20) == ["deadline 2024-08-31", "→ 2024-12-31: 资金"]


# --------------------------------------------------------------------------- report


REPORT_80_EN_LEAD = """\
                                                               Due
Lead unit         Items  Closed  On time  Late  Open  Overdue  30d  Stale  Rate
───────────────────────────────────────────────────────────────────────────────
区社会事务保障局      6       0        0     0     6        5    0      1  0.0%
区行政审批局          4       0        0     0     4        1    0      3  0.0%
区应急管理局          2       0        0     0     2        1    0      1  0.0%
区市场监管分局        2       0        0     0     2        1    0      1  0.0%
区财政局              1       0        0     0     1        1    0      0  0.0%
区营商办              7       0        0     0     7        0    0      7  0.0%
各园区指挥部          3       0        0     0     3        0    0      3  0.0%
区投诉举报中心        3       0        0     0     3        0    0      3  0.0%
区建设环保局          2       0        0     0     2        0    0      2  0.0%
市交警四大队          1       0        0     0     1        0    0      1  0.0%
区天然气分公司        1       0        0     0     1        0    0      1  0.0%
区经济商务局          1       0        0     0     1        0    0      0  0.0%
───────────────────────────────────────────────────────────────────────────────
Total                33       0        0     0    33        9    0     23  0.0%
as of 2024-09-01 · by lead unit, slowest first
On time / Late: closed on time / after the deadline
Due 30d: due within 30 days · Stale: ongoing, no progress note in 30 days
Lights and requests for sign-off: in a wider terminal, or --format csv
"""

REPORT_60_ZH_QUESTION = """\
问题
类别    事项 已销号 按期 超期 未销号 逾期 临期 无进展 销号率
────────────────────────────────────────────────────────────
问题1     18      0    0    0     18    6    0     12   0.0%
问题2     15      0    0    0     15    3    0     11   0.0%
────────────────────────────────────────────────────────────
合计      33      0    0    0     33    9    0     23   0.0%
截至 2024-09-01 · 按问题类别，慢者在前
按期/超期：按期/超期销号 · 临期：30天内到期
无进展：长期坚持事项30天内无进展记录
亮灯与销号申请：终端更宽时显示，或用 --format csv
"""

REPORT_60_EN_DEADLINE = """\
                          On           Past Due
Deadline   Items Closed time Late Open  due 30d Stale Rate
──────────────────────────────────────────────────────────
2024-06-30     2      0    0    0    2    2   0     0 0.0%
2024-08-31     7      0    0    0    7    7   0     0 0.0%
2024-12-31     1      0    0    0    1    0   0     0 0.0%
ongoing       23      0    0    0   23    0   0    23 0.0%
──────────────────────────────────────────────────────────
Total         33      0    0    0   33    9   0    23 0.0%
as of 2024-09-01 · by deadline, in date order
On time / Late: closed on time / after the deadline
Due 30d: due within 30 days
Stale: ongoing, no progress note in 30 days
Lights and requests for sign-off: in a wider terminal, or
--format csv
"""

REPORT_110_EN_LEAD = """\
Lead unit         Items  Closed  On time  Late  Open  Overdue  Due 30d  Stale  Rate  R   Y  B  Rev  Ret
───────────────────────────────────────────────────────────────────────────────────────────────────────
区社会事务保障局      6       0        0     0     6        5        0      1  0.0%  5   1  0    0    0
区行政审批局          4       0        0     0     4        1        0      3  0.0%  1   3  0    0    0
区应急管理局          2       0        0     0     2        1        0      1  0.0%  1   1  0    0    0
区市场监管分局        2       0        0     0     2        1        0      1  0.0%  1   1  0    0    0
区财政局              1       0        0     0     1        1        0      0  0.0%  1   0  0    0    0
区营商办              7       0        0     0     7        0        0      7  0.0%  0   7  0    0    0
各园区指挥部          3       0        0     0     3        0        0      3  0.0%  0   3  0    0    0
区投诉举报中心        3       0        0     0     3        0        0      3  0.0%  0   3  0    0    0
区建设环保局          2       0        0     0     2        0        0      2  0.0%  0   2  0    0    0
市交警四大队          1       0        0     0     1        0        0      1  0.0%  0   1  0    0    0
区天然气分公司        1       0        0     0     1        0        0      1  0.0%  0   1  0    0    0
区经济商务局          1       0        0     0     1        0        0      0  0.0%  0   0  0    0    0
───────────────────────────────────────────────────────────────────────────────────────────────────────
Total                33       0        0     0    33        9        0     23  0.0%  9  23  0    0    0
as of 2024-09-01 · by lead unit, slowest first
On time / Late: closed on time / after the deadline · Due 30d: due within 30 days
Stale: ongoing, no progress note in 30 days
R / Y / B: red, yellow and blue lights (ledger lights)
Rev / Ret: requests for sign-off awaiting review / returned
"""


@pytest.mark.parametrize(
    ("lang", "columns", "by", "expected"),
    [
        ("en", "80", "lead", REPORT_80_EN_LEAD),  # "Due 30d" takes two lines; no unit name is broken
        ("zh", "60", "question", REPORT_60_ZH_QUESTION),  # the text column and its header wrap
        ("en", "60", "deadline", REPORT_60_EN_DEADLINE),  # dates are never broken; "Past due" over two lines
        ("en", "110", "lead", REPORT_110_EN_LEAD),  # wide enough: the lights and the requests for sign-off
    ],
)
def test_report_layout(shipped, lang, columns, by, expected):
    result = shipped("report", "--as-of", "2024-09-01", "--by", by, lang=lang, env={"COLUMNS": columns})
    assert result.stdout == expected


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("by", GROUPINGS)
def test_report_fits_and_never_cuts_a_number_or_header(shipped, columns, lang, by):
    as_of = "2024-09-01"
    result = shipped("report", "--as-of", as_of, "--by", by, lang=lang, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    assert "…" not in result.stdout
    _lines_fit(result.stdout, int(columns))
    rows = json.loads(shipped("report", "--as-of", as_of, "--by", by, "--format", "json", lang=lang).stdout)
    numbers = [token for token in re.findall(r"\d+(?:\.\d+%)?", result.stdout)]
    for row in rows:
        rate = f"{row['close_rate'] * 100:.1f}%"
        assert rate in numbers
        assert str(row["total"]) in numbers


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_report_with_rates_of_two_digits_fits(small, columns, lang):
    ledger = small(_closed_items(12, closed=2))
    result = ledger("report", "--as-of", "2024-09-01", lang=lang, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    assert "16.7%" in result.stdout and "…" not in result.stdout
    _lines_fit(result.stdout, int(columns))


def _closed_items(n: int, closed: int) -> str:
    blocks = []
    for k in range(1, n + 1):
        close = ("    closed:\n      date: 2024-08-01\n      by: 张三\n      evidence:\n      - text: 已完成\n"
                 if k <= closed else "")
        blocks.append(f'  - id: "1-{k}"\n    question: 1\n    text: "加强政企沟通。"\n    lead: 区财政局\n'
                      f'    responsible: [区财政局, 区建设环保局]\n    deadline: 2024-08-31\n'
                      f'    status: {"closed" if k <= closed else "open"}\n{close}')
    return 'questions:\n  "1": "问题一"\nitems:\n' + "\n".join(blocks)


def test_report_by_deadline_is_in_date_order(shipped):
    rows = json.loads(shipped("report", "--as-of", "2024-09-01", "--by", "deadline", "--format", "json").stdout)
    assert [r["unit"] for r in rows] == ["2024-06-30", "2024-08-31", "2024-12-31", "ongoing", "Total"]
    table = shipped("report", "--as-of", "2024-09-01", "--by", "deadline", env={"COLUMNS": "80"}).stdout
    firsts = [line.split()[0] for line in table.splitlines()[2:6]]
    assert firsts == ["2024-06-30", "2024-08-31", "2024-12-31", "ongoing"]


@pytest.mark.parametrize(
    ("lang", "by", "caption"),
    [
        ("en", "lead", "as of 2024-09-01 · by lead unit, slowest first"),
        ("en", "responsible", "as of 2024-09-01 · by responsible unit, slowest first"),
        ("en", "question", "as of 2024-09-01 · by question, slowest first"),
        ("en", "deadline", "as of 2024-09-01 · by deadline, in date order"),
        ("zh", "lead", "截至 2024-09-01 · 按牵头部门，慢者在前"),
        ("zh", "deadline", "截至 2024-09-01 · 按整改时限，按日期先后"),
    ],
)
def test_report_caption_fits_the_grouping(shipped, lang, by, caption):
    result = shipped("report", "--as-of", "2024-09-01", "--by", by, lang=lang, env={"COLUMNS": "100"})
    assert caption in result.stdout.splitlines()


# --------------------------------------------------------------------------- list


def _many_items(n: int, lead: str = "区社会事务保障局") -> str:
    blocks = []
    for k in range(1, n + 1):
        text = "园区道路照明不足，夜间通行不便，请尽快完善。" if k % 2 else "加强政企沟通。"
        blocks.append(f'  - id: "1-{k}"\n    question: 1\n    text: "{text}"\n    lead: {lead}\n'
                      f'    responsible: [{lead}, 区建设环保局]\n    deadline: 2024-02-29\n    status: in_progress\n'
                      f'    progress:\n    - date: 2024-03-01\n      text: 已部署\n'
                      f'    extensions:\n    - date: 2024-02-01\n      to: 2024-03-31\n      reason: 资金\n'
                      f'      previous: 2024-02-29\n')
    return 'questions:\n  "1": "问题一"\nitems:\n' + "\n".join(blocks)


UNITS = """\
units:
  - name: 区社会事务保障局
    kind: district
  - name: 区建设环保局
    kind: district
"""


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_long_listings_fit_the_terminal(small, columns, lang):
    ledger = small(_many_items(60), UNITS)
    result = ledger("list", "--as-of", "2024-09-01", lang=lang, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("2024-03-31†") == 60
    _lines_fit(result.stdout, int(columns))


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_short_listings_fit_the_terminal(small, columns, lang):
    ledger = small(_many_items(3), UNITS)
    result = ledger("list", "--as-of", "2024-09-01", lang=lang, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    _lines_fit(result.stdout, int(columns))
    assert "…" not in result.stdout
