"""Business days (営業日, docs/rules.md §4): weekdays that are not Japanese public holidays nor in 12/29–1/3."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sonpo.case import Case
from sonpo.catalog import CalendarRules
from sonpo.errors import DomainError
from sonpo.timeline import BusinessCalendar, business_calendar, default_order_date

D = dt.date
JP = holidays.country_holidays("JP", years=range(2000, 2101))


def independent_is_business_day(day: dt.date) -> bool:
    in_break = (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3)
    return day.weekday() < 5 and day not in JP and not in_break


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (D(2024, 5, 6), "substitute holiday for Children's Day on a Sunday"),
        (D(2025, 2, 24), "substitute holiday for the Emperor's Birthday on a Sunday"),
        (D(2026, 9, 22), "citizens' holiday between Respect for the Aged Day and the Autumnal Equinox"),
        (D(2026, 5, 6), "substitute holiday for Constitution Day on a Sunday"),
        (D(2027, 1, 11), "Coming of Age Day"),
        (D(2026, 4, 29), "Showa Day"),
        (D(2026, 12, 29), "year-end break starts"),
        (D(2026, 12, 30), "year-end break"),
        (D(2026, 12, 31), "year-end break"),
        (D(2027, 1, 1), "New Year's Day"),
        (D(2027, 1, 2), "year-end break (Saturday)"),
        (D(2025, 1, 3), "year-end break, a Friday"),
        (D(2026, 11, 28), "Saturday"),
        (D(2026, 11, 29), "Sunday"),
    ],
)
def test_closed_days(day: dt.date, why: str) -> None:
    assert not business_calendar().is_business_day(day), why


@pytest.mark.parametrize(
    "day",
    [D(2026, 12, 28), D(2027, 1, 4), D(2025, 1, 6), D(2026, 11, 30), D(2026, 9, 24), D(2024, 5, 7), D(2026, 5, 7)],
)
def test_open_days(day: dt.date) -> None:
    assert business_calendar().is_business_day(day)


def test_holiday_names_in_both_languages() -> None:
    cal = business_calendar()
    assert cal.holiday_name(D(2027, 1, 11)) == "成人の日"
    assert cal.holiday_name(D(2027, 1, 11), "en") == "Coming of Age Day"
    assert cal.holiday_name(D(2026, 9, 22)) == "国民の休日"
    assert cal.holiday_name(D(2026, 12, 30)) is None  # the break is not a public holiday


def test_add_business_days_counts_strictly_after_the_start() -> None:
    cal = business_calendar()
    assert cal.add_business_days(D(2026, 11, 30), 0) == D(2026, 11, 30)
    assert cal.add_business_days(D(2026, 11, 30), 1) == D(2026, 12, 1)
    assert cal.add_business_days(D(2026, 11, 27), 1) == D(2026, 11, 30)  # Fri → Mon
    # Thu 2026-09-17: Fri 18 (1); 19–20 weekend; 21, 22, 23 holidays; 24 (2) … 10/2 (8)
    assert cal.add_business_days(D(2026, 9, 17), 8) == D(2026, 10, 2)
    # Fri 2024-05-03 (holiday): 5/4–5/6 closed, Tue 5/7 is the first business day
    assert cal.next_business_day(D(2024, 5, 3)) == D(2024, 5, 7)
    # Fri 2025-02-21: 22–23 weekend, 24 substitute holiday → Tue 2/25
    assert cal.next_business_day(D(2025, 2, 21)) == D(2025, 2, 25)
    with pytest.raises(ValueError):
        cal.add_business_days(D(2026, 1, 5), -1)


def test_closed_days_lists_every_closed_day_in_a_range() -> None:
    got = business_calendar().closed_days(D(2026, 12, 26), D(2027, 1, 5))
    assert got == [D(2026, 12, 26), D(2026, 12, 27), *(D(2026, 12, d) for d in (29, 30, 31)),
                   D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 3)]


def test_the_year_end_break_is_data() -> None:
    rules = CalendarRules(year_end_break_start="12-28", year_end_break_end="01-04", first_year=2020, last_year=2030)
    cal = BusinessCalendar(rules)
    assert not cal.is_business_day(D(2026, 12, 28))
    assert not cal.is_business_day(D(2027, 1, 4))
    summer = BusinessCalendar(rules.model_copy(update={"year_end_break_start": "08-13",
                                                       "year_end_break_end": "08-16"}))
    assert not summer.is_business_day(D(2027, 8, 13))  # a break inside one year works too
    assert summer.is_business_day(D(2026, 12, 29))


@pytest.mark.parametrize("day", [D(1999, 12, 31), D(2100, 1, 1), dt.date.min, dt.date.max])
def test_dates_outside_the_calendar_years_are_refused(day: dt.date) -> None:
    with pytest.raises(DomainError) as info:
        business_calendar().check_date(day)
    assert (info.value.code, info.value.field) == ("date_range", "order_date")


@settings(max_examples=400, deadline=None)
@given(st.dates(D(2000, 1, 1), D(2100, 12, 31)))
def test_business_days_agree_with_an_independent_rule(day: dt.date) -> None:
    assert business_calendar().is_business_day(day) == independent_is_business_day(day)


# ---- the order date of a case that names none (docs/rules.md §4) ----------------------------------------------


@pytest.mark.parametrize(
    ("today", "order_date"),
    [
        (D(2026, 12, 6), D(2026, 12, 7)),  # Sunday → Monday
        (D(2026, 12, 26), D(2026, 12, 28)),  # Saturday → Monday 12-28, the last business day before the break
        (D(2026, 12, 29), D(2027, 1, 4)),  # the break's first day → Monday 1-4 (1-1 to 1-3 closed, 1-2/1-3 weekend)
        (D(2027, 1, 2), D(2027, 1, 4)),  # Saturday inside the break
        (D(2027, 1, 11), D(2027, 1, 12)),  # Coming of Age Day (a Monday) → Tuesday
        (D(2026, 5, 2), D(2026, 5, 7)),  # Golden Week: Sat 5-2, Sun 5-3 to Wed 5-6 (5-6 the substitute) → Thu
        (D(2026, 11, 25), D(2026, 11, 25)),  # a Wednesday stays itself
        (D(2026, 12, 28), D(2026, 12, 28)),  # so does the Monday before the break
    ],
)
def test_an_unset_order_date_is_the_first_business_day_from_today_on(today: dt.date, order_date: dt.date) -> None:
    assert default_order_date(today) == order_date


def test_a_case_without_an_order_date_schedules_from_that_day() -> None:
    sunday = D(2026, 12, 6)
    assert Case(plan="common").schedule_request(sunday).order_date == D(2026, 12, 7)
    assert Case(plan="common", order_date=sunday).schedule_request(D(2026, 11, 30)).order_date == sunday
