"""Single-quote documents (issue 4): JSON identical to the command line's, the printable 見積書 (HTML),
pack and price texts, and the estimate area's texts in both languages.

Hand arithmetic for the running example, hybrid 10 IDs + 83 licences + DNS zone information support
(brochure prices, 税抜): monthly 1,500 × 10 + 15,000 (one 100-pack) + 1,500 (DNS hosting, mandatory)
= 31,500, tax 3,150, incl. 34,650; one-time 3,000 + 3,000 (MSB 工事費) + 50,000 = 56,000, tax 5,600,
incl. 61,600; 12 months: 56,000 + 12 × 31,500 = 434,000 excl., 61,600 + 12 × 34,650 = 477,400 incl.
"""

from __future__ import annotations

import json
import string
import tomllib
from pathlib import Path

import pytest

from sonpo.cli import main
from sonpo.display import assumptions, line_table, option_price, packs_text, quote_json
from sonpo.quote import Quote, Selection, quote

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def q() -> Quote:
    return quote(Selection(plan="hybrid", ids=10, msb_licences=83, dns_zone_support=True))


def cli(*argv: str) -> str:
    out: list[str | bytes] = []
    assert main(list(argv), out=out.append) == 0
    (result,) = out
    assert isinstance(result, str)
    return result


def test_json_is_what_the_command_line_prints(q: Quote) -> None:
    printed = cli("quote", "--plan", "hybrid", "--ids", "10", "--msb", "83", "--dns-support", "--format", "json")
    assert quote_json(q) == printed
    data = json.loads(quote_json(q))
    assert data["monthly"] == {"excl_tax": 31500, "tax": 3150, "incl_tax": 34650}
    assert data["initial"] == {"excl_tax": 56000, "tax": 5600, "incl_tax": 61600}
    assert data["period"] == {"months": 12, "excl_tax": 434000, "incl_tax": 477400}


def test_json_matches_the_command_line_for_per_id_options_and_months() -> None:
    sel = Selection(plan="individual", ids=7, domain="sub", mail_archive_ids=7, iijid_ids=3, months=24)
    printed = cli("quote", "--plan", "individual", "--ids", "7", "--domain", "sub", "--mail-archive",
                  "--iijid", "3", "--months", "24", "--format", "json")
    assert quote_json(quote(sel)) == printed


def test_packs_text_names_the_packs_bought() -> None:
    # docs/rules.md §3: 11 → 10 + 1 (2,000); 183 → two 100-packs; 9 → one 10-pack
    assert packs_text(quote(Selection(plan="common", ids=1, msb_licences=11)).msb_packs) == (
        "10ライセンスパック×1 + 1ライセンスパック×1（11ライセンス分）")
    assert packs_text(quote(Selection(plan="common", ids=1, msb_licences=183)).msb_packs, "en") == (
        "100-licence pack × 2 (covers 200 licences)")
    assert packs_text(quote(Selection(plan="common", ids=1, msb_licences=9)).msb_packs) == (
        "10ライセンスパック×1（10ライセンス分）")
    assert packs_text(quote(Selection(plan="common", ids=1)).msb_packs) == ""


def test_line_table_adds_tax_included_amounts_only_when_shown_so(q: Quote) -> None:
    excl = line_table(q, "ja", "excl")
    assert excl[0] == {"項目": "基本料金（月額）", "区分": "月額", "数量": "10", "単位": "ID",
                       "単価（税抜）": "1,500円", "金額（税抜）": "15,000円"}
    assert list(excl[0]) == ["項目", "区分", "数量", "単位", "単価（税抜）", "金額（税抜）"]  # the 見積書's order
    # hybrid 10 IDs, 83 licences (one 100-pack), DNS hosting (mandatory), DNS zone support: per line, its unit
    assert [(r["項目"], r["数量"], r["単位"]) for r in excl] == [
        ("基本料金（月額）", "10", "ID"), ("初期費用", "1", "式"),
        ("マイセキュア ビジネス 100ライセンスパック", "1", "パック"), ("マイセキュア ビジネス 工事費", "1", "式"),
        ("DNSホスティング（月額）", "1", "ドメイン"), ("DNSゾーン情報サポート", "1", "式")]
    assert [r["Unit"] for r in line_table(q, "en")] == ["ID", "lump sum", "pack", "lump sum", "domain", "lump sum"]
    incl = line_table(q, "ja", "incl")
    assert incl[0]["金額（税込）"] == "16,500円"  # 15,000 × 1.1
    assert len(incl) == len(q.lines) == 6


def test_option_prices_follow_the_brochure() -> None:
    assert option_price("mail_archive", "ja", "excl") == "月額380円/ID、工事費0円（税抜）"
    assert option_price("mail_archive", "ja", "incl") == "月額418円/ID、工事費0円（税込）"
    assert option_price("dns_zone_support", "en", "incl") == "One-time fee ¥55,000 (incl. tax)"
    assert "100ライセンスパック15,000円" in option_price("msb", "ja")


def test_assumptions_state_no_pro_rating_and_the_special_plan() -> None:
    ja = assumptions("ja")
    assert any("日割り" in a for a in ja) and any("300ID" in a for a in ja)
    assert len(assumptions("en")) == len(ja)


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _flat(table: dict[str, object], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in table.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = str(v)
    return out


def test_both_languages_hold_the_same_keys_and_placeholders() -> None:
    ja = _flat(tomllib.loads((ROOT / "data/i18n/ja/estimate.toml").read_text("utf-8")))
    en = _flat(tomllib.loads((ROOT / "data/i18n/en/estimate.toml").read_text("utf-8")))
    assert set(ja) == set(en)
    assert {k.split(".")[0] for k in ja} == {"estimate", "compare", "doc"}
    for key in ja:
        assert _fields(ja[key]) == _fields(en[key]), key
