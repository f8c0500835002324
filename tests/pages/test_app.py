"""The app shell and the overview page, driven with AppTest as a user would."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.pages.apptest import open_app


def run_app(**params: str) -> AppTest:
    return open_app(**params)


def visible_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [h.value for h in at.title] + [h.value for h in at.subheader]
    parts += [str(tb.value) for tb in at.table]
    return "\n".join(parts)


def test_overview_is_the_default_page_in_japanese() -> None:
    at = run_app()
    assert at.title[0].value == "損保クラウドサービス プラン概要"
    text = visible_text(at)
    for plan in ("共通ルールプラン", "個別ルールプラン", "ハイブリッドプラン"):
        assert plan in text
    # brochure p.3: 1,500円/ID (税込1,650円); p.2: 8 / 23 / 24 business days
    assert "1,500円/ID（税込1,650円）" in text
    cards = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert cards == ["#### 8営業日", "#### 23営業日", "#### 24営業日"]


def test_overview_marks_the_customers_own_tasks() -> None:
    at = run_app()
    roles = at.table[2].value  # after the plans and the option prices
    # brochure p.2: on the individual plan the customer does the initial setup; on common NTT Com does
    assert roles.loc["初期設定", "個別ルールプラン"] == "★ お客様"
    assert roles.loc["初期設定", "共通ルールプラン"] == "NTTCom"
    assert roles.loc["DNSコントロールパネル", "ハイブリッドプラン"] == "★ お客様"


def test_overview_has_the_brochures_option_price_table_and_the_hybrid_footnote() -> None:
    at = run_app()
    options = at.table[1].value
    # brochure p.3: DNS hosting 1,500円/ドメイン (税込1,650円) ※お申し込み必須 on hybrid, not on common
    hybrid_dns = options.loc["DNSホスティング：月額料金", "ハイブリッドプラン"]
    assert hybrid_dns == "1,500円/ドメイン（税込1,650円） ※お申し込み必須"
    assert options.loc["メールアーカイブ：月額料金", "共通ルールプラン"] == "ご利用いただけません"
    assert options.loc["DNSゾーン情報サポート：工事費", "ハイブリッドプラン"] == "50,000円（税込55,000円）"
    text = " ".join(m.value for m in at.markdown)
    assert "※DNS情報取得のための所要日数を除く" in text  # brochure p.2, on the hybrid card
    assert "アプリによる説明（パンフレットに説明なし）" in text and "パンフレットより" in text


def test_overview_states_the_security_policy_and_where_it_is_fixed() -> None:
    at = run_app()
    text = visible_text(at) + "\n".join(i.value for i in at.info)
    assert "4種混合10桁" in text
    assert "5分間保留" in text
    assert "変更できません" in text


def test_english_from_the_link_changes_every_string() -> None:
    at = run_app(lang="en")
    assert at.title[0].value == "Sonpo Cloud plan overview"
    text = visible_text(at)
    assert "Common Rule Plan" in text and "¥1,500/ID" in text
    assert "共通ルールプラン" not in text


def test_switching_language_in_the_sidebar_updates_the_url() -> None:
    at = run_app()
    at.sidebar.button_group[0].set_value("en").run()
    assert at.title[0].value == "Sonpo Cloud plan overview"
    assert at.query_params["lang"] == "en"


def test_tampered_language_falls_back_to_japanese_with_a_notice() -> None:
    at = run_app(lang="xx", tax="incl")
    assert at.title[0].value == "損保クラウドサービス プラン概要"
    assert any("表示言語" in w.value for w in at.warning)
    # the good field of the same link is kept
    assert at.sidebar.radio[0].value == "incl"


def test_tax_display_switches_in_english_and_goes_into_the_url() -> None:
    at = run_app(lang="en")
    at.sidebar.radio[0].set_value("incl").run()
    at.run()
    assert not at.exception
    assert at.title[0].value == "Sonpo Cloud plan overview"
    assert at.sidebar.radio[0].value == "incl"
    assert at.query_params["tax"] == "incl" and at.query_params["lang"] == "en"
