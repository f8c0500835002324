"""Activation timeline (開通までの流れ): dated steps from the order-complete date (docs/rules.md §4)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from sonpo.catalog import Owner, StepDef, Timeline, load_catalog, load_timeline
from sonpo.errors import DomainError, InvalidSelection
from sonpo.i18n import Lang, t
from sonpo.names import DomainKind, PlanId
from sonpo.timeline.calendar import BusinessCalendar, business_calendar


class ScheduleRequest(BaseModel):
    """`dns_days` is the user's estimate of NTT's DNS-information collection (DNS zone support only)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plan: PlanId
    order_date: dt.date
    domain: DomainKind | None = None
    dns_zone_support: bool = False
    dns_days: Annotated[int, Field(strict=True)] | None = None  # strict: True is not 1 day


class Step(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    owner: Owner
    phase: str
    start: dt.date
    end: dt.date
    business_days: int  # 0 for a deadline (before applying)

    def name(self, lang: Lang = "ja") -> str:
        return t(f"step.{self.id}", lang)


class Schedule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    request: ScheduleRequest
    activation_date: dt.date
    lead_days: int  # business days from order to activation, DNS collection included
    steps: tuple[Step, ...]

    def customer_todo(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.owner == "customer")

    def as_json(self) -> dict[str, object]:
        return {
            "plan": self.request.plan,
            "order_date": self.request.order_date.isoformat(),
            "domain": self.request.domain,
            "dns_zone_support": self.request.dns_zone_support,
            "activation_date": self.activation_date.isoformat(),
            "business_days": self.lead_days,
            "steps": [
                {
                    "id": s.id,
                    "name": s.name("en"),
                    "name_ja": s.name("ja"),
                    "owner": s.owner,
                    "phase": s.phase,
                    "start": s.start.isoformat(),
                    "end": s.end.isoformat(),
                    "business_days": s.business_days,
                }
                for s in self.steps
            ],
        }


def _applies(step: StepDef, domain: DomainKind, dns_support: bool) -> bool:
    return (step.domain is None or step.domain == domain) and (
        step.dns_support is None or step.dns_support == dns_support
    )


def _validated(req: ScheduleRequest, tl: Timeline, cal: BusinessCalendar) -> ScheduleRequest:
    cat = load_catalog()
    plan = cat.plan(req.plan)
    errors: list[DomainError] = []
    try:
        cal.check_date(req.order_date)
    except DomainError as e:
        errors.append(e)
    domain = plan.resolve_domain(req.domain)
    if domain not in plan.domains:
        errors.append(
            DomainError(
                "domain_not_offered",
                "domain",
                domain=domain,
                plan=req.plan,
                plans=",".join(p for p in cat.plans if domain in cat.plans[p].domains),
            )
        )
    if req.dns_zone_support and req.plan not in cat.option("dns_zone_support").plans:
        errors.append(
            DomainError(
                "option_not_offered",
                "dns_zone_support",
                option="dns_zone_support",
                plan=req.plan,
                plans=",".join(cat.plans_offering("dns_zone_support")),
            )
        )
    dns_days = req.dns_days
    rules = tl.dns_collection
    if dns_days is not None and not req.dns_zone_support:
        errors.append(DomainError("dns_days_without_support", "dns_days"))
    elif req.dns_zone_support:
        dns_days = rules.default_days if dns_days is None else dns_days
        if not rules.min_days <= dns_days <= rules.max_days:
            errors.append(DomainError("range", "dns_days", value=dns_days, min=rules.min_days, max=rules.max_days))
    if errors:
        raise InvalidSelection(errors)
    return req.model_copy(update={"domain": domain, "dns_days": dns_days})


def schedule(request: ScheduleRequest) -> Schedule:
    """Date every step: NTT's steps run back to back from the first business day after the
    order; activation is the end of the last one; the customer's work follows, a business
    day each (a guide); what must happen before applying is due on the order date."""
    tl = load_timeline()
    cal = business_calendar()
    req = _validated(request, tl, cal)
    assert req.domain is not None
    steps: list[Step] = []
    cursor = req.order_date  # last business day used so far
    counted = 0
    for d in tl.steps[req.plan]:
        if not _applies(d, req.domain, req.dns_zone_support):
            continue
        if d.phase == "before":
            steps.append(Step(id=d.id, owner=d.owner, phase=d.phase, start=req.order_date, end=req.order_date,
                              business_days=0))
            continue
        days = req.dns_days if d.phase == "collect" else d.days
        if d.phase == "after":
            days = 1
        assert days is not None
        start = cal.next_business_day(cursor)
        end = cal.add_business_days(cursor, days)
        steps.append(Step(id=d.id, owner=d.owner, phase=d.phase, start=start, end=end, business_days=days))
        cursor = end
        if d.phase in ("collect", "lead"):
            counted += days
            activation = end
    return Schedule(request=req, activation_date=activation, lead_days=counted, steps=tuple(steps))


def activation_date(plan: PlanId, order_date: dt.date, **kwargs: object) -> dt.date:
    return schedule(ScheduleRequest(plan=plan, order_date=order_date, **kwargs)).activation_date
