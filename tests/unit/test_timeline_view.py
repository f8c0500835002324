"""The activation timeline as drawn and tabled (sonpo.timeline.view): chart rows, shaded closed days,
markers, the customer's to-do list and the three plans compared. Expected dates are counted by hand
from the Japanese calendar (docs/rules.md §4)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sonpo.timeline import Schedule, ScheduleRequest, business_calendar, schedule
from sonpo.timeline.view import (
    chart_span,
    closed_days,
    closed_reason,
    compare_plans,
    comparison_rows,
    difference_text,
    gantt_rows,
    lead_note,
    markers,
    ntt_rows,
    period_text,
    premise_note,
    today_in_japan,
    todo_rows,
)

D = dt.date


def common(order: dt.date) -> Schedule:
    return schedule(ScheduleRequest(plan="common", order_date=order))


# ---- closed days ----------------------------------------------------------------------


def test_shaded_days_over_the_new_year_are_the_weekends_the_break_and_coming_of_age_day() -> None:
    # common, order Fri 2026-12-25: activation Wed 2027-01-13 (docs/rules.md §4), then PC setup Thu 1/14 and
    # password/MFA Fri 1/15, so the chart runs 12/25..1/15.
    s = common(D(2026, 12, 25))
    assert chart_span(s) == (D(2026, 12, 25), D(2027, 1, 15))
    shaded = {c.day: c for c in closed_days(s)}
    expected = {D(2026, 12, 26), D(2026, 12, 27)}  # Sat, Sun
    expected |= {D(2026, 12, 29) + dt.timedelta(days=i) for i in range(6)}  # year-end break 12/29..1/3
    expected |= {D(2027, 1, 9), D(2027, 1, 10), D(2027, 1, 11)}  # Sat, Sun, 成人の日 (2nd Monday of January)
    assert set(shaded) == expected
    assert D(2026, 12, 28) not in shaded  # a Monday before the break is a business day
    assert shaded[D(2026, 12, 26)].kind == "weekend"
    assert shaded[D(2026, 12, 30)].kind == "year_end"
    assert shaded[D(2027, 1, 1)].kind == "holiday"
    assert shaded[D(2027, 1, 11)].kind == "holiday"
    assert shaded[D(2027, 1, 11)].reason == "成人の日"
    assert shaded[D(2027, 1, 11)].kind_label == "祝日"
    assert shaded[D(2027, 1, 11)].label == "2027年1月11日(月)"


def test_golden_week_is_shaded_with_its_substitute_holiday() -> None:
    # common, order Tue 2026-04-28 → Thu 2026-05-14 (docs/rules.md §4)
    s = common(D(2026, 4, 28))
    assert s.activation_date == D(2026, 5, 14)
    shaded = {c.day for c in closed_days(s)}
    # 4/29 昭和の日, 5/2-3 weekend (5/3 憲法記念日), 5/4 みどりの日, 5/5 こどもの日, 5/6 振替休日, 5/9-10 weekend
    for day in (29,):
        assert D(2026, 4, day) in shaded
    for day in (2, 3, 4, 5, 6, 9, 10):
        assert D(2026, 5, day) in shaded
    assert D(2026, 4, 30) not in shaded and D(2026, 5, 1) not in shaded and D(2026, 5, 7) not in shaded
    assert "振替休日" in (closed_reason(D(2026, 5, 6)) or "")


def test_closed_reason_names_every_reason_in_the_users_language() -> None:
    assert closed_reason(D(2026, 12, 26)) == "土曜日"
    assert closed_reason(D(2026, 12, 27), "en") == "Sunday"
    assert closed_reason(D(2026, 12, 30)) == "年末年始休業"
    assert closed_reason(D(2027, 1, 1)) == "元日・年末年始休業"
    assert closed_reason(D(2027, 1, 2)) == "土曜日・年末年始休業"
    assert closed_reason(D(2027, 1, 11), "en") == "Coming of Age Day"
    assert closed_reason(D(2026, 11, 30)) is None  # a Monday


ORDER_DATES = st.dates(min_value=D(2025, 1, 1), max_value=D(2030, 12, 31))
REQUESTS = st.one_of(
    st.builds(lambda d: ScheduleRequest(plan="common", order_date=d), ORDER_DATES),
    st.builds(lambda d, k: ScheduleRequest(plan="individual", order_date=d, domain=k), ORDER_DATES,
              st.sampled_from(["own", "sub"])),
    st.builds(lambda d: ScheduleRequest(plan="hybrid", order_date=d), ORDER_DATES),
    st.builds(lambda d, n: ScheduleRequest(plan="hybrid", order_date=d, dns_zone_support=True, dns_days=n),
              ORDER_DATES, st.integers(1, 40)),
)


@settings(max_examples=80, deadline=None)
@given(REQUESTS)
def test_bars_start_and_end_on_business_days_and_shading_is_every_other_day(req: ScheduleRequest) -> None:
    s = schedule(req)
    cal = business_calendar()
    rows = gantt_rows(s)
    for r in rows:
        if r.milestone:
            assert r.start == r.end == req.order_date and r.days == ""
        else:
            assert cal.is_business_day(r.start) and cal.is_business_day(r.end)
            assert r.start <= r.end and r.end_exclusive == r.end + dt.timedelta(days=1)
    first, last = chart_span(s)
    shaded = {c.day for c in closed_days(s)}
    day = first
    while day <= last:
        # a shaded day is never a working day: Saturday, Sunday, a public holiday or 12/29..1/3
        off = day.weekday() >= 5 or cal.holiday_name(day) is not None or (day.month, day.day) >= (12, 29) or (
            (day.month, day.day) <= (1, 3))
        assert (day in shaded) == off, day
        day += dt.timedelta(days=1)
    # the rows keep the steps' order and are numbered, so every y value is distinct
    assert [r.order for r in rows] == list(range(1, len(rows) + 1))
    assert len({r.label for r in rows}) == len(rows)


# ---- steps, markers, to-do ------------------------------------------------------------------


def test_hybrid_steps_before_applying_are_milestones_on_the_order_date() -> None:
    s = schedule(ScheduleRequest(plan="hybrid", order_date=D(2026, 11, 30)))
    milestones = [r for r in gantt_rows(s) if r.milestone]
    assert [r.step_id for r in milestones] == ["registrar_transfer", "dns_zone_info"]
    assert all(r.start == D(2026, 11, 30) and r.owner == "customer" for r in milestones)
    assert milestones[0].period == "お申込み前（2026年11月30日(月)まで）"


def test_dns_zone_support_replaces_the_zone_info_milestone_with_ntts_collection_bar() -> None:
    s = schedule(ScheduleRequest(plan="hybrid", order_date=D(2026, 11, 30), dns_zone_support=True, dns_days=10))
    rows = {r.step_id: r for r in gantt_rows(s)}
    assert "dns_zone_info" not in rows
    collect = rows["dns_collection"]
    # 10 business days from Tue 12/1: 12/1-4, 12/7-11, 12/14 → Mon 12/14
    assert (collect.start, collect.end, collect.owner) == (D(2026, 12, 1), D(2026, 12, 14), "ntt")
    assert collect.days == "10営業日"


def test_markers_show_activation_always_and_today_only_inside_the_chart() -> None:
    s = common(D(2026, 11, 30))
    inside = markers(s, D(2026, 12, 3))
    assert [(m.kind, m.day) for m in inside] == [("activation", D(2026, 12, 10)), ("today", D(2026, 12, 3))]
    assert inside[0].label == "開通予定日 2026年12月10日(木)"
    assert [m.kind for m in markers(s, D(2027, 6, 1))] == ["activation"]
    assert [m.kind for m in markers(s, D(2026, 11, 29))] == ["activation"]


def test_customer_todo_has_dates_after_activation() -> None:
    # common 11/30 → activation Thu 12/10; the customer's two tasks follow, a business day each: Fri 12/11, Mon 12/14
    rows = todo_rows(common(D(2026, 11, 30)))
    assert rows == [
        {"時期（目安）": "2026年12月11日(金)", "作業": "パソコン初期設定"},
        {"時期（目安）": "2026年12月14日(月)", "作業": "仮パスワード変更・多要素認証設定"},
    ]


def test_ntt_rows_cover_the_brochure_total() -> None:
    rows = ntt_rows(common(D(2026, 11, 30)))
    assert [r["営業日数"] for r in rows] == ["2営業日", "4営業日", "2営業日"]  # 2 + 4 + 2 = 8
    assert rows[0]["時期（目安）"] == "2026年12月1日(火)〜2026年12月2日(水)"


def test_lead_note_quotes_the_brochure_for_hybrid_and_counts_d_plus_24_with_support() -> None:
    assert lead_note(common(D(2026, 11, 30))) is None
    plain = schedule(ScheduleRequest(plan="hybrid", order_date=D(2026, 11, 30)))
    assert plain.lead_days == 24
    assert lead_note(plain) == "※DNS情報取得のための所要日数を除く"
    support = schedule(ScheduleRequest(plan="hybrid", order_date=D(2026, 11, 30), dns_zone_support=True, dns_days=10))
    assert support.lead_days == 10 + 24
    assert lead_note(support) == "DNS情報収集10営業日＋24営業日"


# ---- the three plans compared --------------------------------------------------------------


def test_three_plans_compared_for_the_same_order_date() -> None:
    # order Mon 2026-11-30. Business days from 12/1: Dec 1-4 (4), 7-11 (9), 14-18 (14), 21-25 (19), 28 (20);
    # 12/29-1/3 break; Jan 4-8 (25), 1/11 holiday, Jan 12-15 (29), Jan 18-22 (34).
    compared = {c.plan: c for c in compare_plans(D(2026, 11, 30), "common")}
    assert compared["common"].activation_date == D(2026, 12, 10)  # 8th
    assert compared["individual"].activation_date == D(2027, 1, 6)  # 23rd
    assert compared["hybrid"].activation_date == D(2027, 1, 7)  # 24th
    assert [compared[p].difference for p in ("common", "individual", "hybrid")] == [0, 23 - 8, 24 - 8]
    assert compared["common"].selected and not compared["hybrid"].selected


def test_the_difference_is_the_business_days_between_activation_dates() -> None:
    compared = compare_plans(D(2026, 11, 30), "individual", dns_zone_support=True, dns_days=10)
    by_plan = {c.plan: c for c in compared}
    assert by_plan["hybrid"].activation_date == D(2027, 1, 22)  # 34th business day
    cal = business_calendar()
    for c in compared:
        a, b = sorted((c.activation_date, by_plan["individual"].activation_date))
        between = sum(1 for i in range(1, (b - a).days + 1) if cal.is_business_day(a + dt.timedelta(days=i)))
        assert abs(c.difference) == between
    assert by_plan["common"].difference == 8 - 23 and by_plan["hybrid"].difference == 34 - 23


def test_comparison_rows_say_earlier_later_and_name_the_dns_settings() -> None:
    rows = comparison_rows(compare_plans(D(2026, 11, 30), "individual", dns_zone_support=True, dns_days=10))
    assert rows[0] == {"プラン": "共通ルールプラン", "開通予定日": "2026年12月10日(木)", "営業日数": "8営業日",
                       "選択中との差": "15営業日早い"}
    assert rows[1]["選択中との差"] == "選択中"
    assert rows[2]["プラン"] == "ハイブリッドプラン（DNSゾーン情報サポートあり・DNS情報収集10営業日）"
    assert rows[2]["選択中との差"] == "11営業日遅い"
    en = comparison_rows(compare_plans(D(2026, 11, 30), "common"), "en")
    assert en[0]["Activation date"] == "Thu 10 Dec 2026"
    assert en[1]["Vs selected"] == "15 business days later"


def test_a_difference_in_business_days_is_said_in_words() -> None:
    assert [difference_text(d, "ja") for d in (-16, -1, 0, 1, 15)] == [
        "16営業日早い", "1営業日早い", "同じ", "1営業日遅い", "15営業日遅い"]
    assert [difference_text(d, "en") for d in (-16, -1, 0, 1)] == [
        "16 business days sooner", "1 business day sooner", "Same", "1 business day later"]


def test_today_is_japans_date() -> None:
    assert today_in_japan(dt.datetime(2026, 11, 29, 15, 30, tzinfo=dt.UTC)) == D(2026, 11, 30)  # 00:30 JST
    assert today_in_japan(dt.datetime(2026, 11, 29, 14, 59, tzinfo=dt.UTC)) == D(2026, 11, 29)


# ---- the chart's spec and the texts ----------------------------------------------------------------


def test_chart_holds_the_bars_the_shading_and_the_legend_in_the_users_language() -> None:
    from ui.charts import timeline_chart

    s = common(D(2026, 12, 25))
    spec = timeline_chart(gantt_rows(s, "en"), closed_days(s, "en"), markers(s, D(2026, 12, 25), "en"),
                          chart_span(s), "en")
    values = [row for data in spec["datasets"].values() for row in data]
    shaded = {row["start"][:10] for row in values if "reason" in row}
    assert {"2026-12-29", "2027-01-01", "2027-01-11"} <= shaded and "2026-12-28" not in shaded
    bars = [row for row in values if "owner" in row]
    assert {row["owner"] for row in bars} == {"Customer work", "NTT Com work"}
    assert any(row.get("label") == "Activation Wed 13 Jan 2027" for row in values)
    assert any(row.get("label") == "Today" for row in values)


# ---- when a step happens, and the premise under the hybrid lead time --------------------------------


def test_when_a_step_happens_before_applying_on_a_day_and_over_days() -> None:
    # hybrid, order Mon 2026-11-30: the registrar transfer is due before applying; the application check takes
    # 3 business days (Tue 12/1–Thu 12/3); activation Thu 2027-01-07, then the MX switch on Fri 1/8
    s = schedule(ScheduleRequest(plan="hybrid", order_date=D(2026, 11, 30)))
    step = {x.id: x for x in s.steps}
    assert period_text(step["registrar_transfer"]) == "お申込み前（2026年11月30日(月)まで）"
    assert period_text(step["application_check"]) == "2026年12月1日(火)〜2026年12月3日(木)"
    assert period_text(step["mx_switch"]) == "2027年1月8日(金)"
    short = period_text(step["application_check"], "ja", lambda day, _: f"{day.month}/{day.day}")
    assert short == "12/1〜12/3"  # the Gantt chart's narrow column, the same rule
    assert period_text(step["registrar_transfer"], "en") == "Before applying (by Mon 30 Nov 2026)"


def test_the_premise_note_goes_with_the_plan_that_needs_the_transfer_first() -> None:
    hybrid = schedule(ScheduleRequest(plan="hybrid", order_date=D(2026, 11, 30)))
    # brochure p.7, under the hybrid plan's timeline
    assert premise_note(hybrid) == ("※上記所要期間は、お申込み時点でドメイン移管が完了していることが前提となります。"
                                    "また、DNS情報が不備なく揃っていることを前提としております。")
    assert premise_note(common(D(2026, 11, 30))) is None
    assert premise_note(schedule(ScheduleRequest(plan="individual", order_date=D(2026, 11, 30)))) is None


def test_each_plan_is_compared_with_the_cases_domain_kind_where_it_offers_it() -> None:
    # a case that wants a subdomain: individual takes it, common its designated domain, hybrid its own domain;
    # none is refused, and the lead times stay the brochure's 8 / 23 / 24 business days
    compared = {c.plan: c for c in compare_plans(D(2026, 11, 30), "common", domain="sub")}
    assert {p: c.lead_days for p, c in compared.items()} == {"common": 8, "individual": 23, "hybrid": 24}
    with_support = {c.plan: c for c in compare_plans(D(2026, 11, 30), "individual", domain="own",
                                                     dns_zone_support=True, dns_days=10)}
    assert [p for p, c in with_support.items() if c.dns_zone_support] == ["hybrid"]  # only where it is offered
