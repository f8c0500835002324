"""Server CPU per widget change under `streamlit run`: closed-loop websocket sessions that speak Streamlit's
protocol to /estimate and to a one-widget page, and the ratio. Run: .venv/bin/python bench/server.py

Each target gets its own `streamlit run` on a free 127.0.0.1 port (one after the other, so they do not
compete for the CPU). A session connects to /_stcore/stream as the browser does (subprotocol "streamlit",
permessage-deflate, the browser's message cache, the query string the server last wrote back), loads the
page, finds the number input whose key contains --key-contains, then changes it back and forth (11, 10, ...)
and waits for the run to finish before the next change. The server's CPU time (utime + stime of its
process, from /proc) over the measured changes, divided by their number, is the figure; the client's own
work is not in it. Every change must end with FINISHED_SUCCESSFULLY, show no exception, and send deltas
that differ from the previous change's, so a change the server skipped would stop the bench, not flatter it.

Columns: server CPU ms per change; wall = mean time from sending a change to its script_finished;
changes/s = all sessions' changes over the measured wall time; runs = script runs per change (above 1 when
the page reruns itself); per core = the changes/s one fully used core could serve at that CPU cost.

Unlike the browser, a session sends only the changed widget's state: the server keeps the others' values.
Streamlit collects garbage after every run (runner.postScriptGC), after sending script_finished: the window
holds the last warm-up change's collection and not the last measured one's, which evens out.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Origin, Subprotocol

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from deploy.cluster import APP_COMMAND, Cluster, cluster  # the repository root: run as a script

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
VALUES = (11, 10)  # alternated; both valid for every plan and for the one-widget page
TIMEOUT = 60.0  # seconds for one run to finish, or for a server to start
MAX_MESSAGES = 10_000  # per run: a guard, a page sends a few hundred at most
MAX_RUNS = 10  # script runs per change (st.rerun chains), a guard


@dataclass
class Target:
    name: str
    script: str  # relative to ROOT
    page: str  # url path: "" for the main page
    key_contains: str


@dataclass
class Run:
    """What one change brought back: the page's deltas (as a digest) and its number inputs."""

    digest: str
    runs: int  # script runs the change caused (1 unless the page reran itself)
    number_inputs: list[tuple[str, int]] = field(default_factory=list)  # (element id, data type)


@dataclass
class Result:
    changes: int = 0
    runs: int = 0
    latency: float = 0.0  # summed seconds from send to script_finished
    errors: list[BaseException] = field(default_factory=list)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (all its threads, finished ones too), from /proc/PID/stat."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()  # the command name may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def user_key(element_id: str) -> str:
    """The key the page gave a widget: Streamlit's ids are "$$ID-<hash>-<key>" (or "$$ID-<hash>-None")."""
    parts = element_id.split("-", 2)
    return parts[2] if len(parts) == 3 and parts[0] == "$$ID" else element_id


def pick_widget(found: list[tuple[str, int]], contains: str) -> tuple[str, int]:
    """The number input whose key has `contains` as a dot-separated part ("estimate.ids", "estimate.ids.ja"),
    else as a substring; the first one on the page wins."""
    keyed = [(wid, dtype) for wid, dtype in found if contains in user_key(wid)]
    exact = [(wid, dtype) for wid, dtype in keyed if contains in user_key(wid).split(".")]
    if exact or keyed:
        return (exact or keyed)[0]
    keys = ", ".join(user_key(wid) for wid, _ in found) or "none"
    raise SystemExit(f"no number input whose key contains {contains!r}; the page has: {keys}")


