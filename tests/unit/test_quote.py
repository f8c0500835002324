"""Quotes (docs/rules.md §3): one quote per plan with options, every refusal rule, tax and totals.

Expected amounts are worked out by hand from the brochure's price list (税抜):
基本料金 1,500円/ID, 初期費用 3,000円/契約, マイセキュア ビジネス packs 200 / 1,800 / 15,000 and
工事費 3,000円/契約, DNSホスティング 1,500円/ドメイン, メールアーカイブ 380円/ID, IIJID 100円/ID,
DNSゾーン情報サポート 50,000円, 変更料金 3,000円/ID; consumption tax 10%.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sonpo.catalog import load_catalog
from sonpo.errors import DomainError, InvalidSelection
from sonpo.money import Amount, over_months, tax_included, yen
from sonpo.names import DATA_DIR
from sonpo.quote import CHANGE_COUNT, ChangeItem, Quote, Selection, change_fees, change_items, check, price, quote


def lines_of(q: Quote) -> dict[str, tuple[int, int, int, str]]:
    return {x.item: (x.unit_price, x.quantity, x.amount, x.kind) for x in q.lines}


def refusal(sel: Selection) -> list[tuple[str, str]]:
    with pytest.raises(InvalidSelection) as info:
        quote(sel)
    assert [(e.code, e.field) for e in info.value.errors] == [(e.code, e.field) for e in check(sel)]
    return [(e.code, e.field) for e in info.value.errors]


# ---- one quote per plan, with options ----------------------------------------------------


def test_common_20_ids_with_11_msb_licences() -> None:
    q = quote(Selection(plan="common", ids=20, msb_licences=11))
    assert lines_of(q) == {
        "base_monthly": (1500, 20, 1500 * 20, "monthly"),
        "base_initial": (3000, 1, 3000, "initial"),
        "msb_pack_10": (1800, 1, 1800, "monthly"),
        "msb_pack_1": (200, 1, 200, "monthly"),
        "msb_initial": (3000, 1, 3000, "initial"),
    }
    monthly = 1500 * 20 + 1800 + 200
    initial = 3000 + 3000
    assert q.monthly == Amount(excl_tax=monthly, tax=monthly // 10, incl_tax=monthly + monthly // 10)
    assert q.initial == Amount(excl_tax=initial, tax=initial // 10, incl_tax=initial * 11 // 10)
    assert q.period.months == 12
    assert q.period.excl_tax == initial + 12 * monthly
    assert q.period.incl_tax == (initial + 12 * monthly) * 11 // 10
    assert q.selection.domain == "designated" and q.selection.domains == 0
    assert q.msb_packs.counts == {1: 1, 10: 1, 100: 0} and q.msb_packs.licences == 11


def test_common_without_options_is_base_fee_and_initial_fee_only() -> None:
    q = quote(Selection(plan="common", ids=1))
    assert lines_of(q) == {"base_monthly": (1500, 1, 1500, "monthly"), "base_initial": (3000, 1, 3000, "initial")}
    assert (q.monthly.incl_tax, q.initial.incl_tax) == (1650, 3300)  # the brochure's 税込 prices


def test_individual_own_domain_with_every_option_it_offers() -> None:
    q = quote(
        Selection(
            plan="individual", ids=10, domain="own", domains=2, msb_licences=9, mail_archive_ids=10, iijid_ids=4
        )
    )
    assert lines_of(q) == {
        "base_monthly": (1500, 10, 15000, "monthly"),
        "base_initial": (3000, 1, 3000, "initial"),
        "msb_pack_10": (1800, 1, 1800, "monthly"),  # 9 licences: one 10-pack ties nine singles
        "msb_initial": (3000, 1, 3000, "initial"),
        "dns_hosting": (1500, 2, 3000, "monthly"),
        "mail_archive": (380, 10, 3800, "monthly"),
        "iijid": (100, 4, 400, "monthly"),
    }
    monthly = 1500 * 10 + 1800 + 1500 * 2 + 380 * 10 + 100 * 4
    assert q.monthly.excl_tax == monthly == 24000
    assert q.monthly.incl_tax == 26400
    assert q.initial.excl_tax == 3000 + 3000


def test_individual_sub_domain_defaults_to_no_dns_hosting() -> None:
    q = quote(Selection(plan="individual", ids=300, domain="sub"))
    assert q.selection.domains == 0
    assert q.monthly.excl_tax == 1500 * 300
    assert "dns_hosting" not in lines_of(q)


def test_individual_defaults_to_its_first_domain_kind_own() -> None:
    assert quote(Selection(plan="individual", ids=5)).selection.domain == "own"


def test_hybrid_has_one_dns_domain_by_default_and_dns_zone_support_once() -> None:
    q = quote(Selection(plan="hybrid", ids=50, msb_licences=83, dns_zone_support=True, months=24))
    assert lines_of(q) == {
        "base_monthly": (1500, 50, 75000, "monthly"),
        "base_initial": (3000, 1, 3000, "initial"),
        "msb_pack_100": (15000, 1, 15000, "monthly"),  # 83 licences: one 100-pack ties 8×10 + 3×1
        "msb_initial": (3000, 1, 3000, "initial"),
        "dns_hosting": (1500, 1, 1500, "monthly"),
        "dns_zone_support": (50000, 1, 50000, "initial"),
    }
    monthly = 1500 * 50 + 15000 + 1500
    initial = 3000 + 3000 + 50000
    assert (q.monthly.excl_tax, q.initial.excl_tax) == (monthly, initial)
    assert q.initial.incl_tax == 3300 + 3300 + 55000
    assert q.period.months == 24
    assert q.period.excl_tax == initial + 24 * monthly
    assert q.msb_packs.licences == 100


def test_hybrid_with_three_domains() -> None:
    q = quote(Selection(plan="hybrid", ids=3, domains=3))
    assert q.monthly.excl_tax == 1500 * 3 + 1500 * 3


def test_msb_examples_of_the_spec_in_a_quote() -> None:
    for licences, monthly in ((9, 1800), (11, 2000), (83, 15000), (183, 30000), (295, 45000)):
        q = quote(Selection(plan="individual", ids=1, msb_licences=licences))
        assert q.monthly.excl_tax == 1500 + monthly, licences


def test_msb_initial_fee_is_per_contract_not_per_pack() -> None:
    q = quote(Selection(plan="common", ids=1, msb_licences=295))
    assert lines_of(q)["msb_initial"] == (3000, 1, 3000, "initial")
    assert lines_of(q)["msb_pack_100"] == (15000, 3, 45000, "monthly")


def test_period_of_one_and_of_the_maximum_months() -> None:
    assert quote(Selection(plan="common", ids=2, months=1)).period.excl_tax == 3000 + 1500 * 2
    assert quote(Selection(plan="common", ids=2, months=120)).period.excl_tax == 3000 + 120 * 1500 * 2


def test_as_json_has_the_keys_spec_7_lists() -> None:
    data = quote(Selection(plan="common", ids=3, msb_licences=1)).as_json()
    for total in ("monthly", "initial"):
        assert data[total] == {"excl_tax": 1500 * 3 + 200 if total == "monthly" else 6000,
                               "tax": (1500 * 3 + 200) // 10 if total == "monthly" else 600,
                               "incl_tax": (1500 * 3 + 200) * 11 // 10 if total == "monthly" else 6600}
    assert data["msb_packs"] == {"1": 1, "10": 0, "100": 0}
    assert data["period"] == {"months": 12, "excl_tax": 6000 + 12 * 4700, "incl_tax": 6600 + 12 * 5170}
    for line in data["lines"]:  # type: ignore[attr-defined]
        assert set(line) == {"item", "unit_price", "quantity", "amount", "kind"}
        assert line["kind"] in ("monthly", "initial")
    assert data["effective_date"] == "2024-04-01"  # the brochure's price list


def test_a_quote_carries_the_effective_date_of_the_catalog_it_was_priced_from(tmp_path: Path) -> None:
    """A price list with another date (a revised brochure in another data folder): the quote says when *its*
    prices apply from, not the default catalog's date."""
    text = (DATA_DIR / "catalog.toml").read_text(encoding="utf-8")
    assert "effective_date = 2024-04-01" in text
    (tmp_path / "catalog.toml").write_text(text.replace("effective_date = 2024-04-01", "effective_date = 2025-10-01"),
                                           encoding="utf-8")
    revised = load_catalog(tmp_path)
    sel = Selection(plan="common", ids=3)
    assert quote(sel, revised).as_json()["effective_date"] == "2025-10-01"
    assert price("common", 3, catalog=revised).effective_date.isoformat() == "2025-10-01"
    assert quote(sel).as_json()["effective_date"] == "2024-04-01"


