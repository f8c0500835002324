"""finder page (being built)."""

import streamlit as st

from ui import tr

st.title(tr("nav.finder"))
