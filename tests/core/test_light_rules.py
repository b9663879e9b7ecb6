"""ledger.core.lights: an item's light on any day from its history, and a month's lights and score."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from ledger.core.lights import Lit, Points, Score, Thresholds, light, month_lights, month_score
from ledger.core.model import CloseOut, Evidence, Extension, Item, PastCloseOut, ProgressNote, Reopening
from ledger.core.rounds import Outcome, Request, Review

D = date
FIN, ECO = "区财政局", "区经济商务局"
PROOF = (Evidence(text="整改报告"),)
DUE = D(2024, 8, 31)


def make(**kw: Any) -> Item:
    base: dict[str, Any] = {"id": "1-1", "text": "审批时限过长。", "lead": FIN, "responsible": (FIN,), "deadline": DUE}
    return Item(**(base | kw))


def ongoing(*notes: date, **kw: Any) -> Item:
    return make(deadline="ongoing", progress=tuple(ProgressNote(date=d, text="推进中") for d in notes), **kw)


def request(day: date) -> Request:
    return Request(date=day, unit=FIN, by="张三", evidence=PROOF)


def returned(asked: date, back: date) -> Review:
    return Review(request(asked), Outcome("returned", back, "区营商办", "李四", reason="材料不全"))


# ----------------------------------------------------------------------------- dated items: the boundaries

@pytest.mark.parametrize(("days_left", "expected"), [
    (-40, Lit("red", "overdue", 40)),
    (-1, Lit("red", "overdue", 1)),
    (0, Lit("yellow", "due_soon", 0)),  # the deadline day itself is not overdue
    (1, Lit("yellow", "due_soon", 1)),
    (7, Lit("yellow", "due_soon", 7)),
    (8, Lit("blue", "due_soon", 8)),
    (30, Lit("blue", "due_soon", 30)),
    (31, Lit("green", "on_track")),
    (200, Lit("green", "on_track")),
])
def test_a_dated_item_by_days_left(days_left: int, expected: Lit) -> None:
    assert light(make(), DUE - timedelta(days=days_left)) == expected


def test_thresholds_move_the_boundaries() -> None:
    t = Thresholds(yellow_days=3, blue_days=10, silent_days=5)
    assert light(make(), DUE - timedelta(days=3), t) == Lit("yellow", "due_soon", 3)
    assert light(make(), DUE - timedelta(days=4), t) == Lit("blue", "due_soon", 4)
    assert light(make(), DUE - timedelta(days=10), t) == Lit("blue", "due_soon", 10)
    assert light(make(), DUE - timedelta(days=11), t) == Lit("green", "on_track")
    assert light(ongoing(D(2024, 8, 1)), D(2024, 8, 6), t) == Lit("green", "on_track")
    assert light(ongoing(D(2024, 8, 1)), D(2024, 8, 7), t) == Lit("yellow", "silent", 6)


def test_the_deadline_in_force_that_day_counts() -> None:
    item = make(extensions=(Extension(date=D(2024, 8, 20), to=D(2024, 10, 31), reason="资金未到位", previous=DUE),))
    assert light(item, D(2024, 8, 19)) == Lit("blue", "due_soon", 12)  # before the extension
    assert light(item, D(2024, 8, 20)) == Lit("green", "on_track")  # 72 days left
    assert light(item, D(2024, 11, 1)) == Lit("red", "overdue", 1)


# ----------------------------------------------------------------------------- ongoing items

@pytest.mark.parametrize(("silent", "expected"), [
    (0, Lit("green", "on_track")),
    (30, Lit("green", "on_track")),
    (31, Lit("yellow", "silent", 31)),
])
def test_an_ongoing_item_by_days_since_its_last_note(silent: int, expected: Lit) -> None:
    note = D(2024, 7, 1)
    assert light(ongoing(D(2024, 5, 1), note), note + timedelta(days=silent)) == expected


def test_an_ongoing_item_with_no_note_is_yellow_and_a_note_after_the_day_does_not_count() -> None:
    assert light(ongoing(), D(2024, 6, 1)) == Lit("yellow", "silent", None)
    later = ongoing(D(2024, 9, 1))
    assert light(later, D(2024, 8, 1)) == Lit("yellow", "silent", None)
    assert light(later, D(2024, 9, 1)) == Lit("green", "on_track")


def test_an_ongoing_item_is_never_red_nor_blue() -> None:
    for day in (D(2024, 1, 1), D(2030, 1, 1)):
        assert light(ongoing(day), day).light == "green"  # type: ignore[union-attr]


def test_a_dated_item_silent_for_long_is_not_yellow_for_its_silence() -> None:
    assert light(make(deadline=D(2025, 12, 31)), D(2024, 8, 1)) == Lit("green", "on_track")


# ----------------------------------------------------------------------------- returned requests

def test_a_returned_request_is_yellow_until_requested_again() -> None:
    first = returned(D(2024, 7, 1), D(2024, 7, 5))
    item = make(deadline=D(2024, 12, 31), reviews=(first,), status="in_progress")
    assert light(item, D(2024, 7, 4)) == Lit("green", "on_track")  # pending, not returned yet
    assert light(item, D(2024, 7, 5)) == Lit("yellow", "returned")
    assert light(item, D(2024, 10, 1)) == Lit("yellow", "returned")  # blue by date, yellow by the return
    again = make(deadline=D(2024, 12, 31), reviews=(first, Review(request(D(2024, 7, 10)))), status="pending_review")
    assert light(again, D(2024, 7, 9)) == Lit("yellow", "returned")
    assert light(again, D(2024, 7, 10)) == Lit("green", "on_track")


def test_overdue_outranks_a_return_and_a_return_outranks_blue() -> None:
    item = make(reviews=(returned(D(2024, 7, 1), D(2024, 7, 5)),), status="in_progress")
    assert light(item, D(2024, 9, 1)) == Lit("red", "overdue", 1)
    assert light(item, D(2024, 8, 25)) == Lit("yellow", "due_soon", 6)
    assert light(item, D(2024, 8, 10)) == Lit("yellow", "returned")


def test_an_ongoing_item_returned_and_silent_says_returned() -> None:
    item = ongoing(reviews=(returned(D(2024, 7, 1), D(2024, 7, 5)),), status="in_progress")
    assert light(item, D(2024, 9, 1)) == Lit("yellow", "returned")


# ----------------------------------------------------------------------------- closed items

def test_a_closed_item_has_no_light_and_a_reopened_one_has_one_again() -> None:
    done = CloseOut(date=D(2024, 9, 5), by="区营商办", evidence=PROOF, late=True)
    assert light(make(closed=done, status="closed"), D(2024, 9, 5)) is None
    assert light(make(closed=done, status="closed"), D(2024, 9, 4)) == Lit("red", "overdue", 4)
    past = PastCloseOut(closed=CloseOut(date=D(2024, 8, 1), by="区营商办", evidence=PROOF),
                        reopened=Reopening(date=D(2024, 8, 20), reason="回头看发现未整改到位"))
    item = make(history=(past,), status="open")
    assert light(item, D(2024, 8, 10)) is None
    assert light(item, D(2024, 8, 25)) == Lit("yellow", "due_soon", 6)


# ----------------------------------------------------------------------------- a month's lights and score

AUG = (D(2024, 8, 1), D(2024, 8, 31))


def test_a_month_counts_an_item_once_red_if_it_was_red_on_any_day() -> None:
    items = [make(id="1-1", deadline=D(2024, 8, 20)),  # blue, yellow, then red from 21 August: red
             make(id="1-2", deadline=D(2024, 9, 5)),  # yellow from 29 August: yellow
             make(id="1-3", deadline=D(2024, 9, 20)),  # blue only: not counted
             make(id="1-4", deadline=D(2024, 8, 20), closed=CloseOut(date=D(2024, 8, 10), by="区营商办",
                                                                       evidence=PROOF), status="closed"),
             ongoing(D(2024, 7, 20), id="1-5"),  # silent from 20 August: yellow
             ongoing(D(2024, 7, 20), D(2024, 8, 15), id="1-6"),  # never 31 days silent: not counted
             make(id="2-1", lead=ECO, deadline=D(2024, 6, 30))]  # red all month
    assert month_lights(items, *AUG) == {FIN: {"red": ["1-1"], "yellow": ["1-2", "1-5"]},
                                         ECO: {"red": ["2-1"], "yellow": []}}


def test_a_month_counts_only_the_days_the_item_was_in_the_ledger() -> None:
    late = make(id="3-1", deadline="ongoing", added=D(2024, 8, 10))  # silent from its first day
    blue = make(id="3-2", deadline=D(2024, 8, 15), added=D(2024, 8, 10))
    assert month_lights([late, blue], *AUG) == {FIN: {"red": ["3-2"], "yellow": ["3-1"]}}
    assert month_lights([blue], D(2024, 7, 1), D(2024, 7, 31)) == {}
    entered = {"3-2": D(2024, 8, 20)}  # a batch day the caller knows, beyond the item's own
    assert month_lights([blue], *AUG, entered=lambda i: entered[i.id]) == {FIN: {"red": ["3-2"], "yellow": []}}


@pytest.mark.parametrize(("red", "yellow", "points", "letter", "interview"), [
    (0, 0, 0, False, False),
    (0, 1, 0, False, False),  # the first yellow card costs nothing
    (0, 2, -1, True, False),  # the second: −1 and a supervision letter
    (0, 3, -2, True, False),
    (1, 0, -2, False, True),  # a red: −2 and an interview
    (2, 2, -5, True, True),
])
def test_a_units_month_score(red: int, yellow: int, points: int, letter: bool, interview: bool) -> None:
    counted = {"red": [f"1-{n}" for n in range(red)], "yellow": [f"2-{n}" for n in range(yellow)]}
    score = month_score(FIN, counted)
    assert (score.points, score.letter, score.interview) == (points, letter, interview)


def test_points_are_configurable() -> None:
    assert month_score(FIN, {"red": ["1-1"], "yellow": ["2-1", "2-2"]}, Points(second_yellow=-3, red=-5)) == Score(
        FIN, ("1-1",), ("2-1", "2-2"), -8, True, True)


def _daily(items: list[Item], start: date, end: date, t: Thresholds) -> dict[str, dict[str, list[str]]]:
    """The month's rule read plainly: every day of the month, one by one."""
    out: dict[str, dict[str, list[str]]] = {}
    for item in items:
        seen = set()
        day = max(start, item.added) if item.added else start
        while day <= end:
            lit = light(item, day, t)
            if lit is not None:
                seen.add(lit.light)
            day += timedelta(days=1)
        counted = "red" if "red" in seen else "yellow" if "yellow" in seen else None
        if counted:
            out.setdefault(item.lead, {"red": [], "yellow": []})[counted].append(item.id)
    return out


