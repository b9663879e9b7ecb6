"""What people type (ids, unit names and lists, statuses, months), read as the ledger writes it:
ledger.core.typed, the id and status lookup in ledger.core.query, months in ledger.core.dates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from ledger import i18n
from ledger.core.dates import last_month, parse_month
from ledger.core.model import STATUSES
from ledger.core.query import STATUS_WORDS, clashing_id, resolve_id, status_named
from ledger.core.typed import id_form, id_key, unit_list, unit_name
from ledger.errors import LedgerError, UsageError
from ledger.i18n.zh import ZH

IDS = {"1-1": 0, "2-8": 1, "2-10": 2, "H-1": 3}


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.mark.parametrize(("typed", "form", "key"), [
    ("2-8", "2-8", "2-8"),
    ("２-８", "2-8", "2-8"),
    ("２－８", "2-8", "2-8"),
    ("Ｈ－１", "H-1", "h-1"),
    ("h-1", "h-1", "h-1"),
    (" H-1\u3000", "H-1", "h-1"),
])
def test_id_form_folds_width_and_id_key_also_case(typed, form, key):
    assert (id_form(typed), id_key(typed)) == (form, key)


@pytest.mark.parametrize(("typed", "canonical"), [
    ("2-8", "2-8"), ("２-８", "2-8"), ("２－８", "2-8"), ("h-1", "H-1"), ("Ｈ－１", "H-1"), ("ｈ－１", "H-1"),
    (" 2-10 ", "2-10"),
])
def test_resolve_id_maps_width_and_case_to_the_canonical_id(typed, canonical):
    assert resolve_id(typed, IDS) == canonical


@pytest.mark.parametrize(("typed", "message"), [
    ("9-9", "unknown item '9-9'"),
    ("2-88", "unknown item '2-88'; nearest: 2-8, 2-10"),
    ("２－８８", "unknown item '2-88'; nearest: 2-8, 2-10"),  # named as read
    ("X", "unknown item 'X'"),
    ("2_8", "unknown item '2_8'; nearest: 2-8"),  # no guess: a near miss is only a hint
])
def test_resolve_id_refuses_what_still_does_not_match(typed, message):
    with pytest.raises(LedgerError) as caught:
        resolve_id(typed, IDS)
    assert str(caught.value) == message
    assert not isinstance(caught.value, UsageError)  # as Ledger.get: exit 1


def test_resolve_id_refuses_when_two_ids_differ_only_by_case():
    with pytest.raises(LedgerError) as caught:
        resolve_id("Ｈ-1", {"H-1": 0, "h-1": 1})
    assert str(caught.value) == "'Ｈ-1' could be any of H-1, h-1: type the id exactly"
    assert resolve_id("h-1", {"H-1": 0, "h-1": 1}) == "h-1"  # the exact one wins


@pytest.mark.parametrize(("new", "clash"), [
    ("h-1", "H-1"), ("H-1", None), ("Ｈ－１", "H-1"), ("2-8", None), ("３-1", None), ("h-2", None),
])
def test_clashing_id_is_the_existing_id_differing_only_by_case_or_width(new, clash):
    assert clashing_id(new, IDS) == clash  # the exact id is the store's "already exists", not a clash


@pytest.mark.parametrize(("typed", "names"), [
    ("区发改局 ", "区发改局"),
    ("\u3000区发改局\u3000", "区发改局"),
    (" 各镇（街道）", "各镇（街道）"),  # full-width brackets inside a name are the name's own
])
def test_unit_name_drops_only_the_spaces_around_it(typed, names):
    assert unit_name(typed) == names


def test_unit_list_splits_on_commas_and_the_enumeration_comma():
    assert unit_list(["区财政局，区建设环保局、 各园区指挥部 ", "市园投集团,区营商办", " ", "区财政局，，"]) == [
        "区财政局", "区建设环保局", "各园区指挥部", "市园投集团", "区营商办", "区财政局"]


@pytest.mark.parametrize(("typed", "status"), [
    ("open", "open"), ("in_progress", "in_progress"), ("closed", "closed"),
    ("in-progress", "in_progress"), ("In Progress", "in_progress"), ("IN_PROGRESS", "in_progress"),
    ("ｉｎ－ｐｒｏｇｒｅｓｓ", "in_progress"), (" Closed ", "closed"),
    ("未整改", "open"), ("整改中", "in_progress"), ("已销号", "closed"), (" 已销号\u3000", "closed"),
    ("done", None), ("未销号", None), ("inprogress", None), ("", None),
])
def test_status_named(typed, status):
    assert status_named(typed) == status


def test_the_chinese_status_words_are_the_catalogues():
    assert {word: status for word, status in STATUS_WORDS.items() if not word.isascii()} == {
        ZH[s]: s for s in STATUSES}


@pytest.mark.parametrize(("typed", "month"), [
    ("2024-08", "2024-08"), ("2024-8", "2024-08"), ("2024/8", "2024-08"), ("2024年8月", "2024-08"),
    ("2024年08月", "2024-08"), ("2024 年 8 月", "2024-08"), ("２０２４－０８", "2024-08"), (" 2024-12\n", "2024-12"),
    ("9999-12", "9999-12"), ("2024年8月份", "2024-08"),
])
def test_parse_month(typed, month):
    assert parse_month(typed, "--period") == month


@pytest.mark.parametrize(("typed", "message"), [
    ("2024-13", "--period: '2024-13' is not a real month"),
    ("2024-0", "--period: '2024-0' is not a real month"),
    ("2024年13月", "--period: '2024年13月' is not a real month"),
    ("0000-08", "--period: '0000-08' is not a real month"),
    ("August", "--period: 'August' is not a month (write YYYY-MM, YYYY-M or 2024年8月)"),
    ("2024-08-01", "--period: '2024-08-01' is not a month (write YYYY-MM, YYYY-M or 2024年8月)"),
    ("8月", "--period: '8月' is not a month (write YYYY-MM, YYYY-M or 2024年8月)"),  # no year from today
    ("24-08", "--period: '24-08' is not a month (write YYYY-MM, YYYY-M or 2024年8月)"),
    ("2024-123", "--period: '2024-123' is not a month (write YYYY-MM, YYYY-M or 2024年8月)"),
    ("", "--period: '' is not a month (write YYYY-MM, YYYY-M or 2024年8月)"),
])
def test_parse_month_refuses_with_one_line(typed, message):
    with pytest.raises(UsageError) as caught:
        parse_month(typed, "--period")
    assert str(caught.value) == message


@pytest.mark.parametrize(("today", "month"), [
    (date(2024, 9, 10), "2024-08"), (date(2024, 9, 1), "2024-08"), (date(2024, 1, 31), "2023-12"),
    (date(2024, 3, 31), "2024-02"),
])
def test_last_month(today, month):
    assert last_month(today) == month
