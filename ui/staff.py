"""Two kinds of visitor (docs/rules.md §11): the public, and staff signed in with st.login (OpenID Connect).

Sign-in is configured by the app's secrets (.streamlit/secrets.toml): Streamlit's own `[auth]` section names the
identity provider; `[sonpo.staff]` says who is staff (sonpo.staff.StaffRule). Without `[auth]` the app is public
only and offers no sign-in. Whether a visitor is staff is asked afresh on every run, from the claims Streamlit
keeps in its signed cookie (st.user).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

import streamlit as st
from pydantic import ValidationError

from sonpo.issuer import Issuer, load_issuer
from sonpo.staff import StaffRule, Status, status
from ui.core import md, tr

if TYPE_CHECKING:
    from sonpo.register import Register

_LOG = logging.getLogger(__name__)


def rule() -> StaffRule | None:
    """Who counts as staff, or None when sign-in is not configured (no `[auth]` in the secrets)."""
    try:
        if "auth" not in st.secrets:
            return None
        conf = st.secrets.get("sonpo", {}).get("staff", {})
    except FileNotFoundError:  # no secrets file at all: public only
        return None
    try:
        return StaffRule.model_validate(dict(conf))
    except ValidationError as e:  # the operator's mistake: nobody is staff until it is fixed, and the log says why
        _LOG.error("[sonpo.staff] in the secrets is invalid, so nobody is staff: %s", e)
        return StaffRule()


def current() -> Status:
    return status(st.user.to_dict(), rule(), dt.datetime.now(dt.UTC))


def email() -> str | None:
    """The signed-in staff member's e-mail address, or None for everyone else."""
    if current() != "staff":
        return None
    return str(st.user.email).strip().lower()


@st.cache_resource(show_spinner=False)
def register() -> Register:
    """The register of issued quotations, one per process (env SONPO_REGISTER_URL, or the SQLite file)."""
    from sonpo.register import Register

    return Register.open()


def profile(address: str) -> Issuer:
    """The issuer printed on a staff member's 御見積書: their saved profile, or the company's (data/issuer.toml).
    Pages that only name a contact (the next step) go on with the company's while the register cannot be reached;
    issuing itself then says why it cannot (ui/documents.py)."""
    from sonpo.register import RegisterError

    try:
        return register().profile(address) or load_issuer()
    except RegisterError:
        return load_issuer()


def account() -> None:
    """The sign-in corner at the bottom of the sidebar: nothing without configuration."""
    now = current()
    if now == "public":
        return
    st.divider()
    if now == "signed_out":
        if st.button(tr("staff.login"), icon=":material/login:", type="tertiary", key="staff.login"):
            st.login()
        return
    who = md(str(st.user.get("email") or ""))
    if now == "expired":
        st.caption(tr("staff.expired", hours=_hours()))
        if st.button(tr("staff.login_again"), icon=":material/login:", type="tertiary", key="staff.login"):
            st.login()
    else:
        st.caption(tr(f"staff.signed_in.{now}", email=who))
    if st.button(tr("staff.logout"), icon=":material/logout:", type="tertiary", key="staff.logout"):
        st.logout()


def _hours() -> str:
    got = rule()
    hours = got.session_hours if got is not None else StaffRule().session_hours
    return f"{hours:g}"


def sign_in_prompt() -> None:
    """What a visitor who is not staff sees where the register would be: nothing of it."""
    now = current()
    st.info(tr(f"staff.only.{now}", hours=_hours()), icon=":material/lock:")
    if now in ("signed_out", "expired") and st.button(tr("staff.login"), icon=":material/login:",
                                                       key="staff.page_login", type="primary"):
        st.login()
