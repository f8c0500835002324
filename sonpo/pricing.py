"""The one pricing function's arithmetic over plain integers (docs/rules.md §3): the catalog flattened into a price
list, every rule a request breaks, and the monthly and one-time totals. `sonpo.quote.price` builds a quote
from it; the bulk engine calls `price_totals` directly, without the quote objects (a bulk run loads only
this module, not theirs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from sonpo.errors import DomainError, InvalidSelection
from sonpo.names import DOMAIN_KINDS, DomainKind, PlanId, domain_on
from sonpo.packs import PackPrice, PackPurchase, cheapest_packs

if TYPE_CHECKING:
    from sonpo.catalog import Catalog

Kind = Literal["monthly", "initial"]
# What a billed line's quantity counts (its 単位 on the documents): IDs, licence packs, domains, or one per
# contract (式). Set beside the quantity where each line is made below, its text is `unit.<id>` in data/i18n.
Unit = Literal["ids", "packs", "domains", "contract"]
LineSpec = tuple[str, int, int, Kind, Unit]  # item, unit price, quantity, kind, unit


@dataclass(frozen=True, slots=True)
class _PlanPrices:
    """One plan's facts that pricing needs, as plain values."""

    monthly_per_id: int
    initial: int
    max_ids: int
    special: bool
    default_domains: int
    offers: frozenset[str]  # option ids offered on the plan
    domains: tuple[DomainKind, ...]  # the domain kinds the plan offers
    domain_for: dict[DomainKind | None, DomainKind]  # every kind (None: none) → what it means here (domain_on)
    dns_mandatory: bool


@dataclass(frozen=True, slots=True, eq=False)  # eq=False: hashed by identity, the key of `_buy`'s memo
class PriceList:
    """The catalog flattened once for the hot path: a quote reads plain integers, not models. Never
    changed once built: the packs for each licence count are remembered outside it, by `_buy`."""

    plans: dict[PlanId, _PlanPrices]
    effective_date: dt.date  # the catalog's: the date its prices apply from
    tax: int
    max_months: int
    offering: dict[str, str]  # option id → the plans offering it, comma-joined (for messages)
    dns_monthly: int
    dns_initial: int
    dns_domains: tuple[DomainKind, ...]
    dns_max: int | None
    dns_mandatory: tuple[PlanId, ...]
    msb_packs: tuple[PackPrice, ...]
    msb_sizes: tuple[tuple[str, int, int], ...]  # (item, size, monthly) largest first
    msb_initial: int
    msb_max: int | None
    per_id: tuple[tuple[str, str, int, int], ...]  # (option, its initial item, monthly, initial): mail archive, IIJ ID
    dns_zone_initial: int


_PRICE_LISTS: dict[int, tuple[Catalog, PriceList]] = {}


def price_list(catalog: Catalog | None = None) -> PriceList:
    """The flattened price list of a catalog (built once per catalog object); None: `load_catalog()`'s, the one
    every other part of the process reads."""
    if catalog is None:
        from sonpo.catalog import load_catalog

        catalog = load_catalog()
    found = _PRICE_LISTS.get(id(catalog))
    if found is not None and found[0] is catalog:
        return found[1]
    made = flatten(catalog)
    _PRICE_LISTS[id(catalog)] = (catalog, made)
    return made


def flatten(cat: Catalog) -> PriceList:
    """A validated catalog as the plain values pricing reads."""
    dns, msb = cat.option("dns_hosting"), cat.option("msb")
    plans = {
        pid: _PlanPrices(
            monthly_per_id=p.monthly_per_id, initial=p.initial_per_contract, max_ids=p.max_ids,
            special=p.special_plan, default_domains=1 if pid in dns.mandatory_on else 0,
            offers=frozenset(o for o, opt in cat.options.items() if pid in opt.plans),
            domains=p.domains, domain_for={k: domain_on(p.domains, k) for k in (None, *DOMAIN_KINDS)},
            dns_mandatory=pid in dns.mandatory_on,
        )
        for pid, p in cat.plans.items()
    }
    return PriceList(
        plans=plans, effective_date=cat.effective_date, tax=cat.tax_rate_percent, max_months=cat.max_months,
        offering={o: ",".join(cat.plans_offering(o)) for o in cat.options},
        dns_monthly=dns.monthly, dns_initial=dns.initial, dns_domains=dns.requires_domain,
        dns_max=dns.max_quantity, dns_mandatory=dns.mandatory_on,
        msb_packs=tuple(PackPrice(p.size, p.monthly) for p in msb.packs),
        msb_sizes=tuple((f"msb_pack_{p.size}", p.size, p.monthly) for p in sorted(msb.packs, key=lambda p: -p.size)),
        msb_initial=msb.initial, msb_max=msb.max_quantity,
        per_id=tuple(
            (o, f"{o}_initial", cat.options[o].monthly, cat.options[o].initial) for o in ("mail_archive", "iijid")
        ),
        dns_zone_initial=cat.option("dns_zone_support").initial,
    )


