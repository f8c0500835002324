"""A phone (390×844, Japanese) through the app: the finder's answer comes into view when it appears, a page opened
from a button opens at its top with the totals in view, the sidebar closes once a page is chosen, and no label
is cut off with an ellipsis; the case's link goes to the phone's share sheet, or to the clipboard where there is none.

Expected amounts: brochure p.3 (1,500円/ID, DNS hosting 1,500円/domain mandatory on hybrid)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.e2e.conftest import new_context, open_page, settle, shot

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
WAIT = 20_000


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page in a context of its own (Streamlit keeps the sidebar's state in the browser's storage)."""
    context: BrowserContext = new_context(browser, viewport=PHONE)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


def main(page: Page) -> Locator:
    return page.locator('[data-testid="stMain"]')


def answer(page: Page, question: str, choice: str) -> None:
    main(page).locator('[data-testid="stRadio"]').filter(has_text=question).get_by_text(choice, exact=True).click()
    settle(page)


def totals_in_view(page: Page) -> None:
    """The estimate's first figure, 月額合計, is on screen: hybrid with 10 IDs and its one DNS domain."""
    monthly = main(page).locator('[data-testid="stMetric"]').filter(has_text="月額合計")
    expect(monthly).to_contain_text(f"{1500 * 10 + 1500:,}円", timeout=WAIT)
    expect(monthly).to_be_in_viewport(timeout=WAIT)
    expect(page.locator("h1").first).to_have_text("お見積り")


def test_the_finders_answer_comes_into_view_and_the_estimate_opens_at_its_top(phone: Page, app_url: str) -> None:
    """The last question is answered a screen above where the answer is drawn; the answer scrolls into view. Its
    button opens the estimate at the top, where the totals are (it opened halfway down in 2 of 4 runs)."""
    for _ in range(2):
        open_page(phone, f"{app_url}/finder?ids=10&needs=none&own_domain=1")
        answer(phone, "管理コンパネを使って", "いいえ")
        expect(main(phone).get_by_role("heading", name="ハイブリッドプラン")).to_be_in_viewport(timeout=WAIT)
        expect(main(phone).get_by_role("button", name="この内容で見積もる")).to_be_in_viewport()
        shot(phone, "phone-finder-answer")
        main(phone).get_by_role("button", name="この内容で見積もる").click()
        settle(phone)
        totals_in_view(phone)
    shot(phone, "phone-estimate-from-finder")


def test_the_support_finders_button_opens_the_estimate_at_its_top(phone: Page, app_url: str) -> None:
    for _ in range(2):
        open_page(phone, f"{app_url}/support?plan=hybrid&knows_dns=0&delegate_dns=1")
        main(phone).get_by_role("button", name="DNSゾーン情報サポートを見積もりに追加").click()
        settle(phone)
        totals_in_view(phone)


def test_the_sidebar_closes_once_a_page_is_chosen(phone: Page, app_url: str) -> None:
    open_page(phone, f"{app_url}/overview")
    sidebar = phone.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_have_attribute("data-collapsed", "true")  # a phone starts with it closed
    phone.get_by_test_id("stExpandSidebarButton").click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.get_by_role("link", name="お見積り").click()
    settle(phone)
    expect(phone.locator("h1").first).to_have_text("お見積り", timeout=WAIT)
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    expect(sidebar.get_by_role("link", name="プラン比較")).not_to_be_in_viewport()
    expect(main(phone).locator('[data-testid="stMetric"]').first).to_be_in_viewport()
    shot(phone, "phone-after-choosing-a-page")


# Text the browser draws shorter than it is, with an ellipsis or clipped: a label the user cannot read whole.
CUT_OFF = """() => [...document.querySelectorAll('[data-testid=stMain] *, [data-testid=stSidebar] *')]
    .filter(el => {
        if (!el.textContent.trim() || el.clientWidth === 0) return false;
        const cs = getComputedStyle(el);
        const clips = cs.textOverflow === 'ellipsis' || cs.overflowX === 'hidden';
        return clips && el.scrollWidth > el.clientWidth + 1;
    })
    .map(el => el.textContent.trim())"""


