"""ledger.core.query: every question asked of an item as of an explicit day (no clock)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ledger.core.model import CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote, Reopening
from ledger.core.query import (
    Filters,
    closeout_at,
    days_overdue,
    deadline_at,
    involves,
    is_due_soon,
    is_overdue,
    is_stale,
    last_progress,
    natural_key,
    select,
    status_at,
)

D = date
FIN, ENV, PARKS = "区财政局", "区建设环保局", "各园区指挥部"
PROOF = (Evidence(text="整改报告"),)


def make(**kw: Any) -> Item:
    base: dict[str, Any] = {"id": "1-1", "text": "审批时限过长。", "lead": FIN, "responsible": (FIN,),
                            "deadline": D(2024, 6, 30)}
    return Item(**(base | kw))


def closeout(day: date, late: bool = False) -> CloseOut:
    return CloseOut(date=day, by="区营商办", evidence=PROOF, late=late)


def past(closed: date, reopened: date, late: bool = False) -> PastCloseOut:
    return PastCloseOut(closed=closeout(closed, late), reopened=Reopening(date=reopened, reason="回头看：问题仍在"))


def note(day: date, text: str = "召开调度会") -> ProgressNote:
    return ProgressNote(date=day, text=text)


# ----------------------------------------------------------------------------- deadline_at

TWICE_EXTENDED = make(extensions=(
    Extension(date=D(2024, 6, 20), to=D(2024, 8, 31), reason="资金未到位", previous=D(2024, 6, 30)),
    Extension(date=D(2024, 8, 25), to=D(2024, 12, 31), reason="工程量增加", previous=D(2024, 8, 31)),
))


@pytest.mark.parametrize(("as_of", "expected"), [
    (D(2024, 1, 1), D(2024, 6, 30)),
    (D(2024, 6, 19), D(2024, 6, 30)),  # the day before the first approval: the original deadline
    (D(2024, 6, 20), D(2024, 8, 31)),  # in force from its approval date
    (D(2024, 8, 24), D(2024, 8, 31)),
    (D(2024, 8, 25), D(2024, 12, 31)),
    (D(2026, 1, 1), D(2024, 12, 31)),
])
def test_deadline_at_follows_extensions_from_their_approval_date(as_of: date, expected: date) -> None:
    assert deadline_at(TWICE_EXTENDED, as_of) == expected


@pytest.mark.parametrize(("deadline", "as_of"), [
    (D(2024, 6, 30), D(2020, 1, 1)),
    (D(2024, 6, 30), D(2030, 1, 1)),
    ("ongoing", D(2024, 6, 30)),
])
def test_deadline_at_without_extensions_is_the_original(deadline: Any, as_of: date) -> None:
    assert deadline_at(make(deadline=deadline), as_of) == deadline


@pytest.mark.parametrize(("as_of", "expected"), [
    (D(2024, 6, 30), "ongoing"),
    (D(2024, 7, 1), D(2024, 9, 30)),
])
def test_deadline_at_an_ongoing_item_given_a_date(as_of: date, expected: Any) -> None:
    item = make(deadline="ongoing", extensions=(
        Extension(date=D(2024, 7, 1), to=D(2024, 9, 30), reason="改为限期整改", previous="ongoing"),))
    assert deadline_at(item, as_of) == expected


# ----------------------------------------------------------------------------- closeout_at

# closed 7-01, reopened 7-20, closed 8-10, reopened 8-20, closed again 9-01 (late)
REOPENED_TWICE = make(status="closed", closed=closeout(D(2024, 9, 1), late=True),
                      history=(past(D(2024, 7, 1), D(2024, 7, 20)), past(D(2024, 8, 10), D(2024, 8, 20), late=True)))


@pytest.mark.parametrize(("as_of", "expected"), [
    (D(2024, 6, 30), None),
    (D(2024, 7, 1), D(2024, 7, 1)),
    (D(2024, 7, 19), D(2024, 7, 1)),
    (D(2024, 7, 20), None),  # reopened that day
    (D(2024, 8, 9), None),
    (D(2024, 8, 10), D(2024, 8, 10)),
    (D(2024, 8, 19), D(2024, 8, 10)),
    (D(2024, 8, 20), None),
    (D(2024, 8, 31), None),
    (D(2024, 9, 1), D(2024, 9, 1)),
    (D(2025, 1, 1), D(2024, 9, 1)),
])
def test_closeout_at_over_close_outs_and_reopenings(as_of: date, expected: date | None) -> None:
    found = closeout_at(REOPENED_TWICE, as_of)
    assert (found.date if found else None) == expected


def test_closeout_at_returns_the_record_in_force() -> None:
    assert closeout_at(REOPENED_TWICE, D(2024, 8, 15)) is REOPENED_TWICE.history[1].closed
    assert closeout_at(REOPENED_TWICE, D(2024, 9, 15)) is REOPENED_TWICE.closed


@pytest.mark.parametrize(("as_of", "expected"), [(D(2024, 7, 9), None), (D(2024, 7, 10), D(2024, 7, 10))])
def test_closeout_at_a_plain_close_out(as_of: date, expected: date | None) -> None:
    found = closeout_at(make(status="closed", closed=closeout(D(2024, 7, 10))), as_of)
    assert (found.date if found else None) == expected


def test_closeout_at_an_item_reopened_and_not_closed_again() -> None:
    item = make(history=(past(D(2024, 7, 1), D(2024, 7, 20)),))
    assert closeout_at(item, D(2024, 7, 5)) is item.history[0].closed
    assert closeout_at(item, D(2024, 7, 25)) is None


# ----------------------------------------------------------------------------- status_at

# progress 6-10, closed 7-01, reopened 7-20, progress 8-05, closed 9-01: the stored status is closed
LIFE = make(status="closed", progress=(note(D(2024, 6, 10)), note(D(2024, 8, 5))),
            closed=closeout(D(2024, 9, 1)), history=(past(D(2024, 7, 1), D(2024, 7, 20)),))


@pytest.mark.parametrize(("as_of", "expected"), [
    (D(2024, 6, 1), "open"),
    (D(2024, 6, 10), "in_progress"),
    (D(2024, 6, 30), "in_progress"),
    (D(2024, 7, 1), "closed"),
    (D(2024, 7, 19), "closed"),
    (D(2024, 7, 20), "open"),  # the note of 6-10 came before the reopening: it no longer counts
    (D(2024, 8, 4), "open"),
    (D(2024, 8, 5), "in_progress"),
    (D(2024, 8, 31), "in_progress"),
    (D(2024, 9, 1), "closed"),
    (D(2025, 3, 1), "closed"),
])
def test_status_at_rebuilds_the_past_from_dated_records(as_of: date, expected: str) -> None:
    assert status_at(LIFE, as_of) == expected


@pytest.mark.parametrize("status", ["open", "in_progress", "closed"])
def test_status_at_without_events_is_the_stored_status(status: str) -> None:
    assert status_at(make(status=status), D(2024, 1, 1)) == status


@pytest.mark.parametrize(("as_of", "expected"), [
    (D(2024, 6, 30), "open"),
    (D(2024, 7, 1), "in_progress"),
    (D(2024, 8, 1), "in_progress"),
])
def test_status_at_an_item_in_progress(as_of: date, expected: str) -> None:
    assert status_at(make(status="in_progress", progress=(note(D(2024, 7, 1)),)), as_of) == expected


def test_status_at_after_the_last_event_is_the_stored_status() -> None:
    item = make(status="open", history=(past(D(2024, 7, 1), D(2024, 7, 20)),), progress=(note(D(2024, 6, 1)),))
    assert [status_at(item, d) for d in (D(2024, 5, 1), D(2024, 6, 1), D(2024, 7, 1), D(2024, 7, 20))] == [
        "open", "in_progress", "closed", "open"]


# ----------------------------------------------------------------------------- days_overdue / is_overdue

EXTENDED_IN_TIME = make(extensions=(
    Extension(date=D(2024, 6, 25), to=D(2024, 8, 31), reason="资金未到位", previous=D(2024, 6, 30)),))
EXTENDED_LATE = make(extensions=(
    Extension(date=D(2024, 7, 10), to=D(2024, 8, 31), reason="资金未到位", previous=D(2024, 6, 30)),))


@pytest.mark.parametrize(("item", "as_of", "expected"), [
    (make(), D(2024, 6, 29), None),
    (make(), D(2024, 6, 30), None),  # "by" 6-30: the deadline day itself is not overdue
    (make(), D(2024, 7, 1), 1),
    (make(), D(2024, 7, 31), 31),
    (make(), D(2024, 9, 10), 72),
    (make(status="in_progress", progress=(note(D(2024, 6, 1)),)), D(2024, 7, 2), 2),
    (make(deadline="ongoing"), D(2030, 1, 1), None),
    (make(status="closed", closed=closeout(D(2024, 6, 20))), D(2024, 7, 1), None),
    (make(status="closed", closed=closeout(D(2024, 7, 10), late=True)), D(2024, 7, 5), 5),
    (make(status="closed", closed=closeout(D(2024, 7, 10), late=True)), D(2024, 7, 10), None),
    (make(status="closed", closed=closeout(D(2024, 7, 10), late=True)), D(2024, 9, 1), None),
    (make(history=(past(D(2024, 6, 20), D(2024, 7, 5)),)), D(2024, 7, 1), None),  # closed then
    (make(history=(past(D(2024, 6, 20), D(2024, 7, 5)),)), D(2024, 7, 5), 5),  # reopened: late again
    (EXTENDED_IN_TIME, D(2024, 7, 1), None),
    (EXTENDED_IN_TIME, D(2024, 8, 31), None),
    (EXTENDED_IN_TIME, D(2024, 9, 1), 1),
    (EXTENDED_LATE, D(2024, 7, 9), 9),
    (EXTENDED_LATE, D(2024, 7, 10), None),
])
def test_days_overdue(item: Item, as_of: date, expected: int | None) -> None:
    assert days_overdue(item, as_of) == expected
    assert is_overdue(item, as_of) is (expected is not None)


# ----------------------------------------------------------------------------- is_due_soon

@pytest.mark.parametrize(("item", "as_of", "days", "expected"), [
    (make(), D(2024, 5, 30), 30, False),  # 31 days ahead
    (make(), D(2024, 5, 31), 30, True),  # 30 days ahead
    (make(), D(2024, 6, 30), 30, True),  # due today
    (make(), D(2024, 7, 1), 30, False),  # overdue, not due soon
    (make(), D(2024, 6, 30), 0, True),
    (make(), D(2024, 6, 29), 0, False),
    (make(), D(2024, 6, 23), 7, True),
    (make(), D(2024, 6, 22), 7, False),
    (make(deadline="ongoing"), D(2024, 6, 30), 30, False),
    (make(status="closed", closed=closeout(D(2024, 6, 1))), D(2024, 6, 15), 30, False),
    (make(status="closed", closed=closeout(D(2024, 6, 20))), D(2024, 6, 15), 30, True),  # not closed yet then
    (EXTENDED_IN_TIME, D(2024, 6, 24), 30, True),  # 6-30 in force
    (EXTENDED_IN_TIME, D(2024, 6, 25), 30, False),  # 8-31 in force: 67 days ahead
])
def test_is_due_soon(item: Item, as_of: date, days: int, expected: bool) -> None:
    assert is_due_soon(item, as_of, days) is expected


# ----------------------------------------------------------------------------- last_progress / is_stale

NOTES = (note(D(2024, 8, 1)), note(D(2024, 6, 1)), note(D(2024, 7, 15)))  # not in date order


@pytest.mark.parametrize(("as_of", "expected"), [
    (D(2024, 5, 31), None),
    (D(2024, 6, 1), D(2024, 6, 1)),
    (D(2024, 7, 31), D(2024, 7, 15)),
    (D(2024, 8, 1), D(2024, 8, 1)),
])
def test_last_progress(as_of: date, expected: date | None) -> None:
    assert last_progress(make(progress=NOTES), as_of) == expected


def test_last_progress_without_notes() -> None:
    assert last_progress(make(), D(2024, 9, 1)) is None


ONGOING_NOTED = make(deadline="ongoing", status="in_progress", progress=(note(D(2024, 6, 1)), note(D(2024, 7, 15))))


@pytest.mark.parametrize(("item", "as_of", "days", "expected"), [
    (make(deadline="ongoing"), D(2024, 5, 22), 30, True),  # no note at all
    (ONGOING_NOTED, D(2024, 7, 1), 30, False),  # 30 days after 6-01
    (ONGOING_NOTED, D(2024, 7, 2), 30, True),  # 31 days
    (ONGOING_NOTED, D(2024, 7, 14), 30, True),  # the note of 7-15 is not written yet
    (ONGOING_NOTED, D(2024, 7, 15), 30, False),
    (ONGOING_NOTED, D(2024, 8, 14), 30, False),
    (ONGOING_NOTED, D(2024, 8, 15), 30, True),
    (ONGOING_NOTED, D(2024, 7, 22), 7, False),
    (ONGOING_NOTED, D(2024, 7, 23), 7, True),
    (make(), D(2024, 12, 1), 30, False),  # a dated item is overdue or not, never stale
    (make(deadline="ongoing", status="closed", closed=closeout(D(2024, 6, 1))), D(2024, 12, 1), 30, False),
    (make(deadline="ongoing", history=(past(D(2024, 6, 1), D(2024, 7, 1)),)), D(2024, 6, 15), 30, False),
    (make(deadline="ongoing", history=(past(D(2024, 6, 1), D(2024, 7, 1)),)), D(2024, 7, 1), 30, True),
    (make(deadline="ongoing", extensions=(
        Extension(date=D(2024, 7, 1), to=D(2024, 9, 30), reason="改为限期整改", previous="ongoing"),)),
     D(2024, 8, 1), 30, False),
])
def test_is_stale(item: Item, as_of: date, days: int, expected: bool) -> None:
    assert is_stale(item, as_of, days) is expected


def test_is_stale_defaults_to_30_days() -> None:
    assert is_stale(ONGOING_NOTED, D(2024, 8, 14)) is False
    assert is_stale(ONGOING_NOTED, D(2024, 8, 15)) is True


# ----------------------------------------------------------------------------- involves

@pytest.mark.parametrize(("unit", "expected"), [(FIN, True), (ENV, True), (PARKS, False), ("财政局", False)])
def test_involves_lead_or_responsible(unit: str, expected: bool) -> None:
    assert involves(make(lead=FIN, responsible=(ENV,)), unit) is expected


# ----------------------------------------------------------------------------- Filters / select

AS_OF = D(2024, 7, 15)
LEDGER = [
    make(id="1-1", question=1, text="供水管网改造滞后。", lead=FIN, responsible=(FIN, ENV)),  # overdue on 7-15
    make(id="1-2", question=1, text="窗口服务态度需改进。", lead=ENV, responsible=(ENV,), deadline="ongoing",
         status="in_progress", progress=(note(D(2024, 7, 1), "走访企业12家"),)),
    make(id="1-10", question=1, text="Road repair", lead=FIN, responsible=(PARKS,), deadline=D(2024, 8, 10)),
    make(id="2-1", question=2, text="对于单位拖欠款项需要改进。", lead=PARKS, responsible=(FIN,),
         status="closed", closed=closeout(D(2024, 6, 25))),
    make(id="N-1", source="企业家恳谈会", text="路灯不亮。", lead=ENV, responsible=(ENV,), deadline="ongoing",
         extensions=(Extension(date=D(2024, 7, 1), to=D(2024, 12, 31), reason="列入年度计划", previous="ongoing"),)),
]


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(as_of=AS_OF), ["1-1", "1-2", "1-10", "2-1", "N-1"]),
    (Filters(as_of=AS_OF, overdue=True), ["1-1"]),
    (Filters(as_of=D(2024, 6, 24), overdue=True), []),
    (Filters(as_of=AS_OF, due_soon=30), ["1-10"]),  # 26 days ahead
    (Filters(as_of=AS_OF, due_soon=25), []),
    (Filters(as_of=AS_OF, due_soon=0), []),
    (Filters(as_of=AS_OF, status="open"), ["1-1", "1-10", "N-1"]),
    (Filters(as_of=AS_OF, status="in_progress"), ["1-2"]),
    (Filters(as_of=AS_OF, status="closed"), ["2-1"]),
    (Filters(as_of=D(2024, 6, 24), status="closed"), []),
    (Filters(as_of=AS_OF, dept=FIN), ["1-1", "1-10", "2-1"]),  # lead or responsible
    (Filters(as_of=AS_OF, lead=FIN), ["1-1", "1-10"]),
    (Filters(as_of=AS_OF, lead=PARKS), ["2-1"]),
    (Filters(as_of=AS_OF, question=1), ["1-1", "1-2", "1-10"]),
    (Filters(as_of=AS_OF, question=2), ["2-1"]),
    (Filters(as_of=AS_OF, ongoing=True), ["1-2"]),  # N-1 has a date since 7-01
    (Filters(as_of=D(2024, 6, 30), ongoing=True), ["1-2", "N-1"]),
    (Filters(as_of=AS_OF, dated=True), ["1-1", "1-10", "2-1", "N-1"]),
    (Filters(as_of=AS_OF, due_before=D(2024, 8, 10)), ["1-1", "2-1"]),  # strictly before
    (Filters(as_of=AS_OF, due_before=D(2024, 8, 11)), ["1-1", "1-10", "2-1"]),
    (Filters(as_of=AS_OF, due_after=D(2024, 8, 10)), ["N-1"]),  # strictly after
    (Filters(as_of=AS_OF, due_after=D(2024, 8, 9)), ["1-10", "N-1"]),
    (Filters(as_of=AS_OF, search="走访"), ["1-2"]),  # a progress note
    (Filters(as_of=AS_OF, search="恳谈会"), ["N-1"]),  # the source
    (Filters(as_of=AS_OF, search="拖欠"), ["2-1"]),  # the text
    (Filters(as_of=AS_OF, search="各园区"), ["1-10", "2-1"]),  # a unit
    (Filters(as_of=AS_OF, search="ROAD"), ["1-10"]),  # case-insensitive
    (Filters(as_of=AS_OF, search="1-1"), ["1-1", "1-10"]),  # the id, as a substring
    (Filters(as_of=AS_OF, status="open", dept=ENV), ["1-1", "N-1"]),
    (Filters(as_of=AS_OF, lead=FIN, overdue=True), ["1-1"]),
    (Filters(as_of=AS_OF, question=1, dated=True, due_soon=30), ["1-10"]),
])
def test_select(filters: Filters, expected: list[str]) -> None:
    assert [i.id for i in select(LEDGER, filters)] == expected


def test_select_keeps_ledger_order() -> None:
    assert [i.id for i in select(reversed(LEDGER), Filters(as_of=AS_OF, dated=True))] == ["N-1", "2-1", "1-10", "1-1"]


# ----------------------------------------------------------------------------- natural_key

def test_natural_key_orders_numbers_numerically() -> None:
    ids = ["1-10", "N-1", "10-1", "1-a", "2-1", "1-2", "2-10", "1-1"]
    assert sorted(ids, key=natural_key) == ["1-1", "1-2", "1-10", "1-a", "2-1", "2-10", "10-1", "N-1"]


@pytest.mark.parametrize(("item_id", "key"), [
    ("1-10", ((0, 1), (0, 10))),
    ("2-8", ((0, 2), (0, 8))),
    ("C-3", ((1, "C"), (0, 3))),
    ("7", ((0, 7),)),
])
def test_natural_key(item_id: str, key: tuple[Any, ...]) -> None:
    assert natural_key(item_id) == key


# A look-back reopens the item on 8-01 and the unit records new work the same day (a progress note is
# refused while an item is closed, so the note necessarily follows the reopening). The stored status is
# in_progress; what the item was on 8-01 must not change when later events are added.
REOPENED_AND_NOTED = make(status="in_progress", progress=(note(D(2024, 8, 1), "重新部署整改"),),
                          history=(past(D(2024, 7, 1), D(2024, 8, 1)),))


def test_status_at_on_the_reopening_day_with_a_note_that_day() -> None:
    assert status_at(REOPENED_AND_NOTED, D(2024, 8, 1)) == "in_progress"


def test_status_at_the_past_does_not_change_when_later_events_are_added() -> None:
    later = make(status="in_progress", progress=(*REOPENED_AND_NOTED.progress, note(D(2024, 8, 20), "完成整改方案")),
                 history=REOPENED_AND_NOTED.history)
    assert status_at(later, D(2024, 8, 1)) == status_at(REOPENED_AND_NOTED, D(2024, 8, 1)) == "in_progress"


def test_records_at_keep_what_stood_on_the_day() -> None:
    """show --as-of: no record from a later day (found in a trial: a close-out dated after the day)."""
    from ledger.core.model import CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote, Reopening
    from ledger.core.query import records_at
    from ledger.core.rounds import Outcome, Request, Review

    proof = (Evidence(text="凭证"),)
    item = Item(id="1-8", text="t", lead="a", responsible=("a",), deadline=date(2024, 8, 31), status="closed",
                progress=(ProgressNote(date(2024, 7, 1), "开工"), ProgressNote(date(2024, 9, 1), "完工")),
                extensions=(Extension(date(2024, 8, 20), date(2024, 9, 30), "资金", date(2024, 8, 31)),),
                reviews=(Review(Request(date(2024, 8, 26), "a", "张三", proof),
                                Outcome("approved", date(2024, 9, 5), "b", "李四")),),
                history=(PastCloseOut(CloseOut(date(2024, 8, 3), "b", proof),
                                      Reopening(date(2024, 8, 25), "回头看")),),
                closed=CloseOut(date(2024, 9, 5), "李四", proof))
    assert records_at(item, date(2024, 9, 5)) == (item, 0)
    on_10th, later = records_at(item, date(2024, 8, 10))  # closed by the first close-out, not yet reopened
    assert (on_10th.closed, on_10th.history, later) == (item.history[0].closed, (), 6)
    assert (on_10th.progress, on_10th.extensions, on_10th.reviews) == (item.progress[:1], (), ())
    on_28th, later = records_at(item, date(2024, 8, 28))  # reopened, asked again, not yet answered
    assert on_28th.closed is None and on_28th.history == item.history and later == 3
    assert on_28th.reviews == (Review(item.reviews[0].request),)