# ---- every refusal rule ------------------------------------------------------------------


@pytest.mark.parametrize("plan", ["common", "individual", "hybrid"])
@pytest.mark.parametrize("ids", [0, -1, -10**9])
def test_ids_below_one_are_refused(plan: str, ids: int) -> None:
    assert refusal(Selection(plan=plan, ids=ids)) == [("ids_min", "ids")]  # type: ignore[arg-type]


@pytest.mark.parametrize("plan", ["common", "hybrid"])
def test_50_ids_is_the_limit_on_common_and_hybrid(plan: str) -> None:
    assert quote(Selection(plan=plan, ids=50)).monthly.excl_tax >= 1500 * 50  # type: ignore[arg-type]
    assert refusal(Selection(plan=plan, ids=51)) == [("ids_max", "ids")]  # type: ignore[arg-type]


def test_individual_above_300_is_the_special_plan_with_no_price() -> None:
    assert quote(Selection(plan="individual", ids=300)).monthly.excl_tax == 1500 * 300
    for ids in (301, 10**6):
        with pytest.raises(InvalidSelection) as info:
            quote(Selection(plan="individual", ids=ids))
        err = info.value.errors[0]
        assert (err.code, err.field) == ("special_plan", "ids")
        assert "特別プラン" in err.message("ja") and "営業" in err.message("ja")
        assert "円" not in err.message("ja")  # never an invented price


