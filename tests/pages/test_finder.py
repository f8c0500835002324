"""Plan finder page (プラン診断), driven with AppTest by widget key as a user would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import case_of, open_app, wkey

ROOT = Path(__file__).resolve().parents[2]


def open_finder(**params: str) -> AppTest:
    return open_app("views/finder.py", **params)


def answer(
    at: AppTest,
    ids: int | None = None,
    needs: list[str] | None = None,
    own_domain: bool | None = None,
    admin_panel: bool | None = None,
) -> AppTest:
    """Answer in the wizard's order, each question only once it is asked."""
    if ids is not None:
        at.number_input(key=wkey(at, "finder", "ids")).set_value(ids).run()
    if needs is not None:
        at.multiselect(key=wkey(at, "finder", "needs")).set_value(needs).run()
    if own_domain is not None:
        at.radio(key=wkey(at, "finder", "own_domain")).set_value(own_domain).run()
    if admin_panel is not None:
        at.radio(key=wkey(at, "finder", "admin_panel")).set_value(admin_panel).run()
    assert not at.exception, at.exception
    return at


def keys(at: AppTest) -> set[str]:
    widgets = [*at.number_input, *at.multiselect, *at.radio]
    return {w.key.rsplit(".", 1)[0] for w in widgets if w.key and w.key.startswith("finder.")}


def visible_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [h.value for h in at.header] + [h.value for h in at.subheader]
    parts += [w.value for w in at.warning] + [i.value for i in at.info] + [c.value for c in at.caption]
    parts += [e.value for e in at.error]
    return "\n".join(parts)


def result_plan(at: AppTest) -> str:
    return str(at.subheader[0].value)


# ---- one question at a time, in the flowchart's order ----------------------------------


def test_the_wizard_asks_one_question_at_a_time_in_the_flowcharts_order() -> None:
    at = open_finder()
    assert at.title[0].value == "プラン診断"
    assert keys(at) == {"finder.ids"}
    assert at.number_input(key="finder.ids.ja").value is None  # really unanswered, no default count
    assert "すべての質問に答えると" in visible_text(at)

    answer(at, ids=10)
    assert keys(at) == {"finder.ids", "finder.needs"}
    answer(at, needs=["none"])
    assert keys(at) == {"finder.ids", "finder.needs", "finder.own_domain"}
    assert at.radio(key="finder.own_domain.ja").value is None  # no pre-selected answer
    answer(at, own_domain=True)
    assert keys(at) == {"finder.ids", "finder.needs", "finder.own_domain", "finder.admin_panel"}
    assert at.radio(key="finder.admin_panel.ja").value is None
    assert not at.subheader  # no result yet


# ---- the four own-domain × admin-panel combinations (≤ 50 IDs, no needs) ---------------


@pytest.mark.parametrize(
    ("own_domain", "admin_panel", "plan", "domain"),
    [
        # docs/rules.md §6 / brochure p.11 glossary: no/no common, no/yes individual subdomain,
        # yes/no hybrid, yes/yes individual own domain
        (False, False, "共通ルールプラン", "弊社指定ドメイン"),
        (False, True, "個別ルールプラン", "サブドメイン（NTTCom発行"),
        (True, False, "ハイブリッドプラン", "独自ドメイン"),
        (True, True, "個別ルールプラン", "独自ドメイン"),
    ],
)
def test_the_four_domain_and_admin_panel_answers(own_domain: bool, admin_panel: bool, plan: str, domain: str) -> None:
    at = answer(open_finder(), ids=10, needs=["none"], own_domain=own_domain, admin_panel=admin_panel)
    assert result_plan(at) == plan
    assert any(m.value.startswith("**ドメイン**：") and domain in m.value for m in at.markdown)


