"""What reaches Streamlit: the websocket only from the app's own pages, the operator's endpoints only from the
machine itself, page paths as pages and every other path the app's own not-found page.

**The websocket's Origin.** Streamlit (1.67) accepts a websocket whose Origin is its own host (Origin's host:port
equal to the Host header) or names localhost, 127.0.0.1, 0.0.0.0 or `browser.serverAddress`. For any other Origin
it first asks for the machine's internal address (a UDP socket towards 8.8.8.8) and its external address (an HTTP
request to checkip.amazonaws.com, retried on every refusal), in the event loop's thread, and only then compares
with `server.corsAllowedOrigins` and refuses. The gate lets through exactly the origins Streamlit accepts before
those lookups and closes every other handshake itself (1008, which the client sees as HTTP 403). So a foreign
page makes the server connect nowhere, and `server.corsAllowedOrigins` does not open the websocket: name the public
host in `browser.serverAddress` or keep the port in the Host header the proxy sends.

**Operator endpoints.** /_stcore/metrics, /_stcore/script-health-check and the agent API (/_stcore/agent/…)
answer only a request from a loopback address that carries no X-Forwarded-For, X-Real-IP or Forwarded header
(a proxy on the same machine adds one, so nothing reaches them through the proxy); anyone else gets the
not-found page.

**Paths.** Streamlit answers every unknown path with its index page (status 200), whose script then shows an
English "Page not found" dialog. Here a path that is no page of ui.pages and whose answer is an HTML page gets the
app's not-found page with status 404 instead; Streamlit's own paths (/_stcore/, /static/, /media/, sign-in) are
not pages and keep their answers. A path starting with several slashes (`//estimate`) is redirected to the same
path with one slash when that is a page, and is not found otherwise.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from serving.not_found import language, not_found_page

STREAM = "/_stcore/stream"
OPERATOR_PATHS = frozenset({"/_stcore/metrics", "/_stcore/script-health-check"})
OPERATOR_PREFIX = "/_stcore/agent"
# Streamlit's own routes: never a page, their answers stand (sign-in's /auth/login, /auth/logout, /oauth2callback)
STREAMLIT_PREFIXES = ("/_stcore/", "/media/", "/component/", "/app/static/", "/auth/", "/oauth2callback")
FORWARDED = ("x-forwarded-for", "x-real-ip", "forwarded")
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "0.0.0.0"})  # what Streamlit accepts without a lookup


def hostname(address: str) -> str | None:
    """The host name in a URL or a bare address, lower-case (as Streamlit reads browser.serverAddress)."""
    return urlsplit(address if "://" in address else f"http://{address}").hostname


def origin_allowed(origin: str | None, host: str | None, server_address: str) -> bool:
    """Whether Streamlit accepts a websocket with this Origin without looking anything up (see the module)."""
    if origin is None:  # not a browser; Streamlit lets it in without a lookup
        return True
    try:
        parts = urlsplit(origin)
        name = parts.hostname
    except ValueError:
        return False
    if host is not None and parts.netloc == host:
        return True
    return name is not None and (name in LOOPBACK_NAMES or name == hostname(server_address))


def from_operator(scope: Scope) -> bool:
    """A request from this machine, not passed on by a proxy."""
    client = scope.get("client")
    if not client:
        return False
    try:
        loopback = ipaddress.ip_address(client[0]).is_loopback
    except ValueError:
        return False
    headers = Headers(scope=scope)
    return loopback and not any(name in headers for name in FORWARDED)


def not_found(scope: Scope) -> Response:
    headers = Headers(scope=scope)
    lang = language(scope.get("query_string", b"").decode("latin-1"), headers.get("accept-language"))
    return HTMLResponse(not_found_page(lang), status_code=404, headers={"cache-control": "no-cache"})


class Gate:
    """ASGI middleware in front of Streamlit (see the module). `pages`: the paths the app's pages answer at;
    `server_address`: Streamlit's browser.serverAddress, read when the server starts."""

    def __init__(self, app: ASGIApp, pages: Iterable[str], server_address: str) -> None:
        self.app = app
        self.pages = frozenset(pages)
        self.server_address = server_address

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self.websocket(scope, receive, send)
        elif scope["type"] == "http":
            await self.http(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        if scope["path"] == STREAM and not origin_allowed(
            headers.get("origin"), headers.get("host"), self.server_address
        ):
            await receive()  # the handshake (websocket.connect)
            await send({"type": "websocket.close", "code": 1008})  # 1008: policy violation
            return
        await self.app(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        if path.startswith("//"):
            one = "/" + path.lstrip("/")
            query = scope.get("query_string", b"").decode("latin-1")
            answer = RedirectResponse(one + (f"?{query}" if query else ""), status_code=301) \
                if one in self.pages else not_found(scope)
            await answer(scope, receive, send)
            return
        if (path in OPERATOR_PATHS or path == OPERATOR_PREFIX or path.startswith(OPERATOR_PREFIX + "/")) \
                and not from_operator(scope):
            await not_found(scope)(scope, receive, send)
            return
        if path in self.pages or path.startswith(STREAMLIT_PREFIXES):
            await self.app(scope, receive, send)
            return

        replaced = False

        async def unless_html(message: Message) -> None:
            """Streamlit's answer, unless it is its index page for a path that is no page."""
            nonlocal replaced
            if message["type"] == "http.response.start":
                content_type = Headers(raw=message.get("headers", [])).get("content-type", "")
                if content_type.startswith("text/html"):
                    replaced = True
                    await not_found(scope)(scope, receive, send)
                    return
            elif replaced:
                return  # the index page's body
            await send(message)

        await self.app(scope, receive, unless_html)
