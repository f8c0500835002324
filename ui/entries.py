"""Widgets that show a value kept elsewhere (the case, a display setting, the issuer) and hand the user's entry
back through on_change, made safe against an on_change that Streamlit stops half-way.

Streamlit calls on_change at the start of the run that the entry causes. When the browser sends its next message
meanwhile (a field left without Enter, then a click: its blur and the click arrive together), Streamlit stops
that run at the callback's next st.session_state access and starts the newer run, which finds the entry already
known and calls no callback (Streamlit 1.67, runner.fastReruns, the default). The entry would never reach the
value it is for, and the next drawing would put the old value back into the field: a value changing by itself.
So the value each widget was last given, or last handed on, is noted here, and every run first hands on any
entry that differs from it (catch_up).

A browser keeps what its fields show when the app process behind it dies and it reconnects to another one
(several processes behind nginx, docs/rules.md §12). The new process has a fresh session that knows none of it:
the case comes back from the address, and rerun_on_reconnect makes the browser's first entry there count. (Nothing
a visitor types is kept outside the address: staff's issuer is their saved profile in the register.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypedDict

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.core import lang

_KNOWN = "entries.known"  # widget key -> the value the app last put into the widget or took from it
_ON_CHANGE = "entries.on_change"  # widget key -> its on_change and args, as last drawn

OnChange = Callable[..., None]


class Bound(TypedDict):
    """The keyword arguments that bound() gives a widget (the names Streamlit's widgets take)."""

    key: str
    on_change: OnChange
    args: tuple[Any, ...]


def _known() -> dict[str, Any]:
    value: dict[str, Any] = st.session_state.setdefault(_KNOWN, {})
    return value


def _on_change() -> dict[str, tuple[OnChange, tuple[Any, ...]]]:
    value: dict[str, tuple[OnChange, tuple[Any, ...]]] = st.session_state.setdefault(_ON_CHANGE, {})
    return value


def bound(key: str, value: Any, on_change: OnChange, *args: Any, keep_entry: bool = False) -> Bound:
    """The keyword arguments of a widget that shows `value` and hands each entry to `on_change(*args)`.

    With `keep_entry` the widget keeps what the user entered instead (an entry refused, shown with its reason)."""
    if not keep_entry and (key not in st.session_state or st.session_state[key] != value):
        st.session_state[key] = value
    if key in st.session_state:
        _known()[key] = st.session_state[key]
    _on_change()[key] = (on_change, args)
    return {"key": key, "on_change": _hand_on, "args": (key, on_change, args)}


def _hand_on(key: str, on_change: OnChange, args: tuple[Any, ...]) -> None:
    on_change(*args)
    _known()[key] = st.session_state[key]  # noted last: a callback stopped before this is handed on again


def catch_up() -> None:
    """First in every run, before anything reads the values: hand on every entry whose on_change did not run to
    its end (handing one on twice changes nothing)."""
    known = _known()
    for key, (on_change, args) in list(_on_change().items()):
        if key in known and key in st.session_state and st.session_state[key] != known[key]:
            _hand_on(key, on_change, args)


@st.fragment(run_every=dt.timedelta(days=1))
def rerun_on_reconnect() -> None:
    """Call once in every run, before the page: an empty fragment whose only use is that it has a timer.

    When its websocket reconnects, Streamlit's browser code (1.67) asks for a run carrying every field's value
    only if the page has a timed fragment (or a run was under way); otherwise it waits for the user's next entry,
    which then reaches a new process as the first run of a fresh session: Streamlit calls no on_change there (it
    knew no widget yet), the case from the address was drawn over the entry, and the first edit after a failover
    snapped back. With the timer the browser's run comes first, a fresh session learns its widgets in it, and the
    user's next entry is an ordinary change. The timer itself fires once a day and runs nothing (an interval
    longer than 24.8 days would overflow the browser's setInterval and fire at once). Python cannot see the
    values a browser sent before their widgets are drawn, so the app cannot tell such a run apart by itself."""


def expander(label: str, name: str, icon: str) -> DeltaGenerator | None:
    """A closed box (st.expander) whose content is drawn only while it is open: the box while open, None while
    closed. Streamlit tells whether it is open once it has an on_change, and reruns when it is opened or closed.

    Most visitors never open such a box; closed, it is one element in every run instead of all of its content
    (every element costs the browser about a millisecond in every run: bench/paint.py). Whether it is open is kept
    in the session under `name`, so that it stays open when its label changes with the language (a new widget)."""
    shown = f"{name}.shown"
    key = f"{name}.open.{lang()}"

    def keep() -> None:
        st.session_state[shown] = bool(st.session_state[key])

    box = st.expander(label, icon=icon, **bound(key, bool(st.session_state.get(shown, False)), keep))
    return box if box.open else None
