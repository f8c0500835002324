"""The public visitor's 概算お見積り (docs/rules.md §9): the same figures as the 御見積書, but plainly not an official
quotation: its own title, a note saying so and whom to ask for one, no 見積番号 and no 有効期限."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from sonpo.case import Case
from sonpo.documents import ProposalInput, proposal_pdf, quote_pdf
from sonpo.issuer import Issuer
from sonpo.quote import Selection, quote

ISSUED = dt.date(2026, 11, 30)
COMPANY = Issuer(company="株式会社サンプル保険サービス", phone="03-1234-5678")


def text(pdf: bytes) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def draft(lang: str = "ja", issuer: Issuer = COMPANY) -> bytes:
    return quote_pdf(quote(Selection(plan="common", ids=10)), lang=lang, addressee="サンプル保険代理店",  # type: ignore[arg-type]
                     issued=ISSUED, valid_days=30, issuer=issuer, draft=True)


def test_the_draft_is_titled_as_an_estimate_and_says_it_is_not_a_quotation() -> None:
    got = text(draft())
    assert got.startswith("概算お見積り")
    assert "御見積書" not in got.replace("正式なお見積り（御見積書）ではありません", "").replace("正式な御見積書は", "")
    assert "正式なお見積り（御見積書）ではありません" in got
    assert "正式な御見積書は、右上のお問い合わせ先にご依頼ください" in got
    assert "概算金額" in got and "御見積金額" not in got


def test_the_draft_has_no_number_and_no_validity_only_the_day_it_was_made() -> None:
    got = text(draft())
    assert "見積番号" not in got.replace("見積番号・有効期限はありません", "")
    assert "有効期限：" not in got and "発行日" not in got
    assert "作成日：2026年11月30日(月)" in got


def test_the_draft_carries_the_brochures_figures_and_the_companys_contact() -> None:
    # 1,500円/ID × 10 = 15,000 + tax 1,500 = 16,500 a month; one-time 3,000 + 300 = 3,300
    got = text(draft())
    assert "月額16,500円（税込）" in got and "初期費用3,300円（税込）" in got
    assert "株式会社サンプル保険サービス" in got and "TEL：03-1234-5678" in got


def test_a_draft_without_a_company_contact_says_whom_to_ask() -> None:
    got = text(draft(issuer=Issuer()))
    assert "担当の営業" in got


def test_the_english_draft_says_the_same() -> None:
    got = text(draft("en"))
    assert got.startswith("Costestimate(notaquotation)")
    assert "notaformalquotation" in got and "Quotationno." not in got and "Validuntil" not in got


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_drafts_metadata_title_is_the_estimates(lang: str) -> None:
    title = PdfReader(io.BytesIO(draft(lang))).metadata.title
    assert title == {"ja": "概算お見積り", "en": "Cost estimate (not a quotation)"}[lang]


def test_the_public_proposal_quotes_no_number() -> None:
    case = Case(plan="common", ids=10, addressee="サンプル保険代理店")
    got = text(proposal_pdf(ProposalInput.of_case(case, "ja", ISSUED, COMPANY, "draft")))
    assert "見積番号" not in got and "Q-2026" not in got
    assert "ご提案プランの概算です（正式なお見積りではありません" in got
    official = text(proposal_pdf(ProposalInput.of_case(case, "ja", ISSUED, COMPANY)))
    assert "見積番号：Q-20261130-" in official


def test_the_staffs_proposal_quotes_no_number_the_register_has_not_given() -> None:
    case = Case(plan="common", ids=10, addressee="サンプル保険代理店")
    got = text(proposal_pdf(ProposalInput.of_case(case, "ja", ISSUED, COMPANY, "unnumbered")))
    assert "Q-2026" not in got and "見積番号は御見積書に記載します" in got
    assert "御見積金額" in got and "月額16,500円（税込）" in got  # brochure: 1,500円 × 10 IDs, with tax
