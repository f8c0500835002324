"""Plan comparison: the case's own counts and options priced on all three plans, refusals with reasons,
options a plan cannot offer named, conclusions true of the plans they name, and the cumulative cost.

Expected amounts are worked out by hand from the brochure's price list (税抜): 基本料金 1,500円/ID,
初期費用 3,000円/契約, DNSホスティング 1,500円/ドメイン (mandatory on hybrid), メールアーカイブ 380円/ID,
IIJID 100円/ID, DNSゾーン情報サポート 50,000円, マイセキュア ビジネス packs 200 / 1,800 / 15,000 and
工事費 3,000円/契約; consumption tax 10%, computed once per total.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from sonpo.case import Case
from sonpo.compare import PlanOffer, cheapest, compare, cumulative, series, shared_needs, verdict
from sonpo.errors import InvalidSelection
from sonpo.quote import Selection, check, quote


def codes(offer: PlanOffer) -> list[tuple[str, str]]:
    assert isinstance(offer.result, InvalidSelection), offer.result
    return [(e.code, e.field) for e in offer.result.errors]


def monthly(offer: PlanOffer) -> int:
    assert offer.quote is not None, offer.result
    return offer.quote.monthly.excl_tax


def test_ten_ids_and_nothing_else_fit_every_plan() -> None:
    r = compare(Case(plan="common", ids=10))
    assert list(r) == ["common", "individual", "hybrid"]
    assert {p: monthly(o) for p, o in r.items()} == {"common": 15000, "individual": 15000, "hybrid": 15000 + 1500}
    for o in r.values():
        assert o.quote is not None and o.meets_all
        assert o.quote.initial.excl_tax == 3000
        assert o.quote.period.excl_tax == 3000 + 12 * o.quote.monthly.excl_tax
    # common and individual tie over 12 months: 3,000 + 12 × 15,000 = 183,000
    assert cheapest(r) == ("common", "individual")
    assert [v.text for v in verdict(Case(plan="common", ids=10), r, "ja")] == [
        "12か月合計が最も安いのは共通ルールプラン・個別ルールプランです。"]


def test_no_domain_preference_takes_each_plans_first_domain() -> None:
    r = compare(Case(plan="common", ids=5))
    assert {p: o.quote.selection.domain for p, o in r.items() if o.quote} == {
        "common": "designated", "individual": "own", "hybrid": "own"}


def test_mail_archive_for_ten_of_twenty_five_ids_is_priced_as_the_estimate_prices_it() -> None:
    # issue 16: 25 IDs, マイセキュア 30 (3 × 10-pack = 5,400), mail archive for 10 IDs, IIJ ID for all 25
    case = Case(plan="individual", ids=25, domain="own", msb=30, mail_archive=True, mail_archive_ids=10, iijid=True)
    r = compare(case)
    ind = r["individual"].quote
    assert ind is not None
    assert ind.monthly.excl_tax == 37500 + 5400 + 380 * 10 + 100 * 25 == 49200
    assert ind.monthly.incl_tax == 54120
    assert ind.period.incl_tax == 6600 + 12 * 54120 == 656040
    assert ind == quote(case.selection())  # the estimate's own
    assert codes(r["common"]) == [("domain_not_offered", "domain")]
    # hybrid lacks both per-ID options: priced without them, and they are named
    assert r["hybrid"].not_offered == ("mail_archive", "iijid")
    assert monthly(r["hybrid"]) == 37500 + 5400 + 1500
    assert cheapest(r) == ("individual",)
    texts = [v.text for v in verdict(case, r, "ja")]
    assert texts == ["ご要望をすべて満たすのは個別ルールプランだけです。",
                     "メールアーカイブ・IIJID認証オプションを除いた条件で比べると、12か月合計が最も安いのは個別ルールプランです。"]


def test_hybrid_dns_support_is_never_called_cheapest_against_a_cheaper_plan() -> None:
    # issue 16: 6 IDs with their own domain. Without DNSゾーン情報サポート: individual 9,000 against
    # hybrid 9,000 + 1,500 = 10,500 a month.
    plain = Case(plan="hybrid", ids=6, domain="own")
    r = compare(plain)
    assert (monthly(r["individual"]), monthly(r["hybrid"])) == (9000, 10500)
    assert cheapest(r) == ("individual",)
    assert [v.text for v in verdict(plain, r, "ja")] == ["12か月合計が最も安いのは個別ルールプランです。"]
    # With it only hybrid meets every need; individual is still priced (without it) and stays cheaper
    # on the needs both can meet.
    support = plain.replace(dns_support=True)
    r = compare(support)
    assert r["hybrid"].quote is not None and r["hybrid"].quote.initial.excl_tax == 3000 + 50000
    assert r["individual"].not_offered == ("dns_zone_support",) and monthly(r["individual"]) == 9000
    shared = shared_needs(support, r)
    assert shared is not None and shared.left_out == ("dns_zone_support",) and shared.cheapest == ("individual",)
    assert [v.text for v in verdict(support, r, "ja")] == [
        "ご要望をすべて満たすのはハイブリッドプランだけです。",
        "DNSゾーン情報サポートを除いた条件で比べると、12か月合計が最も安いのは個別ルールプランです。"]
    assert "Compared without DNS zone information support" in verdict(support, r, "en")[1].text


def test_own_domain_rules_out_common_and_subdomain_rules_out_hybrid() -> None:
    own = compare(Case(plan="individual", ids=3, domain="own"))
    assert codes(own["common"]) == [("domain_not_offered", "domain")]
    assert own["individual"].quote is not None and own["individual"].quote.selection.domain == "own"
    assert own["hybrid"].quote is not None
    sub = compare(Case(plan="individual", ids=3, domain="sub"))
    # common's designated domain is itself an NTT-issued subdomain
    assert sub["common"].quote is not None and sub["common"].quote.selection.domain == "designated"
    assert sub["individual"].quote is not None and sub["individual"].quote.selection.domain == "sub"
    # hybrid refuses the subdomain, and with it the mandatory DNS hosting (own domain only)
    assert codes(sub["hybrid"]) == [("domain_not_offered", "domain"), ("dns_hosting_needs_own_domain", "domains")]


def test_over_the_limits() -> None:
    r = compare(Case(plan="individual", ids=60))
    assert codes(r["common"]) == [("ids_max", "ids")]
    assert codes(r["hybrid"]) == [("ids_max", "ids")]
    assert monthly(r["individual"]) == 1500 * 60
    assert [v.kind for v in verdict(Case(plan="individual", ids=60), r, "ja")] == ["only"]
    special = compare(Case(plan="individual", ids=301))
    assert codes(special["individual"]) == [("special_plan", "ids")]  # never priced
    assert cheapest(special) == ()
    assert series(special) == []
    assert [v.text for v in verdict(Case(plan="individual", ids=301), special, "ja")] == [
        "この条件を満たすプランはありません。"]


def test_msb_licences_are_priced_the_same_on_every_plan() -> None:
    r = compare(Case(plan="common", ids=2, msb=83))  # one 100-pack, 15,000 (docs/rules.md §3)
    for o in r.values():
        assert o.quote is not None
        assert o.quote.msb_packs.counts == {1: 0, 10: 0, 100: 1}
        assert o.quote.initial.excl_tax == 3000 + 3000


def test_cumulative_cost_over_36_months() -> None:
    q = quote(Selection(plan="hybrid", ids=10))
    pts = cumulative(q)
    assert [p.month for p in pts] == list(range(37))
    assert (pts[0].excl_tax, pts[0].incl_tax) == (3000, 3300)  # one-time fees only
    assert (pts[1].excl_tax, pts[1].incl_tax) == (3000 + 16500, 3300 + 18150)
    assert (pts[36].excl_tax, pts[36].incl_tax) == (3000 + 36 * 16500, 3300 + 36 * 18150)


def test_series_holds_only_the_priced_plans() -> None:
    pts = series(compare(Case(plan="individual", ids=60)))
    assert {p.plan for p in pts} == {"individual"}
    assert len(pts) == 37


cases = st.builds(
    Case,
    plan=st.sampled_from(["common", "individual", "hybrid"]),
    ids=st.integers(1, 400),
    domain=st.sampled_from(["designated", "own", "sub"]),
    dns_hosting=st.booleans(),
    domains=st.integers(1, 5),
    msb=st.integers(0, 500),
    mail_archive=st.booleans(),
    mail_archive_ids=st.integers(0, 400),
    iijid=st.booleans(),
    iijid_ids=st.integers(0, 400),
    dns_support=st.booleans(),
    months=st.integers(1, 120),
)


@settings(max_examples=200, deadline=None)
@given(cases)
def test_the_cases_own_plan_is_compared_exactly_as_the_estimate_prices_it(case: Case) -> None:
    own = compare(case)[case.plan]
    errors = check(case.selection())
    if own.domain_used is not None:  # a wanted kind the plan lacks: priced with the estimate's, and said
        assert own.domain_used == case.plan_domain() != case.domain
    if errors:
        assert isinstance(own.result, InvalidSelection) and list(own.result.errors) == errors
    else:
        assert own.result == quote(case.selection())
        assert set(own.not_offered) <= set(case.wanted_options())
    # a plan named cheapest costs no more than any plan that meets every need
    offers = compare(case)
    for p in cheapest(offers):
        q = offers[p].quote
        assert q is not None and offers[p].meets_all
        assert all(q.period.excl_tax <= o.quote.period.excl_tax for o in offers.values() if o.meets_all and o.quote)


@settings(max_examples=100, deadline=None)
@given(cases, st.integers(1, 36))
def test_the_curve_at_month_n_is_the_n_month_total(case: Case, n: int) -> None:
    at_n_case = case.replace(months=n)
    for plan, offer in compare(case).items():
        if offer.quote is not None:
            at_n = compare(at_n_case)[plan].quote
            assert at_n is not None
            pts = cumulative(offer.quote)
            assert (pts[n].excl_tax, pts[n].incl_tax) == (at_n.period.excl_tax, at_n.period.incl_tax)
            assert all(a.incl_tax <= b.incl_tax for a, b in itertools.pairwise(pts))


def test_the_cases_own_plan_lacking_the_wanted_domain_is_priced_as_the_estimate_and_says_so() -> None:
    # individual with a subdomain, then hybrid chosen: the estimate prices hybrid with an own domain
    # (6 × 1,500 + 1,500 DNS = 10,500); the comparison does the same and names the switch, while the other
    # plans keep the wish (an NTT subdomain: individual 9,000, common's designated domain 9,000)
    case = Case(plan="hybrid", ids=6, domain="sub")
    r = compare(case)
    assert r["hybrid"].quote == quote(case.selection()) and monthly(r["hybrid"]) == 10500
    assert r["hybrid"].domain_used == "own"
    assert (monthly(r["individual"]), monthly(r["common"])) == (9000, 9000)
    assert r["individual"].quote is not None and r["individual"].quote.selection.domain == "sub"
