"""N app processes behind nginx on this machine: `make serve PROCESSES=2 PORT=8630` (README, "Deployment").

Each app process listens on a free loopback port; nginx (deploy/nginx.conf, filled in here) listens on PORT and
spreads the browsers over them with a route cookie. The command waits until every process and nginx answer,
prints the address, and stops them all on Ctrl-C or SIGTERM (or when nginx stops). A process that dies is left
dead: nginx sends its browsers to the others (docs/rules.md §12), and the log says so.

The same function starts the clusters of the browser tests (tests/e2e/cluster.py).
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf")
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
# The one place that says how an app process starts (its port and address are added). `streamlit run` of the
# page script; once serve.py (an st.App with the security headers) is in, this becomes "serve.py".
APP_COMMAND = ("-m", "streamlit", "run", "serve.py")  # app.py inside st.App, with serving/ in front
COOKIE_SECRET = "STREAMLIT_SERVER_COOKIE_SECRET"  # Streamlit reads server.cookieSecret from it
START_TIMEOUT = 90.0  # seconds for every process to answer /_stcore/health (a busy 2-core machine is slow)
# Pages each process runs once before nginx sends it anyone: a process's first run imports the app (≈ 3 s of CPU
# on the 2-core test machine), and a tab that fails over to a cold process would wait for that.
WARM_PAGES = ("", "estimate")
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never through a proxy


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def upload_limit_mb() -> int:
    """server.maxUploadSize from .streamlit/config.toml: the one home of the upload limit."""
    with (ROOT / ".streamlit" / "config.toml").open("rb") as f:
        return int(tomllib.load(f)["server"]["maxUploadSize"])


def origins(names: Sequence[str], port: int, scheme: str = "http") -> list[str]:
    """The Origin a browser sends from a page of this site, for each public name: the port only when it is not
    the scheme's own."""
    default = {"http": 80, "https": 443}[scheme]
    return [f"{scheme}://{name}" + ("" if port == default else f":{port}") for name in names]


def nginx_config(prefix: Path, listen: str, names: Sequence[str], allowed_origins: Sequence[str],
                 app_ports: Sequence[int], https: bool = False) -> str:
    """deploy/nginx.conf with its @NAME@ fields filled in."""
    fields = {
        "PREFIX": str(prefix),
        "LISTEN": listen,
        "SERVER_NAMES": " ".join(names),
        "MAX_BODY": f"{upload_limit_mb() + 1}m",
        "COOKIE_SECURE": "; Secure" if https else "",
        "UPSTREAM_SERVERS": "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;"
                                      for p in app_ports),
        "ALLOWED_ORIGINS": "\n".join(f'        "{o}" 1;' for o in allowed_origins),
    }
    text = TEMPLATE.read_text()
    for name, value in fields.items():
        text = text.replace(f"@{name}@", value)
    if "@" in "".join(line.split("#")[0] for line in text.splitlines()):
        raise RuntimeError("deploy/nginx.conf has a field deploy/cluster.py does not fill in")
    return text


@dataclass
class Cluster:
    """What is running: the public address, the app processes (by port) and nginx."""

    url: str
    apps: dict[int, subprocess.Popen[bytes]]
    nginx: subprocess.Popen[bytes]
    prefix: Path
    logs: dict[int, Path] = field(default_factory=dict)

    def kill(self, port: int) -> None:
        """kill -9 the app process on `port` (the failover test's way of losing one)."""
        proc = self.apps[port]
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)


