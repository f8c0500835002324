"""The 見積書 (quotation) as PDF (docs/rules.md §9): one A4 page for an ordinary case, in Japanese business form."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

from reportlab.platypus import Flowable, Table

from sonpo.catalog import load_catalog
from sonpo.display import assumptions, packs_text
from sonpo.documents.pdf import (
    FRAME_WIDTH,
    GRID,
    HEAD_BG,
    INK,
    Styles,
    boxed,
    build,
    bullets,
    document_head,
    gap,
    grid_table,
    heading,
    para,
    table,
    title_block,
)
from sonpo.duties import duties
from sonpo.errors import DomainError
from sonpo.i18n import Lang, fmt_date, t
from sonpo.issuer import Issuer
from sonpo.money import yen
from sonpo.names import Honorific
from sonpo.printable import check_printable
from sonpo.quote import Quote
from sonpo.timeline import Schedule

MAX_VALID_DAYS = 365  # as the estimate page allows
MAX_ADDRESSEE = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_document_fields(addressee: str, valid_days: int | None = None) -> None:
    """The 宛名 is one line of at most 100 characters (as the page's field) that the font can print, the
    validity 1 to 365 days."""
    if len(addressee.strip()) > MAX_ADDRESSEE or _CONTROL.search(addressee):
        raise DomainError("addressee_text", "addressee", max=MAX_ADDRESSEE)
    check_printable("addressee", addressee)
    if valid_days is not None and not 1 <= valid_days <= MAX_VALID_DAYS:
        raise DomainError("range", "valid_days", value=valid_days, min=1, max=MAX_VALID_DAYS)


def quote_number(q: Quote, issued: dt.date, addressee: str = "") -> str:
    """見積番号: the issue date and a short hash of the priced selection, the date and the addressee, so
    the same case issued on the same day gets the same number and any change gives another."""
    canonical = json.dumps(
        {"selection": q.selection.model_dump(mode="json"), "issued": issued.isoformat(), "to": addressee.strip()},
        sort_keys=True, ensure_ascii=False,
    )
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:8].upper()
    return f"Q-{issued:%Y%m%d}-{digest}"


def valid_until(issued: dt.date, valid_days: int) -> dt.date:
    return issued + dt.timedelta(days=valid_days)


def subject(q: Quote, lang: Lang) -> str:
    """件名: the plan quoted."""
    sel = q.selection
    return t("pdf.quote.subject_text", lang, plan=t(f"plan.{sel.plan}.name", lang), ids=sel.ids)


def notes(q: Quote, lang: Lang, schedule: Schedule | None = None) -> list[str]:
    """備考: the assumptions that apply to this case, and the brochure's effective date."""
    cat = load_catalog()
    sel = q.selection
    keep = {"prices", "tax", "prorate", "period"}  # never "special": a special-plan case is not quoted at all
    every = dict(zip(("prices", "tax", "prorate", "period", "special"), assumptions(lang), strict=True))
    out = [text for key, text in every.items() if key in keep]
    if sel.msb_licences:
        out.append(t("pdf.note.msb", lang, requested=sel.msb_licences, packs=packs_text(q.msb_packs, lang)))
    dns = cat.option("dns_hosting")
    if sel.plan in dns.mandatory_on:
        out.append(t("pdf.note.dns_hosting_mandatory", lang, plan=t(f"plan.{sel.plan}.name", lang),
                     domains=sel.domains))
    if cat.plan(sel.plan).requires_registrar_transfer:  # who supplies the zone information: sonpo.duties
        zone = next(d for d in duties(sel.plan, sel.domain, sel.dns_zone_support) if d.task == "zone_info")
        out.append(t(f"pdf.note.transfer.{'self' if zone.owner == 'customer' else 'support'}", lang))
    if sel.dns_zone_support:
        out.append(t("timeline.dns_may_move", lang))
    if schedule is not None:
        out.append(t("pdf.note.activation", lang, date=fmt_date(schedule.activation_date, lang),
                     order=fmt_date(schedule.request.order_date, lang), days=schedule.lead_days))
    out.append(t("doc.effective", lang, date=fmt_date(cat.effective_date, lang)))
    return out


def line_table(q: Quote, lang: Lang, s: Styles) -> Table:
    """明細: every billed line as a Japanese office expects it (項目, 区分, 数量, 単位, 単価, 金額), excluding tax (tax
    is computed per total, not per line)."""
    head: list[object] = [t(f"export.{c}", lang) for c in ("item", "kind", "quantity", "unit", "unit_price", "amount")]
    rows: list[list[object]] = [head]
    rows += [[x.name(lang), t(f"kind.{x.kind}", lang), f"{x.quantity:,}", x.unit_name(lang), yen(x.unit_price, lang),
              yen(x.amount, lang)] for x in q.lines]
    w = FRAME_WIDTH
    return grid_table(rows, [w * 0.365, w * 0.12, w * 0.09, w * 0.1, w * 0.155, w * 0.17], s, right_cols=(2, 4, 5))


def totals_table(q: Quote, lang: Lang, s: Styles) -> Table:
    """小計 / 消費税（10%） / 合計 for the monthly fees, the one-time fees and the N-month total."""
    rate = load_catalog().tax_rate_percent
    p = q.period
    rows: list[list[object]] = [["", t("doc.subtotal", lang), t("doc.tax", lang, rate=rate), t("doc.total", lang)]]
    for label, excl, tax, incl in (
        (t("export.total_monthly", lang), q.monthly.excl_tax, q.monthly.tax, q.monthly.incl_tax),
        (t("export.total_initial", lang), q.initial.excl_tax, q.initial.tax, q.initial.incl_tax),
        (t("export.total_period", lang, months=p.months), p.excl_tax, p.tax, p.incl_tax),
    ):
        rows.append([label, yen(excl, lang), yen(tax, lang), yen(incl, lang)])
    w = FRAME_WIDTH
    return grid_table(rows, [w * 0.4, w * 0.2, w * 0.2, w * 0.2], s, head_cols=1, right_cols=(1, 2, 3))


def headline(q: Quote, lang: Lang, s: Styles, label: str = "pdf.quote.amount") -> Table:
    """御見積金額 (or the 概算's 概算金額): the monthly and one-time totals with tax, in one box."""
    w = FRAME_WIDTH
    return table([[
        para(t(label, lang), s.big),
        para(t("pdf.quote.amount_monthly", lang, amount=yen(q.monthly.incl_tax, lang)), s.big),
        para(t("pdf.quote.amount_initial", lang, amount=yen(q.initial.incl_tax, lang)), s.big),
    ]], [w * 0.24, w * 0.38, w * 0.38], [
        ("BOX", (0, 0), (-1, -1), 1.2, INK),
        ("BACKGROUND", (0, 0), (0, 0), HEAD_BG),
        ("LINEAFTER", (0, 0), (0, 0), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ])


def issuer_block(issuer: Issuer, lang: Lang, s: Styles) -> list[Flowable]:
    """The issuer's filled-in lines, its registration number last (「登録番号：T…」); with no contact at all, whom to
    ask instead (nothing invented)."""
    lines = issuer.lines(lang)
    if not issuer.has_contact:
        lines = [issuer.contact_text(lang), *lines]  # the registration number alone is nobody to contact
    return [para(line, s.right_small) for line in lines]


def conditions(q: Quote, lang: Lang) -> list[list[object]]:
    """ご利用条件: plan, IDs, domain, and the licence packs when any."""
    sel = q.selection
    rows: list[list[object]] = [
        [t("field.plan", lang), t(f"plan.{sel.plan}.name", lang)],
        [t("field.ids", lang), t("doc.ids", lang, ids=sel.ids)],
        [t("field.domain", lang), t(f"domain.{sel.domain}", lang)],
    ]
    packs = packs_text(q.msb_packs, lang)
    if packs:
        rows.append([t("option.msb.name", lang), packs])
    return rows


def quote_pdf(
    q: Quote,
    *,
    lang: Lang,
    addressee: str,
    honorific: Honorific = "onchu",
    issued: dt.date,
    valid_days: int,
    issuer: Issuer,
    schedule: Schedule | None = None,
    number: str | None = None,
    revision: int = 1,
    draft: bool = False,
) -> bytes:
    """The 見積書 as PDF bytes. The addressee (with its honorific, see addressee_line) and the issuer are the
    user's text: printed, never interpreted. `number` is the register's 見積番号 (sonpo.register), printed with
    its revision from the second on (「（第2版）」); without one, the day's hashed number (quote_number).
    A `draft` is the public visitor's 概算お見積り (docs/rules.md §9): titled so, a boxed note that it is not an
    official quotation and whom to ask for one, no 見積番号 and no 有効期限 (nothing a customer could quote back as
    an offer), the issue date as the day it was made.
    Raises DomainError for an addressee longer than one line of 100 characters or a validity outside 1..365."""
    check_document_fields(addressee, valid_days)
    s = Styles(lang)
    number = number or quote_number(q, issued, addressee)
    shown = number if revision == 1 else t("pdf.quote.revision", lang, number=number, revision=revision)
    kind = "pdf.draft" if draft else "doc"
    left: list[Flowable] = [
        para(t("pdf.quote.subject", lang, subject=subject(q, lang)), s.body),
        gap(1.5),
        para(t(f"{kind}.greeting", lang), s.body),
    ]
    made = para(t("pdf.draft.made", lang, date=fmt_date(issued, lang)), s.right_small)
    dates: list[Flowable] = [made] if draft else [
        para(t("pdf.quote.number", lang, number=shown), s.right_small),
        para(t("doc.issued", lang, date=fmt_date(issued, lang)), s.right_small),
        para(t("pdf.quote.valid_until", lang, date=fmt_date(valid_until(issued, valid_days), lang)), s.right_small),
    ]
    right: list[Flowable] = [*dates, gap(2.5), *issuer_block(issuer, lang, s)]
    head = document_head(addressee, honorific, lang, s, left, right)
    w = FRAME_WIDTH
    story: list[Flowable] = [
        title_block(t(f"{kind}.title", lang), s),
        gap(4),
        *([boxed(para(t("pdf.draft.notice", lang), s.body)), gap(3)] if draft else []),
        head,
        gap(4),
        headline(q, lang, s, "pdf.draft.amount" if draft else "pdf.quote.amount"),
        gap(1),
        heading(t("doc.summary", lang), s.h2),
        grid_table(conditions(q, lang), [w * 0.24, w * 0.76], s, head_rows=0, head_cols=1),
        heading(t("doc.lines", lang), s.h2),
        line_table(q, lang, s),
        heading(t("doc.totals", lang), s.h2),
        totals_table(q, lang, s),
        heading(t("pdf.quote.remarks", lang), s.h2),
        *bullets(notes(q, lang, schedule), s.bullet),
    ]
    title = t(f"{kind}.title", lang) if draft else f"{t('doc.title', lang)} {shown}"
    return build(story, title=title, subject=subject(q, lang), author=issuer.company, lang=lang, issued=issued)
