"""Who does what around an order (sonpo.duties), held to the brochure: p.2's table (who switches MX, who
hosts DNS, who registers the domain), p.7–p.8 (the hybrid customer's own procedures) and p.9 (DNSゾーン情報
サポート). Expected owners and order are read from the brochure by hand, never from the code."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from sonpo.duties import duties, next_steps
from sonpo.names import DomainKind, PlanId
from sonpo.timeline import ScheduleRequest, schedule

CASES: list[tuple[PlanId, DomainKind]] = [("common", "designated"), ("individual", "own"), ("individual", "sub"),
                                          ("hybrid", "own")]


def who(plan: PlanId, domain: DomainKind, dns_support: bool) -> list[tuple[str, str, str]]:
    return [(d.task, d.owner, d.when) for d in duties(plan, domain, dns_support)]


def joined(lines: list[str]) -> str:
    return "\n".join(lines)


# ---- hybrid (p.7–p.9) ---------------------------------------------------------------------------


def test_hybrid_without_dns_support_the_customer_transfers_supplies_switches_mx_and_cancels() -> None:
    # p.8: the registrar transfer is the customer's, before applying; the zone information goes on the
    # application form's attachment; p.7: NS is switched by NTT Com even without the support, MX by the
    # customer; p.8: the customer cancels the old DNS provider. p.2: NTT Com does the initial set-up.
    assert who("hybrid", "own", False) == [
        ("registrar_transfer", "customer", "before_applying"),
        ("zone_info", "customer", "on_application"),
        ("ns_switch", "ntt", "after_order"),
        ("setup", "ntt", "after_order"),
        ("mx_switch", "customer", "after_activation"),
        ("cancel_old_dns", "customer", "after_activation"),
    ]


def test_hybrid_with_dns_support_ntt_collects_the_zone_information_and_switches_mx() -> None:
    # p.9: NTT Com contacts the applicant, checks the zone information with the provider and switches the
    # records; p.2 ※: the MX switch is NTT Com's; the old DNS provider is still cancelled by the customer.
    assert who("hybrid", "own", True) == [
        ("registrar_transfer", "customer", "before_applying"),
        ("zone_info", "ntt", "after_order"),
        ("ns_switch", "ntt", "after_order"),
        ("setup", "ntt", "after_order"),
        ("mx_switch", "ntt", "after_activation"),
        ("cancel_old_dns", "customer", "after_activation"),
    ]


def test_hybrid_next_steps_without_support_in_the_brochures_words_and_order() -> None:
    lines = next_steps("hybrid", "own", False, "ja")
    # before applying, the customer's own procedure (p.8: 「お客様ご自身にて移管手続き」)
    assert lines[0].startswith("お申し込み前に、独自ドメインのドメイン登録事業者をNTTコミュニケーションズへ移管")
    assert "お客様ご自身でお手続きください" in lines[0]
    assert lines[1].startswith("お申込み：お申込書でお申し込みください")
    assert lines[2].startswith("ご利用中のDNSゾーン情報を、お申込書別紙にご記入ください")  # p.8 お申込書別紙
    assert lines[3].startswith("開通予定日：お申込み後に届く「申込受付完了メール」")
    text = joined(lines)
    assert "NS切替作業はNTTComで実施します" in text  # p.7
    assert f"月額{1500:,}円/ドメイン（税込{1650:,}円）" in text  # p.3 DNS hosting, mandatory
    assert "DNS MXレコードの切替は、お客様ご自身で行います" in text  # p.2
    assert f"DNSゾーン情報サポート（初期費用{50000:,}円（税込{55000:,}円））" in text  # p.9 price, as an offer
    assert "移管元のDNS事業者への解約お手続きは、お客様にてお手配ください" in text  # p.8
    # never the old, wrong instruction: the customer does not move DNS to NTT Com itself
    assert "ドメイン登録事業者とDNS" not in text


def test_hybrid_next_steps_with_support_never_ask_for_the_zone_information() -> None:
    lines = next_steps("hybrid", "own", True, "ja")
    text = joined(lines)
    assert "お申込書別紙" not in text and "ご記入" not in text
    assert "NTTComからお申込みご担当者様へご連絡し" in text  # p.9
    assert "開通予定日が変動することがあります" in text  # p.9
    assert "DNS MXレコードの切替はNTTComが実施します" in text  # p.2 ※
    assert "お客様ご自身で行います" not in text
    assert "移管元のDNS事業者への解約お手続きは、お客様にてお手配ください" in text  # p.9: still the customer's
    assert lines[0].startswith("お申し込み前に、独自ドメインのドメイン登録事業者をNTTコミュニケーションズへ移管")


def test_hybrid_in_english_too() -> None:
    without = joined(next_steps("hybrid", "own", False, "en"))
    assert "Before applying, transfer your own domain's registrar to NTT Communications" in without
    assert "application's attachment" in without and "you switch the DNS MX record yourself" in without
    with_support = joined(next_steps("hybrid", "own", True, "en"))
    assert "attachment" not in with_support and "NTT Com switches the DNS MX record" in with_support


# ---- individual and common (p.2, p.5, p.6) -----------------------------------------------------


def test_individual_own_domain_is_all_the_customers_work_with_no_transfer() -> None:
    # p.2: DNS host and registrar 指定なし, set-up and MX switch the customer's; p.6 「ドメイン所有確認～MX切替」
    assert who("individual", "own", False) == [
        ("setup", "customer", "after_activation"),
        ("mx_switch", "customer", "after_activation"),
    ]
    text = joined(next_steps("individual", "own", False, "ja"))
    assert "ドメイン所有確認〜MX切替" in text
    assert "移管" not in text and "お申込書別紙" not in text


def test_individual_subdomain_has_no_domain_work() -> None:
    # an NTT-issued subdomain: nothing to transfer, no zone information, no MX record of the customer's
    assert who("individual", "sub", False) == [("setup", "customer", "after_activation")]
    text = joined(next_steps("individual", "sub", False, "ja"))
    assert "MX" not in text and "セキュリティポリシー設定" in text


def test_common_ntt_does_the_setup_and_the_mx_switch() -> None:
    # p.2: initial set-up and MX switch NTT Com; p.5: only the PC setup and MFA remain for the customer
    assert who("common", "designated", False) == [("setup", "ntt", "after_order"), ("mx_switch", "ntt", "after_order")]
    text = joined(next_steps("common", "designated", False, "en"))
    assert "PC setup" in text and "MFA" in text and "NTT Com switches the DNS MX record" in text
    assert "registrar" not in text


@pytest.mark.parametrize(("plan", "domain"), [("common", "designated"), ("individual", "own"), ("individual", "sub")])
def test_dns_support_changes_nothing_on_a_plan_that_does_not_offer_it(plan: PlanId, domain: DomainKind) -> None:
    assert duties(plan, domain, True) == duties(plan, domain, False)


def test_a_domain_kind_the_plan_lacks_is_read_as_the_estimate_reads_it() -> None:
    assert duties("hybrid", None, False) == duties("hybrid", "own", False)  # a selection's None: the first kind
    assert duties("individual", "designated", False) == duties("individual", "own", False)
    assert duties("common", "own", False) == duties("common", "designated", False)


def test_the_price_on_request_line_comes_last() -> None:
    lines = next_steps("individual", "own", False, "ja", price_on_request=True)
    assert lines[-1].startswith("パンフレットに料金の記載がない項目")


# ---- one answer: the timeline's steps agree with the instructions --------------------------------

# The timeline steps (data/timeline.toml) that are one of these duties.
STEP_TASK = {"registrar_transfer": "registrar_transfer", "dns_zone_info": "zone_info", "dns_collection": "zone_info",
             "dns_zone_ns_switch": "ns_switch", "mx_switch": "mx_switch", "dns_records_mx": "mx_switch",
             "cancel_old_dns": "cancel_old_dns"}


@pytest.mark.parametrize(("case", "dns_support"), list(itertools.product(CASES, (False, True))))
def test_the_timeline_gives_each_duty_to_the_same_owner(case: tuple[PlanId, DomainKind], dns_support: bool) -> None:
    plan, domain = case
    support = dns_support and plan == "hybrid"  # the schedule refuses the support elsewhere
    s = schedule(ScheduleRequest(plan=plan, order_date=dt.date(2026, 11, 30), domain=domain,
                                 dns_zone_support=support))
    on_timeline = {(STEP_TASK[x.id], x.owner) for x in s.steps if x.id in STEP_TASK}
    in_instructions = {(d.task, d.owner) for d in duties(plan, domain, support) if d.task in STEP_TASK.values()}
    assert {x for x in on_timeline if x[1] == "customer"} == {x for x in in_instructions if x[1] == "customer"}
    assert on_timeline <= in_instructions  # NTT's MX switch on the common plan is part of its build, not a step