@pytest.mark.parametrize(
    ("sel", "field", "offered_on"),
    [
        (Selection(plan="common", ids=5, mail_archive_ids=1), "mail_archive_ids", ["個別ルールプラン"]),
        (Selection(plan="hybrid", ids=5, mail_archive_ids=1), "mail_archive_ids", ["個別ルールプラン"]),
        (Selection(plan="common", ids=5, iijid_ids=5), "iijid_ids", ["個別ルールプラン"]),
        (Selection(plan="hybrid", ids=5, iijid_ids=5), "iijid_ids", ["個別ルールプラン"]),
        (Selection(plan="common", ids=5, domains=1), "domains", ["個別ルールプラン", "ハイブリッドプラン"]),
        (Selection(plan="common", ids=5, dns_zone_support=True), "dns_zone_support", ["ハイブリッドプラン"]),
        (Selection(plan="individual", ids=5, dns_zone_support=True), "dns_zone_support", ["ハイブリッドプラン"]),
    ],
)
def test_an_option_not_offered_is_refused_naming_the_plans_that_offer_it(
    sel: Selection, field: str, offered_on: list[str]
) -> None:
    with pytest.raises(InvalidSelection) as info:
        quote(sel)
    err = info.value.by_field()[field]
    assert err.code == "option_not_offered"
    message = err.message("ja").split("ご利用いただけるプラン：")[1]
    for name in ("共通ルールプラン", "個別ルールプラン", "ハイブリッドプラン"):
        assert (name in message) == (name in offered_on), message


def test_hybrid_without_dns_hosting_is_refused() -> None:
    assert refusal(Selection(plan="hybrid", ids=5, domains=0)) == [("dns_hosting_mandatory", "domains")]


def test_dns_hosting_needs_an_own_domain_on_individual() -> None:
    assert refusal(Selection(plan="individual", ids=5, domain="sub", domains=1)) == [
        ("dns_hosting_needs_own_domain", "domains")
    ]
    assert quote(Selection(plan="individual", ids=5, domain="own", domains=0)).monthly.excl_tax == 7500


@pytest.mark.parametrize(
    ("plan", "domain"),
    [("common", "own"), ("individual", "designated"), ("hybrid", "sub"), ("hybrid", "designated")],
)
def test_a_domain_kind_the_plan_does_not_offer_is_refused(plan: str, domain: str) -> None:
    codes = refusal(Selection(plan=plan, ids=5, domain=domain))  # type: ignore[arg-type]
    assert codes[0] == ("domain_not_offered", "domain")


