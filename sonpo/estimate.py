"""The estimate form (お見積り): which options a plan offers, and the form's values as a Selection to quote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from sonpo.catalog import OPTION_IDS, Catalog, DomainKind, OptionId, PlanId, load_catalog
from sonpo.compare import DomainNeed, Needs
from sonpo.errors import DomainError
from sonpo.quote import Count, Selection

# The Selection field each option's quantity goes into (and beside which its messages show).
OPTION_FIELD: dict[OptionId, str] = {
    "msb": "msb_licences",
    "dns_hosting": "domains",
    "mail_archive": "mail_archive_ids",
    "iijid": "iijid_ids",
    "dns_zone_support": "dns_zone_support",
}


@dataclass(frozen=True)
class OptionState:
    """How the form shows one option on a plan: offered, mandatory (on and locked) or unavailable (with why)."""

    option: OptionId
    status: Literal["offered", "mandatory", "unavailable"]
    reason: DomainError | None = None

    @property
    def available(self) -> bool:
        return self.status != "unavailable"


def domain_for(plan_id: PlanId, wanted: DomainKind, catalog: Catalog | None = None) -> DomainKind:
    """The domain kind to use: the wanted one when the plan offers it, else the plan's first."""
    plan = (catalog or load_catalog()).plan(plan_id)
    return wanted if wanted in plan.domains else plan.domains[0]


def option_states(plan_id: PlanId, domain: DomainKind, catalog: Catalog | None = None) -> dict[OptionId, OptionState]:
    """Every option's state on `plan_id` with `domain`, from the catalog's availability rules."""
    cat = catalog or load_catalog()
    out: dict[OptionId, OptionState] = {}
    for oid in OPTION_IDS:
        o = cat.option(oid)
        field = OPTION_FIELD[oid]
        if plan_id not in o.plans:
            plans = ",".join(cat.plans_offering(oid))
            reason = DomainError("option_not_offered", field, option=oid, plan=plan_id, plans=plans)
            out[oid] = OptionState(oid, "unavailable", reason)
        elif plan_id in o.mandatory_on:
            out[oid] = OptionState(oid, "mandatory")
        elif o.requires_domain and domain not in o.requires_domain:
            # only DNS hosting names required domains (inferred: an NTT subdomain needs no DNS hosting)
            reason = DomainError("dns_hosting_needs_own_domain", field, domain=domain)
            out[oid] = OptionState(oid, "unavailable", reason)
        else:
            out[oid] = OptionState(oid, "offered")
    return out


class EstimateForm(BaseModel):
    """The estimate page's values, named as in its URL. Options a plan does not offer may hold values
    (kept for when the user switches back) but are left out of the selection; per-ID counts of 0 mean all IDs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plan: PlanId
    ids: Count
    domain: DomainKind
    dns_hosting: bool = False
    domains: Count = 1
    msb: Count = 0
    mail_archive: bool = False
    mail_archive_ids: Count = 0
    iijid: bool = False
    iijid_ids: Count = 0
    dns_support: bool = False
    months: Count = 12

    def selection(self, catalog: Catalog | None = None) -> Selection:
        cat = catalog or load_catalog()
        domain = domain_for(self.plan, self.domain, cat)
        states = option_states(self.plan, domain, cat)

        def wanted(oid: OptionId, on: bool) -> bool:
            return states[oid].status == "mandatory" or (states[oid].available and on)

        return Selection(
            plan=self.plan,
            ids=self.ids,
            domain=domain,
            domains=self.domains if wanted("dns_hosting", self.dns_hosting) else 0,
            msb_licences=self.msb if wanted("msb", True) else 0,
            mail_archive_ids=(self.mail_archive_ids or self.ids) if wanted("mail_archive", self.mail_archive) else 0,
            iijid_ids=(self.iijid_ids or self.ids) if wanted("iijid", self.iijid) else 0,
            dns_zone_support=wanted("dns_zone_support", self.dns_support),
            months=self.months,
        )

    @classmethod
    def of(cls, sel: Selection, catalog: Catalog | None = None) -> EstimateForm:
        """The form that shows a selection (per-ID options over all IDs are written as 0 = all)."""
        cat = catalog or load_catalog()
        s = sel.resolved(cat)
        assert s.domain is not None and s.domains is not None
        optional_dns = s.plan not in cat.option("dns_hosting").mandatory_on

        def per_id(n: int) -> int:
            return 0 if n == s.ids else n

        return cls(
            plan=s.plan,
            ids=s.ids,
            domain=s.domain,
            dns_hosting=optional_dns and s.domains > 0,
            domains=max(s.domains, 1),
            msb=s.msb_licences,
            mail_archive=s.mail_archive_ids > 0,
            mail_archive_ids=per_id(s.mail_archive_ids),
            iijid=s.iijid_ids > 0,
            iijid_ids=per_id(s.iijid_ids),
            dns_support=s.dns_zone_support,
            months=s.months,
        )

    def needs(self) -> Needs:
        """The same needs for the comparison of all plans (per-ID options there cover every ID)."""
        need: dict[DomainKind, DomainNeed] = {"designated": "any", "own": "own", "sub": "sub"}
        return Needs(
            ids=self.ids,
            domain=need[self.domain],
            msb=self.msb,
            mail_archive=self.mail_archive,
            iijid=self.iijid,
            dns_support=self.dns_support,
            months=self.months,
        )
