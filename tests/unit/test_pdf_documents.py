"""The 見積書 and 提案書 PDFs, read back with pypdf: figures from the brochure, one page, the font embedded,
user text printed as text. Expected amounts are worked out by hand from the brochure's prices."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from sonpo.case import Case
from sonpo.documents import ProposalInput, proposal_pdf, quote_number, quote_pdf
from sonpo.duties import next_steps
from sonpo.errors import DomainError
from sonpo.issuer import Issuer
from sonpo.names import DomainKind, PlanId
from sonpo.printable import addressee_line
from sonpo.quote import Selection, quote
from sonpo.timeline import ScheduleRequest, schedule
from sonpo.timeline.view import todo_rows
from tests.textorder import in_order

ISSUED = dt.date(2026, 11, 30)
ISSUER = Issuer(company="株式会社サンプル", department="営業部", person="山田 太郎", phone="03-1234-5678",
                email="yamada@example.jp")


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def text(pdf: bytes) -> str:
    """All pages' text with every blank removed (extraction spaces cells and lines its own way)."""
    return "".join("".join(page.extract_text().split()) for page in read(pdf).pages)


def common10(lang: str = "ja", **kw: object) -> bytes:
    args: dict[str, object] = {"lang": lang, "addressee": "サンプル保険代理店", "issued": ISSUED, "valid_days": 30,
                               "issuer": ISSUER}
    args.update(kw)
    return quote_pdf(quote(Selection(plan="common", ids=10)), **args)  # type: ignore[arg-type]


# ---- 見積書 -------------------------------------------------------------------------------


def test_common_10_ids_figures_are_the_brochures() -> None:
    # 1,500円/ID × 10 = 15,000 + tax 1,500 = 16,500; initial 3,000 + 300 = 3,300;
    # 12 months: 3,000 + 12 × 15,000 = 183,000, tax 300 + 12 × 1,500 = 18,300, total 201,300.
    got = text(common10())
    assert "月額16,500円（税込）" in got and "初期費用3,300円（税込）" in got  # 御見積金額 headline
    assert "月額合計15,000円1,500円16,500円" in got
    assert "初期費用合計3,000円300円3,300円" in got
    assert "12か月合計（初期費用＋月額×12）183,000円18,300円201,300円" in got
    assert "基本料金（月額）月額10ID1,500円15,000円" in got  # 項目, 区分, 数量, 単位, 単価, 金額
    assert "消費税（10%）" in got
    assert "2024年4月1日" in got  # the brochure's effective date


# Every line a quote can bill, by hand from the brochure: individual, 300 IDs, an own domain on 2 DNS domains,
# 111 MySecure licences (one 100-, one 10- and one 1-pack), mail archive and IIJ ID on every ID; and the hybrid
# plan's DNS zone support. Options whose one-time fee is 0 yen print no line.
EVERY_LINE = Selection(plan="individual", ids=300, domain="own", domains=2, msb_licences=111, mail_archive_ids=300,
                       iijid_ids=300)
EVERY_LINE_ROWS = {  # 項目, 区分, 数量, 単位, 単価, 金額
    "ja": [
        "基本料金（月額）月額300ID1,500円450,000円",
        "初期費用初期（一時）1式3,000円3,000円",
        "マイセキュアビジネス100ライセンスパック月額1パック15,000円15,000円",
        "マイセキュアビジネス10ライセンスパック月額1パック1,800円1,800円",
        "マイセキュアビジネス1ライセンスパック月額1パック200円200円",
        "マイセキュアビジネス工事費初期（一時）1式3,000円3,000円",
        "DNSホスティング（月額）月額2ドメイン1,500円3,000円",
        "メールアーカイブ（月額）月額300ID380円114,000円",
        "IIJID認証オプション（月額）月額300ID100円30,000円",
    ],
    "en": [
        "Basicfee(monthly)Monthly300ID¥1,500¥450,000",
        "InitialfeeOne-time1lumpsum¥3,000¥3,000",
        "MySecureBusiness100-licencepackMonthly1pack¥15,000¥15,000",
        "MySecureBusiness10-licencepackMonthly1pack¥1,800¥1,800",
        "MySecureBusiness1-licencepackMonthly1pack¥200¥200",
        "MySecureBusinessinstallationfeeOne-time1lumpsum¥3,000¥3,000",
        "DNShosting(monthly)Monthly2domain¥1,500¥3,000",
        "Mailarchive(monthly)Monthly300ID¥380¥114,000",
        "IIJIDauthentication(monthly)Monthly300ID¥100¥30,000",
    ],
}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_billed_line_prints_its_unit(lang: str) -> None:
    """The 明細 as a Japanese office expects it: 数量 with its 単位 (ID, パック, ドメイン, 式) on every line."""
    q = quote(EVERY_LINE)
    got = text(quote_pdf(q, lang=lang, addressee="", issued=ISSUED, valid_days=30, issuer=ISSUER))  # type: ignore[arg-type]
    assert ("数量単位" if lang == "ja" else "QuantityUnit") in got
    for row in EVERY_LINE_ROWS[lang]:
        assert row in got
    assert len(q.lines) == len(EVERY_LINE_ROWS[lang])  # no line left out of the hand-worked list
    hybrid = text(quote_pdf(quote(Selection(plan="hybrid", ids=10, dns_zone_support=True)), lang=lang,  # type: ignore[arg-type]
                            addressee="", issued=ISSUED, valid_days=30, issuer=ISSUER))
    zone = "DNSゾーン情報サポート初期（一時）1式50,000円50,000円" if lang == "ja" else (
        "DNSzoneinformationsupportOne-time1lumpsum¥50,000¥50,000")
    assert zone in hybrid


