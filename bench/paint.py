"""First visit and edit-to-paint in a real browser: the heavy pages beside a one-widget page (`one_widget.py`),
measured side by side in one run, as ratios. Run: .venv/bin/python bench/paint.py [--rounds N] [--old DIR]

Each target gets its own `streamlit run` on a free 127.0.0.1 port, and Debian's Chromium (Playwright, headless)
visits them in turns, round after round, so that a busy machine slows them alike.

- **first visit**: a new browser context (nothing cached, as a first-time visitor), from the start of the
  navigation to the frame that paints the page's last change, once the run has finished, nothing on the page is
  stale or still loading, and nothing has changed for a while (QUIET_MS, not counted).
- **edit**: on that page, a new value in the page's first number field and Enter (or a click on a radio option),
  from the key or pointer event to the frame that paints the page's last change, with the same end as above.

Besides the wall times, per visit and per edit: the server's CPU time (utime + stime of its process, from /proc),
the browser's CPU time (Chromium's Performance metrics: the page's renderer process, its main thread, and the main
thread's tasks, of which script, layout and style) and the websocket messages the server sent (count and bytes,
after decompression). On a busy machine the CPU times vary far less than the wall times: compare changes by them.
Each server first serves one unmeasured visit: a process's first session pays the imports (its wall time is
printed on its own).

`--old DIR` (repeatable) adds /estimate from another checkout (e.g. `git worktree add /tmp/old f2cc914`), served
the same way, so a change can be measured against the code before it in the same minutes.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, WebSocket, sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
TIMEOUT = 60.0  # seconds for a server to start, a page to load or an edit to be drawn
QUIET_MS = 500  # nothing changed on the page for this long: it is drawn (not counted in the figures)

# In every page before its own scripts: the time of the frame that paints the page's last change (a
# requestAnimationFrame callback runs just before the frame is painted), and of the user's last key press or click.
WATCH = """
window.__paint = {changed: 0, painted: 0, input: 0, frame: false};
new MutationObserver(() => {
  const w = window.__paint;
  w.changed = performance.now();
  if (!w.frame) { w.frame = true; requestAnimationFrame(() => { w.frame = false; w.painted = performance.now(); }); }
}).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
addEventListener('keydown', e => { if (e.key === 'Enter') window.__paint.input = performance.now(); }, true);
addEventListener('pointerdown', () => { window.__paint.input = performance.now(); }, true);
"""

# Drawn (once the server has sent the end of the run): the script is not running, nothing is stale or still
# loading, the page has a heading or a number field (the one-widget page has no heading), and nothing changed for
# QUIET_MS. (The page's script-state attribute does not tell every run: React may draw a short one's start and
# end as one change.)
DRAWN = """(quiet) => {
  const w = window.__paint, app = document.querySelector('[data-testid="stApp"]');
  if (!w || !app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
  if (!document.querySelector('[data-testid="stMain"] :is(h1, input)')) return false;
  return performance.now() - Math.max(w.changed, w.painted) > quiet;
}"""

STATE = """() => ({painted: window.__paint.painted, input: window.__paint.input,
  script: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'),
  stale: document.querySelectorAll('[data-stale="true"]').length,
  skeleton: document.querySelectorAll('[data-testid="stSkeleton"]').length})"""

METRICS = ("ProcessTime", "ThreadTime", "TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")


@dataclass(frozen=True)
class Target:
    name: str
    root: Path
    script: str  # relative to root
    path: str  # url path and query
    radio: tuple[str, str] | None = None  # an edit clicks these options in turn (else: the first number field)


@dataclass
class Sample:
    wall_ms: float
    server_ms: float
    browser: dict[str, float]  # ms of main-thread time per METRICS name
    messages: int
    kbytes: float


@dataclass
class Figures:
    visits: list[Sample] = field(default_factory=list)
    edits: list[Sample] = field(default_factory=list)  # every edit
    edit_medians: list[float] = field(default_factory=list)  # per round: the median edit-to-paint
    process_first_ms: float = 0.0


def cpu_ms(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(root: Path, script: str) -> Iterator[tuple[str, int]]:
    """`streamlit run SCRIPT` in `root` on a free local port; yields (base url, pid)."""
    port = _free_port()
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address", HOST,
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=root, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + TIMEOUT
            while True:
                try:
                    with no_proxy.open(f"http://{HOST}:{port}/_stcore/health", timeout=1) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"streamlit run {script} did not start:\n{log.read().decode(errors='replace')}")
                time.sleep(0.2)
            yield f"http://{HOST}:{port}", proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


class Tab:
    """One browser context and page on a target, with what it counts."""

    def __init__(self, browser: Browser, url: str, pid: int) -> None:
        self.pid = pid
        self.url = url
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
        self.context.add_init_script(WATCH)
        self.page: Page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Performance.enable")
        self.messages = 0
        self.bytes = 0
        self.finished = 0  # script_finished messages received
        self.errors: list[str] = []
        self.page.on("websocket", self._socket)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _socket(self, ws: WebSocket) -> None:
        def received(payload: str | bytes) -> None:
            self.messages += 1
            self.bytes += len(payload)
            if isinstance(payload, bytes):
                msg = ForwardMsg()
                msg.ParseFromString(payload)
                if msg.WhichOneof("type") == "script_finished":
                    self.finished += 1

        ws.on("framereceived", received)

    def _metrics(self) -> dict[str, float]:
        got = {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}
        return {name: got.get(name, 0.0) * 1000 for name in METRICS}

    def _drawn(self, runs: int) -> None:
        try:
            deadline = time.monotonic() + TIMEOUT
            while self.finished <= runs:  # waiting lets Playwright deliver the websocket's frames
                if time.monotonic() > deadline:
                    raise TimeoutError("no script_finished")
                self.page.wait_for_timeout(20)
            self.page.wait_for_function(DRAWN, arg=QUIET_MS, timeout=TIMEOUT * 1000, polling=50)
        except Exception as e:
            state = self.page.evaluate(STATE)
            raise RuntimeError(f"{self.url}: not drawn after {TIMEOUT:.0f} s (runs before: {runs}; {state})") from e
        if self.page.locator('[data-testid="stException"]').count():
            raise RuntimeError(f"{self.url}: the page raised")
        if self.errors:
            raise RuntimeError(f"{self.url}: JavaScript error {self.errors[0]}")

    def measure(self, action: Any) -> Sample:
        runs = self.finished
        before, cpu0, n0, b0 = self._metrics(), cpu_ms(self.pid), self.messages, self.bytes
        action()
        self._drawn(runs)
        cpu1, after = cpu_ms(self.pid), self._metrics()
        w = self.page.evaluate("() => window.__paint")
        start = 0.0 if runs == 0 else w["input"]
        return Sample(w["painted"] - start, cpu1 - cpu0, {k: after[k] - before[k] for k in METRICS},
                      self.messages - n0, (self.bytes - b0) / 1024)

    def visit(self) -> Sample:
        return self.measure(lambda: self.page.goto(self.url, timeout=TIMEOUT * 1000))

    def edit(self, i: int, radio: tuple[str, str] | None) -> Sample:
        main = self.page.locator('[data-testid="stMain"]')
        if radio is not None:
            option = main.locator('[data-testid="stRadio"] label').filter(has_text=radio[i % 2]).first
            return self.measure(lambda: option.click())
        box = main.locator('[data-testid="stNumberInput"] input').first

        def type_value() -> None:
            box.fill(str(11 if i % 2 == 0 else 10))
            box.press("Enter")

        return self.measure(type_value)

    def close(self) -> None:
        self.context.close()


def med(values: list[float]) -> str:
    return f"{statistics.median(values):7.0f} ({min(values):.0f}–{max(values):.0f})"


def report(figures: dict[Target, Figures], base: Target) -> None:
    b = figures[base]
    b_visit = statistics.median(s.wall_ms for s in b.visits)
    b_edit = statistics.median(s.wall_ms for s in b.edits)
    print("\nwall ms, median (min–max) over rounds; ratio to the one-widget page (range of the per-round ratios)")
    print(f"{'page':<26}{'first visit':>22}{'ratio':>19}{'edit to paint':>22}{'ratio':>19}")
    for target, f in figures.items():
        visits = [s.wall_ms for s in f.visits]
        edits = f.edit_medians
        v_ratios = [a.wall_ms / c.wall_ms for a, c in zip(f.visits, b.visits, strict=True)]
        e_ratios = [a / c for a, c in zip(edits, b.edit_medians, strict=True)]
        all_edits = statistics.median(s.wall_ms for s in f.edits)
        print(f"{target.name:<26}{med(visits):>22}"
              f"{statistics.median(visits) / b_visit:>7.2f} ({min(v_ratios):.2f}–{max(v_ratios):.2f})"
              f"{med(edits):>22}{all_edits / b_edit:>7.2f} ({min(e_ratios):.2f}–{max(e_ratios):.2f})")
    print("\nper first visit / per edit, medians: server CPU ms; browser main thread ms (tasks: script, layout, style);"
          " websocket messages (KiB)")
    for target, f in figures.items():
        for what, samples in (("visit", f.visits), ("edit", f.edits)):
            br = {k: statistics.median(s.browser[k] for s in samples) for k in METRICS}
            print(f"{target.name + ' ' + what:<32}server {statistics.median(s.server_ms for s in samples):5.0f}"
                  f"   browser CPU {br['ProcessTime']:5.0f}, main thread {br['ThreadTime']:5.0f}"
                  f"   tasks {br['TaskDuration']:5.0f} ({br['ScriptDuration']:4.0f}, {br['LayoutDuration']:4.0f},"
                  f" {br['RecalcStyleDuration']:4.0f})"
                  f"   ws {statistics.median(s.messages for s in samples):4.0f}"
                  f" ({statistics.median(s.kbytes for s in samples):5.1f})")
    print("\na process's first visit (imports, one each): "
          + ", ".join(f"{t.name} {f.process_first_ms:.0f} ms" for t, f in figures.items() if f.process_first_ms))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5, help="first visits per page, taking turns (5)")
    parser.add_argument("--edits", type=int, default=6, help="edits after each first visit (6)")
    parser.add_argument("--old", type=Path, action="append", default=[],
                        help="another checkout whose /estimate is measured beside this one's (may be repeated)")
    parser.add_argument("--pages", default="estimate,compare,timeline,finder",
                        help="the app's pages to measure (estimate,compare,timeline,finder)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    base = Target("one-widget page", ROOT, "bench/one_widget.py", "")
    pages = {
        "estimate": Target("/estimate", ROOT, "app.py", "estimate"),
        "compare": Target("/compare", ROOT, "app.py", "compare"),
        "timeline": Target("/timeline", ROOT, "app.py", "timeline", radio=("ハイブリッドプラン", "共通ルールプラン")),
        "finder": Target("/finder (answered)", ROOT, "app.py",
                         "finder?ids=10&needs=none&own_domain=false&admin_panel=false"),
    }
    targets = [base, *(pages[p] for p in args.pages.split(",") if p)]
    for i, old in enumerate(args.old):
        targets.insert(1 + i, Target(f"/estimate ({old.name})", old.resolve(), "app.py", "estimate"))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.rounds} rounds, {args.edits} edits per visit; {os.cpu_count()} CPUs, load average {load}")

    with ExitStack() as stack, sync_playwright() as p:
        servers = {}
        for t in targets:
            key = (t.root, t.script)
            if key not in servers:
                servers[key] = stack.enter_context(serve(t.root, t.script))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        figures = {t: Figures() for t in targets}
        warmed: set[tuple[Path, str]] = set()
        for t in targets:  # a process's first session imports what the page needs: once per server, apart
            url, pid = servers[(t.root, t.script)]
            tab = Tab(browser, f"{url}/{t.path}", pid)
            figures[t].process_first_ms = tab.visit().wall_ms if (t.root, t.script) not in warmed else 0.0
            warmed.add((t.root, t.script))
            tab.close()
        for r in range(args.rounds):
            for t in targets:
                url, pid = servers[(t.root, t.script)]
                tab = Tab(browser, f"{url}/{t.path}", pid)
                try:
                    figures[t].visits.append(tab.visit())
                    edits = [tab.edit(i, t.radio) for i in range(args.edits)]
                except Exception as e:
                    raise RuntimeError(f"{t.name}: {e}") from e
                finally:
                    tab.close()
                figures[t].edits.extend(edits)
                figures[t].edit_medians.append(statistics.median(s.wall_ms for s in edits))
            print(f"round {r + 1}: " + ", ".join(
                f"{t.name} {figures[t].visits[-1].wall_ms:.0f}/{figures[t].edit_medians[-1]:.0f} ms" for t in targets))
        browser.close()
    report(figures, base)


if __name__ == "__main__":
    main()
