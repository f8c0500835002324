"""Activation timeline (開通スケジュール): order date and plan in; activation date, Gantt chart, to-dos."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from sonpo.calendar import business_calendar
from sonpo.catalog import PLAN_IDS, load_timeline
from sonpo.errors import DomainError, InvalidSelection
from sonpo.timeline import ScheduleRequest, schedule
from sonpo.timeline_view import (
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
    today_in_japan,
    todo_rows,
)
from ui import (
    Field,
    PageState,
    bool_field,
    choice_field,
    date_field,
    field_error,
    int_field,
    labels,
    lang,
    md,
    tr,
    when,
)
from ui.charts import timeline_chart
from ui.next_step import hybrid_notes, next_step


@dataclass(frozen=True)
class _Pinned(Field):
    """Always written to the link: its default (today) changes from day to day."""

    def is_default(self, value: Any) -> bool:
        return False


tl = load_timeline()
dns = tl.dns_collection
today = today_in_japan()
first_day, last_day = dt.date(tl.calendar.first_year, 1, 1), dt.date(tl.calendar.last_year, 12, 31)
state = PageState(
    "timeline",
    [
        choice_field("plan", "common", PLAN_IDS, label="field.plan"),
        _Pinned(**vars(date_field("order_date", today, first_day, last_day, label="field.order_date"))),
        choice_field("domain", "own", ("own", "sub"), label="field.domain"),
        bool_field("dns_support", False, label="field.dns_zone_support"),
        int_field("dns_days", dns.default_days, dns.min_days, dns.max_days, label="field.dns_days"),
    ],
)
bad = state.load()

plan, order_date = state.get("plan"), state.get("order_date")
hybrid, individual = plan == "hybrid", plan == "individual"
errors: dict[str, DomainError] = {}
result = None
try:
    if not isinstance(order_date, dt.date):  # the date field was emptied
        raise InvalidSelection([DomainError("required", "order_date")])
    result = schedule(
        ScheduleRequest(
            plan=plan,
            order_date=order_date,
            domain=state.get("domain") if individual else None,
            dns_zone_support=hybrid and state.get("dns_support"),
            dns_days=state.get("dns_days") if hybrid and state.get("dns_support") else None,
        )
    )
except InvalidSelection as e:
    errors = e.by_field()

st.title(tr("timeline.title"))
st.write(tr("timeline.intro"))
state.show_url_notice(bad)

with st.container(border=True):
    left, right = st.columns(2)
    with left:
        st.radio(tr("field.plan"), PLAN_IDS, key=state.key("plan"),
                 format_func=labels(PLAN_IDS, lambda p: tr(f"plan.{p}.name")), persist_state="session")
        if individual:
            st.radio(tr("field.domain"), ("own", "sub"), key=state.key("domain"), horizontal=True,
                     format_func=labels(("own", "sub"), lambda d: md(tr(f"domain.{d}"))), persist_state="session")
            field_error(errors, "domain")
        if hybrid:
            st.toggle(tr("field.dns_zone_support"), key=state.key("dns_support"), help=tr("timeline.dns_support_help"),
                      persist_state="session")
            field_error(errors, "dns_zone_support")
            if state.get("dns_support"):
                st.number_input(tr("field.dns_days"), min_value=dns.min_days, max_value=dns.max_days, step=1,
                                key=state.key("dns_days"), persist_state="session",
                                help=tr("timeline.dns_days_help", min=dns.min_days, max=dns.max_days,
                                        default=dns.default_days))
                field_error(errors, "dns_days")
    with right:
        st.date_input(tr("field.order_date"), key=state.key("order_date"), min_value=first_day, max_value=last_day,
                      help=tr("timeline.order_date_help"), persist_state="session")
        field_error(errors, "order_date")
        reason = closed_reason(order_date, lang()) if isinstance(order_date, dt.date) else None
        if reason:
            st.info(tr("timeline.not_business_day", date=when(order_date), reason=reason,
                       next=when(business_calendar().next_business_day(order_date))), icon=":material/event_busy:")

if result is not None:
    a, b = st.columns(2)
    a.metric(tr("timeline.activation"), when(result.activation_date))
    b.metric(tr("timeline.lead"), days_text(result.lead_days, lang()))
    note = lead_note(result, lang())
    if note:
        b.caption(note)
    if hybrid and result.request.dns_zone_support:  # the DNS days are the app's assumption: say so by the date
        a.markdown(f":material/info: {tr('inferred.dns_days', days=state.get('dns_days'), default=dns.default_days)}")
    if hybrid and result.request.dns_zone_support:
        st.warning(tr("timeline.dns_may_move"), icon=":material/schedule:")
    st.caption(tr("timeline.caveat"))
    if hybrid:
        st.caption(tr("timeline.hybrid_premise"))
        hybrid_notes()

    st.subheader(tr("timeline.chart_title"))
    chart = timeline_chart(gantt_rows(result, lang()), closed_days(result, lang()), markers(result, today, lang()),
                           chart_span(result), lang())
    st.vega_lite_chart(chart, width="stretch")
    st.caption(tr("timeline.guide_note"))
    if any(s.phase == "before" for s in result.steps):
        st.caption(tr("timeline.before_note"))

    todo, ntt = st.columns(2)
    with todo:
        st.subheader(tr("timeline.todo_title"))
        st.table(pd.DataFrame(todo_rows(result, lang())).set_index(tr("timeline.col.when")))
    with ntt:
        st.subheader(tr("timeline.ntt_title"))
        st.table(pd.DataFrame(ntt_rows(result, lang())).set_index(tr("timeline.col.step")))

    st.subheader(tr("timeline.compare_title"))
    compared = compare_plans(order_date, plan, individual_domain=state.get("domain"),
                             dns_zone_support=state.get("dns_support"), dns_days=state.get("dns_days"))
    st.table(pd.DataFrame(comparison_rows(compared, lang())).set_index(tr("timeline.col.plan")))
    st.caption(tr("timeline.compare_note"))
    next_step(plan)
