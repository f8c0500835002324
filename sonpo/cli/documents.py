"""`python -m sonpo document quote|proposal|calendar`: the customer's documents (docs/rules.md §9) from the
command line."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from sonpo.cli.flags import add_selection_flags, domain_of, plan_of, selection_values
from sonpo.errors import DomainError
from sonpo.i18n import LANGS, Lang
from sonpo.names import DEFAULT_VALID_DAYS, HONORIFICS, ISSUER_FIELDS, DomainKind, Honorific, PlanId
from sonpo.parse import parse_bool, parse_choice, parse_date, parse_int

if TYPE_CHECKING:  # imported where used: the other commands (bulk above all) start without them
    from sonpo.case import Case
    from sonpo.issuer import Issuer
    from sonpo.quote import Selection
    from sonpo.timeline.schedule import Schedule

KINDS = ("quote", "proposal", "calendar")
# The support flowchart's questions (sonpo.flow.support_questions) as flags, written out: reading the flowchart
# here would load and validate it on every command, bulk too (a one-row bulk run: 0.22 s → 0.50 s, median of
# 15), and a script's flags, like a link's names, keep their meaning. tests/unit/test_cli_documents.py holds
# them equal to the flowchart's.
SUPPORT_FLAGS = ("knows_dns", "delegate_dns", "advanced", "minimum_security")


def register(sub: Any) -> None:
    """Add the `document` subcommand to the command line's subparsers."""
    d = sub.add_parser("document", help="the 見積書 or 提案書 as PDF, or the customer's calendar (.ics)")
    d.add_argument("kind", choices=KINDS)
    add_selection_flags(d, ids_required=False, ids_help="required for quote and proposal")
    d.add_argument("--order-date", help="YYYY-MM-DD, the order-complete date (default: the first business day "
                                        "on or after the issue date)")
    d.add_argument("--dns-days")
    d.add_argument("--addressee", default="", help="宛名 (printed as given, followed by its honorific unless it "
                                                   "already ends in 御中, 様 or 殿)")
    d.add_argument("--honorific", help="the 宛名's honorific: onchu (御中, the default) or sama (様)")
    d.add_argument("--issued", help="YYYY-MM-DD (default: today in Japan)")
    d.add_argument("--valid-days", default=str(DEFAULT_VALID_DAYS), help="見積書: days the quotation is valid")
    d.add_argument("--own-domain", help="提案書: plan finder answer yes|no")
    d.add_argument("--admin-panel", help="提案書: plan finder answer yes|no")
    d.add_argument("--needs", help="提案書: none, or comma-separated file-sharing,supervisor-approval,mail-archive,"
                                   "iijid,advanced")
    for flag in SUPPORT_FLAGS:
        d.add_argument(f"--{flag.replace('_', '-')}", help="提案書: support-menu answer yes|no")
    for name in ISSUER_FIELDS:
        d.add_argument(f"--issuer-{name.replace('_', '-')}",
                       help=f"issuer's {name.replace('_', ' ')} (default: data/issuer.toml)")
    d.add_argument("--lang", choices=LANGS, default="ja")
    d.add_argument("-o", "--output", help="file to write (default: stdout)")
    d.set_defaults(run=run)


def selection(args: argparse.Namespace) -> Selection:
    """The quote flags as a selection (the same flags, read the same way, as `quote`)."""
    from sonpo.quote import Selection

    return Selection(**selection_values(args))


def issuer(args: argparse.Namespace) -> Issuer:
    """The data's issuer with this run's --issuer-* values over it."""
    from pydantic import ValidationError

    from sonpo.issuer import load_issuer

    values = {name: getattr(args, f"issuer_{name}") for name in ISSUER_FIELDS if getattr(args, f"issuer_{name}")}
    try:
        return load_issuer().overridden(**values)
    except ValidationError as e:
        field = str(e.errors()[0]["loc"][0]) if e.errors() and e.errors()[0]["loc"] else "issuer"
        raise DomainError("issuer_text", f"issuer_{field}", max=100) from None


