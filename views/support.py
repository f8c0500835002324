"""Support finder (支援メニュー診断): the support-menu flowchart for a plan, its diagram, the menu and its price."""

import streamlit as st

from sonpo.catalog import load_catalog
from sonpo.flow import (
    questions,
    support,
    support_branch_reconstructed,
    support_plans,
    support_price,
    support_questions,
    support_reasons,
    support_root,
)
from sonpo.options import option_states
from ui import case as the_case
from ui import labels, lang, md, tax_mode, tr, when, yen_text
from ui.diagram import flow_diagram
from ui.glossary import explain, with_terms
from ui.next_step import next_step

cat = load_catalog()

c = the_case.case()

st.title(tr("support_page.title"), anchor=False)
st.write(tr("support_page.lead"))

plan = c.plan
w = support(plan, c.support_answers())
offers_dns_support = option_states(plan, c.plan_domain())["dns_zone_support"].available

branch_name = labels(support_plans(), lambda p: tr(f"flow.support.plan.{p}"))
yes_no = labels((True, False), lambda v: tr("flow.yes") if v else tr("flow.no"))


def reset() -> None:
    the_case.update(**dict.fromkeys(support_questions()))


wizard_col, diagram_col = st.columns([2, 3], gap="medium")
with wizard_col:
    st.radio(tr("support_page.plan"), support_plans(), **the_case.bind("support", "plan"), format_func=branch_name)
    asked = [q for q in questions(w) if q != "plan"]
    for n, q in enumerate(asked, start=1):
        with st.container(border=True):
            question = f"{tr('support_page.step', n=n)} {tr(f'support_page.q.{q}')}"
            st.radio(question, (True, False), **the_case.bind("support", q), format_func=yes_no, horizontal=True)
            st.caption(with_terms(tr(f"support_page.help.{q}"), question) or "")
            if w.pending is not None and n == len(asked):
                st.caption(tr("support_page.answer_to_continue"))
    if offers_dns_support:  # brochure p.9's 「こんな方に」, where the user decides whether to hand the work over
        with st.container(border=True):
            st.markdown(f"**{tr('brochure.dns_support_for.title')}**")
            st.markdown("\n".join(f"- {tr(f'brochure.dns_support_for.case{i}')}" for i in (1, 2, 3)))
    if support_branch_reconstructed(plan):
        st.info(tr("inferred.branch_c"), icon=":material/construction:")
    if asked:
        st.button(tr("support_page.reset"), icon=":material/restart_alt:", on_click=reset, key="support.reset")
with diagram_col:
    st.caption(tr("support_page.diagram"))
    flow_diagram("support", w, alt=tr("support_page.diagram"), root=support_root(plan))

if w.result is not None:
    outcome = w.outcome()
    price = support_price(w)
    st.divider()
    st.header(tr("support_page.result_title"), anchor=False)
    with st.container(border=True):
        st.subheader(tr(f"flow.support.{w.result}.label").replace("\n", " "), anchor=False)
        detail = tr(f"flow.support.{w.result}.detail")
        st.markdown(detail)  # the app's own text, with its link to the support site
        explain(detail)
        if price is not None:
            # the chosen tax display as the figure, the other under it (both in one figure ran off a phone's screen)
            mode = tax_mode()
            st.metric(tr("support_page.price_initial") + tr(f"app.tax_suffix.{mode}"),
                      yen_text(price.incl_tax if mode == "incl" else price.excl_tax))
            st.caption(tr("estimate.other_excl" if mode == "incl" else "estimate.other_incl",
                          excl=yen_text(price.excl_tax), incl=yen_text(price.incl_tax), tax=yen_text(price.tax)))
            st.caption(tr("support_page.effective_date", date=when(cat.effective_date)))
        elif outcome.get("price_on_request"):
            st.metric(tr("support_page.price"), tr("support_page.price_on_request"))
            st.caption(tr("support_page.price_on_request_text"))
        else:
            st.caption(tr("support_page.price_none"))
    dns_support = outcome.get("option") == "dns_zone_support"  # the next step under the menu reached
    next_step(plan, c.plan_domain(), dns_support, price_on_request=bool(outcome.get("price_on_request")))
    reasons = support_reasons(w, lang())
    if reasons:
        st.subheader(tr("support_page.reasons"), anchor=False)
        st.markdown("\n".join(f"- {md(r)}" for r in reasons))
        explain(*reasons)
    if dns_support:
        st.subheader(tr("support_page.dns_title"), anchor=False)
        timeline_col, estimate_col = st.columns(2)
        # The support finder's answer becomes the case's choice only when the user takes it.
        to_estimate = estimate_col.button(tr("support_page.to_estimate"), type="primary", icon=":material/calculate:",
                                          key="support.to_estimate", width="stretch")
        to_timeline = timeline_col.button(tr("support_page.to_timeline"), icon=":material/event:",
                                          key="support.to_timeline", width="stretch")
        if to_estimate or to_timeline:
            the_case.update(dns_support=True)
            the_case.open_page("views/estimate.py" if to_estimate else "views/timeline.py")
the_case.share_box()
