"""Language, tax display and formatting for every page; the case and its link are in ui/case.py."""

from __future__ import annotations

import datetime as dt
import re
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


_JOIN = "\u2060"  # WORD JOINER: no width, no line break; ends a Markdown pattern without changing what is read
# Where an invisible joiner goes, because Streamlit's Markdown finds these patterns in the text after the
# backslash escapes are undone (a backslash does not stop them): a colon before a name (emoji :smile:, icons
# :material/home:, :streamlit:, the 'http:' of a bare link), 'www.' and the '@' of an e-mail address (remark-gfm's
# autolinks), and the pairs Streamlit turns into arrows and dashes ('->', '--', '>=', …).
_JOINS = re.compile(r"(?<=:)(?=[A-Za-z0-9_+/-])|(?<=www)(?=\.)|(?<=[-.+\w]@)(?=[\w-])|(?<=[<>=~-])(?=[<>=~-])",
                    re.IGNORECASE)
# Anywhere in a line: code, emphasis, strikethrough, links and images, HTML and <autolinks>, entities, tables,
# formulas, directives, and the backslash itself. At a line's start, after its indentation is dropped (four
# spaces start a code block; HTML shows no indentation anyway): headings, list items, setext underlines.
_INLINE = re.compile(r"([\\`*_~\[\]<>&|$:])")
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_LINE_START = re.compile(r"^(?:([-+=#])|([0-9]+)([.)]))", re.MULTILINE)
# a character any of the above needs: most texts have none and are returned as they are (a page shows a hundred)
_ANY = re.compile(r"[\\`*_~\[\]<>&|$:@=-]|www|^[ \t+#0-9]", re.MULTILINE | re.IGNORECASE)


def md(text: str) -> str:
    """`text` as plain text for Streamlit's Markdown (st.markdown, st.caption, st.info …, widget labels and
    options, help, st.table cells): nothing in it becomes a link, an image, a colour, an icon, an emoji, HTML, a
    formula, a heading, a list or emphasis, and a person reads the same characters (a backslash escape is not
    shown, a word joiner is invisible; Japanese and full-width characters are left as they are).

    Every text a user typed or a link carried, and every message quoting one, goes through here before
    Streamlit shows it as Markdown (tests/pages/test_inert.py puts such texts everywhere and looks). st.dataframe
    and st.data_editor cells are plain text already: they take the text as it is."""
    if _ANY.search(text) is None:
        return text
    text = _INLINE.sub(r"\\\1", _JOINS.sub(_JOIN, _INDENT.sub("", text)))
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


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
        st.error(md(err.message(lang())), icon=":material/error:")  # it may quote what was typed
    else:
        # an empty slot where the error would go: when an error appears, the widgets after it keep
        # their place in the page, so keyboard focus on them (Tab out of a bad value) is not lost
        st.empty()

