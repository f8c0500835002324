"""serve.py as a browser and an attacker meet it, through Starlette's TestClient on the st.App itself (no port,
no browser; tests/e2e/test_serving.py does the same under a public name in Chromium).

- every response carries the security headers; the policy names no other host and allows inline scripts only
  by hash;
- a path that is no page gets the app's own not-found page (404, in the user's language, a link to the start);
- the operator's endpoints answer only this machine, not through a proxy;
- a websocket from a foreign page is refused before Streamlit sees it (1008), the app's own origin is not.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

import serve
from serving.policy import content_security_policy, inline_scripts, script_hash, streamlit_index
from ui.browser import scripts

BASE = "http://127.0.0.1:8501"  # the Host header the client sends
OPERATOR = ("127.0.0.1", 50123)  # a request from this machine
PUBLIC = ("203.0.113.7", 50123)  # a request from elsewhere (TEST-NET-3)
HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(serve.app, base_url=BASE, client=PUBLIC) as c:
        yield c


@pytest.fixture(scope="module")
def local(client: TestClient) -> TestClient:
    """The same app (started once, by `client`) asked from this machine."""
    return TestClient(serve.app, base_url=BASE, client=OPERATOR)


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (d.split() for d in policy.split(";"))}


def assert_secured(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    for name, value in HEADERS.items():
        assert headers.get(name) == value, (response, name)
    policy = directives(headers["content-security-policy"])
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_every_kind_of_response_carries_the_security_headers(client: TestClient, local: TestClient) -> None:
    index = client.get("/").text
    asset = re.search(r'src="\./(static/js/[^"]+\.js)"', index)
    assert asset
    answers = {
        "page": client.get("/estimate"),
        "start page": client.get("/"),
        "script": client.get(f"/{asset.group(1)}"),
        "icon": client.get("/favicon.png"),
        "manifest": client.get("/manifest.json"),
        "health": client.get("/_stcore/health"),
        "host config": client.get("/_stcore/host-config"),
        "redirect": client.get("/estimate/", follow_redirects=False),
        "not found": client.get("/a/b/c"),
        "closed": client.get("/_stcore/metrics"),
        "metrics": local.get("/_stcore/metrics"),
        "missing media": client.get("/media/0123456789abcdef.pdf"),
        "refused upload": client.put("/_stcore/upload_file/s/f", files={"file": ("a.csv", b"x")}),
    }
    assert "javascript" in answers["script"].headers["content-type"]
    assert answers["icon"].headers["content-type"] == "image/png"
    assert answers["redirect"].status_code == 301
    assert answers["metrics"].status_code == 200
    assert answers["refused upload"].status_code in (400, 403)
    for response in answers.values():
        assert_secured(response)


def test_the_policy_allows_streamlits_inline_script_and_ours_by_hash_and_no_other_host() -> None:
    policy = directives(content_security_policy())
    allowed = set(policy["script-src"])
    # Streamlit 1.67's index.html runs `window.prerenderReady = false` inline; ui.browser sends three scripts
    assert [s.strip() for s in inline_scripts(streamlit_index())] == ["window.prerenderReady = false"]
    assert len(scripts()) == 3
    for text in [*inline_scripts(streamlit_index()), *scripts()]:
        assert script_hash(text) in allowed
    assert allowed - {script_hash(t) for t in [*inline_scripts(streamlit_index()), *scripts()]} == {
        "'self'", "'wasm-unsafe-eval'"}
    for values in policy.values():
        for value in values:
            assert value.startswith("'") or value in ("data:", "blob:"), value  # no host, no scheme, no *
    assert "'unsafe-inline'" in policy["style-src"] and "'unsafe-eval'" not in policy["script-src"]


def test_a_script_hash_is_the_base64_sha256_of_its_text() -> None:
    # SHA-256 of the empty string, as the CSP spec's examples and every sha256 tool give it
    assert script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    text = "alert(1)"
    assert script_hash(text) == f"'sha256-{base64.b64encode(hashlib.sha256(b'alert(1)').digest()).decode()}'"


def visible_text(page: str) -> str:
    body = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    title = re.search(r"<title>(.*?)</title>", body, re.S)
    return (title.group(1) if title else "") + re.sub(r"<[^>]+>", " ", body.split("<body>", 1)[1])


@pytest.mark.parametrize("path", ["/home", "/a/b/c", "/estimate/x", "/static/nothing.js", "/index.html"])
def test_a_path_that_is_no_page_gets_the_apps_not_found_page_in_japanese(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="ja">' in r.text
    assert "<title>ページが見つかりません | 損保クラウド プランセレクター</title>" in r.text
    assert "<h1>ページが見つかりません</h1>" in r.text
    assert '<a href="/">プラン概要（最初のページ）へ</a>' in r.text
    assert not re.search(r"[A-Za-z]", visible_text(r.text)), visible_text(r.text)  # no English
    assert "<script" not in r.text


@pytest.mark.parametrize(("accept", "query", "lang"), [
    ("en-US,en;q=0.9", "", "en"),
    ("en-US,en;q=0.9,ja;q=0.8", "", "en"),
    ("fr-FR,ja;q=0.5,en;q=0.4", "", "ja"),
    ("ja,en;q=0.9", "", "ja"),
    ("de, en;q=0", "", "ja"),  # q=0: not English; nothing we speak: Japanese
    ("fr", "", "ja"),
    ("", "", "ja"),
    ("ja", "lang=en", "en"),  # a link's own language wins, as in the app
    ("en", "lang=ja", "ja"),
])
def test_the_not_found_page_speaks_the_users_language(client: TestClient, accept: str, query: str,
                                                       lang: str) -> None:
    r = client.get(f"/nothing-here?{query}", headers={"accept-language": accept})
    assert r.status_code == 404
    assert f'<html lang="{lang}">' in r.text
    if lang == "en":
        assert "<title>Page not found | Sonpo Cloud plan selector</title>" in r.text
        assert '<a href="/?lang=en">Go to the Plan overview (the start page)</a>' in r.text
    else:
        assert "<h1>ページが見つかりません</h1>" in r.text


@pytest.mark.parametrize("path", ["/", "/overview", "/finder", "/support", "/estimate", "/compare", "/timeline",
                                  "/bulk"])
def test_every_page_is_served_with_the_headers(client: TestClient, path: str) -> None:
    r = client.get(f"{path}?plan=hybrid")
    assert r.status_code == 200
    assert "window.prerenderReady" in r.text  # Streamlit's page, which then runs app.py
    assert_secured(r)


def test_a_double_slash_goes_to_the_page_and_never_to_another_host(client: TestClient) -> None:
    # an absolute URL keeps the path as typed (a relative "//estimate" would name a host)
    r = client.get(f"{BASE}//estimate?plan=hybrid", follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (301, "/estimate?plan=hybrid")
    r = client.get(f"{BASE}//evil.example/x", follow_redirects=False)
    assert r.status_code == 404 and "location" not in r.headers


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore/agent/openapi.json", "/_stcore/agent/interact",
                                  "/_stcore/agent/mcp", "/_stcore/script-health-check"])
def test_operator_endpoints_answer_this_machine_only(client: TestClient, local: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404  # from elsewhere
    assert "ページが見つかりません" in client.get(path).text
    for forwarded in ({"x-forwarded-for": "198.51.100.4"}, {"x-real-ip": "198.51.100.4"},
                      {"forwarded": "for=198.51.100.4"}):
        assert local.get(path, headers=forwarded).status_code == 404  # through a proxy on this machine
    if path == "/_stcore/metrics":
        r = local.get(path)
        assert r.status_code == 200 and "session" in r.text  # Streamlit's own answer


def handshake(client: TestClient, origin: str | None) -> int | None:
    """None when the websocket is accepted, else the close code."""
    try:
        headers = {"origin": origin} if origin else {}
        with client.websocket_connect("/_stcore/stream", headers=headers, subprotocols=["streamlit"]):
            return None
    except WebSocketDisconnect as closed:
        return closed.code


# What this process looks up or connects to while `watching` holds True (Python's audit events: Streamlit's
# lookups of the machine's addresses happen in this process, the app runs in the TestClient's thread).
NETWORK = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.connect",
           "socket.sendto"}
watching = [False]
seen: list[tuple[str, str]] = []


def _watch(event: str, args: tuple[Any, ...]) -> None:
    if watching[0] and event in NETWORK:
        seen.append((event, repr(args[1] if event.startswith(("socket.connect", "socket.sendto")) else args[0])))


sys.addaudithook(_watch)  # cannot be removed; it records nothing outside `watching`


FOREIGN = ["http://evil.example", "null", "http://127.0.0.2:8501", "https://127.0.0.1.evil", "http://sonpo.test:8501",
           "http://[::1", "file://"]


def test_only_the_apps_own_pages_open_the_websocket_and_a_refusal_looks_nothing_up(client: TestClient) -> None:
    """Streamlit alone refuses the foreign origins too, but first asks for the machine's internal address (a
    socket towards 8.8.8.8) and its external one (checkip.amazonaws.com), on every refusal."""
    for origin in [None, BASE, "http://localhost:3000"]:  # no browser, the page's own origin, this machine
        assert handshake(client, origin) is None, origin
    seen.clear()
    watching[0] = True
    try:
        codes = {origin: handshake(client, origin) for origin in FOREIGN}
    finally:
        watching[0] = False
    assert codes == dict.fromkeys(FOREIGN, 1008)
    assert seen == []


@pytest.mark.parametrize("path", ["/auth/login?provider=x", "/auth/logout", "/oauth2callback?code=a&state=b"])
def test_sign_in_routes_keep_streamlits_answer(client: TestClient, path: str) -> None:
    """st.login's routes are Streamlit's, not pages: unconfigured, each sends the browser back to the start page
    (with sign-in configured, /auth/login redirects to the identity provider; a redirect is a navigation, which
    the policy's form-action does not govern)."""
    r = client.get(path, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (302, "/")
    assert_secured(r)