def test_a_subdomain_on_the_common_plan_is_its_designated_ntt_subdomain() -> None:
    # brochure p.5: common uses the NTT-issued サブドメイン **@n***.insurance-agt.ne.jp (弊社指定ドメイン)
    q = quote(Selection(plan="common", ids=5, domain="sub"))
    assert q.selection.domain == "designated"
    assert q.monthly.excl_tax == 1500 * 5


def test_per_id_options_cover_between_one_and_the_contracts_ids() -> None:
    assert quote(Selection(plan="individual", ids=10, mail_archive_ids=10, iijid_ids=1)).monthly.excl_tax == (
        1500 * 10 + 380 * 10 + 100
    )
    over = Selection(plan="individual", ids=10, mail_archive_ids=11)
    assert refusal(over) == [("per_id_over_ids", "mail_archive_ids")]
    assert refusal(Selection(plan="individual", ids=10, iijid_ids=11)) == [("per_id_over_ids", "iijid_ids")]


@pytest.mark.parametrize("field", ["msb_licences", "mail_archive_ids", "iijid_ids", "domains"])
def test_negative_quantities_are_refused(field: str) -> None:
    sel = Selection.model_validate({"plan": "individual", "ids": 5, field: -1})
    assert refusal(sel) == [("negative", field)]


def test_quantities_above_the_product_guards_are_refused() -> None:
    assert quote(Selection(plan="common", ids=1, msb_licences=10000)).msb_packs.licences == 10000
    assert refusal(Selection(plan="common", ids=1, msb_licences=10001)) == [("quantity_max", "msb_licences")]
    assert refusal(Selection(plan="individual", ids=1, domains=101)) == [("quantity_max", "domains")]


@pytest.mark.parametrize("months", [0, -1, 121, 10**12])
def test_months_out_of_range_are_refused(months: int) -> None:
    assert refusal(Selection(plan="common", ids=1, months=months)) == [("months_range", "months")]


def test_every_broken_rule_is_reported_at_once_in_field_order() -> None:
    sel = Selection(plan="common", ids=0, domain="own", domains=1, msb_licences=-1, iijid_ids=3, months=0)
    assert refusal(sel) == [
        ("ids_min", "ids"),
        ("domain_not_offered", "domain"),
        ("option_not_offered", "domains"),
        ("negative", "msb_licences"),
        ("option_not_offered", "iijid_ids"),
        ("months_range", "months"),
    ]


@pytest.mark.parametrize(
    "raw",
    [
        {"plan": "common", "ids": True},
        {"plan": "common", "ids": "5"},
        {"plan": "common", "ids": 5.0},
        {"plan": "gold", "ids": 5},
        {"plan": "common", "ids": 5, "msb_licences": False},
        {"plan": "common", "ids": 5, "unknown": 1},
    ],
)
def test_a_selection_of_the_wrong_type_never_reaches_the_rules(raw: dict[str, object]) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Selection.model_validate(raw)


# ---- totals and tax for all inputs -------------------------------------------------------

selections = st.one_of(
    st.builds(
        Selection,
        plan=st.just("common"),
        ids=st.integers(1, 50),
        msb_licences=st.integers(0, 10000),
        months=st.integers(1, 120),
    ),
    st.tuples(st.integers(1, 300), st.sampled_from(["own", "sub"])).flatmap(
        lambda ids_domain: st.builds(
            Selection,
            plan=st.just("individual"),
            ids=st.just(ids_domain[0]),
            domain=st.just(ids_domain[1]),
            domains=st.integers(0, 100) if ids_domain[1] == "own" else st.just(0),
            msb_licences=st.integers(0, 10000),
            mail_archive_ids=st.integers(0, ids_domain[0]),
            iijid_ids=st.integers(0, ids_domain[0]),
            months=st.integers(1, 120),
        )
    ),
    st.builds(
        Selection,
        plan=st.just("hybrid"),
        ids=st.integers(1, 50),
        domains=st.integers(1, 100),
        msb_licences=st.integers(0, 10000),
        dns_zone_support=st.booleans(),
        months=st.integers(1, 120),
    ),
)


