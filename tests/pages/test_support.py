"""Support finder page (支援メニュー診断), driven with AppTest by widget key as a user would."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import case_of, open_app, wkey

# brochure p.9: DNSゾーン情報サポート 50,000円 (税込55,000円), one-time
DNS_SUPPORT = 50_000
DNS_SUPPORT_INCL = DNS_SUPPORT * 110 // 100


def open_support(**params: str) -> AppTest:
    return open_app("views/support.py", **params)


def answer(at: AppTest, **answers: bool) -> AppTest:
    for name, value in answers.items():
        at.radio(key=wkey(at, "support", name)).set_value(value).run()
    assert not at.exception, at.exception
    return at


def questions(at: AppTest) -> list[str]:
    return [r.key.rsplit(".", 1)[0] for r in at.radio if r.key and r.key.startswith("support.")
            and not r.key.startswith("support.plan.")]


def visible_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [h.value for h in at.subheader] + [c.value for c in at.caption]
    parts += [f"{m.label} {m.value}" for m in at.metric] + [w.value for w in at.warning]
    return "\n".join(parts)


def menu(at: AppTest) -> str:
    return str(at.subheader[0].value)


def test_branch_a_common_needs_no_support_menu() -> None:
    at = open_support()
    assert at.title[0].value == "支援メニュー診断"
    assert at.radio(key="support.plan.ja").value == "common"
    assert questions(at) == []
    assert menu(at) == "支援メニュー不要"
    text = visible_text(at)
    assert "仮パスワード変更／多要素認証設定" in text  # brochure p.12, A
    assert "支援メニューの費用はかかりません" in text
    assert not at.metric


def test_branch_b_asks_about_dns_in_order() -> None:
    at = answer(open_support(), plan="hybrid")
    assert questions(at) == ["support.knows_dns"]
    assert at.radio(key="support.knows_dns.ja").value is None
    answer(at, knows_dns=False)
    assert questions(at) == ["support.knows_dns", "support.delegate_dns"]
    assert at.radio(key="support.delegate_dns.ja").value is None


def test_branch_b_knowing_the_dns_zone_needs_no_menu_and_the_mx_switch_is_yours() -> None:
    at = answer(open_support(plan="hybrid"), knows_dns=True)
    assert menu(at) == "支援メニュー不要"
    assert "MXレコードの切替はお客様" in visible_text(at)


def test_branch_b_without_the_support_everything_is_the_customers_work() -> None:
    at = answer(open_support(plan="hybrid"), knows_dns=False, delegate_dns=False)
    assert menu(at) == "支援メニュー不要 （作業はお客様）"
    # brochure p.12 ※2: collection, record switch and roll-back are the customer's
    assert "戻し作業はすべてお客様" in visible_text(at)


def test_branch_b_dns_zone_support_shows_its_price_and_consequences() -> None:
    at = answer(open_support(plan="hybrid"), knows_dns=False, delegate_dns=True)
    assert menu(at) == "DNSゾーン情報サポート"
    # the figure alone (both side by side ran off a phone's screen), the tax-included price right under it
    assert [(m.label, m.value) for m in at.metric] == [("初期費用（一時）（税抜）", f"{DNS_SUPPORT:,}円")]
    tax = DNS_SUPPORT_INCL - DNS_SUPPORT
    assert f"税込 {DNS_SUPPORT_INCL:,}円（うち消費税 {tax:,}円）" in [c.value for c in at.caption]
    text = visible_text(at)
    assert "DNS MXレコードの切替はNTTComが実施します" in text  # brochure p.2 ※
    assert "開通予定日が変動することがあります" in text  # brochure p.9
    assert "2024年4月1日" in text  # the brochure's effective date beside the price


def test_the_tax_switch_puts_the_tax_included_price_first() -> None:
    at = answer(open_support(plan="hybrid", tax="incl"), knows_dns=False, delegate_dns=True)
    assert (at.metric[0].label, at.metric[0].value) == ("初期費用（一時）（税込）", f"{DNS_SUPPORT_INCL:,}円")
    assert f"税抜 {DNS_SUPPORT:,}円 ＋ 消費税 {DNS_SUPPORT_INCL - DNS_SUPPORT:,}円" in [c.value for c in at.caption]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"advanced": True}, "導入支援メニュー"),
        ({"advanced": False, "minimum_security": True}, "初期設定サポート"),
    ],
)
def test_branch_c_menus_are_price_on_request(answers: dict[str, bool], expected: str) -> None:
    at = answer(open_support(plan="individual"), **answers)
    assert menu(at) == expected
    assert [m.value for m in at.metric] == ["要お見積り"]
    assert "パンフレットに掲載がありません" in visible_text(at)
    assert "円" not in " ".join(m.value for m in at.metric)


def test_branch_c_no_and_no_needs_no_menu_and_says_it_is_a_reconstruction() -> None:
    """docs/rules.md §6: branch C's 'no' (lost arrow) is the app's reading: no menu, labelled, reasons consistent."""
    at = answer(open_support(plan="individual"), advanced=False, minimum_security=False)
    text = visible_text(at) + "\n".join(i.value for i in at.info)
    assert menu(at) == "支援メニュー不要 （設定はお客様・ アプリの再構成）"
    assert "アプリが再構成しています" in text
    assert "導入支援メニューをお勧めします" not in text  # the old reason said no to advanced, then recommended it
    assert "支援メニューは不要です" in text
    assert [m.value for m in at.metric] == []


def test_hybrid_branch_shows_the_brochures_examples_and_notes() -> None:
    at = answer(open_support(plan="hybrid"), knows_dns=False, delegate_dns=False)
    text = visible_text(at)
    for case in ("IT関連を担当していた当時の担当者が不在になりどうしたらよいかわからなくなってしまった。",
                 "web、メール等は専門の業者にまかせているのでわからない。",
                 "手が回らないので詳しく調べなおすのが面倒…"):
        assert case in text
    assert "「お問合せ・確認依頼」はお受けできかねます" in text
    assert "NS切替作業はNTTComで実施します" in text
    assert "次のステップ" in text


def test_dns_zone_support_is_carried_into_the_estimate() -> None:
    at = answer(open_support(plan="hybrid"), knows_dns=False, delegate_dns=True)
    at.button(key="support.to_estimate").click().run()
    assert (case_of(at).plan, case_of(at).dns_support) == ("hybrid", True)
    assert "支援メニュー診断" not in [t.value for t in at.title]
    assert at.checkbox(key="estimate.dns_support.ja").value is True  # the estimate page shows it ticked


def test_the_timeline_opens_with_dns_zone_support() -> None:
    at = answer(open_support(plan="hybrid"), knows_dns=False, delegate_dns=True)
    at.button(key="support.to_timeline").click().run()
    assert (case_of(at).plan, case_of(at).dns_support) == ("hybrid", True)
    assert "支援メニュー診断" not in [t.value for t in at.title]
    # the timeline page (its own keys) opened on the hybrid plan with DNS zone support switched on
    assert at.radio(key="timeline.plan.ja").value == "hybrid"
    assert at.toggle(key="timeline.dns_support.ja").value is True


def test_answer_again_keeps_the_plan_and_clears_the_answers() -> None:
    at = answer(open_support(plan="hybrid"), knows_dns=False, delegate_dns=True)
    at.button(key="support.reset").click().run()
    assert at.radio(key="support.plan.ja").value == "hybrid"
    assert questions(at) == ["support.knows_dns"]
    assert at.radio(key="support.knows_dns.ja").value is None


def test_only_dns_zone_support_offers_the_carry_buttons() -> None:
    at = answer(open_support(plan="hybrid"), knows_dns=True)
    assert "support.to_estimate" not in [b.key for b in at.button]


def test_the_answers_go_into_the_url_and_reopen() -> None:
    at = answer(open_support(plan="hybrid"), knows_dns=False, delegate_dns=True)
    params = {k: at.query_params[k] for k in ("plan", "knows_dns", "delegate_dns")}
    assert params == {"plan": "hybrid", "knows_dns": "0", "delegate_dns": "1"}
    assert menu(open_support(**params)) == "DNSゾーン情報サポート"


def test_a_tampered_link_falls_back_for_the_bad_field_only() -> None:
    at = open_support(plan="hybrid", knows_dns="perhaps", delegate_dns="1")
    notice = " ".join(w.value for w in at.warning)
    assert "DNSゾーン情報" in notice and "プラン" not in notice
    assert at.radio(key="support.plan.ja").value == "hybrid"
    assert at.radio(key="support.knows_dns.ja").value is None  # asked again
    answer(at, knows_dns=False)
    assert menu(at) == "DNSゾーン情報サポート"  # the kept delegate_dns=1 answers the next one


def test_a_tampered_plan_falls_back_to_common() -> None:
    at = open_support(plan="platinum")
    assert "プラン" in " ".join(w.value for w in at.warning)
    assert at.radio(key="support.plan.ja").value == "common"


def test_the_english_screen() -> None:
    at = open_support(lang="en", plan="individual", advanced="1")
    assert at.title[0].value == "Support finder"
    assert menu(at) == "Deployment support menu"
    assert [m.value for m in at.metric] == ["Price on request"]
    at2 = answer(open_support(lang="en", plan="hybrid"), knows_dns=False, delegate_dns=True)
    assert at2.metric[0].value == f"¥{DNS_SUPPORT:,}"
    tax = DNS_SUPPORT_INCL - DNS_SUPPORT
    assert f"¥{DNS_SUPPORT_INCL:,} incl. tax (tax ¥{tax:,})" in [c.value for c in at2.caption]
