"""WCAG 2.2 AA for what the app controls (SPEC §10): axe-core on every page, in both languages,
at a desktop and a phone width, with the window as tall as the page (Streamlit scrolls an inner box,
and axe checks only what is in view for colour contrast). Screenshots of each for a person to look at.

axe-core comes inside the axe-playwright-python wheel (axe.min.js): nothing is fetched at run time.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import open_page, serve, settle, shot

pytestmark = pytest.mark.e2e

PAGES = ["", "finder", "support", "estimate", "compare", "timeline", "bulk"]
# and the states with the most on screen: a finder result, support branch C's reconstruction, the hybrid
# estimate (disabled domain) and the hybrid timeline with DNS zone support (the DNS-days assumption)
STATES = ["finder?ids=10&needs=none&own_domain=1&admin_panel=0",
          "support?plan=individual&advanced=0&minimum_security=0",
          "estimate?plan=hybrid", "timeline?plan=hybrid&dns_support=1"]
WIDTHS = {"desktop": 1400, "phone": 390}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()

# Titles each page must carry, in the user's language (the page's name, then the app's).
TITLES = {
    "ja": {"": "プラン概要", "finder": "プラン診断", "support": "支援メニュー診断", "estimate": "お見積り",
           "compare": "プラン比較", "timeline": "開通スケジュール", "bulk": "一括見積り"},
    "en": {"": "Plan overview", "finder": "Plan finder", "support": "Support finder", "estimate": "Estimate",
           "compare": "Compare plans", "timeline": "Activation timeline", "bulk": "Bulk quotes"},
}


APP = {"ja": "損保クラウド プランセレクター", "en": "Sonpo Cloud plan selector"}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve("a11y") as url:
        yield url


@pytest.fixture(scope="module")
def contexts(browser: Browser) -> Iterator[dict[str, BrowserContext]]:
    """One browser context per language and width, reused by every page."""
    made = {
        f"{lang}-{name}": browser.new_context(viewport={"width": width, "height": 900},
                                              locale="ja-JP" if lang == "ja" else "en-US")
        for lang in ("ja", "en") for name, width in WIDTHS.items()
    }
    yield made
    for context in made.values():
        context.close()


def tall(pg: Page) -> None:
    """Make the window as tall as the page, so that axe sees every element in view."""
    width = (pg.viewport_size or {"width": 1280})["width"]
    height = pg.evaluate(
        """() => Math.max(document.body.scrollHeight, ...[...document.querySelectorAll(
                   '[data-testid="stMain"], [data-testid="stMainBlockContainer"]')].map(e => e.scrollHeight))"""
    )
    pg.set_viewport_size({"width": width, "height": min(max(int(height) + 80, 900), 8000)})
    pg.wait_for_timeout(300)


def serious(pg: Page) -> list[str]:
    """Serious and critical axe violations, one line per element."""
    results = AXE.run(pg, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    out = []
    for v in results.response["violations"]:
        if v["impact"] in ("serious", "critical"):
            for node in v["nodes"]:
                out.append(f"{v['id']}: {node['target']} {node.get('failureSummary', '')[:200]!r}")
    return out


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_serious_violation_on_any_page(contexts: dict[str, BrowserContext], server: str, lang: str,
                                          width: str) -> None:
    pg = contexts[f"{lang}-{width}"].new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    found: dict[str, list[str]] = {}
    for path in PAGES + STATES:
        pg.set_viewport_size({"width": WIDTHS[width], "height": 900})
        open_page(pg, f"{server}/{path}{'&' if '?' in path else '?'}lang={lang}")
        name = path.split("?")[0]
        expect(pg).to_have_title(f"{TITLES[lang][name]} | {APP[lang]}")
        # set by a script the page runs once drawn; give it a moment on a busy machine
        pg.wait_for_function("lang => document.documentElement.lang === lang", arg=lang, timeout=10_000)
        tall(pg)
        bad = serious(pg)
        if bad:
            found[path or "overview"] = bad
        state = "-result" if "?" in path else ""
        shot(pg, f"a11y-{name or 'overview'}{state}-{lang}-{width}")
    pg.close()
    assert not errors, f"JavaScript errors in the page: {errors}"
    assert not found, "\n".join(f"{p}: {line}" for p, lines in found.items() for line in lines)


def test_every_control_shows_its_keyboard_focus(contexts: dict[str, BrowserContext], server: str) -> None:
    """Tabbing onto a radio option draws a ring of at least 3:1 (our stylesheet's outline)."""
    pg = contexts["ja-desktop"].new_page()
    open_page(pg, f"{server}/estimate")
    radio = pg.locator('[data-testid="stMain"] [role="radiogroup"] input[type="radio"]').first
    radio.focus()
    pg.keyboard.press("ArrowRight")  # keyboard focus, as a user would move it
    pg.wait_for_timeout(300)
    style = pg.evaluate(
        """() => { const e = document.activeElement.closest('label') || document.activeElement;
                   const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"""
    )
    assert style[0] != "none" and float(style[1].rstrip("px")) >= 2, style
    pg.close()


def test_focus_stays_in_the_form_after_an_invalid_id_count(contexts: dict[str, BrowserContext], server: str) -> None:
    """51 IDs on the common plan breaks its limit: the error appears under the field, and Tab still
    lands on the next control (it fell to <body> when the error pushed the later widgets down)."""
    pg = contexts["ja-desktop"].new_page()
    open_page(pg, f"{server}/estimate")
    ids = pg.locator('[data-testid="stMain"] [data-testid="stNumberInput"] input').first
    ids.fill("51")
    ids.press("Tab")
    pg.wait_for_timeout(1000)
    settle(pg)
    expect(pg.locator('[data-testid="stMain"] [data-testid="stAlert"]').get_by_text("50ID").first).to_be_visible()
    tag = pg.evaluate("document.activeElement && document.activeElement.tagName")
    assert tag not in (None, "BODY"), tag
    pg.close()
