"""The customer's calendar (.ics): it parses, its dates are the schedule's, its UIDs are stable."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from sonpo.documents import calendar_ics
from sonpo.timeline import ScheduleRequest, schedule

STAMP = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def events(data: bytes) -> list[tuple[str, dt.date, dt.date, str]]:
    cal = Calendar.from_ical(data)
    out = []
    for ev in cal.walk("VEVENT"):
        out.append((str(ev["SUMMARY"]), ev["DTSTART"].dt, ev["DTEND"].dt, str(ev["UID"])))
    return out


def test_common_worked_example() -> None:
    # SPEC §4: common, order complete Mon 2026-11-30 → activation Thu 2026-12-10; the customer's two
    # tasks follow on the next business days, Fri 12-11 and Mon 12-14.
    s = schedule(ScheduleRequest(plan="common", order_date=dt.date(2026, 11, 30)))
    got = events(calendar_ics(s, "ja", stamp=STAMP))
    assert [(summary, start, end) for summary, start, end, _ in got] == [
        ("損保クラウドサービス 開通予定日（共通ルールプラン）", dt.date(2026, 12, 10), dt.date(2026, 12, 11)),
        ("【お客様作業】パソコン初期設定", dt.date(2026, 12, 11), dt.date(2026, 12, 12)),
        ("【お客様作業】仮パスワード変更・多要素認証設定", dt.date(2026, 12, 14), dt.date(2026, 12, 15)),
    ]
    # all-day events: dates, not times
    assert all(type(start) is dt.date and type(end) is dt.date for _, start, end, _ in got)


def test_dates_equal_the_schedules() -> None:
    s = schedule(ScheduleRequest(plan="hybrid", order_date=dt.date(2026, 12, 25)))
    got = events(calendar_ics(s, "en", stamp=STAMP))
    want = [s.activation_date] + [step.start for step in s.customer_todo()]
    assert [start for _, start, _, _ in got] == want
    assert [end for _, _, end, _ in got][1:] == [step.end + dt.timedelta(days=1) for step in s.customer_todo()]
    # hybrid without DNS zone support: the registrar transfer and the zone information are due on the order date
    before = [summary for summary, start, _, _ in got if start == dt.date(2026, 12, 25)]
    assert len(before) == 2 and all(summary.startswith("[Before applying]") for summary in before)


def test_uids_are_stable_and_distinct() -> None:
    req = ScheduleRequest(plan="individual", order_date=dt.date(2026, 4, 28), domain="own")
    first = [uid for *_, uid in events(calendar_ics(schedule(req), "ja", stamp=STAMP))]
    again = [uid for *_, uid in events(calendar_ics(schedule(req), "en"))]  # another language, another time
    assert first == again
    assert len(set(first)) == len(first)
    other = ScheduleRequest(plan="individual", order_date=dt.date(2026, 4, 30), domain="own")
    assert not set(first) & {uid for *_, uid in events(calendar_ics(schedule(other), "ja", stamp=STAMP))}


def test_calendar_headers() -> None:
    data = calendar_ics(schedule(ScheduleRequest(plan="common", order_date=dt.date(2026, 11, 30))), "ja", stamp=STAMP)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.rstrip().endswith(b"END:VCALENDAR")
    cal = Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Tokyo"
    assert all(ev["DTSTAMP"].dt == STAMP for ev in cal.walk("VEVENT"))
