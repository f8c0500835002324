"""The customer's case in the Streamlit session: read once from the link, changed only through widgets, and
written back into the link after every run (docs/rules.md §8). Every page is a view of this one value.

A widget never holds state of its own: before it is drawn, its key is set to the case's value, and its
on_change callback puts the new value into the case (through ui.entries, which also hands on an entry whose
callback Streamlit stopped half-way). Its key carries the language, so a language switch draws fresh widgets
from the case (Streamlit keeps a choice widget's value as its translated label).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from typing import Any, NoReturn, TypedDict

import streamlit as st

from sonpo import case as cases
from sonpo.case import Case
from sonpo.errors import DomainError
from sonpo.i18n import LANGS
from sonpo.timeline import default_order_date, today_in_japan
from ui import entries
from ui.browser import ShareLabels, share_button
from ui.core import LANG, TAX, lang, tr

CASE = "case"
_NOTICE = "case.link_notice"  # the link names that could not be read, shown once
_REFUSED = "case.refused"  # field -> DomainError for a widget value the case refused (the entry stays shown)
_PAGE = "case.page_path"  # the url path of the page this run shows, for the copied link
_WRITTEN = "case.written"  # the link this session last put into the address bar (or found there)
_EDITED = "case.edited"  # set when this run's entries changed the case or a display setting (see follow_history)
_KEEP = object()
# the display settings a link may carry besides the case: (link name, session key, values, default)
_SETTINGS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("lang", LANG, LANGS, "ja"), ("tax", TAX, ("excl", "incl"), "excl"),
)
_OPTIONAL = frozenset(n for n, f in Case.model_fields.items() if f.default is None)  # None = not answered


def start() -> None:
    """Called first in every run: on a session's first run the link becomes the case and the display settings;
    on a later run an address changed under the app (Back or Forward) does the same (see follow_history)."""
    if CASE in st.session_state:
        follow_history()
        return
    st.session_state[_NOTICE] = _read_link(st.query_params.to_dict())
    st.session_state[_REFUSED] = {}


def _read_link(params: dict[str, str]) -> list[str]:
    """Make the link `params` the case and the display settings; the names that could not be read."""
    case, bad = Case.from_query(params)
    st.session_state[CASE] = case
    for name, key, allowed, default in _SETTINGS:
        value = params.get(name, default)
        if value not in allowed:
            bad.insert(0, name)
            value = default
        st.session_state[key] = value
    st.session_state[_WRITTEN] = params
    return bad


def follow_history() -> None:
    """Back and Forward restore the case of the page they return to (docs/rules.md §8).

    Every edit writes the case into the address bar, and Streamlit adds a browser history entry for each write.
    Back then returns to the address before the edit and reruns the app with it: that address differs from the
    one this session last wrote, and no entry of this run changed anything, so it is the case to show. (Without
    this the app wrote its unchanged case straight back, and Back seemed to do nothing.) An entry made in the
    same run wins: its run may carry the address from before the last write, if the browser had not yet taken
    that write when the user changed the next field."""
    edited = st.session_state.pop(_EDITED, False)
    current = st.query_params.to_dict()
    if edited or current == st.session_state.get(_WRITTEN):
        return
    _read_link(current)
    refused().clear()  # an entry shown with its refusal belonged to the case left behind


def note_entry() -> None:
    """An entry of this run changed the case or a display setting (follow_history must not undo it)."""
    st.session_state[_EDITED] = True


def case() -> Case:
    value: Case = st.session_state[CASE]
    return value


def set_case(new: Case) -> None:
    st.session_state[CASE] = new
    note_entry()


def update(**changes: Any) -> None:
    """Change the case as a button would (values from the app, not typed by the user)."""
    set_case(case().replace(**changes))


def refused() -> dict[str, DomainError]:
    """The fields whose last widget entry the case refused, with the reason (shown under the widget)."""
    value: dict[str, DomainError] = st.session_state.setdefault(_REFUSED, {})
    return value


def key(page: str, field: str) -> str:
    return f"{page}.{field}.{lang()}"


class BindOptions(TypedDict, total=False):
    """What a page's own shorthand for bind() passes on (see bind)."""

    shown: Any
    to_case: Callable[[Any], Any] | None


def bind(
    page: str,
    field: str,
    shown: Any = _KEEP,
    *,
    to_case: Callable[[Any], Any] | None = None,
    then: Callable[[Case], Case] | None = None,
) -> entries.Bound:
    """The keyword arguments that make a widget a view of the case's `field`.

    `shown` is what the widget shows when it is not the case's value itself (e.g. a default the page
    shows for an unanswered question); `to_case` turns the widget's value into the case's; `then`
    derives the rest of the case after the change (the finder's recommendation)."""
    k = key(page, field)
    value = getattr(case(), field) if shown is _KEEP else shown
    return entries.bound(k, value, _commit, k, field, to_case, then, keep_entry=field in refused())


