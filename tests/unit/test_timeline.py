"""Activation timeline (docs/rules.md §4): the worked examples, holidays, the year-end break, hybrid + DNS support."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sonpo.errors import DomainError, InvalidSelection
from sonpo.timeline import Schedule, ScheduleRequest, activation_date, schedule

D = dt.date
JP = holidays.country_holidays("JP", years=range(2000, 2101))


def is_business_day(day: dt.date) -> bool:
    """docs/rules.md §4, written out again here so the tests do not lean on sonpo.timeline.calendar."""
    in_break = (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3)
    return day.weekday() < 5 and day not in JP and not in_break


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days in (start, end]."""
    n, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        n += is_business_day(day)
    return n


def steps(s: Schedule) -> list[tuple[str, str, str]]:
    return [(x.id, x.owner, x.phase) for x in s.steps]


# ---- docs/rules.md §4's worked examples ------------------------------------------------------------


@pytest.mark.parametrize(
    ("order", "activation"),
    [
        (D(2026, 11, 30), D(2026, 12, 10)),  # Mon → Thu
        (D(2026, 4, 28), D(2026, 5, 14)),  # Golden Week
        (D(2026, 12, 25), D(2027, 1, 13)),  # year-end break, then Coming of Age Day 2027-01-11
    ],
)
def test_spec_worked_examples_for_common(order: dt.date, activation: dt.date) -> None:
    assert activation_date("common", order) == activation


def test_common_steps_are_the_guides_2_4_2_then_the_customers_work() -> None:
    s = schedule(ScheduleRequest(plan="common", order_date=D(2026, 11, 30)))
    assert [(x.id, x.owner, x.start, x.end, x.business_days) for x in s.steps] == [
        ("application_check", "ntt", D(2026, 12, 1), D(2026, 12, 2), 2),
        ("tenant_accounts_policy", "ntt", D(2026, 12, 3), D(2026, 12, 8), 4),
        ("activation_notice_ids", "ntt", D(2026, 12, 9), D(2026, 12, 10), 2),
        ("pc_setup", "customer", D(2026, 12, 11), D(2026, 12, 11), 1),
        ("password_mfa", "customer", D(2026, 12, 14), D(2026, 12, 14), 1),
    ]
    assert s.lead_days == 8
    assert [x.id for x in s.customer_todo()] == ["pc_setup", "password_mfa"]


# ---- holidays and the break ---------------------------------------------------------------


def test_citizens_holiday_2026_09_22_is_skipped() -> None:
    # Thu 9/17: Fri 18 (1); 21 敬老の日, 22 国民の休日, 23 秋分の日; 24 (2) 25 (3) 28–30 (4–6) 10/1 (7) 10/2 (8)
    assert activation_date("common", D(2026, 9, 17)) == D(2026, 10, 2)


def test_substitute_holiday_2024_05_06_is_skipped() -> None:
    # Tue 2024-04-30: 5/1 (1) 5/2 (2); 5/3–5/6 closed (5/6 振替休日); 5/7 (3) … 5/10 (6) 5/13 (7) 5/14 (8)
    assert activation_date("common", D(2024, 4, 30)) == D(2024, 5, 14)


def test_substitute_holiday_2025_02_24_is_skipped() -> None:
    # Thu 2025-02-13: 14 (1); 17–21 (2–6); 24 振替休日; 25 (7) 26 (8)
    assert activation_date("common", D(2025, 2, 13)) == D(2025, 2, 26)


def test_an_order_on_a_closed_day_counts_from_the_next_business_day() -> None:
    # Sat 2026-12-26 and Wed 2026-12-30 (break) both start counting on Mon 2026-12-28 / Mon 2027-01-04
    assert activation_date("common", D(2026, 12, 26)) == D(2027, 1, 13)
    # 1/4 (1) … 1/8 (5), 1/11 holiday, 1/12 (6) 1/13 (7) 1/14 (8)
    assert activation_date("common", D(2026, 12, 30)) == D(2027, 1, 14)


# ---- individual: own domain vs subdomain --------------------------------------------------