def test_the_proposal_prints_the_same_units() -> None:
    case = Case(plan="individual", domain="own", ids=300, msb=111, dns_hosting=True, domains=2, mail_archive=True,
                iijid=True, order_date=ISSUED)
    got = text(proposal_pdf(ProposalInput.of_case(case, "ja", ISSUED, ISSUER)))
    for row in EVERY_LINE_ROWS["ja"]:
        assert row in got


def test_english_quote_figures() -> None:
    got = text(common10("en"))
    assert "Monthly¥16,500(incl.tax)" in got and "One-time¥3,300(incl.tax)" in got
    assert "Monthlytotal¥15,000¥1,500¥16,500" in got
    assert "¥183,000¥18,300¥201,300" in got
    assert "1Apr2024" in got


def test_header_number_dates_and_issuer() -> None:
    got = text(common10())
    number = re.search(r"見積番号：(Q-20261130-[0-9A-F]{8})", got)
    assert number is not None
    assert number.group(1) == quote_number(quote(Selection(plan="common", ids=10)), ISSUED, "サンプル保険代理店")
    assert "件名：損保クラウドサービス共通ルールプラン（10ID）のお見積り" in got
    assert "サンプル保険代理店御中" in got
    assert "発行日：2026年11月30日(月)" in got
    assert "有効期限：2026年12月30日(水)" in got  # 30 days after issue
    for line in ("株式会社サンプル", "営業部", "担当：山田太郎", "TEL：03-1234-5678", "E-mail：yamada@example.jp"):
        assert line in got


def test_quote_number_is_stable_for_the_same_case_and_date_only() -> None:
    q = quote(Selection(plan="common", ids=10))
    same = quote_number(quote(Selection(plan="common", ids=10, domain="designated")), ISSUED, "A")
    assert quote_number(q, ISSUED, "A") == same
    assert quote_number(q, ISSUED + dt.timedelta(days=1), "A") != same
    assert quote_number(quote(Selection(plan="common", ids=11)), ISSUED, "A") != same
    assert quote_number(q, ISSUED, "B") != same
    assert re.fullmatch(r"Q-20261130-[0-9A-F]{8}", same)


def test_same_case_gives_the_same_bytes() -> None:
    assert common10() == common10()


def test_empty_issuer_says_whom_to_contact_and_invents_nothing() -> None:
    got = text(common10(issuer=Issuer()))
    assert "お申込み・ご不明点は、担当の営業までお問い合わせください。" in got
    assert "TEL" not in got and "担当：" not in got
    partial = text(common10(issuer=Issuer(company="株式会社サンプル", phone="03-0000-0000")))
    assert "株式会社サンプル" in partial and "TEL：03-0000-0000" in partial
    assert "担当：" not in partial and "E-mail" not in partial


def test_the_registration_number_is_printed_in_the_issuer_block() -> None:
    registered = Issuer(company="株式会社サンプル", phone="03-1234-5678", registration_number="T7010001065142")
    assert "株式会社サンプルTEL：03-1234-5678登録番号：T7010001065142" in text(common10(issuer=registered))
    assert "Tel:03-1234-5678Invoiceregistrationno.:T7010001065142" in text(common10("en", issuer=registered))
    alone = text(common10(issuer=Issuer(registration_number="T7010001065142")))  # no contact: whom to ask, then it
    assert "担当の営業までお問い合わせください。登録番号：T7010001065142" in alone
    assert "登録番号" not in text(common10())  # optional: nothing printed without one


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_ordinary_quote_is_one_page(lang: str) -> None:
    assert len(read(common10(lang)).pages) == 1
    every_option = quote(Selection(plan="individual", ids=300, domain="own", domains=2, msb_licences=295,
                                   mail_archive_ids=300, iijid_ids=300, months=36))
    sch = schedule(ScheduleRequest(plan="individual", order_date=ISSUED, domain="own"))
    pdf = quote_pdf(every_option, lang=lang, addressee="株式会社サンプル保険サービス 本店営業部", issued=ISSUED,  # type: ignore[arg-type]
                    valid_days=30, issuer=ISSUER, schedule=sch)
    assert len(read(pdf).pages) == 1
    assert "1 / 1" not in read(pdf).pages[0].extract_text()  # numbers only when there is more than one page


