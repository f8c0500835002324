"""The bulk-quote page, driven with AppTest: upload, typed rows, summary, error column, downloads, limits."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.pages.apptest import APP, open_app

BOM = "\ufeff"
JA_FILE = (
    "代理店名,プラン,ID数,マイセキュアビジネスライセンス数,メールアーカイブID数\r\n"
    "さくら保険サービス,共通ルールプラン,10,9,\r\n"
    "みどり損保,共通ルールプラン,10,,5\r\n"
    '"=HYPERLINK(""http://x"",""y"")",個別ルールプラン,301,,\r\n'
)


def bulk_page(**params: str) -> AppTest:
    return open_app("views/bulk.py", **params)


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="bulk.upload").upload(name, data, "text/csv")
    at.run()
    assert not at.exception, at.exception
    return at


def test_uploading_a_cp932_file_shows_the_summary_the_refused_rows_and_the_downloads() -> None:
    at = upload(bulk_page(), "agencies.csv", JA_FILE.encode("cp932"))
    assert at.title[0].value == "一括見積り"
    assert at.warning[0].value.startswith("見積済：1行 / 見積不可：2行")
    assert any("文字コード：Shift_JIS（CP932）" in c.value for c in at.caption)  # the name Excel users know
    refused = at.dataframe[0].value
    assert list(refused["行"]) == [3, 4]  # Excel's rows: the header is row 1
    assert refused["エラー"][0].startswith("メールアーカイブのID数: メールアーカイブは共通ルールプランでは")
    assert "特別プラン" in refused["エラー"][1]
    preview = at.dataframe[1].value
    assert list(preview["代理店名"]) == ["さくら保険サービス", "みどり損保", '=HYPERLINK("http://x","y")']
    assert preview["月額合計（税抜）"].iloc[0] == 10 * 1500 + 1800  # docs/rules.md §3: 9 licences → one 10-pack
    assert list(preview["結果"]) == ["見積済", "見積不可", "見積不可"]
    assert preview["月額合計（税抜）"].isna().tolist() == [False, True, True]
    proto = at.dataframe[1].proto  # a refused row's amounts show empty, as in the file, not "None"
    assert proto.HasField("placeholder") and proto.placeholder == ""
    labels = [b.label for b in at.get("download_button")]
    assert labels == [
        "テンプレートをダウンロード（記入例2行）",
        "結果をダウンロード（UTF-8 BOM付き・Excel向け）",
        "結果をダウンロード（Shift_JIS / CP932）",
    ]


def test_english_page_speaks_english_in_the_summary_and_the_error_column() -> None:
    # typed rows seeded before the first run: AppTest re-formats the sidebar's tax radio outside the
    # script on a rerun, in Japanese, so an English page is tested in one run
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.switch_page("views/bulk.py")
    at.query_params["lang"] = "en"
    at.query_params["source"] = "editor"
    at.session_state["bulk.editor.0"] = {
        "edited_rows": {},
        "added_rows": [{"name": "A", "plan": "common", "ids": "3"}, {"name": "B", "plan": "gold", "ids": "3"}],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Bulk quotes"
    assert at.warning[0].value.startswith("Rows quoted: 1 / rows refused: 1")
    refused = at.dataframe[1].value
    assert refused["error"][0].startswith('Plan: "gold" is not allowed.')
    preview = at.dataframe[2].value
    assert list(preview["result"]) == ["quoted", "refused"]
    assert preview["monthly total (excl. tax)"].iloc[0] == 3 * 1500


def test_refused_rows_are_named_by_the_rows_excel_shows() -> None:
    # Opened in Excel: header row 1, A row 2, the blank line row 3, B (its name holds a line break) row 4,
    # C row 5, the line of commas row 6, D row 7, E row 8. Refused: B (0 IDs), C (no such plan), D (51 IDs on
    # the common plan, at most 50): rows 4, 5 and 7 (their lines in the file are 4, 6 and 8).
    data = (
        "代理店名,プラン,ID数\r\n"
        "A,共通ルールプラン,3\r\n"
        "\r\n"
        '"B\r\n支店",共通ルールプラン,0\r\n'
        "C,ゴールドプラン,3\r\n"
        ",,\r\n"
        "D,共通ルールプラン,51\r\n"
        "E,共通ルールプラン,2\r\n"
    ).encode("cp932")
    at = upload(bulk_page(), "rows.csv", data)
    assert at.warning[0].value.startswith("見積済：2行 / 見積不可：3行（見積不可は4、5、7行目）")
    refused = at.dataframe[0].value
    assert list(refused["行"]) == [4, 5, 7]
    assert list(refused["代理店名"]) == ["B\r\n支店", "C", "D"]
    help_text = json.loads(at.dataframe[0].proto.columns)["行"]["help"]  # the column says how rows are counted
    assert help_text == "Excelで開いたときの行番号です（見出し行が1行目、空行も1行に数えます）。"
    preview = at.dataframe[1].value
    assert list(preview.index) == [2, 4, 5, 7, 8]  # the preview names its rows the same way
    assert list(preview["結果"]) == ["見積済", "見積不可", "見積不可", "見積不可", "見積済"]


def test_a_file_that_cannot_be_used_gets_a_message_and_the_page_keeps_working() -> None:
    at = upload(bulk_page(), "bad.csv", b"PK\x03\x04\x00\x00binary")
    assert "CSVファイルとして読めません" in at.error[0].value
    at.file_uploader(key="bulk.upload").set_value(("empty.csv", b"", "text/csv"))
    at.run()
    assert "ファイルが空です" in at.error[0].value
    at.file_uploader(key="bulk.upload").set_value(("good.csv", b"plan,ids\ncommon,1\n", "text/csv"))
    at.run()
    assert not at.error and at.success[0].value.startswith("見積済：1行 / 見積不可：0行")


def test_an_upload_over_the_configured_size_is_refused_by_the_page_itself() -> None:
    big = b"plan,ids\n" + b"common,1\n" * (10_000_000 // 9 + 1)  # just over the browser's own limit
    at = upload(bulk_page(), "big.csv", big)
    assert "ファイルが大きすぎます" in at.error[0].value and "10,000,000バイト" in at.error[0].value


def test_before_an_upload_the_page_states_the_one_limit_and_what_a_refusal_looks_like() -> None:
    at = bulk_page()
    text = at.info[0].value
    assert "10MB（10,000,000バイト）" in text and "100,000行" in text and "赤い印" in text


def test_hostile_uploads_get_a_message_in_the_users_language() -> None:
    at = upload(bulk_page(), "quote.csv", b'plan,ids,name\r\ncommon,1,A\r\ncommon,2,"B\r\ncommon,3,C\r\n')
    assert "3行目で始まる" in at.error[0].value and not at.dataframe
    at = upload(bulk_page(), "latin1.csv", b"plan,ids,name\r\ncommon,1,Se\xf1or\r\n")
    assert "2行目に、UTF-8でも" in at.error[0].value
    at = upload(bulk_page(), "huge.csv", b"plan,ids,name\r\ncommon,1," + b"y" * 140_000 + b"\r\n")
    assert "131,072文字" in at.error[0].value and "field" not in at.error[0].value


def test_a_name_cp932_cannot_hold_disables_that_download_and_names_the_row() -> None:
    data = "plan,ids,name\ncommon,1,ok\ncommon,2,寿司🍣\n".encode()
    at = upload(bulk_page(), "emoji.csv", data)
    buttons = at.get("download_button")
    assert buttons[1].proto.disabled is False and buttons[2].proto.disabled is True
    assert at.error[0].value.startswith("3行目の「name」") and "U+1F363" in at.error[0].value  # Excel: row 3


def test_typed_rows_in_the_table_are_quoted_like_a_file() -> None:
    at = bulk_page(source="editor")
    assert at.info[0].value == "見積りする行がまだありません。"
    at.session_state["bulk.editor.0"] = {
        "edited_rows": {},
        "added_rows": [
            {"name": "東京海上代理店", "plan": "ハイブリッドプラン", "ids": "２０", "dns_zone_support": "はい"},
            {"name": "-cmd", "plan": "common", "ids": "0"},
        ],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception
    assert at.warning[0].value.startswith("見積済：1行 / 見積不可：1行")
    preview = at.dataframe[2].value
    # hybrid, 20 IDs, DNS hosting 1 domain (mandatory minimum), DNS zone support: docs/rules.md §3
    assert preview["月額合計（税抜）"].iloc[0] == 20 * 1500 + 1500
    assert preview["初期費用合計（税抜）"].iloc[0] == 3000 + 50000
    assert at.dataframe[1].value["エラー"][0].startswith("ID数: ID数は1以上の整数で入力してください")


def test_the_example_button_fills_the_table_with_two_rows_that_quote() -> None:
    at = bulk_page(source="editor")
    at.button(key="bulk.examples").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value.startswith("見積済：2行 / 見積不可：0行")
    assert len(at.data_editor[0].value) == 2
