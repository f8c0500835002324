"""The 提案書 (proposal) as PDF (docs/rules.md §9): the plan and why, the plans compared, the estimate, the dated steps,
the customer's tasks, the support menu, the assumptions and the next step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from reportlab.platypus import Flowable, KeepTogether

from sonpo.case import Case
from sonpo.catalog import load_catalog
from sonpo.compare import compare, conditions_text, domain_used_text, not_offered_text, verdict
from sonpo.documents.gantt import gantt_table, legend
from sonpo.documents.pdf import (
    FRAME_WIDTH,
    Styles,
    boxed,
    build,
    bullets,
    document_head,
    gap,
    grid_table,
    heading,
    para,
    plain,
    title_block,
)
from sonpo.documents.quotation import (
    check_document_fields,
    headline,
    issuer_block,
    line_table,
    notes,
    quote_number,
    totals_table,
)
from sonpo.duties import next_steps
from sonpo.flow import (
    Recommendation,
    alternatives,
    support,
    support_price,
    support_reasons,
    support_result_price,
    support_results,
    tree,
)
from sonpo.i18n import Lang, fmt_date, t
from sonpo.issuer import Issuer
from sonpo.money import yen
from sonpo.names import Honorific
from sonpo.quote import Quote, Selection, quote
from sonpo.timeline import Schedule, ScheduleRequest, schedule
from sonpo.timeline.view import period_text, premise_note

EstimateKind = Literal["numbered", "unnumbered", "draft"]

@dataclass(frozen=True)
class ProposalInput:
    """The 提案書's input: the whole case (the finder's answers, the plan and its options, the support
    menu's answers, the order date, the 宛名), the language, the issue date and the issuer. Every section
    reads the case through the same core functions as the pages, so the document agrees with them."""

    lang: Lang
    case: Case
    issued: dt.date
    issuer: Issuer
    # What the estimate section says of the quotation (docs/rules.md §9): "numbered", the day's 見積書 and its number
    # (the command line's); "unnumbered", the 御見積書 that staff issue from the register, whose number does not
    # exist yet; "draft", the public visitor's 概算お見積り, not a quotation.
    estimate: EstimateKind = "numbered"

    @classmethod
    def of_case(cls, case: Case, lang: Lang, issued: dt.date, issuer: Issuer,
                estimate: EstimateKind = "numbered") -> ProposalInput:
        return cls(lang=lang, case=case, issued=issued, issuer=issuer, estimate=estimate)

    @property
    def addressee(self) -> str:
        return self.case.addressee

    @property
    def honorific(self) -> Honorific:
        return self.case.honorific

    @property
    def selection(self) -> Selection:
        return self.case.selection()

    @property
    def support_answers(self) -> Mapping[str, bool | None]:
        return self.case.support_answers()

    def recommendation(self) -> Recommendation | None:
        """The plan flowchart's result once the questions on the finder's path are answered (one the path
        never asks is not missing), else None."""
        return self.case.recommendation()

    def schedule_request(self) -> ScheduleRequest:
        """The case's schedule; until an order date is set, the first business day on or after the issue date."""
        return self.case.schedule_request(self.issued)


def _plan_name(rec: Recommendation, lang: Lang) -> str:
    return t(f"plan.{rec.plan}.{'special' if rec.special else 'name'}", lang)


def _recommended(p: ProposalInput, rec: Recommendation | None, s: Styles) -> list[Flowable]:
    lang = p.lang
    chosen = t(f"plan.{p.selection.plan}.name", lang)
    if rec is None:
        return [para(t("pdf.proposal.no_recommendation", lang, plan=chosen), s.body)]
    out: list[Flowable] = [
        para(t("pdf.proposal.recommended", lang, plan=_plan_name(rec, lang), domain=t(f"domain.{rec.domain}", lang)),
             s.lead),
        para(t("pdf.proposal.reasons", lang), s.body),
        *bullets(rec.reasons(lang), s.bullet),
    ]
    if rec.plan != p.selection.plan:
        out.append(para(t("pdf.proposal.chosen_differs", lang, plan=chosen), s.body))
    return out


