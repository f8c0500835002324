"""損保クラウド plan selector: the Streamlit entry point (the case from the link, navigation, language, tax)."""

from __future__ import annotations

import streamlit as st

from sonpo.i18n import LANGS
from ui import case as the_case
from ui import entries, heap, labels, lang, staff, tr
from ui.a11y import page_chrome
from ui.core import LANG, TAX
from ui.pages import HOME, PAGES

st.set_page_config(page_icon="static/favicon.png", layout="wide")  # the title is per page: ui.a11y.page_chrome

the_case.start()
entries.catch_up()  # an entry whose on_change Streamlit stopped half-way (see ui/entries.py)


def commit(setting: str, key: str) -> None:
    """A display setting's widget changed: keep its value (a click on the chosen language deselects it: keep that)."""
    if st.session_state[key] is not None:
        st.session_state[setting] = st.session_state[key]
        the_case.note_entry()


def bound(setting: str, key: str) -> entries.Bound:
    """Like ui.case.bind for the two display settings: the widget shows the session's value, never holds its own
    (Streamlit forgets a widget's value when st.switch_page changes pages)."""
    return entries.bound(key, st.session_state[setting], commit, setting, key)


# The overview is the home page at "/" and answers at "/overview" too (the path the README and old links
# use): Streamlit serves a default page at "/" only, so a hidden second entry holds that path, and the
# sidebar lists our own links instead of Streamlit's menu.
pages = {
    name: st.Page(f"views/{name}.py", title=tr(f"nav.{name}"), icon=icon,
                  url_path="home" if name == HOME else name,
                  default=name == HOME)
    for name, icon in PAGES
}
overview_path = st.Page(f"views/{HOME}.py", title=tr(f"nav.{HOME}"), icon=pages[HOME].icon, url_path=HOME)
nav = st.navigation([*pages.values(), overview_path], position="hidden")
page_links = st.sidebar.container()  # filled after the page ran: its links carry the case as the page left it

with st.sidebar:
    st.segmented_control(
        tr("app.language"),
        LANGS,
        format_func={"ja": "日本語", "en": "English"}.__getitem__,
        **bound(LANG, "app.language"),
    )
    # The tax radio's labels are translated, so its key carries the language (see ui/case.py).
    st.radio(
        tr("app.tax_display"),
        ("excl", "incl"),
        format_func=labels(("excl", "incl"), lambda mode: tr(f"app.tax_mode.{mode}")),
        horizontal=True,
        **bound(TAX, f"app.tax.{lang()}"),
    )
    staff.account()  # sign-in, at the bottom; nothing when sign-in is not configured
    entries.rerun_on_reconnect()  # the first entry after a failover counts (see ui/entries.py)

page_chrome(nav.title, nav.url_path)
the_case.set_page_path(nav.url_path)
the_case.show_link_notice()
try:
    nav.run()
finally:  # also when the page stops or switches: the menu is drawn on every run
    with page_links:
        for name, page in pages.items():
            if name == "staff" and staff.email() is None:
                continue
            st.page_link(page, query_params=the_case.link_query(name))  # the case rides along (see link_query)
the_case.write_url()
heap.freeze_once()
