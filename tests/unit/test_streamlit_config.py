"""Streamlit settings the issues rely on (issue 9): no external-IP lookup, one upload limit."""

from __future__ import annotations

import tomllib
from pathlib import Path

from sonpo.bulk import MAX_BYTES, MAX_UPLOAD_MB

CONFIG = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())


def test_a_server_address_is_set_so_a_headless_start_does_not_look_up_its_external_ip() -> None:
    # streamlit/web/bootstrap.py _print_url calls net_util.get_external_ip (checkip.amazonaws.com) when
    # headless and neither browser.serverAddress nor a specific server.address is set (checked with strace).
    assert CONFIG["server"]["headless"] is True
    assert CONFIG["browser"]["serverAddress"]
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_the_page_the_browser_and_the_engine_share_one_upload_limit() -> None:
    assert CONFIG["server"]["maxUploadSize"] == MAX_UPLOAD_MB
    assert MAX_BYTES == MAX_UPLOAD_MB * 1_000_000  # Streamlit's browser code counts a MB as 10**6 bytes


def test_tables_offer_no_english_partial_csv_download_of_their_own() -> None:
    # the bulk preview's toolbar would offer "Download as CSV" of the first 1,000 rows; the page's own buttons
    # hand out the whole result (issue 18: no English on a Japanese page where a setting can avoid it)
    assert CONFIG["client"]["disableDataExport"] is True