def _comparison(p: ProposalInput, q: Quote, rec: Recommendation | None, s: Styles) -> list[Flowable]:
    lang = p.lang
    cat = load_catalog()
    offers = compare(p.case, cat)
    changes = alternatives(rec, lang) if rec is not None else {}
    months = q.selection.months
    head: list[object] = [
        t("compare.plan", lang), t("pdf.proposal.monthly_incl", lang), t("pdf.proposal.initial_incl", lang),
        t("pdf.proposal.period_incl", lang, months=months), t("pdf.proposal.lead", lang),
        t("pdf.proposal.notes", lang),
    ]
    rows: list[list[object]] = [head]
    for pid, offer in offers.items():
        name = t(f"plan.{pid}.name", lang)
        if pid == p.case.plan:
            name = t("pdf.proposal.chosen_mark", lang, plan=name)
        lead = t("timeline.days", lang, days=cat.plan(pid).lead_days)
        r = offer.result
        if isinstance(r, Quote):
            notes = [domain_used_text(p.case, offer, lang)] if offer.domain_used else []
            notes += [not_offered_text(offer, lang)] if offer.not_offered else []
            notes += changes.get(pid, [])
            rows.append([name, yen(r.monthly.incl_tax, lang), yen(r.initial.incl_tax, lang),
                         yen(r.period.incl_tax, lang), lead, " ".join(notes)])
        else:
            cannot = " ".join(dict.fromkeys(e.message(lang) for e in r.errors))
            rows.append([name, "—", "—", "—", lead, t("pdf.proposal.cannot", lang, reasons=cannot)])
    w = FRAME_WIDTH
    out: list[Flowable] = [
        para(t("pdf.proposal.compare_intro", lang, conditions=conditions_text(p.case, lang)), s.small),
        gap(1),
        grid_table(rows, [w * 0.17, w * 0.12, w * 0.12, w * 0.13, w * 0.1, w * 0.36], s, right_cols=(1, 2, 3)),
    ]
    out += [para(v.text, s.small) for v in verdict(p.case, offers, lang, cat)]
    return out


def _estimate(p: ProposalInput, q: Quote, s: Styles) -> list[Flowable]:
    lang = p.lang
    if p.estimate == "numbered":
        intro = t("pdf.proposal.estimate_intro", lang, number=quote_number(q, p.issued, p.addressee))
    else:
        intro = t(f"pdf.proposal.estimate_intro_{p.estimate}", lang)
    return [
        para(intro, s.small),
        headline(q, lang, s, "pdf.draft.amount" if p.estimate == "draft" else "pdf.quote.amount"),
        gap(1.5),
        line_table(q, lang, s),
        gap(1.5),
        totals_table(q, lang, s),
    ]


def _schedule(p: ProposalInput, sch: Schedule, s: Styles) -> list[Flowable]:
    lang = p.lang
    req = sch.request
    out: list[Flowable] = [
        para(t("pdf.proposal.activation", lang, date=fmt_date(sch.activation_date, lang),
               order=fmt_date(req.order_date, lang), days=sch.lead_days), s.lead),
        gap(1),
        KeepTogether([gantt_table(sch, lang, s), legend(lang, s)]),
    ]
    caveats = [t("timeline.caveat", lang), t("timeline.guide_note", lang)]
    premise = premise_note(sch, lang)
    if premise:
        caveats.append(premise)
    if req.dns_zone_support:
        caveats.append(t("timeline.dns_may_move", lang))
    out += [para(c, s.note) for c in caveats]
    return out


def _tasks(p: ProposalInput, q: Quote, sch: Schedule, s: Styles) -> list[Flowable]:
    """The customer's dated tasks; who does what, in full, is the next step (section 8)."""
    lang = p.lang
    dated = [t("pdf.proposal.task", lang, when=period_text(step, lang), task=step.name(lang))
             for step in sch.customer_todo()]
    return [para(t("pdf.proposal.tasks_dated", lang), s.body), *bullets(dated, s.bullet)]


