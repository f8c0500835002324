"""Japanese business days (営業日): weekdays that are neither public holidays nor in the year-end break."""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays

from sonpo.catalog import CalendarRules, load_timeline
from sonpo.errors import DomainError
from sonpo.i18n import Lang


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


class BusinessCalendar:
    """Counts business days. Public holidays come from the `holidays` package (substitute
    holidays and the in-between national holiday included); the year-end break is data."""

    def __init__(self, rules: CalendarRules) -> None:
        self.rules = rules
        self._break_start = _month_day(rules.year_end_break_start)
        self._break_end = _month_day(rules.year_end_break_end)
        years = range(rules.first_year, rules.last_year + 2)
        self._ja = holidays.country_holidays("JP", years=years, language="ja")
        self._en = holidays.country_holidays("JP", years=years, language="en_US")
        self._closed: set[dt.date] = set(self._ja)

    def check_date(self, day: dt.date, field: str = "order_date") -> None:
        if not self.rules.first_year <= day.year <= self.rules.last_year:
            raise DomainError(
                "date_range", field, value=day.isoformat(), first=self.rules.first_year, last=self.rules.last_year
            )

    def in_year_end_break(self, day: dt.date) -> bool:
        md = (day.month, day.day)
        if self._break_start <= self._break_end:
            return self._break_start <= md <= self._break_end
        return md >= self._break_start or md <= self._break_end

    def holiday_name(self, day: dt.date, lang: Lang = "ja") -> str | None:
        """The public holiday's name, or None."""
        return (self._ja if lang == "ja" else self._en).get(day)

    def is_business_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self._closed and not self.in_year_end_break(day)

    def next_business_day(self, day: dt.date) -> dt.date:
        """The first business day strictly after `day`."""
        day += dt.timedelta(days=1)
        while not self.is_business_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_business_days(self, day: dt.date, n: int) -> dt.date:
        """The n-th business day strictly after `day` (n ≥ 1); `day` itself for n = 0."""
        if n < 0:
            raise ValueError("n must be ≥ 0")
        for _ in range(n):
            day = self.next_business_day(day)
        return day

    def closed_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Every non-business day from start to end inclusive (for shading a chart)."""
        out = []
        day = start
        while day <= end:
            if not self.is_business_day(day):
                out.append(day)
            day += dt.timedelta(days=1)
        return out


@cache
def business_calendar() -> BusinessCalendar:
    return BusinessCalendar(load_timeline().calendar)


def default_order_date(today: dt.date) -> dt.date:
    """The order-complete date of a case that names none (docs/rules.md §4): the first business day on or after
    `today` in Japan. An order placed on a Sunday or in the year-end break completes on the next business
    day, so that is the date the schedule counts from; on a business day it is today itself (an order can
    still complete that day, and a later date would push every activation date back one day)."""
    cal = business_calendar()
    return today if cal.is_business_day(today) else cal.next_business_day(today)
