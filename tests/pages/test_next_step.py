"""「次のステップ」 (who does what, how to apply, whom to contact) is one answer: the estimate, the timeline,
the plan finder and the support finder show the same lines for the same case, and the 提案書 of that case
prints them (brochure p.7–p.9; sonpo.duties is their one home)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from sonpo.documents import ProposalInput, proposal_pdf
from sonpo.duties import next_steps
from sonpo.issuer import Issuer
from sonpo.names import DomainKind, PlanId
from tests.pages.apptest import case_of, open_app
from tests.textorder import in_order

ISSUED = dt.date(2026, 11, 30)

# A case's link, and what it means by hand: the plan, its domain kind, DNSゾーン情報サポート or not
CASES: list[tuple[dict[str, str], tuple[PlanId, DomainKind, bool]]] = [
    ({"plan": "hybrid"}, ("hybrid", "own", False)),
    ({"plan": "hybrid", "dns_support": "1"}, ("hybrid", "own", True)),
    ({"plan": "individual", "domain": "own"}, ("individual", "own", False)),
    ({"plan": "individual", "domain": "sub"}, ("individual", "sub", False)),
    ({"plan": "common"}, ("common", "designated", False)),
]


def box_lines(at: AppTest) -> list[str]:
    """The next-step section's lines, without the contact (the last line)."""
    boxes = [m.value for m in at.markdown if m.value.startswith("- ") and "申込受付完了メール" in m.value]
    assert len(boxes) == 1, boxes
    return [line.removeprefix("- ").replace("\\*", "*") for line in boxes[0].split("\n")][:-1]


def pdf_text(at: AppTest) -> str:
    pdf = proposal_pdf(ProposalInput.of_case(case_of(at), "ja", ISSUED, Issuer()))
    return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(("params", "meant"), CASES)
def test_estimate_timeline_and_proposal_say_the_same(params: dict[str, str],
                                                     meant: tuple[PlanId, DomainKind, bool]) -> None:
    expected = next_steps(*meant, "ja")
    estimate = open_app("views/estimate.py", **params)
    assert box_lines(estimate) == expected
    timeline = open_app("views/timeline.py", **params, order_date="2026-11-30")
    assert box_lines(timeline) == expected
    assert in_order(pdf_text(estimate), expected)


def test_finder_and_support_finder_say_the_same_for_hybrid_with_dns_support() -> None:
    expected = next_steps("hybrid", "own", True, "ja")
    assert not any("お申込書別紙" in line for line in expected)  # NTT Com collects it (p.9)
    finder = open_app("views/finder.py", ids="10", needs="none", own_domain="1", admin_panel="0", dns_support="1")
    assert box_lines(finder) == expected
    support = open_app("views/support.py", plan="hybrid", knows_dns="0", delegate_dns="1")
    assert box_lines(support) == expected
    # and without the support, the zone information goes on the application's attachment (p.8)
    support = open_app("views/support.py", plan="hybrid", knows_dns="0", delegate_dns="0")
    assert box_lines(support) == next_steps("hybrid", "own", False, "ja")
    assert any("お申込書別紙にご記入ください" in line for line in box_lines(support))