def _support(p: ProposalInput, s: Styles) -> list[Flowable]:
    lang = p.lang
    w = support(p.selection.plan, p.support_answers)  # the flowchart reads its own questions, the plan is ours
    branch = t(f"flow.support.plan.{p.selection.plan}", lang)
    if w.result is None:  # not answered yet: the menus this plan's branch offers, and where to choose
        assert w.pending is not None
        nodes = tree("support").nodes
        menus = []
        for node in support_results(p.selection.plan):
            result = nodes[node].result or {}
            if result.get("menu") == "none":
                continue
            name = t(f"flow.support.{node}.label", lang).replace("\n", "")
            amount = support_result_price(node)
            if amount is None:
                cost = t("pdf.proposal.support_menu_on_request", lang)
            else:
                cost = t("pdf.proposal.support_menu_price", lang, excl=yen(amount.excl_tax, lang),
                         incl=yen(amount.incl_tax, lang))
            menus.append(f"{name}（{cost}）" if lang == "ja" else f"{name} ({cost})")
        pending: list[Flowable] = [para(t("pdf.proposal.support_pending", lang, branch=branch,
                                          question=t(f"support_page.q.{w.pending}", lang)), s.body)]
        if menus:
            pending += [para(t("pdf.proposal.support_menus", lang), s.body), *bullets(menus, s.bullet)]
        return pending
    outcome = w.outcome()
    out: list[Flowable] = [
        para(t("pdf.proposal.support_result", lang, branch=branch,
               menu=t(f"flow.support.{w.result}.label", lang).replace("\n", "")), s.lead),
        para(plain(t(f"flow.support.{w.result}.detail", lang)), s.body),
    ]
    reasons = support_reasons(w, lang)
    if reasons:
        out += bullets(reasons, s.bullet)
    price = support_price(w)
    if price is not None:
        out.append(para(t("pdf.proposal.support_price", lang, excl=yen(price.excl_tax, lang),
                          incl=yen(price.incl_tax, lang)), s.body))
    elif outcome.get("price_on_request"):
        out.append(para(t("support_page.price_on_request_text", lang), s.body))
    if outcome.get("reconstructed"):  # the flowchart data marks the result the app reconstructed
        out.append(para(t("pdf.proposal.support_reconstructed", lang), s.note))
    return out


def _next_step(p: ProposalInput, s: Styles) -> list[Flowable]:
    """The same lines as the pages' 「次のステップ」 (sonpo.duties), numbered, and whom to contact."""
    lang = p.lang
    sel = p.selection
    steps = next_steps(sel.plan, sel.domain, sel.dns_zone_support, lang)
    numbered = [f"{i}. {text}" for i, text in enumerate(steps, start=1)]
    return [*(para(x, s.body) for x in numbered), gap(2), boxed(para(p.issuer.contact_text(lang), s.body))]


def proposal_pdf(p: ProposalInput) -> bytes:
    """The 提案書 as PDF bytes. Raises DomainError (InvalidSelection) when the selection or the schedule
    breaks a rule of the brochure; the addressee and the issuer are printed as text, never interpreted."""
    lang = p.lang
    check_document_fields(p.addressee)
    s = Styles(lang)
    q = quote(p.selection)
    sch = schedule(p.schedule_request())
    rec = p.recommendation()
    plan_name = t(f"plan.{q.selection.plan}.name", lang)
    left: list[Flowable] = [
        para(t("pdf.quote.subject", lang, subject=t("pdf.proposal.subject", lang, plan=plan_name)), s.body),
        gap(1.5), para(t("pdf.proposal.greeting", lang), s.body),
    ]
    right: list[Flowable] = [para(t("doc.issued", lang, date=fmt_date(p.issued, lang)), s.right_small), gap(2.5),
                             *issuer_block(p.issuer, lang, s)]
    head = document_head(p.addressee, p.honorific, lang, s, left, right)

    def section(n: int, key: str, body: list[Flowable]) -> list[Flowable]:
        # The heading stays with the start of its section, never alone at the foot of a page; the estimate (the
        # amount quoted, its lines and its totals: one thing to a reader) and the short last section (next steps
        # and whom to contact) stay whole. Each table stays whole in any case (pdf.WholeTable).
        # (A KeepTogether inside another one always breaks the page: keep only plain flowables together.)
        title = heading(f"{n}. {t(f'pdf.proposal.section.{key}', lang)}", s.h1)
        keep = len(body) if key in ("estimate", "next") else 2
        return [KeepTogether([title, *body[:keep]]), *body[keep:]]

    story: list[Flowable] = [title_block(t("pdf.proposal.title", lang), s), gap(4), head, gap(2)]
    for n, (key, body) in enumerate((
        ("plan", _recommended(p, rec, s)),
        ("compare", _comparison(p, q, rec, s)),
        ("estimate", _estimate(p, q, s)),
        ("schedule", _schedule(p, sch, s)),
        ("tasks", _tasks(p, q, sch, s)),
        ("support", _support(p, s)),
        ("assumptions", bullets(notes(q, lang, sch), s.bullet)),
        ("next", _next_step(p, s)),
    ), start=1):
        story += section(n, key, body)
    title = f"{t('pdf.proposal.title', lang)} {plan_name}"
    return build(story, title=title, subject=t("pdf.proposal.subject", lang, plan=plan_name),
                 author=p.issuer.company, lang=lang, issued=p.issued)
