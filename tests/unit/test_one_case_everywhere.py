"""One case, every view (issue 16): the estimate, the comparison's row for the case's own plan, the
提案書 (its comparison and its estimate), the 見積書, the line-item CSV, the command line's JSON and
the 提案書 it prints, and a bulk row of the same case hold the same monthly, one-time and N-month amounts.

Each view is reached the way its user reaches it: the pages from the case, the command line from the
flags a person would type for the same choices, bulk from a CSV row with the same cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from sonpo.bulk import run
from sonpo.case import Case
from sonpo.catalog import load_catalog
from sonpo.cli import main
from sonpo.compare import compare
from sonpo.documents import ProposalInput, proposal_pdf, quote_csv, quote_pdf
from sonpo.issuer import Issuer
from sonpo.quote import Quote, quote

ISSUED = dt.date(2026, 11, 30)
# `make check` tries a few dozen cases (it must stay under a minute); `make test` tries hundreds.
EXAMPLES = int(os.environ.get("SONPO_CASES", "25"))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A case a user could ask the command line for as it is: options the plan offers, counts in range."""
    cat = load_catalog()
    plan = draw(st.sampled_from(["common", "individual", "hybrid"]))
    p = cat.plan(plan)
    ids = draw(st.integers(1, p.max_ids))
    domain = draw(st.sampled_from(p.domains))
    offered = {o for o in ("mail_archive", "iijid", "dns_zone_support", "dns_hosting") if plan in cat.option(o).plans}
    # DNS hosting is asked for where it is optional (own domain on individual); hybrid requires it anyway
    mandatory = plan in cat.option("dns_hosting").mandatory_on
    dns_hosting = "dns_hosting" in offered and domain == "own" and not mandatory and draw(st.booleans())
    return Case(
        plan=plan, ids=ids, domain=domain, months=draw(st.integers(1, 60)), msb=draw(st.integers(0, 400)),
        dns_hosting=dns_hosting, domains=draw(st.integers(1, 3)),
        mail_archive=(ma := "mail_archive" in offered and draw(st.booleans())),
        mail_archive_ids=draw(st.integers(0, ids)) if ma else 0,
        iijid=(ij := "iijid" in offered and draw(st.booleans())),
        iijid_ids=draw(st.integers(0, ids)) if ij else 0,
        dns_support="dns_zone_support" in offered and draw(st.booleans()),
        addressee=draw(st.sampled_from(["", "サンプル保険代理店", "山田 太郎 様"])),
    )


def flags(case: Case) -> list[str]:
    """What a person types on the command line for the case's plan and options."""
    argv = ["--plan", case.plan, "--ids", str(case.ids), "--domain", case.domain, "--months", str(case.months),
            "--msb", str(case.msb)]
    if case.dns_hosting or case.plan in load_catalog().option("dns_hosting").mandatory_on:
        argv += ["--domains", str(case.domains)]
    if case.mail_archive:
        argv += ["--mail-archive", str(case.mail_archive_ids or "all")]
    if case.iijid:
        argv += ["--iijid", str(case.iijid_ids or "all")]
    if case.dns_support:
        argv.append("--dns-support")
    return argv


def bulk_row(case: Case) -> dict[str, str]:
    """The case as one row of a bulk CSV (English headers), and the row of the result for it."""
    cells = {
        "plan": case.plan, "ids": str(case.ids), "domain": case.domain, "months": str(case.months),
        "msb_licences": str(case.msb), "domains": str(case.domains) if case.dns_hosting else "0",
        "mail_archive_ids": str(case.mail_archive_ids or "all") if case.mail_archive else "0",
        "iijid_ids": str(case.iijid_ids or "all") if case.iijid else "0",
        "dns_zone_support": "yes" if case.dns_support else "no",
    }
    if case.plan in load_catalog().option("dns_hosting").mandatory_on:
        cells["domains"] = str(case.domains)
    data = (",".join(cells) + "\n" + ",".join(cells.values()) + "\n").encode()
    _, result = run(data, "en")  # the /bulk page's path (the command line streams the same rows)
    rows = list(csv.DictReader(io.StringIO(result.decode("utf-8-sig"))))
    assert len(rows) == 1, rows
    return rows[0]


def cli(*argv: str) -> str | bytes:
    out: list[str | bytes] = []
    assert main(list(argv), out=out.append) == 0
    return out[0]


def pdf_text(data: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).replace("\n", "")


def amounts(q: Quote) -> tuple[int, ...]:
    return (q.monthly.excl_tax, q.monthly.incl_tax, q.initial.excl_tax, q.initial.incl_tax,
            q.period.excl_tax, q.period.incl_tax)


