"""The case's documents (見積書, 提案書, calendar), and its data for staff (CSV, JSON) in a section of their own,
offered in a dialog so a file always matches the screen.

A download button beside an input can hand out a file made before the user's last, unsubmitted entry:
the entry is committed when the input loses focus, but the click on a download already fetches the
file of the previous run. The 書類を作成 button commits every input first (its click is a rerun that
carries them), and the dialog that opens keeps the inputs out of reach while its files are offered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from sonpo.display import quote_json
from sonpo.documents import ProposalInput, calendar_ics, proposal_pdf, quote_csv, quote_number, quote_pdf
from sonpo.errors import DomainError, InvalidSelection
from sonpo.i18n import Lang, fmt_date, t
from sonpo.issuer import Issuer, load_issuer
from sonpo.names import ISSUER_FIELDS
from sonpo.printable import addressee_line
from sonpo.quote import quote
from sonpo.timeline import schedule, today_in_japan
from ui import case as the_case
from ui import entries
from ui.core import lang, md, tr

VALID_DAYS = 30  # how long a 見積書 is valid, from the day it is issued
_ISSUER = "issuer."  # the sales rep's own issuer fields for this session (never in the link)


def _typed() -> dict[str, str]:
    value: dict[str, str] = st.session_state.setdefault(_ISSUER + "typed", {})
    return value


def _checked() -> tuple[dict[str, str], dict[str, str]]:
    """The rep's fields that the issuer accepts, and the others with the reason (each field on its own)."""
    good: dict[str, str] = {}
    bad: dict[str, str] = {}
    for f, v in _typed().items():
        try:
            Issuer.model_validate({f: v})
            good[f] = v
        except DomainError as e:  # a character the documents cannot print, named
            bad[f] = e.message(lang())
        except ValueError:
            bad[f] = tr("docs.issuer_invalid")
    return good, bad


def issuer() -> Issuer:
    """The deploying company's issuer (data/issuer.toml) with what the sales rep typed for this session;
    a field that breaks a rule is left out (and its reason shown under it), the others are kept."""
    good, _ = _checked()
    return load_issuer().overridden(**good)


def _commit_issuer(f: str) -> None:
    # a tab or line break pasted from a spreadsheet is one space, as in a single-line field
    _typed()[f] = " ".join(str(st.session_state[_ISSUER + f] or "").split())


def issuer_settings() -> None:
    """The sales rep's issuer override, in the sidebar on every page. Kept in the session, not in its widgets
    (Streamlit forgets a widget's value when st.switch_page changes pages)."""
    # its fields are drawn only while it is open: closed, as for nearly every visitor, it is one element, not nine
    box = entries.expander(tr("docs.issuer_title"), "issuer", icon=":material/badge:")
    if box is None:
        return
    _, bad = _checked()
    with box:
        st.caption(tr("docs.issuer_help"))
        for f in ISSUER_FIELDS:
            st.text_input(tr(f"docs.issuer.{f}"), max_chars=100, placeholder=getattr(load_issuer(), f) or None,
                          **entries.bound(_ISSUER + f, _typed().get(f, ""), _commit_issuer, f))
            if f == "registration_number":  # help as text: Streamlit names a help button in English
                st.caption(tr("docs.issuer_registration_help"))
            if f in bad:
                st.error(bad[f], icon=":material/error:")


def documents_button(page: str) -> None:
    """The button that opens the documents of the case as it stands after every entry so far."""
    if st.button(tr("docs.open"), icon=":material/description:", key=f"{page}.documents", type="primary"):
        # Made before the dialog opens: opened again, a dialog shows what it held the last time until this run
        # replaces it, so the files of the last opening would be offered while this opening's were being made.
        st.dialog(tr("docs.title"), width="large")(_documents)(_prepare())


File = tuple[str, bytes, str, str, str]  # kind, data, file name, mime type, icon