@pytest.mark.parametrize("path", [
    "finder?ids=10&needs=advanced&own_domain=1",  # the chosen need 施設予約・社内ポータル（SharePoint）などの高度な機能
    "support?plan=hybrid&knows_dns=0&delegate_dns=1",  # the DNS zone support's price, its timeline button
    "support?plan=hybrid&knows_dns=0&delegate_dns=1&lang=en",
])
def test_no_label_is_cut_off(phone: Page, app_url: str, path: str) -> None:
    open_page(phone, f"{app_url}/{path}")
    assert phone.evaluate(CUT_OFF) == []


# ---- sharing the case's link ---------------------------------------------------------------------------------

NO_SHARE_SHEET = "delete Navigator.prototype.share; delete navigator.share;"
# The phone's share sheet, stubbed: it notes what it was given (a real one would open e-mail, LINE, …).
SHARE_SHEET = """Object.defineProperty(Navigator.prototype, 'share', {configurable: true,
    value: async function (data) { window.__shared = (window.__shared || []).concat([data]); }});"""


@pytest.fixture
def phone_with(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A phone whose browser has a share sheet or not (the test's parameter), allowed to use the clipboard."""
    context = new_context(browser, viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(request.param)
    pg = context.new_page()
    yield pg
    context.close()


def same_case(link: str, address: str) -> bool:
    """`link` opens the page and case of `address` (the names may come in another order)."""
    a, b = urlsplit(link), urlsplit(address)
    return (a.scheme, a.netloc, a.path, parse_qs(a.query)) == (b.scheme, b.netloc, b.path, parse_qs(b.query))


def share_button(page: Page, name: str) -> Locator:
    button = main(page).get_by_role("button", name=name, exact=True)
    button.scroll_into_view_if_needed()
    expect(button).to_be_visible()  # shown as it is, not only once the link's box is tapped
    return button


@pytest.mark.parametrize("phone_with", [NO_SHARE_SHEET], indirect=True, ids=["no-share-sheet"])
def test_without_a_share_sheet_the_button_copies_the_link(phone_with: Page, app_url: str) -> None:
    page = phone_with
    open_page(page, f"{app_url}/estimate?plan=hybrid&ids=12&lang=en")
    expect(main(page).get_by_role("button", name="Share the link")).to_have_count(0)
    share_button(page, "Copy the link")
    open_page(page, f"{app_url}/estimate?plan=hybrid&ids=12")
    expect(main(page).get_by_role("button", name="リンクを共有")).to_have_count(0)
    share_button(page, "リンクをコピー").click()
    expect(main(page).get_by_role("status").filter(has_text="リンクをコピーしました。")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert same_case(copied, f"{app_url}/estimate?plan=hybrid&ids=12")  # this page and case
    shot(page, "phone-share-copied")


@pytest.mark.parametrize("phone_with", [SHARE_SHEET], indirect=True, ids=["share-sheet"])
def test_with_a_share_sheet_the_button_hands_it_the_link(phone_with: Page, app_url: str) -> None:
    page = phone_with
    open_page(page, f"{app_url}/estimate?plan=hybrid&ids=12&lang=en")
    expect(main(page).get_by_role("button", name="Copy the link")).to_have_count(0)
    share_button(page, "Share the link")
    open_page(page, f"{app_url}/estimate?plan=hybrid&ids=12")
    page.evaluate("navigator.clipboard.writeText('')")
    share_button(page, "リンクを共有").click()
    page.wait_for_function("() => (window.__shared || []).length === 1")
    shared = page.evaluate("window.__shared[0]")
    assert same_case(shared["url"], f"{app_url}/estimate?plan=hybrid&ids=12")
    assert "お見積り" in shared["title"]
    assert page.evaluate("navigator.clipboard.readText()") == ""  # the share sheet, not the clipboard