def test_the_hybrid_result_shows_reasons_prerequisites_lead_time_and_alternatives() -> None:
    at = answer(open_finder(), ids=10, needs=["none"], own_domain=True, admin_panel=False)
    text = visible_text(at)
    assert "この結果になった理由" in text
    assert "ID数（10ID）は50ID以内" in text
    assert "ハイブリッドプランが合います" in text
    # brochure p.2: 24 business days, not counting the days needed to obtain DNS information
    assert "24営業日（DNS情報取得のための所要日数を除く）" in text
    # brochure p.8: registrar transfer, DNS to NTT Com with DNS hosting (p.3: 1,500円, 税込1,650円),
    # zone information on the attachment, the old DNS provider cancelled by the customer
    assert "ドメイン登録事業者をNTTコミュニケーションズへ移管" in text
    assert f"月額{1500:,}円/ドメイン（税込{1500 * 110 // 100:,}円）" in text
    assert "お申込書別紙" in text
    assert "移管元のDNS事業者への解約お手続き" in text  # brochure p.8 wording
    assert "「お問合せ・確認依頼」はお受けできかねます" in text and "NS切替作業はNTTComで実施" in text
    assert "次のステップ" in text and "申込受付完了メール" in text
    # what the other plans would change, in words: common is 8 business days, 16 fewer than hybrid's 24 (p.2)
    assert "共通ルールプラン" in text and "開通まで8営業日（16営業日早い）" in text
    assert "管理コンパネを使い" in text  # the individual plan brings the control panel


def test_more_than_50_ids_leads_to_the_individual_plan_without_asking_about_needs() -> None:
    at = answer(open_finder(), ids=51)
    assert keys(at) == {"finder.ids", "finder.own_domain"}
    answer(at, own_domain=False)
    assert result_plan(at) == "個別ルールプラン"
    assert "上限50IDを超える" in visible_text(at)
    assert "finder.admin_panel" not in keys(at)


def test_more_than_300_ids_is_the_special_plan_whose_fee_is_not_published() -> None:
    at = answer(open_finder(), ids=301, own_domain=True)
    assert result_plan(at) == "個別ルールプラン（特別プラン）"
    warning = " ".join(w.value for w in at.warning)
    assert "301IDは個別ルールプランの上限300IDを超える" in warning
    assert "月額料金はパンフレットに掲載がありません" in warning and "営業担当" in warning
    assert "円/ID" not in visible_text(at)  # never an invented monthly price


def test_a_need_only_the_individual_plan_meets_leads_there() -> None:
    at = answer(open_finder(), ids=10, needs=["mail_archive"], own_domain=False)
    assert result_plan(at) == "個別ルールプラン"
    assert "finder.admin_panel" not in keys(at)
    text = visible_text(at)
    assert "個別ルールプランだけで利用できます" in text
    assert "メールアーカイブはご利用いただけません" in text  # what common or hybrid would lose


def test_none_of_these_is_exclusive_of_the_needs() -> None:
    at = answer(open_finder(), ids=10)
    at.multiselect(key="finder.needs.ja").select("mail_archive").run()
    at.multiselect(key="finder.needs.ja").select("none").run()
    assert at.multiselect(key="finder.needs.ja").value == ["none"]
    at.multiselect(key="finder.needs.ja").select("iijid").run()
    assert at.multiselect(key="finder.needs.ja").value == ["iijid"]


def test_start_over_clears_every_answer() -> None:
    at = answer(open_finder(), ids=10, needs=["none"], own_domain=True, admin_panel=False)
    at.button(key="finder.reset").click().run()
    assert keys(at) == {"finder.ids"}
    assert at.number_input(key="finder.ids.ja").value is None
    assert not at.subheader
    assert not any(k in at.query_params for k in ("ids", "needs", "own_domain", "admin_panel"))


def test_an_id_count_below_one_shows_the_rule_beside_the_field_and_keeps_the_entry() -> None:
    at = answer(open_finder(), ids=0)
    assert [e.value for e in at.error] == ["ID数は1以上の整数で入力してください（入力値：0）。"]
    assert at.number_input(key="finder.ids.ja").value == 0
    assert keys(at) == {"finder.ids"}
    answer(at, ids=3)
    assert not at.error


