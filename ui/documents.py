"""The case's documents, offered in a dialog so that a file always matches what is on screen.

A download button beside an input can hand out a file made before the user's last, unsubmitted entry:
the entry is committed when the input loses focus, but the click on a download already fetches the
file of the previous run. The 書類を作成 button commits every input first (its click is a rerun that
carries them), and the dialog that opens blocks the inputs while its files are offered.
"""

from __future__ import annotations

import streamlit as st

from sonpo.documents import estimate_html, quote_json
from sonpo.errors import InvalidSelection
from sonpo.export import quote_csv
from sonpo.quote import quote
from sonpo.timeline_view import today_in_japan
from ui import case as the_case
from ui.core import lang, md, tr

VALID_DAYS = 30  # how long a 見積書 is valid, from the day it is issued


def documents_button(page: str) -> None:
    """The button that opens the documents of the case as it stands after every entry so far."""
    if st.button(tr("docs.open"), icon=":material/description:", key=f"{page}.documents", type="primary"):
        _documents()


@st.dialog(" ", width="large")
def _documents() -> None:
    c = the_case.case()
    L = lang()
    st.subheader(tr("docs.title"))
    try:
        q = quote(c.selection())
    except InvalidSelection as e:
        for err in e.errors:
            st.error(err.message(L), icon=":material/error:")
        return
    issued = today_in_japan()
    st.markdown(tr("docs.summary", plan=tr(f"plan.{c.plan}.name"), ids=q.selection.ids, months=c.months,
                   addressee=md(c.addressee) or tr("docs.no_addressee"), issued=issued.isoformat()))
    name = f"estimate_{c.plan}_{q.selection.ids}"
    html = estimate_html(q, L, c.addressee, issued, VALID_DAYS)
    with st.container(horizontal=True, gap="small"):
        st.download_button(tr("estimate.csv"), quote_csv(q, L), f"{name}.csv", "text/csv",
                           key="docs.csv", icon=":material/table:", on_click="ignore")
        st.download_button(tr("estimate.json"), quote_json(q).encode("utf-8"), f"{name}.json",
                           "application/json", key="docs.json", icon=":material/data_object:", on_click="ignore")
        st.download_button(tr("estimate.html"), html.encode("utf-8"), f"{name}.html", "text/html",
                           key="docs.html", icon=":material/print:", on_click="ignore")
    st.caption(tr("docs.hint", days=VALID_DAYS))
