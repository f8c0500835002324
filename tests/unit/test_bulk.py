"""Bulk quotes from a CSV (issue 4): files made here in UTF-8, UTF-8 with BOM and CP932, read back with pandas."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sonpo.bulk.engine import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    BulkFileError,
    _header_names,
    _key,
    column_guide,
    make_table,
    quote_row,
    quote_table,
    read_csv,
    run,
    template_csv,
    to_bytes,
)
from sonpo.cli.main import main
from sonpo.quote import Selection, check, quote

ROOT = Path(__file__).resolve().parents[2]
BOM = b"\xef\xbb\xbf"
JA_HEADER = (
    "代理店名,プラン,ID数,ドメイン,DNSホスティングドメイン数,マイセキュアビジネスライセンス数,"
    "メールアーカイブID数,IIJID認証ID数,DNSゾーン情報サポート,期間（か月）"
)
EN_HEADER = "name,plan,ids,domain,domains,msb_licences,mail_archive_ids,iijid_ids,dns_zone_support,months"

# Three agencies whose totals are worked out by hand from docs/rules.md §3 below.
GOOD_ROWS = [
    "さくら保険サービス,共通ルールプラン,10,,,9,,,いいえ,",
    "株式会社みどり損保,ハイブリッドプラン,5,独自ドメイン,2,,,,はい,24",
    "髙橋保険事務所㈱,個別ルールプラン,１０,サブドメイン,,\"1,500\",10,3,,6",
]


def csv_bytes(header: str, rows: list[str], encoding: str = "utf-8-sig") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def frame(data: bytes, encoding: str = "utf-8-sig") -> pd.DataFrame:
    """As a colleague's script would read it: empty cells are missing, numbers are numbers."""
    return pd.read_csv(io.BytesIO(data), encoding=encoding, dtype_backend="numpy_nullable")


# ---- encodings --------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "detected"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp932", "cp932")])
def test_japanese_names_are_read_in_every_encoding_excel_saves(encoding: str, detected: str) -> None:
    table = read_csv(csv_bytes(JA_HEADER, GOOD_ROWS, encoding))
    assert table.encoding == detected
    assert [r[0] for r in table.rows] == ["さくら保険サービス", "株式会社みどり損保", "髙橋保険事務所㈱"]
    result = quote_table(table)
    assert (result.quoted, result.refused) == (3, 0)


def test_the_three_encodings_give_the_same_result_file() -> None:
    outs = {enc: run(csv_bytes(JA_HEADER, GOOD_ROWS, enc))[1] for enc in ("utf-8", "utf-8-sig", "cp932")}
    assert outs["utf-8"] == outs["utf-8-sig"] == outs["cp932"]


