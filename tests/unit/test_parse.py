"""The one parser (sonpo.parse) the command line, CSV cells and links share: one rule for digits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sonpo.errors import DomainError
from sonpo.parse import parse_domain, parse_int, parse_per_id, parse_plan

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@given(st.integers(-(10**12), 10**12))
def test_ascii_and_full_width_digits_read_the_same(n: int) -> None:
    assert parse_int("ids", str(n)) == n
    assert parse_int("ids", str(n).translate(FULL_WIDTH)) == n
    assert parse_int("ids", f"{n:,}") == n


@pytest.mark.parametrize("text", ["٣", "३", "1_0", "1.5", "1e3", "0x10", "", " ", "一", "Ⅻ", "²", "①", "1 0"])
def test_other_scripts_digits_and_python_spellings_are_refused(text: str) -> None:
    with pytest.raises(DomainError) as e:
        parse_int("ids", text)
    assert (e.value.code, e.value.field) == ("not_integer", "ids")


def test_range_and_default() -> None:
    assert parse_int("months", "", default=12) == 12
    assert parse_int("months", "１２０", lo=1, hi=120) == 120
    with pytest.raises(DomainError) as e:
        parse_int("months", "121", lo=1, hi=120)
    assert (e.value.code, e.value.params["min"], e.value.params["max"]) == ("range", 1, 120)
    assert "1〜120" in e.value.message("ja")
    with pytest.raises(DomainError):
        parse_int("ids", True)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "plan"),
    [("common", "common"), ("共通ルールプラン", "common"), ("共通ルール", "common"), ("ＨＹＢＲＩＤ", "hybrid"),
     ("個別ルール プラン", "individual"), ("Individual Rule Plan", "individual")],
)
def test_plan_names_in_either_language(text: str, plan: str) -> None:
    assert parse_plan("plan", text) == plan


def test_plan_and_domain_refusals_name_the_field() -> None:
    for parse, field in ((parse_plan, "plan"), (parse_domain, "domain")):
        with pytest.raises(DomainError) as e:
            parse(field, "gold")
        assert (e.value.code, e.value.field) == ("unknown_value", field)
        with pytest.raises(DomainError) as e:
            parse(field, " ")
        assert e.value.code == "required"


def test_domain_names_and_per_id_all() -> None:
    names = ("own", "独自ドメイン", "サブドメイン", "subdomain", "弊社指定ドメイン")
    assert [parse_domain("domain", d) for d in names] == ["own", "own", "sub", "sub", "designated"]
    assert parse_per_id("iijid_ids", "all", 7) == parse_per_id("iijid_ids", "すべて", 7) == 7
    assert parse_per_id("iijid_ids", "", 7) == 0 and parse_per_id("iijid_ids", "３", 7) == 3
