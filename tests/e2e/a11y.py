"""The look at every page that test_a11y_ja.py and test_a11y_en.py take, one language each (so that the two
test workers share the sweep, each file with its own server).

WCAG 2.2 AA for what the app controls (docs/rules.md §10): axe-core on every page and on the answered states with the
most on screen, at a desktop and a phone width, with the window as tall as the page (Streamlit scrolls an inner
box, and axe checks only what is in view for colour contrast); serious and critical violations fail. The same
load checks that the page runs inside app.py without an exception or a JavaScript error, in its language:
its title, the document's language, its heading and, where the sidebar is open, the language switch; and that every
word on it is in that language (test_language.wrong_language: each page is loaded once for both checks).

axe-core comes inside the axe-playwright-python wheel (axe.min.js): nothing is fetched at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import SCREENSHOTS, SHOTS, new_context, open_page, serve, tall
from tests.e2e.test_language import wrong_language

PAGES = ["", "finder", "support", "estimate", "compare", "timeline", "bulk"]
# and the states with the most on screen: a finder result, support branch C's reconstruction, the hybrid
# estimate (disabled domain, DNS zone support) and the hybrid timeline with DNS zone support (the DNS-days assumption)
STATES = ["finder?ids=10&needs=none&own_domain=1&admin_panel=0",
          "support?plan=individual&advanced=0&minimum_security=0",
          "estimate?plan=hybrid&dns_support=1", "timeline?plan=hybrid&dns_support=1"]
PATHS = PAGES + STATES
PATH_IDS = [p or "overview" for p in PATHS]
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
LANGUAGE = {"ja": "表示言語", "en": "Language"}  # the sidebar's language switch


@dataclass
class Tab:
    """One page kept open per width for the whole file, with the JavaScript errors it has met."""

    page: Page
    width: str
    errors: list[str] = field(default_factory=list)


@contextmanager
def tabs(browser: Browser, lang: str) -> Iterator[dict[str, Tab]]:
    """A context and a page per width, in `lang`'s locale, reused for every page the file looks at."""
    contexts = {name: new_context(browser, viewport={"width": width, "height": 900},
                                  locale="ja-JP" if lang == "ja" else "en-US")
                for name, width in WIDTHS.items()}
    made = {}
    for name, context in contexts.items():
        tab = Tab(context.new_page(), name)
        tab.page.on("pageerror", lambda e, tab=tab: tab.errors.append(str(e)))
        made[name] = tab
    yield made
    for context in contexts.values():
        context.close()


def fixtures(lang: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The `server` and `tabs` fixtures of one language's file: its own server, one tab per width."""

    @pytest.fixture(scope="module")
    def server() -> Iterator[str]:
        with serve(f"a11y-{lang}") as url:
            yield url

    @pytest.fixture(scope="module", name="tabs")
    def tabs_fixture(browser: Browser) -> Iterator[dict[str, Tab]]:
        with tabs(browser, lang) as made:
            yield made

    return server, tabs_fixture


def serious(pg: Page) -> list[str]:
    """Serious and critical axe violations, one line per element."""
    results = AXE.run(pg, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    out = []
    for v in results.response["violations"]:
        if v["impact"] in ("serious", "critical"):
            for node in v["nodes"]:
                out.append(f"{v['id']}: {node['target']} {node.get('failureSummary', '')[:200]!r}")
    return out


def look_at(tab: Tab, server: str, lang: str, path: str) -> None:
    """Open `path` in `lang` at the tab's width; it runs in app.py, in its language, and axe finds nothing
    serious or critical. A screenshot of it when axe complains or E2E_SCREENSHOTS=1 asks."""
    pg = tab.page
    tab.errors.clear()
    pg.set_viewport_size({"width": WIDTHS[tab.width], "height": 900})
    open_page(pg, f"{server}/{path}{'&' if '?' in path else '?'}lang={lang}")
    name = path.split("?")[0]
    expect(pg.locator('[data-testid="stMain"] h1').first).to_be_visible()
    expect(pg).to_have_title(f"{TITLES[lang][name]} | {APP[lang]}")
    # set by a script the page runs once drawn; give it a moment on a busy machine
    pg.wait_for_function("lang => document.documentElement.lang === lang", arg=lang, timeout=10_000)
    if tab.width == "desktop":  # a phone keeps the sidebar closed
        sidebar = pg.locator('[data-testid="stSidebar"]')
        expect(sidebar.get_by_text(LANGUAGE[lang], exact=True).first).to_be_visible()
    tall(pg)
    bad = serious(pg)
    # and every word on it is in its language (the check tests/e2e/test_language.py makes of the states it acts in)
    words = wrong_language(pg, lang, name)
    if bad or words or SCREENSHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        state = "-result" if "?" in path else ""
        pg.screenshot(path=str(SHOTS / f"a11y-{name or 'overview'}{state}-{lang}-{tab.width}.png"), full_page=True)
    assert not tab.errors, f"JavaScript errors in the page: {tab.errors}"
    assert not bad, "\n".join(bad)
    other = "English on a Japanese" if lang == "ja" else "Japanese on an English"
    assert not words, f"{other} page:\n" + "\n".join(words)
