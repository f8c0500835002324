"""Every word on a Japanese page is Japanese, and every word on an English page English (issue 18), Streamlit's
own included: each page in its main states, at a desktop and a phone width, one browser context per language.

What the test reads is what a person meets: the text nodes and the names a screen reader speaks (aria-label, title,
placeholder, alt, aria-roledescription, aria-valuetext, aria-description) inside the page (stMain), the sidebar and
whatever the user opened over them (the date picker). Material icons are drawn from their names ("home") in an
icon font and hidden from screen readers: not words. A Japanese page may hold Latin letters only in the proper
names and abbreviations the brochure writes so (PROPER), in the bulk page's CSV format (its English column names
and values, which the CSV accepts as they are), in links, and in the strings Streamlit 1.67 draws itself with no
public way to change them: STREAMLIT below, one entry per string, the same list as the README's "English that
Streamlit draws". Anything else fails, naming the page, the width and the string.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sonpo.bulk import COLUMN_IDS, column_guide
from tests.e2e.conftest import failure_shot, new_context, open_page, serve, settle

pytestmark = pytest.mark.e2e

WIDTHS = {"desktop": 1400, "phone": 390}

# Written in Latin letters in the brochure and in Japanese business writing; a token of two or more letters.
PROPER = {
    "Microsoft", "Office", "NTT", "NTTCom", "IIJ", "IIJID", "ID", "DNS", "MX", "NS", "PDF", "CSV", "JSON", "URL",
    "SharePoint", "Excel", "LINE", "Web", "PC", "Zip", "PW", "UTF", "BOM", "CP", "Shift", "JIS", "MB", "Ctrl",
    "English",  # the language switch names each language in itself
}
# The bulk page's CSV format: its English column names and the values a cell may hold (common, own, all, yes…).
CSV_WORDS = {w for c in COLUMN_IDS for w in c.split("_")} | {
    "common", "individual", "hybrid", "own", "sub", "designated", "all", "yes", "no", "csv"}

# What Streamlit 1.67 draws itself, in English whatever the page's language, and no parameter, setting or spec
# changes (README, "English that Streamlit draws", says where each one appears and why it stays).
STREAMLIT = [
    r"Sidebar", r"Collapse sidebar", r"Expand sidebar",  # the sidebar's name and its own button
    r"Increment", r"Decrement",  # a number field's − and + buttons
    r"Press Enter to apply",  # under a text or number field while the user types (wider than 180 px)
    r"Selected values", r"Remove .+", r"Clear all", r"Open",  # a multiselect's parts
    r"Copy to clipboard",  # a code block's copy button (the case's link)
    r"Fullscreen(: .+)?", r"Close fullscreen", r"Show data", r"Download as PNG", r"Copy Vega-Lite spec",  # toolbars
    r"visualization", r"group mark container",  # Vega's role descriptions of a chart and its frame
    r"(year|month|day), .+", r"\d+ – [A-Z][a-z]+",  # a date field's parts (React Aria, locale en-US)
    r"Choose date(, .+)?", r"Use arrow keys to navigate dates\. Enter to select\. Escape to close\.",
    r"(Previous|Next) month",  # the date picker (its month and days are in the browser's language)
    r"Upload", r"file upload", r"\d+MB per file", r"Add files", r"add icon",  # the file uploader
    r"Add row", r"Delete row\(s\)", r"Show/hide columns", r"Search",  # a table's toolbar
]
_STREAMLIT = re.compile("|".join(f"(?:{p})" for p in STREAMLIT))
_LINK = re.compile(r"https?://\S+|\S*@\S+")  # the case's link; the NTT subdomain **@n***.insurance-agt.ne.jp
_WORD = re.compile(r"[A-Za-z]{2,}")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60〇々]")

# Every string a person may meet in the page, the sidebar and what they opened, as [where, string].
COLLECT = """() => {
    const roots = document.querySelectorAll(
        '[data-testid=stMain], [data-testid=stSidebar], [role=dialog], [data-baseweb=popover]');
    const icon = e => e.closest('[data-testid=stIconMaterial]')
        || getComputedStyle(e).fontFamily.includes('Material Symbols');
    const names = ['aria-label', 'title', 'placeholder', 'alt', 'aria-roledescription', 'aria-valuetext',
                   'aria-description'];
    const out = [];
    for (const root of roots) {
        const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const p = n.parentElement;
            const text = n.textContent.trim();
            if (text && p && !p.closest('style, script') && !icon(p)) out.push(['text', text]);
        }
        for (const e of [root, ...root.querySelectorAll('*')]) {
            for (const a of names) {
                const v = e.getAttribute(a);
                if (v && v.trim()) out.push([a, v.trim()]);
            }
        }
    }
    return out;
}"""


def english_words(text: str, extra: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The English words of `text` that a Japanese page may not show."""
    if _STREAMLIT.fullmatch(text):
        return []
    text = _LINK.sub(" ", text)
    return [w for w in _WORD.findall(text) if w not in PROPER and w not in extra]


