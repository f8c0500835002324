"""The quote flags that `quote` and `document` share: declared once, read once, with the shared parser."""

from __future__ import annotations

import argparse
from typing import Any

from sonpo.errors import DomainError
from sonpo.names import DomainKind, PlanId
from sonpo.parse import parse_domain, parse_int, parse_per_id, parse_plan


def add_selection_flags(p: argparse.ArgumentParser, *, ids_required: bool = True, ids_help: str | None = None) -> None:
    """--plan, --ids, --domain, --domains, --msb, --mail-archive, --iijid, --dns-support, --months."""
    p.add_argument("--plan", required=True)
    p.add_argument("--ids", required=ids_required, help=ids_help)
    p.add_argument("--domain")
    p.add_argument("--domains")
    p.add_argument("--msb", help="MySecure Business licences")
    p.add_argument("--mail-archive", nargs="?", const="all", help="IDs (default: all)")
    p.add_argument("--iijid", nargs="?", const="all", help="IDs (default: all)")
    p.add_argument("--dns-support", action="store_true")
    p.add_argument("--months", default="12")


def plan_of(args: argparse.Namespace) -> PlanId:
    return parse_plan("plan", args.plan)


def domain_of(args: argparse.Namespace) -> DomainKind | None:
    return None if args.domain is None else parse_domain("domain", args.domain)


def selection_values(args: argparse.Namespace) -> dict[str, Any]:
    """The flags as the arguments of `sonpo.quote.price` (and the fields of `Selection`)."""
    if args.ids is None:
        raise DomainError("required", "ids")
    ids = parse_int("ids", args.ids)
    return {
        "plan": plan_of(args),
        "ids": ids,
        "domain": domain_of(args),
        "domains": None if args.domains is None else parse_int("domains", args.domains),
        "msb_licences": parse_int("msb_licences", args.msb or "0"),
        "mail_archive_ids": 0 if args.mail_archive is None else parse_per_id("mail_archive_ids", args.mail_archive,
                                                                             ids),
        "iijid_ids": 0 if args.iijid is None else parse_per_id("iijid_ids", args.iijid, ids),
        "dns_zone_support": args.dns_support,
        "months": parse_int("months", args.months),
    }
