"""A flowchart diagram that stays legible from 360 px up: the whole tree on wide screens, and on
phones only the user's path with the other answer at each step (ui.a11y's stylesheet picks one)."""

from __future__ import annotations

import streamlit as st

from sonpo.flow import TreeName, Walk, to_dot
from ui.core import lang


def flow_diagram(name: TreeName, w: Walk, alt: str, root: str | None = None) -> None:
    """Both drawings, each in a keyed container (class st-key-flow_wide / st-key-flow_narrow):
    the stylesheet shows the wide one above 640 px and the narrow one below."""
    with st.container(key=f"flow_wide_{name}"):
        st.graphviz_chart(to_dot(name, w, lang(), root=root), width="content", alt=alt)
    with st.container(key=f"flow_narrow_{name}"):
        st.graphviz_chart(to_dot(name, w, lang(), root=root, path_only=True), width="content", alt=alt)
