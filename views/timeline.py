"""Activation timeline (開通スケジュール): order date and plan in; activation date, Gantt chart, to-dos."""

import datetime as dt

import pandas as pd
import streamlit as st

from sonpo.catalog import load_catalog, load_timeline
from sonpo.errors import DomainError, InvalidSelection
from sonpo.names import PLAN_IDS
from sonpo.options import option_states
from sonpo.timeline import business_calendar, default_order_date, schedule
from sonpo.timeline.view import (
    chart_span,
    closed_days,
    closed_reason,
    compare_plans,
    comparison_rows,
    days_text,
    gantt_rows,
    lead_note,
    markers,
    ntt_rows,
    premise_note,
    today_in_japan,
    todo_rows,
)
from ui import case as the_case
from ui import field_error, labels, lang, md, tr, when
from ui.charts import timeline_chart
from ui.documents import documents_button
from ui.entries import Bound
from ui.glossary import explain, with_terms
from ui.next_step import next_step

tl = load_timeline()
dns = tl.dns_collection
today = today_in_japan()
first_day, last_day = dt.date(tl.calendar.first_year, 1, 1), dt.date(tl.calendar.last_year, 12, 31)
if the_case.case().order_date is None:
    # The page shows the case's default order date (the first business day from today on); the case (and so the
    # link) keeps that date, so that a link copied today still opens the same schedule tomorrow.
    the_case.update(order_date=default_order_date(today))
c = the_case.case()
plan = c.plan
domains = load_catalog().plan(plan).domains  # a choice only on a plan with two kinds
offers_dns_support = option_states(plan, c.plan_domain())["dns_zone_support"].available
errors: dict[str, DomainError] = dict(the_case.refused())
result = None
try:
    # an entry the case refused stays in its field with the reason; no schedule for other values meanwhile
    result = None if errors else schedule(c.schedule_request(today))
except InvalidSelection as e:
    errors.update(e.by_field())


def required_date(value: dt.date | None) -> dt.date:
    """An emptied date field is refused (the entry stays empty, with the reason), not read as today."""
    if value is None:
        raise DomainError("required", "order_date")
    return value


def bind(field: str, shown: object = None) -> Bound:
    return the_case.bind("timeline", field) if shown is None else the_case.bind("timeline", field, shown)


st.title(tr("timeline.title"), anchor=False)
st.write(tr("timeline.intro"))

with st.container(border=True):
    left, right = st.columns(2)
    with left:
        st.radio(tr("field.plan"), PLAN_IDS, **bind("plan"),
                 format_func=labels(PLAN_IDS, lambda p: tr(f"plan.{p}.name")))
        if len(domains) > 1:
            st.radio(tr("field.domain"), domains, **bind("domain", c.plan_domain()), horizontal=True,
                     format_func=labels(domains, lambda d: md(tr(f"domain.{d}"))))
            field_error(errors, "domain")
        if offers_dns_support:
            st.toggle(tr("field.dns_zone_support"), **bind("dns_support"))
            st.caption(with_terms(tr("timeline.dns_support_help"), tr("field.dns_zone_support")) or "")
            field_error(errors, "dns_zone_support")
            if c.dns_support:
                st.number_input(tr("field.dns_days"), step=1, **bind("dns_days"))
                st.caption(tr("timeline.dns_days_help", min=dns.min_days, max=dns.max_days, default=dns.default_days))
                field_error(errors, "dns_days")
    with right:
        st.date_input(tr("field.order_date"), **the_case.bind("timeline", "order_date", to_case=required_date),
                      min_value=first_day, max_value=last_day)
        st.caption(with_terms(tr("timeline.order_date_help"), tr("field.order_date")) or "")
        field_error(errors, "order_date")
        order_date = c.order_date or default_order_date(today)
        reason = closed_reason(order_date, lang())
        if reason:
            st.info(tr("timeline.not_business_day", date=when(order_date), reason=reason,
                       next=when(business_calendar().next_business_day(order_date))), icon=":material/event_busy:")

if result is not None:
    a, b = st.columns(2)
    a.metric(tr("timeline.activation"), when(result.activation_date))
    b.metric(tr("timeline.lead"), days_text(result.lead_days, lang()))
    with b:
        explain(tr("timeline.lead"), boxed=False)
    note = lead_note(result, lang())
    if note:
        b.caption(note)
    if result.request.dns_zone_support:  # the DNS days are the app's assumption: say so by the date
        a.markdown(tr("inferred.dns_days", days=c.dns_days, default=dns.default_days))
    if result.request.dns_zone_support:
        st.warning(tr("timeline.dns_may_move"), icon=":material/schedule:")
    st.caption(tr("timeline.caveat"))
    premise = premise_note(result, lang())
    if premise:
        st.caption(premise)

    st.subheader(tr("timeline.chart_title"), anchor=False)
    chart = timeline_chart(gantt_rows(result, lang()), closed_days(result, lang()), markers(result, today, lang()),
                           chart_span(result), lang())
    st.vega_lite_chart(chart, width="stretch")
    st.caption(tr("timeline.guide_note"))
    if any(s.phase == "before" for s in result.steps):
        st.caption(tr("timeline.before_note"))

    todo, ntt = st.columns(2)
    todos, ntts = todo_rows(result, lang()), ntt_rows(result, lang())
    with todo:
        st.subheader(tr("timeline.todo_title"), anchor=False)
        st.table(pd.DataFrame(todos).set_index(tr("timeline.col.when")))
        explain(*(str(v) for row in todos for v in row.values()))
    with ntt:
        st.subheader(tr("timeline.ntt_title"), anchor=False)
        st.table(pd.DataFrame(ntts).set_index(tr("timeline.col.step")))
        explain(*(str(v) for row in ntts for v in row.values()))

    documents_button("timeline")

    st.subheader(tr("timeline.compare_title"), anchor=False)
    compared = compare_plans(order_date, plan, domain=c.domain, dns_zone_support=c.dns_support, dns_days=c.dns_days)
    st.table(pd.DataFrame(comparison_rows(compared, lang())).set_index(tr("timeline.col.plan")))
    st.caption(tr("timeline.compare_note"))
    explain(tr("timeline.compare_note"), boxed=False)
    next_step(plan, c.plan_domain(), result.request.dns_zone_support)
the_case.share_box()
