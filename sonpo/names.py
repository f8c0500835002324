"""The names the data files and their readers share: plan, domain-kind and option ids, the issuer's
fields, the data folder, the error a broken data file raises, and what a domain request means on a
plan. The models that validate the files are in `sonpo.catalog`."""

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
ISSUER_FIELDS = ("company", "department", "person", "phone", "email")  # data/issuer.toml's [issuer]


def domain_on(offered: tuple[DomainKind, ...], requested: DomainKind | None) -> DomainKind:
    """The domain kind a request means on a plan offering `offered`: the plan's first when none is named.
    The common plan's designated domain is itself an NTT-issued subdomain (the brochure calls it
    サブドメイン too), so asking for a subdomain there means that one. Any other request stays as it is
    (the rules then refuse a kind the plan does not offer)."""
    if requested is None:
        return offered[0]
    if requested == "sub" and "sub" not in offered and "designated" in offered:
        return "designated"
    return requested


class CatalogError(Exception):
    """A data file is broken; the message names the file and the field."""