def _wait_healthy(url: str, procs: Sequence[subprocess.Popen[bytes]], what: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with _DIRECT.open(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if any(p.poll() is not None for p in procs) or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start; see {log}")
        time.sleep(0.2)


def warm(port: int, pages: Sequence[str] = WARM_PAGES) -> None:
    """Run `pages` once in a session of the process on `port`, as a browser would (Streamlit's websocket protocol),
    so that its first visitor, or the first tab to fail over to it, finds the app imported."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect
    from websockets.typing import Origin, Subprotocol

    with connect(f"ws://127.0.0.1:{port}/_stcore/stream", origin=Origin(f"http://127.0.0.1:{port}"),
                 subprotocols=[Subprotocol("streamlit")], proxy=None, open_timeout=START_TIMEOUT,
                 max_size=64 * 2**20) as ws:
        for page in pages:
            msg = BackMsg()
            msg.rerun_script.page_name = page
            msg.rerun_script.context_info.timezone = "Asia/Tokyo"
            ws.send(msg.SerializeToString())
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                data = ws.recv(timeout=max(0.1, deadline - time.monotonic()))
                fm = ForwardMsg()
                fm.ParseFromString(data if isinstance(data, bytes) else data.encode())
                if fm.WhichOneof("type") == "script_finished" and fm.script_finished in (
                        ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
                    break


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextmanager
def cluster(processes: int = 2, port: int | None = None, names: Sequence[str] = ("localhost", "127.0.0.1"),
            listen: str = "127.0.0.1", logs: Path | None = None, env: dict[str, str] | None = None,
            command: Sequence[str] = APP_COMMAND, warm_pages: Sequence[str] = WARM_PAGES) -> Iterator[Cluster]:
    """`processes` app processes and nginx in front of them on `port` (a free one if None), until the block ends.

    names: the public host names browsers use (the websocket's allowed origins are these names on this port).
    logs: where the processes' and nginx's logs go (a temporary folder if None). env: added to the app
    processes' environment; every process gets the same cookie secret (from the environment, else a new one), as
    sign-in needs. command, warm_pages: another script and its pages (bench/server.py's bare page)."""
    if not Path(NGINX).exists():
        raise SystemExit(f"no nginx at {NGINX}: install Debian's (apt-get install nginx-light) or set NGINX")
    port = port or free_port()
    with ExitStack() as stack:
        prefix = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sonpo-nginx-")))
        logs = logs or prefix
        logs.mkdir(parents=True, exist_ok=True)
        app_env = {**os.environ, **(env or {})}
        app_env.setdefault(COOKIE_SECRET, secrets.token_urlsafe(32))
        apps: dict[int, subprocess.Popen[bytes]] = {}
        log_files: dict[int, Path] = {}
        try:
            for i in range(processes):
                app_port = free_port()
                log_files[app_port] = logs / f"app-{i + 1}.log"
                with log_files[app_port].open("wb") as out:
                    apps[app_port] = subprocess.Popen(
                        [sys.executable, *command, "--server.port", str(app_port),
                         "--server.address", "127.0.0.1", "--server.headless", "true"],
                        cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=app_env,
                    )
            for app_port, proc in apps.items():
                _wait_healthy(f"http://127.0.0.1:{app_port}", [proc], f"app process on {app_port}",
                              log_files[app_port])
            with ThreadPoolExecutor(len(apps)) as pool:  # each process imports the app on its own core
                list(pool.map(lambda p: warm(p, warm_pages), apps))
            conf = prefix / "nginx.conf"
            conf.write_text(nginx_config(prefix, f"{listen}:{port}", names, origins(names, port), list(apps)))
            nginx_log = logs / "nginx.log"
            with nginx_log.open("wb") as out:
                nginx = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
                                         stdout=out, stderr=subprocess.STDOUT)
            try:
                host = "127.0.0.1" if listen in ("0.0.0.0", "*") else listen
                _wait_healthy(f"http://{host}:{port}", [nginx], "nginx", prefix / "error.log")
                yield Cluster(f"http://{names[0]}:{port}", apps, nginx, prefix, log_files)
            finally:
                _stop(nginx)
        finally:
            for proc in apps.values():
                _stop(proc)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=2, help="app processes (2)")
    parser.add_argument("--port", type=int, default=8630, help="the port nginx listens on (8630)")
    parser.add_argument("--name", action="append", dest="names", metavar="NAME",
                        help="a public host name of the site, repeatable (localhost and 127.0.0.1)")
    parser.add_argument("--listen", default="127.0.0.1",
                        help="the address nginx listens on (127.0.0.1; 0.0.0.0 for every interface)")
    parser.add_argument("--logs", type=Path, default=ROOT / "artifacts" / "cluster",
                        help="where the logs go (artifacts/cluster)")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    stop = False

    def on_signal(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    with cluster(args.processes, args.port, tuple(args.names or ("localhost", "127.0.0.1")), args.listen,
                 args.logs) as c:
        print(f"{len(c.apps)} app processes behind nginx: {c.url}  (logs in {args.logs}; Ctrl-C stops them)",
              flush=True)
        dead: set[int] = set()
        while not stop and c.nginx.poll() is None:
            for app_port, proc in c.apps.items():
                if app_port not in dead and proc.poll() is not None:
                    dead.add(app_port)
                    print(f"the app process on port {app_port} stopped (status {proc.returncode}); "
                          f"nginx sends its browsers to the others", flush=True)
            if len(dead) == len(c.apps):
                print("every app process has stopped", file=sys.stderr)
                break
            time.sleep(0.5)
    print("stopped", flush=True)


if __name__ == "__main__":
    main()