class Session:
    """One browser tab's worth of protocol: a websocket, the message cache, the page and its URL."""

    def __init__(self, ws: ClientConnection, base: str, page: str) -> None:
        self.ws = ws
        self.page = page
        self.url = f"{base}/{page}"  # the page's address in the browser's address bar
        self.query = ""
        self.page_hash = ""
        self.cache: dict[str, ForwardMsg] = {}

    def change(self, widget: tuple[str, int] | None = None, value: int = 0) -> Run:
        """Send a rerun (with the widget's new value, if any) and read until the page has run."""
        msg = BackMsg()
        state = msg.rerun_script
        state.SetInParent()
        state.query_string = self.query
        state.page_name = self.page
        state.page_script_hash = self.page_hash
        state.cached_message_hashes.extend(self.cache)
        state.context_info.timezone = "Asia/Tokyo"
        state.context_info.locale = "ja-JP"
        state.context_info.url = self.url
        if widget is not None:
            w = state.widget_states.widgets.add()
            w.id = widget[0]
            if widget[1] == NumberInput.FLOAT:
                w.double_value = float(value)
            else:
                w.int_value = value
        self.ws.send(msg.SerializeToString())
        return self._read_run()

    def _read_run(self) -> Run:
        digest = hashlib.sha256()
        inputs: list[tuple[str, int]] = []
        runs = 0
        deadline = time.monotonic() + TIMEOUT
        for _ in range(MAX_MESSAGES):
            data = self.ws.recv(timeout=max(0.1, deadline - time.monotonic()))
            fm = ForwardMsg()
            fm.ParseFromString(data if isinstance(data, bytes) else data.encode())
            where = repr(list(fm.metadata.delta_path)).encode()
            if fm.WhichOneof("type") == "ref_hash":  # a message the browser said it has cached
                if fm.ref_hash not in self.cache:
                    raise RuntimeError(f"server referred to a message it never sent: {fm.ref_hash}")
                content = fm.ref_hash
                fm = self.cache[fm.ref_hash]
            else:
                content = fm.hash or hashlib.sha256(fm.SerializeToString(deterministic=True)).hexdigest()
                if fm.metadata.cacheable:
                    self.cache[fm.hash] = fm
            kind = fm.WhichOneof("type")
            if kind == "delta":
                digest.update(where + content.encode())
                if fm.delta.HasField("new_element"):
                    element = fm.delta.new_element
                    if element.WhichOneof("type") == "exception":
                        raise RuntimeError(f"the page raised: {element.exception.type}: {element.exception.message}")
                    if element.WhichOneof("type") == "number_input":
                        inputs.append((element.number_input.id, element.number_input.data_type))
            elif kind == "page_info_changed":
                self.query = fm.page_info_changed.query_string  # the browser puts it in its URL
            elif kind == "navigation":
                self.page_hash = fm.navigation.page_script_hash
            elif kind == "page_not_found":
                raise RuntimeError(f"no page {self.page!r}")
            elif kind == "session_event" and fm.session_event.HasField("script_compilation_exception"):
                raise RuntimeError(f"the script does not compile: {fm.session_event.script_compilation_exception}")
            elif kind == "script_finished":
                runs += 1
                status = fm.script_finished
                if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return Run(digest.hexdigest(), runs, inputs)
                if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN or runs >= MAX_RUNS:
                    raise RuntimeError(f"run ended with {ForwardMsg.ScriptFinishedStatus.Name(status)}")
        raise RuntimeError(f"no script_finished after {MAX_MESSAGES} messages")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(script: str) -> Iterator[tuple[int, int]]:
    """`streamlit run SCRIPT` from the repository root on a free local port; yields (port, pid)."""
    port = _free_port()
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
             "--server.address", HOST, "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
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
            yield port, proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _session(port: int, target: Target, warmup: int, changes: int, start: threading.Barrier, out: Result) -> None:
    try:
        with connect(f"ws://{HOST}:{port}/_stcore/stream", subprotocols=[Subprotocol("streamlit")], proxy=None,
                     open_timeout=TIMEOUT, max_size=64 * 2**20) as ws:
            session = Session(ws, f"http://{HOST}:{port}", target.page)
            first = session.change()
            widget = pick_widget(first.number_inputs, target.key_contains)
            previous = first.digest
            for i in range(warmup + changes):
                if i == warmup:
                    start.wait(timeout=TIMEOUT)
                sent = time.perf_counter()
                run = session.change(widget, VALUES[i % 2])
                if i >= warmup:
                    out.latency += time.perf_counter() - sent
                    out.changes += 1
                    out.runs += run.runs
                if run.digest == previous:
                    raise RuntimeError(f"changing {user_key(widget[0])} to {VALUES[i % 2]} changed nothing on the page")
                previous = run.digest
    except BaseException as e:  # reported by the main thread
        out.errors.append(e)
        start.abort()


