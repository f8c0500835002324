"""Language, tax display and formatting for every page; the case and its link are in ui/case.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

import streamlit as st

from sonpo.errors import DomainError
from sonpo.i18n import LANGS, Lang, fmt_date, t
from sonpo.money import Amount, yen

TaxMode = Literal["excl", "incl"]


LANG, TAX = "app.lang", "app.tax"  # the app's display settings in st.session_state (not part of the case)


def lang() -> Lang:
    value = st.session_state.get(LANG, "ja")
    return value if value in LANGS else "ja"


def tr(key: str, /, **params: object) -> str:
    """The text `key` in the user's language."""
    return t(key, lang(), **params)


def tax_mode() -> TaxMode:
    return "incl" if st.session_state.get(TAX) == "incl" else "excl"


def yen_text(amount: int) -> str:
    return yen(amount, lang())


def money(amount: Amount) -> str:
    """An amount in the chosen tax display, labelled: '1,650円（税込）'."""
    mode = tax_mode()
    value = amount.incl_tax if mode == "incl" else amount.excl_tax
    return f"{yen_text(value)}{tr(f'app.tax_suffix.{mode}')}"


def money_pair(amount: Amount) -> str:
    """Both: '1,500円（税抜） / 1,650円（税込）', the chosen one first."""
    parts = {
        "excl": f"{yen_text(amount.excl_tax)}{tr('app.tax_suffix.excl')}",
        "incl": f"{yen_text(amount.incl_tax)}{tr('app.tax_suffix.incl')}",
    }
    first = tax_mode()
    return f"{parts[first]} / {parts['incl' if first == 'excl' else 'excl']}"


def md(text: str) -> str:
    """Text shown through Markdown (tables, st.write) with its '*' kept literal."""
    return text.replace("*", "\\*")


def labels(options: Iterable[Any], text: Callable[[Any], str]) -> Callable[[Any], str]:
    """A widget's format_func with every label looked up now, in this run's language.

    Streamlit may call format_func again outside the script run (AppTest does), where the
    session's language cannot be read; a lookup table made during the run stays right.
    """
    table = {option: text(option) for option in options}
    return table.__getitem__


def when(day: dt.date) -> str:
    return fmt_date(day, lang())


def field_error(errors: Mapping[str, DomainError], field: str) -> None:
    """Show the rule a field breaks right under its widget (nothing when it is fine)."""
    err = errors.get(field)
    if err is not None:
        st.error(err.message(lang()), icon=":material/error:")
    else:
        # an empty slot where the error would go: when an error appears, the widgets after it keep
        # their place in the page, so keyboard focus on them (Tab out of a bad value) is not lost
        st.empty()

