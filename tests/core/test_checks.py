"""ledger.core.checks: each cross-record rule on small hand-built records, exact findings."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import pytest

from ledger import i18n
from ledger.core.checks import (
    Finding,
    PlacedItem,
    check_consistency,
    check_ids,
    check_questions,
    check_texts,
    check_unique_units,
    check_units_exist,
    run_all,
    unit_lookup,
)
from ledger.core.model import CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote, Reopening, Unit
from ledger.i18n import Message

D = date
FIN, ENV, PARKS = "区财政局", "区建设环保局", "各园区指挥部"
UNITS = [Unit(FIN, "district", aliases=("财政局",)), Unit(ENV, "district"), Unit(PARKS, "group")]
SHA = "0" * 64


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


def make(**kw: Any) -> Item:
    base: dict[str, Any] = {"id": "1-1", "text": "审批时限过长。", "lead": FIN, "responsible": (FIN,),
                            "deadline": D(2024, 6, 30)}
    return Item(**(base | kw))


def placed(*items: Item, file: int = 0, batch_date: date | None = None) -> list[PlacedItem]:
    return [PlacedItem(item, file, n, batch_date) for n, item in enumerate(items)]


def closed(*evidence: Evidence) -> CloseOut:
    return CloseOut(date=D(2024, 6, 20), by="区营商办", evidence=evidence)


def plain(findings: Iterable[Finding]) -> list[tuple[int, tuple[Any, ...], str, str | None]]:
    out = []
    for f in findings:
        assert isinstance(f.message, Message)  # translated when shown, not when found
        out.append((f.file, f.path, str(f.message), f.item))
    return out


def where(p: PlacedItem) -> str:
    return f"file {p.file} #{p.index}"


# ----------------------------------------------------------------------------- units

def test_unit_lookup_maps_names_and_aliases() -> None:
    table = unit_lookup(UNITS)
    assert {k: v.name for k, v in table.items()} == {FIN: FIN, "财政局": FIN, ENV: ENV, PARKS: PARKS}


@pytest.mark.parametrize(("units", "expected"), [
    (UNITS, []),
    ([Unit(FIN, "district"), Unit(FIN, "city")],
     [(-1, ("units", 1, "name"), "duplicate unit name or alias '区财政局' (also '区财政局')", None)]),
    ([Unit(FIN, "district", aliases=("财政局",)), Unit("财政局", "district")],
     [(-1, ("units", 1, "name"), "duplicate unit name or alias '财政局' (also '区财政局')", None)]),
    ([Unit("区发展改革局", "district"), Unit(ENV, "district", aliases=("环保局", "区发展改革局"))],
     [(-1, ("units", 1, "aliases", 1), "duplicate unit name or alias '区发展改革局' (also '区发展改革局')", None)]),
    ([Unit(FIN, "district", aliases=("财政", "财政"))],
     [(-1, ("units", 0, "aliases", 1), "duplicate unit name or alias '财政' (also '区财政局')", None)]),
])
def test_check_unique_units(units: list[Unit], expected: list[Any]) -> None:
    assert plain(check_unique_units(units)) == expected


# ----------------------------------------------------------------------------- ids

@pytest.mark.parametrize("item_id", ["1-1", "2-15", "N-1", "2024a-3", "7"])
def test_check_ids_accepts(item_id: str) -> None:
    assert plain(check_ids(placed(make(id=item_id)), where)) == []


@pytest.mark.parametrize("item_id", ["2 8", "2-", "-1", "2--8", "2_8", "２-８", "", "1-1 "])
def test_check_ids_rejects(item_id: str) -> None:
    assert plain(check_ids(placed(make(id=item_id)), where)) == [
        (0, ("items", 0, "id"), f"invalid id {item_id!r}: use letters, digits and dashes, such as 2-8", item_id)]


def test_check_ids_duplicates_name_the_first() -> None:
    items = placed(make(id="1-1"), make(id="1-2")) + placed(make(id="1-3"), make(id="1-1"), make(id="1-2"), file=1)
    assert plain(check_ids(items, where)) == [
        (1, ("items", 1, "id"), "duplicate id '1-1' (first at file 0 #0)", "1-1"),
        (1, ("items", 2, "id"), "duplicate id '1-2' (first at file 0 #1)", "1-2"),
    ]


def test_check_ids_invalid_and_duplicate() -> None:
    assert plain(check_ids(placed(make(id="a b"), make(id="a b")), where)) == [
        (0, ("items", 0, "id"), "invalid id 'a b': use letters, digits and dashes, such as 2-8", "a b"),
        (0, ("items", 1, "id"), "invalid id 'a b': use letters, digits and dashes, such as 2-8", "a b"),
        (0, ("items", 1, "id"), "duplicate id 'a b' (first at file 0 #0)", "a b"),
    ]


# ----------------------------------------------------------------------------- units exist

@pytest.mark.parametrize(("item", "expected"), [
    (make(lead=FIN, responsible=(FIN, ENV, PARKS)), []),
    (make(lead="财政局", responsible=("财政局",)), [  # an alias is for typing; the file names the unit
        (0, ("items", 0, "lead"), "'财政局' is an alias of '区财政局': write the unit's name", "1-1"),
        (0, ("items", 0, "responsible", 0), "'财政局' is an alias of '区财政局': write the unit's name", "1-1")]),
    (make(lead="", responsible=(FIN,)), []),  # an empty name is check_texts' business
    (make(lead="区财政", responsible=(FIN,)),
     [(0, ("items", 0, "lead"), "unknown unit '区财政'; did you mean 区财政局?", "1-1")]),
    # suggestions are canonical names, never an alias (财政局 would be the closer match)
    (make(lead=FIN, responsible=(ENV, "财政")),
     [(0, ("items", 0, "responsible", 1), "unknown unit '财政'; did you mean 区财政局?", "1-1")]),
    (make(lead=FIN, responsible=("市公交分公司",)),
     [(0, ("items", 0, "responsible", 0), "unknown unit '市公交分公司'", "1-1")]),
    (make(lead=FIN, responsible=(FIN, ENV, FIN)),
     [(0, ("items", 0, "responsible", 2), "responsible units list '区财政局' twice", "1-1")]),
    (make(lead="区交通局", responsible=("区交通局", "区交通局")), [
        (0, ("items", 0, "lead"), "unknown unit '区交通局'; did you mean 区财政局?", "1-1"),
        (0, ("items", 0, "responsible", 0), "unknown unit '区交通局'; did you mean 区财政局?", "1-1"),
        (0, ("items", 0, "responsible", 1), "responsible units list '区交通局' twice", "1-1"),
        (0, ("items", 0, "responsible", 1), "unknown unit '区交通局'; did you mean 区财政局?", "1-1"),
    ]),
])
def test_check_units_exist(item: Item, expected: list[Any]) -> None:
    assert plain(check_units_exist(placed(item), UNITS)) == expected


def test_check_units_exist_names_the_file_and_position() -> None:
    items = placed(make(id="3-1"), make(id="3-2", lead="区建设局"), file=2)
    assert plain(check_units_exist(items, UNITS)) == [
        (2, ("items", 1, "lead"), "unknown unit '区建设局'; did you mean 区建设环保局?", "3-2")]


def test_check_units_exist_with_no_units_suggests_nothing() -> None:
    assert plain(check_units_exist(placed(make()), [])) == [
        (0, ("items", 0, "lead"), "unknown unit '区财政局'", "1-1"),
        (0, ("items", 0, "responsible", 0), "unknown unit '区财政局'", "1-1"),
    ]


# ----------------------------------------------------------------------------- texts

@pytest.mark.parametrize(("item", "paths"), [
    (make(), []),
    (make(text="  \n"), [("items", 0, "text")]),
    (make(lead=""), [("items", 0, "lead")]),
    (make(responsible=()), [("items", 0, "responsible")]),
    (make(progress=(ProgressNote(D(2024, 6, 1), "开会"), ProgressNote(D(2024, 6, 2), " "))),
     [("items", 0, "progress", 1, "text")]),
    (make(text="", lead=" ", responsible=(), progress=(ProgressNote(D(2024, 6, 1), ""),)),
     [("items", 0, "text"), ("items", 0, "lead"), ("items", 0, "progress", 0, "text"), ("items", 0, "responsible")]),
])
def test_check_texts(item: Item, paths: list[tuple[Any, ...]]) -> None:
    assert plain(check_texts(placed(item))) == [(0, p, "must not be empty", "1-1") for p in paths]


# ----------------------------------------------------------------------------- consistency

GOOD_CLOSE = closed(Evidence(text="整改报告"), Evidence(file="evidence/1-1/report.pdf", size=10, sha256=SHA))
EV = ("items", 0, "closed", "evidence")


@pytest.mark.parametrize(("item", "expected"), [
    (make(), []),
    (make(status="closed", closed=GOOD_CLOSE), []),
    (make(status="in_progress", progress=(ProgressNote(D(2024, 6, 1), "开会"),)), []),
    (make(status="closed"), [(("items", 0, "status"), "status is closed but there is no close-out record")]),
    (make(status="open", closed=GOOD_CLOSE), [(("items", 0, "status"), "a close-out is recorded but status is 'open'")]),
    (make(status="in_progress", closed=GOOD_CLOSE),
     [(("items", 0, "status"), "a close-out is recorded but status is 'in_progress'"),
      (("items", 0, "status"), "status is in_progress but there is no progress note")]),
    (make(status="in_progress"), [(("items", 0, "status"), "status is in_progress but there is no progress note")]),
    (make(status="closed", closed=closed()), [(EV, "a close-out needs at least one piece of evidence")]),
    (make(status="closed", closed=closed(Evidence(text="ok"), Evidence())),
     [((*EV, 1), "evidence needs either text or file")]),
    (make(status="closed", closed=closed(Evidence(text="报告", file="evidence/a.pdf", size=1, sha256=SHA))),
     [((*EV, 0), "evidence has both text and file")]),
    (make(status="closed", closed=closed(Evidence(file="evidence/a.pdf", size=1))),
     [((*EV, 0), "evidence file needs size and sha256")]),
    (make(status="closed", closed=closed(Evidence(file="evidence/a.pdf", sha256=SHA))),
     [((*EV, 0), "evidence file needs size and sha256")]),
    (make(status="closed", closed=closed(Evidence(text=" "))), [((*EV, 0, "text"), "must not be empty")]),
    (make(status="closed", closed=closed(Evidence(file="../a.pdf", size=1, sha256=SHA))),
     [((*EV, 0, "file"), "evidence path ../a.pdf leaves the evidence folder")]),
    (make(status="closed", closed=closed(Evidence(file="/etc/passwd", size=1, sha256=SHA))),
     [((*EV, 0, "file"), "evidence path /etc/passwd leaves the evidence folder")]),
    (make(status="closed", closed=closed(Evidence(file="evidence/../items.yaml", size=1, sha256=SHA))),
     [((*EV, 0, "file"), "evidence path evidence/../items.yaml leaves the evidence folder")]),
    (make(status="closed", closed=closed(Evidence(file="docs/a.pdf", size=1, sha256=SHA))),
     [((*EV, 0, "file"), "evidence path docs/a.pdf leaves the evidence folder")]),
    (make(status="closed", closed=closed(Evidence(file="../a.pdf"))), [  # both rules apply
        ((*EV, 0), "evidence file needs size and sha256"),
        ((*EV, 0, "file"), "evidence path ../a.pdf leaves the evidence folder")]),
    (make(history=(PastCloseOut(closed(), Reopening(D(2024, 7, 1), "回头看")),)),
     [(("items", 0, "history", 0, "closed", "evidence"), "a close-out needs at least one piece of evidence")]),
])
def test_check_consistency(item: Item, expected: list[Any]) -> None:
    assert plain(check_consistency(placed(item))) == [(0, path, text, "1-1") for path, text in expected]


@pytest.mark.parametrize(("batch_date", "expected"), [
    (None, []),
    (D(2024, 6, 20), []),  # the same day is fine
    (D(2024, 6, 21), [(("items", 0, "closed", "date"),
                       "the close-out date 2024-06-20 is before the item's batch date 2024-06-21")]),
])
def test_check_consistency_close_out_not_before_the_batch(batch_date: date | None, expected: list[Any]) -> None:
    item = make(status="closed", closed=GOOD_CLOSE)
    assert plain(check_consistency(placed(item, batch_date=batch_date))) == [(0, p, t, "1-1") for p, t in expected]


def ext(day: date, to: date, previous: Any) -> Extension:
    return Extension(date=day, to=to, reason="资金未到位", previous=previous)


@pytest.mark.parametrize(("item", "expected"), [
    (make(extensions=(ext(D(2024, 6, 20), D(2024, 8, 31), D(2024, 6, 30)),
                      ext(D(2024, 8, 20), D(2024, 12, 31), D(2024, 8, 31)))), []),
    (make(deadline="ongoing", extensions=(ext(D(2024, 6, 20), D(2024, 8, 31), "ongoing"),)), []),
    (make(extensions=(ext(D(2024, 6, 20), D(2024, 8, 31), D(2024, 7, 31)),)),
     [(("items", 0, "extensions", 0, "previous"),
       "extension's previous deadline 2024-07-31 does not match the deadline then in force 2024-06-30")]),
    (make(extensions=(ext(D(2024, 6, 20), D(2024, 8, 31), "ongoing"),)),
     [(("items", 0, "extensions", 0, "previous"),
       "extension's previous deadline ongoing does not match the deadline then in force 2024-06-30")]),
    (make(extensions=(ext(D(2024, 6, 20), D(2024, 8, 31), D(2024, 6, 30)),
                      ext(D(2024, 8, 20), D(2024, 12, 31), D(2024, 6, 30)))),
     [(("items", 0, "extensions", 1, "previous"),
       "extension's previous deadline 2024-06-30 does not match the deadline then in force 2024-08-31")]),
    (make(extensions=(ext(D(2024, 7, 10), D(2024, 8, 31), D(2024, 6, 30)),
                      ext(D(2024, 7, 1), D(2024, 9, 30), D(2024, 8, 31)))),
     [(("items", 0, "extensions", 1, "date"), "extensions must be in date order")]),
    (make(extensions=(ext(D(2024, 7, 10), D(2024, 8, 31), D(2024, 6, 30)),
                      ext(D(2024, 7, 10), D(2024, 9, 30), D(2024, 8, 31)))), []),  # same day is in order
])
def test_check_consistency_extensions_chain(item: Item, expected: list[Any]) -> None:
    assert plain(check_consistency(placed(item))) == [(0, p, t, "1-1") for p, t in expected]


# ----------------------------------------------------------------------------- questions

@pytest.mark.parametrize(("question", "prompts", "expected"), [
    (1, {"1": "哪些单位需要改进", "2": "其他意见建议"}, []),
    (None, {"1": "哪些单位需要改进"}, []),
    (3, {}, []),  # a file without prompts asks nothing
    (3, {"1": "哪些单位需要改进", "2": "其他意见建议"},
     [(0, ("items", 0, "question"), "question 3 has no prompt in questions:", "1-1")]),
])
def test_check_questions(question: int | None, prompts: dict[str, str], expected: list[Any]) -> None:
    assert plain(check_questions(placed(make(question=question)), [prompts])) == expected


def test_check_questions_reads_each_files_own_prompts() -> None:
    items = placed(make(id="1-1", question=2)) + placed(make(id="9-1", question=2), file=1)
    assert plain(check_questions(items, [{"1": "a", "2": "b"}, {"1": "a"}])) == [
        (1, ("items", 0, "question"), "question 2 has no prompt in questions:", "9-1")]


# ----------------------------------------------------------------------------- run_all

def test_run_all_collects_every_rule_in_order() -> None:
    units = [*UNITS, Unit(FIN, "city")]
    items = placed(
        make(id="1-1", question=5),
        make(id="1-1", text=" ", lead="区财政", status="closed"),
    ) + placed(make(id="x y", status="in_progress"), file=1)
    assert plain(run_all(items, units, [{"1": "prompt"}, {}], where)) == [
        (-1, ("units", 3, "name"), "duplicate unit name or alias '区财政局' (also '区财政局')", None),
        (0, ("items", 1, "id"), "duplicate id '1-1' (first at file 0 #0)", "1-1"),
        (1, ("items", 0, "id"), "invalid id 'x y': use letters, digits and dashes, such as 2-8", "x y"),
        (0, ("items", 1, "lead"), "unknown unit '区财政'; did you mean 区财政局?", "1-1"),
        (0, ("items", 1, "text"), "must not be empty", "1-1"),
        (0, ("items", 1, "status"), "status is closed but there is no close-out record", "1-1"),
        (1, ("items", 0, "status"), "status is in_progress but there is no progress note", "x y"),
        (0, ("items", 0, "question"), "question 5 has no prompt in questions:", "1-1"),
    ]


def test_run_all_on_a_clean_ledger_finds_nothing() -> None:
    items = placed(make(id="1-1", question=1), make(id="1-2", question=1, lead=FIN, responsible=(FIN, PARKS),
                                                     status="closed", closed=GOOD_CLOSE), batch_date=D(2024, 5, 22))
    assert run_all(items, UNITS, [{"1": "prompt"}], where) == []


def test_messages_translate_when_shown() -> None:
    [finding] = check_texts(placed(make(text="")))
    assert str(finding.message) == "must not be empty"
    i18n.set_language("zh")
    assert str(finding.message) == "不能为空"