def japanese(text: str) -> bool:
    return bool(_JAPANESE.search(text))


def strings(pg: Page) -> list[tuple[str, str]]:
    return [(kind, text) for kind, text in pg.evaluate(COLLECT)]


def wrong_language(pg: Page, lang: str, name: str) -> list[str]:
    """Every string on the page in the other language ([where] text), for the page called `name` (its bulk
    pages may name the CSV's own words). tests/e2e/a11y.py asks it of every page it looks at too."""
    found = strings(pg)
    if lang == "ja":
        assert any(japanese(text) for _, text in found)  # the page was read at all
        extra = CSV_WORDS if name.startswith("bulk") else set()
        return sorted({f"[{kind}] {text[:160]}" for kind, text in found if english_words(text, extra)})
    allowed = CSV_JAPANESE if name.startswith("bulk") else set()
    return sorted({f"[{kind}] {text[:160]}" for kind, text in found
                   if set(_JAPANESE_RUN.findall(JAPANESE_ON_ENGLISH.sub("", text))) - allowed})


# ---- the pages in their main states -----------------------------------------------------------------------------

CSV_FILE = {  # a file as each language's user would write it; the second row is refused (51 IDs on common)
    "ja": ("代理店名,プラン,ID数,マイセキュアビジネスライセンス数,DNSゾーン情報サポート,期間（か月）\r\n"
           "さくら保険サービス,共通ルールプラン,10,9,,\r\n"
           "みどり損保,共通ルールプラン,51,,,\r\n").encode("cp932"),
    "en": b"name,plan,ids,msb_licences,dns_zone_support,months\r\nSakura,common,10,9,,\r\nMidori,common,51,,,\r\n",
}
FILE_NAME = {"ja": "代理店一覧.csv", "en": "agencies.csv"}


def typing(label: str, value: str) -> Callable[[Page], None]:
    """Type into a field without confirming it: what Streamlit draws while the user types."""

    def act(pg: Page) -> None:
        box = pg.locator('[data-testid="stMain"]').get_by_label(label, exact=True)
        box.click()
        box.press("End")
        box.type(value)

    return act


def open_date_picker(pg: Page) -> None:
    pg.locator('[data-testid="stDateInputCalendarButton"]').first.click()
    expect(pg.locator('[data-testid="stDateInputCalendar"]').first).to_be_visible()


def upload(tmp: Path, lang: str) -> Callable[[Page], None]:
    def act(pg: Page) -> None:
        src = tmp / FILE_NAME[lang]
        src.write_bytes(CSV_FILE[lang])
        pg.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(src))
        settle(pg)
        expect(pg.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=20_000)

    return act


def fill_examples(pg: Page) -> None:
    pg.locator('[data-testid="stMain"]').get_by_role("button", name=BUTTON["examples"]).click()
    settle(pg)


