"""One quote as documents: the JSON the command line prints, a line table, and a printable 見積書 (HTML)."""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from typing import Literal

from sonpo.catalog import OptionId, load_catalog
from sonpo.i18n import Lang, fmt_date, t
from sonpo.money import tax_included, yen
from sonpo.packs import PackPurchase
from sonpo.quote import Quote

TaxMode = Literal["excl", "incl"]
ASSUMPTIONS = ("prices", "tax", "prorate", "period", "special")


def quote_json(q: Quote) -> str:
    """Exactly what `python -m sonpo quote --format json` prints for the same selection (without the newline)."""
    return json.dumps(q.as_json(), ensure_ascii=False)


def packs_text(packs: PackPurchase, lang: Lang = "ja") -> str:
    """'10ライセンスパック×1 + 1ライセンスパック×1（11ライセンス分）'; empty when nothing is bought."""
    bought = [t("doc.pack", lang, size=size, n=n) for size, n in sorted(packs.counts.items(), reverse=True) if n]
    if not bought:
        return ""
    return t("doc.packs_covered", lang, packs=" + ".join(bought), covered=packs.licences)


def assumptions(lang: Lang = "ja") -> list[str]:
    """What the figures take for granted (the brochure is silent on pro-rating, for one)."""
    cat = load_catalog()
    params = {"rate": cat.tax_rate_percent, "max": cat.plan("individual").max_ids}
    return [t(f"doc.assumption.{key}", lang, **params) for key in ASSUMPTIONS]


def line_table(q: Quote, lang: Lang = "ja", tax_mode: TaxMode = "excl") -> list[dict[str, str]]:
    """The billed lines for display: item, kind, unit price, quantity, amount excl. tax; with the
    tax-included amount too when that is the chosen display (tax itself is computed per total)."""
    rate = load_catalog().tax_rate_percent
    rows = []
    for line in q.lines:
        row = {
            t("export.item", lang): line.name(lang),
            t("export.kind", lang): t(f"kind.{line.kind}", lang),
            t("export.unit_price", lang): yen(line.unit_price, lang),
            t("export.quantity", lang): f"{line.quantity:,}",
            t("export.amount", lang): yen(line.amount, lang),
        }
        if tax_mode == "incl":
            row[t("doc.amount_incl", lang)] = yen(tax_included(line.amount, rate), lang)
        rows.append(row)
    return rows


_CSS = """
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK JP","Hiragino Kaku Gothic ProN","Yu Gothic",Meiryo,sans-serif;color:#111;
margin:0 auto;padding:24px;max-width:820px;font-size:14px;line-height:1.6}
h1{text-align:center;letter-spacing:.4em;font-size:26px;border-bottom:3px double #111;padding-bottom:6px}
.head{display:flex;justify-content:space-between;gap:16px;flex-wrap:wrap;margin:16px 0}
.to{font-size:20px;border-bottom:1px solid #111;min-width:50%;padding-bottom:2px}
.meta{text-align:right}
.grand{font-size:18px;margin:12px 0;padding:8px 12px;border:1px solid #111;display:inline-block}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}
th,td{border:1px solid #555;padding:4px 8px;vertical-align:top}
th{background:#eee;font-weight:600;text-align:center}
td.n{text-align:right;white-space:nowrap}
h2{font-size:16px;margin:18px 0 4px;border-left:5px solid #333;padding-left:8px}
ul{margin:4px 0;padding-left:20px}
.note{font-size:12px;color:#333}
.hint{background:#f4f4f4;padding:6px 10px;font-size:12px}
@page{size:A4;margin:15mm}
@media print{body{padding:0;max-width:none;font-size:11pt}.hint{display:none}th{background:#eee!important;
-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{page-break-inside:avoid}}
@media (max-width:600px){body{padding:12px;font-size:13px}h1{font-size:20px}th,td{padding:3px 4px}}
"""


