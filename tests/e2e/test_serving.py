"""The app served by serve.py under a public name that is not localhost (docs/rules.md §12): Chromium resolves
sonpo.test to this machine (--host-resolver-rules) and the server is told its name (STREAMLIT_BROWSER_SERVER_ADDRESS,
STREAMLIT_SERVER_ALLOWED_HOSTS), as an operator would configure it.

- every page loads under that name, with its charts, the Graphviz flowchart, an upload, a PDF download and the
  documents dialog, and the browser reports no breach of the Content-Security-Policy; every response carries
  the security headers;
- a websocket with a foreign Origin is refused, and the server never looks up a name or connects to an address
  off the machine, whatever the browser and the foreign pages asked (a sitecustomize on the server's PYTHONPATH
  logs Python's socket audit events);
- a path that is no page shows the app's own not-found page, in the browser's language, accessible.
"""

from __future__ import annotations

import base64
import http.client
import ipaddress
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Response, expect

from tests.e2e import a11y
from tests.e2e.cluster import resolving_browser
from tests.e2e.conftest import SCREENSHOTS, SHOTS, new_context, serve, settle, shot

pytestmark = pytest.mark.e2e
NAME = "sonpo.test"
WAIT = 20_000
AGENCIES = "代理店名,プラン,ID数\r\nさくら保険サービス,共通ルールプラン,10\r\n"

# Every breach of the policy the page reports, and Chromium's console lines about one.
CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, Path]]:
    """serve.py told its public name, its network use logged; yields (public URL, port, log)."""
    log = tmp_path_factory.mktemp("net") / "net.jsonl"
    netwatch = str(Path(__file__).parent / "netwatch")
    env = {
        "STREAMLIT_BROWSER_SERVER_ADDRESS": NAME,
        "STREAMLIT_SERVER_ALLOWED_HOSTS": f"{NAME} localhost 127.0.0.1",
        "PYTHONPATH": os.pathsep.join(p for p in (netwatch, os.environ.get("PYTHONPATH")) if p),
        "SONPO_NET_LOG": str(log),
    }
    with serve("serving", env=env) as url:
        port = int(url.rsplit(":", 1)[1])
        yield f"http://{NAME}:{port}", port, log


@pytest.fixture(scope="module")
def named_browser(browser: Browser) -> Iterator[Browser]:
    """Chromium that finds sonpo.test on this machine and asks no DNS server for it (from the session's
    Playwright: a second sync Playwright in one worker refuses to start)."""
    b = resolving_browser(browser, (NAME,))
    yield b
    b.close()


@pytest.fixture
def watched(named_browser: Browser) -> Iterator[tuple[Page, list[str], list[Response]]]:
    """A page that records policy breaches (in the page and on the console) and every response."""
    context = new_context(named_browser, accept_downloads=True)
    context.add_init_script(CSP_WATCH)
    pg = context.new_page()
    console: list[str] = []
    responses: list[Response] = []
    pg.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    pg.on("response", lambda r: responses.append(r))
    yield pg, console, responses
    context.close()


def breaches(pg: Page, console: list[str]) -> list[str]:
    return [*pg.evaluate("() => window.__csp"), *console]


