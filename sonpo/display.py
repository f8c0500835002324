"""One quote shown and exported: the JSON the command line prints, the line table, packs, assumptions and option prices.

The customer's documents (見積書, 提案書, the .ics calendar) are in sonpo/documents/."""

from __future__ import annotations

import json
from typing import Literal

from sonpo.catalog import load_catalog
from sonpo.i18n import Lang, listing, t
from sonpo.money import tax_included, yen
from sonpo.names import OptionId, PlanId
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


def assumptions(lang: Lang = "ja", plan: PlanId | None = None) -> list[str]:
    """What the figures take for granted (the brochure is silent on pro-rating, for one). For one plan,
    the special-plan note only where that plan has a special plan (individual)."""
    cat = load_catalog()
    params = {"rate": cat.tax_rate_percent, "max": cat.plan("individual").max_ids}
    keys = [k for k in ASSUMPTIONS if k != "special" or plan is None or cat.plan(plan).special_plan]
    return [t(f"doc.assumption.{key}", lang, **params) for key in keys]


def line_table(q: Quote, lang: Lang = "ja", tax_mode: TaxMode = "excl") -> list[dict[str, str]]:
    """The billed lines for display, in the order of the 見積書's 明細: item, kind, quantity, unit, unit price,
    amount excl. tax; with the tax-included amount too when that is the chosen display (tax itself is
    computed per total)."""
    rate = load_catalog().tax_rate_percent
    rows = []
    for line in q.lines:
        row = {
            t("export.item", lang): line.name(lang),
            t("export.kind", lang): t(f"kind.{line.kind}", lang),
            t("export.quantity", lang): f"{line.quantity:,}",
            t("export.unit", lang): line.unit_name(lang),
            t("export.unit_price", lang): yen(line.unit_price, lang),
            t("export.amount", lang): yen(line.amount, lang),
        }
        if tax_mode == "incl":
            row[t("doc.amount_incl", lang)] = yen(tax_included(line.amount, rate), lang)
        rows.append(row)
    return rows


def option_price(option_id: OptionId, lang: Lang = "ja", tax_mode: TaxMode = "excl") -> str:
    """An option's prices from the catalog, in the chosen tax display: '月額380円/ID、工事費0円（税抜）'."""
    cat = load_catalog()
    o = cat.option(option_id)

    def price(unit: int) -> str:
        return yen(tax_included(unit, cat.tax_rate_percent) if tax_mode == "incl" else unit, lang)

    if o.packs:
        text = t("estimate.unit_price_packs", lang, initial=price(o.initial),
                 packs=listing((t("estimate.pack_price", lang, size=p.size, price=price(p.monthly)) for p in o.packs),
                               lang))
    elif o.unit == "contract":
        text = t("doc.one_time_price", lang, initial=price(o.initial))
    else:
        text = t("estimate.unit_price", lang, monthly=price(o.monthly), unit=t(f"unit.{o.unit}", lang),
                 initial=price(o.initial))
    return text + t(f"app.tax_suffix.{tax_mode}", lang)