def test_pages_are_numbered_when_the_quote_runs_longer() -> None:
    huge = Issuer(**{f: "長" * 100 for f in ("company", "department", "person", "phone", "email")})
    q = quote(Selection(plan="hybrid", ids=50, domains=3, msb_licences=183, dns_zone_support=True))
    pages = read(quote_pdf(q, lang="ja", addressee="あ" * 100, issued=ISSUED, valid_days=30, issuer=huge)).pages
    assert len(pages) == 2
    assert "1 / 2" in pages[0].extract_text() and "2 / 2" in pages[1].extract_text()


def test_remarks_only_those_that_apply() -> None:
    hybrid = text(quote_pdf(quote(Selection(plan="hybrid", ids=10)), lang="ja", addressee="", issued=ISSUED,
                            valid_days=30, issuer=ISSUER))
    # hybrid 10 IDs: 15,000 + mandatory DNS hosting 1,500 = 16,500, tax 1,650, 18,150
    assert "月額合計16,500円1,650円18,150円" in hybrid
    assert "特別プラン" not in hybrid
    assert "DNSホスティングのお申し込みが必須" in hybrid
    assert "NTTコミュニケーションズへ移管" in hybrid
    common = text(common10())
    assert "特別プラン" not in common and "移管" not in common and "マイセキュア" not in common
    individual = text(quote_pdf(quote(Selection(plan="individual", ids=10)), lang="ja", addressee="",
                                issued=ISSUED, valid_days=30, issuer=ISSUER))
    assert "特別プラン" not in individual  # 10 IDs: the special plan (over 300) does not apply
    msb = text(quote_pdf(quote(Selection(plan="common", ids=10, msb_licences=11)), lang="ja", addressee="",
                         issued=ISSUED, valid_days=30, issuer=ISSUER))
    # 11 licences: one 10-pack 1,800 + one single 200 (docs/rules.md §3)
    assert "10ライセンスパック×1+1ライセンスパック×1（11ライセンス分）" in msb


def test_activation_date_in_remarks_when_a_schedule_is_given() -> None:
    sch = schedule(ScheduleRequest(plan="common", order_date=dt.date(2026, 11, 30)))
    got = text(common10(schedule=sch))
    assert "開通予定日（目安）：2026年12月10日(木)" in got  # docs/rules.md §4 worked example
    assert "申込受付完了メール" in got
    assert "開通予定日" not in text(common10())


def test_user_text_is_printed_not_interpreted() -> None:
    tricky = Issuer(company="<i>A&B</i>", person="{name}")
    raw = "".join(p.extract_text() for p in read(common10(addressee="<b>&amp;</b> {x}", issuer=tricky)).pages)
    assert "<b>&amp;</b> {x} 御中" in raw
    assert "<i>A&B</i>" in raw
    assert "担当：{name}" in raw


def test_addressee_and_validity_are_checked() -> None:
    with pytest.raises(DomainError) as e:
        common10(addressee="a" * 101)
    assert e.value.field == "addressee"
    with pytest.raises(DomainError):
        common10(addressee="line\nbreak")
    with pytest.raises(DomainError) as e:
        common10(valid_days=0)
    assert e.value.field == "valid_days"


def test_an_addressee_the_font_cannot_print_is_refused_naming_its_characters() -> None:
    # IPAex Gothic covers JIS X 0208 and a few more (髙 yes); 𠮷 (a common name character beyond it) and emoji
    # would print as empty boxes
    with pytest.raises(DomainError) as e:
        common10(addressee="𠮷野保険 😀 代理店")
    assert (e.value.code, e.value.field) == ("glyph", "addressee")
    assert e.value.message("ja").startswith("宛名の「𠮷😀」は")
    assert "髙橋保険代理店" in "".join(p.extract_text() for p in read(common10(addressee="髙橋保険代理店")).pages)


