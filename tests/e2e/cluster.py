"""Browser-test fixtures for the deployed shape: nginx in front of several app processes (deploy/cluster.py), at a
public name that is not localhost, and a Chromium that resolves that name to this machine.

    with nginx_cluster("mine", processes=2) as c:        # c.url is http://sonpo.test:<free port>
        b = resolving_browser(browser)                     # `browser` is conftest's session fixture
        ...
        upstream_of(c, route)                              # which app process served a route cookie

A test that wants the processes to share something (a register's database) passes its settings in `env`.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from playwright.sync_api import Browser, BrowserContext

from deploy.cluster import Cluster, cluster
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT

PUBLIC = "sonpo.test"  # a name no resolver knows: only the browser's own rule maps it to 127.0.0.1
ROUTE = "sonpo_route"  # nginx's route cookie (deploy/nginx.conf)


@contextmanager
def nginx_cluster(name: str, processes: int = 2, names: Sequence[str] = (PUBLIC,),
                  env: dict[str, str] | None = None) -> Iterator[Cluster]:
    """`processes` app processes and nginx on free ports until the block ends; logs in artifacts/cluster-NAME."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    logs = ROOT / "artifacts" / f"cluster-{name}{'-' + worker if worker else ''}"
    with cluster(processes, names=names, logs=logs, env=env) as c:
        yield c


def resolving_browser(browser: Browser, names: Sequence[str] = (PUBLIC,)) -> Browser:
    """A second Chromium from the same Playwright as `browser`, resolving `names` to 127.0.0.1 (close it)."""
    rules = ",".join(f"MAP {n} 127.0.0.1" for n in names)
    assert browser.browser_type is not None
    return browser.browser_type.launch(executable_path=CHROMIUM,
                                       args=[*CHROMIUM_ARGS, f"--host-resolver-rules={rules}"])


def route_of(context: BrowserContext) -> str:
    """The route cookie nginx gave this browser context."""
    routes = [c["value"] for c in context.cookies() if c["name"] == ROUTE]
    assert len(routes) == 1, f"expected one {ROUTE} cookie, got {context.cookies()}"
    return routes[0]


_LINE = re.compile(r'"(?P<request>[^"]*)" (?P<status>\d+) upstream="(?P<upstream>[^"]*)" route=(?P<route>\S+)')


def served(c: Cluster) -> list[tuple[str, int, int]]:
    """(route, status, app port) of every request nginx has finished, oldest first (a websocket is logged when
    it closes). After a failover the upstream is the last process tried."""
    log = c.prefix / "access.log"
    out = []
    for line in log.read_text().splitlines() if log.exists() else ():
        m = _LINE.search(line)
        if m and m["upstream"] != "-":  # "127.0.0.1:A, 127.0.0.1:B" after a failover
            out.append((m["route"], int(m["status"]), int(m["upstream"].rsplit(":", 1)[1])))
    return out


def upstream_of(c: Cluster, route: str, timeout: float = 5.0) -> int:
    """The app port that last served requests with this route cookie (nginx writes its log line a moment after the
    response)."""
    deadline = time.monotonic() + timeout
    while True:
        ports = [port for r, _, port in served(c) if r == route]
        if ports:
            return ports[-1]
        if time.monotonic() > deadline:
            raise AssertionError(f"nginx logged no request with route {route}")
        time.sleep(0.1)
