"""A 宛名 from a shared link is shown as typed in the documents dialog and does nothing there (issue 20): no image
loaded from elsewhere, no link, no colour, no HTML. A listener on a loopback port stands in for the outside host."""

from __future__ import annotations

import http.server
import threading
import urllib.parse
from collections.abc import Iterator
from typing import ClassVar

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import main_block, open_page, settle, shot

# what the app draws, the documents dialog included (drawn outside stApp): every image, link, coloured span
FOUND = """() => {
  const app = document.body;
  return {
    images: [...app.querySelectorAll('img[src]')].map(e => e.src),
    links: [...app.querySelectorAll('a[href]')].map(e => e.href),
    coloured: [...app.querySelectorAll('.stMarkdownColoredText, .stMarkdownColoredBackground, .stMarkdownBadge')]
      .map(e => e.textContent),
    icons: [...app.querySelectorAll('[data-testid="stDialog"] [data-testid="stMarkdownContainer"] [role="img"]')]
      .map(e => e.textContent),
    summary: [...app.querySelectorAll('[data-testid="stDialog"] [data-testid="stMarkdownContainer"]')]
      .map(e => e.innerText.replaceAll('\\u2060', '')).find(t => t.includes('宛名')),
  };
}"""


class _Listener(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def outside() -> Iterator[tuple[int, list[str]]]:
    """A web server on a free loopback port, and the paths it was asked for."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Listener)
    _Listener.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], _Listener.requests
    server.shutdown()
    server.server_close()


def test_a_shared_links_addressee_loads_links_and_colours_nothing(
        page: Page, app_url: str, outside: tuple[int, list[str]]) -> None:
    port, received = outside
    host = f"127.0.0.1:{port}"
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    payloads = [  # the three, and HTML
        f"![p](http://{host}/md-img.png)",
        f"[お支払いはこちら](http://{host}/pay)",
        ":red[至急]",
        f"<img src=http://{host}/x.png>",
    ]
    for n, payload in enumerate(payloads):
        open_page(page, f"{app_url}/estimate?{urllib.parse.urlencode({'addressee': payload})}")
        main_block(page).get_by_role("button", name="書類を作成").click()
        settle(page)
        expect(page.get_by_role("dialog")).to_be_visible()
        if n == 0:
            shot(page, "inert-addressee-image")
        found = page.evaluate(FOUND)
        assert f"宛名：{payload} 御中" in found["summary"]  # as typed
        assert not [src for src in found["images"] if not src.startswith((app_url, "data:"))]
        assert not [href for href in found["links"] if not href.startswith(app_url)]
        assert found["coloured"] == [] and found["icons"] == []
        page.keyboard.press("Escape")
    assert not [url for url in asked if host in url]
    assert received == []