def estimate_html(q: Quote, lang: Lang, addressee: str, issued: dt.date, valid_days: int) -> str:
    """A self-contained, print-ready 見積書: addressee, date, validity, the line items, 小計 / 消費税 / 合計
    for monthly and one-time fees, the N-month total, the price list's effective date and the assumptions.
    Every text is HTML-escaped (the addressee is the user's own)."""
    cat = load_catalog()
    sel = q.selection

    def e(text: object) -> str:
        return escape(str(text), quote=True)

    def money(amount: int) -> str:
        return e(yen(amount, lang))

    plan_name = t(f"plan.{sel.plan}.name", lang)
    summary = [
        (t("field.plan", lang), plan_name),
        (t("field.ids", lang), t("doc.ids", lang, ids=sel.ids)),
        (t("field.domain", lang), t(f"domain.{sel.domain}", lang)),
    ]
    packs = packs_text(q.msb_packs, lang)
    if packs:
        summary.append((t("option.msb.name", lang), packs))

    line_rows = "".join(
        f"<tr><td>{e(x.name(lang))}</td><td>{e(t(f'kind.{x.kind}', lang))}</td><td class=n>{money(x.unit_price)}</td>"
        f"<td class=n>{x.quantity:,}</td><td class=n>{money(x.amount)}</td></tr>"
        for x in q.lines
    )
    total_rows = "".join(
        f"<tr><th scope=row>{e(label)}</th><td class=n>{money(a.excl_tax)}</td><td class=n>{money(a.tax)}</td>"
        f"<td class=n>{money(a.incl_tax)}</td></tr>"
        for label, a in ((t("doc.monthly", lang), q.monthly), (t("doc.initial", lang), q.initial))
    )
    p = q.period
    period_label = t("export.total_period", lang, months=p.months)
    total_rows += (
        f"<tr><th scope=row>{e(period_label)}</th><td class=n>{money(p.excl_tax)}</td>"
        f"<td class=n>{money(p.incl_tax - p.excl_tax)}</td><td class=n>{money(p.incl_tax)}</td></tr>"
    )
    valid_until = issued + dt.timedelta(days=valid_days)
    to = addressee.strip() or t("doc.addressee_blank", lang)
    columns = ("item", "kind", "unit_price", "quantity", "amount")
    heads = "".join(f"<th>{e(t(f'export.{c}', lang))}</th>" for c in columns)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(t("doc.title", lang))} - {e(plan_name)}</title>
<style>{_CSS}</style>
</head>
<body>
<p class="hint">{e(t("doc.print_hint", lang))}</p>
<h1>{e(t("doc.title", lang))}</h1>
<div class="head">
<div><div class="to">{e(t("doc.addressee", lang, name=to))}</div>
<p>{e(t("doc.greeting", lang))}</p></div>
<div class="meta">{e(t("doc.issued", lang, date=fmt_date(issued, lang)))}<br>
{e(t("doc.valid_until", lang, date=fmt_date(valid_until, lang), days=valid_days))}<br>
{e(t("doc.issuer", lang))}</div>
</div>
<div class="grand">{e(t("doc.grand_monthly", lang, amount=yen(q.monthly.incl_tax, lang)))}<br>
{e(t("doc.grand_initial", lang, amount=yen(q.initial.incl_tax, lang)))}</div>
<h2>{e(t("doc.summary", lang))}</h2>
<table><tbody>{"".join(f"<tr><th scope=row>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in summary)}</tbody></table>
<h2>{e(t("doc.lines", lang))}</h2>
<table><thead><tr>{heads}</tr></thead><tbody>{line_rows}</tbody></table>
<h2>{e(t("doc.totals", lang))}</h2>
<table><thead><tr><th></th><th>{e(t("doc.subtotal", lang))}</th>
<th>{e(t("doc.tax", lang, rate=cat.tax_rate_percent))}</th><th>{e(t("doc.total", lang))}</th></tr></thead>
<tbody>{total_rows}</tbody></table>
<h2>{e(t("doc.assumptions", lang))}</h2>
<ul>{"".join(f"<li>{e(a)}</li>" for a in assumptions(lang))}</ul>
<p class="note">{e(t("doc.effective", lang, date=fmt_date(cat.effective_date, lang)))}</p>
</body>
</html>
"""


def option_price(option_id: OptionId, lang: Lang = "ja", tax_mode: TaxMode = "excl") -> str:
    """An option's prices from the catalog, in the chosen tax display: '月額380円/ID、工事費0円（税抜）'."""
    cat = load_catalog()
    o = cat.option(option_id)

    def price(unit: int) -> str:
        return yen(tax_included(unit, cat.tax_rate_percent) if tax_mode == "incl" else unit, lang)

    if o.packs:
        packs = "・" if lang == "ja" else ", "
        text = t("estimate.unit_price_packs", lang, initial=price(o.initial),
                 packs=packs.join(t("estimate.pack_price", lang, size=p.size, price=price(p.monthly)) for p in o.packs))
    elif o.unit == "contract":
        text = t("doc.one_time_price", lang, initial=price(o.initial))
    else:
        text = t("estimate.unit_price", lang, monthly=price(o.monthly), unit=t(f"estimate.unit.{o.unit}", lang),
                 initial=price(o.initial))
    return text + t(f"app.tax_suffix.{tax_mode}", lang)
