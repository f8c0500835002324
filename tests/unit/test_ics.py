"""The customer's calendar (.ics): it parses, its dates are the schedule's, and an updated schedule of the same
case moves the events a calendar already has (same UIDs, higher SEQUENCE) instead of adding new ones."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from sonpo.documents import calendar_ics
from sonpo.timeline.schedule import ScheduleRequest, schedule

ISSUED = dt.date(2026, 11, 30)


def events(data: bytes) -> list[tuple[str, dt.date, dt.date, str]]:
    cal = Calendar.from_ical(data)
    out = []
    for ev in cal.walk("VEVENT"):
        out.append((str(ev["SUMMARY"]), ev["DTSTART"].dt, ev["DTEND"].dt, str(ev["UID"])))
    return out


def uids_and_sequences(data: bytes) -> dict[str, int]:
    return {str(ev["UID"]): int(ev["SEQUENCE"]) for ev in Calendar.from_ical(data).walk("VEVENT")}


def starts(data: bytes) -> dict[str, dt.date]:
    return {str(ev["UID"]): ev["DTSTART"].dt for ev in Calendar.from_ical(data).walk("VEVENT")}


def ics(req: ScheduleRequest, issued: dt.date = ISSUED, addressee: str = "山田保険事務所", lang: str = "ja") -> bytes:
    return calendar_ics(schedule(req), lang, issued=issued, addressee=addressee)  # type: ignore[arg-type]


def test_common_worked_example() -> None:
    # docs/rules.md §4: common, order complete Mon 2026-11-30 → activation Thu 2026-12-10; the customer's two
    # tasks follow on the next business days, Fri 12-11 and Mon 12-14.
    got = events(ics(ScheduleRequest(plan="common", order_date=dt.date(2026, 11, 30))))
    assert [(summary, start, end) for summary, start, end, _ in got] == [
        ("損保クラウドサービス 開通予定日（共通ルールプラン）", dt.date(2026, 12, 10), dt.date(2026, 12, 11)),
        ("【お客様作業】パソコン初期設定", dt.date(2026, 12, 11), dt.date(2026, 12, 12)),
        ("【お客様作業】仮パスワード変更・多要素認証設定", dt.date(2026, 12, 14), dt.date(2026, 12, 15)),
    ]
    # all-day events: dates, not times
    assert all(type(start) is dt.date and type(end) is dt.date for _, start, end, _ in got)


def test_dates_equal_the_schedules() -> None:
    s = schedule(ScheduleRequest(plan="hybrid", order_date=dt.date(2026, 12, 25)))
    got = events(calendar_ics(s, "en", issued=ISSUED))
    want = [s.activation_date] + [step.start for step in s.customer_todo()]
    assert [start for _, start, _, _ in got] == want
    assert [end for _, _, end, _ in got][1:] == [step.end + dt.timedelta(days=1) for step in s.customer_todo()]
    # hybrid without DNS zone support: the registrar transfer and the zone information are due on the order date
    before = [summary for summary, start, _, _ in got if start == dt.date(2026, 12, 25)]
    assert len(before) == 2 and all(summary.startswith("[Before applying]") for summary in before)


def test_a_later_order_date_moves_the_same_events() -> None:
    # The same customer's schedule, the order completing two days later than first planned (Tue 4-28 → Thu 4-30):
    # every event keeps its UID, and each event whose date moved carries a higher SEQUENCE, issued the same day
    # or later.
    first_req = ScheduleRequest(plan="individual", order_date=dt.date(2026, 4, 28), domain="own")
    later_req = ScheduleRequest(plan="individual", order_date=dt.date(2026, 4, 30), domain="own")
    first = uids_and_sequences(ics(first_req, issued=dt.date(2026, 4, 20)))
    moved = [uid for uid, start in starts(ics(later_req)).items() if start != starts(ics(first_req))[uid]]
    assert len(first) == 5 and moved  # the activation and four customer tasks
    for issued in (dt.date(2026, 4, 20), dt.date(2026, 4, 21)):
        later = uids_and_sequences(ics(later_req, issued=issued))
        assert list(later) == list(first)
        assert all(later[uid] > first[uid] for uid in moved)
        assert all(later[uid] >= first[uid] for uid in first)


def test_a_schedule_issued_on_a_later_day_wins_even_if_its_dates_moved_earlier() -> None:
    first = uids_and_sequences(ics(ScheduleRequest(plan="common", order_date=dt.date(2026, 12, 7)), ISSUED))
    earlier = uids_and_sequences(ics(ScheduleRequest(plan="common", order_date=dt.date(2026, 12, 1)),
                                     ISSUED + dt.timedelta(days=1)))
    assert list(earlier) == list(first) and all(earlier[uid] > first[uid] for uid in first)


def test_sequence_worked_by_hand() -> None:
    # Days from 2000-01-01: to 2026-01-01, 26 × 365 + 7 leap days (2000 … 2024) = 9,497; to 2026-11-30, + 333
    # = 9,830 (the issue date); the activation 2026-12-10 is 9,840. SEQUENCE = 9,830 × 36,525 + 9,840.
    data = ics(ScheduleRequest(plan="common", order_date=dt.date(2026, 11, 30)))
    activation = Calendar.from_ical(data).walk("VEVENT")[0]
    assert activation["DTSTART"].dt == dt.date(2026, 12, 10)
    assert int(activation["SEQUENCE"]) == 9_830 * 36_525 + 9_840 == 359_050_590


def test_another_dns_support_choice_keeps_the_tasks_both_schedules_have() -> None:
    # hybrid with DNS zone support: two of the customer's tasks go (data/timeline.toml); the registrar transfer,
    # the old DNS provider's cancellation and the two set-up tasks stay the same events
    without = uids_and_sequences(ics(ScheduleRequest(plan="hybrid", order_date=dt.date(2026, 12, 1))))
    with_support = uids_and_sequences(ics(ScheduleRequest(plan="hybrid", order_date=dt.date(2026, 12, 1),
                                                          dns_zone_support=True, dns_days=10)))
    assert len(without) == 7 and len(with_support) == 5
    assert set(with_support) < set(without)


def test_each_case_and_each_event_has_its_own_uid() -> None:
    req = ScheduleRequest(plan="common", order_date=dt.date(2026, 11, 30))
    mine = list(uids_and_sequences(ics(req, addressee="山田保険事務所")))
    assert len(set(mine)) == len(mine) == 3
    # another customer, or the same customer's other plan: no event in common
    assert not set(mine) & set(uids_and_sequences(ics(req, addressee="鈴木保険代理店")))
    assert not set(mine) & set(uids_and_sequences(ics(req, addressee="")))
    hybrid = ScheduleRequest(plan="hybrid", order_date=dt.date(2026, 11, 30))
    assert not set(mine) & set(uids_and_sequences(ics(hybrid, addressee="山田保険事務所")))
    # the same 宛名 typed in full-width or with a space, and the other language: the same case
    assert list(uids_and_sequences(ics(req, addressee="山田　保険事務所 "))) == mine
    assert list(uids_and_sequences(ics(req, addressee="山田保険事務所", lang="en"))) == mine


def test_every_event_has_what_rfc_5545_requires_and_the_file_is_the_same_each_time() -> None:
    req = ScheduleRequest(plan="individual", order_date=dt.date(2026, 11, 30), domain="own")
    data = ics(req)
    assert data == ics(req)  # the same case issued the same day: byte for byte
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.rstrip().endswith(b"END:VCALENDAR")
    cal = Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0" and str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["PRODID"]) == "-//Sonpo Plan Selector//Sonpo Cloud Service Schedule//JA"
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Tokyo"
    vevents = cal.walk("VEVENT")
    assert len(vevents) == 5
    for ev in vevents:
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE"} <= set(ev)
        # DTSTAMP in UTC: the start of the issue day in Japan (00:00 JST = 15:00 UTC the day before)
        assert ev["DTSTAMP"].dt == dt.datetime(2026, 11, 29, 15, 0, tzinfo=dt.UTC)
        assert ev["DTEND"].dt > ev["DTSTART"].dt  # all day: DTEND is the day after the last
    assert b"DTSTAMP:20261129T150000Z" in data