def _not_offered(pl: PriceList, plan: str, option: str, field: str) -> DomainError:
    return DomainError("option_not_offered", field, option=option, plan=plan, plans=pl.offering[option])


def check_values(
    pl: PriceList, plan: PlanId, ids: int, domain: DomainKind, domains: int, msb_licences: int,
    mail_archive_ids: int, iijid_ids: int, dns_zone_support: bool, months: int,
) -> list[DomainError]:
    """Every rule a resolved request breaks, in field order; empty when it can be priced."""
    pp = pl.plans[plan]
    errors: list[DomainError] = []
    if ids < 1:
        errors.append(DomainError("ids_min", "ids", ids=ids))
    elif ids > pp.max_ids:
        if pp.special:
            errors.append(DomainError("special_plan", "ids", ids=ids, max=pp.max_ids))
        else:
            errors.append(DomainError("ids_max", "ids", ids=ids, max=pp.max_ids, plan=plan))

    if domain not in pp.domains:
        errors.append(
            DomainError(
                "domain_not_offered", "domain", domain=domain, plan=plan,
                plans=",".join(p for p, q in pl.plans.items() if domain in q.domains),
            )
        )

    if domains < 0:
        errors.append(DomainError("negative", "domains", value=domains))
    elif pp.dns_mandatory and domains < 1:
        errors.append(DomainError("dns_hosting_mandatory", "domains", plan=plan))
    elif domains > 0:
        if "dns_hosting" not in pp.offers:
            errors.append(_not_offered(pl, plan, "dns_hosting", "domains"))
        elif domain not in pl.dns_domains:
            errors.append(DomainError("dns_hosting_needs_own_domain", "domains", domain=domain))
        elif pl.dns_max is not None and domains > pl.dns_max:
            errors.append(DomainError("quantity_max", "domains", value=domains, max=pl.dns_max))

    if msb_licences < 0:
        errors.append(DomainError("negative", "msb_licences", value=msb_licences))
    elif msb_licences > 0:
        if "msb" not in pp.offers:
            errors.append(_not_offered(pl, plan, "msb", "msb_licences"))
        elif pl.msb_max is not None and msb_licences > pl.msb_max:
            errors.append(DomainError("quantity_max", "msb_licences", value=msb_licences, max=pl.msb_max))

    if mail_archive_ids:  # 0: not ordered, nothing to check
        _check_per_id(pl, pp, plan, "mail_archive", "mail_archive_ids", mail_archive_ids, ids, errors)
    if iijid_ids:
        _check_per_id(pl, pp, plan, "iijid", "iijid_ids", iijid_ids, ids, errors)

    if dns_zone_support and "dns_zone_support" not in pp.offers:
        errors.append(_not_offered(pl, plan, "dns_zone_support", "dns_zone_support"))

    if not 1 <= months <= pl.max_months:
        errors.append(DomainError("months_range", "months", value=months, max=pl.max_months))
    return errors


def _check_per_id(
    pl: PriceList, pp: _PlanPrices, plan: PlanId, option: str, field: str, count: int, ids: int,
    errors: list[DomainError],
) -> None:
    """A per-ID option (mail archive, IIJ ID): offered on the plan, for at most every ID."""
    if count < 0:
        errors.append(DomainError("negative", field, value=count))
    elif option not in pp.offers:
        errors.append(_not_offered(pl, plan, option, field))
    elif count > ids >= 1:
        errors.append(DomainError("per_id_over_ids", field, value=count, ids=ids))


def resolve(
    pl: PriceList, plan: str, domain: DomainKind | None, domains: int | None
) -> tuple[PlanId, DomainKind, int]:
    """The plan's defaults filled in: its first domain kind, the mandatory minimum of DNS domains."""
    if plan not in pl.plans:  # a CSV cell or a URL can hold anything
        raise DomainError("unknown_value", "plan", value=str(plan), choices=",".join(pl.plans))
    pp = pl.plans[plan]
    return (
        plan,
        pp.domain_for.get(domain) or domain_on(pp.domains, domain),
        pp.default_domains if domains is None else domains,
    )


