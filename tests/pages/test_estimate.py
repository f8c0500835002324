"""The estimate page (issue 3, item 4) driven with AppTest as a user would: widgets by key, assertions on
what is shown. Amounts are hand arithmetic from the brochure's price list (税抜, tax 10% per total)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from sonpo.case import Case
from tests.pages.apptest import APP, open_app, open_box

PAGE = "views/estimate.py"


def estimate(**params: str) -> AppTest:
    return open_app(PAGE, **params)


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def text(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption] + [e.value for e in at.info]
    parts += [e.value for e in at.warning] + [e.value for e in at.error] + [str(t.value) for t in at.table]
    return "\n".join(parts)


def test_hybrid_ten_ids_83_licences_and_dns_support_by_hand() -> None:
    at = estimate()
    at.radio(key="estimate.plan.ja").set_value("hybrid")
    at.number_input(key="estimate.ids.ja").set_value(10)
    at.number_input(key="estimate.msb.ja").set_value(83)
    rerun(at)
    at.checkbox(key="estimate.dns_support.ja").check()
    rerun(at)
    m = metrics(at)
    # monthly 1,500 × 10 + 15,000 (one 100-pack covers 83) + 1,500 (DNS hosting, mandatory)
    assert m["月額合計（税抜）"] == f"{1500 * 10 + 15000 + 1500:,}円"
    # one-time 3,000 + 3,000 (MSB 工事費) + 50,000 (DNSゾーン情報サポート)
    assert m["初期費用合計（税抜）"] == f"{3000 + 3000 + 50000:,}円"
    assert m["12か月合計（税抜）"] == f"{56000 + 12 * 31500:,}円"
    shown = text(at)
    assert "税込 34,650円（うち消費税 3,150円）" in shown
    assert "税込 61,600円（うち消費税 5,600円）" in shown
    assert "100ライセンスパック×1（100ライセンス分）" in shown
    assert "2024年4月1日" in shown and "日割り" in shown
    lines = at.table[0].value  # 明細: each quantity with its unit
    assert list(lines["単位"]) == ["ID", "式", "パック", "式", "ドメイン", "式"]
    assert list(lines["数量"]) == ["10", "1", "1", "1", "1", "1"]
    assert not at.get("download_button")  # documents are made on request, from the committed entries
    at.button(key="estimate.documents").click()
    rerun(at)
    assert [b.label for b in at.get("download_button")] == [
        "概算お見積り（PDF）", "提案書（PDF）", "開通予定のカレンダー（.ics）", "明細CSV（Excel用）", "見積りJSON"]
    # hybrid has one domain kind (own): the link need not name it
    assert dict(at.query_params) == {"plan": "hybrid", "msb": "83", "dns_support": "1"}


def test_options_common_does_not_offer_are_disabled_with_the_reason() -> None:
    at = estimate()
    for oid in ("dns_hosting", "mail_archive", "iijid", "dns_zone_support"):
        box = at.checkbox(key=f"estimate_off.{oid}")
        assert box.disabled and box.value is False
    shown = text(at)
    for reason in (
        "メールアーカイブは共通ルールプランではご利用いただけません。ご利用いただけるプラン：個別ルールプラン。",
        "DNSゾーン情報サポートは共通ルールプランではご利用いただけません。ご利用いただけるプラン：ハイブリッドプラン。",
    ):
        assert reason in shown
    assert at.number_input(key="estimate.msb.ja").disabled is False


def test_dns_hosting_is_on_and_locked_on_hybrid() -> None:
    at = estimate(plan="hybrid", ids="4")
    lock = at.checkbox(key="estimate_lock.dns_hosting")
    assert lock.value is True and lock.disabled
    assert at.number_input(key="estimate.domains.ja").min == 1
    assert "ハイブリッドプランではお申し込みが必須です（1ドメイン以上）。" in text(at)
    at.number_input(key="estimate.domains.ja").set_value(2)
    rerun(at)
    assert metrics(at)["月額合計（税抜）"] == f"{1500 * 4 + 1500 * 2:,}円"


def test_51_ids_on_common_is_refused_beside_the_field_and_kept() -> None:
    at = estimate()
    at.number_input(key="estimate.ids.ja").set_value(51)
    rerun(at)
    assert at.number_input(key="estimate.ids.ja").value == 51
    assert [e.value for e in at.error] == [
        "共通ルールプランのID数は上限50IDまでです（入力値：51）。50IDを超える場合は個別ルールプランをご検討ください。"]
    assert "月額合計（税抜）" not in metrics(at)  # no price for a refused selection
    # the same number fits the individual plan: nothing re-typed
    at.radio(key="estimate.plan.ja").set_value("individual")
    rerun(at)
    assert at.number_input(key="estimate.ids.ja").value == 51
    assert not at.error
    assert metrics(at)["月額合計（税抜）"] == f"{1500 * 51:,}円"


def test_plan_change_with_too_many_ids_does_not_crash() -> None:
    at = estimate(plan="individual", ids="120")
    at.radio(key="estimate.plan.ja").set_value("common")
    rerun(at)
    assert at.number_input(key="estimate.ids.ja").value == 120
    assert "上限50ID" in at.error[0].value


def test_special_plan_above_300_ids_on_individual_is_never_priced() -> None:
    at = estimate(plan="individual", ids="301")
    shown = text(at)
    assert "特別プラン" in shown and "営業担当" in shown
    assert "月額合計（税抜）" not in metrics(at)
    assert not at.get("download_button")


def test_the_case_another_page_set_is_shown() -> None:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()  # the finder's page ran first and put its answer into the case
    at.session_state["case"] = Case(plan="individual", ids=60, domain="sub", mail_archive=True, iijid=True)
    at.switch_page(PAGE)
    rerun(at)
    assert at.radio(key="estimate.plan.ja").value == "individual"
    assert at.radio(key="estimate.domain.ja").value == "sub"
    assert at.number_input(key="estimate.ids.ja").value == 60
    assert at.checkbox(key="estimate.mail_archive.ja").value and at.checkbox(key="estimate.iijid.ja").value
    # 1,500 × 60 + 380 × 60 (mail archive, all IDs) + 100 × 60 (IIJ ID, all IDs)
    assert metrics(at)["月額合計（税抜）"] == f"{1500 * 60 + 380 * 60 + 100 * 60:,}円"
    assert not at.warning


def test_a_shared_link_reopens_the_estimate() -> None:
    at = estimate(plan="hybrid", ids="10")
    assert at.radio(key="estimate.plan.ja").value == "hybrid"
    assert at.number_input(key="estimate.ids.ja").value == 10
    assert metrics(at)["月額合計（税抜）"] == f"{1500 * 10 + 1500:,}円"
    assert not at.warning


def test_a_tampered_link_shows_the_notice_and_keeps_the_good_fields() -> None:
    at = estimate(plan="hybrid", ids="abc", msb="12")
    assert at.warning[0].value == "共有リンクの一部が読み取れなかったため、次の項目は初期値で表示しています：ID数"
    assert at.radio(key="estimate.plan.ja").value == "hybrid"
    assert at.number_input(key="estimate.ids.ja").value == 10
    assert at.number_input(key="estimate.msb.ja").value == 12


def test_a_stale_domain_falls_back_to_the_plans_own_and_says_so() -> None:
    at = estimate(plan="hybrid", domain="sub", ids="2")
    assert at.radio(key="estimate.domain.ja").value == "own"
    assert "「独自ドメイン」に切り替えました" in at.info[0].value
    assert metrics(at)["月額合計（税抜）"] == f"{1500 * 2 + 1500:,}円"


def test_english_with_tax_included() -> None:
    at = estimate(lang="en", tax="incl", plan="hybrid", ids="10")
    assert at.title[0].value == "Estimate"
    m = metrics(at)
    # (15,000 + 1,500) × 1.1 and 3,000 × 1.1
    assert m["Monthly total (incl. tax)"] == "¥18,150"
    assert m["One-time total (incl. tax)"] == "¥3,300"
    assert "¥16,500 excl. tax + tax ¥1,650" in text(at)
    assert "Amount (incl. tax)" in str(at.table[0].value.columns.tolist())


def test_individual_per_id_options_cover_all_ids_unless_narrowed() -> None:
    at = estimate(plan="individual", ids="20", mail_archive="1")
    assert metrics(at)["月額合計（税抜）"] == f"{1500 * 20 + 380 * 20:,}円"
    assert "対象：全20ID" in text(at)
    at.number_input(key="estimate.mail_archive_ids.ja").set_value(25)
    rerun(at)
    assert "契約ID数（20ID）以下" in at.error[0].value
    at.number_input(key="estimate.mail_archive_ids.ja").set_value(5)
    rerun(at)
    assert metrics(at)["月額合計（税抜）"] == f"{1500 * 20 + 380 * 5:,}円"


def test_every_zero_says_what_it_means_and_each_id_count_has_its_own_name() -> None:
    """0 licences is none, 0 IDs covered is every ID (docs/rules.md §3): side by side, each field says which in its
    name, the name a screen reader reads, and the two ID counts are told apart by their option."""
    at = estimate(plan="individual", ids="20", mail_archive="1", iijid="1")
    names = {k: at.number_input(key=f"estimate.{k}.ja").label for k in ("msb", "mail_archive_ids", "iijid_ids")}
    assert names == {"msb": "マイセキュア ビジネスのライセンス数（0＝申し込まない）",
                     "mail_archive_ids": "メールアーカイブの対象ID数（0＝全ID）",
                     "iijid_ids": "IIJID認証の対象ID数（0＝全ID）"}
    shown = text(at)
    assert "0のままなら申し込みません。" in shown
    assert shown.count("0のままなら契約の全IDが対象です。") == 2 and shown.count("対象：全20ID") == 2
    at.session_state["app.lang"] = "en"
    rerun(at)
    names = {k: at.number_input(key=f"estimate.{k}.en").label for k in ("msb", "mail_archive_ids", "iijid_ids")}
    assert names == {"msb": "MySecure Business licences (0 = none)",
                     "mail_archive_ids": "Mail archive: IDs covered (0 = all IDs)",
                     "iijid_ids": "IIJ ID authentication: IDs covered (0 = all IDs)"}


def test_help_is_written_under_the_field_not_behind_a_button() -> None:
    """Streamlit names a help button "Help for <label>" in English; the estimate writes its help as text instead."""
    at = estimate(plan="hybrid", dns_support="1")
    assert all(not w.help for w in [*at.number_input, *at.checkbox, *at.radio, *at.text_input])
    shown = text(at)
    assert "上限：共通ルールプラン 50ID、個別ルールプラン 300ID（超える場合は特別プラン）、ハイブリッドプラン 50ID" \
        in shown  # brochure p.2: 50 / 300 (special plan above) / 50 IDs
    assert "宛名のあとに付ける敬称です" in shown and "DNSレコード（MX）の切替まで行います" in shown


def test_change_fees_on_common_and_individual() -> None:
    at = open_box(estimate(), "estimate.fees")
    at.number_input(key="estimate_fee.name_changes").set_value(2)
    at.number_input(key="estimate_fee.password_reissues").set_value(1)
    rerun(at)
    assert metrics(at)["変更料金"] == f"{3000 * 3:,}円（税抜）"
    at = open_box(estimate(plan="individual"), "estimate.fees")
    assert not [n for n in at.number_input if n.key == "estimate_fee.name_changes"]  # self-service there
    assert "管理者向けパスワードのみ" in text(at)


def test_change_fee_counts_stay_when_the_box_is_closed_and_count_only_where_the_plan_charges_them() -> None:
    at = open_box(estimate(), "estimate.fees")
    at.number_input(key="estimate_fee.name_changes").set_value(2)
    at.number_input(key="estimate_fee.password_reissues").set_value(1)
    rerun(at)
    at.session_state["estimate.fees.shown"] = False  # closed
    rerun(at)
    assert "変更料金" not in metrics(at)
    open_box(at, "estimate.fees")
    assert at.number_input(key="estimate_fee.name_changes").value == 2
    assert metrics(at)["変更料金"] == f"{3000 * 3:,}円（税抜）"  # brochure: 3,000円 per ID changed
    at.radio(key="estimate.plan.ja").set_value("individual")
    rerun(at)
    # individual: names are changed in the admin panel (no fee); the 1 password reissue is still charged
    assert metrics(at)["変更料金"] == "3,000円（税抜）"


def test_compare_button_takes_the_same_needs() -> None:
    at = estimate(plan="individual", ids="30", msb="5")
    at.button(key="estimate_go.compare").click()
    rerun(at)
    assert at.number_input(key="compare.ids.ja").value == 30
    assert at.number_input(key="compare.msb.ja").value == 5
    assert at.radio(key="compare.domain.ja").value == "own"


@pytest.mark.parametrize(
    "params",
    [
        {"ids": "-1", "months": "0", "msb": "x"},
        {"plan": "premium", "domain": "mars", "dns_hosting": "yes", "mail_archive": "2"},
        {"plan": "common", "domain": "own", "dns_hosting": "1", "domains": "500"},
        {"plan": "individual", "ids": "999999999", "iijid": "1", "iijid_ids": "5"},
        {"plan": "individual", "domain": "sub", "msb": "10001", "mail_archive": "1", "mail_archive_ids": "400"},
        {"plan": "hybrid", "ids": "１２", "months": "121", "dns_support": "1"},
    ],
)
def test_odd_links_never_raise(params: dict[str, str]) -> None:
    at = estimate(**params)  # asserts no exception
    assert at.title[0].value == "お見積り"
    assert at.radio(key="estimate.plan.ja").value in ("common", "individual", "hybrid")


def test_the_honorific_is_chosen_beside_the_addressee_and_the_documents_show_it() -> None:
    at = estimate(plan="common", ids="10")
    at.text_input(key="estimate.addressee.ja").set_value("山田 太郎").run()
    choice = at.radio(key="estimate.honorific.ja")
    assert choice.value == "onchu" and choice.options == ["御中（会社・部署あて）", "様（個人あて）"]
    choice.set_value("sama").run()
    assert not at.exception, at.exception
    assert dict(at.query_params) == {"ids": "10", "addressee": "山田 太郎", "honorific": "sama"}  # plan: default
    at.button(key="estimate.documents").click()
    rerun(at)
    assert "宛名：山田 太郎 様" in text(at)  # the dialog says what the 見積書 and 提案書 print


def test_the_documents_dialog_shows_the_addressee_as_printed() -> None:
    at = estimate(plan="common", ids="10", addressee="〇〇保険代理店")  # no honorific in the link: 御中
    at.button(key="estimate.documents").click()
    rerun(at)
    assert "宛名：〇〇保険代理店 御中" in text(at)
    at = estimate(plan="common", ids="10", addressee="〇〇代理店 御中")  # typed with its 御中: printed once
    at.button(key="estimate.documents").click()
    rerun(at)
    shown = text(at)
    assert "宛名：〇〇代理店 御中" in shown and "御中 御中" not in shown


def documents_dialog(at: AppTest) -> Block:
    """The 書類を作成 dialog: the block holding every download button."""
    at.button(key="estimate.documents").click()
    rerun(at)
    buttons = len(at.get("download_button"))
    return next(c for c in at.container if len(c.get("download_button")) == buttons)


def test_the_staffs_data_is_offered_in_its_own_section_below_the_customers_documents() -> None:
    at = estimate(plan="common", ids="10")
    dialog = documents_dialog(at)
    shown = [n for n in dialog if n.type in ("subheader", "download_button")]
    assert [n.value if n.type == "subheader" else n.label for n in shown] == [
        "概算お見積り（PDF）", "提案書（PDF）", "開通予定のカレンダー（.ics）",
        "データ出力", "明細CSV（Excel用）", "見積りJSON"]
    rows = [[b.label for b in c.get("download_button")] for c in dialog.get("container") if c.get("download_button")]
    assert [r for r in rows if len(r) < 5] == [  # two rows of buttons, apart
        ["概算お見積り（PDF）", "提案書（PDF）", "開通予定のカレンダー（.ics）"], ["明細CSV（Excel用）", "見積りJSON"]]
    assert "お客様にお渡しする書類ではありません" in text(at)
    en = estimate(plan="common", ids="10", lang="en")
    assert "Data export" in [n.value for n in documents_dialog(en) if n.type == "subheader"]


def test_the_documents_dialog_shows_the_issue_date_in_the_users_form() -> None:
    at = estimate(plan="common", ids="10")
    documents_dialog(at)
    shown = text(at)
    assert re.search(r"発行日：20\d\d年\d{1,2}月\d{1,2}日\([月火水木金土日]\)", shown)  # 2026年12月7日(月)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", shown)  # never 2026-12-07
    en = estimate(plan="common", ids="10", lang="en")
    documents_dialog(en)
    assert re.search(r"Issued: (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} 20\d\d", text(en))
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text(en))


@pytest.mark.parametrize(("lang", "names"), [
    ("ja", ["見積書_共通ルールプラン_10ID_20261207.pdf", "提案書_共通ルールプラン_10ID_20261207.pdf",
            "開通スケジュール_共通ルールプラン_10ID_20261207.ics", "見積明細_共通ルールプラン_10ID_20261207.csv",
            "見積データ_共通ルールプラン_10ID_20261207.json"]),
    ("en", ["quotation_common_10_20261207.pdf", "proposal_common_10_20261207.pdf", "schedule_common_10_20261207.ics",
            "estimate_common_10_20261207.csv", "estimate_common_10_20261207.json"]),
])
def test_the_files_are_named_in_the_documents_language(lang: str, names: list[str]) -> None:
    """What the dialog names each file (the browser test downloads them and reads the names back)."""
    from ui.documents import file_name

    kinds = [("quote_pdf", "pdf"), ("proposal_pdf", "pdf"), ("ics", "ics"), ("csv", "csv"), ("json", "json")]
    assert [file_name(kind, ext, "common", 10, dt.date(2026, 12, 7), lang) for kind, ext in kinds] == names  # type: ignore[arg-type]
