"""core.deadline_phrases: every form of issue 12 item 3, the plan year, refusals, and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.core.deadline_phrases import read_phrase
from ledger.errors import Refused

D = date


@pytest.mark.parametrize(("text", "deadline", "rule", "plan_year"), [
    ("2024年8月31日", D(2024, 8, 31), "date", False),
    ("2024年8月31日前", D(2024, 8, 31), "date", False),
    ("2024年8月31日之前", D(2024, 8, 31), "date", False),
    ("2024-08-31", D(2024, 8, 31), "date", False),
    ("2024/8/31", D(2024, 8, 31), "date", False),
    ("2024.8.31", D(2024, 8, 31), "date", False),
    ("20240831", D(2024, 8, 31), "date", False),
    ("８月３１日前", D(2023, 8, 31), "date", True),
    ("2024年6月底", D(2024, 6, 30), "month", False),
    ("2024年6月底前", D(2024, 6, 30), "month", False),
    ("6月底完成", D(2023, 6, 30), "month", True),
    ("6月底前", D(2023, 6, 30), "month", True),
    ("2020.12", D(2020, 12, 31), "month", False),
    ("2024年12月", D(2024, 12, 31), "month", False),
    ("2024年2月底", D(2024, 2, 29), "month", False),
    ("年底", D(2023, 12, 31), "year_end", True),
    ("年底前", D(2023, 12, 31), "year_end", True),
    ("年底完成", D(2023, 12, 31), "year_end", True),
    ("2020年年底前", D(2020, 12, 31), "year_end", False),
    ("2024年底前", D(2024, 12, 31), "year_end", False),
    ("年内", D(2023, 12, 31), "year_end", True),
    ("全年", D(2023, 12, 31), "year_end", True),
    ("上半年", D(2023, 6, 30), "half", True),
    ("下半年", D(2023, 12, 31), "half", True),
    ("三季度", D(2023, 9, 30), "quarter", True),
    ("三季度末", D(2023, 9, 30), "quarter", True),
    ("第一季度", D(2023, 3, 31), "quarter", True),
    ("立行立改", "ongoing", "ongoing", False),
    ("长期坚持", "ongoing", "ongoing", False),
    ("立行立改，长期坚持", "ongoing", "ongoing", False),
    ("立行立改、长期坚持", "ongoing", "ongoing", False),
    ("立行立改\n长期坚持", "ongoing", "ongoing", False),
    ("立行立改;长期坚持", "ongoing", "ongoing", False),
    ("持续推进", "ongoing", "ongoing", False),
    ("常态化", "ongoing", "ongoing", False),
    ("ongoing", "ongoing", "ongoing", False),
    ("立行立改，6月底前完成", D(2023, 6, 30), "month", True),
])
def test_every_form(text, deadline, rule, plan_year):
    reading = read_phrase(text, 2023)
    assert (reading.deadline, reading.rule, reading.plan_year) == (deadline, rule, plan_year)


@pytest.mark.parametrize("text", ["6月底完成", "年底前", "上半年", "三季度末", "8月31日前"])
def test_no_year_and_no_plan_year_is_refused(text):
    with pytest.raises(Refused) as exc:
        read_phrase(text, None)
    assert exc.value.fields == {"what": "year"}


@pytest.mark.parametrize("text", ["尽快", "6.30", "2024年13月", "2024年2月30日", "", "下周", "1/8/2024"])
def test_not_a_deadline(text):
    with pytest.raises(Refused) as exc:
        read_phrase(text, 2024)
    assert exc.value.fields == {"what": "deadline"}


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)))
def test_any_written_date_reads_back(day):
    for text in (f"{day.year}年{day.month}月{day.day}日前", day.isoformat(), f"{day.year}/{day.month}/{day.day}",
                 f"{day.year}.{day.month}.{day.day}"):
        assert read_phrase(text, None).deadline == day


@given(st.integers(1990, 2099), st.integers(1, 12))
def test_a_month_is_its_last_day(year, month):
    last = read_phrase(f"{year}年{month}月底前", None).deadline
    assert isinstance(last, date) and (last.month, last.year) == (month, year)
    assert (last + timedelta(days=1)).day == 1
    assert read_phrase(f"{month}月底完成", year).deadline == last


@given(st.integers(1990, 2099))
def test_never_a_part_from_today(year):
    """The year comes from the phrase or the plan, whatever the day is."""
    assert read_phrase("年底前", year).deadline == D(year, 12, 31)
