"""A quote as rows and as CSV for Japanese Excel (UTF-8 with BOM, CRLF), with the price list's date."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from sonpo.catalog import load_catalog
from sonpo.documents.export import BOM, line_rows, quote_csv, to_csv, total_rows
from sonpo.names import DATA_DIR
from sonpo.quote import Selection, quote


def rows_of(raw: bytes) -> list[list[str]]:
    assert raw.startswith(BOM.encode("utf-8"))
    text = raw.decode("utf-8")[1:]
    assert "\n" not in text.replace("\r\n", "")  # every line ends CRLF
    return list(csv.reader(io.StringIO(text, newline="")))


def test_hybrid_quote_csv_in_japanese() -> None:
    q = quote(Selection(plan="hybrid", ids=3, msb_licences=11, dns_zone_support=True))
    rows = rows_of(quote_csv(q, "ja"))
    monthly = 1500 * 3 + 1800 + 200 + 1500
    initial = 3000 + 3000 + 50000
    assert rows == [
        ["項目", "単価（税抜）", "数量", "単位", "金額（税抜）", "区分"],
        ["基本料金（月額）", "1500", "3", "ID", str(1500 * 3), "月額"],
        ["初期費用", "3000", "1", "式", "3000", "初期（一時）"],
        ["マイセキュア ビジネス 10ライセンスパック", "1800", "1", "パック", "1800", "月額"],
        ["マイセキュア ビジネス 1ライセンスパック", "200", "1", "パック", "200", "月額"],
        ["マイセキュア ビジネス 工事費", "3000", "1", "式", "3000", "初期（一時）"],
        ["DNSホスティング（月額）", "1500", "1", "ドメイン", "1500", "月額"],
        ["DNSゾーン情報サポート", "50000", "1", "式", "50000", "初期（一時）"],
        [],
        ["合計", "税抜", "消費税（10%）", "税込"],
        ["月額合計", str(monthly), str(monthly // 10), str(monthly * 11 // 10)],
        ["初期費用合計", str(initial), str(initial // 10), str(initial * 11 // 10)],
        ["12か月合計（初期費用＋月額×12）", str(initial + 12 * monthly), str((initial + 12 * monthly) // 10),
         str((initial + 12 * monthly) * 11 // 10)],
        [],
        ["料金は2024-04-01現在（損保クラウドサービス プランのご案内）"],
    ]


def test_english_csv_has_the_same_shape() -> None:
    q = quote(Selection(plan="individual", ids=10, mail_archive_ids=10, iijid_ids=10, months=6))
    ja, en = rows_of(quote_csv(q, "ja")), rows_of(quote_csv(q, "en"))
    assert [len(r) for r in ja] == [len(r) for r in en]
    assert [[r[1], r[2], r[4]] for r in ja[1:4]] == [[r[1], r[2], r[4]] for r in en[1:4]]  # the same numbers
    assert en[0][0] == "Item" and "2024-04-01" in en[-1][0]
    assert ["380", "10", "ID", "3800"] in [r[1:5] for r in en]
    assert [r[3] for r in en[1:3]] == ["ID", "lump sum"]  # basic fee per ID, initial fee once


def test_the_csv_gives_the_date_of_the_catalog_the_quote_was_priced_from(tmp_path: Path) -> None:
    text = (DATA_DIR / "catalog.toml").read_text(encoding="utf-8")
    (tmp_path / "catalog.toml").write_text(text.replace("effective_date = 2024-04-01", "effective_date = 2025-10-01"),
                                           encoding="utf-8")
    q = quote(Selection(plan="common", ids=3), load_catalog(tmp_path))
    assert rows_of(quote_csv(q, "ja"))[-1] == ["料金は2025-10-01現在（損保クラウドサービス プランのご案内）"]
    assert rows_of(quote_csv(q, "en"))[-1] == ["Prices as of 2025-10-01 (Sonpo Cloud plan brochure)"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_totals_rows_agree_with_the_quote(lang: str) -> None:
    q = quote(Selection(plan="common", ids=7, msb_licences=3, months=24))
    rows = total_rows(q, lang)  # type: ignore[arg-type]
    assert rows[1][1:] == [q.monthly.excl_tax, q.monthly.tax, q.monthly.incl_tax]
    assert rows[2][1:] == [q.initial.excl_tax, q.initial.tax, q.initial.incl_tax]
    assert rows[3][1] == 3000 + 3000 + 24 * (1500 * 7 + 3 * 200)
    assert rows[3][3] == (3000 + 3000 + 24 * (1500 * 7 + 3 * 200)) * 11 // 10
    assert len(line_rows(q, lang)) == 1 + len(q.lines)  # type: ignore[arg-type]


def test_to_csv_quotes_what_needs_quoting() -> None:
    text = to_csv([["a,b", 'say "hi"', 1500]], bom=False)
    assert text == '"a,b","say ""hi""",1500\r\n'
