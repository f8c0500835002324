"""The pricing engine as it was before the lean core (commit e1f2f07), kept verbatim as the oracle
that the new one-function pricing must equal (issue 9). Delete once the new engine has stood a while."""

# ruff: noqa
# mypy: ignore-errors
from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from sonpo.catalog import Catalog, Pack, load_catalog
from sonpo.names import OptionId
from sonpo.errors import DomainError, InvalidSelection
from sonpo.i18n import Lang, t
from sonpo.quote import Selection

Kind = Literal["monthly", "initial"]


class Amount(BaseModel):
    """One total: excluding tax, the tax on it (rounded down to the yen), including tax."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    excl_tax: int
    tax: int
    incl_tax: int

    @classmethod
    def of(cls, excl_tax: int, tax_rate_percent: int) -> Amount:
        tax = excl_tax * tax_rate_percent // 100
        return cls(excl_tax=excl_tax, tax=tax, incl_tax=excl_tax + tax)



class PackPurchase(BaseModel):
    """Packs bought: count per pack size, the licences they cover and their monthly cost."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    counts: dict[int, int]
    licences: int
    monthly: int

    @property
    def pack_count(self) -> int:
        return sum(self.counts.values())


@cache
def _table(packs: tuple[Pack, ...], max_licences: int) -> list[tuple[int, int, tuple[int, ...]]]:
    """For every n in 0..max_licences, the best purchase covering at least n licences.

    Best = lowest cost, then most licences covered, then fewest packs. A cover of
    n + largest pack or more is never best (dropping a pack still covers n and
    costs less), so exact covers up to that bound are enough. Built once per
    price list, so a quote is a lookup.
    """
    limit = max_licences + max(p.size for p in packs)
    inf = (1 << 62, 0)
    exact: list[tuple[int, int]] = [(0, 0)] + [inf] * limit  # (cost, packs) per exact cover
    choice: list[int] = [-1] * (limit + 1)
    for c in range(1, limit + 1):
        for i, p in enumerate(packs):
            if p.size <= c:
                cost, n = exact[c - p.size]
                cand = (cost + p.monthly, n + 1)
                if cand < exact[c]:
                    exact[c], choice[c] = cand, i

    def counts_for(c: int) -> tuple[int, ...]:
        out = [0] * len(packs)
        while c > 0:
            out[choice[c]] += 1
            c -= packs[choice[c]].size
        return tuple(out)

    best: list[tuple[int, int, tuple[int, ...]]] = [(0, 0, ())] * (max_licences + 1)
    # key (cost, -covered, packs): scan from the top so each n sees every cover >= n
    top_key: tuple[int, int, int] | None = None
    top_c = 0
    for c in range(limit, -1, -1):
        cost, n = exact[c]
        if cost < inf[0]:
            key = (cost, -c, n)
            if top_key is None or key < top_key:
                top_key, top_c = key, c
        if c <= max_licences:
            assert top_key is not None
            best[c] = (top_key[0], top_c, counts_for(top_c))
    return best


def cheapest_packs(licences: int, packs: Sequence[Pack], max_licences: int) -> PackPurchase:
    """The packs to buy for `licences` licences (0 ≤ licences ≤ max_licences)."""
    if not 0 <= licences <= max_licences:
        raise ValueError(f"licences must be within 0..{max_licences}")
    key = tuple(packs)
    # A table up to L answers every n <= L, so build only as far as the next power of two:
    # most quotes ask for a few licences, and a process need not pay for 10,000.
    limit = min(max_licences, max(64, 1 << licences.bit_length()))
    cost, covered, counts = _table(key, limit)[licences]
    by_size = {p.size: 0 for p in key}
    for p, n in zip(key, counts, strict=False):
        by_size[p.size] += n
    return PackPurchase(counts=by_size, licences=covered, monthly=cost)

class Line(BaseModel):
    """One billed item."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: str  # text id under `item.`; the display name comes from i18n
    unit_price: int
    quantity: int
    amount: int
    kind: Kind

    def name(self, lang: Lang = "ja") -> str:
        return t(f"item.{self.item}", lang)


class Period(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    months: int
    excl_tax: int
    incl_tax: int

    @classmethod
    def of(cls, initial: Amount, monthly: Amount, months: int) -> Period:
        """The cost over `months`: one-time fees plus that many monthly fees (no pro-rating: the
        brochure is silent on it), each month's tax as billed."""
        return cls(
            months=months,
            excl_tax=initial.excl_tax + months * monthly.excl_tax,
            incl_tax=initial.incl_tax + months * monthly.incl_tax,
        )