def measure(target: Target, sessions: int, warmup: int, changes: int) -> dict[str, float]:
    with serve(target.script) as (port, pid):
        start = threading.Barrier(sessions + 1)
        results = [Result() for _ in range(sessions)]
        threads = [threading.Thread(target=_session, args=(port, target, warmup, changes, start, r), daemon=True)
                   for r in results]
        for t in threads:
            t.start()
        with suppress(threading.BrokenBarrierError):  # a session failed: its error is reported below
            start.wait(timeout=TIMEOUT * (warmup + 1))
        cpu0, wall0 = cpu_seconds(pid), time.perf_counter()
        for t in threads:
            t.join(timeout=TIMEOUT * (changes + 1))
        cpu1, wall1 = cpu_seconds(pid), time.perf_counter()
        errors = [e for r in results for e in r.errors]
        if errors:
            raise RuntimeError(f"{target.name}: {errors[0]}") from errors[0]
        if any(t.is_alive() for t in threads):
            raise RuntimeError(f"{target.name}: a session did not finish")
        done = sum(r.changes for r in results)
        return {
            "cpu_ms": (cpu1 - cpu0) * 1000 / done,
            "wall_ms": sum(r.latency for r in results) * 1000 / done,
            "per_s": done / (wall1 - wall0),
            "runs": sum(r.runs for r in results) / done,
        }


# --- capacity through nginx (--capacity) -----------------------------------------------------------------------
# The deployed shape (deploy/cluster.py): nginx in front of N app processes, sessions that connect as a browser
# does (the site's public name in Host, its Origin, a route cookie of their own). Each session changes the ID
# count at a fixed pace; all of them together offer RATE changes a second. A change's latency is counted from the
# moment it was due, not from when the session got round to sending it, so a server that falls behind shows it.
# The capacity is the highest rate whose changes finish with p95 ≤ 1 s, on a ladder of rates that every
# configuration climbs in turns (see main_capacity).
P95_LIMIT = 1.0  # seconds
PUBLIC = "bench.test"  # never looked up: the sessions connect to nginx on loopback and send it as Host


@dataclass
class Driver:
    session: Session
    widget: tuple[str, int]
    previous: str
    turn: int = 0

    def change(self) -> None:
        run = self.session.change(self.widget, VALUES[self.turn % 2])
        if run.digest == self.previous:
            raise RuntimeError(f"changing {user_key(self.widget[0])} changed nothing on the page")
        self.previous = run.digest
        self.turn += 1


@dataclass
class Step:
    rate: float  # offered changes/s
    changes: int
    per_s: float  # achieved
    p50: float
    p95: float
    app_ms: float  # CPU of every app process per change
    proxy_ms: float  # nginx's CPU per change
    client_ms: float  # this process's CPU per change (the load generator, on the same cores)

    @property
    def ok(self) -> bool:
        return self.p95 <= P95_LIMIT