@settings(max_examples=EXAMPLES, deadline=None)
@given(cases())
def test_every_view_of_a_case_holds_the_estimates_amounts(case: Case) -> None:
    estimate = quote(case.selection())  # what the estimate page shows
    want = amounts(estimate)
    yen = [f"{v:,}円" for v in (estimate.monthly.incl_tax, estimate.initial.incl_tax, estimate.period.incl_tax)]

    own = compare(case)[case.plan]  # the comparison page and the 提案書's §2
    assert own.quote is not None and amounts(own.quote) == want and own.not_offered == ()

    proposal = pdf_text(proposal_pdf(ProposalInput.of_case(case, "ja", ISSUED, Issuer())))
    for text in yen:  # §2 (the plans compared) and §3 (the estimate) both print each amount
        assert proposal.count(text) >= 2, (text, proposal)

    quotation = pdf_text(quote_pdf(estimate, lang="ja", addressee=case.addressee, issued=ISSUED, valid_days=30,
                                   issuer=Issuer()))
    assert all(text in quotation for text in yen)

    totals = {row[0]: row[1:] for row in csv.reader(io.StringIO(quote_csv(estimate).decode("utf-8-sig"))) if row}
    assert [int(x) for x in totals["月額合計"][-3:]] == [estimate.monthly.excl_tax, estimate.monthly.tax,
                                                        estimate.monthly.incl_tax]

    printed = json.loads(cli("quote", *flags(case), "--format", "json"))
    assert (printed["monthly"]["excl_tax"], printed["monthly"]["incl_tax"], printed["initial"]["excl_tax"],
            printed["initial"]["incl_tax"], printed["period"]["excl_tax"], printed["period"]["incl_tax"]) == want

    row = bulk_row(case)
    assert row["result"] == "quoted", row
    assert tuple(int(row[f"{k} total ({tax} tax)"]) for k in ("monthly", "one-time", "period")
                 for tax in ("excl.", "incl.")) == want


@settings(max_examples=max(5, EXAMPLES // 10), deadline=None)
@given(cases())
def test_the_command_lines_proposal_is_the_pages_proposal(case: Case) -> None:
    argv = ["document", "proposal", *flags(case), "--issued", ISSUED.isoformat(), "--order-date", ISSUED.isoformat(),
            "--addressee", case.addressee]
    printed = cli(*argv)
    assert isinstance(printed, bytes)
    page = proposal_pdf(ProposalInput.of_case(case.replace(order_date=ISSUED), "ja", ISSUED, Issuer()))
    assert pdf_text(printed) == pdf_text(page)


def _cli_domain(plan: str, domain: str) -> str | None:
    """The domain kind `quote` prices for --domain, or None when it refuses it."""
    out: list[str | bytes] = []
    code = main(["quote", "--plan", plan, "--ids", "3", "--domain", domain, "--format", "json"], out=out.append)
    return None if code else str(json.loads(out[0])["domain"])


def test_every_plan_and_domain_pair_gets_one_answer_everywhere() -> None:
    from sonpo.errors import InvalidSelection
    from sonpo.timeline import ScheduleRequest, schedule

    cat = load_catalog()
    for plan in ("common", "individual", "hybrid"):
        for domain in ("designated", "own", "sub"):
            named = _cli_domain(plan, domain)  # the command line: the kind as named, refused if not offered
            cells = {"plan": plan, "ids": "3", "domain": domain}
            data = (",".join(cells) + "\n" + ",".join(cells.values()) + "\n").encode()
            row = next(csv.DictReader(io.StringIO(run(data, "en")[1].decode("utf-8-sig"))))
            assert (row["result"] == "quoted") == (named is not None), (plan, domain)  # bulk: the same answer
            try:
                timeline = schedule(ScheduleRequest(plan=plan, order_date=ISSUED, domain=domain)).request  # type: ignore[arg-type]
            except InvalidSelection:
                timeline = None
            assert (timeline is not None) == (named is not None), (plan, domain)  # the timeline: the same
            estimate = Case(plan=plan, domain=domain).plan_domain()  # type: ignore[arg-type]
            if named is not None:
                assert estimate == named, (plan, domain)  # the estimate shows the kind the command line prices
            else:  # the estimate falls back to the plan's own, and the comparison says the plan lacks the kind
                assert estimate == cat.plan(plan).domains[0]  # type: ignore[arg-type]
                if domain != "designated":  # (designated is "no preference" in a case)
                    offer = compare(Case(plan="individual", domain=domain))[plan]  # type: ignore[arg-type]
                    assert offer.quote is None, (plan, domain)
