"""ledger.core.review and the sign-off actions: rounds of request and review read as of any day,
the rules a request, an approval and a return keep, and the rules ``check`` holds rounds to."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from ledger.core import actions
from ledger.core.model import Evidence, Item
from ledger.core.query import status_at
from ledger.core.review import (
    in_publicity,
    pending,
    pending_at,
    returned_unanswered,
    returns_by,
    round_problems,
)
from ledger.core.rounds import Outcome, Request, Review
from ledger.errors import Refused

D = date
FIN, ENV, OFFICE = "区财政局", "区建设环保局", "区营商办"
PROOF = [Evidence(text="拨付凭证")]
TODAY = D(2024, 9, 10)


def make(**kw: Any) -> Item:
    base: dict[str, Any] = {"id": "2-8", "text": "拖欠款项。", "lead": FIN, "responsible": (FIN, ENV),
                            "deadline": D(2024, 8, 31)}
    return Item(**(base | kw))


def ask(item: Item, day: date, unit: str = FIN) -> Item:
    return actions.request(item, day=day, unit=unit, by="张三", evidence=PROOF, today=TODAY, batch_date=D(2024, 5, 22))


def give_back(item: Item, day: date) -> Item:
    return actions.give_back(item, day=day, unit=OFFICE, by="王五", reason="佐证不全", today=TODAY, reviewers=[OFFICE])


def approve(item: Item, day: date) -> Item:
    return actions.approve(item, day=day, unit=OFFICE, by="王五", note=None, today=TODAY, reviewers=[OFFICE])


def story() -> Item:
    """Requested 08-20, returned 08-22, requested again 08-25, approved 08-28."""
    return approve(ask(give_back(ask(make(), D(2024, 8, 20)), D(2024, 8, 22)), D(2024, 8, 25)), D(2024, 8, 28))


def test_a_request_awaits_review_and_records_who_when_and_what():
    item = ask(make(), D(2024, 8, 20), ENV)
    assert item.status == "pending_review"
    assert item.reviews == (Review(Request(date=D(2024, 8, 20), unit=ENV, by="张三", evidence=tuple(PROOF),
                                           recorded=TODAY)),)
    assert pending(item) == item.reviews[0]


@pytest.mark.parametrize(("day", "status", "is_pending", "returned"), [
    (D(2024, 8, 19), "open", False, False),
    (D(2024, 8, 20), "pending_review", True, False),
    (D(2024, 8, 21), "pending_review", True, False),
    (D(2024, 8, 22), "in_progress", False, True),
    (D(2024, 8, 24), "in_progress", False, True),
    (D(2024, 8, 25), "pending_review", True, False),
    (D(2024, 8, 27), "pending_review", True, False),
    (D(2024, 8, 28), "closed", False, False),
    (D(2024, 9, 10), "closed", False, False),
])
def test_every_day_of_the_story_reads_as_it_stood(day, status, is_pending, returned):
    item = story()
    assert status_at(item, day) == status
    assert pending_at(item, day) is is_pending
    assert returned_unanswered(item, day) is returned


def test_the_approval_closes_on_its_day_keeping_the_request_and_the_reviewer():
    item = story()
    assert item.status == "closed"
    assert item.closed is not None
    assert (item.closed.date, item.closed.by, item.closed.unit) == (D(2024, 8, 28), "王五", OFFICE)
    assert item.closed.request == item.reviews[1].request
    assert item.closed.evidence == tuple(PROOF) and item.closed.late is False
    assert [r.outcome.decision for r in item.reviews if r.outcome] == ["returned", "approved"]
    assert item.reviews[0].outcome == Outcome(decision="returned", date=D(2024, 8, 22), unit=OFFICE, by="王五",
                                              reason="佐证不全", recorded=TODAY)
    assert returns_by(item, D(2024, 8, 21)) == 0 and returns_by(item, D(2024, 8, 22)) == 1
    assert list(round_problems(item)) == []


def test_an_approval_after_the_deadline_is_late():
    item = approve(ask(make(), D(2024, 8, 30)), D(2024, 9, 2))
    assert item.closed is not None and item.closed.late is True


def test_a_request_and_its_return_on_one_day_then_a_new_request_the_same_day():
    item = ask(give_back(ask(make(), D(2024, 8, 20)), D(2024, 8, 20)), D(2024, 8, 20))
    assert status_at(item, D(2024, 8, 20)) == "pending_review"
    assert not returned_unanswered(item, D(2024, 8, 20))
    assert len(item.reviews) == 2


@pytest.mark.parametrize(("change", "message"), [
    (lambda i: ask(i, D(2024, 8, 21)), "item 2-8 awaits review (requested on 2024-08-20 by 区财政局): approve or "
                                        "return it first"),
    (lambda i: actions.close(i, day=D(2024, 8, 21), by="x", evidence=PROOF, note=None, today=TODAY, batch_date=None),
     "item 2-8 awaits review (requested on 2024-08-20 by 区财政局): approve or return it first"),
    (lambda i: approve(i, D(2024, 8, 19)), "date 2024-08-19 is before the request on 2024-08-20"),
    (lambda i: give_back(i, D(2024, 9, 11)), "date 2024-09-11 is in the future (today is 2024-09-10)"),
    (lambda i: actions.approve(i, day=D(2024, 8, 21), unit=FIN, by="x", note=None, today=TODAY, reviewers=[OFFICE]),
     "unit 区财政局 is not a reviewing unit (reviewers: 区营商办)"),
    (lambda i: actions.give_back(i, day=D(2024, 8, 21), unit=OFFICE, by="x", reason=" ", today=TODAY,
                                 reviewers=[OFFICE]), "reason must not be empty"),
])
def test_refusals_while_a_request_awaits_review(change, message):
    item = ask(make(), D(2024, 8, 20))
    with pytest.raises(Refused) as exc:
        change(item)
    assert str(exc.value) == message


def test_the_lead_reviews_only_where_settings_allow_it():
    item = ask(make(), D(2024, 8, 20), unit=ENV)  # a responsible unit asks; the lead may answer if allowed
    with pytest.raises(Refused):
        actions.approve(item, day=D(2024, 8, 21), unit=FIN, by="x", note=None, today=TODAY, reviewers=[OFFICE])
    done = actions.approve(item, day=D(2024, 8, 21), unit=FIN, by="x", note=None, today=TODAY, reviewers=[OFFICE],
                           lead_may_review=True)
    assert done.status == "closed"


def test_the_asking_unit_never_answers_its_own_request():
    item = ask(make(), D(2024, 8, 20), unit=ENV)
    for reviewers in ([], [ENV, OFFICE]):
        with pytest.raises(Refused) as exc:
            actions.approve(item, day=D(2024, 8, 21), unit=ENV, by="x", note=None, today=TODAY, reviewers=reviewers,
                            lead_may_review=True)
        assert str(exc.value) == "unit 区建设环保局 asked for this sign-off: another unit reviews it"


def test_with_no_reviewing_unit_anywhere_any_unit_reviews():
    item = ask(make(), D(2024, 8, 20))
    done = actions.approve(item, day=D(2024, 8, 21), unit=ENV, by="x", note="好", today=TODAY, reviewers=[])
    assert done.closed is not None and done.closed.note == "好"


@pytest.mark.parametrize(("change", "message"), [
    (lambda i: approve(i, D(2024, 8, 21)), "item 2-8 has no request awaiting review"),
    (lambda i: give_back(i, D(2024, 8, 21)), "item 2-8 has no request awaiting review"),
    (lambda i: ask(i, D(2024, 8, 21), "区市场监管局"), "unit 区市场监管局 is neither the lead nor a responsible unit of "
                                                      "item 2-8"),
    (lambda i: actions.request(i, day=D(2024, 8, 21), unit=FIN, by="张三", evidence=[], today=TODAY, batch_date=None),
     "item 2-8: a request needs evidence (evidence)"),
    (lambda i: actions.request(i, day=D(2024, 8, 21), unit=FIN, by=" ", evidence=PROOF, today=TODAY, batch_date=None),
     "by must not be empty"),
    (lambda i: ask(i, D(2024, 5, 1)), "date 2024-05-01 is before the batch date 2024-05-22"),
])
def test_refusals_with_no_request_waiting(change, message):
    with pytest.raises(Refused) as exc:
        change(make())
    assert str(exc.value) == message


def test_a_new_round_starts_no_earlier_than_the_last_review():
    returned = give_back(ask(make(), D(2024, 8, 20)), D(2024, 8, 22))
    with pytest.raises(Refused) as exc:
        ask(returned, D(2024, 8, 21))
    assert str(exc.value) == "date 2024-08-21 is before the last review (2024-08-22)"
    with pytest.raises(Refused) as exc:
        ask(story(), D(2024, 8, 29))
    assert str(exc.value).startswith("item 2-8 is already closed")


def test_progress_while_pending_keeps_the_item_pending():
    item = actions.progress(ask(make(), D(2024, 8, 20)), text="补充材料", day=D(2024, 8, 21), by=None, today=TODAY,
                            batch_date=None)
    assert item.status == "pending_review"


def test_publicity_days_from_the_approval_day():
    item = story()
    assert not in_publicity(item, D(2024, 8, 27), 7)
    assert in_publicity(item, D(2024, 8, 28), 7) and in_publicity(item, D(2024, 9, 3), 7)
    assert not in_publicity(item, D(2024, 9, 4), 7)
    assert not in_publicity(item, D(2024, 8, 28), None)
    plain = actions.close(make(), day=D(2024, 8, 28), by="x", evidence=PROOF, note=None, today=TODAY, batch_date=None)
    assert not in_publicity(plain, D(2024, 8, 28), 7)  # a one-step close has no notice period


def test_a_reopened_approval_keeps_its_rounds_and_a_new_request_starts_after_the_reopening():
    reopened = actions.reopen(story(), reason="回头看", by=None, day=D(2024, 9, 5), today=TODAY)
    assert list(round_problems(reopened)) == []
    with pytest.raises(Refused) as exc:
        ask(reopened, D(2024, 9, 1))
    assert str(exc.value) == "date 2024-09-01 is before the reopening on 2024-09-05"
    again = ask(reopened, D(2024, 9, 6))
    assert len(again.reviews) == 3 and status_at(again, D(2024, 9, 6)) == "pending_review"
    assert status_at(again, D(2024, 9, 5)) == "open"


def _problems(item: Item) -> list[tuple[tuple[Any, ...], str]]:
    return [(path, str(message)) for path, message in round_problems(item)]


def test_round_rules_find_what_a_hand_edit_breaks():
    item = story()
    first, second = item.reviews
    swapped = _problems(replace(item, reviews=(second, first)))
    assert (("reviews", 1, "request", "date"),
            "a request on 2024-08-20 is before the previous round ended (2024-08-28)") in swapped
    early = replace(first, outcome=replace(first.outcome, date=D(2024, 8, 19)))
    assert _problems(replace(item, reviews=(early, second))) == [
        (("reviews", 0, "outcome", "date"), "the review on 2024-08-19 is before its request (2024-08-20)")]
    open_first = replace(first, outcome=None)
    assert (("reviews", 0), "only the last round may await review") in _problems(replace(item, reviews=(open_first,
                                                                                                       second)))
    waiting = ask(make(), D(2024, 8, 20))
    assert _problems(replace(waiting, status="open")) == [(("status",), "a request awaits review but status is 'open'")]
    assert _problems(replace(make(), status="pending_review")) == [
        (("status",), "status is pending_review but no request awaits review")]
    no_reason = replace(first, outcome=replace(first.outcome, reason=None))
    assert _problems(replace(item, reviews=(no_reason, second))) == [
        (("reviews", 0, "outcome", "reason"), "a return needs a reason")]
    assert _problems(replace(item, closed=replace(item.closed, request=first.request))) == [
        (("reviews", 1, "outcome"), "an approved round has no close-out on its date"),
        (("closed", "request"), "the close-out's request is not an approved round")]
