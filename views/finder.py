"""Plan finder (プラン診断): the plan flowchart as a wizard, its diagram with the path, the result and its reasons."""

from typing import Unpack

import streamlit as st

from sonpo.case import Case
from sonpo.catalog import load_catalog
from sonpo.flow import (
    NO_NEEDS,
    alternatives,
    plan_wizard,
    tidy_needs_selection,
    tree,
)
from sonpo.names import PLAN_IDS
from ui import case as the_case
from ui import field_error, labels, lang, md, tr
from ui.browser import bring_into_view
from ui.diagram import flow_diagram
from ui.documents import documents_button
from ui.entries import Bound
from ui.glossary import explain
from ui.next_step import next_step

cat = load_catalog()
NEEDS = (*tree("plan").individual_only_needs, NO_NEEDS)


def recommended(case: Case) -> Case:
    """Once the answers reach a plan, the case takes it: every other page then shows the recommended plan."""
    rec = case.recommendation()
    return case.with_recommendation(rec) if rec is not None else case


def needs_to_case(selection: list[str]) -> tuple[str, ...] | None:
    """The multiselect's picks as the case's needs: None while nothing is picked, () for 'none of these'."""
    picked = tidy_needs_selection(selection)
    return None if not picked else tuple(n for n in picked if n != NO_NEEDS)


def bind(field: str, **kwargs: Unpack[the_case.BindOptions]) -> Bound:
    return the_case.bind("finder", field, then=recommended, **kwargs)


c = the_case.case()
st.title(tr("finder.title"), anchor=False)
st.write(tr("finder.lead"))

the_case.starting_cases("finder")
wiz = plan_wizard(c.ids, c.finder_needs(), c.own_domain, c.admin_panel)


yes_no = labels((True, False), lambda v: tr("flow.yes") if v else tr("flow.no"))
need_name = labels(NEEDS, lambda need: tr("finder.need_none") if need == NO_NEEDS else tr(f"need.{need}"))


def reset() -> None:
    the_case.update(ids=None, needs=None, own_domain=None, admin_panel=None)


def ask(n: int, question: str) -> None:
    label = f"{tr('finder.step', n=n)} {tr(f'finder.q.{question}')}"
    help_ = md(tr(f"finder.help.{question}", small=cat.plan("common").max_ids, large=cat.plan("individual").max_ids))
    if question == "ids":
        st.number_input(label, **bind("ids"), step=1, placeholder=tr("finder.ids_placeholder"))
    elif question == "needs":
        st.multiselect(label, NEEDS, **bind("needs", shown=c.finder_needs(), to_case=needs_to_case),
                       format_func=need_name, placeholder=tr("finder.needs_placeholder"), select_all=False)
    else:
        st.radio(label, (True, False), **bind(question), format_func=yes_no, horizontal=True)
    st.caption(help_)
    field_error({**wiz.errors, **the_case.refused()}, question)


wizard_col, diagram_col = st.columns([2, 3], gap="medium")
with wizard_col:
    for n, question in enumerate(wiz.questions, start=1):
        pending = wiz.walk.pending is not None and n == len(wiz.questions)
        with st.container(border=True):
            ask(n, question)
            if pending:
                st.caption(tr("finder.answer_to_continue"))
    with st.expander(tr("finder.glossary.title"), icon=":material/menu_book:"):
        for term in ("common_domain", "own_domain", "admin_panel"):
            term_text = tr("finder.label_value", label=md(tr(f"finder.glossary.{term}")),
                           value=md(tr(f"finder.glossary.{term}_text")))
            st.markdown(f"- {term_text}")
    st.button(tr("finder.reset"), icon=":material/restart_alt:", on_click=reset, key="finder.reset")
with diagram_col:
    st.caption(tr("finder.diagram"))
    flow_diagram("plan", wiz.walk, alt=tr("finder.diagram"))

rec = wiz.recommendation
if rec is not None:
    plan = cat.plan(rec.plan)
    st.divider()
    result_box = st.container(key="finder_result")  # brought into view when the answer appears (below)
    result_box.header(tr("finder.result_title"), anchor=False)
    with result_box.container(border=True):
        st.subheader(tr(f"plan.{rec.plan}.{'special' if rec.special else 'name'}"), anchor=False)
        st.markdown(tr("finder.label_value", label=tr("field.domain"), value=md(tr(f"domain.{rec.domain}"))))
        lead_key = "overview.lead_dns" if plan.lead_days_exclude_dns else "overview.lead"
        st.markdown(tr("finder.label_value", label=tr("finder.lead_time"), value=tr(lead_key, days=plan.lead_days)))
        explain(tr("finder.lead_time"), boxed=False)  # as text: Streamlit names a help button in English
        if rec.special:
            st.warning(tr("finder.special", ids=rec.ids, max=plan.max_ids), icon=":material/support_agent:")
        estimate_col, support_col = st.columns(2)
        to_estimate = estimate_col.button(tr("finder.to_estimate"), type="primary", icon=":material/calculate:",
                                          key="finder.to_estimate", width="stretch")
        to_support = support_col.button(tr("finder.to_support"), icon=":material/support_agent:",
                                        key="finder.to_support", width="stretch")
        if not rec.special:
            documents_button("finder")
    st.subheader(tr("finder.reasons"), anchor=False)
    reasons = rec.reasons(lang())
    st.markdown("\n".join(f"- {md(reason)}" for reason in reasons))
    explain(*reasons)
    st.subheader(tr("finder.alternatives"), anchor=False)
    others = alternatives(rec, lang())
    for col, pid in zip(st.columns(len(others)), [p for p in PLAN_IDS if p in others], strict=True):
        with col.container(border=True):
            st.markdown(f"**{tr(f'plan.{pid}.name')}**")
            st.markdown("\n".join(f"- {md(note)}" for note in others[pid]))
    explain(*(note for notes in others.values() for note in notes))
    st.caption(tr("finder.inferred_note"))
    next_step(rec.plan, rec.domain, c.dns_support, price_on_request=rec.special)

    if to_estimate or to_support:
        the_case.set_case(c.with_recommendation(rec))  # again, if the plan was changed elsewhere since
        the_case.open_page("views/estimate.py" if to_estimate else "views/support.py")
elif not wiz.errors:
    st.info(tr("finder.not_yet"), icon=":material/quiz:")
# The answer is drawn below the questions and the diagram, a screen or more down on a phone: when an answer
# brings a new one, it is scrolled into view.
answer = None if rec is None else f"{rec.plan}.{rec.domain}.{rec.special}"
if answer is not None and answer != st.session_state.get("finder.answer_shown"):
    bring_into_view("finder_result", answer)
st.session_state["finder.answer_shown"] = answer
the_case.share_box()
