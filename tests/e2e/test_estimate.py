"""Estimate and compare pages in a real browser: widgets → URL → a copied link reopens the same estimate;
the CSV download is UTF-8 with BOM and holds the totals; the printable 見積書; screenshots (ja/en, wide/narrow).

Running example, hybrid 10 IDs + 83 licences + DNS zone information support (brochure prices, 税抜):
monthly 1,500 × 10 + 15,000 + 1,500 = 31,500 (tax 3,150); one-time 3,000 + 3,000 + 50,000 = 56,000 (tax 5,600).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from pypdf import PdfReader

from tests.e2e.conftest import (
    ROOT,
    SCREENSHOTS,
    SHOTS,
    choose,
    new_context,
    open_page,
    serve,
    settle,
    shot,
    type_number,
)

pytestmark = pytest.mark.e2e
WAIT = 20_000  # ms; a busy two-core machine can take a while to rerun the script


def main(page: Page) -> Locator:
    return page.locator('[data-testid="stMain"]')


def tick(page: Page, label: str) -> None:
    main(page).locator('[data-testid="stCheckbox"]').filter(has_text=label).first.locator("label").click()
    settle(page)


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def documents(page: Page, *buttons: str, names: dict[str, str] | None = None,
              opener: str = "書類を作成") -> dict[str, bytes]:
    """Open the documents dialog (書類を作成), download each file named, close the dialog again; the names the browser
    gives the files go into `names`."""
    main(page).get_by_role("button", name=opener).click()
    settle(page)  # the dialog of this click's run, not one left over from an earlier opening
    dialog = page.get_by_role("dialog")
    files = {}
    for button in buttons:
        expect(dialog.get_by_role("button", name=button)).to_be_visible(timeout=WAIT)
        with page.expect_download() as info:
            dialog.get_by_role("button", name=button).click()
        files[button] = Path(info.value.path()).read_bytes()
        if names is not None:
            names[button] = info.value.suggested_filename
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0, timeout=WAIT)
    return files


def download(page: Page, button: str) -> bytes:
    """One file from the documents dialog."""
    return documents(page, button)[button]


def test_a_value_typed_without_enter_is_in_the_file(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/estimate?plan=common&ids=10&months=12")
    main(page).get_by_label("ID数", exact=True).fill("30")  # no Enter, no Tab: straight to the documents
    main(page).get_by_label("宛名", exact=True).fill("テスト保険代理店")
    text = download(page, "明細CSV（Excel用）").decode("utf-8-sig")
    # brochure: 1,500円/ID × 30 = 45,000円 a month, tax 4,500
    assert "月額合計,45000,4500,49500" in text
    expect(main(page).get_by_label("ID数", exact=True)).to_have_value("30")
    expect(main(page).locator('[data-testid="stMetric"]').filter(has_text="月額合計（税抜）")).to_contain_text(
        "45,000円", timeout=WAIT)
    main(page).get_by_label("合計する期間（か月）", exact=True).fill("24")
    text = pdf_text(download(page, "概算お見積り（PDF）"))
    assert "テスト保険代理店" in text and "24か月" in text
    expect(page).to_have_url(re.compile(r"(?=.*ids=30)(?=.*months=24)"), timeout=WAIT)


def test_a_copied_link_reopens_the_same_estimate_and_the_csv_opens_in_excel(
    page: Page, app_url: str, browser: Browser, tmp_path: Path
) -> None:
    open_page(page, f"{app_url}/estimate")
    choose(page, "プラン", "ハイブリッドプラン")
    type_number(page, "ID数", 10)
    type_number(page, "マイセキュア ビジネスのライセンス数（0＝申し込まない）", 83)
    tick(page, "DNSゾーン情報サポート")
    expect(page).to_have_url(re.compile(r"dns_support=1"), timeout=WAIT)
    metrics = main(page).locator('[data-testid="stMetric"]')
    expect(metrics.filter(has_text="月額合計（税抜）")).to_contain_text("31,500円", timeout=WAIT)
    expect(metrics.filter(has_text="初期費用合計（税抜）")).to_contain_text("56,000円", timeout=WAIT)
    shot(page, "estimate-page-hybrid-ja")

    names: dict[str, str] = {}
    files = documents(page, "明細CSV（Excel用）", "見積りJSON", "概算お見積り（PDF）", "提案書（PDF）",
                      "開通予定のカレンダー（.ics）", names=names)
    # named in Japanese, as the browser saves them (Streamlit sends a non-ASCII name as RFC 5987 filename*)
    day = r"_ハイブリッドプラン_10ID_20\d{6}\."
    for button, pattern in (("概算お見積り（PDF）", f"概算見積{day}pdf"), ("提案書（PDF）", f"提案書{day}pdf"),
                            ("開通予定のカレンダー（.ics）", f"開通スケジュール{day}ics"),
                            ("明細CSV（Excel用）", f"見積明細{day}csv"), ("見積りJSON", f"見積データ{day}json")):
        assert re.fullmatch(pattern, names[button]), names[button]
    data = files["明細CSV（Excel用）"]
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "月額合計,31500,3150,34650" in text
    assert "初期費用合計,56000,5600,61600" in text

    cli = subprocess.run(
        [sys.executable, "-m", "sonpo", "quote", "--plan", "hybrid", "--ids", "10", "--msb", "83", "--dns-support",
         "--format", "json"], capture_output=True, text=True, check=True, cwd=ROOT)
    assert files["見積りJSON"].decode("utf-8") == cli.stdout.rstrip("\n")

    quotation = files["概算お見積り（PDF）"]
    text = pdf_text(quotation)
    assert "概算お見積り" in text and "34,650" in text and "61,600" in text  # monthly and one-time, tax included
    proposal = pdf_text(files["提案書（PDF）"])
    assert "ハイブリッドプラン" in proposal and "提案書" in proposal
    calendar = files["開通予定のカレンダー（.ics）"].decode("utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR") and "DTSTART;VALUE=DATE:" in calendar
    if SCREENSHOTS:  # page 1 of the quotation as a person sees it
        pdf = tmp_path / "estimate.pdf"
        pdf.write_bytes(quotation)
        SHOTS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(SHOTS / "estimate-quotation-pdf-ja")], check=True)

    copied = page.url
    assert "plan=hybrid" in copied and "msb=83" in copied
    other = new_context(browser).new_page()  # another person's browser
    try:
        open_page(other, copied)
        expect(main(other).locator('[data-testid="stMetric"]').filter(has_text="月額合計（税抜）")).to_contain_text(
            "31,500円", timeout=WAIT)
        licences = main(other).get_by_label("マイセキュア ビジネスのライセンス数（0＝申し込まない）", exact=True)
        expect(licences).to_have_value("83", timeout=WAIT)
    finally:
        other.context.close()


def test_refusals_beside_the_fields_and_english(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/estimate?ids=51")
    expect(main(page).locator('[data-testid="stAlert"]').filter(has_text="上限50ID")).to_be_visible(timeout=WAIT)
    expect(main(page).get_by_label("ID数", exact=True)).to_have_value("51", timeout=WAIT)
    shot(page, "estimate-page-refused-ja")
    open_page(page, f"{app_url}/estimate?lang=en&tax=incl&plan=individual&ids=12&mail_archive=1&msb=11")
    expect(main(page).locator('[data-testid="stMetric"]').filter(has_text="Monthly total (incl. tax)")).to_contain_text(
        f"¥{(1500 * 12 + 380 * 12 + 1800 + 200) * 11 // 10:,}", timeout=WAIT)
    shot(page, "estimate-page-en")


def test_english_documents_are_named_in_english_and_the_staffs_data_sits_apart(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/estimate?lang=en&plan=common&ids=10")
    names: dict[str, str] = {}
    documents(page, "Cost estimate (PDF)", "Proposal (PDF)", "Activation calendar (.ics)", "Line items CSV (for Excel)",
              names=names, opener="Create documents")
    assert re.fullmatch(r"cost_estimate_common_10_20\d{6}\.pdf", names["Cost estimate (PDF)"])
    assert re.fullmatch(r"proposal_common_10_20\d{6}\.pdf", names["Proposal (PDF)"])
    assert re.fullmatch(r"schedule_common_10_20\d{6}\.ics", names["Activation calendar (.ics)"])
    assert re.fullmatch(r"estimate_common_10_20\d{6}\.csv", names["Line items CSV (for Excel)"])
    main(page).get_by_role("button", name="Create documents").click()
    settle(page)
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Data export")).to_be_visible(timeout=WAIT)
    expect(dialog).to_contain_text(re.compile(r"Issued: (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} \w{3} 20\d\d"))
    shot(page, "estimate-documents-dialog-en")
    page.keyboard.press("Escape")


def test_narrow_phone_window(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, f"{app_url}/estimate?plan=hybrid&msb=11&dns_support=1")
    expect(main(page).locator('[data-testid="stMetric"]').filter(has_text="月額合計")).to_contain_text(
        f"{1500 * 10 + 1800 + 200 + 1500:,}円", timeout=WAIT)
    shot(page, "estimate-page-narrow-ja")
    open_page(page, f"{app_url}/compare?mail_archive=1")
    expect(main(page).locator('[data-testid="stTable"]')).to_contain_text("ご利用いただけます", timeout=WAIT)
    shot(page, "compare-page-narrow-ja")


def test_compare_chart_in_both_languages(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/compare?ids=10")
    expect(main(page).locator('[data-testid="stVegaLiteChart"]')).to_be_visible(timeout=WAIT)
    expect(main(page).get_by_text("12か月合計が最も安いのは共通ルールプラン・個別ルールプランです。")).to_be_visible(timeout=WAIT)
    shot(page, "compare-page-ja")
    open_page(page, f"{app_url}/compare?ids=60&lang=en&tax=incl")
    expect(main(page).get_by_text("Not available for these needs", exact=False).first).to_be_visible(timeout=WAIT)
    expect(main(page).locator('[data-testid="stVegaLiteChart"]')).to_be_visible(timeout=WAIT)
    shot(page, "compare-page-en")


def test_values_survive_a_trip_to_another_page(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/estimate")
    choose(page, "プラン", "個別ルールプラン")
    type_number(page, "ID数", 23)
    expect(page).to_have_url(re.compile(r"ids=23"), timeout=WAIT)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="プラン比較").click()
    settle(page)
    expect(page.locator("h1").first).to_have_text("プラン比較", timeout=WAIT)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="お見積り").click()
    settle(page)
    expect(main(page).get_by_label("ID数", exact=True)).to_have_value("23", timeout=WAIT)
    expect(page).to_have_url(re.compile(r"(?=.*plan=individual)(?=.*ids=23)"), timeout=WAIT)
    expect(main(page).locator('[data-testid="stMetric"]').filter(has_text="月額合計（税抜）")).to_contain_text(
        f"{1500 * 23:,}円", timeout=WAIT)


def test_a_shared_estimate_link_as_the_first_visit_to_a_fresh_server(browser: Browser) -> None:
    with serve("fresh-estimate") as url:
        context = new_context(browser, locale="en-US")
        try:
            pg = context.new_page()
            open_page(pg, f"{url}/estimate?lang=en&plan=hybrid&ids=10&msb=83&dns_support=1")
            expect(pg.locator('[data-testid="stSidebar"]').get_by_text("Language", exact=True)).to_be_visible(
                timeout=WAIT)
            expect(main(pg).locator('[data-testid="stMetric"]').filter(has_text="Monthly total")).to_contain_text(
                f"¥{1500 * 10 + 15000 + 1500:,}", timeout=WAIT)
            expect(pg).to_have_url(re.compile(r"(?=.*lang=en)(?=.*plan=hybrid)"), timeout=WAIT)
        finally:
            context.close()