@settings(max_examples=300, deadline=None)
@given(selections)
def test_totals_are_the_sum_of_their_lines_and_tax_is_a_tenth_rounded_down(sel: Selection) -> None:
    q = quote(sel)
    for kind, total in (("monthly", q.monthly), ("initial", q.initial)):
        excl = sum(x.amount for x in q.lines if x.kind == kind)
        assert total.excl_tax == excl
        assert total.tax * 10 <= excl < (total.tax + 1) * 10
        assert total.incl_tax == excl + excl // 10
    for x in q.lines:
        assert x.amount == x.unit_price * x.quantity and x.quantity > 0 and x.unit_price > 0
    assert q.period.excl_tax == q.initial.excl_tax + sel.months * q.monthly.excl_tax
    assert q.period.incl_tax == q.initial.incl_tax + sel.months * q.monthly.incl_tax
    assert q.monthly.excl_tax >= 1500 * sel.ids
    assert q.msb_packs.licences >= sel.msb_licences


counts = st.one_of(st.integers(-3, 3), st.integers(0, 400), st.integers(-(10**6), 10**6))
any_selection = st.builds(  # within the types, but any values: most break some rule
    Selection,
    plan=st.sampled_from(["common", "individual", "hybrid"]),
    ids=st.one_of(st.integers(-2, 60), st.integers(0, 400)),
    domain=st.sampled_from([None, "designated", "own", "sub"]),
    domains=st.one_of(st.none(), st.integers(-2, 120)),
    msb_licences=st.one_of(st.integers(-2, 300), st.integers(0, 10_100)),
    mail_archive_ids=counts,
    iijid_ids=counts,
    dns_zone_support=st.booleans(),
    months=st.integers(-1, 130),
)


@settings(max_examples=300, deadline=None)
@given(any_selection)
def test_a_selection_is_priced_exactly_when_check_finds_nothing_and_refused_with_what_it_finds(
    sel: Selection,
) -> None:
    errors = check(sel)
    if errors:
        with pytest.raises(InvalidSelection) as info:
            quote(sel)
        assert list(info.value.errors) == errors
    else:
        assert quote(sel).monthly.excl_tax >= 1500 * sel.ids


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**15))
def test_tax_is_a_tenth_rounded_down(excl: int) -> None:
    a = Amount.of(excl, 10)
    assert a.tax * 10 <= excl < (a.tax + 1) * 10
    assert a.incl_tax == excl + a.tax


def test_tax_rounding_examples() -> None:
    assert Amount.of(1509, 10) == Amount(excl_tax=1509, tax=150, incl_tax=1659)
    assert Amount.of(9, 10).tax == 0
    assert tax_included(1500, 10) == 1650
    assert tax_included(380, 10) == 418  # the brochure's 税込 prices
    assert tax_included(15000, 10) == 16500


@settings(max_examples=100, deadline=None)
@given(
    plan=st.sampled_from(["common", "individual", "hybrid"]),
    ids=st.integers(1, 49),
    msb=st.integers(0, 1000),
    per_id=st.booleans(),
)
def test_the_monthly_total_never_falls_as_ids_rise(plan: str, ids: int, msb: int, per_id: bool) -> None:
    def monthly(n: int) -> int:
        extra = {"mail_archive_ids": n, "iijid_ids": n} if per_id and plan == "individual" else {}
        return quote(Selection(plan=plan, ids=n, msb_licences=msb, **extra)).monthly.excl_tax  # type: ignore[arg-type]

    assert monthly(ids) < monthly(ids + 1)


def test_yen_is_written_as_the_brochure_writes_it() -> None:
    assert yen(1650) == "1,650円"
    assert yen(1650, "en") == "¥1,650"
    assert yen(0) == "0円"


# ---- change fees (変更料金) ----------------------------------------------------------------


@pytest.mark.parametrize("plan", ["common", "hybrid"])
def test_change_fees_are_3000_yen_per_id_on_common_and_hybrid(plan: str) -> None:
    fees = change_fees(plan, name_changes=2, password_reissues=3)  # type: ignore[arg-type]
    assert {x.item: (x.unit_price, x.quantity, x.amount) for x in fees.lines} == {
        "name_change": (3000, 2, 6000),
        "password_reissue": (3000, 3, 9000),
    }
    assert fees.total == Amount(excl_tax=3000 * 5, tax=1500, incl_tax=3300 * 5)


