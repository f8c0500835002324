"""The same needs priced on every plan (プラン比較), and the cumulative cost month by month."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from sonpo.catalog import Catalog, load_catalog
from sonpo.errors import InvalidSelection
from sonpo.names import PLAN_IDS, PlanId
from sonpo.quote import Count, Period, Quote, Selection, quote

DomainNeed = Literal["any", "own", "sub"]
CHART_MONTHS = 36


class Needs(BaseModel):
    """What the customer needs, whatever the plan (named as in the compare page's URL). `domain`: any
    domain, an own domain, or an NTT-issued subdomain (common's designated domain is one).
    Per-ID options cover all IDs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ids: Count
    domain: DomainNeed = "any"
    msb: Count = 0
    mail_archive: bool = False
    iijid: bool = False
    dns_support: bool = False
    months: Count = 12


def selection_for(plan_id: PlanId, needs: Needs, catalog: Catalog | None = None) -> Selection:
    """The needs as a selection on one plan. Nothing is dropped: what the plan cannot do is left for
    `check` to refuse, so the comparison can say why. DNS hosting is the plan's mandatory minimum."""
    cat = catalog or load_catalog()
    return Selection(
        plan=plan_id,
        ids=needs.ids,
        domain=cat.plan(plan_id).resolve_domain(None if needs.domain == "any" else needs.domain),
        domains=None,
        msb_licences=needs.msb,
        mail_archive_ids=needs.ids if needs.mail_archive else 0,
        iijid_ids=needs.ids if needs.iijid else 0,
        dns_zone_support=needs.dns_support,
        months=needs.months,
    )


Result = Quote | InvalidSelection


def compare(needs: Needs, catalog: Catalog | None = None) -> dict[PlanId, Result]:
    """Each plan's quote for the needs, or the reasons it cannot meet them; in the catalog's plan order."""
    cat = catalog or load_catalog()
    out: dict[PlanId, Result] = {}
    for pid in sorted(PLAN_IDS, key=lambda p: cat.plan(p).order):
        try:
            out[pid] = quote(selection_for(pid, needs, cat), cat)
        except InvalidSelection as e:
            out[pid] = e
    return out


def cheapest(results: dict[PlanId, Result]) -> tuple[PlanId, ...]:
    """The plans (ties included) with the lowest cost over the needs' period, among those priced."""
    totals = {p: r.period.excl_tax for p, r in results.items() if isinstance(r, Quote)}
    if not totals:
        return ()
    low = min(totals.values())
    return tuple(p for p, v in totals.items() if v == low)


class Point(BaseModel):
    """Cost paid by the end of `month` (0 = the one-time fees only)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plan: PlanId
    month: int
    excl_tax: int
    incl_tax: int


def cumulative(q: Quote, months: int = CHART_MONTHS) -> list[Point]:
    """One-time fees plus m months of the monthly fee, for m = 0..months (no pro-rating)."""
    points = []
    for m in range(months + 1):
        cost = Period.of(q.initial, q.monthly, m)
        points.append(Point(plan=q.selection.plan, month=m, excl_tax=cost.excl_tax, incl_tax=cost.incl_tax))
    return points


def series(results: dict[PlanId, Result], months: int = CHART_MONTHS) -> list[Point]:
    """The cumulative cost of every plan that could be priced, for a chart."""
    return [pt for r in results.values() if isinstance(r, Quote) for pt in cumulative(r, months)]
