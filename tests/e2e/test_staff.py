"""Two kinds of visitor in the browser (docs/rules.md §9, §11), against a real OpenID Connect provider on loopback
(oidc-provider-mock): the public gets the 概算 document and no issuer field, and sees nothing of the register at
/staff; a staff member signs in through the provider's own page, issues a 御見積書, finds it on the staff page,
reissues it (revision 2, revision 1 kept and reprinted byte for byte), exports the list and signs out.

The app runs with a secrets file of its own (`--secrets.files`) and an empty SQLite register (SONPO_REGISTER_URL).
Every host but 127.0.0.1 is refused in the browser (the provider's page asks a CDN for a stylesheet)."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest
from oidc_provider_mock import run_server_in_thread
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, expect
from pypdf import PdfReader

from sonpo.register import Register
from tests.e2e.a11y import serious
from tests.e2e.conftest import (
    SCREENSHOTS,
    SHOTS,
    _free_port,
    failed,
    failure_shot,
    new_context,
    open_page,
    serve,
    settle,
    shot,
    tall,
)

WAIT = 20_000
STAFF_EMAIL = "rep@agency.example"


@dataclass(frozen=True)
class Site:
    url: str  # the app, as the browser opens it
    register_url: str


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The identity provider in a thread, and the app configured to sign in with it."""
    tmp = tmp_path_factory.mktemp("staff")
    with run_server_in_thread() as provider:
        port = _free_port()
        url = f"http://127.0.0.1:{port}"  # the redirect's host must be the one the browser opened: 127.0.0.1
        secrets = tmp / "secrets.toml"
        secrets.write_text(f"""
[auth]
redirect_uri = "{url}/oauth2callback"
cookie_secret = "a-cookie-secret-for-this-test-only"
client_id = "sonpo-selector"
client_secret = "any"
server_metadata_url = "http://127.0.0.1:{provider.server_port}/.well-known/openid-configuration"

[sonpo.staff]
email_domains = ["agency.example"]
""", encoding="utf-8")
        register_url = f"sqlite:///{tmp / 'register.sqlite3'}"
        # serve.py, as users get it: the security headers and the websocket gate in front of the sign-in
        with serve("staff", env={"SONPO_REGISTER_URL": register_url}, port=port,
                   args=("--secrets.files", str(secrets))) as served:
            assert served == url
            yield Site(url, register_url)


def loopback_only(route: Route) -> None:
    """Nothing leaves the machine: the provider's page asks cdn.jsdelivr.net for its stylesheet."""
    if urlparse(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def visitor(browser: Browser, request: pytest.FixtureRequest) -> Iterator[tuple[BrowserContext, Page]]:
    """A browser of its own (its own cookies: signed in or not), that reaches only 127.0.0.1."""
    context = new_context(browser, accept_downloads=True)
    context.route("**/*", loopback_only)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield context, pg
    if failed(request):
        failure_shot(pg, request.node.name)
    context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


def main(page: Page) -> Locator:
    return page.locator('[data-testid="stMain"]')


def sidebar(page: Page) -> Locator:
    return page.locator('[data-testid="stSidebar"]')


def pdf_text(data: bytes) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def fetch(page: Page, where: Locator, button: str) -> bytes:
    with page.expect_download() as info:
        where.get_by_role("button", name=button).click()
    return Path(info.value.path()).read_bytes()


def look_at_pdf(data: bytes, name: str) -> None:
    """With E2E_SCREENSHOTS=1, page 1 of a PDF as a person sees it (pdftoppm), beside the screenshots."""
    if SCREENSHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / f"{name}.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(SHOTS / f"{name}.pdf"),
                        str(SHOTS / name)], check=True)


def test_a_public_visitor_gets_the_estimate_and_nothing_of_the_register(
    site: Site, visitor: tuple[BrowserContext, Page]
) -> None:
    _, page = visitor
    open_page(page, f"{site.url}/estimate?plan=common&ids=10&addressee=サンプル保険代理店")
    expect(sidebar(page).get_by_role("button", name="スタッフログイン")).to_be_visible()
    expect(page.get_by_text("発行元")).to_have_count(0)  # no issuer field, anywhere
    main(page).get_by_role("button", name="書類を作成").click()
    settle(page)
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("button", name="御見積書を発行")).to_have_count(0)
    data = fetch(page, dialog, "概算お見積り（PDF）")
    text = pdf_text(data)
    assert text.startswith("概算お見積り") and "正式なお見積り（御見積書）ではありません" in text
    assert "見積番号：" not in text and "有効期限：" not in text
    assert "月額16,500円（税込）" in text  # brochure: 1,500円 × 10 IDs, with 10% tax
    look_at_pdf(data, "staff-public-draft")

    open_page(page, f"{site.url}/staff")
    expect(main(page).get_by_text("このページはスタッフ専用です。スタッフの方はログインしてください。")).to_be_visible()
    expect(main(page).locator('[data-testid="stDataFrame"], [data-testid="stForm"]')).to_have_count(0)
    expect(sidebar(page).get_by_role("link", name="見積台帳（スタッフ）")).to_have_count(0)
    assert not serious(page)