class Quote(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    selection: Selection
    lines: tuple[Line, ...]
    monthly: Amount
    initial: Amount
    period: Period
    msb_packs: PackPurchase

    def as_json(self) -> dict[str, object]:
        """The object `python -m sonpo quote --format json` prints."""
        sel = self.selection
        return {
            "plan": sel.plan,
            "ids": sel.ids,
            "domain": sel.domain,
            "domains": sel.domains,
            "msb_licences": sel.msb_licences,
            "mail_archive_ids": sel.mail_archive_ids,
            "iijid_ids": sel.iijid_ids,
            "dns_zone_support": sel.dns_zone_support,
            "monthly": self.monthly.model_dump(),
            "initial": self.initial.model_dump(),
            "lines": [line.model_dump() for line in self.lines],
            "msb_packs": {str(size): n for size, n in self.msb_packs.counts.items()},
            "msb_licences_covered": self.msb_packs.licences,
            "period": self.period.model_dump(),
            "effective_date": load_catalog().effective_date.isoformat(),
        }


def _offered(cat: Catalog, sel: Selection, option: OptionId, field: str, errors: list[DomainError]) -> bool:
    if sel.plan in cat.option(option).plans:
        return True
    errors.append(
        DomainError(
            "option_not_offered",
            field,
            option=option,
            plan=sel.plan,
            plans=",".join(cat.plans_offering(option)),
        )
    )
    return False


def old_check(selection: Selection, catalog: Catalog | None = None) -> list[DomainError]:
    """Every rule the selection breaks, in field order; empty when it can be quoted."""
    cat = catalog or load_catalog()
    sel = selection.resolved(cat)
    plan = cat.plan(sel.plan)
    errors: list[DomainError] = []
    assert sel.domain is not None and sel.domains is not None

    if sel.ids < 1:
        errors.append(DomainError("ids_min", "ids", ids=sel.ids))
    elif sel.ids > plan.max_ids:
        if plan.special_plan:
            errors.append(DomainError("special_plan", "ids", ids=sel.ids, max=plan.max_ids))
        else:
            errors.append(DomainError("ids_max", "ids", ids=sel.ids, max=plan.max_ids, plan=sel.plan))

    if sel.domain not in plan.domains:
        errors.append(
            DomainError(
                "domain_not_offered",
                "domain",
                domain=sel.domain,
                plan=sel.plan,
                plans=",".join(p for p in cat.plans if sel.domain in cat.plans[p].domains),
            )
        )

    dns = cat.option("dns_hosting")
    if sel.domains < 0:
        errors.append(DomainError("negative", "domains", value=sel.domains))
    elif sel.plan in dns.mandatory_on and sel.domains < 1:
        errors.append(DomainError("dns_hosting_mandatory", "domains", plan=sel.plan))
    elif sel.domains > 0 and _offered(cat, sel, "dns_hosting", "domains", errors):
        if sel.domain not in dns.requires_domain:
            errors.append(DomainError("dns_hosting_needs_own_domain", "domains", domain=sel.domain))
        elif dns.max_quantity is not None and sel.domains > dns.max_quantity:
            errors.append(DomainError("quantity_max", "domains", value=sel.domains, max=dns.max_quantity))

    msb = cat.option("msb")
    if sel.msb_licences < 0:
        errors.append(DomainError("negative", "msb_licences", value=sel.msb_licences))
    elif (
        sel.msb_licences > 0
        and _offered(cat, sel, "msb", "msb_licences", errors)
        and msb.max_quantity is not None
        and sel.msb_licences > msb.max_quantity
    ):
        errors.append(DomainError("quantity_max", "msb_licences", value=sel.msb_licences, max=msb.max_quantity))

    for option, field in (("mail_archive", "mail_archive_ids"), ("iijid", "iijid_ids")):
        count: int = getattr(sel, field)
        if count < 0:
            errors.append(DomainError("negative", field, value=count))
        elif count > 0 and _offered(cat, sel, option, field, errors) and count > sel.ids >= 1:  # type: ignore[arg-type]
            errors.append(DomainError("per_id_over_ids", field, value=count, ids=sel.ids))

    if sel.dns_zone_support:
        _offered(cat, sel, "dns_zone_support", "dns_zone_support", errors)

    if not 1 <= sel.months <= cat.max_months:
        errors.append(DomainError("months_range", "months", value=sel.months, max=cat.max_months))
    return errors


def old_quote(selection: Selection, catalog: Catalog | None = None) -> Quote:
    """Price a selection, or raise InvalidSelection naming every broken rule."""
    cat = catalog or load_catalog()
    sel = selection.resolved(cat)
    errors = old_check(sel, cat)
    if errors:
        raise InvalidSelection(errors)
    assert sel.domains is not None
    plan = cat.plan(sel.plan)
    lines: list[Line] = []

    def bill(item: str, unit: int, qty: int, kind: Kind) -> None:
        if qty > 0 and unit > 0:
            lines.append(Line(item=item, unit_price=unit, quantity=qty, amount=unit * qty, kind=kind))

    bill("base_monthly", plan.monthly_per_id, sel.ids, "monthly")
    bill("base_initial", plan.initial_per_contract, 1, "initial")

    msb = cat.option("msb")
    packs = cheapest_packs(sel.msb_licences, msb.packs, msb.max_quantity or sel.msb_licences)
    for p in sorted(msb.packs, key=lambda p: -p.size):
        bill(f"msb_pack_{p.size}", p.monthly, packs.counts[p.size], "monthly")
    if sel.msb_licences > 0:
        bill("msb_initial", msb.initial, 1, "initial")

    dns = cat.option("dns_hosting")
    bill("dns_hosting", dns.monthly, sel.domains, "monthly")
    bill("dns_hosting_initial", dns.initial, sel.domains, "initial")
    for option, count in (("mail_archive", sel.mail_archive_ids), ("iijid", sel.iijid_ids)):
        o = cat.options[option]  # type: ignore[index]
        bill(option, o.monthly, count, "monthly")
        bill(f"{option}_initial", o.initial, count, "initial")
    if sel.dns_zone_support:
        bill("dns_zone_support", cat.option("dns_zone_support").initial, 1, "initial")

    rate = cat.tax_rate_percent
    monthly = Amount.of(sum(x.amount for x in lines if x.kind == "monthly"), rate)
    initial = Amount.of(sum(x.amount for x in lines if x.kind == "initial"), rate)
    period = Period.of(initial, monthly, sel.months)
    return Quote(selection=sel, lines=tuple(lines), monthly=monthly, initial=initial, period=period, msb_packs=packs)


