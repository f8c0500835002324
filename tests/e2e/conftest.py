"""End-to-end fixtures: one `streamlit run serve.py` (app.py as served) on a free localhost port, Debian's
Chromium via Playwright.

Screenshots for a person to look at are taken only with E2E_SCREENSHOTS=1 (a tall full-page shot costs the
browser about as much as loading the page); the page of a failed test is photographed whatever the setting."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS", "") not in ("", "0")
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
def serve(name: str = "e2e", env: dict[str, str] | None = None, port: int | None = None,
          args: Sequence[str] = ()) -> Iterator[str]:
    """`streamlit run serve.py` on `port` (a free localhost one if None) until the block ends, with `env` added to
    its environment and `args` to its command line; yields its URL."""
    port = _free_port() if port is None else port
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    log = ROOT / "artifacts" / f"streamlit-{name}{'-' + worker if worker else ''}.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", *args],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
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


# Counts the script runs the page has seen finish (stApp's data-test-script-state turning notRunning) and
# notes when the page last changed, so that settle() can wait for the run an action asked for instead of
# sleeping. Every context of these tests installs it before the page's own scripts run.
RUN_WATCH = """
window.__runs = {done: 0, seen: 0, changed: performance.now(), since: 0};
new MutationObserver(changes => {
    const runs = window.__runs;
    runs.changed = performance.now();
    for (const c of changes) {
        if (c.type === 'attributes' && c.attributeName === 'data-test-script-state'
            && c.target.getAttribute('data-test-script-state') === 'notRunning') runs.done++;
    }
}).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
"""


def new_context(browser: Browser, **options: Any) -> BrowserContext:
    """A browser context whose pages settle() can follow; Japanese and 1280×900 unless told otherwise."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, "locale": "ja-JP", **options})
    context.add_init_script(RUN_WATCH)
    return context


@pytest.fixture(scope="session")
def shared_context(browser: Browser) -> Iterator[BrowserContext]:
    """The context of this worker's `page`s. Each test still has a page, and so a Streamlit session, of its
    own; sharing the context only spares the browser parsing Streamlit's scripts afresh for every test."""
    context = new_context(browser, accept_downloads=True)
    yield context
    context.close()


_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


def failed(request: pytest.FixtureRequest) -> bool:
    """Whether the test that requested the fixture has failed (for a fixture's teardown)."""
    return request.node.stash.get(_FAILED, False)


@pytest.fixture
def page(shared_context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    pg = shared_context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    if failed(request):
        failure_shot(pg, request.node.name)
    pg.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


def failure_shot(pg: Page, name: str) -> None:
    """The page as it was when its test failed: artifacts/screenshots/failed-<test>.png."""
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / ("failed-" + re.sub(r"[^-.\w]+", "_", name) + ".png")
        pg.screenshot(path=str(path), full_page=True, timeout=10_000)
    except Exception as e:  # a crashed or closed page has nothing to show; the failure itself is reported
        print(f"no screenshot of the failed page: {e}")


# The page shows all that the last run sent: the script is not running, no element is left over from an
# earlier run (Streamlit marks those stale until the new run replaces or removes them) and none is still
# loading its code. And either a run has finished since settle() was called (the one the action asked for),
# or nothing on the page has changed for a while (an action that asks for no run, such as Escape).
_SETTLED = """quiet => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
    const runs = window.__runs;
    if (!runs || runs.done > runs.seen) return true;
    return performance.now() - Math.max(runs.changed, runs.since) > quiet;
}"""
QUIET_MS = 700  # ample for a rerun to start on a busy two-core machine; waited only where no run follows


def settle(pg: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished the run the last action asked for and drawn the page (every page has
    a title), and check that nothing raised."""
    # A run that finished before this call is not the action's: a field filled without Enter starts a run when
    # the next action takes the focus, and no settle() waits for that one. Counted, it let the click on
    # 書類を作成 return at once, before the click's run reopened the dialog with the files of its last opening.
    pg.evaluate("() => { if (window.__runs) { window.__runs.since = performance.now(); "
                "window.__runs.seen = window.__runs.done; } }")
    pg.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout)
    pg.wait_for_function(_SETTLED, arg=QUIET_MS, timeout=timeout, polling=50)
    # app.py is in charge (not Streamlit's pages/-folder mode, which a page leaves with a rerun):
    # its language switch is in the sidebar's DOM, even where a phone keeps the sidebar closed.
    pg.wait_for_function(
        """() => {
            const side = document.querySelector('[data-testid="stSidebar"]');
            return !!side && side.textContent.includes('English');
        }""",
        timeout=timeout,
    )
    expect(pg.locator('[data-testid="stException"]')).to_have_count(0)


def open_page(pg: Page, url: str) -> None:
    pg.goto(url)
    settle(pg)


def drawn(pg: Page, timeout: float = 20_000) -> None:
    """Wait until no element is still loading (Streamlit shows a placeholder until a chart's code is in)."""
    pg.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)


def tall(pg: Page) -> dict[str, int]:
    """Make the window as tall as the page (Streamlit scrolls inside its own container, so a full-page shot
    or a check of what is in view needs it); returns the size it had."""
    size = dict(pg.viewport_size or {"width": 1280, "height": 900})
    height = pg.evaluate(
        """() => Math.max(document.body.scrollHeight, ...[...document.querySelectorAll(
                   '[data-testid="stMain"], [data-testid="stMainBlockContainer"]')].map(e => e.scrollHeight))"""
    )
    pg.set_viewport_size({"width": size["width"], "height": min(max(int(height) + 80, size["height"]), 8000)})
    # laid out and painted at the new size
    pg.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return size


def shot(pg: Page, name: str) -> Path | None:
    """Once the page is drawn: with E2E_SCREENSHOTS=1, a full-page screenshot under artifacts/screenshots
    (git-ignored) for a person to look at."""
    drawn(pg)
    if not SCREENSHOTS:
        return None
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    size = tall(pg)
    pg.screenshot(path=str(path), full_page=True)
    pg.set_viewport_size({"width": size["width"], "height": size["height"]})
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
