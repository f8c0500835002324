"""One case through every page in a real browser (docs/rules.md §8): set values, switch the language both ways, use a
widget, move between pages; nothing changes by itself, nothing raises, and the link keeps the case.

Expected amounts: brochure prices (1,500円/ID, DNS hosting 1,500円/domain mandatory on hybrid, DNSゾーン情報サポート
50,000円 one-time, initial 3,000円/contract)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import holidays
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import choose, new_context, open_page, serve, settle, type_number

pytestmark = pytest.mark.e2e
WAIT = 20_000


def main(page: Page) -> Locator:
    return page.locator('[data-testid="stMain"]')


def sidebar(page: Page) -> Locator:
    return page.locator('[data-testid="stSidebar"]')


def params(page: Page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def has_params(page: Page, expected: dict[str, str], *, among_others: bool = False) -> None:
    """The address bar's query comes to hold exactly `expected` (or `expected` among other names): the browser
    writes it just after a rerun."""
    def held() -> dict[str, str]:
        now = params(page)
        return {k: now[k] for k in expected if k in now} if among_others else now

    for _ in range(WAIT // 200):
        if held() == expected:
            return
        page.wait_for_timeout(200)
    assert held() == expected


def language(page: Page, name: str) -> None:
    sidebar(page).get_by_text(name, exact=True).click()
    settle(page)


def go(page: Page, link: str) -> None:
    sidebar(page).get_by_role("link", name=link).click()
    settle(page)


# path, link, (Japanese label, English label) of a number input to check and then change on the English screen
PAGES = [
    ("estimate", {"plan": "hybrid", "ids": "20", "msb": "11", "dns_support": "1", "months": "24"},
     ("ID数", "Number of IDs"), "ids"),
    ("compare", {"ids": "12", "domain": "own", "mail_archive": "1", "months": "36"},
     ("ID数", "Number of IDs"), "ids"),
    ("timeline", {"plan": "hybrid", "dns_support": "1", "dns_days": "15", "order_date": "2026-12-25"},
     ("DNS情報収集の営業日数", "Business days for DNS information collection"), "dns_days"),
    ("finder", {"ids": "12", "needs": "none", "own_domain": "1", "admin_panel": "0", "plan": "hybrid", "domain": "own"},
     ("質問1. ご利用になるID数（ユーザー数）はいくつですか？", "Q1. How many IDs (users) will you use?"), "ids"),
]


@pytest.mark.parametrize(("path", "link", "labels", "field"), PAGES, ids=[p[0] for p in PAGES])
def test_language_switches_keep_every_value_on_the_page(
    page: Page, app_url: str, path: str, link: dict[str, str], labels: tuple[str, str], field: str
) -> None:
    query = "&".join(f"{k}={v}" for k, v in link.items())
    open_page(page, f"{app_url}/{path}?{query}")
    ja, en = labels
    expect(main(page).get_by_label(ja, exact=True)).to_have_value(link[field], timeout=WAIT)
    language(page, "English")
    expect(main(page).get_by_label(en, exact=True)).to_have_value(link[field], timeout=WAIT)
    has_params(page, {"lang": "en", **link})
    new = int(link[field]) + 1
    type_number(page, en, new)
    expect(page).to_have_url(re.compile(rf"{field}={new}\b"), timeout=WAIT)
    language(page, "日本語")
    expect(main(page).get_by_label(ja, exact=True)).to_have_value(str(new), timeout=WAIT)
    has_params(page, {**link, field: str(new)})
    # and a tax switch with the English labels, which once returned a translated label into the domain
    language(page, "English")
    sidebar(page).get_by_text("Incl. tax", exact=True).click()
    settle(page)
    has_params(page, {"lang": "en", "tax": "incl", **link, field: str(new)})


def test_a_journey_through_the_pages_keeps_plan_ids_and_dns_support(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/finder")
    type_number(page, "質問1. ご利用になるID数（ユーザー数）はいくつですか？", 12)
    main(page).get_by_role("combobox", name="質問2. 次の機能のうち、必要なものはありますか？").click()
    page.get_by_role("option", name="特になし").click()
    page.keyboard.press("Escape")
    settle(page)
    choose(page, "独自ドメインを", "はい")
    choose(page, "管理コンパネを使って", "いいえ")
    expect(main(page).get_by_role("heading", name="ハイブリッドプラン")).to_be_visible(timeout=WAIT)

    go(page, "開通スケジュール")
    expect(page).to_have_url(re.compile(r"plan=hybrid"), timeout=WAIT)
    main(page).locator('[data-testid="stCheckbox"]').filter(has_text="DNSゾーン情報サポート").locator("label").click()
    settle(page)
    expect(page).to_have_url(re.compile(r"dns_support=1"), timeout=WAIT)

    go(page, "お見積り")
    metrics = main(page).locator('[data-testid="stMetric"]')
    expect(metrics.filter(has_text="月額合計（税抜）")).to_contain_text(f"{1500 * 12 + 1500:,}円", timeout=WAIT)
    expect(metrics.filter(has_text="初期費用合計（税抜）")).to_contain_text(f"{3000 + 50000:,}円", timeout=WAIT)

    go(page, "支援メニュー診断")
    choose(page, "DNSゾーン情報を把握", "いいえ")
    choose(page, "NTTComに任せたい", "はい")
    main(page).get_by_role("button", name=re.compile("見積もりに追加")).click()
    settle(page)
    expect(page.locator("h1").first).to_have_text("お見積り", timeout=WAIT)
    expect(main(page).get_by_label("ID数", exact=True)).to_have_value("12", timeout=WAIT)
    expect(metrics.filter(has_text="月額合計（税抜）")).to_contain_text(f"{1500 * 12 + 1500:,}円", timeout=WAIT)
    has_params(page, {"plan": "hybrid", "ids": "12", "dns_support": "1"}, among_others=True)
    # the link in the share box is the address of this very page and case
    expect(main(page).locator(".sonpo-share-link")).to_have_text(page.url, timeout=WAIT)


def test_the_overview_answers_at_its_own_path(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/overview?lang=en")
    expect(page.locator("h1").first).to_have_text("Sonpo Cloud plan overview")
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_three_first_visits_at_once_on_a_fresh_server_all_get_the_frame(browser: Browser) -> None:
    """Three tabs opening deep links at the same moment on a server that has served nobody yet."""
    links = ["estimate?lang=en&plan=hybrid&ids=12", "timeline?lang=en&plan=individual", "compare?lang=en&ids=30"]
    titles = ["Estimate", "Activation timeline", "Compare plans"]

    with serve("fresh-three") as url:
        # three contexts, as three people would be; each navigation is only started (the page's HTML has come),
        # so that the three start their scripts and open their sessions together
        contexts = [new_context(browser, locale="en-US") for _ in links]
        try:
            pages = [c.new_page() for c in contexts]
            for pg, link in zip(pages, links, strict=True):
                pg.goto(f"{url}/{link}", wait_until="commit")
            seen = {}
            for i, pg in enumerate(pages):
                settle(pg)
                seen[i] = (pg.locator("h1").first.inner_text(),
                           sidebar(pg).get_by_text("Language", exact=True).is_visible())
        finally:
            for c in contexts:
                c.close()
    assert seen == {i: (titles[i], True) for i in range(3)}


def first_business_day_from_today() -> str:
    """docs/rules.md §4, counted here on its own: the first weekday from today in Japan that is neither a public
    holiday nor in the year-end break (12/29-1/3)."""
    day = dt.datetime.now(ZoneInfo("Asia/Tokyo")).date()
    closed = holidays.country_holidays("JP", years=[day.year, day.year + 1])
    while day.weekday() >= 5 or day in closed or (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3):
        day += dt.timedelta(days=1)
    return day.isoformat()


def test_back_returns_to_the_page_before_in_one_press(page: Page, app_url: str) -> None:
    """A sales rep moves from the estimate to the timeline and presses Back once: the estimate, with the case it
    had there (Back restores the case of the page it returns to; the timeline's order date, the first business
    day from today on in Japan, was added there)."""
    today = first_business_day_from_today()
    case = {"plan": "hybrid", "ids": "20", "dns_support": "1"}
    open_page(page, f"{app_url}/estimate?plan=hybrid&ids=20&dns_support=1")
    go(page, "開通スケジュール")
    expect(page.locator("h1").first).to_have_text("開通スケジュール", timeout=WAIT)
    has_params(page, {**case, "order_date": today})
    page.go_back()
    settle(page)
    expect(page).to_have_url(re.compile(r"/estimate\?"), timeout=WAIT)
    expect(page.locator("h1").first).to_have_text("お見積り", timeout=WAIT)
    has_params(page, case)
    expect(main(page).get_by_label("ID数", exact=True)).to_have_value("20", timeout=WAIT)


def test_back_and_forward_step_through_the_edits_then_leave_the_page(page: Page, app_url: str) -> None:
    """Three edits on the estimate, then Back: each press shows the value before the last edit, the fourth leaves
    for the page before, and Forward walks the same way back. No press does nothing."""
    open_page(page, f"{app_url}/overview")
    go(page, "お見積り")
    ids = main(page).get_by_label("ID数", exact=True)
    expect(ids).to_have_value("10", timeout=WAIT)  # a new case
    for n in (11, 12, 13):
        type_number(page, "ID数", n)
        has_params(page, {"ids": str(n)})
    monthly = main(page).locator('[data-testid="stMetric"]').filter(has_text="月額合計（税抜）")
    for n in (12, 11, 10):
        page.go_back()
        settle(page)
        expect(ids).to_have_value(str(n), timeout=WAIT)
        expect(monthly).to_contain_text(f"{1500 * n:,}円", timeout=WAIT)  # brochure p.3: 1,500円/ID
        has_params(page, {} if n == 10 else {"ids": str(n)})
    page.go_back()
    settle(page)
    expect(page.locator("h1").first).to_have_text("損保クラウドサービス プラン概要", timeout=WAIT)
    expect(page).to_have_url(re.compile(r"/overview$"), timeout=WAIT)
    for n in (10, 11):
        page.go_forward()
        settle(page)
        expect(page.locator("h1").first).to_have_text("お見積り", timeout=WAIT)
        expect(ids).to_have_value(str(n), timeout=WAIT)


def test_a_shared_link_that_spells_out_defaults_is_left_as_sent_and_back_leaves_it(page: Page, app_url: str) -> None:
    """A customer opens a rep's link naming the defaults too (共通ルールプラン, 12か月): the address stays as sent
    (rewriting it would add a history entry), and one Back returns to the page before."""
    open_page(page, f"{app_url}/")
    open_page(page, f"{app_url}/estimate?plan=common&ids=30&months=12&lang=ja")
    expect(main(page).get_by_label("ID数", exact=True)).to_have_value("30", timeout=WAIT)
    page.wait_for_timeout(1_000)  # the address would be rewritten just after the run
    assert params(page) == {"plan": "common", "ids": "30", "months": "12", "lang": "ja"}
    page.go_back()
    settle(page)
    expect(page.locator("h1").first).not_to_have_text("お見積り", timeout=WAIT)
    expect(page).not_to_have_url(re.compile(r"/estimate"), timeout=WAIT)