def case_of(args: argparse.Namespace, order_date: dt.date) -> Case:
    """The flags as the case the pages would hold for the same answers: the 提案書 reads the whole case."""
    from sonpo.case import Case
    from sonpo.catalog import load_catalog

    sel = selection_values(args)
    values: dict[str, Any] = {
        "plan": sel["plan"], "ids": sel["ids"], "months": sel["months"], "msb": sel["msb_licences"],
        "dns_support": sel["dns_zone_support"], "order_date": order_date, "addressee": args.addressee,
        "honorific": _honorific(args),
        "needs": _needs(args.needs),
        "own_domain": _optional_bool("own_domain", args.own_domain),
        "admin_panel": _optional_bool("admin_panel", args.admin_panel),
        **{flag: _optional_bool(flag, getattr(args, flag)) for flag in SUPPORT_FLAGS},
    }
    if sel["domain"] is not None:
        values["domain"] = sel["domain"]
    if sel["domains"]:  # DNS hosting for that many domains: asked for, unless the plan requires it anyway
        mandatory = sel["plan"] in load_catalog().option("dns_hosting").mandatory_on
        values |= {"dns_hosting": not mandatory, "domains": sel["domains"]}
    for option in ("mail_archive", "iijid"):
        if sel[f"{option}_ids"]:
            values |= {option: True, f"{option}_ids": sel[f"{option}_ids"]}
    if args.dns_days is not None:
        values["dns_days"] = parse_int("dns_days", args.dns_days)
    return Case().replace(**values)


def _honorific(args: argparse.Namespace) -> Honorific:
    return "onchu" if args.honorific is None else parse_choice("honorific", args.honorific, HONORIFICS)


def _optional_bool(field: str, value: str | None) -> bool | None:
    return None if value is None else parse_bool(field, value)


def _needs(value: str | None) -> tuple[str, ...] | None:
    from sonpo.flow import normalise_needs

    if value is None:
        return None
    if value.strip().lower() == "none":
        return ()
    return normalise_needs(value.split(","))


def _schedule(args: argparse.Namespace, plan: PlanId, domain: DomainKind | None, order_date: dt.date) -> Schedule:
    from sonpo.timeline.schedule import ScheduleRequest, schedule

    return schedule(ScheduleRequest(
        plan=plan,
        order_date=order_date,
        domain=domain,
        dns_zone_support=args.dns_support,
        dns_days=None if args.dns_days is None else parse_int("dns_days", args.dns_days),
    ))


def run(args: argparse.Namespace) -> bytes:
    """Build the document; write it to -o (printing nothing; sonpo/cli/output.py) or return it for stdout."""
    from sonpo.quote import quote
    from sonpo.timeline import default_order_date, today_in_japan

    lang: Lang = args.lang
    issued = today_in_japan() if args.issued is None else parse_date("issued", args.issued)
    # without --order-date, the case's default: the first business day on or after the issue date
    order_date = default_order_date(issued) if args.order_date is None else parse_date("order_date", args.order_date)
    if args.kind == "calendar":
        from sonpo.documents import calendar_ics

        plan = plan_of(args)
        data = calendar_ics(_schedule(args, plan, domain_of(args), order_date), lang, issued=issued,
                            addressee=args.addressee)
    elif args.kind == "quote":
        from sonpo.documents import quote_pdf

        valid_days = parse_int("valid_days", args.valid_days)
        q = quote(selection(args))
        sch = None if args.order_date is None else _schedule(args, q.selection.plan, q.selection.domain, order_date)
        data = quote_pdf(q, lang=lang, addressee=args.addressee, honorific=_honorific(args), issued=issued,
                         valid_days=valid_days, issuer=issuer(args), schedule=sch)
    else:
        from sonpo.documents import ProposalInput, proposal_pdf

        quote(selection(args))  # the flags refused as `quote` refuses them (an option the plan does not offer)
        data = proposal_pdf(ProposalInput.of_case(case_of(args, order_date), lang, issued, issuer(args)))
    if args.output:
        from sonpo.cli.output import write_file

        write_file(args.output, lambda f: f.write(data))
        return b""
    return data
