"""The issuer (docs/rules.md §9): data the deploying company fills in; nothing invented, empty fields left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from sonpo.errors import DomainError
from sonpo.issuer import Issuer, load_issuer
from sonpo.names import ISSUER_FIELDS, CatalogError


def test_the_shipped_issuer_is_empty_so_the_documents_point_to_the_sales_representative() -> None:
    issuer = load_issuer()
    assert not issuer.has_contact
    assert issuer.lines("ja") == []
    assert "営業" in issuer.contact_text("ja")
    assert "sales representative" in issuer.contact_text("en")


def test_only_filled_in_fields_are_shown() -> None:
    issuer = Issuer(company="株式会社テスト保険", phone="03-1234-5678")
    assert issuer.lines("ja") == ["株式会社テスト保険", "TEL：03-1234-5678"]
    text = issuer.contact_text("ja")
    assert "株式会社テスト保険" in text and "03-1234-5678" in text and "担当：" not in text


def test_a_session_override_replaces_only_what_the_rep_typed() -> None:
    base = Issuer(company="株式会社テスト保険", person="山田")
    mine = base.overridden(person="佐藤", email="", phone="  ")
    assert (mine.company, mine.person, mine.email, mine.phone) == ("株式会社テスト保険", "佐藤", "", "")


def test_a_line_break_in_a_field_is_refused() -> None:
    with pytest.raises(ValidationError):
        Issuer(person="山田\n太郎")


def test_a_character_the_documents_font_lacks_is_refused_naming_the_field_as_for_the_addressee() -> None:
    # 𠮷 (tsuchi-yoshi) is beyond JIS X 0208: IPAex Gothic has no glyph for it, the PDF would show an empty box
    with pytest.raises(DomainError) as e:
        Issuer(company="株式会社テスト保険", person="𠮷田 太郎")
    assert (e.value.code, e.value.field) == ("glyph", "issuer_person")
    assert e.value.message("ja").startswith("発行元の担当者の「𠮷」は見積書・提案書のフォントにない文字")
    assert e.value.message("en").startswith("Issuer's contact person: \"𠮷\" cannot be printed")
    with pytest.raises(DomainError) as e:
        Issuer(company="株式会社テスト保険").overridden(email="😀@example.jp")
    assert e.value.field == "issuer_email"
    assert Issuer(person="吉田 太郎").person == "吉田 太郎"  # 吉 is in the font


def test_an_unprintable_character_in_the_issuer_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "issuer.toml").write_text('[issuer]\ncompany = "代理店😀"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"issuer\.toml: issuer_company: .*😀"):
        load_issuer(tmp_path)


def test_a_broken_issuer_file_names_the_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "issuer.toml").write_text('[issuer]\ncompany = "A"\nfax = "1"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"issuer\.toml: issuer\.fax"):
        load_issuer(tmp_path)


def test_every_field_of_the_issuer_has_its_command_line_flag_and_its_entry() -> None:
    """The command line's --issuer-* flags and the documents dialog's entries are made from ISSUER_FIELDS."""
    assert tuple(Issuer.model_fields) == ISSUER_FIELDS
