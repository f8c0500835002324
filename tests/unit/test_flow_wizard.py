"""The wizard-facing parts of the flowcharts: questions in order, needs, support prices."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sonpo.errors import DomainError
from sonpo.flow import (
    NO_NEEDS,
    alternatives,
    needs_answer,
    parse_needs_selection,
    plan_wizard,
    questions,
    recommend,
    support,
    support_branch_reconstructed,
    support_plans,
    support_price,
    support_reasons,
    tidy_needs_selection,
    to_dot,
)

NEEDS = ["file_sharing", "supervisor_approval", "mail_archive", "iijid", "advanced"]


# ---- questions in the flowchart's order ----------------------------------------------


def test_a_fresh_wizard_asks_for_the_id_count_first() -> None:
    wiz = plan_wizard(None, [], None, None)
    assert wiz.questions == ("ids",)
    assert wiz.recommendation is None and not wiz.errors


def test_the_questions_grow_one_by_one() -> None:
    assert plan_wizard(10, [], None, None).questions == ("ids", "needs")
    assert plan_wizard(10, [NO_NEEDS], None, None).questions == ("ids", "needs", "own_domain")
    assert plan_wizard(10, [NO_NEEDS], True, None).questions == ("ids", "needs", "own_domain", "admin_panel")


def test_above_50_ids_skips_the_needs_and_the_admin_panel() -> None:
    # docs/rules.md §6: more than 50 IDs → individual; only the domain is left to choose
    wiz = plan_wizard(51, [], False, None)
    assert wiz.questions == ("ids", "own_domain")
    assert wiz.recommendation is not None
    assert (wiz.recommendation.plan, wiz.recommendation.domain) == ("individual", "sub")


def test_a_bad_id_count_is_an_error_of_its_field_and_counts_as_unanswered() -> None:
    wiz = plan_wizard(0, [NO_NEEDS], True, False)
    assert set(wiz.errors) == {"ids"} and wiz.errors["ids"].code == "ids_min"
    assert wiz.walk.pending == "ids_over_50"


def test_the_support_questions_start_with_the_plan() -> None:
    assert questions(support("hybrid", {})) == ("plan", "knows_dns")
    assert questions(support("hybrid", {"knows_dns": False})) == ("plan", "knows_dns", "delegate_dns")
    assert questions(support("common", {})) == ("plan",)


# ---- needs -----------------------------------------------------------------------------


def test_needs_answer() -> None:
    assert needs_answer([]) is None  # nothing picked: not answered yet
    assert needs_answer([NO_NEEDS]) == ()
    assert needs_answer(["iijid", "mail_archive"]) == ("iijid", "mail_archive")
    with pytest.raises(DomainError) as e:
        needs_answer([NO_NEEDS, "iijid"])
    assert e.value.code == "needs_none_and_other"


def test_parse_needs_selection_from_a_link() -> None:
    assert parse_needs_selection("none") == [NO_NEEDS]
    assert parse_needs_selection("file_sharing,iijid") == ["file_sharing", "iijid"]
    assert parse_needs_selection("") == []
    for bad in ("telepathy", "none,iijid"):
        with pytest.raises(DomainError):
            parse_needs_selection(bad)


@given(st.lists(st.sampled_from([*NEEDS, NO_NEEDS]), unique=True))
def test_tidy_needs_never_mixes_none_with_a_need(picked: list[str]) -> None:
    tidy = tidy_needs_selection(picked)
    assert NO_NEEDS not in tidy or tidy == [NO_NEEDS]
    assert set(tidy) <= set(picked)
    if picked and picked[-1] == NO_NEEDS:
        assert tidy == [NO_NEEDS]  # picked last: it wins
    else:
        assert tidy == [p for p in picked if p != NO_NEEDS]
    assert needs_answer(tidy) is None or isinstance(needs_answer(tidy), tuple)


def test_recommend_keeps_the_needs_only_when_they_were_asked() -> None:
    assert recommend(10, ["mail_archive"], False, False).needs == ("mail_archive",)
    assert recommend(60, ["mail_archive"], False, False).needs == ()  # > 50: the question was skipped


def test_alternatives_name_the_needs_another_plan_does_not_meet() -> None:
    rec = recommend(10, ["mail_archive", "iijid"], False, False)
    alts = alternatives(rec, "ja")
    assert any("メールアーカイブ・IIJID認証はご利用いただけません" in n for n in alts["common"])
    assert any("メールアーカイブ・IIJID認証はご利用いただけません" in n for n in alts["hybrid"])


# ---- support ---------------------------------------------------------------------------


def test_support_branches_are_in_the_brochures_order() -> None:
    assert support_plans() == ("common", "hybrid", "individual")  # A, B, C


def test_the_dns_zone_support_price_comes_from_the_catalog() -> None:
    price = support_price(support("hybrid", {"knows_dns": False, "delegate_dns": True}))
    assert price is not None
    assert (price.excl_tax, price.incl_tax) == (50_000, 50_000 * 110 // 100)  # brochure p.9


@pytest.mark.parametrize(
    ("plan", "answers"),
    [
        ("common", {}),
        ("hybrid", {"knows_dns": True}),
        ("hybrid", {"knows_dns": False, "delegate_dns": False}),
        ("individual", {"advanced": True}),
        ("individual", {"advanced": False, "minimum_security": True}),
    ],
)
def test_no_price_where_the_brochure_has_none(plan: str, answers: dict[str, bool]) -> None:
    assert support_price(support(plan, answers)) is None


def test_support_reasons_leave_out_the_plan_branch() -> None:
    reasons = support_reasons(support("hybrid", {"knows_dns": False, "delegate_dns": True}), "en")
    assert len(reasons) == 2 and "DNS zone information support" in reasons[1]


def test_the_support_diagram_shows_only_the_plans_branch() -> None:
    dot = to_dot("support", support("individual", {}), "ja", root="advanced")
    assert "advanced" in dot and "knows_dns" not in dot and "common_none" not in dot


def test_only_branch_c_leads_to_a_reconstructed_result() -> None:
    # docs/rules.md §6: branch C's 'no' arrow is lost in the brochure (p.12); A and B are read as printed
    assert [p for p in ("common", "hybrid", "individual") if support_branch_reconstructed(p)] == ["individual"]
    reconstructed = support("individual", {"advanced": False, "minimum_security": False})
    assert reconstructed.outcome().get("reconstructed") is True
    assert not support("individual", {"advanced": False, "minimum_security": True}).outcome().get("reconstructed")
