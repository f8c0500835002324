"""Compare plans (プラン比較): the same needs priced on all three plans, and the cumulative cost over 36 months."""

from typing import Unpack

import pandas as pd
import streamlit as st

import ui
from sonpo.catalog import load_catalog
from sonpo.compare import (
    CHART_MONTHS,
    DOMAIN_NEED,
    compare,
    domain_used_text,
    not_offered_text,
    series,
    status_text,
    verdict,
)
from sonpo.display import assumptions
from sonpo.errors import InvalidSelection
from sonpo.i18n import listing
from sonpo.money import tax_included
from ui import case as the_case
from ui.charts import cost_chart
from ui.entries import Bound
from ui.glossary import explain

cat = load_catalog()
L = ui.lang()
TAX = ui.tax_mode()
c = the_case.case()
NEED_DOMAIN = {v: k for k, v in DOMAIN_NEED.items()}


def bind(field: str, **kwargs: Unpack[the_case.BindOptions]) -> Bound:
    return the_case.bind("compare", field, **kwargs)


st.title(ui.tr("compare.title"), anchor=False)
st.caption(ui.tr("compare.intro"))

with st.container(border=True):
    st.markdown(f"**{ui.tr('compare.conditions')}**")
    c1, c2, c3 = st.columns(3)
    refused = the_case.refused()
    with c1:  # a refused entry stays in its field with the reason under it (the case keeps the last good one)
        st.number_input(ui.tr("compare.ids"), step=1, **bind("ids", shown=c.quoted_ids))
        ui.field_error(refused, "ids")
        st.number_input(ui.tr("compare.months"), step=1, **bind("months"))
        ui.field_error(refused, "months")
    c2.radio(ui.tr("compare.domain"), ("any", "own", "sub"),
             **bind("domain", shown=DOMAIN_NEED[c.domain], to_case=NEED_DOMAIN.__getitem__),
             format_func=ui.labels(("any", "own", "sub"), lambda d: ui.tr(f"compare.domain_{d}")))
    with c3:
        st.number_input(ui.tr("compare.msb"), step=1, **bind("msb"))
        ui.field_error(refused, "msb")
        for name in ("mail_archive", "iijid", "dns_support"):
            st.checkbox(ui.tr(f"compare.{name}"), **bind(name))
            explain(ui.tr(f"compare.{name}"), boxed=False)
    st.caption(ui.tr("compare.per_id_note"))
if the_case.refused():
    st.warning(ui.tr("estimate.fix_first"), icon=":material/edit_note:")
    st.stop()  # no comparison of other values than those in the fields

offers = compare(c, cat)  # the case's own counts and options on every plan; its own plan as the estimate prices it
names = {p: ui.tr(f"plan.{p}.name") for p in offers}
suffix = ui.tr(f"app.tax_suffix.{TAX}")


def shown(excl: int, incl: int) -> str:
    return ui.yen_text(incl if TAX == "incl" else excl)


rows = []
for pid, offer in offers.items():
    q = offer.quote
    rows.append({
        ui.tr("compare.plan"): names[pid],
        ui.tr("compare.status"): status_text(offer, L),
        ui.tr("compare.monthly") + suffix: shown(q.monthly.excl_tax, q.monthly.incl_tax) if q else "—",
        ui.tr("compare.initial") + suffix: shown(q.initial.excl_tax, q.initial.incl_tax) if q else "—",
        ui.tr("compare.period", months=c.months) + suffix: shown(q.period.excl_tax, q.period.incl_tax) if q else "—",
    })
table = pd.DataFrame(rows).map(ui.md)
st.table(table.set_index(table.columns[0]))
for pid, offer in offers.items():
    if isinstance(offer.result, InvalidSelection):
        reasons = " ".join(e.message(L) for e in offer.result.errors)
        st.warning(ui.md(ui.tr("compare.why_not", plan=names[pid], reasons=reasons)), icon=":material/block:")
    else:
        if offer.domain_used is not None:
            st.info(ui.md(domain_used_text(c, offer, L)), icon=":material/domain:")
        if offer.not_offered:
            st.info(ui.md(not_offered_text(offer, L)), icon=":material/remove_circle_outline:")

SHOW = {"cheapest": (st.success, ":material/savings:"), "only": (st.info, ":material/check_circle:"),
        "none": (st.warning, ":material/block:"), "shared": (st.info, ":material/balance:")}
for v in verdict(c, offers, L, cat):
    show, icon = SHOW[v.kind]
    show(v.text, icon=icon)
dns = cat.option("dns_hosting")
st.caption(ui.tr("compare.dns_note", price=ui.yen_text(
    tax_included(dns.monthly, cat.tax_rate_percent) if TAX == "incl" else dns.monthly) + suffix))

points = series(offers, CHART_MONTHS)
if points:
    st.subheader(ui.tr("compare.chart_title", months=CHART_MONTHS), anchor=False)
    order = [names[p] for p in offers]
    plan_col, month_col = ui.tr("compare.plan"), ui.tr("compare.chart_month")
    cost_col = ui.tr("compare.chart_cost") + suffix
    data = pd.DataFrame(
        {
            plan_col: names[pt.plan],
            month_col: pt.month,
            "cost": pt.incl_tax if TAX == "incl" else pt.excl_tax,
            cost_col: shown(pt.excl_tax, pt.incl_tax),
        }
        for pt in points
    )
    st.vega_lite_chart(data, cost_chart(plan_col, month_col, cost_col, tuple(order), CHART_MONTHS, L), width="stretch")
    st.caption(ui.tr("compare.chart_note"))
left_out = [names[p] for p, o in offers.items() if o.quote is None]
if left_out and points:
    st.caption(ui.tr("compare.not_in_chart", plans=listing(left_out, L)))

priced = [p for p, o in offers.items() if o.quote is not None]
if priced:
    cols = st.columns(len(priced))
    for col, pid in zip(cols, priced, strict=True):
        if col.button(ui.tr("compare.open_estimate", plan=names[pid]), key=f"compare_go.{pid}",
                      icon=":material/calculate:", width="stretch"):
            the_case.update(plan=pid)
            the_case.open_page("views/estimate.py")

st.caption(ui.tr("app.effective_date", date=ui.when(cat.effective_date)))
st.caption("\n".join(f"- {a}" for a in assumptions(L)))
the_case.share_box()