def _commit(k: str, field: str, to_case: Callable[[Any], Any] | None, then: Callable[[Case], Case] | None) -> None:
    value = st.session_state[k]
    if value is None and to_case is None and getattr(case(), field) is not None and field not in _OPTIONAL:
        # An emptied number field (or one caught empty between a clear and the typing that follows) is not
        # a value: the case keeps its own, and the next run shows it in the field again.
        refused().pop(field, None)
        return
    try:
        new = case().replace(**{field: to_case(value) if to_case else value})
        set_case(then(new) if then else new)
        refused().pop(field, None)
    except DomainError as e:
        refused()[field] = e


def show_link_notice() -> None:
    """Once, on the first run: which names of a shared link could not be read and fell back to their defaults."""
    bad = st.session_state.pop(_NOTICE, [])
    if bad:
        names = "、".join(tr(f"field.{n}") for n in bad) if lang() == "ja" else ", ".join(tr(f"field.{n}") for n in bad)
        st.warning(tr("app.url_notice", fields=names), icon=":material/link_off:")


def query() -> dict[str, str]:
    """The link of what is on screen: display settings that differ from the defaults, then the case."""
    out: dict[str, str] = {}
    for name, key, _, default in _SETTINGS:
        if st.session_state.get(key, default) != default:
            out[name] = st.session_state[key]
    out.update(case().to_query())
    return out


def write_url() -> None:
    """Mirror the case into the browser's address bar (after the page ran, and after a fragment's rerun).

    An address that already opens what is on screen, in other words (a shared link that spells out defaults:
    plan=common&months=12), stays as it is: every write adds a browser history entry, and Back would first
    return to that address, which the app would rewrite again (a press that seems to do nothing)."""
    params = query()
    current = st.query_params.to_dict()
    if current != params and not _opens(current, params):
        st.query_params.from_dict(params)
        current = params
    st.session_state[_WRITTEN] = current
    st.session_state.pop(_EDITED, None)  # this run's changes are in the address now


def _opens(current: dict[str, str], params: dict[str, str]) -> bool:
    """`current` opens the case on screen with the display settings of `params`, every name read."""
    if set(current) - set(cases.field_names()) - {name for name, *_ in _SETTINGS}:
        return False
    if any(current.get(name, default) != params.get(name, default) for name, _, _, default in _SETTINGS):
        return False
    linked, bad = Case.from_query(current)
    return not bad and linked == case()


def link_query(page: str) -> dict[str, str]:
    """The query a link to `page` (a name such as "timeline") carries: the case as that page will write it
    into the address bar, so that arriving there adds one browser history entry and Back goes back one page
    (not first to the case-less address). The timeline fixes the default order date in the case on arrival."""
    params = query()
    if page == "timeline" and case().order_date is None:
        params["order_date"] = default_order_date(today_in_japan()).isoformat()
    return params


def open_page(page: str) -> NoReturn:
    """Go to another page ("views/<name>.py") with the case in its address (see link_query)."""
    st.switch_page(page, query_params=link_query(page.removeprefix("views/").removesuffix(".py")))


def set_page_path(path: str) -> None:
    st.session_state[_PAGE] = path


def share_link() -> str:
    """The full link that reopens this page with this case (for the copy box)."""
    here = st.context.url  # this page's address in the user's browser, without the query
    if here is None:  # no browser (AppTest): the page's own path
        here = "/" + st.session_state.get(_PAGE, "")
    q = urllib.parse.urlencode(query())
    return f"{here}?{q}" if q else here


def share_box() -> None:
    """The case's link, with a button that hands it to the phone's share sheet (e-mail, LINE, …) where the
    browser has one, and copies it where it has not (ui.browser.share_button); the address bar holds the same."""
    st.caption(tr("case.link"))
    link = share_link()
    share_button(link, title=f"{tr('app.title')}: {tr(f'nav.{_page_name()}')}",
                 labels=ShareLabels(share=tr("case.share"), copy=tr("case.copy"), copied=tr("case.copied"),
                                    failed=tr("case.copy_failed")))


def _page_name() -> str:
    """The page this run shows, by its name in the navigation ("estimate"); the overview answers at two paths."""
    path = st.session_state.get(_PAGE, "")
    return "overview" if path in ("", "home", "overview") else path


def starting_cases(page: str, then_open: str | None = None) -> None:
    """One button per typical agency (data/cases.toml): a click makes it the case, as a link would."""
    st.markdown(f"**{tr('case.start_title')}**")
    with st.container(horizontal=True, gap="small"):
        for start in cases.starting_cases():
            if st.button(tr(f"case.start.{start.id}"), key=f"{page}.start.{start.id}", icon=":material/person_add:"):
                set_case(start.case)
                refused().clear()
                if then_open:
                    open_page(then_open)
                st.rerun()