HISTORIES = [
    make(id="a", deadline=D(2024, 7, 15)),
    make(id="b", extensions=(Extension(date=D(2024, 8, 25), to=D(2024, 10, 10), reason="延期", previous=DUE),)),
    make(id="c", closed=CloseOut(date=D(2024, 8, 28), by="区营商办", evidence=PROOF), status="closed"),
    make(id="d", history=(PastCloseOut(closed=CloseOut(date=D(2024, 6, 1), by="区营商办", evidence=PROOF),
                                       reopened=Reopening(date=D(2024, 9, 12), reason="回头看")),)),
    make(id="e", lead=ECO, deadline=D(2024, 12, 31),
         reviews=(returned(D(2024, 9, 1), D(2024, 9, 9)), Review(request(D(2024, 10, 20)))), status="pending_review"),
    ongoing(D(2024, 6, 3), D(2024, 7, 19), D(2024, 9, 30), id="f", lead=ECO),
    ongoing(id="g", added=D(2024, 8, 17)),
    make(id="h", deadline=D(2024, 11, 3), added=D(2024, 10, 29)),
    make(id="i", deadline=D(9999, 12, 31)),
]


@pytest.mark.parametrize("t", [Thresholds(), Thresholds(3, 10, 5), Thresholds(0, 0, 0), Thresholds(7, 7, 60)])
def test_a_months_lights_by_their_turns_agree_with_every_day(t: Thresholds) -> None:
    for month in range(5, 13):
        start = D(2024, month, 1)
        end = (D(2024, month + 1, 1) if month < 12 else D(2025, 1, 1)) - timedelta(days=1)
        assert month_lights(HISTORIES, start, end, t) == _daily(HISTORIES, start, end, t), (month, t)


def test_a_deadline_at_the_calendars_end_is_no_trouble() -> None:
    item = make(deadline=D(9999, 12, 31))
    assert light(item, D(9999, 12, 31)) == Lit("yellow", "due_soon", 0)
    assert month_lights([item], D(9999, 12, 1), D(9999, 12, 31)) == {FIN: {"red": [], "yellow": ["1-1"]}}