def test_individual_own_domain_steps_and_23_business_days() -> None:
    s = schedule(ScheduleRequest(plan="individual", order_date=D(2026, 11, 30), domain="own"))
    assert steps(s) == [
        ("application_check", "ntt", "lead"),
        ("tenant_admin_account", "ntt", "lead"),
        ("activation_notice", "ntt", "lead"),
        ("domain_ownership_check", "customer", "after"),
        ("users", "customer", "after"),
        ("security_policy", "customer", "after"),
        ("dns_records_mx", "customer", "after"),
    ]
    # Dec 2026: 1–4 (4) 7–11 (9) 14–18 (14) 21–25 (19) 28 (20); break; Jan 4 (21) 5 (22) 6 (23)
    assert s.activation_date == D(2027, 1, 6)
    assert s.lead_days == 23


def test_individual_subdomain_skips_the_domain_steps() -> None:
    s = schedule(ScheduleRequest(plan="individual", order_date=D(2026, 11, 30), domain="sub"))
    assert [x.id for x in s.customer_todo()] == ["users", "security_policy"]
    assert s.activation_date == D(2027, 1, 6)


def test_individual_defaults_to_own_domain() -> None:
    s = schedule(ScheduleRequest(plan="individual", order_date=D(2026, 11, 30)))
    assert s.request.domain == "own"
    assert "domain_ownership_check" in [x.id for x in s.steps]


# ---- hybrid, with and without DNS zone information support -------------------------------


def test_hybrid_without_dns_support_is_24_business_days_with_prerequisites_before() -> None:
    s = schedule(ScheduleRequest(plan="hybrid", order_date=D(2026, 11, 30)))
    assert steps(s) == [
        ("registrar_transfer", "customer", "before"),
        ("dns_zone_info", "customer", "before"),
        ("application_check", "ntt", "lead"),
        ("dns_zone_ns_switch", "ntt", "lead"),
        ("tenant_accounts_policy", "ntt", "lead"),
        ("activation_notice", "ntt", "lead"),
        ("mx_switch", "customer", "after"),
        ("cancel_old_dns", "customer", "after"),  # brochure p.8: お客様にてお手配
        ("pc_setup", "customer", "after"),
        ("password_mfa", "customer", "after"),
    ]
    assert all(x.start == x.end == D(2026, 11, 30) for x in s.steps if x.phase == "before")
    # Dec 2026 ends on 20 business days (see above); Jan 4 (21) 5 (22) 6 (23) 7 (24)
    assert s.activation_date == D(2027, 1, 7)
    assert s.lead_days == 24


def test_hybrid_with_dns_support_is_d_plus_24_business_days() -> None:
    s = schedule(ScheduleRequest(plan="hybrid", order_date=D(2026, 11, 30), dns_zone_support=True))
    assert steps(s) == [
        ("registrar_transfer", "customer", "before"),
        ("dns_collection", "ntt", "collect"),
        ("application_check", "ntt", "lead"),
        ("dns_zone_ns_switch", "ntt", "lead"),
        ("tenant_accounts_policy", "ntt", "lead"),
        ("activation_notice", "ntt", "lead"),
        ("mx_switch", "ntt", "after"),  # NTT switches MX when DNS zone support is ordered
        ("cancel_old_dns", "customer", "after"),  # brochure p.9: still the customer's, even with the support
        ("pc_setup", "customer", "after"),
        ("password_mfa", "customer", "after"),
    ]
    collect = s.steps[1]
    assert (collect.start, collect.end, collect.business_days) == (D(2026, 12, 1), D(2026, 12, 14), 10)
    # default D = 10: 10 + 24 = 34 business days; Jan 2027: 4–8 (21–25), 11 holiday, 12–15 (26–29), 18–22 (30–34)
    assert s.activation_date == D(2027, 1, 22)
    assert s.lead_days == 10 + 24


@pytest.mark.parametrize("dns_days", [1, 5, 37, 120])
def test_hybrid_activation_moves_with_the_collection_days(dns_days: int) -> None:
    order = D(2026, 6, 1)
    got = activation_date("hybrid", order, dns_zone_support=True, dns_days=dns_days)
    assert business_days_between(order, got) == dns_days + 24 and is_business_day(got)


