"""store.plain_blocks: a plain change's block, emitted without ruamel, is byte for byte ruamel's."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.core import actions
from ledger.core.model import Evidence, Item
from ledger.core.serialize import NotPlain, item_from_data, item_to_data
from ledger.errors import Refused
from ledger.store import blocks, plain_blocks
from ledger.store.readback import WRAPPER, reads_back
from ledger.store.yamlio import parse

BLOCK = '''  - id: "2-8"
    question: 2
    text: "请加快拨付进度。"
    lead: 区财政局
    responsible: [区财政局, 区建设环保局]
    deadline: 2024-08-31
    status: in_progress
    progress:
      - date: 2024-07-15
        text: "已拨付第一批款项"
        by: 李四
'''
TODAY = date(2025, 1, 31)

names = st.one_of(st.sampled_from(["张三", "区营商办", "王五", "yes", "on", "Zhang San", "李四 ", "1:20", "2024-09-01",
                                   "a: b", "# 注", "'引'", '"引"', "in_progress", "null", "区财政局（代）"]),
                  st.text(min_size=1, max_size=12))
texts = st.one_of(st.sampled_from(["已完成整改", '含"引号"', "反斜杠\\", "a: b #c", "第一行\n第二行", "  前后空格  "]),
                  st.text(min_size=1, max_size=40))
days = st.dates(min_value=date(2024, 9, 1), max_value=date(2025, 1, 31))


def _item(block: str = BLOCK) -> Item:
    return item_from_data(parse(WRAPPER + block).data["items"][0])


def _both(block: str, old: Item, new: Item) -> tuple[str | None, str]:
    return plain_blocks.rewrite(block, item_to_data(old), item_to_data(new), 2), blocks.rewrite(block, item_to_data(new))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(["progress", "extend", "close"]), by=names, text=texts, day=days)
def test_the_plain_block_is_ruamels_block_or_none(kind: str, by: str, text: str, day: date) -> None:
    old = _item()
    try:
        if kind == "progress":
            new = actions.progress(old, text=text, day=day, by=by, today=TODAY, batch_date=None)
        elif kind == "extend":
            new = actions.extend(old, to=date(2025, 6, 30), reason=text, approved_by=by, day=day, today=TODAY,
                                 batch_date=None)
        else:
            new = actions.close(old, day=day, by=by, evidence=[Evidence(text=text)], note=text, today=TODAY,
                                batch_date=None)
    except Refused:
        return
    plain, ruamel = _both(BLOCK, old, new)
    if plain is not None:
        assert plain == ruamel
        assert reads_back(plain, new)


def test_the_common_changes_are_plain() -> None:
    old = _item()
    new = actions.progress(old, text="已拨付第二批款项", day=date(2024, 9, 1), by="李四", today=TODAY, batch_date=None)
    assert _both(BLOCK, old, new)[0] == BLOCK + '''      - date: 2024-09-01
        text: "已拨付第二批款项"
        by: 李四
        recorded: 2025-01-31
'''
    closed = actions.close(old, day=date(2024, 9, 5), by="张三", evidence=[Evidence(text="拨付率99.5%")], note=None,
                           today=TODAY, batch_date=None)
    plain, ruamel = _both(BLOCK, old, closed)
    assert plain == ruamel == BLOCK.replace("status: in_progress", "status: closed") + '''    closed:
      date: 2024-09-05
      by: 张三
      evidence:
        - text: "拨付率99.5%"
      late: true
      recorded: 2025-01-31
'''


@pytest.mark.parametrize(("block", "plain"), [
    (BLOCK.replace("        by: 李四\n", "        by: 李四  # 区财政局\n"), True),  # a comment after the list
    (BLOCK.replace('    text: "请加快拨付进度。"\n', "    text: |\n      请加快拨付进度。\n"), True),  # untouched
    (BLOCK.replace("    progress:\n", "    # 进展\n    progress:\n"), False),  # a comment line among the keys
    (BLOCK.replace("    status: in_progress\n", "    status: in_progress  # 跟踪\n"), False),  # on a changed line
    (BLOCK.replace("    progress:\n", "    progress:  # 进展\n"), False),  # on the list's key
])
def test_comments_and_block_scalars_are_kept_or_left_to_ruamel(block: str, plain: bool) -> None:
    old = _item(block)
    new = actions.close(old, day=date(2024, 9, 1), by="李四", evidence=[Evidence(text="凭证")], note=None,
                        today=TODAY, batch_date=None) if "跟踪" in block else \
        actions.progress(old, text="进展", day=date(2024, 9, 1), by="李四", today=TODAY, batch_date=None)
    got, ruamel = _both(block, old, new)
    assert got == (ruamel if plain else None)


def test_a_removed_key_is_left_to_ruamel() -> None:
    old = actions.close(_item(), day=date(2024, 9, 5), by="张三", evidence=[Evidence(text="凭证")], note=None,
                        today=TODAY, batch_date=None)
    block = blocks.rewrite(BLOCK, item_to_data(old))
    reopened = actions.reopen(old, reason="回头看", by="甲", day=date(2024, 10, 1), today=TODAY)
    assert plain_blocks.rewrite(block, item_to_data(old), item_to_data(reopened), 2) is None


@pytest.mark.parametrize(("field", "value"), [
    ("question", '"2"'),  # a number written as text: the validator would coerce it
    ("deadline", "2024-8-31"),  # not YYYY-MM-DD
    ("status", "finished"),  # not a status
    ("and_others", '"yes"'),  # not a boolean
    ("unknown", "x"),  # not a field
])
def test_item_from_data_is_strict(field: str, value: str) -> None:
    block = BLOCK.replace("    lead: 区财政局\n", f"    lead: 区财政局\n    {field}: {value}\n") \
        if field in ("and_others", "unknown") else \
        "\n".join(f"    {field}: {value}" if line.startswith(f"    {field}:") else line for line in BLOCK.split("\n"))
    with pytest.raises(NotPlain):
        item_from_data(parse(WRAPPER + block).data["items"][0])


def test_item_from_data_is_the_validators_item(tmp_path: object) -> None:
    from ledger.store.validate import validate

    raw = parse(WRAPPER + BLOCK).data["items"][0]
    validated, errors = validate(Item, raw)
    assert not errors
    assert item_from_data(raw) == validated
