"""Overview: the three plans side by side, who does what, the security policy, and the way in."""

import pandas as pd
import streamlit as st

from sonpo.catalog import load_catalog
from sonpo.names import PLAN_IDS
from sonpo.overview import explanations, option_rows, plan_rows, role_rows
from ui import case as the_case
from ui import lang, md, tr, when
from ui.glossary import all_terms, explain

cat = load_catalog()
names = {pid: tr(f"plan.{pid}.name") for pid in PLAN_IDS}

st.title(tr("overview.title"), anchor=False)
st.write(tr("overview.lead_text"))
the_case.starting_cases("overview", then_open="views/finder.py")

cols = st.columns(3)
for col, pid in zip(cols, PLAN_IDS, strict=True):
    plan = cat.plan(pid)
    with col.container(border=True):
        st.subheader(names[pid], anchor=False)
        st.write(tr(f"overview.pitch.{pid}"))
        st.caption(tr("overview.row.lead"))
        explain(tr("overview.row.lead"), boxed=False)
        st.markdown(f"#### {tr('overview.lead', days=plan.lead_days)}", anchors=False)
        if plan.lead_days_exclude_dns:  # the brochure's ※ on the hybrid plan's 24 business days
            st.markdown(tr("timeline.lead_exclude_dns"))

st.subheader(tr("overview.compare_title"), anchor=False)
plans = pd.DataFrame(plan_rows(lang()))
st.table(plans.map(md).rename(columns=names).set_index(""))
explain(*(str(v) for v in plans.to_numpy().ravel()))
st.caption(tr("app.effective_date", date=when(cat.effective_date)))

st.subheader(tr("overview.options.title"), anchor=False)
st.write(tr("overview.options.lead"))
st.table(pd.DataFrame(option_rows(lang())).map(md).rename(columns=names).set_index(""))
st.caption(tr("overview.options.note"))

with st.expander(tr("explain.title"), icon=":material/menu_book:"):
    item = "- **{0}**：{1}（{2}）" if lang() == "ja" else "- **{0}**: {1} ({2})"
    st.markdown("\n".join(item.format(md(name), md(text), source) for name, text, source in explanations(lang())))
    st.markdown(f"**{tr('glossary.all_title')}**")  # the whole glossary; each page explains the terms it uses
    st.markdown(all_terms())

st.subheader(tr("overview.roles_title"), anchor=False)
roles = pd.DataFrame(role_rows(lang()))
st.table(roles.rename(columns=names).set_index(""))
st.caption(tr("overview.roles_note"))
explain(*(str(v) for v in roles.to_numpy().ravel()))

st.subheader(tr("policy.title"), anchor=False)
policy = [tr(f"policy.{key}") for key in ("password", "mfa", "hold", "zip")]
for line in policy:
    st.markdown(f"- {line}")
explain(*policy)
st.info(tr("policy.fixed"), icon=":material/lock:")
st.info(tr("policy.own"), icon=":material/build:")

st.subheader(tr("overview.tools_title"), anchor=False)
tools = st.columns(3)
for i, name in enumerate(("finder", "support", "estimate", "compare", "timeline", "bulk")):
    tools[i % 3].page_link(f"views/{name}.py", label=tr(f"nav.{name}"), help=tr(f"overview.tool.{name}"),
                           query_params=the_case.link_query(name))
