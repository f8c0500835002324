"""The names the data files and their readers share, without pydantic: plan, domain-kind and option ids,
the issuer's fields, the data folder, and the error a broken data file raises. The command line's
bulk path imports these and not `sonpo.catalog` (whose models need pydantic: 60 % of its start-up)."""

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


class CatalogError(Exception):
    """A data file is broken; the message names the file and the field."""
