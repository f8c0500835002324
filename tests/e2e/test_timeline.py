"""The activation timeline in a real browser: the Gantt chart draws, in Japanese and English, wide and on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, settle, shot

pytestmark = pytest.mark.e2e

CHART = '[data-testid="stVegaLiteChart"]'


def open_timeline(page: Page, app_url: str, query: str) -> None:
    open_page(page, f"{app_url}/timeline?{query}")
    expect(page.locator(CHART)).to_be_visible(timeout=30_000)  # the first run of a page can be slow


def chart_box(page: Page) -> dict[str, float]:
    chart = page.locator(CHART)
    expect(chart).to_be_visible()
    marks = chart.locator("svg.marks, canvas.marks")
    expect(marks.first).to_be_visible()
    box = marks.first.bounding_box()
    assert box is not None
    return box


@pytest.mark.parametrize(("width", "name"), [(1280, "wide"), (390, "narrow")])
def test_chart_draws_in_japanese(page: Page, app_url: str, width: int, name: str) -> None:
    page.set_viewport_size({"width": width, "height": 2400})  # tall: Streamlit scrolls inside the page
    open_timeline(page, app_url, "plan=hybrid&order_date=2026-12-25")
    main = page.locator('[data-testid="stMain"]')
    # hybrid, order Fri 12/25: 24th business day = Thu 2027-02-04 (12/28, Jan 4-8, 12-15, 18-22, 25-29, Feb 1-4)
    expect(main.get_by_text("2027年2月4日(木)").first).to_be_visible()
    box = chart_box(page)
    assert box["width"] <= width and box["height"] > 300  # nine rows, not squeezed
    chart = page.locator(CHART)
    for text in ("開通予定日 2027年2月4日(木)", "お客様作業", "NTTCom作業", "年末年始休業", "祝日"):
        expect(chart.get_by_text(text, exact=True).first).to_be_attached()
    shot(page, f"timeline-ja-{name}")


@pytest.mark.parametrize(("width", "name"), [(1280, "wide"), (390, "narrow")])
def test_chart_draws_in_english(page: Page, app_url: str, width: int, name: str) -> None:
    page.set_viewport_size({"width": width, "height": 2400})
    open_timeline(page, app_url, "lang=en&plan=common&order_date=2026-11-30")
    expect(page.locator('[data-testid="stMain"]').get_by_text("Thu 10 Dec 2026").first).to_be_visible()
    chart_box(page)
    chart = page.locator(CHART)
    for text in ("Activation Thu 10 Dec 2026", "Customer work", "NTT Com work", "1. Application check"):
        expect(chart.get_by_text(text, exact=True).first).to_be_attached()
    shot(page, f"timeline-en-{name}")


def test_choosing_a_plan_redraws_and_goes_into_the_link(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 2000})
    open_timeline(page, app_url, "order_date=2026-11-30")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("2026年12月10日(木)").first).to_be_visible()
    main.get_by_text("個別ルールプラン", exact=True).first.click()
    settle(page)
    expect(main.get_by_text("23営業日", exact=True).first).to_be_visible()
    expect(main.get_by_text("2027年1月6日(水)").first).to_be_visible()
    expect(page.locator(CHART).get_by_text("開通予定日 2027年1月6日(水)", exact=True)).to_be_attached()
    expect(page).to_have_url(f"{app_url}/timeline?plan=individual&order_date=2026-11-30")


def test_closed_days_name_the_holiday_in_their_tooltip(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 2000})
    open_timeline(page, app_url, "plan=common&order_date=2026-12-25")
    # 2027-01-11 (Monday) is 成人の日: its shaded day is drawn behind the bars with the name as its reason.
    # The chart's marks are hidden from screen readers (the tables below hold the same dates), so find it
    # as a mouse user would: hover the shaded days until the tooltip names the holiday.
    tooltip = page.locator("#vg-tooltip-element")
    found = False
    for mark in page.locator(CHART).locator("g.mark-rect path").all():
        box = mark.bounding_box()
        if box is None or box["width"] > 40:  # a step's bar, not a shaded day
            continue
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 6)
        if tooltip.is_visible() and "成人の日" in tooltip.inner_text():
            found = True
            break
    assert found, "no shaded day's tooltip names 成人の日"
    expect(tooltip).to_contain_text("成人の日")
    expect(tooltip).to_contain_text("2027年1月11日(月)")