def _through(c: Cluster, target: Target, stack: ExitStack) -> Driver:
    """A session that opens the page through nginx as a browser does, with a route cookie of its own (closed with
    `stack`)."""
    host = c.url.split("//", 1)[1]
    sock = socket.create_connection((HOST, int(host.rsplit(":", 1)[1])), timeout=TIMEOUT)
    ws = stack.enter_context(connect(
        f"ws://{host}/_stcore/stream", sock=sock, origin=Origin(c.url),
        additional_headers={"Cookie": f"sonpo_route={secrets.token_hex(16)}"},
        subprotocols=[Subprotocol("streamlit")], open_timeout=TIMEOUT, max_size=64 * 2**20))
    session = Session(ws, c.url, target.page)
    first = session.change()
    driver = Driver(session, pick_widget(first.number_inputs, target.key_contains), first.digest)
    driver.change()  # warm: the session's widgets are known
    return driver


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its children (nginx's master and its worker)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return cpu_seconds(pid) + sum(cpu_seconds(int(child)) for child in children)


def run_step(drivers: list[Driver], c: Cluster, rate: float, seconds: float) -> Step:
    interval = len(drivers) / rate
    pids = [proc.pid for proc in c.apps.values()]
    latencies: list[list[float]] = [[] for _ in drivers]
    errors: list[BaseException] = []
    start = time.perf_counter() + 0.2
    end = start + seconds

    def pace(i: int) -> None:
        due = start + random.uniform(0, interval)
        try:
            while due < end:
                wait = due - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
                drivers[i].change()
                latencies[i].append(time.perf_counter() - due)
                due += interval
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=pace, args=(i,), daemon=True) for i in range(len(drivers))]
    cpu0 = [cpu_seconds(pid) for pid in pids], _tree_cpu(c.nginx.pid), time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + TIMEOUT * 2)
    finished = time.perf_counter()
    cpu1 = [cpu_seconds(pid) for pid in pids], _tree_cpu(c.nginx.pid), time.process_time()
    if errors:
        raise RuntimeError(f"a session failed: {errors[0]}") from errors[0]
    flat = [x for lat in latencies for x in lat]
    n = len(flat)
    app_ms = (sum(cpu1[0]) - sum(cpu0[0])) * 1000 / n
    return Step(rate, n, n / (finished - start), _percentile(flat, 0.5), _percentile(flat, 0.95),
                app_ms, (cpu1[1] - cpu0[1]) * 1000 / n, (cpu1[2] - cpu0[2]) * 1000 / n)


@dataclass
class Config:
    """One page on N processes behind nginx, with its sessions connected, and the steps measured so far."""

    target: Target
    processes: int
    cluster: Cluster
    drivers: list[Driver]
    steps: list[Step] = field(default_factory=list)
    failed: int = 0

    @property
    def name(self) -> str:
        return f"{self.target.name}, {self.processes} proc"

    @property
    def best(self) -> Step | None:
        passed = [s for s in self.steps if s.ok]
        return max(passed, key=lambda s: s.per_s) if passed else None


def _start(target: Target, processes: int, sessions: int, stack: ExitStack) -> Config:
    # the app as deploy/cluster.py starts it; the bare page under plain `streamlit run`
    command = APP_COMMAND if target.script == "app.py" else ("-m", "streamlit", "run", target.script)
    pages = ("", "estimate") if target.script == "app.py" else ("",)
    c = stack.enter_context(cluster(processes, names=(PUBLIC,), command=command, warm_pages=pages))
    return Config(target, processes, c, [_through(c, target, stack) for _ in range(sessions)])


