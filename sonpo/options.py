"""The estimate form (お見積り): which options a plan offers on which domain kind (the values are sonpo.case)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sonpo.catalog import Catalog, load_catalog
from sonpo.errors import DomainError
from sonpo.names import OPTION_IDS, DomainKind, OptionId, PlanId

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


def domain_replaced(plan_id: PlanId, wanted: DomainKind, catalog: Catalog | None = None) -> DomainKind | None:
    """The kind the plan uses instead of the one the user asked for, when it does not offer that one (the
    estimate says so, naming both); None when the asked-for kind is used, means the same thing on this plan
    (a subdomain on the common plan is its designated domain), or none was asked for (the designated domain
    is a new case's kind, not a wish)."""
    plan = (catalog or load_catalog()).plan(plan_id)
    used = plan.domain_or_first(wanted)
    return used if wanted != "designated" and plan.resolve_domain(wanted) != used else None


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
