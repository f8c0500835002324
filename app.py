"""損保クラウド plan selector: the Streamlit entry point (the case from the link, navigation, language, tax)."""

from __future__ import annotations

import streamlit as st

from sonpo.i18n import LANGS
from ui import case as the_case
from ui import heap, labels, lang, tr
from ui.core import LANG, TAX
from ui.documents import issuer_settings

st.set_page_config(page_title="損保クラウド プランセレクター", page_icon=":material/cloud:", layout="wide")

the_case.start()


def keep_a_language() -> None:
    """Clicking the selected language deselects it; keep the one the user had instead."""
    if st.session_state.get(LANG) not in LANGS:
        st.session_state[LANG] = st.session_state.get("app.lang_shown", "ja")


def commit_tax(key: str) -> None:
    st.session_state[TAX] = st.session_state[key]


PAGES = [
    ("overview", ":material/home:"),
    ("finder", ":material/explore:"),
    ("support", ":material/support_agent:"),
    ("estimate", ":material/calculate:"),
    ("compare", ":material/compare_arrows:"),
    ("timeline", ":material/event:"),
    ("bulk", ":material/table_view:"),
]
# The overview is the home page at "/" and answers at "/overview" too (the path the README and old links
# use): Streamlit serves a default page at "/" only, so a hidden second entry holds that path, and the
# sidebar lists our own links instead of Streamlit's menu.
pages = {
    name: st.Page(f"views/{name}.py", title=tr(f"nav.{name}"), icon=icon,
                  url_path="home" if name == "overview" else name,
                  default=name == "overview")
    for name, icon in PAGES
}
overview_path = st.Page("views/overview.py", title=tr("nav.overview"), icon=":material/home:", url_path="overview")
nav = st.navigation([*pages.values(), overview_path], position="hidden")
with st.sidebar:
    for page in pages.values():
        st.page_link(page)

with st.sidebar:
    st.segmented_control(
        tr("app.language"),
        LANGS,
        key=LANG,
        format_func={"ja": "日本語", "en": "English"}.__getitem__,
        on_change=keep_a_language,
    )
    # The tax radio's labels are translated, so its key carries the language (see ui/case.py).
    tax_key = f"app.tax.{lang()}"
    if st.session_state.get(tax_key) != st.session_state[TAX]:
        st.session_state[tax_key] = st.session_state[TAX]
    st.radio(
        tr("app.tax_display"),
        ("excl", "incl"),
        key=tax_key,
        format_func=labels(("excl", "incl"), lambda mode: tr(f"app.tax_mode.{mode}")),
        horizontal=True,
        on_change=commit_tax,
        args=(tax_key,),
    )
    issuer_settings()

st.session_state["app.lang_shown"] = lang()

the_case.set_page_path(nav.url_path)
the_case.show_link_notice()
nav.run()
the_case.write_url()
heap.freeze_once()