def test_the_diagram_highlights_the_path_so_far() -> None:
    at = answer(open_finder(), ids=10, needs=["none"], own_domain=True, admin_panel=False)
    dot = at.get("graphviz_chart")[0].proto.spec
    highlighted = set(re.findall(r"^\s+\"[^\"]*\" \[id=(\w+)[^\]]*penwidth=2\.5", dot, flags=re.M))
    assert highlighted == {"ids_over_50", "needs_individual", "own_domain", "admin_panel_own", "hybrid"}
    assert "個別ルールプラン" in dot and "ハイブリッドプラン" in dot  # the whole tree, not only the path


# ---- carrying the answers on --------------------------------------------------------------


def test_one_click_carries_the_answers_into_the_estimate() -> None:
    at = answer(open_finder(), ids=10, needs=["none"], own_domain=True, admin_panel=False)
    at.button(key="finder.to_estimate").click().run()
    c = case_of(at)
    assert (c.plan, c.ids, c.domain, c.mail_archive, c.iijid) == ("hybrid", 10, "own", False, False)
    assert "プラン診断" not in [t.value for t in at.title]  # the estimate page opened
    assert not keys(at)
    assert at.radio(key="estimate.plan.ja").value == "hybrid"  # and shows what was carried
    assert at.number_input(key="estimate.ids.ja").value == 10


def test_the_needs_asked_for_go_into_the_estimate_as_options() -> None:
    at = answer(open_finder(), ids=25, needs=["mail_archive", "iijid"], own_domain=False)
    at.button(key="finder.to_estimate").click().run()
    c = case_of(at)
    assert (c.plan, c.ids, c.domain, c.mail_archive, c.iijid) == ("individual", 25, "sub", True, True)
    assert at.checkbox(key="estimate.mail_archive.ja").value is True
    assert at.checkbox(key="estimate.iijid.ja").value is True


def test_the_support_finder_opens_for_the_recommended_plan() -> None:
    at = answer(open_finder(), ids=10, needs=["none"], own_domain=False, admin_panel=True)
    at.button(key="finder.to_support").click().run()
    assert at.title[0].value == "支援メニュー診断"
    assert at.radio(key="support.plan.ja").value == "individual"


# ---- shareable link, language --------------------------------------------------------------


def test_the_answers_go_into_the_url_and_a_copied_link_reopens_them() -> None:
    at = answer(open_finder(), ids=10, needs=["none"], own_domain=True, admin_panel=False)
    params = {k: at.query_params[k] for k in ("ids", "needs", "own_domain", "admin_panel")}
    assert params == {"ids": "10", "needs": "none", "own_domain": "1", "admin_panel": "0"}

    reopened = open_finder(**params)
    assert result_plan(reopened) == "ハイブリッドプラン"
    assert not reopened.warning


def test_a_tampered_link_falls_back_for_the_bad_field_only() -> None:
    at = open_finder(ids="ten", needs="none", own_domain="1", admin_panel="0")
    notice = " ".join(w.value for w in at.warning)
    assert "ID数" in notice and "独自ドメイン" not in notice
    assert at.number_input(key="finder.ids.ja").value is None  # the bad field: back to unanswered
    assert (case_of(at).own_domain, case_of(at).needs) == (True, ())  # the good ones are kept
    answer(at, ids=10)
    assert result_plan(at) == "ハイブリッドプラン"


@pytest.mark.parametrize("needs", ["none,mail_archive", "telepathy", "mail_archive,,x"])
def test_a_tampered_needs_list_is_reported(needs: str) -> None:
    at = open_finder(ids="10", needs=needs, own_domain="0", admin_panel="0")
    assert "必要な機能" in " ".join(w.value for w in at.warning)
    assert at.multiselect(key="finder.needs.ja").value == []
    assert at.number_input(key="finder.ids.ja").value == 10


def test_the_english_screen() -> None:
    at = open_finder(lang="en", ids="10", needs="none", own_domain="1", admin_panel="0")
    assert at.title[0].value == "Plan finder"
    assert result_plan(at) == "Hybrid Plan"
    text = visible_text(at)
    assert "Why this result" in text and "¥1,500/domain a month (¥1,650 incl. tax)" in text
    assert "ハイブリッド" not in text
    assert at.button(key="finder.to_estimate").label == "Estimate with these answers"
