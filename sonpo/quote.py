"""Quotes (見積): billed lines, monthly and one-time totals with tax, and the N-month cost (docs/rules.md §3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sonpo.catalog import Catalog, load_catalog
from sonpo.errors import DomainError, InvalidSelection
from sonpo.i18n import Lang, t
from sonpo.money import Amount, over_months
from sonpo.names import DomainKind, PlanId
from sonpo.packs import PackPurchase
from sonpo.pricing import Kind, LineSpec, PriceList, Unit, check_values, price_list, price_totals, resolve

Count = Annotated[int, Field(strict=True)]


class Selection(BaseModel):
    """What the customer asks for. Types are checked here; the brochure's rules by `check`.

    `domain` None means the plan's first domain kind; `domains` None means the
    mandatory minimum (1 on hybrid, else 0). Per-ID option counts of 0 mean not ordered.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)  # built when first used

    plan: PlanId
    ids: Count
    domain: DomainKind | None = None
    domains: Count | None = None
    msb_licences: Count = 0
    mail_archive_ids: Count = 0
    iijid_ids: Count = 0
    dns_zone_support: bool = False
    months: Count = 12


@dataclass(frozen=True, slots=True)
class Line:
    """One billed item."""

    item: str  # text id under `item.`; the display name comes from i18n
    unit_price: int
    quantity: int
    amount: int
    kind: Kind
    unit: Unit  # what the quantity counts (sonpo.pricing.Unit)

    def name(self, lang: Lang = "ja") -> str:
        return t(f"item.{self.item}", lang)

    def unit_name(self, lang: Lang = "ja") -> str:
        """The 単位 printed beside the quantity: 'ID', 'パック', 'ドメイン', '式'."""
        return t(f"unit.{self.unit}", lang)

    def as_json(self) -> dict[str, object]:
        return {"item": self.item, "unit_price": self.unit_price, "quantity": self.quantity,
                "amount": self.amount, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Period:
    months: int
    excl_tax: int
    incl_tax: int

    @classmethod
    def of(cls, initial: Amount, monthly: Amount, months: int) -> Period:
        """The cost over `months`: one-time fees plus that many monthly fees (no pro-rating: the
        brochure is silent on it), each month's tax as billed."""
        return cls(months, over_months(initial.excl_tax, monthly.excl_tax, months),
                   over_months(initial.incl_tax, monthly.incl_tax, months))

    @property
    def tax(self) -> int:
        """The tax in the period's total: the one-time fees' tax and each month's, as billed (not recomputed
        on the sum, which could differ by a yen's rounding)."""
        return self.incl_tax - self.excl_tax

    def as_json(self) -> dict[str, int]:
        return {"months": self.months, "excl_tax": self.excl_tax, "incl_tax": self.incl_tax}


@dataclass(frozen=True, slots=True)
class Quote:
    """A priced selection: the resolved request and the priced lines as plain values. The lines,
    totals and period are built as value objects when read: the pricing itself is done here,
    and a bulk row or a benchmark that needs only the totals does not pay for the objects."""

    plan: PlanId
    ids: int
    domain: DomainKind
    domains: int
    msb_licences: int
    mail_archive_ids: int
    iijid_ids: int
    dns_zone_support: bool
    months: int
    line_specs: tuple[LineSpec, ...]
    monthly_excl: int
    initial_excl: int
    tax_rate_percent: int
    msb_packs: PackPurchase
    effective_date: dt.date  # of the catalog the quote was priced from

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(Line(item, price, n, price * n, kind, unit) for item, price, n, kind, unit in self.line_specs)

    @property
    def monthly(self) -> Amount:
        return Amount.of(self.monthly_excl, self.tax_rate_percent)

    @property
    def initial(self) -> Amount:
        return Amount.of(self.initial_excl, self.tax_rate_percent)

    @property
    def period(self) -> Period:
        return Period.of(self.initial, self.monthly, self.months)

    @property
    def selection(self) -> Selection:
        """The resolved selection this quote prices (built on demand: the hot path has no use for it)."""
        return Selection(
            plan=self.plan, ids=self.ids, domain=self.domain, domains=self.domains, msb_licences=self.msb_licences,
            mail_archive_ids=self.mail_archive_ids, iijid_ids=self.iijid_ids,
            dns_zone_support=self.dns_zone_support, months=self.months,
        )

    def as_json(self) -> dict[str, object]:
        """The object `python -m sonpo quote --format json` prints."""
        return {
            "plan": self.plan,
            "ids": self.ids,
            "domain": self.domain,
            "domains": self.domains,
            "msb_licences": self.msb_licences,
            "mail_archive_ids": self.mail_archive_ids,
            "iijid_ids": self.iijid_ids,
            "dns_zone_support": self.dns_zone_support,
            "monthly": self.monthly.as_json(),
            "initial": self.initial.as_json(),
            "lines": [line.as_json() for line in self.lines],
            "msb_packs": {str(size): n for size, n in self.msb_packs.counts.items()},
            "msb_licences_covered": self.msb_packs.licences,
            "period": self.period.as_json(),
            "effective_date": self.effective_date.isoformat(),
        }


def price(
    plan: PlanId,
    ids: int,
    domain: DomainKind | None = None,
    domains: int | None = None,
    msb_licences: int = 0,
    mail_archive_ids: int = 0,
    iijid_ids: int = 0,
    dns_zone_support: bool = False,
    months: int = 12,
    catalog: Catalog | PriceList | None = None,
) -> Quote:
    """The one pricing function (docs/rules.md §3), over plain integers: every page, the command line and the
    bulk engine price through it (the bulk engine by `price_totals`, its arithmetic without the
    quote object). Raises InvalidSelection naming every broken rule."""
    pl = catalog if isinstance(catalog, PriceList) else price_list(catalog)
    plan_id, dom, doms = resolve(pl, plan, domain, domains)
    specs: list[LineSpec] = []
    monthly, initial, packs = price_totals(pl, plan_id, ids, dom, doms, msb_licences, mail_archive_ids, iijid_ids,
                                           dns_zone_support, months, specs)
    return Quote(
        plan_id, ids, dom, doms, msb_licences, mail_archive_ids, iijid_ids, dns_zone_support, months,
        tuple(specs), monthly, initial, pl.tax, packs, pl.effective_date,
    )


def check(selection: Selection, catalog: Catalog | None = None) -> list[DomainError]:
    """Every rule the selection breaks, in field order; empty when it can be quoted."""
    pl = price_list(catalog)
    s = selection
    plan, domain, domains = resolve(pl, s.plan, s.domain, s.domains)
    return check_values(pl, plan, s.ids, domain, domains, s.msb_licences, s.mail_archive_ids, s.iijid_ids,
                        s.dns_zone_support, s.months)


def quote(selection: Selection, catalog: Catalog | None = None) -> Quote:
    """Price a selection, or raise InvalidSelection naming every broken rule."""
    s = selection
    return price(s.plan, s.ids, s.domain, s.domains, s.msb_licences, s.mail_archive_ids, s.iijid_ids,
                 s.dns_zone_support, s.months, catalog)


# ---- change fees (変更料金) ---------------------------------------------------


ChangeItem = Literal["name_change", "password_reissue", "admin_password_reissue"]
CHANGE_COUNT: dict[ChangeItem, str] = {  # the count of `change_fees` (and the page's field) each item takes
    "name_change": "name_changes",
    "password_reissue": "password_reissues",
    "admin_password_reissue": "password_reissues",
}


def change_items(plan_id: PlanId, catalog: Catalog | None = None) -> tuple[ChangeItem, ...]:
    """The changes NTT Com makes for a fee on a plan (brochure p.3): display-name changes and password
    reissues; on a plan whose customer changes names and user passwords in the admin panel (individual),
    admin password reissues only."""
    plan = (catalog or load_catalog()).plan(plan_id)
    if plan.change_fee_admin_passwords_only:
        return ("admin_password_reissue",)
    return ("name_change", "password_reissue")


@dataclass(frozen=True, slots=True)
class ChangeFees:
    """Display-name changes and password reissues done by NTT Com, 3,000円/ID each."""

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
    items = change_items(plan_id, cat)
    if "name_change" not in items and isinstance(name_changes, int) and name_changes > 0:
        errors.append(DomainError("name_change_self_service", "name_changes", plan=plan_id))
    if errors:
        raise InvalidSelection(errors)
    counts = {"name_changes": name_changes, "password_reissues": password_reissues}
    lines = tuple(
        Line(i, plan.change_fee_per_id, n, n * plan.change_fee_per_id, "initial", "ids")
        for i, n in ((i, counts[CHANGE_COUNT[i]]) for i in items)
        if n > 0
    )
    total = Amount.of(sum(x.amount for x in lines), cat.tax_rate_percent)
    return ChangeFees(
        plan=plan_id, name_changes=name_changes, password_reissues=password_reissues, lines=lines, total=total
    )
