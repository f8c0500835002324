"""Quotes (見積): billed lines, monthly and one-time totals with tax, and the N-month cost (SPEC §3)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sonpo.catalog import Catalog, DomainKind, OptionId, PlanId, load_catalog
from sonpo.errors import DomainError, InvalidSelection
from sonpo.i18n import Lang, t
from sonpo.money import Amount
from sonpo.packs import PackPurchase, cheapest_packs

Kind = Literal["monthly", "initial"]
Count = Annotated[int, Field(strict=True)]


class Selection(BaseModel):
    """What the customer asks for. Types are checked here; the brochure's rules by `check`.

    `domain` None means the plan's first domain kind; `domains` None means the
    mandatory minimum (1 on hybrid, else 0). Per-ID option counts of 0 mean not ordered.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    plan: PlanId
    ids: Count
    domain: DomainKind | None = None
    domains: Count | None = None
    msb_licences: Count = 0
    mail_archive_ids: Count = 0
    iijid_ids: Count = 0
    dns_zone_support: bool = False
    months: Count = 12

    def resolved(self, catalog: Catalog | None = None) -> Selection:
        """The same selection with plan defaults filled in."""
        cat = catalog or load_catalog()
        plan = cat.plan(self.plan)
        domain = plan.resolve_domain(self.domain)
        domains = self.domains
        if domains is None:
            domains = 1 if self.plan in cat.option("dns_hosting").mandatory_on else 0
        if domain == self.domain and domains == self.domains:
            return self  # already resolved: a quote resolves once, not per rule check
        return self.model_copy(update={"domain": domain, "domains": domains})


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


def check(selection: Selection, catalog: Catalog | None = None) -> list[DomainError]:
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


def quote(selection: Selection, catalog: Catalog | None = None) -> Quote:
    """Price a selection, or raise InvalidSelection naming every broken rule."""
    cat = catalog or load_catalog()
    sel = selection.resolved(cat)
    errors = check(sel, cat)
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


# ---- change fees (変更料金) ---------------------------------------------------


class ChangeFees(BaseModel):
    """Display-name changes and password reissues done by NTT Com, 3,000円/ID each."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plan: PlanId
    name_changes: int
    password_reissues: int
    lines: tuple[Line, ...]
    total: Amount


def change_fees(
    plan_id: PlanId, name_changes: int, password_reissues: int, catalog: Catalog | None = None
) -> ChangeFees:
    """Fees for changes NTT Com makes. On individual the customer changes names and user
    passwords itself in the admin panel; only admin passwords are reissued for a fee."""
    cat = catalog or load_catalog()
    if plan_id not in cat.plans:  # a CSV cell or a URL can hold anything
        raise DomainError("unknown_value", "plan", value=str(plan_id), choices=",".join(cat.plans))
    plan = cat.plan(plan_id)
    errors: list[DomainError] = []
    for field, n in (("name_changes", name_changes), ("password_reissues", password_reissues)):
        if not isinstance(n, int) or isinstance(n, bool):  # True is an int to Python, not a count to us
            errors.append(DomainError("not_integer", field, value=str(n)))
        elif n < 0:
            errors.append(DomainError("negative", field, value=n))
    if plan.change_fee_admin_passwords_only and isinstance(name_changes, int) and name_changes > 0:
        errors.append(DomainError("name_change_self_service", "name_changes", plan=plan_id))
    if errors:
        raise InvalidSelection(errors)
    item = "admin_password_reissue" if plan.change_fee_admin_passwords_only else "password_reissue"
    lines = tuple(
        Line(item=i, unit_price=plan.change_fee_per_id, quantity=n, amount=n * plan.change_fee_per_id, kind="initial")
        for i, n in (("name_change", name_changes), (item, password_reissues))
        if n > 0
    )
    total = Amount.of(sum(x.amount for x in lines), cat.tax_rate_percent)
    return ChangeFees(
        plan=plan_id, name_changes=name_changes, password_reissues=password_reissues, lines=lines, total=total
    )