def test_totals_worked_out_by_hand_from_the_price_list() -> None:
    _, out = run(csv_bytes(JA_HEADER, GOOD_ROWS, "cp932"))
    df = frame(out)
    common, hybrid, individual = (df.iloc[i] for i in range(3))
    # common, 10 IDs, 9 MSB licences → one 10-pack (1,800, docs/rules.md §3); initial fee + MSB installation
    monthly, initial = 10 * 1500 + 1800, 3000 + 3000
    assert (common["月額合計（税抜）"], common["月額合計（税込）"]) == (monthly, monthly + monthly * 10 // 100)
    assert (common["初期費用合計（税抜）"], common["初期費用合計（税込）"]) == (initial, initial + initial // 10)
    assert common["期間（か月）の計算値"] == 12
    assert common["期間合計（税抜）"] == initial + 12 * monthly
    assert common["期間合計（税込）"] == (initial + initial // 10) + 12 * (monthly + monthly // 10)
    assert common["マイセキュア ビジネス10ライセンスパック数"] == 1
    assert common["マイセキュア ビジネス購入ライセンス数"] == 10
    # hybrid, 5 IDs, 2 DNS hosting domains, DNS zone information support, 24 months
    monthly, initial = 5 * 1500 + 2 * 1500, 3000 + 50000
    assert hybrid["月額合計（税抜）"] == monthly
    assert hybrid["初期費用合計（税込）"] == initial * 110 // 100
    assert hybrid["期間合計（税抜）"] == initial + 24 * monthly
    assert hybrid["期間合計（税込）"] == initial * 110 // 100 + 24 * (monthly * 110 // 100)
    # individual, full-width '１０' IDs, '1,500' licences → 15 hundred-packs; 10 archive IDs, 3 IIJ IDs, 6 months
    monthly = 10 * 1500 + 15 * 15000 + 10 * 380 + 3 * 100
    assert individual["月額合計（税抜）"] == monthly
    assert individual["マイセキュア ビジネス100ライセンスパック数"] == 15
    assert individual["期間合計（税抜）"] == (3000 + 3000) + 6 * monthly


# ---- every row on its own --------------------------------------------------------

MIXED = [
    ("good common", "common,10,,,,,,,", None),
    ("unknown plan", "ゴールドプラン,10,,,,,,,", [("plan", "unknown_value")]),
    ("no plan", ",10,,,,,,,", [("plan", "required")]),
    ("ids not a number", "common,abc,,,,,,,", [("ids", "not_integer")]),
    ("ids empty", "common,,,,,,,,", [("ids", "required")]),
    ("ids 0", "common,0,,,,,,,", [("ids", "ids_min")]),
    ("ids over 50", "common,51,,,,,,,", [("ids", "ids_max")]),
    ("special plan", "individual,301,,,,,,,", [("ids", "special_plan")]),
    ("good individual", "個別ルールプラン,300,own,1,10,300,300,,120", None),
    ("domain not offered", "hybrid,5,sub,1,,,,,", [("domain", "domain_not_offered"),
                                                   ("domains", "dns_hosting_needs_own_domain")]),
    ("domain unknown", "individual,5,gmail,,,,,,", [("domain", "unknown_value")]),
    ("hybrid without DNS", "hybrid,5,,0,,,,,", [("domains", "dns_hosting_mandatory")]),
    ("DNS on a subdomain", "individual,5,sub,1,,,,,", [("domains", "dns_hosting_needs_own_domain")]),
    ("too many domains", "individual,5,own,101,,,,,", [("domains", "quantity_max")]),
    ("negative domains", "individual,5,own,-1,,,,,", [("domains", "negative")]),
    ("good hybrid", "hybrid,50,独自ドメイン,1,0,,,yes,1", None),
    ("too many licences", "common,5,,,10001,,,,", [("msb_licences", "quantity_max")]),
    ("negative licences", "common,5,,,-5,,,,", [("msb_licences", "negative")]),
    ("archive not offered", "common,5,,,,5,,,", [("mail_archive_ids", "option_not_offered")]),
    ("archive over IDs", "individual,10,,,,11,,,", [("mail_archive_ids", "per_id_over_ids")]),
    ("IIJ ID not offered", "hybrid,5,,,,,2,,", [("iijid_ids", "option_not_offered")]),
    ("not yes or no", "hybrid,5,,,,,,maybe,", [("dns_zone_support", "not_bool")]),
    ("DNS support not offered", "individual,5,,,,,,はい,", [("dns_zone_support", "option_not_offered")]),
    ("months 0", "common,5,,,,,,,0", [("months", "months_range")]),
    ("months 1.5", "common,5,,,,,,,1.5", [("months", "not_integer")]),
    ("all at once", "common,abc,own,,x,5,,maybe,999",
     [("ids", "not_integer"), ("domain", "domain_not_offered"), ("msb_licences", "not_integer"),
      ("mail_archive_ids", "option_not_offered"), ("dns_zone_support", "not_bool"), ("months", "months_range")]),
    ("good last", "hybrid,1,,,,,,,", None),
]


def mixed_file(encoding: str = "utf-8-sig") -> bytes:
    return csv_bytes(EN_HEADER, [f"{name},{cells}" for name, cells, _ in MIXED], encoding)


def test_every_kind_of_error_is_reported_on_its_row_and_good_rows_are_still_quoted() -> None:
    result = quote_table(read_csv(mixed_file()))
    assert [r[0] for r in result.table.rows] == [name for name, _, _ in MIXED]  # every row, in order
    for (name, _, expected), outcome in zip(MIXED, result.outcomes, strict=True):
        got = [(e.field, e.code) for e in outcome.errors]
        if expected is None:
            assert outcome.values is not None and got == [], name
        else:
            assert outcome.values is None and got == expected, name
    good = sum(1 for _, _, e in MIXED if e is None)
    assert (result.quoted, result.refused) == (good, len(MIXED) - good)
    # the header is Excel's row 1, so MIXED's rows are rows 2 to 28; the good ones are rows 2, 10, 17 and 28
    assert (good, len(MIXED) - good) == (4, 23)
    assert result.summary() == "見積済：4行 / 見積不可：23行（見積不可は3、4、5、6、7、8、9、11、12、13行目ほか13行）"


def test_the_error_column_names_field_and_rule_in_the_users_language() -> None:
    data = mixed_file()
    ja = frame(run(data, "ja")[1])
    en = frame(run(data, "en")[1])
    row = [name for name, _, _ in MIXED].index("archive over IDs")
    assert ja["エラー"][row] == (
        "メールアーカイブのID数: ID単位のオプションは契約ID数（10ID）以下で指定してください（入力値：11）。"
    )
    assert en["error"][row] == (
        "Mail archive IDs: A per-ID option covers at most the contract's 10 IDs (you entered 11)."
    )
    assert ja["結果"][row] == "見積不可" and en["result"][row] == "refused"
    every = [name for name, _, _ in MIXED].index("all at once")
    assert ja["エラー"][every].count(" / ") == 5
    assert en["error"][every].startswith("Number of IDs: Enter a whole number")
    assert pd.isna(ja["エラー"][0]) and ja["結果"][0] == "見積済"
    assert pd.isna(ja["月額合計（税抜）"][row])  # a refused row has no totals


def test_each_refused_row_names_its_own_value_when_many_break_the_same_rule() -> None:
    # docs/rules.md §3: 共通ルールプラン allows at most 50 IDs. The same rule, broken with other counts, row after row:
    # every row's message gives its own count (the writer reuses the text of a reason it has written before)
    counts = [51, 52, 51, 300, 52, 0]
    rows = [f"代理店{i},共通ルールプラン,{n},,,,,,," for i, n in enumerate(counts)]
    for data in (run(csv_bytes(JA_HEADER, rows), "ja")[1], _streamed(csv_bytes(JA_HEADER, rows))):
        errors = list(frame(data)["エラー"])
        for n, error in zip(counts, errors, strict=True):
            assert f"（入力値：{n}）" in error, (n, error)
        assert "上限50ID" in errors[0] and "1以上" in errors[-1]


def _streamed(data: bytes) -> bytes:
    """The command line's path (rows priced and written one at a time)."""
    from sonpo.bulk.engine import stream

    out = io.BytesIO()
    stream(data, out, "ja")
    return out.getvalue()


def test_output_read_back_with_pandas_matches_single_quotes_in_both_encodings() -> None:
    result = quote_table(read_csv(mixed_file()))
    utf8 = frame(to_bytes(result, "utf-8-sig"), "utf-8-sig")
    sjis = frame(to_bytes(result, "cp932"), "cp932")
    # CP932 has one code for 〜 (WAVE DASH, in our messages) and ～: Excel shows the same glyph
    pd.testing.assert_frame_equal(utf8.replace("\u301c", "\uff5e", regex=True), sjis)
    assert len(utf8) == len(MIXED)
    for i, (_, cells, expected) in enumerate(MIXED):
        if expected is not None:
            continue
        c = cells.split(",")
        sel = Selection(
            plan={"個別ルールプラン": "individual"}.get(c[0], c[0]),  # type: ignore[arg-type]
            ids=int(c[1]),
            domain={"独自ドメイン": "own"}.get(c[2], c[2] or None),  # type: ignore[arg-type]
            domains=int(c[3]) if c[3] else None,
            msb_licences=int(c[4] or 0),
            mail_archive_ids=int(c[5] or 0),
            iijid_ids=int(c[6] or 0),
            dns_zone_support=c[7] == "yes",
            months=int(c[8] or 12),
        )
        q = quote(sel)
        row = utf8.iloc[i]
        assert row["月額合計（税抜）"] == q.monthly.excl_tax and row["月額合計（税込）"] == q.monthly.incl_tax
        assert row["初期費用合計（税抜）"] == q.initial.excl_tax and row["初期費用合計（税込）"] == q.initial.incl_tax
        assert row["期間合計（税抜）"] == q.period.excl_tax and row["期間合計（税込）"] == q.period.incl_tax
        assert row["期間（か月）の計算値"] == q.period.months
        assert row["マイセキュア ビジネス購入ライセンス数"] == q.msb_packs.licences
    for col in ("月額合計（税抜）", "期間合計（税込）", "マイセキュア ビジネス1ライセンスパック数"):
        assert pd.api.types.is_integer_dtype(utf8[col]), col


@settings(max_examples=60, deadline=None)
@given(
    plan=st.sampled_from(["common", "individual", "hybrid"]),
    ids=st.integers(-2, 320),
    domain=st.sampled_from([None, "own", "sub", "designated"]),
    domains=st.one_of(st.none(), st.integers(-1, 102)),
    msb=st.integers(-1, 10_002),
    mail=st.integers(-1, 320),
    iijid=st.integers(-1, 320),
    dns=st.booleans(),
    months=st.integers(0, 121),
)
def test_a_row_is_quoted_exactly_as_a_single_quote_would_be(
    plan: str, ids: int, domain: str | None, domains: int | None, msb: int, mail: int, iijid: int, dns: bool,
    months: int,
) -> None:
    cells = {"plan": plan, "ids": str(ids), "domain": domain or "", "domains": "" if domains is None else str(domains),
             "msb_licences": str(msb), "mail_archive_ids": str(mail), "iijid_ids": str(iijid),
             "dns_zone_support": "はい" if dns else "いいえ", "months": str(months)}
    sel = Selection(plan=plan, ids=ids, domain=domain, domains=domains, msb_licences=msb,  # type: ignore[arg-type]
                    mail_archive_ids=mail, iijid_ids=iijid, dns_zone_support=dns, months=months)
    outcome = quote_row(cells)
    errors = check(sel)
    assert list(outcome.errors) == errors
    if not errors:
        q = quote(sel)
        assert outcome.values is not None
        assert outcome.values[:7] == (q.monthly.excl_tax, q.monthly.incl_tax, q.initial.excl_tax, q.initial.incl_tax,
                                      q.period.months, q.period.excl_tax, q.period.incl_tax)


# ---- formula injection ------------------------------------------------------------

NASTY = ['=HYPERLINK("http://x","y")', "+1", "-cmd", "@SUM(A1:A2)", "\tTAB", "\rCR"]


def test_text_cells_that_excel_would_run_are_neutralised_and_numbers_stay_numbers() -> None:
    header = EN_HEADER + ",memo,=evil"
    rows = [f'"{n.replace(chr(34), chr(34) * 2)}",common,10,,,,,,,,-5,=1+2' for n in NASTY]
    rows.append("plain,common,-3,,,-5,,,,,\"1,500\",@x")  # a refused row: its negative numbers stay numbers
    for encoding in ("utf-8-sig", "cp932"):
        out = to_bytes(quote_table(read_csv(csv_bytes(header, rows))), encoding)  # type: ignore[arg-type]
        df = frame(out, encoding)
        assert list(df["name"][: len(NASTY)]) == ["'" + n for n in NASTY]
        assert "'=evil" in df.columns
        assert list(df["'=evil"]) == ["'=1+2"] * len(NASTY) + ["'@x"]
        assert list(df["memo"]) == ["-5"] * len(NASTY) + ["1,500"]  # numbers in unknown columns: untouched
        last = df.iloc[-1]
        assert (last["ids"], last["msb_licences"]) == (-3, -5)
        assert pd.api.types.is_integer_dtype(df["月額合計（税抜）"]) and df["月額合計（税抜）"][0] == 10 * 1500
    text = to_bytes(quote_table(read_csv(csv_bytes(header, rows))), "utf-8-sig").decode("utf-8-sig")
    # numbers are written bare, not quoted and not prefixed
    assert "\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",common,10,,,,,,,,-5,'=1+2,見積済,15000,16500," in text


def test_the_neutralised_result_can_be_uploaded_again_without_growing() -> None:
    first = run(csv_bytes(EN_HEADER, ["=cmd,common,3,,,,,,,"]))[1]
    second_result, second = run(first)
    assert second == first
    assert second_result.table.recomputed_columns == 13


# ---- headers ---------------------------------------------------------------------


def test_no_two_columns_share_a_header_name() -> None:
    names = _header_names()
    for c in COLUMNS:
        assert names[_key(c.id)] == c.id
    keys = [(_key(t), c.id) for c in COLUMNS for t in (c.id, *c.aliases)]
    assert all(names[k] == cid for k, cid in keys)


def test_headers_match_after_nfkc_case_and_blanks_and_unknown_columns_are_kept_in_place() -> None:
    header = "ＩＤ数 , メモ ,Plan,期間(か月),NAME"
    table = read_csv(csv_bytes(header, ["１２,連絡済み,Common,24,テスト"]))
    assert table.columns == ["ids", None, "plan", "months", "name"]
    df = frame(to_bytes(quote_table(table)))
    assert list(df.columns[:5]) == ["ＩＤ数 ", " メモ ", "Plan", "期間(か月)", "NAME"]
    assert df[" メモ "][0] == "連絡済み"
    assert df["期間合計（税抜）"][0] == 3000 + 24 * 12 * 1500


def test_a_tab_separated_paste_and_ragged_rows_lose_nothing() -> None:
    data = b"plan\tids\nhybrid\t2\textra\ncommon\n"
    table = read_csv(data)
    assert table.header == ["plan", "ids", ""]
    assert table.rows == [["hybrid", "2", "extra"], ["common", "", ""]]
    result = quote_table(table)
    assert [o.values is not None for o in result.outcomes] == [True, False]


def test_blank_lines_are_skipped_and_counted() -> None:
    result, _ = run(b"plan,ids\r\n\r\ncommon,1\r\n,,\r\n")
    assert len(result.table.rows) == 1
    assert "空行2行" in result.summary()


def test_typed_rows_from_the_page_go_through_the_same_engine() -> None:
    table = make_table(["name", "plan", "ids"], [["A", "common", "3"], ["", "", ""], ["B", "gold", "3"]])
    result = quote_table(table, "en")
    assert (result.quoted, result.refused, table.blank_rows) == (1, 1, 1)
    assert [n for n, _, _ in result.refused_rows()] == [3]  # typed rows: their place in the table


# ---- row numbers as Excel shows them (issue 16) --------------------------------------

# Opened in Excel: the header is row 1, the blank line row 3, the cell with a line break keeps B on one
# row (4), the line of commas is row 6. Refused: B (0 IDs) on row 4, C (no such plan) on row 5, D (51 IDs on
# the common plan, whose limit is 50) on row 7. Their physical lines are 4, 6 and 8; their data rows 2, 3, 4.
EXCEL_ROWS = (
    b"name,plan,ids\r\n"
    b"A,common,3\r\n"
    b"\r\n"
    b'"B\r\nbranch office",common,0\r\n'
    b"C,gold,3\r\n"
    b",,\r\n"
    b'"D ""east""",common,51\r\n'
    b"E,common,2\r\n"
)


def test_refused_rows_are_named_by_the_row_excel_shows() -> None:
    result = quote_table(read_csv(EXCEL_ROWS))
    assert (result.quoted, result.refused, result.table.blank_rows) == (2, 3, 2)
    assert [(n, name) for n, name, _ in result.refused_rows()] == [
        (4, "B\r\nbranch office"), (5, "C"), (7, 'D "east"')]
    assert [result.row_number(i) for i in range(5)] == [2, 4, 5, 7, 8]
    assert result.summary().startswith("見積済：2行 / 見積不可：3行（見積不可は4、5、7行目）")
    assert "(refused rows: 4, 5, 7)" in quote_table(read_csv(EXCEL_ROWS), "en").summary()


def test_a_blank_line_above_the_header_moves_every_row_down() -> None:
    result = quote_table(read_csv(b"\r\nplan,ids\r\ncommon,0\r\n"))  # header on row 2, the row on row 3
    assert [n for n, _, _ in result.refused_rows()] == [3]


@pytest.mark.parametrize("extra", [b"", b",a note beyond the header"])  # the streamed way, and the two-pass one
def test_the_command_line_names_refused_rows_as_excel_shows_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: bytes
) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(EXCEL_ROWS.replace(b"E,common,2", b"E,common,2" + extra))
    assert main(["bulk", str(src), "-o", str(tmp_path / "out.csv")]) == 0
    assert "見積済：2行 / 見積不可：3行（見積不可は4、5、7行目）" in capsys.readouterr().err
    assert main(["bulk", str(src), "-o", str(tmp_path / "out.csv"), "--lang", "en"]) == 0
    assert "Rows quoted: 2 / rows refused: 3 (refused rows: 4, 5, 7)" in capsys.readouterr().err


def test_a_character_cp932_cannot_hold_is_named_by_its_excel_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = EXCEL_ROWS.replace(b"E,common,2", "E🍣,common,2".encode())  # row 8
    with pytest.raises(BulkFileError) as e:
        to_bytes(quote_table(read_csv(data)), "cp932")
    assert e.value.params["row"] == 8 and e.value.message("ja").startswith("8行目の「name」")
    src = tmp_path / "in.csv"
    src.write_bytes(data)
    assert main(["bulk", str(src), "--encoding", "cp932"]) == 2
    assert "8行目の「name」" in capsys.readouterr().err


def test_more_than_ten_refused_rows_are_named_ten_and_counted() -> None:
    data = b"plan,ids\r\n" + b"common,0\r\n" * 12 + b"common,1\r\n"  # refused on rows 2 to 13
    summary = quote_table(read_csv(data)).summary()
    assert summary == "見積済：1行 / 見積不可：12行（見積不可は2、3、4、5、6、7、8、9、10、11行目ほか2行）"


@pytest.mark.parametrize(
    ("data", "code", "row"),
    [
        # a cell with a line break (row 2), a blank row (3), then a quote opened on row 4 (line 5)
        (b'plan,ids,name\r\ncommon,1,"A\r\nB"\r\n\r\ncommon,2,"C\r\ncommon,3,D\r\n', "unclosed_quote", 4),
        (b'plan,ids,name\r\ncommon,1,"A\r\nB"\r\n\r\ncommon,2,"C"D\r\n', "bad_quote", 4),
        (b'plan,ids,name\r\ncommon,1,"A\r\nB"\r\n\r\ncommon,2,' + b"y" * (128 * 1024 + 1) + b"\r\n",
         "cell_too_large", 4),
    ],
)
def test_a_refused_file_names_the_excel_row_not_the_line(data: bytes, code: str, row: int) -> None:
    e = refusal(data)
    assert (e.code, e.params["row"]) == (code, row)
    assert f"{row}行目" in e.message("ja") and f"row {row}" in e.message("en").lower()


# ---- limits ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (BOM, "empty"),
        (b"\r\n \r\n", "empty"),
        (b"plan,ids\r\n", "empty"),
        (b"common,10\r\nindividual,20\r\n", "no_header"),
        (b"name,ids\r\nA,1\r\n", "no_header"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_csv"),
        (b"PK\x03\x04\x14\x00\x06\x00", "not_csv"),
        ("plan,ids\r\ncommon,1\r\n".encode("utf-16"), "not_csv"),
        (b"plan,ids\r\ncommon,\x81 1\r\n", "not_text"),
        (b"plan,ids\r\ncommon,1\x81\r\n", "not_text"),
        (b"plan,ids,plan\r\ncommon,1,hybrid\r\n", "duplicate_column"),
        (BOM + "プラン,ID数,Plan\r\n".encode(), "duplicate_column"),
    ],
)
def test_a_file_that_cannot_be_used_gets_a_clear_message(data: bytes, code: str) -> None:
    with pytest.raises(BulkFileError) as e:
        read_csv(data)
    assert e.value.code == code
    for lang in ("ja", "en"):
        assert not e.value.message(lang).startswith("bulk.")  # a real text in both languages


def test_no_header_message_lists_the_headers_in_both_languages() -> None:
    with pytest.raises(BulkFileError) as e:
        read_csv(b"foo,bar\r\n1,2\r\n")
    assert "「プラン」" in e.value.message("ja") and "plan, ids" in e.value.message("en")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    data = csv_bytes(EN_HEADER, ["x,common,1,,,,,,,"] * 100)
    with pytest.raises(BulkFileError) as e:
        read_csv(data, max_bytes=1024 * 1024 // 1000)
    assert e.value.code == "too_large"
    assert "MB" in e.value.message("en")
    assert read_csv(data, max_bytes=len(data)).rows  # exactly at the limit is fine


def test_more_than_100000_rows_is_refused_and_100000_are_quoted() -> None:
    assert MAX_ROWS == 100_000
    with pytest.raises(BulkFileError) as e:
        read_csv(b"plan,ids\n" + b"common,1\n" * (MAX_ROWS + 1), max_bytes=None)
    assert e.value.code == "too_many_rows"
    assert "100,000" in e.value.message("ja")
    result = quote_table(read_csv(b"plan,ids\n" + b"common,1\n" * MAX_ROWS, max_bytes=None))
    assert result.quoted == MAX_ROWS


def test_cp932_names_the_row_that_cannot_be_encoded_and_keeps_what_it_can() -> None:
    rows = ["㈱髙橋保険～①,common,1,,,,,,,", "寿司🍣保険,common,1,,,,,,,", "ok,common,1,,,,,,,", "🍣,common,2,,,,,,,"]
    result = quote_table(read_csv(csv_bytes(EN_HEADER, rows)))
    with pytest.raises(BulkFileError) as e:
        to_bytes(result, "cp932")
    assert e.value.code == "unencodable_more"
    assert e.value.params["row"] == 3 and e.value.params["others"] == 1  # Excel: the header is row 1
    msg = e.value.message("ja")
    assert msg.startswith("3行目の「name」") and "U+1F363" in msg
    assert e.value.message("en").startswith("Row 3, column")
    ok = quote_table(read_csv(csv_bytes(EN_HEADER, [rows[0]])))
    assert frame(to_bytes(ok, "cp932"), "cp932")["name"][0] == "㈱髙橋保険～①"


# ---- template, guide, command line, texts -------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_template_has_two_example_rows_that_quote(lang: str) -> None:
    data = template_csv(lang)  # type: ignore[arg-type]
    assert data.startswith(BOM)
    result, _ = run(data, lang)  # type: ignore[arg-type]
    assert (result.quoted, result.refused) == (2, 0)
    assert result.table.header[1] == ("プラン" if lang == "ja" else "plan")
    assert len(column_guide(lang)) == len(COLUMNS)  # type: ignore[arg-type]


def test_command_line_writes_bom_csv_to_stdout_and_the_summary_to_stderr(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(mixed_file("cp932"))
    assert main(["bulk", str(src)]) == 0
    out, err = capsysbinary.readouterr()
    assert out.startswith(BOM)
    assert len(frame(out)) == len(MIXED)
    assert "見積不可" in err.decode()
    dest = tmp_path / "out.csv"
    assert main(["bulk", str(src), "-o", str(dest), "--encoding", "cp932", "--lang", "en"]) == 0
    out, err = capsysbinary.readouterr()
    assert out == b"" and b"Rows quoted" in err
    assert list(frame(dest.read_bytes(), "cp932")["result"])[:2] == ["quoted", "refused"]


def test_command_line_refuses_a_bad_file_with_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"")
    assert main(["bulk", str(src)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "ファイルが空" in err
    assert main(["bulk", str(tmp_path / "missing.csv"), "--lang", "en"]) == 2
    assert "Cannot read the file" in capsys.readouterr().err
    src.write_bytes(csv_bytes(EN_HEADER, ["🍣,common,1,,,,,,,"]))
    assert main(["bulk", str(src), "--encoding", "cp932"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "2行目の「name」" in err  # the first data row is Excel's row 2


def bulk_with_a_broken_catalog(tmp_path: Path, data: bytes) -> subprocess.CompletedProcess[str]:
    """`python -m sonpo bulk` on `data`, run from a copy of the code and data whose catalog gives the common
    plan a monthly price of -1,500円 per ID (a price is never negative)."""
    app = tmp_path / "app"
    for part in ("sonpo", "data"):
        shutil.copytree(ROOT / part, app / part, ignore=shutil.ignore_patterns("__pycache__"))
    catalog = app / "data" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    assert text.index("[plans.common]") < text.index("monthly_per_id = 1500")
    catalog.write_text(text.replace("monthly_per_id = 1500", "monthly_per_id = -1500", 1), encoding="utf-8")
    (app / "in.csv").write_bytes(data)
    return subprocess.run(
        [sys.executable, "-m", "sonpo", "bulk", "in.csv", "-o", "out.csv", "--lang", "en"],
        cwd=app, env={**os.environ, "PYTHONPATH": str(app)}, capture_output=True, text=True, timeout=60,
        check=False,
    )


def test_the_command_line_refuses_a_broken_catalog_naming_the_file_and_the_field(tmp_path: Path) -> None:
    p = bulk_with_a_broken_catalog(tmp_path, csv_bytes(EN_HEADER, ["A,common,10,,,,,,,"]))
    assert (p.returncode, p.stdout) == (1, "")
    assert p.stderr.count("\n") == 1 and "catalog.toml" in p.stderr and "monthly_per_id" in p.stderr
    assert not (tmp_path / "app" / "out.csv").exists()


def test_a_refused_file_is_named_before_a_broken_catalog(tmp_path: Path) -> None:
    p = bulk_with_a_broken_catalog(tmp_path, b"PK\x03\x04\x00\x00 an Excel workbook, not a CSV")
    assert p.returncode == 2 and p.stderr.count("\n") == 1
    assert "catalog.toml" not in p.stderr


# ---- hostile files (issue 9): nothing lost, nothing garbled ----------------------------


def refusal(data: bytes, **kw: int | None) -> BulkFileError:
    with pytest.raises(BulkFileError) as e:
        read_csv(data, **kw)  # type: ignore[arg-type]
    return e.value


def test_an_unclosed_quote_is_refused_with_the_row_where_it_opens() -> None:
    data = b'plan,ids,name\r\ncommon,1,A\r\ncommon,2,"B\r\ncommon,3,C\r\ncommon,4,D\r\n'
    e = refusal(data)
    assert (e.code, e.params["row"]) == ("unclosed_quote", 3)
    assert "3行目" in e.message("ja") and "row 3" in e.message("en")


def test_a_quoted_line_break_is_kept_and_every_row_survives() -> None:
    data = b'plan,ids,name\r\ncommon,1,"A\r\nB"\r\ncommon,2,C\r\n'
    table = read_csv(data)
    assert [r[2] for r in table.rows] == ["A\r\nB", "C"]


def test_a_misplaced_quote_is_refused_with_its_line() -> None:
    e = refusal(b'plan,ids,name\r\ncommon,1,"A"B\r\n')
    assert (e.code, e.params["row"]) == ("bad_quote", 2)


@pytest.mark.parametrize(
    "data",
    [
        b"plan,ids,name\r\ncommon,1,Se\xf1or\r\n",  # Latin-1: CP932 would read 0xF1 as a user-defined character
        b"plan,ids,name\r\ncommon,1,caf\xe9\r\n",  # Latin-1 at the end of a cell
        "plan,ids,name\r\ncommon,1,髙橋".encode() + b"\xff\r\n",  # UTF-8 with one broken byte
        "plan,ids,name\r\ncommon,1,髙橋".encode()[:-1] + b"\r\n",  # UTF-8 cut in the middle of a character
        b"plan,ids,name\r\ncommon,1,\x85x\r\n",  # a C1 control where a Japanese file has none
        BOM + "plan,ids,name\r\ncommon,1,髙橋".encode() + b"\xff\r\n",  # Excel's CSV UTF-8 with a broken byte
        BOM + "plan,ids,name\r\ncommon,1,髙橋".encode()[:-1],  # ... cut in the middle of its last character
    ],
)
def test_bytes_neither_utf8_nor_cp932_are_refused_as_an_unreadable_encoding(data: bytes) -> None:
    e = refusal(data)
    assert (e.code, e.params["line"]) == ("not_text", 2)
    assert "2行目" in e.message("ja") and "UTF-8" in e.message("en")


def test_real_cp932_names_are_still_read() -> None:
    table = read_csv("plan,ids,name\r\ncommon,1,髙橋保険事務所㈱ ｶﾀｶﾅ\r\n".encode("cp932"))
    assert (table.encoding, table.rows[0][2]) == ("cp932", "髙橋保険事務所㈱ ｶﾀｶﾅ")


def test_a_cell_over_128_kib_is_refused_in_the_users_language() -> None:
    data = b"plan,ids,name\r\ncommon,1,x\r\ncommon,1," + b"y" * (128 * 1024 + 1) + b"\r\n"
    e = refusal(data)
    assert (e.code, e.params["row"]) == ("cell_too_large", 3)
    ja = e.message("ja")
    assert "131,072文字" in ja and "field larger" not in ja and "limit" not in ja


def test_blank_rows_count_towards_the_row_limit() -> None:
    e = refusal(b"plan,ids\ncommon,1\n" + b",,\n" * 10 + b"\n" * 10, max_rows=15)
    assert e.code == "too_many_rows"
    assert read_csv(b"plan,ids\ncommon,1\n" + b",,\n" * 14, max_rows=15).blank_rows == 14


def test_one_size_limit_for_browser_engine_and_command_line() -> None:
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert "maxUploadSize = 10 " in config
    assert MAX_BYTES == 10 * 1_000_000  # Streamlit's browser counts a MB as 1,000,000 bytes
    e = refusal(b"plan,ids\n" + b"common,1\n" * (MAX_BYTES // 9 + 1))
    assert e.code == "too_large" and "10,000,000" in e.message("ja")


def test_the_command_line_has_the_size_limit_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "big.csv"
    src.write_bytes(b"plan,ids\n" + b"common,1\n" * (MAX_BYTES // 9 + 1))
    assert main(["bulk", str(src)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "大きすぎます" in err


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b'plan,ids,name\r\ncommon,1,A\r\ncommon,2,"B\r\ncommon,3,C\r\n', "3行目で始まる"),
        (b"plan,ids,name\r\ncommon,1,Se\xf1or\r\n", "2行目に、UTF-8でも"),
        # a UTF-8 file with BOM, broken far down: refused when the reading reaches it, nothing written
        (BOM + b"plan,ids,name\r\n" + b"common,1,A\r\n" * 20_000 + b"common,1,caf\xe9\r\n", "20002行目に、UTF-8でも"),
    ],
)
def test_the_command_line_refuses_hostile_files_with_one_line_and_writes_nothing(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], data: bytes, needle: str
) -> None:
    src, dest = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes(data)
    assert main(["bulk", str(src)]) == 2
    out, err = capsysbinary.readouterr()
    assert out == b"" and err.count(b"\n") == 1 and needle in err.decode()
    assert main(["bulk", str(src), "-o", str(dest)]) == 2
    assert not dest.exists() and list(tmp_path.iterdir()) == [src]  # no half-written or temporary file


def test_an_unwritable_destination_prints_the_error_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "ok.csv"
    src.write_bytes(csv_bytes(EN_HEADER, ["x,common,1,,,,,,,"]))
    assert main(["bulk", str(src), "-o", str(tmp_path / "no" / "such" / "x.csv")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "書き込めません" in err and "見積済" not in err


def test_the_memo_does_not_key_on_the_agency_name() -> None:
    from sonpo.bulk.price import Pricer

    table = read_csv(csv_bytes(EN_HEADER, [f"agency {i},common,3,,,,,,," for i in range(50)]))
    pricer = Pricer(table.columns)
    outcomes = [pricer.row(r) for r in table.rows]
    assert len({id(o) for o in outcomes}) == 1  # one distinct request, priced once


def test_the_streamed_command_line_file_equals_the_in_memory_one() -> None:
    from io import BytesIO

    from sonpo.bulk.engine import stream

    data = mixed_file("cp932")
    out = BytesIO()
    summary = stream(data, out)
    result, whole = run(data)
    assert out.getvalue() == whole and summary == result.summary()
