"""End-to-end fixtures: one `streamlit run app.py` on a free localhost port, Debian's Chromium via Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(name: str = "e2e") -> Iterator[str]:
    """`streamlit run app.py` on a free localhost port until the block ends; yields its URL."""
    port = _free_port()
    log = ROOT / "artifacts" / f"streamlit-{name}.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start; see {log}")
                time.sleep(0.2)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with serve() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"end-to-end tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP", accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


def settle(pg: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished running the script and drawn the page (every page has a title)."""
    pg.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout)
    pg.wait_for_function(
        """() => {
            const w = document.querySelector('[data-testid="stStatusWidget"]');
            return !w || !/Running|実行中|Stop/i.test(w.innerText);
        }""",
        timeout=timeout,
    )
    # app.py is in charge (not Streamlit's pages/-folder mode, which a page leaves with a rerun):
    # its language switch is in the sidebar's DOM, even where a phone keeps the sidebar closed.
    pg.wait_for_function(
        """() => {
            const side = document.querySelector('[data-testid="stSidebar"]');
            return !!side && side.textContent.includes('English');
        }""",
        timeout=timeout,
    )
    pg.wait_for_timeout(400)  # let the last delta render
    expect(pg.locator('[data-testid="stException"]')).to_have_count(0)


def open_page(pg: Page, url: str) -> None:
    pg.goto(url)
    settle(pg)


def shot(pg: Page, name: str) -> Path:
    """Save a full-page screenshot under artifacts/screenshots (git-ignored) for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    # Streamlit scrolls inside its own container, so a full-page shot needs a window as tall as the content.
    size = pg.viewport_size or {"width": 1280, "height": 900}
    height = pg.evaluate(
        """() => Math.max(document.body.scrollHeight, ...[...document.querySelectorAll(
                   '[data-testid="stMain"], [data-testid="stMainBlockContainer"]')].map(e => e.scrollHeight))"""
    )
    pg.set_viewport_size({"width": size["width"], "height": min(max(int(height) + 80, size["height"]), 8000)})
    pg.wait_for_timeout(300)
    pg.screenshot(path=str(path), full_page=True)
    pg.set_viewport_size(size)
    return path


def main_block(pg: Page) -> Locator:
    return pg.locator('[data-testid="stMain"]')


def choose(pg: Page, group: str, option: str) -> None:
    """Pick `option` in the radio group whose label contains `group`, and wait for the rerun."""
    group_box = main_block(pg).locator('[data-testid="stRadio"]').filter(has_text=group)
    group_box.get_by_text(option, exact=True).first.click()
    settle(pg)


def type_number(pg: Page, label: str, value: int) -> None:
    """Type a number into the field labelled `label` and confirm it with Enter."""
    box = main_block(pg).get_by_label(label, exact=True)
    box.fill(str(value))
    box.press("Enter")
    settle(pg)
