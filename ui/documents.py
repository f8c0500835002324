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
from sonpo.documents import ProposalInput, calendar_ics, proposal_pdf, quote_csv, quote_pdf
from sonpo.errors import DomainError, InvalidSelection
from sonpo.i18n import Lang, fmt_date, t
from sonpo.issuer import Issuer, load_issuer
from sonpo.names import DEFAULT_VALID_DAYS
from sonpo.printable import addressee_line
from sonpo.quote import quote
from sonpo.timeline import schedule, today_in_japan
from ui import case as the_case
from ui import staff
from ui.core import lang, md, tr

VALID_DAYS = DEFAULT_VALID_DAYS  # how long a 見積書 is valid, from the day it is issued
_ISSUED = "docs.issued"  # the number and revision a staff member issued in the dialog open now
_ISSUE_FAILED = "docs.issue_failed"  # why issuing failed, shown once


def issuer() -> Issuer:
    """Who issues the documents and whom the customer contacts: a signed-in staff member's saved profile, for
    everyone else the deploying company's contact (data/issuer.toml). A visitor never types an issuer."""
    who = staff.email()
    return load_issuer() if who is None else staff.profile(who)


def documents_button(page: str) -> None:
    """The button that opens the documents of the case as it stands after every entry so far."""
    if st.button(tr("docs.open"), icon=":material/description:", key=f"{page}.documents", type="primary"):
        st.session_state.pop(_ISSUED, None)  # a new opening: nothing issued in it yet
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
    staff: str | None  # the signed-in staff member, who issues the 御見積書 through the register


def _prepare() -> _Prepared:
    c = the_case.case()
    L = lang()
    issued = today_in_japan()
    member = staff.email()
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
    number = None if q is None else tr("docs.number_staff" if member else "docs.draft_note", days=VALID_DAYS)
    error = None
    files: list[File] = []
    data: list[File] = []

    def name(kind: str, extension: str) -> str:
        return file_name(kind, extension, c.plan, sel.ids, issued, L)

    try:
        if q is not None:
            if member is None:  # the public's 概算; staff issue the 御見積書 through the register (_issue)
                files.append(("draft_pdf", quote_pdf(q, lang=L, addressee=c.addressee, honorific=c.honorific,
                                                     issued=issued, valid_days=VALID_DAYS, issuer=who, schedule=sch,
                                                     draft=True),
                              name("draft_pdf", "pdf"), "application/pdf", ":material/request_quote:"))
            # the staff's 提案書 names no number: the 御見積書's comes from the register when it is issued
            proposal = ProposalInput.of_case(c, L, issued, who, "draft" if member is None else "unnumbered")
            files.append(("proposal_pdf", proposal_pdf(proposal), name("proposal_pdf", "pdf"), "application/pdf",
                          ":material/description:"))
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
    return _Prepared(notices, summary, number, error, files, data, member is not None and not who.has_contact,
                     member)


def _documents(shown: _Prepared) -> None:
    for notice in shown.notices:
        st.warning(md(notice), icon=":material/support_agent:")
    st.markdown(shown.summary)
    if shown.number is not None:
        st.caption(shown.number)
    if shown.error is not None:
        st.error(md(shown.error), icon=":material/error:")  # it may quote the 宛名 or an issuer field
    if shown.staff is not None and shown.number is not None and shown.error is None:
        _issue(shown.staff)
    _buttons(shown.files)
    st.caption(tr("docs.hint"))
    if shown.no_issuer:
        st.caption(tr("docs.no_issuer"))
    if shown.data:  # for staff, apart from what a customer is handed
        st.subheader(tr("docs.data_title"), anchor=False)
        st.caption(tr("docs.data_help"))
        _buttons(shown.data)


def _issue(member: str) -> None:
    """Staff: issue the case as an official 御見積書 with a number from the register, then hand out its PDF (the
    register's print, the same bytes as any reprint). One number per opening of the dialog."""
    from sonpo.register import RegisterError

    if _ISSUED not in st.session_state:  # issued in the click's callback: the run it starts shows the result only
        st.button(tr("docs.issue"), icon=":material/approval:", key="docs.issue", type="primary",
                  on_click=_issue_now, args=(member,))
    failed = st.session_state.pop(_ISSUE_FAILED, None)
    if failed is not None:
        st.error(failed, icon=":material/error:")
    if _ISSUED not in st.session_state:
        return
    try:
        reg = staff.register()
        got = reg.find(*st.session_state[_ISSUED])
        if got is None:
            return
        data = reg.pdf(got)
    except RegisterError as e:  # the database cannot be reached, say: and why
        st.error(e.message(lang()), icon=":material/error:")
        return
    st.success(tr("docs.issued", number=got.number, until=fmt_date(got.valid_until, lang())),
               icon=":material/check:")
    st.download_button(tr("docs.file.quote_pdf"), data, file_name("quote_pdf", "pdf", got.plan,
                       got.case.selection().ids, got.issued, lang()), "application/pdf", key="docs.quote_pdf",
                       icon=":material/request_quote:", on_click="ignore", type="primary")


def _issue_now(member: str) -> None:
    from sonpo.register import RegisterError

    try:
        done = staff.register().issue(the_case.case(), issuer=issuer(), issued_by=member, issued=today_in_japan(),
                                      lang=lang(), valid_days=VALID_DAYS)
    except RegisterError as e:  # nothing issued, and why
        st.session_state[_ISSUE_FAILED] = e.message(lang())
        return
    st.session_state[_ISSUED] = (done.number, done.revision)


def _buttons(files: list[File]) -> None:
    with st.container(horizontal=True, gap="small"):
        for kind, data, filename, mime, icon in files:
            st.download_button(tr(f"docs.file.{kind}"), data, filename, mime, key=f"docs.{kind}", icon=icon,
                               on_click="ignore", type="primary" if kind == "draft_pdf" else "secondary")
