"""損保クラウド plan selector: the Streamlit entry point (navigation, language, tax display)."""

from __future__ import annotations

import streamlit as st

from sonpo.i18n import LANGS
from ui import PageState, begin_run, choice_field, labels, lang, tr, write_url
from ui.a11y import page_chrome

st.set_page_config(page_icon=":material/cloud:", layout="wide")  # the title is per page: ui.a11y.page_chrome

begin_run()
app_state = PageState(
    "app",
    [
        choice_field("lang", "ja", LANGS, label="app.language"),
        choice_field("tax", "excl", ("excl", "incl"), label="app.tax_display"),
    ],
)
bad = app_state.load()

LANG_KEY = app_state.key("lang")


def keep_a_language() -> None:
    """Clicking the selected language deselects it; keep the one the user had instead."""
    if st.session_state.get(LANG_KEY) not in LANGS:
        st.session_state[LANG_KEY] = st.session_state.get("app.lang_shown", "ja")


with st.sidebar:
    st.segmented_control(
        tr("app.language"),
        LANGS,
        key=LANG_KEY,
        format_func={"ja": "日本語", "en": "English"}.__getitem__,
        on_change=keep_a_language,
        persist_state="session",
    )
    st.radio(
        tr("app.tax_display"),
        ("excl", "incl"),
        key=app_state.key("tax"),
        format_func=labels(("excl", "incl"), lambda mode: tr(f"app.tax_mode.{mode}")),
        horizontal=True,
    )

st.session_state["app.lang_shown"] = lang()

PAGES = [
    ("overview", "views/overview.py", ":material/home:", True),
    ("finder", "views/finder.py", ":material/explore:", False),
    ("support", "views/support.py", ":material/support_agent:", False),
    ("estimate", "views/estimate.py", ":material/calculate:", False),
    ("compare", "views/compare.py", ":material/compare_arrows:", False),
    ("timeline", "views/timeline.py", ":material/event:", False),
    ("bulk", "views/bulk.py", ":material/table_view:", False),
]
pages = [
    st.Page(path, title=tr(f"nav.{name}"), icon=icon, url_path=name, default=default)
    for name, path, icon, default in PAGES
]
nav = st.navigation(pages)
page_chrome(nav.title)
app_state.show_url_notice(bad)
nav.run()
write_url()
