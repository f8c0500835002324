"""Language, tax display, shareable URL state and formatting for every page (the only Streamlit glue)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import streamlit as st

from sonpo.errors import DomainError
from sonpo.i18n import LANGS, Lang, fmt_date, t
from sonpo.money import Amount, yen

TaxMode = Literal["excl", "incl"]
_RUN_PAGES = "_url_pages_this_run"


def lang() -> Lang:
    value = st.session_state.get("app.lang", "ja")
    return value if value in LANGS else "ja"


def tr(key: str, /, **params: object) -> str:
    """The text `key` in the user's language."""
    return t(key, lang(), **params)


def tax_mode() -> TaxMode:
    return "incl" if st.session_state.get("app.tax") == "incl" else "excl"


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


# ---- shareable URL state --------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One value a page keeps in the URL. `parse` turns the URL text into a value or raises
    (ValueError or DomainError) for a tampered or stale link; `dump` writes it back."""

    name: str
    default: Any
    parse: Callable[[str], Any]
    dump: Callable[[Any], str] = str
    label: str | None = None  # text id of the field's name, for the notice

    def is_default(self, value: Any) -> bool:
        return bool(value == self.default)


def int_field(name: str, default: int, lo: int, hi: int, label: str | None = None) -> Field:
    def parse(text: str) -> int:
        value = int(text)
        if not lo <= value <= hi:
            raise ValueError(text)
        return value

    return Field(name, default, parse, str, label)


def choice_field(name: str, default: str, choices: Iterable[str], label: str | None = None) -> Field:
    allowed = tuple(choices)

    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(text)
        return text

    return Field(name, default, parse, str, label)


def bool_field(name: str, default: bool, label: str | None = None) -> Field:
    def parse(text: str) -> bool:
        if text not in ("0", "1"):
            raise ValueError(text)
        return text == "1"

    return Field(name, default, parse, lambda v: "1" if v else "0", label)


def date_field(name: str, default: dt.date, lo: dt.date, hi: dt.date, label: str | None = None) -> Field:
    def parse(text: str) -> dt.date:
        value = dt.date.fromisoformat(text)
        if not lo <= value <= hi:
            raise ValueError(text)
        return value

    return Field(name, default, parse, lambda d: d.isoformat(), label)


class PageState:
    """The values of one page, kept in st.session_state under '<page>.<name>' and mirrored
    into the URL's query string so that a copied link reopens the same page.

    Call `load()` before the widgets (use `key(name)` as each widget's key and do not
    pass `value=`): on the page's first run in a session it takes valid values from the
    URL and reports the bad ones. The app writes the URL after the page has run.
    """

    def __init__(self, page: str, fields: Iterable[Field]) -> None:
        self.page = page
        self.fields = {f.name: f for f in fields}

    def key(self, name: str) -> str:
        return f"{self.page}.{name}"

    def get(self, name: str) -> Any:
        return st.session_state.get(self.key(name), self.fields[name].default)

    def set(self, name: str, value: Any) -> None:
        st.session_state[self.key(name)] = value

    def load(self) -> list[str]:
        """Defaults for missing values; on first visit, URL values. Returns the bad names."""
        bad: list[str] = []
        first_visit = not st.session_state.get(f"_loaded.{self.page}", False)
        params = st.query_params
        for f in self.fields.values():
            key = self.key(f.name)
            if first_visit and f.name in params:
                try:
                    st.session_state[key] = f.parse(params[f.name])
                    continue
                except (ValueError, TypeError, DomainError):
                    bad.append(f.name)
            if key not in st.session_state:
                st.session_state[key] = f.default
        st.session_state[f"_loaded.{self.page}"] = True
        st.session_state.setdefault(_RUN_PAGES, []).append(self)
        return bad

    def show_url_notice(self, bad: Iterable[str]) -> None:
        """A notice for a tampered or stale link: which fields fell back to their defaults."""
        bad = list(bad)
        if bad:
            names = "、".join(tr(self.fields[n].label or f"field.{n}") for n in bad)
            st.warning(tr("app.url_notice", fields=names), icon=":material/link_off:")

    def params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in self.fields.values():
            value = self.get(f.name)
            if value is not None and not f.is_default(value):
                out[f.name] = f.dump(value)
        return out


def begin_run() -> None:
    st.session_state[_RUN_PAGES] = []


def write_url() -> None:
    """Mirror every PageState used in this run into the query string (after the page ran)."""
    params: dict[str, str] = {}
    for state in st.session_state.get(_RUN_PAGES, []):
        params.update(state.params())
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)
