"""The 提案書 (proposal) as PDF (SPEC §9): the plan and why, the plans compared, the estimate, the dated steps,
the customer's tasks, the support menu, the assumptions and the next step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, KeepTogether

from sonpo.case import Case
from sonpo.catalog import load_catalog
from sonpo.compare import Needs, cheapest, compare
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
from sonpo.flow import Recommendation, alternatives, recommend, support, support_price, support_reasons
from sonpo.i18n import Lang, fmt_date, t
from sonpo.issuer import Issuer
from sonpo.money import yen
from sonpo.quote import Quote, Selection, quote
from sonpo.timeline import Schedule, ScheduleRequest, schedule
from sonpo.timeline.view import period_text, premise_note


@dataclass(frozen=True)
class ProposalInput:
    """The case as the proposal needs it: the finder's answers (None = not answered), the chosen selection,
    the order-complete date, the DNS-collection days (DNS zone support only) and the support-menu answers."""

    lang: Lang
    addressee: str
    issued: dt.date
    issuer: Issuer
    selection: Selection
    order_date: dt.date
    ids: int | None = None
    needs: tuple[str, ...] | None = None
    own_domain: bool | None = None
    admin_panel: bool | None = None
    dns_days: int | None = None
    support_answers: Mapping[str, bool | None] = field(default_factory=dict)

    @classmethod
    def of_case(cls, case: Case, lang: Lang, issued: dt.date, issuer: Issuer) -> ProposalInput:
        """What the 提案書 needs from a case (the order date is the issue date until one is set)."""
        return cls(
            lang=lang, addressee=case.addressee, issued=issued, issuer=issuer, selection=case.selection(),
            order_date=case.order_date or issued, ids=case.ids, needs=case.needs, own_domain=case.own_domain,
            admin_panel=case.admin_panel, dns_days=case.dns_days, support_answers=case.support_answers(),
        )

    def recommendation(self) -> Recommendation | None:
        """The plan flowchart's result once every question is answered, else None."""
        if None in (self.ids, self.needs, self.own_domain, self.admin_panel):
            return None
        assert self.ids is not None and self.needs is not None
        return recommend(self.ids, self.needs, bool(self.own_domain), bool(self.admin_panel))

    def schedule_request(self) -> ScheduleRequest:
        sel = self.selection
        return ScheduleRequest(plan=sel.plan, order_date=self.order_date, domain=sel.domain,
                               dns_zone_support=sel.dns_zone_support,
                               dns_days=self.dns_days if sel.dns_zone_support else None)

    def needs_compared(self, q: Quote) -> Needs:
        """The selection's needs, whatever the plan: what the comparison prices on every plan."""
        sel = q.selection
        if self.own_domain is not None:
            domain = "own" if self.own_domain else "sub"
        else:
            domain = "own" if sel.domain == "own" else "sub"
        return Needs(ids=sel.ids, domain=domain, msb=sel.msb_licences, mail_archive=sel.mail_archive_ids > 0,
                     iijid=sel.iijid_ids > 0, dns_support=sel.dns_zone_support, months=sel.months)


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
    needs = p.needs_compared(q)
    results = compare(needs, cat)
    changes = alternatives(rec, lang) if rec is not None else {}
    head: list[object] = [
        t("compare.plan", lang), t("pdf.proposal.monthly_incl", lang), t("pdf.proposal.initial_incl", lang),
        t("pdf.proposal.period_incl", lang, months=needs.months), t("pdf.proposal.lead", lang),
        t("pdf.proposal.notes", lang),
    ]
    rows: list[list[object]] = [head]
    for pid, r in results.items():
        name = t(f"plan.{pid}.name", lang)
        if pid == p.selection.plan:
            name = t("pdf.proposal.chosen_mark", lang, plan=name)
        lead = t("timeline.days", lang, days=cat.plan(pid).lead_days)
        if isinstance(r, Quote):
            text = " ".join(changes.get(pid, []))
            rows.append([name, yen(r.monthly.incl_tax, lang), yen(r.initial.incl_tax, lang),
                         yen(r.period.incl_tax, lang), lead, text])
        else:
            cannot = " ".join(dict.fromkeys(e.message(lang) for e in r.errors))
            rows.append([name, "—", "—", "—", lead, t("pdf.proposal.cannot", lang, reasons=cannot)])
    w = FRAME_WIDTH
    out: list[Flowable] = [
        para(t("pdf.proposal.compare_intro", lang, conditions=_needs_text(needs, lang)), s.small),
        gap(1),
        grid_table(rows, [w * 0.17, w * 0.12, w * 0.12, w * 0.13, w * 0.1, w * 0.36], s, right_cols=(1, 2, 3)),
    ]
    low = cheapest(results)
    if low:
        sep = "・" if lang == "ja" else ", "
        out.append(para(t("compare.cheapest", lang, months=needs.months,
                          plans=sep.join(t(f"plan.{x}.name", lang) for x in low)), s.small))
    return out


def _needs_text(n: Needs, lang: Lang) -> str:
    sep = "、" if lang == "ja" else ", "
    parts = [t("doc.ids", lang, ids=n.ids), t(f"compare.domain_{n.domain}", lang)]
    if n.msb:
        parts.append(f"{t('compare.msb', lang)} {n.msb}")
    parts += [t(f"compare.{x}", lang) for x in ("mail_archive", "iijid", "dns_support") if getattr(n, x)]
    return sep.join(parts)


def _estimate(p: ProposalInput, q: Quote, s: Styles) -> list[Flowable]:
    lang = p.lang
    number = quote_number(q, p.issued, p.addressee)
    return [
        para(t("pdf.proposal.estimate_intro", lang, number=number), s.small),
        headline(q, lang, s),
        KeepTogether([gap(1.5), line_table(q, lang, s)]),
        KeepTogether([gap(1.5), totals_table(q, lang, s)]),
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
    if w.result is None:
        assert w.pending is not None
        return [para(t("pdf.proposal.support_pending", lang, branch=branch,
                       question=t(f"support_page.q.{w.pending}", lang)), s.body)]
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
    head = document_head(p.addressee, lang, s, left, right)

    def section(n: int, key: str, body: list[Flowable]) -> list[Flowable]:
        # The heading stays with the start of its section, never alone at the foot of a page; the
        # short last section (next steps and whom to contact) stays whole.
        # (A KeepTogether inside another one always breaks the page: keep only plain flowables together.)
        title = heading(f"{n}. {t(f'pdf.proposal.section.{key}', lang)}", s.h1)
        keep = len(body) if key == "next" else 2
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
                 author=p.issuer.company or "", lang=lang)
