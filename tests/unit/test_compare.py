"""Plan comparison (issue 3, item 5): the same needs on all three plans, refusals with reasons,
and the cumulative cost month by month.

Expected amounts are worked out by hand from the brochure's price list (税抜): 基本料金 1,500円/ID,
初期費用 3,000円/契約, DNSホスティング 1,500円/ドメイン (mandatory on hybrid), メールアーカイブ 380円/ID,
IIJID 100円/ID, DNSゾーン情報サポート 50,000円, マイセキュア ビジネス packs 200 / 1,800 / 15,000 and
工事費 3,000円/契約; consumption tax 10%, computed once per total.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from sonpo.compare import Needs, cheapest, compare, cumulative, selection_for, series
from sonpo.errors import InvalidSelection
from sonpo.quote import Quote, Selection, check, quote


def codes(result: Quote | InvalidSelection) -> list[tuple[str, str]]:
    assert isinstance(result, InvalidSelection), result
    return [(e.code, e.field) for e in result.errors]


def test_ten_ids_and_nothing_else_fit_every_plan() -> None:
    r = compare(Needs(ids=10))
    assert list(r) == ["common", "individual", "hybrid"]
    monthly = {p: q.monthly.excl_tax for p, q in r.items() if isinstance(q, Quote)}
    assert monthly == {"common": 1500 * 10, "individual": 1500 * 10, "hybrid": 1500 * 10 + 1500}
    for q in r.values():
        assert isinstance(q, Quote)
        assert q.initial.excl_tax == 3000
        assert q.period.excl_tax == 3000 + 12 * q.monthly.excl_tax
    # common and individual tie over 12 months: 3,000 + 12 × 15,000 = 183,000
    assert cheapest(r) == ("common", "individual")


def test_any_domain_takes_each_plans_first_domain() -> None:
    r = compare(Needs(ids=5))
    assert {p: q.selection.domain for p, q in r.items() if isinstance(q, Quote)} == {
        "common": "designated", "individual": "own", "hybrid": "own"}


def test_mail_archive_only_on_individual_and_the_others_say_why() -> None:
    r = compare(Needs(ids=10, mail_archive=True, iijid=True))
    ind = r["individual"]
    assert isinstance(ind, Quote)
    assert ind.monthly.excl_tax == 1500 * 10 + 380 * 10 + 100 * 10
    for plan in ("common", "hybrid"):
        assert codes(r[plan]) == [("option_not_offered", "mail_archive_ids"), ("option_not_offered", "iijid_ids")]
        assert "個別ルールプラン" in r[plan].errors[0].message("ja")  # type: ignore[union-attr]
    assert cheapest(r) == ("individual",)


def test_own_domain_rules_out_common_and_subdomain_rules_out_hybrid() -> None:
    own = compare(Needs(ids=3, domain="own"))
    assert codes(own["common"]) == [("domain_not_offered", "domain")]
    assert isinstance(own["individual"], Quote) and own["individual"].selection.domain == "own"
    assert isinstance(own["hybrid"], Quote)
    sub = compare(Needs(ids=3, domain="sub"))
    # common's designated domain is itself an NTT-issued subdomain
    assert isinstance(sub["common"], Quote) and sub["common"].selection.domain == "designated"
    assert isinstance(sub["individual"], Quote) and sub["individual"].selection.domain == "sub"
    # hybrid refuses the subdomain, and with it the mandatory DNS hosting (own domain only)
    assert codes(sub["hybrid"]) == [("domain_not_offered", "domain"), ("dns_hosting_needs_own_domain", "domains")]


def test_dns_zone_support_only_on_hybrid() -> None:
    r = compare(Needs(ids=10, dns_support=True))
    hybrid = r["hybrid"]
    assert isinstance(hybrid, Quote)
    assert hybrid.initial.excl_tax == 3000 + 50000
    assert codes(r["common"]) == [("option_not_offered", "dns_zone_support")]
    assert codes(r["individual"]) == [("option_not_offered", "dns_zone_support")]


def test_over_the_limits() -> None:
    r = compare(Needs(ids=60))
    assert codes(r["common"]) == [("ids_max", "ids")]
    assert codes(r["hybrid"]) == [("ids_max", "ids")]
    assert isinstance(r["individual"], Quote) and r["individual"].monthly.excl_tax == 1500 * 60
    special = compare(Needs(ids=301))
    assert codes(special["individual"]) == [("special_plan", "ids")]  # never priced
    assert cheapest(special) == ()
    assert series(special) == []


def test_msb_licences_are_priced_the_same_on_every_plan() -> None:
    r = compare(Needs(ids=2, msb=83))  # one 100-pack, 15,000 (SPEC §3)
    for q in r.values():
        assert isinstance(q, Quote)
        assert q.msb_packs.counts == {1: 0, 10: 0, 100: 1}
        assert q.initial.excl_tax == 3000 + 3000


def test_cumulative_cost_over_36_months() -> None:
    q = quote(Selection(plan="hybrid", ids=10))
    pts = cumulative(q)
    assert [p.month for p in pts] == list(range(37))
    assert (pts[0].excl_tax, pts[0].incl_tax) == (3000, 3300)  # one-time fees only
    assert (pts[1].excl_tax, pts[1].incl_tax) == (3000 + 16500, 3300 + 18150)
    assert (pts[36].excl_tax, pts[36].incl_tax) == (3000 + 36 * 16500, 3300 + 36 * 18150)


def test_series_holds_only_the_priced_plans() -> None:
    pts = series(compare(Needs(ids=60)))
    assert {p.plan for p in pts} == {"individual"}
    assert len(pts) == 37


needs_st = st.builds(
    Needs,
    ids=st.integers(1, 400),
    domain=st.sampled_from(["any", "own", "sub"]),
    msb=st.integers(0, 500),
    mail_archive=st.booleans(),
    iijid=st.booleans(),
    dns_support=st.booleans(),
    months=st.integers(1, 120),
)


@settings(max_examples=150, deadline=None)
@given(needs_st)
def test_a_plan_is_priced_exactly_when_the_engine_accepts_its_selection(needs: Needs) -> None:
    for plan, result in compare(needs).items():
        errors = check(selection_for(plan, needs))
        if errors:
            assert isinstance(result, InvalidSelection) and list(result.errors) == errors
        else:
            assert isinstance(result, Quote) and result.period.months == needs.months


@settings(max_examples=100, deadline=None)
@given(needs_st, st.integers(1, 36))
def test_the_curve_at_month_n_is_the_n_month_total(needs: Needs, n: int) -> None:
    for plan, result in compare(needs).items():
        if isinstance(result, Quote):
            at_n = quote(selection_for(plan, needs.model_copy(update={"months": n}))).period
            pts = cumulative(result)
            assert (pts[n].excl_tax, pts[n].incl_tax) == (at_n.excl_tax, at_n.incl_tax)
            assert all(a.incl_tax <= b.incl_tax for a, b in itertools.pairwise(pts))
