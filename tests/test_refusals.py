"""A refused change names the field in the words of whoever asked: ``--date`` on the command line,
``销号时间`` in a spreadsheet; the domain code itself names neither."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from ledger import i18n
from ledger.core import actions
from ledger.core.model import Evidence, Item
from ledger.errors import Refused
from test_excel import edit, export, row_number

ITEM = Item(id="2-8", text="对于单位拖欠款项需要改进。", lead="区财政局", responsible=("区财政局",),
            deadline=date(2024, 8, 31))
TODAY = date(2024, 9, 10)


@pytest.fixture(autouse=True)
def _english():
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.mark.parametrize("change, fields, message", [
    (lambda: actions.close(ITEM, day=date(2024, 9, 11), by="张三", evidence=[Evidence(text="凭证")], note=None,
                           today=TODAY, batch_date=None),
     {"what": "date"}, "date 2024-09-11 is in the future (today is 2024-09-10)"),
    (lambda: actions.close(ITEM, day=TODAY, by=" ", evidence=[Evidence(text="凭证")], note=None, today=TODAY,
                           batch_date=None),
     {"what": "by"}, "by must not be empty"),
    (lambda: actions.close(ITEM, day=TODAY, by="张三", evidence=[], note=None, today=TODAY, batch_date=None),
     {"what": "evidence"}, "item 2-8: a close-out needs evidence (evidence)"),
    (lambda: actions.progress(ITEM, text="走访", day=date(2024, 5, 1), by=None, today=TODAY,
                              batch_date=date(2024, 5, 22)),
     {"what": "date"}, "date 2024-05-01 is before the batch date 2024-05-22"),
    (lambda: actions.extend(ITEM, to=date(2024, 8, 1), reason="资金未到位", approved_by=None, day=TODAY, today=TODAY,
                            batch_date=None),
     {"what": "to"}, "to 2024-08-01 is not later than the deadline in force (2024-08-31)"),
    (lambda: actions.new_item(item_id="9-1", text="新问题。", lead="区财政局", responsible=[], deadline="ongoing",
                              question=None, source=None, leader=None, and_others=False),
     {"what": "question", "other": "source"}, "a new item needs question or source"),
])
def test_actions_refuse_in_domain_words(change, fields, message):  # type: ignore[no-untyped-def]
    with pytest.raises(Refused) as caught:
        change()
    assert caught.value.fields == fields
    assert str(caught.value.named({})) == message
    assert "--" not in message


def test_the_caller_names_the_field():
    with pytest.raises(Refused) as caught:
        actions.close(ITEM, day=date(2024, 9, 11), by="张三", evidence=[Evidence(text="凭证")], note=None, today=TODAY,
                      batch_date=None)
    assert str(caught.value.named({"date": "销号时间"})) == "销号时间 2024-09-11 is in the future (today is 2024-09-10)"
    i18n.set_language("zh")
    assert str(caught.value.named({"date": "销号时间"})) == "销号时间 2024-09-11 是将来的日期（今天是 2024-09-10）"


@pytest.mark.parametrize("args, code, message", [
    (["close", "2-8", "--evidence", "凭证", "--by", "张三", "--date", "2024-09-11"], 1,
     "Error: --date 2024-09-11 is in the future (today is 2024-09-10)\n"),
    # An empty argument is a usage error, as a missing one is.
    (["progress", "2-8", " ", "--date", "2024-09-01"], 2, "Error: TEXT must not be empty\n"),
    (["extend", "2-8", "--to", "2024-08-01", "--reason", "资金未到位"], 1,
     "Error: --to 2024-08-01 is not later than the deadline in force (2024-08-31)\n"),
])
def test_the_command_line_says_the_option(shipped, args, code, message):  # type: ignore[no-untyped-def]
    before = shipped.snapshot()
    result = shipped(*args)
    assert result.exit_code == code
    assert result.stderr == message
    assert shipped.snapshot() == before


def test_an_import_names_the_column_not_an_option(shipped, tmp_path: Path):
    path = export(shipped, tmp_path)

    def future_close(ws):  # type: ignore[no-untyped-def]
        r = row_number(ws, "2-8")
        ws.cell(r, 8).value = "已销号，销号人：张三"
        ws.cell(r, 9).value = datetime(2024, 9, 11)
        ws.cell(r, 10).value = "拨付凭证"

    edit(path, future_close)
    before = shipped.snapshot()
    result = shipped("import", str(path))
    where = f"{path.relative_to(shipped.root)}:整改台账"
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{where}:{row_number_of(path, '2-8')}:I: item 2-8: 销号时间: 销号时间 2024-09-11 is in the future (today is 2024-09-10)",
        f"Error: 1 row of {path.relative_to(shipped.root)} has problems; nothing was written",
    ]
    assert shipped.snapshot() == before


def row_number_of(path: Path, item_id: str) -> int:
    import openpyxl

    return row_number(openpyxl.load_workbook(path)["整改台账"], item_id)
