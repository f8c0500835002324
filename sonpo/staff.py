"""Who counts as staff (docs/rules.md §11): configuration, checked against the identity provider's claims.

The sign-in itself is Streamlit's (st.login, OpenID Connect); this module only answers, from the claims the
provider signed (the e-mail, whether it is verified, when the user signed in), whether that person is staff now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Status = Literal["public", "signed_out", "not_staff", "expired", "staff"]


class StaffRule(BaseModel):
    """`[sonpo.staff]` in the app's secrets: staff are the e-mail addresses listed, and every address at one of the
    domains listed (exactly that domain, not its subdomains). A staff session lasts `session_hours` from sign-in."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    email_domains: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    session_hours: float = Field(default=8, gt=0, le=24 * 30)

    @field_validator("email_domains", "emails")
    @classmethod
    def _lower(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip().lower().lstrip("@") for v in values if v.strip())

    def admits(self, email: str) -> bool:
        address = email.strip().lower()
        if address.count("@") != 1 or not address.split("@")[0]:
            return False
        return address in self.emails or address.split("@")[1] in self.email_domains


def status(claims: Mapping[str, object] | None, rule: StaffRule | None, now: dt.datetime) -> Status:
    """What this visitor is. "public": sign-in is not configured; "signed_out"; "not_staff": signed in, but the
    address is not staff, or the provider says it is not verified; "expired": staff whose session is older than
    the rule allows (sign in again); "staff"."""
    if rule is None:
        return "public"
    if not claims or not claims.get("is_logged_in"):
        return "signed_out"
    email = claims.get("email")
    if not isinstance(email, str) or claims.get("email_verified") is False or not rule.admits(email):
        return "not_staff"
    signed_in = claims.get("iat")
    fresh = not isinstance(signed_in, int | float) or now.timestamp() - signed_in <= rule.session_hours * 3600
    if not fresh:
        return "expired"
    return "staff"
