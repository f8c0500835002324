"""Accessibility in Japanese (docs/rules.md §10): axe-core on every page and answered state at a desktop and a phone
width (tests/e2e/a11y.py), and the keyboard focus on the estimate's form."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e import a11y
from tests.e2e.conftest import open_page, settle

pytestmark = pytest.mark.e2e


server, tabs = a11y.fixtures("ja")


@pytest.mark.parametrize("width", list(a11y.WIDTHS))
@pytest.mark.parametrize("path", a11y.PATHS, ids=a11y.PATH_IDS)
def test_no_serious_violation_in_japanese(tabs: dict[str, a11y.Tab], server: str, width: str, path: str) -> None:
    a11y.look_at(tabs[width], server, "ja", path)


@pytest.fixture
def desktop(tabs: dict[str, a11y.Tab]) -> Iterator[Page]:
    context: BrowserContext = tabs["desktop"].page.context
    pg = context.new_page()
    yield pg
    pg.close()


def test_every_control_shows_its_keyboard_focus(desktop: Page, server: str) -> None:
    """Tabbing onto a radio option draws a ring of at least 3:1 (our stylesheet's outline)."""
    pg = desktop
    open_page(pg, f"{server}/estimate")
    radio = pg.locator('[data-testid="stMain"] [role="radiogroup"] input[type="radio"]').first
    radio.focus()
    pg.keyboard.press("ArrowRight")  # keyboard focus, as a user would move it
    settle(pg)  # the arrow chose the next plan: a rerun
    style = pg.evaluate(
        """() => { const e = document.activeElement.closest('label') || document.activeElement;
                   const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"""
    )
    assert style[0] != "none" and float(style[1].rstrip("px")) >= 2, style


def test_focus_stays_in_the_form_after_an_invalid_id_count(desktop: Page, server: str) -> None:
    """51 IDs on the common plan breaks its limit: the error appears under the field, and Tab still
    lands on the next control (it fell to <body> when the error pushed the later widgets down)."""
    pg = desktop
    open_page(pg, f"{server}/estimate")
    ids = pg.locator('[data-testid="stMain"] [data-testid="stNumberInput"] input').first
    ids.fill("51")
    ids.press("Tab")
    settle(pg)
    expect(pg.locator('[data-testid="stMain"] [data-testid="stAlert"]').get_by_text("50ID").first).to_be_visible()
    tag = pg.evaluate("document.activeElement && document.activeElement.tagName")
    assert tag not in (None, "BODY"), tag
