"""The app's frame in a real browser: the overview, the language switch and the sidebar's navigation, and a
shared link as the first visit to a fresh server. That every page loads in both languages, in app.py, without
an exception or a JavaScript error, is checked page by page in test_a11y_ja.py and test_a11y_en.py (the same
load that axe looks at)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import new_context, open_page, serve, settle

pytestmark = pytest.mark.e2e


def test_overview_shows_the_three_plans_and_their_lead_times(page: Page, app_url: str) -> None:
    open_page(page, app_url)
    main = page.locator('[data-testid="stMain"]')
    for name in ("共通ルールプラン", "個別ルールプラン", "ハイブリッドプラン"):
        expect(main.get_by_text(name).first).to_be_visible()
    for days in ("8営業日", "23営業日", "24営業日"):
        expect(main.get_by_text(days).first).to_be_visible()
    expect(main.get_by_text("1,500円/ID（税込1,650円）").first).to_be_visible()


def test_language_switch_keeps_the_page_and_goes_into_the_url(page: Page, app_url: str) -> None:
    open_page(page, app_url)
    page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
    expect(page.locator("h1").first).to_have_text("Sonpo Cloud plan overview")
    expect(page).to_have_url(f"{app_url}/?lang=en")


def test_a_shared_link_works_as_the_first_visit_to_a_fresh_server(browser: Browser) -> None:
    # A deep link must run app.py (sidebar, language, URL) even as the first visit to a fresh server.
    with serve("fresh") as url:
        context = new_context(browser, locale="en-US")
        pg = context.new_page()
        open_page(pg, f"{url}/timeline?lang=en&plan=hybrid")
        sidebar = pg.locator('[data-testid="stSidebar"]')
        expect(sidebar.get_by_text("Language", exact=True)).to_be_visible()
        expect(sidebar.get_by_text("Activation timeline")).to_be_visible()
        expect(pg).to_have_url(re.compile(r"lang=en"))
        context.close()


@pytest.mark.parametrize("target", ["一括見積り", "お見積り", "開通スケジュール"])
def test_sidebar_navigation_keeps_the_language(page: Page, app_url: str, target: str) -> None:
    english = {"一括見積り": "Bulk quotes", "お見積り": "Estimate", "開通スケジュール": "Activation timeline"}
    open_page(page, app_url)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("link", name=target).click()
    settle(page)
    sidebar.get_by_text("English", exact=True).click()
    settle(page)
    sidebar.get_by_role("link", name="Plan overview").click()
    settle(page)
    expect(page.locator("h1").first).to_have_text("Sonpo Cloud plan overview")
    sidebar.get_by_role("link", name=english[target]).click()
    settle(page)
    expect(page.locator("h1").first).to_contain_text(english[target].split()[0])
    expect(page).to_have_url(re.compile(r"lang=en"))