def file_name(kind: str, extension: str, plan: str, ids: int, issued: dt.date, lang: Lang) -> str:
    """A file's name in the document's language: 「見積書_共通ルールプラン_10ID_20261207.pdf」,
    'quotation_common_10_20261207.pdf'. Streamlit sends a name that is not ASCII as RFC 5987 `filename*`, which
    browsers read."""
    stem = t(f"docs.file_name.{kind}", lang)
    if lang == "ja":
        return f"{stem}_{t(f'plan.{plan}.name', lang)}_{ids}ID_{issued:%Y%m%d}.{extension}"
    return f"{stem}_{plan}_{ids}_{issued:%Y%m%d}.{extension}"


@dataclass(frozen=True)
class _Prepared:
    """Everything the documents dialog shows, in its order."""

    notices: list[str]  # why there is no quote (a plan priced on request)
    summary: str
    number: str | None  # the 見積書's number and validity
    error: str | None  # a document that could not be made
    files: list[File]  # the customer's documents: 見積書, 提案書, calendar
    data: list[File]  # for staff (データ出力): the line CSV and the quote's JSON
    no_issuer: bool


def _prepare() -> _Prepared:
    c = the_case.case()
    L = lang()
    issued = today_in_japan()
    who = issuer()
    sch = schedule(c.schedule_request(issued))
    sel = c.selection()
    notices: list[str] = []
    try:
        q = quote(sel)
    except InvalidSelection as e:
        q = None
        notices = [err.message(L) for err in e.errors]
    to = md(addressee_line(c.addressee, c.honorific, L)) if c.addressee else tr("docs.no_addressee")
    summary = tr("docs.summary", plan=tr(f"plan.{c.plan}.name"), ids=sel.ids, months=c.months, addressee=to,
                 issued=fmt_date(issued, L))
    number = None if q is None else tr("docs.number", number=quote_number(q, issued, c.addressee), days=VALID_DAYS)
    error = None
    files: list[File] = []
    data: list[File] = []

    def name(kind: str, extension: str) -> str:
        return file_name(kind, extension, c.plan, sel.ids, issued, L)

    try:
        if q is not None:
            files += [
                ("quote_pdf", quote_pdf(q, lang=L, addressee=c.addressee, honorific=c.honorific, issued=issued,
                                        valid_days=VALID_DAYS, issuer=who, schedule=sch),
                 name("quote_pdf", "pdf"), "application/pdf", ":material/request_quote:"),
                ("proposal_pdf", proposal_pdf(ProposalInput.of_case(c, L, issued, who)), name("proposal_pdf", "pdf"),
                 "application/pdf", ":material/description:"),
            ]
        files.append(("ics", calendar_ics(sch, L, issued=issued, addressee=c.addressee), name("ics", "ics"),
                      "text/calendar", ":material/event:"))
        if q is not None:
            data += [
                ("csv", quote_csv(q, L), name("csv", "csv"), "text/csv", ":material/table:"),
                ("json", quote_json(q).encode("utf-8"), name("json", "json"), "application/json",
                 ":material/data_object:"),
            ]
    except DomainError as e:
        error = e.message(L)
    return _Prepared(notices, summary, number, error, files, data, not who.has_contact)


def _documents(shown: _Prepared) -> None:
    for notice in shown.notices:
        st.warning(notice, icon=":material/support_agent:")
    st.markdown(shown.summary)
    if shown.number is not None:
        st.caption(shown.number)
    if shown.error is not None:
        st.error(shown.error, icon=":material/error:")
    _buttons(shown.files)
    st.caption(tr("docs.hint"))
    if shown.no_issuer:
        st.caption(tr("docs.no_issuer"))
    if shown.data:  # for staff, apart from what a customer is handed
        st.subheader(tr("docs.data_title"), anchor=False)
        st.caption(tr("docs.data_help"))
        _buttons(shown.data)


def _buttons(files: list[File]) -> None:
    with st.container(horizontal=True, gap="small"):
        for kind, data, filename, mime, icon in files:
            st.download_button(tr(f"docs.file.{kind}"), data, filename, mime, key=f"docs.{kind}", icon=icon,
                               on_click="ignore", type="primary" if kind == "quote_pdf" else "secondary")
