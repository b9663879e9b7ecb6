"""ledger.core.dates: dates and deadlines as people type them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from ledger import i18n
from ledger.core.dates import parse_date, parse_deadline
from ledger.errors import LedgerError, UsageError

FORMS = "YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD, 2024年8月31日"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-08-31", date(2024, 8, 31)),
    ("  2024-08-31\n", date(2024, 8, 31)),
    ("2024-02-29", date(2024, 2, 29)),
    ("2024年8月31日", date(2024, 8, 31)),
    ("2024年08月01日", date(2024, 8, 1)),
    ("2024年8月31日前", date(2024, 8, 31)),
    ("2024年8月31日之前", date(2024, 8, 31)),
    ("2024年6月30号", date(2024, 6, 30)),
    ("2024 年 12 月 31 日 前", date(2024, 12, 31)),
])
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024年2月30日",
                                  "2024年13月1日前", "2024年6月31日"])
def test_parse_date_refuses_days_that_do_not_exist(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_date(text, "--since")
    assert str(caught.value) == f"--since: {text!r} is not a real date"


@pytest.mark.parametrize("text", ["", "   ", "not a date", "明天"])
def test_parse_date_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_date(text, "--on")
    assert str(caught.value) == f"--on: {text!r} is not a complete date (write {FORMS})"


def test_parse_date_names_the_date_by_default() -> None:
    with pytest.raises(UsageError, match=r"^date: '2024-02-30' is not a real date$"):
        parse_date("2024-02-30")


def test_usage_error_is_a_ledger_error() -> None:
    with pytest.raises(LedgerError):
        parse_date("2024-02-30")


@pytest.mark.parametrize("text", ["ongoing", "Ongoing", " ONGOING ", "立行立改，长期坚持", "立行立改,长期坚持", "长期坚持",
                                  "立行立改"])
def test_parse_deadline_ongoing_words(text: str) -> None:
    assert parse_deadline(text) == "ongoing"


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-06-30", date(2024, 6, 30)),
    ("2024年6月30日前", date(2024, 6, 30)),
    (" 2024年12月31日前 ", date(2024, 12, 31)),
])
def test_parse_deadline_dates(text: str, expected: date) -> None:
    assert parse_deadline(text) == expected


def test_parse_deadline_refuses_with_its_own_name() -> None:
    with pytest.raises(UsageError) as caught:
        parse_deadline("2024年2月30日前")
    assert str(caught.value) == "deadline: '2024年2月30日前' is not a real date"
    with pytest.raises(UsageError) as caught:
        parse_deadline("someday", "--to")
    assert str(caught.value) == f"--to: 'someday' is not a complete date (write {FORMS})"


def test_full_width_digits_in_the_chinese_form() -> None:
    assert parse_date("２０２４年８月３１日前") == date(2024, 8, 31)


def test_full_width_digits_in_the_iso_form() -> None:
    assert parse_date("２０２４-０８-３１") == date(2024, 8, 31)
    assert parse_date("２０２４／８／３１") == date(2024, 8, 31)


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-8-31", date(2024, 8, 31)),
    ("2024/8/31", date(2024, 8, 31)),
    ("2024.8.31", date(2024, 8, 31)),
    ("20240831", date(2024, 8, 31)),
])
def test_other_complete_forms_with_the_year_first(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "2020.12",      # python-dateutil made this 2020-12-03 (the day taken from today)
    "6.30",         # … and this 2026-06-30 (the year taken from today)
    "1/8/2024",     # … and read this month-first; it may as well be 1 August
    "8月31日",       # no year
    "2024年8月",     # no day
    "2024-08",
    "2024-8/31",    # mixed separators
    "yesterday",
])
def test_partial_or_ambiguous_dates_are_refused_never_completed_from_today(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_date(text, "--date")
    assert str(caught.value) == f"--date: {text!r} is not a complete date (write {FORMS})"
