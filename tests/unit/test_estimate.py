"""The estimate form (issue 3, item 4): which options each plan offers (brochure p.3), mandatory DNS
hosting on hybrid, the domain fallback, and the form's values as the engine's selection."""

from __future__ import annotations

from sonpo.case import Case
from sonpo.options import domain_replaced, option_states
from sonpo.quote import Selection, check


def test_common_offers_only_mysecure_business_and_says_who_does() -> None:
    states = option_states("common", "designated")
    assert states["msb"].status == "offered"
    for oid in ("dns_hosting", "mail_archive", "iijid", "dns_zone_support"):
        assert states[oid].status == "unavailable"
    mail = states["mail_archive"].reason
    assert mail is not None and mail.code == "option_not_offered"
    assert mail.message("ja") == (
        "メールアーカイブは共通ルールプランではご利用いただけません。ご利用いただけるプラン：個別ルールプラン。")
    dns = states["dns_hosting"].reason
    assert dns is not None and "個別ルールプラン・ハイブリッドプラン" in dns.message("ja")


def test_hybrid_makes_dns_hosting_mandatory() -> None:
    states = option_states("hybrid", "own")
    assert states["dns_hosting"].status == "mandatory" and states["dns_hosting"].available
    assert states["dns_zone_support"].status == "offered"
    assert not states["mail_archive"].available and not states["iijid"].available


def test_individual_dns_hosting_needs_an_own_domain() -> None:
    assert option_states("individual", "own")["dns_hosting"].status == "offered"
    sub = option_states("individual", "sub")["dns_hosting"]
    assert sub.status == "unavailable" and sub.reason is not None
    assert sub.reason.code == "dns_hosting_needs_own_domain"


def test_a_domain_the_plan_does_not_offer_falls_back_to_its_first() -> None:
    assert Case(plan="common", domain="own").plan_domain() == "designated"
    assert Case(plan="hybrid", domain="sub").plan_domain() == "own"
    assert Case(plan="individual", domain="sub").plan_domain() == "sub"
    assert Case(plan="individual", domain="designated").plan_domain() == "own"


def test_options_a_plan_does_not_offer_are_left_out() -> None:
    form = Case(plan="common", ids=5, domain="designated", dns_hosting=True, domains=2, msb=3,
                        mail_archive=True, iijid=True, dns_support=True)
    assert form.selection() == Selection(plan="common", ids=5, domain="designated", domains=0, msb_licences=3)


def test_per_id_options_default_to_all_ids() -> None:
    form = Case(plan="individual", ids=12, domain="own", mail_archive=True, iijid=True, iijid_ids=4)
    sel = form.selection()
    assert (sel.mail_archive_ids, sel.iijid_ids, sel.domains) == (12, 4, 0)
    # unticked options are not ordered, whatever count they hold
    assert Case(plan="individual", ids=12, domain="own", mail_archive_ids=5).selection().mail_archive_ids == 0


def test_hybrid_always_orders_dns_hosting_and_individual_only_when_ticked() -> None:
    assert Case(plan="hybrid", ids=3, domain="own", domains=2).selection().domains == 2
    assert Case(plan="individual", ids=3, domain="own", domains=2).selection().domains == 0
    assert Case(plan="individual", ids=3, domain="own", dns_hosting=True, domains=2).selection().domains == 2
    assert Case(plan="individual", ids=3, domain="sub", dns_hosting=True, domains=2).selection().domains == 0


def test_plan_limits_are_left_for_the_engine_to_refuse() -> None:
    sel = Case(plan="common", ids=51, domain="designated").selection()
    assert sel.ids == 51
    assert [(e.code, e.field) for e in check(sel)] == [("ids_max", "ids")]


def test_the_estimate_notes_a_domain_kind_the_plan_cannot_offer() -> None:
    # brochure p.2: common has the designated domain only, hybrid an own domain only, individual own or sub
    assert domain_replaced("common", "own") == "designated"
    assert domain_replaced("hybrid", "sub") == "own"
    assert domain_replaced("individual", "sub") is None  # offered: kept, nothing to say
    assert domain_replaced("individual", "designated") is None  # a new case's kind is no wish: no note
    for plan in ("common", "individual", "hybrid"):
        for wanted in ("designated", "own", "sub"):
            replaced = domain_replaced(plan, wanted)  # type: ignore[arg-type]
            # the note names the kind the estimate then uses, and only when it differs from the wish
            assert replaced in (None, Case(plan=plan, domain=wanted).plan_domain())  # type: ignore[arg-type]