def embedded_fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(BaseFont, has an embedded TrueType program) for every font any page uses."""
    out = []
    for page in read(pdf).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            out.append((str(font["/BaseFont"]), embedded))
    return out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_font_is_embedded(lang: str) -> None:
    fonts = embedded_fonts(common10(lang))
    assert fonts
    assert all(embedded and "IPAexGothic" in name for name, embedded in fonts), fonts


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_proposals_font_is_embedded_too(lang: str) -> None:
    # its Gantt chart is a drawing, whose first state would name Helvetica, unembedded, among the page's fonts
    fonts = embedded_fonts(proposal_pdf(proposal(lang)))
    assert fonts
    assert all(embedded and "IPAexGothic" in name for name, embedded in fonts), fonts


# ---- 宛名 and its honorific (docs/rules.md §9: 御中 by default or 様; a name ending in 御中, 様 or 殿 as written)

HONORIFIC_CASES = [
    ("〇〇保険代理店", "onchu", "〇〇保険代理店 御中"),
    ("山田 太郎", "sama", "山田 太郎 様"),
    ("山田 太郎 様", "onchu", "山田 太郎 様"),  # typed with its 様, the default 御中 is not added
    ("山田 太郎様", "sama", "山田 太郎様"),
    ("〇〇代理店 御中", "onchu", "〇〇代理店 御中"),  # once, not 御中 御中
    ("〇〇代理店 御中", "sama", "〇〇代理店 御中"),
    ("田中殿", "onchu", "田中殿"),
    ("\u3000山田 太郎\u3000様\u3000", "onchu", "山田 太郎\u3000様"),  # full-width spaces trimmed
]


@pytest.mark.parametrize(("addressee", "honorific", "printed"), HONORIFIC_CASES)
def test_the_addressee_carries_one_honorific(addressee: str, honorific: str, printed: str) -> None:
    assert addressee_line(addressee, honorific, "ja") == printed  # type: ignore[arg-type]


def first_lines(pdf: bytes) -> list[str]:
    return read(pdf).pages[0].extract_text().splitlines()[:3]


@pytest.mark.parametrize(("addressee", "honorific", "printed"), HONORIFIC_CASES[:3] + HONORIFIC_CASES[4:5] + [
    ("田中殿", "sama", "田中殿")])
def test_both_documents_print_the_addressee_with_its_honorific(addressee: str, honorific: str, printed: str) -> None:
    # the line under the title is the 宛名, exactly: no second honorific after it
    assert first_lines(common10(addressee=addressee, honorific=honorific))[1] == printed
    pdf = proposal_pdf(proposal(addressee=addressee, honorific=honorific))
    assert first_lines(pdf)[:2] == ["ご提案書", printed]


def test_a_blank_addressee_leaves_room_before_the_chosen_honorific() -> None:
    assert first_lines(common10(addressee="", honorific="sama"))[1].split() == ["様"]
    assert first_lines(common10(addressee="  ", honorific="onchu"))[1].split() == ["御中"]


def test_english_documents_print_no_japanese_honorific() -> None:
    # "To: name" is the English form; 御中 and 様 belong to the Japanese one (a name typed with one keeps it)
    assert first_lines(common10("en", addressee="Yamada Taro", honorific="sama"))[1] == "To: Yamada Taro"
    assert first_lines(common10("en", addressee="ABC Agency"))[1] == "To: ABC Agency"
    pdf = proposal_pdf(proposal(lang="en", addressee="山田 太郎 様", honorific="onchu"))
    assert first_lines(pdf)[1] == "To: 山田 太郎 様"


# ---- 提案書 -------------------------------------------------------------------------------


def proposal(lang: str = "ja", issuer: Issuer = ISSUER, **case: object) -> ProposalInput:
    """A 提案書 of a case: common, 10 IDs, the finder answered (no needs, no own domain, no admin panel: an
    NTT-issued subdomain, as the finder's answer puts it in the case)."""
    values: dict[str, object] = {
        "addressee": "サンプル保険代理店", "plan": "common", "domain": "sub", "ids": 10,
        "order_date": dt.date(2026, 11, 30),
        "needs": (), "own_domain": False, "admin_panel": False,
    }
    values.update(case)
    return ProposalInput.of_case(Case(**values), lang, ISSUED, issuer)  # type: ignore[arg-type]


def test_proposal_common_case() -> None:
    pdf = proposal_pdf(proposal())
    got = text(pdf)
    assert "ご提案書" in got and "サンプル保険代理店御中" in got
    assert "おすすめのプラン：共通ルールプラン" in got  # flowchart: ≤50 IDs, no needs, no own domain, no panel
    assert "最短8営業日" in got  # the reason the flowchart gives
    # compared on the same needs: hybrid needs an own domain
    assert "ハイブリッドプランでは「サブドメイン" in got
    assert "16,500円3,300円201,300円" in got  # common and individual both: 16,500 / 3,300 / 201,300
    assert "開通予定日：2026年12月10日(木)" in got  # docs/rules.md §4 worked example
    assert "2026年12月11日(金)：パソコン初期設定" in got  # first business day after activation
    assert "2026年12月14日(月)：仮パスワード変更・多要素認証設定" in got
    assert "A：共通ルールプラン：支援メニュー不要" in got
    assert "申込受付完了メール" in got and "申込書" in got
    assert "TEL：03-1234-5678" in got
    assert "見積番号：" + quote_number(quote(Selection(plan="common", ids=10)), ISSUED, "サンプル保険代理店") in got
    pages = read(pdf).pages
    assert len(pages) >= 2 and f"1 / {len(pages)}" in pages[0].extract_text()
    assert all(embedded and "IPAexGothic" in name for name, embedded in embedded_fonts(pdf))


def test_proposal_hybrid_with_dns_support() -> None:
    p = proposal(plan="hybrid", domain="own", ids=10, dns_support=True, own_domain=True, dns_days=10,
                 knows_dns=False, delegate_dns=True)
    got = text(proposal_pdf(p))
    assert "おすすめのプラン：ハイブリッドプラン" in got
    # 10 collection + 24 lead = 34 business days after Mon 2026-11-30, the year-end break 12/29–1/3 skipped:
    # Dec 1–4, 7–11, 14–18, 21–25, 28 (20), Jan 4–8 (25), 12–15 (29; Jan 11 is a holiday), 18–22 (34)
    assert "開通予定日：2027年1月22日(金)" in got
    assert "B：ハイブリッドプラン：DNSゾーン情報サポート" in got
    assert "初期費用50,000円（税込55,000円）" in got
    # hybrid 10 IDs + 1 DNS domain monthly 16,500 → 18,150 with tax; initial 3,000 + 50,000 = 53,000 → 58,300
    assert "月額18,150円（税込）" in got and "初期費用58,300円（税込）" in got
    assert "ドメイン登録事業者をNTTコミュニケーションズへ移管" in got
    # common cannot serve an own domain; individual can, without DNS zone support (priced without it)
    assert got.count("この条件ではご利用いただけません") == 1
    assert "個別ルールプランではDNSゾーン情報サポートをご利用いただけないため、料金に含めていません。" in got
    assert "ご要望をすべて満たすのはハイブリッドプランだけです。" in got


def test_proposal_without_finder_answers_and_pending_support() -> None:
    p = proposal(lang="en", plan="individual", ids=60, domain="own", needs=None, own_domain=None, admin_panel=None,
                 advanced=False)
    got = text(proposal_pdf(p))
    assert "noplanisrecommendedhere" in got
    assert '"Doyouwantonlytheminimumsecuritysettingsdoneforyou?"isstillunanswered' in got
    # 60 IDs: common and hybrid cannot (at most 50 IDs each); individual 60 × 1,500 = 90,000 → 99,000 with tax
    assert "TheCommonRulePlanallowsatmost50IDs(youentered60)" in got
    assert "TheHybridPlanallowsatmost50IDs(youentered60)" in got
    assert "Monthly¥99,000(incl.tax)" in got


def test_proposal_user_text_is_printed_not_interpreted() -> None:
    pdf = proposal_pdf(proposal(addressee="<b>&amp;</b> {x}", issuer=Issuer(company="<i>A&B</i>")))
    raw = "".join(p.extract_text() for p in read(pdf).pages)
    assert "<b>&amp;</b> {x}" in raw and "<i>A&B</i>" in raw


def test_proposal_prices_the_plans_for_the_customers_own_counts_and_keeps_the_finders_answer() -> None:
    # issue 16: the finder with 25 IDs, mail archive + IIJ ID and an own domain (the admin-panel question is
    # never asked: the needs decide), then マイセキュア 30 and mail archive for 10 of the 25 IDs.
    # 個別ルールプラン: 37,500 + 5,400 (3 × 10-pack) + 3,800 + 2,500 = 49,200 → 54,120 with tax;
    # 12 months: 6,600 + 12 × 54,120 = 656,040. Mail archive for all 25 IDs (60,390 / 731,280) is wrong.
    p = proposal(plan="individual", domain="own", ids=25, msb=30, mail_archive=True, mail_archive_ids=10, iijid=True,
                 needs=("mail_archive", "iijid"), own_domain=True, admin_panel=None)
    got = text(proposal_pdf(p))
    assert "おすすめのプラン：個別ルールプラン（独自ドメイン）" in got
    assert "まだすべてお答えいただいていない" not in got
    assert got.count("54,120円") >= 2 and got.count("656,040円") >= 2  # §2 (compared) and §3 (estimate)
    assert "60,390円" not in got and "731,280円" not in got
    assert "ご要望をすべて満たすのは個別ルールプランだけです。" in got


@settings(max_examples=12, deadline=None)
@given(
    addressee=st.text(alphabet=st.sampled_from("<>&{}/\"'#;=ab zあいう漢字代理店（）"), min_size=1, max_size=100),
    ids=st.integers(min_value=1, max_value=50),
)
def test_any_addressee_prints_as_typed_and_totals_follow_the_price(addressee: str, ids: int) -> None:
    pdf = quote_pdf(quote(Selection(plan="common", ids=ids)), lang="ja", addressee=addressee, issued=ISSUED,
                    valid_days=30, issuer=ISSUER)
    got = text(pdf)
    if addressee.strip():
        assert "".join(addressee.split()) + "御中" in got
    monthly = ids * 1500  # 1,500円/ID; tax 10% rounded down (exact here)
    assert f"月額合計{monthly:,}円{monthly // 10:,}円{monthly * 11 // 10:,}円" in got
    assert len(read(pdf).pages) == 1


# ---- 提案書: who does what (brochure p.7–p.9), the same lines as the pages' 「次のステップ」 --------------------


def hybrid6(dns_support: bool, lang: str = "ja") -> str:
    p = proposal(lang=lang, plan="hybrid", domain="own", ids=6, dns_support=dns_support, own_domain=True,
                 knows_dns=False, delegate_dns=dns_support)
    return text(proposal_pdf(p))


def test_hybrid_proposal_without_support_the_customer_transfers_and_supplies_the_zone_information() -> None:
    got = hybrid6(dns_support=False)
    # p.8: the customer transfers the registrar before applying and writes the zone information on the
    # application's attachment; p.7: NTT Com switches NS, the customer MX; p.8: the customer cancels the old DNS
    assert "8.次のステップ1.お申し込み前に、独自ドメインのドメイン登録事業者をNTTコミュニケーションズへ移管" in got
    assert "ご利用中のDNSゾーン情報を、お申込書別紙にご記入ください" in got
    assert "NS切替作業はNTTComで実施します" in got
    assert "DNSMXレコードの切替は、お客様ご自身で行います" in got
    assert "移管元のDNS事業者への解約お手続きは、お客様にてお手配ください" in got
    assert "ドメイン登録事業者とDNS" not in got.split("8.次のステップ")[1]  # the old, wrong instruction
    assert in_order(got, next_steps("hybrid", "own", False, "ja"))  # the pages' lines, in their order


def test_hybrid_proposal_with_support_asks_nobody_to_fill_in_the_zone_information() -> None:
    got = hybrid6(dns_support=True)
    # p.9: NTT Com contacts the applicant and checks the zone information with the provider, and switches MX
    assert "お申込書別紙" not in got and "ご記入" not in got  # in no section: tasks, remarks or next step
    assert "NTTComからお申込みご担当者様へご連絡し" in got
    assert "DNSゾーン情報サポートにより、DNSMXレコードの切替はNTTComが実施します" in got
    assert "移管元のDNS事業者への解約お手続きは、お客様にてお手配ください" in got
    assert "8.次のステップ1.お申し込み前に、独自ドメインのドメイン登録事業者をNTTコミュニケーションズへ移管" in got
    assert in_order(got, next_steps("hybrid", "own", True, "ja"))


@pytest.mark.parametrize(("plan", "domain"), [("common", "designated"), ("individual", "own"), ("individual", "sub"),
                                              ("hybrid", "own")])
@pytest.mark.parametrize("dns_support", [False, True])
def test_every_proposal_prints_the_pages_next_steps(plan: PlanId, domain: DomainKind, dns_support: bool) -> None:
    support = dns_support and plan == "hybrid"  # the other plans refuse the option
    got = text(proposal_pdf(proposal(lang="en", plan=plan, ids=10, domain=domain, dns_support=support, needs=None,
                                     own_domain=None, admin_panel=None)))
    assert in_order(got, next_steps(plan, domain, support, "en"))


def test_proposal_dates_the_customers_tasks_as_the_timeline_page_does() -> None:
    got = hybrid6(dns_support=False)
    # order Mon 2026-11-30, activation Thu 2027-01-07: before applying, then a business day each after it
    # (Mon 1/11 is Coming of Age Day): MX switch Fri 1/8, old DNS cancelled Tue 1/12, PC setup Wed 1/13
    assert "お申込み前（2026年11月30日(月)まで）：ドメイン登録事業者をNTTコミュニケーションズへ移管" in got
    assert "2027年1月8日(金)：DNSMXレコードの切替" in got
    assert "2027年1月12日(火)：移管元のDNS事業者への解約手続き" in got
    assert "2027年1月13日(水)：パソコン初期設定" in got
    assert "お申込み前（11/30まで）" in got and "12/1〜12/3" in got  # the Gantt chart's short dates
    # every row of the page's to-do table, as the 提案書 prints it
    s = schedule(ScheduleRequest(plan="hybrid", order_date=dt.date(2026, 11, 30)))
    for row in todo_rows(s):
        when, task = row.values()
        assert "".join(f"{when}：{task}".split()) in got


def test_the_premise_under_the_schedule_is_the_hybrid_plans_only() -> None:
    # brochure p.7, under the hybrid plan's timeline only; the page shows it by the same function
    premise = "お申込み時点でドメイン移管が完了していることが前提"
    assert premise in hybrid6(dns_support=False)
    assert premise not in text(proposal_pdf(proposal()))  # common


# ---- metadata --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "language", "title", "subject"), [
    ("ja", "ja-JP", "御見積書 Q-20261130-", "損保クラウドサービス 共通ルールプラン（10ID）のお見積り"),
    ("en", "en", "Quotation Q-20261130-", "Sonpo Cloud Service, Common Rule Plan (10 IDs)"),
])
def test_the_quote_pdf_says_what_it_is_who_issued_it_when_and_in_which_language(
    lang: str, language: str, title: str, subject: str
) -> None:
    reader = read(common10(lang))
    meta = reader.metadata
    assert meta is not None
    assert meta.title is not None and meta.title.startswith(title)
    assert meta.subject == subject
    assert meta.author == "株式会社サンプル"  # the issuer's company
    japan = dt.timezone(dt.timedelta(hours=9))
    assert meta.creation_date == dt.datetime(2026, 11, 30, tzinfo=japan)  # 発行日, not 2000-01-01 nor the clock
    assert meta.modification_date == meta.creation_date
    assert reader.trailer["/Root"]["/Lang"] == language