def price_totals(
    pl: PriceList, plan: PlanId, ids: int, domain: DomainKind | None, domains: int | None, msb_licences: int,
    mail_archive_ids: int | None, iijid_ids: int | None, dns_zone_support: bool, months: int,
    specs: list[LineSpec] | None = None,
) -> tuple[int, int, PackPurchase]:
    """Monthly and one-time fees excluding tax, and the packs bought: the arithmetic of `price`, which a
    bulk row calls directly (it needs only the totals: up to 100,000 rows, so this is one frame, with
    no line objects). The plan's defaults are filled in (domain None: its first kind; domains None:
    the mandatory minimum; a per-ID count None: every ID, a CSV cell 'all'); every broken rule raises
    InvalidSelection. Each billed line is added to `specs` (None: the totals alone)."""
    pp = pl.plans.get(plan)
    if pp is None:  # a CSV cell or a URL can hold anything
        raise DomainError("unknown_value", "plan", value=str(plan), choices=",".join(pl.plans))
    kind = pp.domain_for.get(domain) or domain_on(pp.domains, domain)
    if domains is None:
        domains = pp.default_domains
    if mail_archive_ids is None:
        mail_archive_ids = ids
    if iijid_ids is None:
        iijid_ids = ids
    errors = check_values(pl, plan, ids, kind, domains, msb_licences, mail_archive_ids, iijid_ids,
                          dns_zone_support, months)
    if errors:
        raise InvalidSelection(errors)
    # every amount once, as unit price x quantity; the totals add them up and the lines list them
    packs, pack_specs, pack_monthly = _buy(pl, msb_licences)
    (mail, mail_first, mail_monthly, mail_initial), (iijid, iijid_first, iijid_monthly, iijid_initial) = pl.per_id
    msb_initial = pl.msb_initial if msb_licences > 0 else 0
    zone_initial = pl.dns_zone_initial if dns_zone_support else 0
    monthly = (pp.monthly_per_id * ids + pack_monthly + pl.dns_monthly * domains
               + mail_monthly * mail_archive_ids + iijid_monthly * iijid_ids)
    initial = (pp.initial + msb_initial + pl.dns_initial * domains + mail_initial * mail_archive_ids
               + iijid_initial * iijid_ids + zone_initial)
    if specs is not None:  # a line for every amount above that is not zero, in the order of the quote
        every: tuple[LineSpec, ...] = (
            ("base_monthly", pp.monthly_per_id, ids, "monthly", "ids"),
            ("base_initial", pp.initial, 1, "initial", "contract"),
            *pack_specs,
            ("msb_initial", msb_initial, 1, "initial", "contract"),
            ("dns_hosting", pl.dns_monthly, domains, "monthly", "domains"),
            ("dns_hosting_initial", pl.dns_initial, domains, "initial", "domains"),
            (mail, mail_monthly, mail_archive_ids, "monthly", "ids"),
            (mail_first, mail_initial, mail_archive_ids, "initial", "ids"),
            (iijid, iijid_monthly, iijid_ids, "monthly", "ids"),
            (iijid_first, iijid_initial, iijid_ids, "initial", "ids"),
            ("dns_zone_support", zone_initial, 1, "initial", "contract"),
        )
        specs += [spec for spec in every if spec[1] and spec[2]]
    return monthly, initial, packs


# Remembered per (price list, licence count). Without it, bench/bulk.py's rows alone take +1.17 G instructions
# (+20 %: 2.9× → 3.5× a plain csv copy), and a quote of bench/domain.py +11 k instructions (+18 %).
@lru_cache(maxsize=4096)
def _buy(pl: PriceList, licences: int) -> tuple[PackPurchase, tuple[LineSpec, ...], int]:
    """The packs for `licences`, their lines and their monthly cost."""
    packs = cheapest_packs(licences, pl.msb_packs, pl.msb_max or licences)
    specs: tuple[LineSpec, ...] = tuple(
        (item, price, packs.counts[size], "monthly", "packs")
        for item, size, price in pl.msb_sizes if packs.counts[size] and price
    )
    return packs, specs, sum(price * n for _, price, n, _, _ in specs)