def test_on_individual_only_admin_password_reissues_are_charged() -> None:
    fees = change_fees("individual", name_changes=0, password_reissues=2)
    assert [(x.item, x.amount) for x in fees.lines] == [("admin_password_reissue", 3000 * 2)]
    assert fees.total.incl_tax == 3300 * 2
    assert fees.lines[0].name("ja") == "パスワード再発行（管理者向けのみ）"
    with pytest.raises(InvalidSelection) as info:
        change_fees("individual", name_changes=1, password_reissues=0)
    assert (info.value.code, info.value.field) == ("name_change_self_service", "name_changes")


def test_no_changes_cost_nothing() -> None:
    fees = change_fees("common", 0, 0)
    assert fees.lines == () and fees.total.incl_tax == 0


@pytest.mark.parametrize(
    ("args", "code", "field"),
    [
        (("common", -1, 0), "negative", "name_changes"),
        (("hybrid", 0, -5), "negative", "password_reissues"),
        (("common", True, 0), "not_integer", "name_changes"),
        (("common", 0, "3"), "not_integer", "password_reissues"),
        (("common", 1.5, 0), "not_integer", "name_changes"),
        (("gold", 1, 0), "unknown_value", "plan"),
    ],
)
def test_change_fees_refuse_odd_input_with_a_domain_error(args: tuple[object, ...], code: str, field: str) -> None:
    with pytest.raises(DomainError) as info:
        change_fees(*args)  # type: ignore[arg-type]
    assert (info.value.code, info.value.field) == (code, field)
    assert info.value.message("ja") and info.value.message("en")


@pytest.mark.parametrize(("plan", "items"), [("common", ("name_change", "password_reissue")),
                                             ("hybrid", ("name_change", "password_reissue")),
                                             ("individual", ("admin_password_reissue",))])
def test_which_changes_are_charged_is_answered_once(plan: str, items: tuple[ChangeItem, ...]) -> None:
    # brochure p.3: 表示名変更・パスワード再発行 3,000円/ID; on individual 「※管理者向けパスワードのみ」
    assert change_items(plan) == items  # type: ignore[arg-type]
    # the page asks for these counts (CHANGE_COUNT), and change_fees charges exactly these items
    counts = {"name_changes": 0, "password_reissues": 0} | {CHANGE_COUNT[i]: 1 for i in items}
    fees = change_fees(plan, **counts)  # type: ignore[arg-type]
    assert tuple(x.item for x in fees.lines) == items


# ---- a period's tax (docs/rules.md §3: tax per total, per kind) -------------------------------------------------


def test_a_periods_tax_is_the_one_time_tax_and_each_months() -> None:
    # common 10 IDs, 12 months: 3,000 + 12 × 15,000 = 183,000; tax 300 + 12 × 1,500 = 18,300; total 201,300
    p = quote(Selection(plan="common", ids=10)).period
    assert (p.excl_tax, p.tax, p.incl_tax) == (183_000, 18_300, 201_300)
    assert over_months(3_000, 15_000, 12) == 183_000 and over_months(3_300, 16_500, 12) == 201_300


# ---- units (単位) ----------------------------------------------------------------------------


def test_each_line_counts_what_the_catalog_says_its_option_is_sold_by() -> None:
    """A line's unit agrees with the catalog's `unit` of its option (licences are bought, and billed, as packs;
    one-time fees per contract are 式); the basic fee is per ID, the initial fee per contract."""
    from sonpo.catalog import load_catalog

    cat = load_catalog()
    q = quote(Selection(plan="individual", ids=5, domain="own", domains=2, msb_licences=11, mail_archive_ids=5,
                        iijid_ids=5))
    units = {x.item: x.unit for x in q.lines}
    assert units == {"base_monthly": "ids", "base_initial": "contract", "msb_pack_10": "packs", "msb_pack_1": "packs",
                     "msb_initial": "contract", "dns_hosting": "domains", "mail_archive": "ids", "iijid": "ids"}
    for option in ("dns_hosting", "mail_archive", "iijid"):
        assert units[option] == cat.option(option).unit
    assert cat.option("dns_zone_support").unit == "contract"
    zone = quote(Selection(plan="hybrid", ids=1, dns_zone_support=True))
    assert {x.item: x.unit for x in zone.lines}["dns_zone_support"] == "contract"
    assert [(x.unit, x.unit_name("ja")) for x in change_fees("common", 1, 1).lines] == [("ids", "ID"), ("ids", "ID")]