def test_every_page_under_its_public_name_keeps_to_the_policy(
        server: tuple[str, int, Path], watched: tuple[Page, list[str], list[Response]], tmp_path: Path) -> None:
    url, _, _ = server
    pg, console, responses = watched
    main = pg.locator('[data-testid="stMain"]')
    found: dict[str, list[str]] = {}

    def visit(path: str) -> None:
        pg.goto(f"{url}{path}")
        settle(pg)

    visit("/")
    # our inline script ran (allowed by its hash): Streamlit's index.html says lang="en"
    pg.wait_for_function("() => document.documentElement.lang === 'ja'", timeout=WAIT)
    found["overview"] = breaches(pg, console)
    visit("/finder?ids=10&needs=none&own_domain=1&admin_panel=0")
    expect(main.locator('[data-testid="stGraphVizChart"] svg').first).to_be_visible(timeout=WAIT)
    found["finder"] = breaches(pg, console)
    visit("/support?plan=individual&advanced=0&minimum_security=0")
    found["support"] = breaches(pg, console)
    visit("/estimate?plan=hybrid&ids=10")
    main.get_by_role("button", name="書類を作成").click()
    settle(pg)
    dialog = pg.get_by_role("dialog")
    with pg.expect_download() as pdf:
        dialog.get_by_role("button", name="概算お見積り（PDF）").click()  # a public visitor's (docs/rules.md §9)
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    found["estimate and its documents"] = breaches(pg, console)
    visit("/compare?ids=10")
    expect(main.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').first
           ).to_be_visible(timeout=WAIT)
    found["compare"] = breaches(pg, console)
    visit("/timeline?plan=hybrid&dns_support=1")
    expect(main.locator('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').first
           ).to_be_visible(timeout=WAIT)
    found["timeline"] = breaches(pg, console)
    visit("/bulk")
    src = tmp_path / "agencies.csv"
    src.write_bytes(AGENCIES.encode("utf-8"))
    pg.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(src))
    settle(pg)
    button = main.get_by_role("button", name="結果をダウンロード（UTF-8 BOM付き・Excel向け）")
    expect(button).to_be_visible(timeout=WAIT)
    with pg.expect_download():
        button.click()
    found["bulk"] = breaches(pg, console)
    shot(pg, "serving-bulk-under-its-name")

    assert {page: lines for page, lines in found.items() if lines} == {}
    own = [r for r in responses if r.url.startswith(url)]
    kinds = {r.headers.get("content-type", "").split(";")[0] for r in own}
    assert {"text/html", "application/json"} <= kinds and any("javascript" in k for k in kinds), kinds
    assert any("/media/" in r.url for r in own) and any("/_stcore/upload_file/" in r.url for r in own)
    unsecured = [r.url for r in own if "content-security-policy" not in r.headers
                 or r.headers.get("x-frame-options") != "DENY" or r.headers.get("x-content-type-options") != "nosniff"]
    assert unsecured == []
    assert all(r.url.startswith((url, "data:", "blob:")) for r in responses)


def handshake(port: int, host: str, origin: str) -> int:
    """The HTTP status of a websocket handshake on /_stcore/stream (101: accepted)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/_stcore/stream", headers={
            "Host": host, "Origin": origin, "Upgrade": "websocket", "Connection": "Upgrade",
            "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(), "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Protocol": "streamlit"})
        return conn.getresponse().status
    finally:
        conn.close()


def off_the_machine(log: Path) -> list[dict[str, str]]:
    """The logged lookups and connections whose target is not this machine."""
    def local(host: object) -> bool:
        if host in (None, "", "localhost") or (isinstance(host, str) and host.startswith("/")):
            return True  # no name, this machine's name, or a Unix socket
        try:
            return ipaddress.ip_address(str(host)).is_loopback or str(host) in ("0.0.0.0", "::")
        except ValueError:
            return False
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert lines[0]["event"] == "watching"  # the server process did load the watch
    return [line for line in lines if not local(line["host"])]


def test_a_foreign_origin_is_refused_and_the_server_looks_nothing_up(server: tuple[str, int, Path]) -> None:
    _, port, log = server
    assert handshake(port, f"{NAME}:{port}", f"http://{NAME}:{port}") == 101  # its own page
    assert handshake(port, NAME, f"http://{NAME}:{port}") == 101  # behind a proxy that drops the port
    for origin in ("http://evil.example", "null", f"http://evil.{NAME}:{port}", "http://127.0.0.2"):
        assert handshake(port, f"{NAME}:{port}", origin) == 403, origin
    assert handshake(port, f"evil.example:{port}", f"http://evil.example:{port}") == 403  # a foreign Host
    # after the start, the page loads of the test above (when run) and these handshakes
    assert off_the_machine(log) == []


@pytest.mark.parametrize(("locale", "lang", "title", "link"), [
    ("ja-JP", "ja", "ページが見つかりません | 損保クラウド プランセレクター", "プラン概要（最初のページ）へ"),
    ("en-US", "en", "Page not found | Sonpo Cloud plan selector", "Go to the Plan overview (the start page)"),
])
def test_a_path_that_is_no_page_shows_the_apps_own_page(
        server: tuple[str, int, Path], named_browser: Browser, locale: str, lang: str, title: str, link: str) -> None:
    url, _, _ = server
    context = new_context(named_browser, locale=locale)
    pg = context.new_page()
    try:
        response = pg.goto(f"{url}/a/b/c")
        assert response is not None and response.status == 404
        expect(pg).to_have_title(title)
        assert pg.evaluate("() => document.documentElement.lang") == lang
        assert a11y.serious(pg) == []
        if SCREENSHOTS:
            SHOTS.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(SHOTS / f"not-found-{lang}.png"), full_page=True)
        pg.get_by_role("link", name=link).click()
        settle(pg)
        expect(pg.locator('[data-testid="stMain"] h1').first).to_be_visible()
        assert pg.url.rstrip("/") == url or pg.url.startswith(f"{url}/?")
    finally:
        context.close()
