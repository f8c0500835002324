"""The names the data files and the code share: plan, domain-kind and option ids, honorifics, the
issuer's fields, the data folder, the error a broken data file raises, and what a domain request means
on a plan (`domain_on`, `domain_or_first`).

A leaf: it imports none of our modules and no third-party library, so every module can name a plan without
importing another. The models that validate the files (`sonpo.catalog`, with pydantic) build on these names,
and so does the code that needs only the names: `sonpo.pricing` over plain integers, `sonpo.parse`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

PlanId = Literal["common", "individual", "hybrid"]
PLAN_IDS: tuple[PlanId, ...] = ("common", "individual", "hybrid")
DomainKind = Literal["designated", "own", "sub"]
DOMAIN_KINDS: tuple[DomainKind, ...] = ("designated", "own", "sub")
OptionId = Literal["msb", "dns_hosting", "mail_archive", "iijid", "dns_zone_support"]
OPTION_IDS: tuple[OptionId, ...] = ("msb", "dns_hosting", "mail_archive", "iijid", "dns_zone_support")
ISSUER_CONTACT_FIELDS = ("company", "department", "person", "phone", "email")  # whom the customer contacts
# data/issuer.toml's [issuer]: the contact and the インボイス registration number (適格請求書発行事業者登録番号)
ISSUER_FIELDS = (*ISSUER_CONTACT_FIELDS, "registration_number")
Honorific = Literal["onchu", "sama"]  # the 宛名's 敬称: 御中 (to a company or department) or 様 (to a person)
HONORIFICS: tuple[Honorific, ...] = ("onchu", "sama")


def domain_on(offered: tuple[DomainKind, ...], requested: DomainKind | None) -> DomainKind:
    """The domain kind a request means on a plan offering `offered` (the meaning that refuses): the plan's
    first when none is named. The common plan's designated domain is itself an NTT-issued subdomain (the
    brochure calls it サブドメイン too), so asking for a subdomain there means that one. Any other request
    stays as it is, and the rules then refuse a kind the plan does not offer: the command line and a bulk
    row, where the user named the kind for this plan."""
    if requested is None:
        return offered[0]
    if requested == "sub" and "sub" not in offered and "designated" in offered:
        return "designated"
    return requested


def domain_or_first(offered: tuple[DomainKind, ...], wanted: DomainKind | None) -> DomainKind:
    """The domain kind a case gets on a plan (the meaning that falls back): `domain_on`'s answer where the
    plan offers it, else the plan's first. The case keeps the wanted kind when the user tries another plan,
    so the estimate of a plan that lacks it shows the plan's own."""
    kind = domain_on(offered, wanted)
    return kind if kind in offered else offered[0]


class CatalogError(Exception):
    """A data file is broken; the message names the file and the field."""


# How long a 見積書 is valid from its issue date unless said otherwise: the app, the CLI and the register.
DEFAULT_VALID_DAYS = 30
