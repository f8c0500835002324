"""Plan finder and support finder in a real browser: walk the wizard, carry the answers on, share the link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import open_page, settle, shot

pytestmark = pytest.mark.e2e

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
HIGHLIGHT = "#c2185b"  # the path colour of the diagrams


def _navigation_mode(page: Page) -> bool:
    """app.py's st.navigation is in charge: no 'app' file link in the sidebar, and (where the sidebar is
    open, not on a phone) its language switch."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    if sidebar.get_by_role("link", name="app", exact=True).count():
        return False
    phone = (page.viewport_size or WIDE)["width"] < 640
    return phone or bool(sidebar.get_by_text("English", exact=True).count())


def main_of(page: Page) -> Locator:
    """The page's main block, once we know app.py's st.navigation is in charge."""
    if not _navigation_mode(page):
        pytest.fail(f"{page.url} ran in Streamlit's pages/-folder mode (the sidebar lists the files, no language "
                    "switch, no URL state): views/ must never be a pages/ folder")
    return page.locator('[data-testid="stMain"]')


def radio(main: Locator, question: str, choice: str) -> None:
    main.locator('[data-testid="stRadio"]').filter(has_text=question).get_by_text(choice, exact=True).click()
    settle(main.page)


def no_sideways_scroll(page: Page) -> None:
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollWidth") <= width


def test_walk_the_wizard_to_hybrid_and_carry_it_into_the_estimate(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/finder")
    main = main_of(page)
    ids = main.locator('[data-testid="stNumberInput"] input')
    ids.fill("10")
    ids.press("Enter")
    settle(page)
    main.locator('[data-testid="stMultiSelect"] input').click()
    expect(page.get_by_role("option", name="Select all")).to_have_count(0)  # it would mix 特になし with needs
    page.get_by_role("option", name="特になし").click()
    page.keyboard.press("Escape")
    settle(page)
    radio(main, "独自ドメインを使いますか", "はい")
    radio(main, "管理コンパネを使って", "いいえ")

    expect(main.get_by_role("heading", name="ハイブリッドプラン")).to_be_visible()
    expect(main.get_by_text("24営業日（DNS情報取得のための所要日数を除く）")).to_be_visible()
    assert HIGHLIGHT in main.locator('[data-testid="stGraphVizChart"]').first.inner_html()
    # the link carries the answers
    expect(page).to_have_url(re.compile(r"/finder\?.*ids=10"))
    for param in ("needs=none", "own_domain=1", "admin_panel=0"):
        assert param in page.url
    shot(page, "finder-ja-wide")

    main.get_by_role("button", name="この内容で見積もる").click()
    settle(page)
    # the estimate page keeps its values in the URL: plan and domain arrived (10 IDs is its default)
    expect(page).to_have_url(re.compile(r"/estimate\?.*plan=hybrid"))
    assert "domain=own" in page.url
    estimate_plan = main.locator('[data-testid="stRadio"]').filter(has_text="共通ルールプラン").first
    expect(estimate_plan.get_by_role("radio", name="ハイブリッドプラン")).to_be_checked()
    expect(main.locator('[data-testid="stNumberInput"] input').first).to_have_value("10")
    # brochure p.3: 1,500円/ID × 10 + DNS hosting (mandatory on hybrid) 1,500円/domain
    expect(main.get_by_text(f"{1500 * 10 + 1500:,}円", exact=True).first).to_be_visible()
    shot(page, "finder-carried-estimate")


def test_shared_links_on_a_phone_and_wide_in_both_languages(page: Page, app_url: str) -> None:
    page.set_viewport_size(PHONE)
    open_page(page, f"{app_url}/finder?lang=en&ids=301&own_domain=1")
    main = main_of(page)
    expect(main.get_by_role("heading", name="Individual Rule Plan (Special Plan)")).to_be_visible()
    expect(main.get_by_text("please ask your sales representative").first).to_be_visible()
    no_sideways_scroll(page)
    shot(page, "finder-en-phone")

    open_page(page, f"{app_url}/finder?ids=12")
    expect(main.locator('[data-testid="stMultiSelect"]')).to_be_visible()  # the next question, unanswered
    expect(main.get_by_text("この質問に答えると次に進みます。")).to_be_visible()
    no_sideways_scroll(page)
    shot(page, "finder-ja-phone-pending")

    page.set_viewport_size(WIDE)
    open_page(page, f"{app_url}/finder?lang=en&ids=10&needs=mail_archive,iijid&own_domain=0")
    expect(main.get_by_role("heading", name="Individual Rule Plan")).to_be_visible()
    # what the Common and Hybrid plans would lose
    expect(main.get_by_text("Mail archive / IIJ ID authentication: not available")).to_have_count(2)
    shot(page, "finder-en-wide")


def test_support_finder_dns_zone_support_into_the_estimate(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/support")
    main = main_of(page)
    radio(main, "ご利用のプラン", "B：ハイブリッドプラン")
    radio(main, "DNSゾーン情報を把握", "いいえ")
    radio(main, "任せたいですか", "はい")
    expect(main.get_by_role("heading", name="DNSゾーン情報サポート").first).to_be_visible()
    price = main.locator('[data-testid="stMetric"]').filter(has_text="初期費用（一時）（税抜）")
    expect(price).to_contain_text("50,000円")
    expect(main.get_by_text("税込 55,000円（うち消費税 5,000円）")).to_be_visible()
    assert HIGHLIGHT in main.locator('[data-testid="stGraphVizChart"]').first.inner_html()
    shot(page, "support-ja-dns")

    page.set_viewport_size(PHONE)
    open_page(page, f"{app_url}/support?lang=en&plan=individual&advanced=0&minimum_security=1")
    expect(main.get_by_role("heading", name="Initial setup support")).to_be_visible()
    expect(main.get_by_text("Price on request", exact=True)).to_be_visible()
    no_sideways_scroll(page)
    shot(page, "support-en-phone")

    page.set_viewport_size(WIDE)
    open_page(page, f"{app_url}/support?lang=en&plan=hybrid&knows_dns=0&delegate_dns=1")
    shot(page, "support-en-wide")
    main.get_by_role("button", name="Add DNS zone information support to the estimate").click()
    settle(page)
    expect(page).to_have_url(re.compile(r"/estimate\?.*plan=hybrid"))
    assert "dns_support=1" in page.url
