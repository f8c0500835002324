"""Who counts as staff (docs/rules.md §11): the configured addresses and domains, from the provider's claims."""

from __future__ import annotations

import datetime as dt

import pytest

from sonpo.staff import StaffRule, status

NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
RULE = StaffRule(email_domains=("Agency.example",), emails=("boss@other.example",))


@pytest.mark.parametrize(("email", "admitted"), [
    ("rep@agency.example", True),
    ("REP@Agency.Example", True),  # addresses are compared without case
    ("boss@other.example", True),  # listed by itself
    ("clerk@other.example", False),
    ("rep@sub.agency.example", False),  # a subdomain is another domain
    ("rep@evilagency.example", False),
    ("rep@agency.example.net", False),
    ("agency.example", False),
    ("@agency.example", False),
])
def test_staff_are_the_listed_addresses_and_the_listed_domains_exactly(email: str, admitted: bool) -> None:
    assert RULE.admits(email) is admitted


def test_what_a_visitor_is() -> None:
    signed = {"is_logged_in": True, "email": "rep@agency.example"}
    assert status(signed, None, NOW) == "public"  # sign-in not configured: everyone is the public
    assert status({}, RULE, NOW) == "signed_out"
    assert status({"is_logged_in": False, "email": "rep@agency.example"}, RULE, NOW) == "signed_out"
    assert status(signed, RULE, NOW) == "staff"
    assert status({**signed, "email_verified": False}, RULE, NOW) == "not_staff"  # the provider says: unverified
    assert status({**signed, "email": "x@gmail.example"}, RULE, NOW) == "not_staff"
    assert status({"is_logged_in": True}, RULE, NOW) == "not_staff"  # no e-mail claim: nobody to admit
    assert status(signed, StaffRule(), NOW) == "not_staff"  # configured sign-in, nobody listed yet


def test_a_staff_session_ends_after_the_configured_hours() -> None:
    eight_hours = NOW.timestamp() - 8 * 3600
    assert status({"is_logged_in": True, "email": "rep@agency.example", "iat": eight_hours}, RULE, NOW) == "staff"
    late = {"is_logged_in": True, "email": "rep@agency.example", "iat": eight_hours - 1}
    assert status(late, RULE, NOW) == "expired"
    assert status(late, RULE.model_copy(update={"session_hours": 9}), NOW) == "staff"