@pytest.mark.parametrize(
    ("request_kwargs", "errors"),
    [
        ({"plan": "hybrid", "dns_days": 5}, [("dns_days_without_support", "dns_days")]),
        ({"plan": "hybrid", "dns_zone_support": True, "dns_days": 0}, [("range", "dns_days")]),
        ({"plan": "hybrid", "dns_zone_support": True, "dns_days": 121}, [("range", "dns_days")]),
        ({"plan": "common", "dns_zone_support": True}, [("option_not_offered", "dns_zone_support")]),
        ({"plan": "individual", "dns_zone_support": True}, [("option_not_offered", "dns_zone_support")]),
        ({"plan": "common", "domain": "own"}, [("domain_not_offered", "domain")]),
        ({"plan": "hybrid", "domain": "sub"}, [("domain_not_offered", "domain")]),
        ({"plan": "individual", "domain": "designated"}, [("domain_not_offered", "domain")]),
        ({"plan": "common", "order_date": D(1999, 12, 31)}, [("date_range", "order_date")]),
        ({"plan": "common", "order_date": D(2100, 1, 4)}, [("date_range", "order_date")]),
        (
            {"plan": "common", "order_date": D(1999, 1, 4), "domain": "own", "dns_days": 3},
            [("date_range", "order_date"), ("domain_not_offered", "domain"), ("dns_days_without_support", "dns_days")],
        ),
    ],
)
def test_refusals(request_kwargs: dict[str, object], errors: list[tuple[str, str]]) -> None:
    kwargs = {"order_date": D(2026, 6, 1), **request_kwargs}
    with pytest.raises(InvalidSelection) as info:
        schedule(ScheduleRequest.model_validate(kwargs))
    assert [(e.code, e.field) for e in info.value.errors] == errors


def test_the_last_allowed_year_still_schedules_into_the_next() -> None:
    s = schedule(ScheduleRequest(plan="hybrid", order_date=D(2099, 12, 31), dns_zone_support=True, dns_days=120))
    assert s.activation_date.year == 2100
    assert business_days_between(D(2099, 12, 31), s.activation_date) == 120 + 24


def test_dns_days_true_is_not_one_day() -> None:
    from pydantic import ValidationError

    with pytest.raises((ValidationError, DomainError)):
        schedule(ScheduleRequest.model_validate(
            {"plan": "hybrid", "order_date": D(2026, 6, 1), "dns_zone_support": True, "dns_days": True}
        ))


def test_as_json_has_the_keys_spec_7_lists() -> None:
    data = schedule(ScheduleRequest(plan="common", order_date=D(2026, 11, 30))).as_json()
    assert data["activation_date"] == "2026-12-10"
    for step in data["steps"]:  # type: ignore[attr-defined]
        assert {"name", "owner", "start", "end"} <= set(step)
        assert step["owner"] in ("customer", "ntt")
        dt.date.fromisoformat(step["start"])
        dt.date.fromisoformat(step["end"])


# ---- for every order date ---------------------------------------------------------------

requests = st.builds(
    ScheduleRequest,
    plan=st.sampled_from(["common", "individual", "hybrid"]),
    order_date=st.dates(D(2000, 1, 1), D(2099, 12, 31)),
).flatmap(
    lambda r: st.just(r)
    if r.plan != "individual"
    else st.sampled_from(["own", "sub"]).map(lambda d: r.model_copy(update={"domain": d}))
).flatmap(
    lambda r: st.just(r)
    if r.plan != "hybrid"
    else st.one_of(
        st.just(r),
        st.integers(1, 120).map(lambda n: r.model_copy(update={"dns_zone_support": True, "dns_days": n})),
    )
)


@settings(max_examples=150, deadline=None)
@given(requests)
def test_every_step_date_is_a_business_day_and_activation_is_exactly_n_business_days_on(
    req: ScheduleRequest,
) -> None:
    s = schedule(req)
    n = {"common": 8, "individual": 23, "hybrid": 24}[req.plan] + (req.dns_days or 0)
    assert s.lead_days == n
    assert is_business_day(s.activation_date)
    assert business_days_between(req.order_date, s.activation_date) == n
    previous_end = req.order_date
    for x in s.steps:
        if x.phase == "before":
            assert x.start == x.end == req.order_date
            continue
        assert is_business_day(x.start) and is_business_day(x.end), x
        assert x.start > previous_end and business_days_between(previous_end, x.start) == 1  # back to back
        assert business_days_between(x.start, x.end) + 1 == x.business_days
        previous_end = x.end
    lead = [x for x in s.steps if x.phase in ("collect", "lead")]
    assert lead[-1].end == s.activation_date
    assert all(x.start > s.activation_date for x in s.steps if x.phase == "after")