BUTTON = {"examples": re.compile("記入例を表に入れる|Put the example rows in the table")}

# (name, path, what the user does there); the path gets the language appended. The pages and states that need
# nothing done are read by tests/e2e/a11y.py's sweep (every page, the finder's answer, support branch C, the
# hybrid estimate with DNS zone support), which asks wrong_language of each as it checks its accessibility.
STATES: list[tuple[str, str, str | None]] = [
    ("estimate", "estimate?plan=individual&msb=3&mail_archive=1&iijid=1&dns_hosting=1&addressee=x", "type_ids"),
    ("compare", "compare?ids=12&msb=3", None),
    ("timeline", "timeline?plan=hybrid&dns_support=1", "date_picker"),
    ("bulk-upload", "bulk", "upload"),
    ("bulk-editor", "bulk?source=editor", "examples"),
]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve("language") as url:
        yield url


@pytest.fixture(scope="module")
def tabs(browser: Browser) -> Iterator[dict[str, Page]]:
    """One context per language (the browser's locale matches), one page in each, reused for every state."""
    made: dict[str, Page] = {}
    contexts = []
    for lang, locale in (("ja", "ja-JP"), ("en", "en-US")):
        context = new_context(browser, locale=locale)
        contexts.append(context)
        made[lang] = context.new_page()
    yield made
    for context in contexts:
        context.close()


def visit(pg: Page, server: str, lang: str, width: str, path: str, action: str | None, tmp: Path) -> None:
    pg.set_viewport_size({"width": WIDTHS[width], "height": 900})
    open_page(pg, f"{server}/{path}{'&' if '?' in path else '?'}lang={lang}")
    ids = "ID数" if lang == "ja" else "Number of IDs"
    acts: dict[str, Callable[[Page], None]] = {
        "type_ids": typing(ids, "2"), "date_picker": open_date_picker, "upload": upload(tmp, lang),
        "examples": fill_examples,
    }
    if action is not None:
        acts[action](pg)
    pg.wait_for_timeout(300)  # a hint drawn on focus, a picker's animation


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize(("name", "path", "action"), STATES, ids=[s[0] for s in STATES])
def test_a_japanese_page_shows_no_english(tabs: dict[str, Page], server: str, tmp_path: Path, width: str, name: str,
                                          path: str, action: str | None, request: pytest.FixtureRequest) -> None:
    pg = tabs["ja"]
    visit(pg, server, "ja", width, path, action, tmp_path)
    bad = wrong_language(pg, "ja", name)
    if bad:
        failure_shot(pg, request.node.name)
    assert not bad, "English on a Japanese page:\n" + "\n".join(bad)


# Japanese an English page may show: the language switch's own name, the honorifics printed on Japanese documents
# (the estimate names them), and the bulk page's CSV format (Japanese column names and values it accepts).
JAPANESE_ON_ENGLISH = re.compile(r"日本語|御中|様|殿")
_JAPANESE_RUN = re.compile(rf"(?:{_JAPANESE.pattern})(?:[^,;:()（）、。\s]*(?:{_JAPANESE.pattern}))?")
# the Japanese column names and values an English bulk page's column guide names (the CSV accepts them)
CSV_JAPANESE = {run for row in column_guide("en") for cell in row.values() for run in _JAPANESE_RUN.findall(cell)}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize(("name", "path", "action"), STATES, ids=[s[0] for s in STATES])
def test_an_english_page_shows_no_japanese(tabs: dict[str, Page], server: str, tmp_path: Path, width: str,
                                           name: str, path: str, action: str | None,
                                           request: pytest.FixtureRequest) -> None:
    pg = tabs["en"]
    visit(pg, server, "en", width, path, action, tmp_path)
    bad = wrong_language(pg, "en", name)
    if bad:
        failure_shot(pg, request.node.name)
    assert not bad, "Japanese on an English page:\n" + "\n".join(bad)
