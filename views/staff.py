"""見積台帳 (the register of issued quotations), for signed-in staff only (docs/rules.md §11): search, one page of
results at a time, a quotation's revisions (reprint, open the case, reissue), the list as Excel-safe CSV (each
export recorded by the register), and the staff member's issuer profile. Anyone else sees a sign-in prompt and
nothing of the register."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from pydantic import ValidationError

import ui
from sonpo.errors import DomainError
from sonpo.i18n import fmt_date
from sonpo.issuer import Issuer
from sonpo.names import ISSUER_FIELDS, PLAN_IDS
from sonpo.timeline import today_in_japan
from ui import staff
from ui.documents import VALID_DAYS, file_name

if TYPE_CHECKING:
    from sonpo.register import Issued
    from sonpo.register.store import Encoding

ENCODINGS: tuple[Encoding, ...] = ("utf-8-sig", "cp932")
PAGE_ROWS = 50  # one page of the list: the register may hold tens of thousands
_QUERY, _PAGE = "staff.query", "staff.page"

L = ui.lang()
st.title(ui.tr("nav.staff"), anchor=False)
member = staff.email()


def case_link(query: dict[str, str]) -> str:
    """The estimate page with the registered case, as its link (docs/rules.md §8); relative to this page, so that it
    holds under any path the app is served at."""
    q = urllib.parse.urlencode(query)
    return f"estimate?{q}" if q else "estimate"


def search_form() -> None:
    from sonpo.register import Query

    with st.form("staff.search", border=True):
        st.subheader(ui.tr("staff.search.title"), anchor=False)
        left, mid, right = st.columns(3)
        addressee = left.text_input(ui.tr("staff.search.addressee"), max_chars=100, key="staff.q.addressee")
        number = left.text_input(ui.tr("staff.search.number"), max_chars=40, key="staff.q.number")
        date_from = mid.date_input(ui.tr("staff.search.date_from"), value=None, format="YYYY/MM/DD",
                                   key="staff.q.date_from")
        date_to = mid.date_input(ui.tr("staff.search.date_to"), value=None, format="YYYY/MM/DD",
                                 key="staff.q.date_to")
        plan = right.selectbox(ui.tr("staff.search.plan"), (None, *PLAN_IDS), key="staff.q.plan",
                               format_func=lambda p: ui.tr(f"plan.{p}.name") if p else ui.tr("staff.search.any"))
        issuer = right.text_input(ui.tr("staff.search.issuer"), max_chars=100, key="staff.q.issuer")
        if st.form_submit_button(ui.tr("staff.search.submit"), icon=":material/search:", type="primary"):
            st.session_state[_QUERY] = Query(
                addressee=addressee.strip(), number=number.strip(),
                date_from=date_from if isinstance(date_from, dt.date) else None,
                date_to=date_to if isinstance(date_to, dt.date) else None,
                plan=plan, issuer=issuer.strip())
            st.session_state[_PAGE] = 1


def results(who: str) -> None:
    from sonpo.register import Query

    reg = staff.register()
    query = st.session_state.get(_QUERY) or Query()
    page = int(st.session_state.get(_PAGE, 1))
    rows, total = reg.search(query, limit=PAGE_ROWS, offset=(page - 1) * PAGE_ROWS)
    pages = max(1, -(-total // PAGE_ROWS))
    if page > pages:  # the list got shorter
        page = st.session_state[_PAGE] = pages
        rows, total = reg.search(query, limit=PAGE_ROWS, offset=(page - 1) * PAGE_ROWS)
    st.subheader(ui.tr("staff.list.title"), anchor=False)
    if not total:
        st.info(ui.tr("staff.list.none"), icon=":material/search_off:")
        return
    first = (page - 1) * PAGE_ROWS + 1
    st.caption(ui.tr("staff.list.count", total=f"{total:,}", first=f"{first:,}", last=f"{first + len(rows) - 1:,}"))
    table = pd.DataFrame([{
        "number": r.number, "revision": r.revision, "issued": r.issued, "valid_until": r.valid_until,
        "addressee": r.addressee, "plan": ui.tr(f"plan.{r.plan}.name"), "monthly": r.monthly.incl_tax,
        "one_time": r.one_time.incl_tax, "total": r.total.incl_tax,
        "issuer": " ".join(x for x in (r.issuer.company, r.issuer.person) if x), "issued_by": r.issued_by,
        "case": case_link(r.query),
    } for r in rows])
    column = st.column_config
    months = {r.months for r in rows}
    total_label = ui.tr("staff.col.total", months=rows[0].months) if len(months) == 1 else ui.tr("staff.col.total_any")
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "number": column.TextColumn(ui.tr("staff.col.number")),
        "revision": column.NumberColumn(ui.tr("staff.col.revision"), format="%d"),
        "issued": column.DateColumn(ui.tr("staff.col.issued"), format="YYYY/MM/DD"),
        "valid_until": column.DateColumn(ui.tr("staff.col.valid_until"), format="YYYY/MM/DD"),
        "addressee": column.TextColumn(ui.tr("staff.col.addressee")),
        "plan": column.TextColumn(ui.tr("staff.col.plan")),
        "monthly": column.NumberColumn(ui.tr("staff.col.monthly"), format="localized"),
        "one_time": column.NumberColumn(ui.tr("staff.col.one_time"), format="localized"),
        "total": column.NumberColumn(total_label, format="localized"),
        "issuer": column.TextColumn(ui.tr("staff.col.issuer")),
        "issued_by": column.TextColumn(ui.tr("staff.col.issued_by")),
        "case": column.LinkColumn(ui.tr("staff.col.case"), display_text=ui.tr("staff.open_case")),
    })
    if pages > 1:
        st.number_input(ui.tr("staff.list.page", pages=pages), min_value=1, max_value=pages, step=1, key=_PAGE)
    export(who, query, total)
    st.divider()
    chosen = st.selectbox(ui.tr("staff.one.choose"), [r.number for r in rows], key="staff.chosen",
                          format_func=lambda n: next(f"{n}　{r.addressee}" for r in rows if r.number == n))
    if chosen is not None:
        quotation(who, chosen)


def export(who: str, query: object, total: int) -> None:
    """The whole list as the search found it (every page), for Excel; the register records each export."""
    from sonpo.register import Query

    assert isinstance(query, Query)
    reg = staff.register()
    with st.container(horizontal=True, vertical_alignment="bottom"):
        encoding: Encoding = st.radio(ui.tr("staff.export.encoding"), ENCODINGS, horizontal=True,
                            key="staff.export.encoding",
                            format_func=lambda e: ui.tr(f"staff.export.{e.replace('-', '_')}"))
        st.download_button(
            ui.tr("staff.export.button", rows=f"{total:,}"),
            lambda: reg.export_csv(query, by=who, encoding=encoding),  # made, and recorded, when clicked
            f"{ui.tr('staff.export.file')}_{today_in_japan():%Y%m%d}.csv", "text/csv",
            icon=":material/download:", key="staff.export", on_click="ignore")


def reprint_name(r: Issued) -> str:
    """The documents dialog's name with the number and revision:
    「見積書_共通ルールプラン_10ID_20261207_Q2026-00001_2.pdf」."""
    name = file_name("quote_pdf", "pdf", r.plan, r.case.selection().ids, r.issued, L)
    return name.removesuffix(".pdf") + f"_{r.number}_{r.revision}.pdf"


def quotation(who: str, number: str) -> None:
    from sonpo.register import RegisterError

    reg = staff.register()
    revisions = reg.revisions(number)
    if not revisions:
        return
    latest = revisions[-1]
    st.subheader(ui.tr("staff.one.title", number=number, addressee=ui.md(latest.addressee) or "—"), anchor=False)
    for r in reversed(revisions):
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(ui.tr("staff.one.revision", revision=r.revision, issued=fmt_date(r.issued, L),
                              until=fmt_date(r.valid_until, L), by=ui.md(r.issued_by),
                              total=ui.yen_text(r.total.incl_tax), months=r.months))
            try:
                data = reg.pdf(r)
            except RegisterError as e:  # the price list changed since: no reprint under other prices
                st.caption(ui.md(e.message(L)))
                continue
            st.download_button(ui.tr("staff.one.reprint", revision=r.revision), data, reprint_name(r),
                               "application/pdf", key=f"staff.reprint.{r.number}.{r.revision}",
                               icon=":material/print:", on_click="ignore")
    with st.container(horizontal=True):
        st.link_button(ui.tr("staff.open_case"), case_link(latest.query), icon=":material/open_in_new:")
        if st.button(ui.tr("staff.one.reissue", revision=latest.revision + 1), icon=":material/autorenew:",
                     key=f"staff.reissue.{number}"):
            done = reg.reissue(number, issued_by=who, issued=today_in_japan(), lang=L)
            st.session_state["staff.reissued"] = (done.number, done.revision)
            st.rerun()
    got = st.session_state.get("staff.reissued")
    if got is not None and got[0] == number:
        st.success(ui.tr("staff.one.reissued", number=number, revision=got[1], days=VALID_DAYS),
                   icon=":material/check:")


def profile_form(who: str) -> None:
    """The staff member's issuer, saved in the register; a field that breaks a rule is named under it, and nothing
    is saved until every field is right (the entries stay as typed)."""
    reg = staff.register()
    saved = staff.profile(who)
    with st.expander(ui.tr("docs.issuer_title"), icon=":material/badge:"), st.form("staff.profile", border=False):
        st.caption(ui.tr("docs.issuer_help"))
        typed: dict[str, str] = {}
        for f in ISSUER_FIELDS:
            typed[f] = " ".join(st.text_input(ui.tr(f"docs.issuer.{f}"), value=getattr(saved, f), max_chars=100,
                                              key=f"staff.profile.{f}").split())
            if f == "registration_number":
                st.caption(ui.tr("docs.issuer_registration_help"))
            problem = st.session_state.get("staff.profile.bad", {}).get(f)
            if problem:
                st.error(ui.md(problem), icon=":material/error:")  # it quotes what was typed
        if st.form_submit_button(ui.tr("staff.profile.save"), icon=":material/save:"):
            bad: dict[str, str] = {}
            for f, v in typed.items():
                try:
                    Issuer.model_validate({f: v})
                except DomainError as e:
                    bad[f] = e.message(L)
                except ValidationError:
                    bad[f] = ui.tr("docs.issuer_invalid")
            st.session_state["staff.profile.bad"] = bad
            if not bad:
                reg.save_profile(who, Issuer.model_validate(typed))
                st.session_state["staff.profile.saved"] = True
            st.rerun()
    if st.session_state.pop("staff.profile.saved", False):
        st.success(ui.tr("staff.profile.saved"), icon=":material/check:")


if member is None:
    staff.sign_in_prompt()
else:
    from sonpo.register import RegisterError

    try:
        profile_form(member)
        search_form()
        results(member)
    except RegisterError as e:  # the database cannot be reached, say: what and why, in the user's language
        st.error(ui.md(e.message(L)), icon=":material/error:")