def test_staff_sign_in_issue_find_reissue_export_and_sign_out(
    site: Site, visitor: tuple[BrowserContext, Page]
) -> None:
    _, page = visitor
    open_page(page, f"{site.url}/estimate?plan=common&ids=10")
    sidebar(page).get_by_role("button", name="スタッフログイン").click()
    page.get_by_placeholder("sub").fill(STAFF_EMAIL)  # the provider's own authorize page
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(re.escape(site.url)), timeout=WAIT)
    settle(page)
    # the address is shown inert (ui.md): an invisible word joiner after the "@" keeps it from becoming a link
    shown_email = re.escape(STAFF_EMAIL).replace("@", "@\u2060")
    expect(sidebar(page)).to_contain_text(re.compile(f"スタッフとしてログイン中：{shown_email}"))

    open_page(page, f"{site.url}/estimate?plan=common&ids=10&addressee=サンプル保険代理店")
    main(page).get_by_role("button", name="書類を作成").click()
    settle(page)
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("button", name="概算お見積り（PDF）")).to_have_count(0)
    dialog.get_by_role("button", name="御見積書を発行").click()
    settle(page)
    expect(dialog.get_by_text("で発行し、登録しました")).to_be_visible(timeout=WAIT)
    number = re.search(r"見積番号 (\S+) で発行し", dialog.inner_text())[1]  # type: ignore[index]
    first = fetch(page, dialog, "御見積書（PDF）")
    text = pdf_text(first)
    assert text.startswith("御見積書") and f"見積番号：{number}" in text and "サンプル保険代理店御中" in text
    page.keyboard.press("Escape")

    sidebar(page).get_by_role("link", name="見積台帳（スタッフ）").click()
    settle(page)
    expect(main(page).get_by_text("1件中 1〜1件目")).to_be_visible()
    expect(main(page).get_by_role("heading", name=f"見積番号 {number}　サンプル保険代理店")).to_be_visible()
    main(page).get_by_role("button", name="再発行（第2版として発行）").click()
    settle(page)
    expect(main(page).get_by_text(f"見積番号 {number} の第2版を発行しました")).to_be_visible()
    expect(main(page).get_by_role("button", name="第1版を再印刷（PDF）")).to_be_visible()
    assert fetch(page, main(page), "第1版を再印刷（PDF）") == first  # revision 1 kept, reprinted byte for byte
    second = pdf_text(fetch(page, main(page), "第2版を再印刷（PDF）"))
    assert f"{number}（第2版）" in second
    link = main(page).get_by_role("link", name="案件を開く")
    expect(link).to_have_attribute("href", re.compile(r"^estimate\?.*addressee="))
    shot(page, "staff-page")
    tall(page)
    assert not serious(page)

    exported = fetch(page, main(page), "一覧をCSVで書き出す（1件）")
    assert exported.startswith(b"\xef\xbb\xbf") and number in exported.decode("utf-8-sig")
    reg = Register.open(site.register_url)
    try:
        assert [(e.by, e.rows) for e in reg.exports()] == [(STAFF_EMAIL, 1)]  # the export is recorded
        assert [r.revision for r in reg.revisions(number)] == [1, 2]
    finally:
        reg.close()

    sidebar(page).get_by_role("button", name="ログアウト").click()
    page.get_by_role("button", name="End session").click()  # Streamlit ends the provider's session too
    page.wait_for_url(re.compile(re.escape(site.url)), timeout=WAIT)
    settle(page)
    open_page(page, f"{site.url}/staff")
    expect(main(page).get_by_text("このページはスタッフ専用です。スタッフの方はログインしてください。")).to_be_visible()
    expect(sidebar(page).get_by_role("button", name="スタッフログイン")).to_be_visible()
