"""Bulk quotes in a real browser: upload a CP932 CSV, download the result, check its bytes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, settle, shot

pytestmark = pytest.mark.e2e
TITLE = {"ja": "一括見積り", "en": "Bulk quotes"}
LANGUAGE = {"ja": "表示言語", "en": "Language"}

AGENCIES = (
    "代理店名,プラン,ID数,マイセキュアビジネスライセンス数,DNSゾーン情報サポート,期間（か月）\r\n"
    "さくら保険サービス,共通ルールプラン,10,9,,\r\n"
    '"=HYPERLINK(""http://x"",""y"")",ハイブリッドプラン,5,,はい,24\r\n'
    "みどり損保,共通ルールプラン,51,,,\r\n"
)


def open_bulk(page: Page, app_url: str, lang: str = "ja", query: str = "") -> None:
    """The bulk page by its address, inside the app: its title, and the sidebar's language switch."""
    open_page(page, f"{app_url}/bulk?lang={lang}{query}")
    expect(page.locator("h1").first).to_have_text(TITLE[lang])
    expect(page.locator("[data-testid=stSidebar]").get_by_text(LANGUAGE[lang], exact=True)).to_be_visible()


def upload_and_download(page: Page, app_url: str, tmp_path: Path, data: bytes, button: str, lang: str = "ja") -> bytes:
    open_bulk(page, app_url, lang)
    src = tmp_path / "agencies.csv"
    src.write_bytes(data)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(src))
    settle(page)
    expect(page.get_by_text(button)).to_be_visible(timeout=20_000)
    with page.expect_download() as info:
        page.get_by_text(button).click()
    return Path(info.value.path()).read_bytes()


def test_upload_a_cp932_csv_and_download_the_quotes_for_excel(page: Page, app_url: str, tmp_path: Path) -> None:
    out = upload_and_download(page, app_url, tmp_path, AGENCIES.encode("cp932"),
                              "結果をダウンロード（UTF-8 BOM付き・Excel向け）")
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("見積済：2行 / 見積不可：1行").first).to_be_visible()
    shot(page, "bulk-upload-ja")

    assert out.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Japanese Excel opens it right on a double-click
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"))))
    head = rows[0]
    sakura, hyperlink, midori = (dict(zip(head, r, strict=True)) for r in rows[1:])
    # common, 10 IDs, 9 licences → one 10-pack; initial fee + MSB installation; 12 months (docs/rules.md §3)
    assert sakura["月額合計（税抜）"] == str(10 * 1500 + 1800)
    assert sakura["期間合計（税込）"] == str((3000 + 3000) * 110 // 100 + 12 * ((10 * 1500 + 1800) * 110 // 100))
    # hybrid, 5 IDs, 1 DNS hosting domain (mandatory), DNS zone information support, 24 months
    assert hyperlink["代理店名"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert hyperlink["期間合計（税抜）"] == str(3000 + 50000 + 24 * (5 * 1500 + 1500))
    assert midori["結果"] == "見積不可" and midori["エラー"].startswith("ID数: 共通ルールプランのID数は上限50ID")
    assert b"\r\n" in out and len(rows) == 4


def test_english_page_downloads_english_headers_and_cp932_on_request(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    data = "name,plan,ids\r\n髙橋㈱,common,3\r\n".encode()
    out = upload_and_download(page, app_url, tmp_path, data, "Download the results (Shift_JIS / CP932)", "en")
    shot(page, "bulk-upload-en")
    assert not out.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(out.decode("cp932"))))
    assert rows[0][:4] == ["name", "plan", "ids", "result"]
    assert rows[1][:5] == ["髙橋㈱", "common", "3", "quoted", str(3 * 1500)]


def test_typing_rows_into_the_table(page: Page, app_url: str) -> None:
    open_bulk(page, app_url, query="&source=editor")
    page.get_by_text("記入例を表に入れる").click()
    settle(page)
    expect(page.get_by_text("見積済：2行 / 見積不可：0行")).to_be_visible()
    shot(page, "bulk-editor-ja")


def test_hostile_files_are_refused_on_the_page_in_japanese(page: Page, app_url: str, tmp_path: Path) -> None:
    """Issue 9: an unclosed quote, Latin-1 bytes and a workbook get the engine's message, not a red icon."""
    open_bulk(page, app_url)
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("10,000,000バイト", exact=False).first).to_be_visible()  # the one limit, stated
    files = [
        ("quote.csv", b'plan,ids,name\r\ncommon,1,A\r\ncommon,2,"B\r\ncommon,3,C\r\n', "3行目で始まる"),
        ("latin1.csv", b"plan,ids,name\r\ncommon,1,Se\xf1or\r\n", "2行目に、UTF-8でもShift_JIS"),
        ("book.xlsx", b"PK\x03\x04\x14\x00\x06\x00binary", "CSVファイルとして読めません"),
    ]
    for name, data, needle in files:
        src = tmp_path / name
        src.write_bytes(data)
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(src))
        settle(page)
        expect(main.locator('[data-testid="stAlertContentError"]').get_by_text(needle, exact=False)).to_be_visible(
            timeout=20_000
        )
    shot(page, "bulk-hostile-ja")


def test_the_bulk_page_sends_no_request_to_another_host(page: Page, app_url: str, tmp_path: Path) -> None:
    """docs/rules.md §10: every request the browser makes, through an upload and a download, goes to the app."""
    own = app_url.split("//", 1)[1]
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    button = "結果をダウンロード（UTF-8 BOM付き・Excel向け）"
    upload_and_download(page, app_url, tmp_path, AGENCIES.encode("cp932"), button)
    elsewhere = [u for u in seen if not u.startswith(("data:", "blob:")) and u.split("//", 1)[1].split("/")[0] != own]
    assert seen and elsewhere == []
