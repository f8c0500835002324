"""The case (docs/rules.md §8): one value for every page, with one codec to and from the link.

Expected values come from docs/rules.md §8 (the link names and their meaning) and the brochure's plan rules (§6)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics

from sonpo.case import Case, field_names, starting_cases
from sonpo.documents import ProposalInput
from sonpo.documents.pdf import register_font
from sonpo.errors import DomainError
from sonpo.flow import support_questions
from sonpo.issuer import Issuer

# A link made before the case existed, with every name docs/rules.md §8 lists (lang and tax belong to the screen).
OLD_LINK = {
    "lang": "en", "tax": "incl", "plan": "individual", "ids": "20", "domain": "sub", "dns_hosting": "1",
    "domains": "2", "msb": "83", "mail_archive": "1", "mail_archive_ids": "5", "iijid": "1", "iijid_ids": "3",
    "dns_support": "1", "dns_days": "15", "months": "24", "order_date": "2026-11-30", "needs": "none",
    "own_domain": "0", "admin_panel": "1",
}


def test_an_old_link_opens_the_same_values() -> None:
    case, bad = Case.from_query(OLD_LINK)
    assert bad == []
    assert (case.plan, case.ids, case.domain, case.dns_hosting, case.domains) == ("individual", 20, "sub", True, 2)
    assert (case.msb, case.mail_archive, case.mail_archive_ids, case.iijid, case.iijid_ids) == (83, True, 5, True, 3)
    assert (case.dns_support, case.dns_days, case.months) == (True, 15, 24)
    assert case.order_date == dt.date(2026, 11, 30)
    assert (case.needs, case.own_domain, case.admin_panel) == ((), False, True)
    assert case.honorific == "onchu"  # a link from before the choice: 御中, as the documents printed then


def test_the_link_is_written_back_with_the_same_names_and_values() -> None:
    case, _ = Case.from_query(OLD_LINK)
    written = case.to_query()
    assert written == {k: v for k, v in OLD_LINK.items() if k not in ("lang", "tax")}


def test_the_comparison_pages_old_any_domain_is_no_preference() -> None:
    case, bad = Case.from_query({"domain": "any", "ids": "10"})
    assert bad == [] and case.domain == "designated"


def test_an_old_finder_link_opens_on_the_plan_the_finder_showed() -> None:
    # docs/rules.md §6: 12 IDs, no individual-only needs, own domain, no control panel → hybrid
    case, bad = Case.from_query({"ids": "12", "needs": "none", "own_domain": "1", "admin_panel": "0"})
    assert bad == [] and (case.plan, case.plan_domain()) == ("hybrid", "own")
    # a plan the user chose after answering stays theirs: the link names it
    chosen = case.replace(plan="common")
    assert chosen.to_query()["plan"] == "common"
    assert Case.from_query(chosen.to_query())[0].plan == "common"


def test_a_new_case_writes_an_empty_link() -> None:
    assert Case().to_query() == {}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("ids", "ten"), ("ids", "0"), ("ids", "٣"), ("ids", "1_0"), ("plan", "premium"), ("domain", "mars"),
        ("msb", "-1"), ("msb", "10001"), ("domains", "101"), ("months", "121"), ("months", "0"),
        ("dns_days", "0"), ("order_date", "2026-13-01"), ("order_date", "1999-12-31"), ("order_date", "2026-W01"),
        ("needs", "telepathy"), ("needs", "none,mail_archive"), ("own_domain", "maybe"), ("dns_support", "2"),
        ("addressee", "a\nb"), ("addressee", "x" * 101), ("addressee", "𠮷野保険"), ("addressee", "保険😀"),
        ("honorific", "dono"), ("honorific", "様"),
    ],
)
def test_a_bad_field_falls_back_alone_and_is_named(name: str, text: str) -> None:
    params = {**OLD_LINK, name: text}
    case, bad = Case.from_query(params)
    assert bad == [name]
    # back to its default; for the plan that is the finder's answer to the link's own questions
    # (docs/rules.md §6: 20 IDs, none of the individual-only needs, no own domain, control panel wanted → individual)
    assert getattr(case, name) == ("individual" if name == "plan" else getattr(Case(), name))
    good, _ = Case.from_query(OLD_LINK)
    assert {k: v for k, v in case.model_dump().items() if k != name} == {
        k: v for k, v in good.model_dump().items() if k != name}  # nothing else is lost


def test_full_width_digits_read_as_in_the_command_line() -> None:
    case, bad = Case.from_query({"ids": "１２"})
    assert bad == [] and case.ids == 12


# every character the documents' font has a glyph for, but control characters and line separators
PRINTABLE = sorted(
    c for c in map(chr, pdfmetrics.getFont(register_font()).face.charToGlyph)
    if unicodedata.category(c) not in ("Cc", "Cs", "Zl", "Zp")
)
cases = st.builds(
    Case,
    ids=st.none() | st.integers(1, 100_000),
    needs=st.none() | st.lists(st.sampled_from(["file_sharing", "supervisor_approval", "mail_archive", "iijid",
                                               "advanced"]), unique=True).map(tuple),
    own_domain=st.none() | st.booleans(),
    admin_panel=st.none() | st.booleans(),
    plan=st.sampled_from(["common", "individual", "hybrid"]),
    domain=st.sampled_from(["designated", "own", "sub"]),
    dns_hosting=st.booleans(),
    domains=st.integers(1, 100),
    msb=st.integers(0, 10_000),
    mail_archive=st.booleans(),
    mail_archive_ids=st.integers(0, 300),
    iijid=st.booleans(),
    iijid_ids=st.integers(0, 300),
    dns_support=st.booleans(),
    dns_days=st.integers(1, 120),
    knows_dns=st.none() | st.booleans(),
    delegate_dns=st.none() | st.booleans(),
    advanced=st.none() | st.booleans(),
    minimum_security=st.none() | st.booleans(),
    order_date=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    months=st.integers(1, 120),
    # any text the documents' font can print (an emoji or 𠮷 is refused: see test_pdf_documents)
    addressee=st.text(st.sampled_from(PRINTABLE), max_size=100).map(str.strip),
    honorific=st.sampled_from(["onchu", "sama"]),
)


@settings(max_examples=300, deadline=None)
@given(cases)
def test_every_case_round_trips_through_its_link(case: Case) -> None:
    back, bad = Case.from_query(case.to_query())
    assert bad == []
    assert back == case


def test_every_field_of_the_case_has_a_link_name() -> None:
    assert set(field_names()) >= {"plan", "ids", "domain", "dns_hosting", "domains", "msb", "mail_archive",
                                  "mail_archive_ids", "iijid", "iijid_ids", "dns_support", "dns_days", "months",
                                  "order_date", "needs", "own_domain", "admin_panel", "addressee", "honorific"}


def test_the_honorific_travels_in_the_link_with_a_language_independent_value() -> None:
    case = Case(addressee="山田 太郎", honorific="sama")
    assert case.to_query() == {"addressee": "山田 太郎", "honorific": "sama"}
    assert Case.from_query({"addressee": "山田 太郎", "honorific": "sama", "lang": "en"}) == (case, [])
    assert Case(addressee="〇〇保険代理店").to_query() == {"addressee": "〇〇保険代理店"}  # 御中, the default
    assert Case.from_query({"addressee": "〇〇保険代理店"})[0].honorific == "onchu"
    assert ProposalInput.of_case(case, "ja", dt.date(2026, 11, 30), Issuer()).honorific == "sama"


def test_a_change_the_case_cannot_hold_names_its_field() -> None:
    with pytest.raises(DomainError) as e:
        Case().replace(ids=0)
    assert (e.value.code, e.value.field) == ("ids_min", "ids")
    with pytest.raises(DomainError) as e:
        Case().replace(months=121)
    assert e.value.field == "months"


def test_options_a_plan_does_not_offer_stay_in_the_case_but_are_not_priced() -> None:
    case = Case(plan="individual", ids=10, mail_archive=True)
    assert case.selection().mail_archive_ids == 10  # 0 = every ID
    common = case.replace(plan="common")
    assert common.mail_archive and common.selection().mail_archive_ids == 0
    assert common.replace(plan="individual").selection() == case.selection()


def test_the_plans_domain_kind_follows_the_brochure() -> None:
    # common: NTT-designated subdomain only; hybrid: own domain only; individual: own or NTT subdomain
    assert Case(plan="common", domain="own").plan_domain() == "designated"
    assert Case(plan="hybrid").plan_domain() == "own"
    assert Case(plan="individual").plan_domain() == "own"
    assert Case(plan="individual", domain="sub").plan_domain() == "sub"


def test_the_starting_cases_get_the_flowcharts_plans() -> None:
    # docs/rules.md §6: ≤50 IDs, no own domain, no control panel → common; own domain without the panel → hybrid;
    # own domain with the panel → individual (own domain); more than 50 IDs → individual
    got = {s.id: (s.case.plan, s.case.plan_domain(), s.case.ids) for s in starting_cases()}
    assert got == {
        "small": ("common", "designated", 5),
        "own_domain": ("hybrid", "own", 12),
        "self_managed": ("individual", "own", 30),
        "large_archive": ("individual", "own", 120),
    }
    large = next(s.case for s in starting_cases() if s.id == "large_archive")
    assert large.mail_archive and large.selection().mail_archive_ids == 120


def test_the_support_questions_are_the_flowcharts_and_keep_their_link_names() -> None:
    # brochure p.12, B: knows the zone information? wants NTT to collect it and switch records?
    # C: wants the advanced features? only the minimum security settings done?
    questions = ("knows_dns", "delegate_dns", "advanced", "minimum_security")
    assert support_questions() == questions  # names docs/rules.md §8's links keep: the flowchart may not rename them
    case = Case(plan="hybrid", knows_dns=False, delegate_dns=True)
    assert case.support_answers() == {"knows_dns": False, "delegate_dns": True, "advanced": None,
                                      "minimum_security": None}
    assert set(questions) <= set(field_names())
    back, bad = Case.from_query({"plan": "hybrid", "knows_dns": "0", "delegate_dns": "1"})
    assert (bad, back.support_answers()) == ([], case.support_answers())