def main_capacity(args: argparse.Namespace) -> None:
    """Every configuration is started at once (idle ones cost nothing) and they take turns at each rate of a
    ladder, so that a machine busy with other work slows them alike: the ratios compare figures of the same
    minutes. A configuration leaves the ladder after its second step over the limit."""
    targets = [
        Target("/estimate", "app.py", "estimate", args.key_contains),
        Target("one-widget page", "bench/one_widget.py", "", "n"),
    ]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"capacity at p95 ≤ {P95_LIMIT:.0f} s: {args.sessions} sessions through nginx, {args.seconds:.0f} s a step; "
          f"{os.cpu_count()} CPUs, load average {load}", flush=True)
    rates = [args.start_rate * f for f in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)]
    with ExitStack() as stack:
        configs = [_start(t, n, args.sessions, stack) for t in targets for n in (1, 2)]
        for rate in rates:
            for cfg in configs:
                if cfg.failed >= 2:
                    continue
                st = run_step(cfg.drivers, cfg.cluster, rate, args.seconds)
                cfg.steps.append(st)
                cfg.failed += not st.ok
                print(f"    {cfg.name:<24} offered {rate:6.1f}/s  served {st.per_s:6.1f}/s  p50 {st.p50 * 1000:6.0f} ms"
                      f"  p95 {st.p95 * 1000:6.0f} ms  app CPU {st.app_ms:5.1f} ms  nginx {st.proxy_ms:4.1f} ms  "
                      f"client {st.client_ms:5.1f} ms  load {os.getloadavg()[0]:4.1f}  {'ok' if st.ok else 'over'}",
                      flush=True)
            if all(cfg.failed >= 2 for cfg in configs):
                break
    print(f"{'page':<18}{'processes':>10}{'changes/s':>11}{'p50':>9}{'p95':>9}{'app CPU':>10}{'nginx':>8}{'client':>9}")
    for cfg in configs:
        b = cfg.best
        if b is None:
            print(f"{cfg.target.name:<18}{cfg.processes:>10}   none at p95 ≤ {P95_LIMIT:.0f} s")
            continue
        print(f"{cfg.target.name:<18}{cfg.processes:>10}{b.per_s:>11.1f}{b.p50 * 1000:>6.0f} ms{b.p95 * 1000:>6.0f} ms"
              f"{b.app_ms:>7.1f} ms{b.proxy_ms:>5.1f} ms{b.client_ms:>6.1f} ms")
    for t in targets:
        one, two = (next(c.best for c in configs if c.target is t and c.processes == n) for n in (1, 2))
        if one and two:
            print(f"two processes / one, {t.name}: {two.per_s / one.per_s:.2f}×")

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--interactions", type=int, default=100, help="measured changes per session (100)")
    parser.add_argument("--warmup", type=int, default=10, help="unmeasured changes per session first (10)")
    parser.add_argument("--sessions", type=int, default=1, help="concurrent closed-loop sessions (1)")
    parser.add_argument(
        "--key-contains", default="ids", help="part of the key of the /estimate number input to change (ids)",
    )
    parser.add_argument("--capacity", action="store_true",
                        help="changes/s at p95 ≤ 1 s through nginx, one and two app processes (--sessions 50)")
    parser.add_argument("--seconds", type=float, default=15.0, help="length of one --capacity step (15)")
    parser.add_argument("--start-rate", type=float, default=10.0, help="first rate --capacity offers (10/s)")
    args = parser.parse_args()
    if args.capacity:
        if args.sessions == 1:
            args.sessions = 50
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
        main_capacity(args)
        return
    if args.interactions < 1 or args.warmup < 0 or args.sessions < 1:
        parser.error("--interactions and --sessions must be at least 1, --warmup at least 0")
    # A terminated bench still stops its servers (the `finally` in serve()).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    targets = [
        Target("/estimate", "app.py", "estimate", args.key_contains),
        Target("one-widget page", "bench/one_widget.py", "", "n"),
    ]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())  # CPU time per change grows when other work competes
    print(f"{args.sessions} session(s), {args.interactions} changes each after {args.warmup} warm-up; "
          f"{os.cpu_count()} CPUs, load average {load}")
    print(f"{'page':<18}{'server CPU':>14}{'wall':>12}{'changes/s':>11}{'runs':>6}{'per core':>12}")
    figures = {}
    for target in targets:
        f = measure(target, args.sessions, args.warmup, args.interactions)
        figures[target.name] = f
        print(f"{target.name:<18}{f['cpu_ms']:>11.1f} ms{f['wall_ms']:>9.1f} ms{f['per_s']:>11.1f}"
              f"{f['runs']:>6.1f}{1000 / f['cpu_ms']:>8.0f} /s")
    ratio = figures["/estimate"]["cpu_ms"] / figures["one-widget page"]["cpu_ms"]
    print(f"ratio /estimate / one-widget page (server CPU): {ratio:.1f}")


if __name__ == "__main__":
    main()
