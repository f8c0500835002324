"""The glossary's terms explained where a page uses them (sonpo.glossary): in the tooltip of the widget or text they
label, or in a closed 用語の説明 box right under the list or table that uses them."""

from __future__ import annotations

import streamlit as st

from sonpo.glossary import Term, glossary, terms_in
from sonpo.i18n import t
from ui.core import lang, md, tr


def _line(term: Term) -> str:
    """The term in bold, its explanation and its source, as Markdown."""
    return t("glossary.item", lang(), term=md(term.name), text=md(term.text), source=md(term.source))


def _lines(terms: list[Term]) -> str:
    return "\n\n".join(_line(term) for term in terms)


def with_terms(help_text: str | None, *texts: str) -> str | None:
    """A tooltip (`help=`) for a widget or text labelled with `texts`: `help_text` and, after it, the explanation
    of each glossary term the texts use."""
    found = terms_in(texts, lang())
    if not found:
        return help_text
    return f"{help_text}\n\n{_lines(found)}" if help_text else _lines(found)


def explain(*texts: str, boxed: bool = True) -> None:
    """Under a list or table made of `texts`: a closed box named after the glossary terms they use (nothing when
    they use none), with the explanations inside; not `boxed` (inside a box already: Streamlit nests none), the
    explanations as a caption."""
    found = terms_in(texts, lang())
    if not found:
        return
    items = "\n".join(f"- {_line(term)}" for term in found)
    if not boxed:
        st.caption(items)
        return
    names = tr("glossary.joiner").join(term.name for term in found)
    with st.expander(tr("glossary.box", terms=names), icon=":material/menu_book:"):
        st.markdown(items)


def all_terms() -> str:
    """The whole glossary as a Markdown list (the overview's explanations box)."""
    return "\n".join(f"- {_line(term)}" for term in glossary(lang()))
