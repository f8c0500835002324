"""The issuer (docs/rules.md §9): data the deploying company fills in; nothing invented, empty fields left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from sonpo.errors import DomainError
from sonpo.issuer import Issuer, check_digit, load_issuer
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


# ---- the インボイス registration number (適格請求書発行事業者登録番号) ------------------------------------------
# 'T' and a 13-digit number whose first digit is the check digit of the other twelve (the corporate number's rule,
# 財務省令「法人番号の指定等に関する省令」第2条): 9 − (Σ digit × weight mod 9), weights 1, 2, 1, 2, … from the right.


def test_the_check_digit_worked_by_hand() -> None:
    # 7123456789012: the twelve digits 123456789012 from the right, weighted 1, 2, 1, 2, …:
    # 2×1 + 1×2 + 0×1 + 9×2 + 8×1 + 7×2 + 6×1 + 5×2 + 4×1 + 3×2 + 2×1 + 1×2 = 74; 74 mod 9 = 2; 9 − 2 = 7
    assert check_digit("123456789012") == 7
    # 日本電信電話株式会社 7010001065142: 2×1 + 4×2 + 1×1 + 5×2 + 6×1 + 0 + 1×1 + 0 + 0 + 0 + 1×1 + 0 = 29 → 9 − 2 = 7
    assert check_digit("010001065142") == 7


@pytest.mark.parametrize(
    "published",
    [
        "T7010001065142",  # 日本電信電話株式会社 (NTT), its corporate number as published
        "T7010705000725",  # 日本税理士会連合会, the registration number Wikipedia prints as its example
        "T4011001098993",  # a corporate number worked through in a published article on the check digit
    ],
)
def test_published_registration_numbers_are_accepted_and_printed(published: str) -> None:
    issuer = Issuer(company="株式会社サンプル", registration_number=published)
    assert issuer.registration_number == published
    assert issuer.lines("ja") == ["株式会社サンプル", f"登録番号：{published}"]
    assert issuer.lines("en")[-1] == f"Invoice registration no.: {published}"
    assert "登録番号" not in issuer.contact_text("ja")  # a number is nobody to contact


@pytest.mark.parametrize(
    "typed", ["Ｔ７０１０００１０６５１４２", "t7010001065142", " T 7010-0010-65142 ", "Ｔ7010－0010－65142"])
def test_full_width_lower_case_and_separated_numbers_are_normalised(typed: str) -> None:
    assert Issuer(registration_number=typed).registration_number == "T7010001065142"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("T7010001065143", "registration_number_check"),  # one digit wrong
        ("T1010001065142", "registration_number_check"),  # the check digit itself wrong
        ("T0123456789012", "registration_number_check"),  # a check digit is never 0
        ("7010001065142", "registration_number_format"),  # the corporate number without its T
        ("T701000106514", "registration_number_format"),  # 12 digits
        ("T70100010651420", "registration_number_format"),  # 14 digits
        ("T701000106514X", "registration_number_format"),
        ("T٧٠١٠٠٠١٠٦٥١٤٢", "registration_number_format"),  # digits, but not ones a Japanese document prints
    ],
)
def test_a_wrong_registration_number_is_refused_naming_the_field(typed: str, code: str) -> None:
    with pytest.raises(DomainError) as e:
        Issuer(company="株式会社サンプル", registration_number=typed)
    assert (e.value.code, e.value.field) == (code, "issuer_registration_number")
    assert e.value.message("ja").startswith("発行元の登録番号（インボイス）")
    assert e.value.message("en").startswith("Issuer's invoice registration number")


def test_the_registration_number_is_optional_and_alone_still_points_to_the_sales_representative() -> None:
    assert Issuer().registration_number == ""
    alone = Issuer(registration_number="T7010001065142")
    assert not alone.has_contact and "営業" in alone.contact_text("ja")


def test_a_wrong_registration_number_in_the_issuer_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "issuer.toml").write_text('[issuer]\nregistration_number = "T7010001065143"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"issuer\.toml: issuer_registration_number: "):
        load_issuer(tmp_path)