def test_the_proposal_pdf_carries_the_same_metadata() -> None:
    reader = read(proposal_pdf(proposal(issuer=ISSUER)))
    meta = reader.metadata
    assert meta is not None
    assert (meta.title, meta.subject, meta.author) == (
        "ご提案書 共通ルールプラン", "損保クラウドサービス 共通ルールプランのご提案", "株式会社サンプル")
    assert meta.creation_date == dt.datetime(2026, 11, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert reader.trailer["/Root"]["/Lang"] == "ja-JP"


def test_the_issue_date_dates_the_file_and_the_same_day_gives_the_same_bytes() -> None:
    later = common10(issued=dt.date(2027, 1, 4))
    meta = read(later).metadata
    assert meta is not None and meta.creation_date is not None
    assert meta.creation_date.date() == dt.date(2027, 1, 4)
    assert later == common10(issued=dt.date(2027, 1, 4))
    assert proposal_pdf(proposal()) == proposal_pdf(proposal())
    assert read(common10(issuer=Issuer())).metadata.author in (None, "")  # type: ignore[union-attr]  # none invented


# ---- tables stay whole on one page ---------------------------------------------------------------------------------


def pages_of(pdf: bytes) -> list[str]:
    return ["".join(page.extract_text().split()) for page in read(pdf).pages]


def on_one_page(pages: list[str], *marks: str) -> int:
    """The one page that holds every mark (each found on exactly one page)."""
    found = {mark: [i for i, page in enumerate(pages) if mark in page] for mark in marks}
    assert all(len(where) == 1 for where in found.values()), found
    assert len({where[0] for where in found.values()}) == 1, found
    return found[marks[0]][0]


def test_a_table_at_the_foot_of_a_page_moves_to_the_next_page_whole() -> None:
    from reportlab.platypus import Spacer

    from sonpo.documents.pdf import FRAME_HEIGHT, FRAME_WIDTH, Styles, build, grid_table

    s = Styles("ja")
    rows = [["見出し", "金額"], *[[f"行{i}", f"{i}円"] for i in range(12)], ["最終行", "合計"]]

    def laid_out(space_above: float, table_rows: list[list[str]]) -> list[str]:
        story = [Spacer(1, space_above), grid_table(table_rows, [FRAME_WIDTH / 2] * 2, s)]
        return pages_of(build(story, title="", subject="", author="", lang="ja", issued=ISSUED))

    for above in (FRAME_HEIGHT - 250, FRAME_HEIGHT - 150, FRAME_HEIGHT - 60):  # the table is about 230 points high
        pages = laid_out(above, rows)
        assert on_one_page(pages, "見出し金額", "最終行合計") == len(pages) - 1
    # a table taller than a page is split after all, its header repeated on each page
    long = [["見出し", "金額"], *[[f"行{i}", f"{i}円"] for i in range(80)], ["最終行", "合計"]]
    pages = laid_out(100, long)
    assert len(pages) == 2 and all(page.startswith("見出し金額") or "見出し金額" in page for page in pages)


LONG_PROPOSALS = [
    {"plan": "individual", "domain": "own", "ids": 300, "msb": 1111, "dns_hosting": True, "domains": 3,
     "mail_archive": True, "iijid": True, "own_domain": True, "admin_panel": True, "needs": ("mail_archive", "iijid")},
    {"plan": "hybrid", "domain": "own", "ids": 50, "msb": 1111, "dns_support": True, "own_domain": True,
     "admin_panel": False, "needs": (), "knows_dns": False, "delegate_dns": True},
]
# the estimate (御見積金額, 明細 from its header to its last line, totals) and the comparison, from header to last row
ESTIMATE_MARKS = {
    "ja": ("御見積金額", "項目区分数量単位単価（税抜）金額（税抜）", "月額合計", "12か月合計（初期費用＋月額×12）"),
    "en": ("Quotedamount", "ItemKindQuantityUnitUnitprice(excl.tax)Amount(excl.tax)", "Monthlytotal",
           "12-monthtotal(one-time+monthly×12)"),
}
LAST_LINES = {"individual": ("IIJID認証オプション（月額）月額300ID", "IIJIDauthentication(monthly)Monthly300ID"),
              "hybrid": ("DNSゾーン情報サポート初期（一時）1式", "DNSzoneinformationsupportOne-time1lumpsum")}
COMPARISON = {"ja": ("ご注意・できないこと", re.compile(r"ハイブリッドプラン(（ご提案）)?(—|[0-9,]+円)")),
              "en": ("Notesandwhatitcannotdo", re.compile(r"HybridPlan(\(proposed\))?(—|¥[0-9,]+)"))}


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("case", LONG_PROPOSALS, ids=["individual_300_every_option", "hybrid_50_with_support"])
def test_a_long_proposal_keeps_its_estimate_and_its_tables_on_one_page(case: dict[str, object], lang: str) -> None:
    full = Issuer(company="株式会社サンプル保険サービス", department="法人営業部 第二営業課", person="山田 太郎",
                  phone="03-1234-5678", email="taro.yamada@example.co.jp", registration_number="T7010001065142")
    for addressee in ("", "サンプル保険代理店株式会社 本店営業部 御中"):  # the head a line longer or not
        p = ProposalInput.of_case(Case(order_date=ISSUED, addressee=addressee, **case), lang, ISSUED, full)  # type: ignore[arg-type]
        pages = pages_of(proposal_pdf(p))
        assert len(pages) >= 2
        last_line = LAST_LINES[str(case["plan"])][0 if lang == "ja" else 1]
        on_one_page(pages, *ESTIMATE_MARKS[lang], last_line)
        header, last_row = COMPARISON[lang]
        where = on_one_page(pages, header)
        assert last_row.search(pages[where]), "the comparison's last row is not on its header's page"


# ---- the Gantt chart's header ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_date_on_the_gantt_header_stays_inside_its_border(lang: str) -> None:
    """The axis labels Mondays; when the chart ends a day or two after one, its date ('22 Feb') used to run over
    the chart's right border. Every order date over eight weeks, every plan's schedule."""
    from reportlab.graphics.shapes import String

    from sonpo.documents.gantt import _Axis, _axis_drawing, span
    from sonpo.documents.pdf import register_font

    register_font()  # the text widths are the embedded font's
    checked = 0
    for plan, domain, support in (("common", None, False), ("individual", "own", False), ("hybrid", "own", False),
                                  ("hybrid", "own", True)):
        for day in range(56):
            order = dt.date(2026, 11, 2) + dt.timedelta(days=day)
            s = schedule(ScheduleRequest(plan=plan, order_date=order, domain=domain, dns_zone_support=support))  # type: ignore[arg-type]
            first, last = span(s)
            axis = _Axis(first, last, 220)
            texts = [c for c in _axis_drawing(axis, last, s.activation_date, lang).contents  # type: ignore[arg-type]
                     if isinstance(c, String)]
            for label in texts:
                x0, _, x1, _ = label.getBounds()
                assert x0 >= 0 and x1 <= axis.width + 0.01, (plan, support, order, label.text)
            assert len(texts) >= 3  # the activation mark and dates are still there
            checked += 1
    assert checked == 4 * 56


def test_an_unanswered_support_finder_still_lists_the_plans_menus_and_prices() -> None:
    # brochure p.12: hybrid's DNSゾーン情報サポート is 50,000円 once (55,000円 with tax); individual's 導入支援メニュー
    # and 初期設定サポート have no published price
    hybrid = text(proposal_pdf(proposal(plan="hybrid", domain="own", ids=6, own_domain=True)))
    assert "DNSゾーン情報サポート（一時費用50,000円、税込55,000円）" in hybrid
    individual = text(proposal_pdf(proposal(plan="individual", domain="own", ids=25, own_domain=True,
                                            needs=("mail_archive",))))
    assert "導入支援メニュー（価格はお問い合わせください）" in individual
    assert "初期設定サポート（価格はお問い合わせください）" in individual
    # common needs none: nothing to list, and its result needs no answer
    assert "このプランの支援メニュー（有償）は次のとおりです" not in text(proposal_pdf(proposal()))
