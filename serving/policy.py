"""The security headers every response carries, and the Content-Security-Policy among them.

The page may run Streamlit's own scripts (files from this server) and exactly the inline scripts we know:
Streamlit's index.html has one, ui/browser.py sends three. Each is allowed by its SHA-256, computed when the
server starts from the installed Streamlit's index.html and from ui.browser.scripts(), so an upgrade of
Streamlit or an edit of a script needs no pasted hash. Nothing is loaded from, sent to or framed by another
host: no outside host appears in the policy.

- 'wasm-unsafe-eval': the Graphviz flowcharts are drawn by a WebAssembly build of Graphviz.
- style-src 'unsafe-inline': Streamlit's components write their styles into the page at run time (Emotion),
  and st.html's <style> (ui/a11y.py) is inline too. Styles cannot run code.
- img-src/font-src data: and blob:: Streamlit's icons, fonts and chart pictures are inlined or made in the page.
- connect-src 'self': the websocket to the same host and port ('self' covers ws:/wss: there) and the uploads.
- form-action 'self': sign-in (st.login) leaves for the identity provider by a redirect, not by a form.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import re
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ui.browser import scripts

# <script> elements without a src attribute: their text is what a hash-source must match.
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.S | re.I)


def inline_scripts(page: str) -> list[str]:
    """The texts of the inline scripts in an HTML page."""
    return _INLINE_SCRIPT.findall(page)


def streamlit_index() -> str:
    """The installed Streamlit's index.html, the page every app path serves (a data file of the package)."""
    return importlib.resources.files("streamlit").joinpath("static/index.html").read_text(encoding="utf-8")


def script_hash(text: str) -> str:
    """A CSP hash-source for an inline script's text: 'sha256-<base64 of the SHA-256 of its UTF-8>'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(inline: Iterable[str] | None = None) -> str:
    """The policy, allowing the given inline scripts (by default Streamlit's and ours) by their hashes."""
    if inline is None:
        inline = [*inline_scripts(streamlit_index()), *scripts()]
    hashes = " ".join(sorted({script_hash(text) for text in inline}))
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval' {hashes}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def security_headers(policy: str) -> dict[str, str]:
    """Every response's security headers (lower-case names)."""
    return {
        "content-security-policy": policy,
        "x-frame-options": "DENY",  # what frame-ancestors 'none' says, for browsers that predate it
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",  # a case's link holds the 宛名: never hand it to another site
    }


class SecurityHeaders:
    """ASGI middleware: sets the security headers on every HTTP response that passes through it (pages, assets,
    /_stcore/*, media and downloads, redirects, errors), replacing any of the same name."""

    def __init__(self, app: ASGIApp, policy: str | None = None) -> None:
        self.app = app
        headers = security_headers(policy or content_security_policy())
        self._names = {name.encode("latin-1") for name in headers}
        self._headers = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self._names]
                message = {**message, "headers": kept + self._headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
