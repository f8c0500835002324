"""The case priced on every plan (プラン比較): each plan's quote for the case's own counts and options,
the options a plan cannot offer, which plans are cheapest, and the cumulative cost month by month.

The page, the 提案書 and the tests read the comparison from here, so that a "cheapest" sentence is
true of the plans it names: it names the cheapest of the plans that meet every need, and, where some
plan lacks an option, the cheapest on the needs that all of the plans priced can meet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from sonpo.case import Case
from sonpo.catalog import Catalog, load_catalog
from sonpo.errors import InvalidSelection
from sonpo.i18n import Lang, listing, t
from sonpo.names import PLAN_IDS, DomainKind, OptionId, PlanId
from sonpo.options import domain_replaced
from sonpo.quote import Period, Quote, quote

CHART_MONTHS = 36
# The comparison's words for the case's domain kinds: "designated" is a new case's kind, no wish, so "any".
DOMAIN_NEED: dict[DomainKind, str] = {"designated": "any", "own": "own", "sub": "sub"}


@dataclass(frozen=True)
class PlanOffer:
    """One plan's answer to the case: its quote, priced without the options it cannot offer (named in
    `not_offered`), or why it cannot serve the case at all (too many IDs, a domain kind it lacks)."""

    plan: PlanId
    result: Quote | InvalidSelection
    not_offered: tuple[OptionId, ...] = ()
    domain_used: DomainKind | None = None  # the case's own plan lacks the wanted kind: priced with this one

    @property
    def quote(self) -> Quote | None:
        return self.result if isinstance(self.result, Quote) else None

    @property
    def meets_all(self) -> bool:
        """Priced, with every option the case asks for."""
        return self.quote is not None and not self.not_offered


Comparison = dict[PlanId, PlanOffer]


def _offer(case: Case, plan: PlanId, cat: Catalog, leave_out: tuple[OptionId, ...] = ()) -> PlanOffer:
    # The case's own plan is the estimate's (a wanted domain kind it lacks falls back, and says so); any
    # other plan is refused for a wanted kind it lacks.
    own = plan == case.plan
    sel, missing = case.selection_on(plan, cat, leave_out, fall_back=own)
    used = domain_replaced(plan, case.domain, cat) if own else None
    try:
        return PlanOffer(plan, quote(sel, cat), missing, used)
    except InvalidSelection as e:
        return PlanOffer(plan, e, missing, used)


def compare(case: Case, catalog: Catalog | None = None) -> Comparison:
    """Each plan's offer for the case, in the catalog's plan order. The case's own plan is priced exactly as
    the estimate prices it (`Case.selection`), with the domain kind the estimate uses."""
    cat = catalog or load_catalog()
    return {pid: _offer(case, pid, cat) for pid in sorted(PLAN_IDS, key=lambda p: cat.plan(p).order)}


def _lowest(quotes: dict[PlanId, Quote]) -> tuple[PlanId, ...]:
    if not quotes:
        return ()
    low = min(q.period.excl_tax for q in quotes.values())
    return tuple(p for p, q in quotes.items() if q.period.excl_tax == low)


def cheapest(offers: Comparison) -> tuple[PlanId, ...]:
    """The plans (ties included) with the lowest cost over the case's period, among those meeting every need."""
    return _lowest({p: o.quote for p, o in offers.items() if o.meets_all and o.quote is not None})


@dataclass(frozen=True)
class SharedNeeds:
    """The plans compared on the needs they can all meet: the options left out, and each plan's quote."""

    left_out: tuple[OptionId, ...]
    quotes: dict[PlanId, Quote]

    @property
    def cheapest(self) -> tuple[PlanId, ...]:
        return _lowest(self.quotes)


def shared_needs(case: Case, offers: Comparison, catalog: Catalog | None = None) -> SharedNeeds | None:
    """When a plan that can serve the case lacks an option another has, every such plan priced without the
    options any of them lacks; None when there is nothing to leave out or fewer than two plans to compare."""
    cat = catalog or load_catalog()
    priced = [p for p, o in offers.items() if o.quote is not None]
    left_out = tuple(dict.fromkeys(x for p in priced for x in offers[p].not_offered))
    if not left_out or len(priced) < 2:
        return None
    quotes = {p: q for p in priced if (q := _offer(case, p, cat, left_out).quote) is not None}
    return SharedNeeds(left_out, quotes)


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


def series(offers: Comparison, months: int = CHART_MONTHS) -> list[Point]:
    """The cumulative cost of every plan that could be priced, for a chart."""
    return [pt for o in offers.values() if o.quote is not None for pt in cumulative(o.quote, months)]


# ---- what the comparison says (the page and the 提案書 say the same) ------------------------------


def _options(options: tuple[OptionId, ...], lang: Lang) -> str:
    return listing([t(f"option.{o}.name", lang) for o in options], lang)


def not_offered_text(offer: PlanOffer, lang: Lang) -> str:
    """'個別ルールプランではDNSゾーン情報サポートをご利用いただけないため、料金に含めていません。'"""
    return t("compare.not_offered", lang, plan=t(f"plan.{offer.plan}.name", lang),
             options=_options(offer.not_offered, lang))


def domain_used_text(case: Case, offer: PlanOffer, lang: Lang) -> str:
    """'ハイブリッドプランでは「サブドメイン」をご利用いただけないため、「独自ドメイン」で計算しています。'"""
    assert offer.domain_used is not None
    return t("compare.domain_used", lang, plan=t(f"plan.{offer.plan}.name", lang),
             old=t(f"domain.{case.domain}", lang), new=t(f"domain.{offer.domain_used}", lang))


def status_text(offer: PlanOffer, lang: Lang) -> str:
    """The comparison table's availability cell."""
    if offer.quote is None:
        return t("compare.unavailable", lang)
    if offer.not_offered:
        return t("compare.available_without", lang, options=_options(offer.not_offered, lang))
    return t("compare.available", lang)


def conditions_text(case: Case, lang: Lang) -> str:
    """The needs compared, as one line: '25ID、独自ドメインを使う、マイセキュア ビジネス30ライセンス、…'."""
    ids = case.quoted_ids
    domain = DOMAIN_NEED[case.domain]
    parts = [t("compare.conditions_ids", lang, ids=ids), t(f"compare.domain_{domain}", lang)]
    for o in case.wanted_options():
        if o == "msb":
            parts.append(t("compare.conditions_msb", lang, n=case.msb))
        elif o == "dns_hosting":
            parts.append(t("compare.conditions_domains", lang, n=case.domains))
        elif o in ("mail_archive", "iijid"):
            count = getattr(case, f"{o}_ids") or ids
            parts.append(t("compare.conditions_per_id", lang, option=t(f"option.{o}.name", lang), ids=count))
        else:
            parts.append(t(f"option.{o}.name", lang))
    return ("、" if lang == "ja" else ", ").join(parts)


@dataclass(frozen=True)
class Verdict:
    """One sentence of the comparison's conclusion; `kind` picks how a page shows it."""

    kind: Literal["cheapest", "only", "none", "shared"]
    text: str


def verdict(case: Case, offers: Comparison, lang: Lang, catalog: Catalog | None = None) -> list[Verdict]:
    """The comparison's conclusion, each sentence true of the plans it names: the cheapest of the plans
    that meet every need (or the only one, or none), then, where a plan was priced without an option it
    lacks, the cheapest on the needs all of the plans priced can meet."""
    months = case.months
    names = {p: t(f"plan.{p}.name", lang) for p in offers}
    priced = [p for p, o in offers.items() if o.quote is not None]
    meeting = [p for p, o in offers.items() if o.meets_all]
    partial = len(meeting) < len(priced)
    out: list[Verdict] = []
    if len(meeting) == 1:
        out.append(Verdict("only", t("compare.only_all" if partial else "compare.only", lang, plan=names[meeting[0]])))
    elif meeting:
        low = cheapest(offers)
        out.append(Verdict("cheapest", t("compare.cheapest_all" if partial else "compare.cheapest", lang,
                                         months=months, plans=listing([names[p] for p in low], lang))))
    else:
        out.append(Verdict("none", t("compare.none_available", lang)))
    shared = shared_needs(case, offers, catalog)
    if shared is not None and shared.cheapest:
        out.append(Verdict("shared", t("compare.cheapest_shared", lang, options=_options(shared.left_out, lang),
                                       months=months, plans=listing([names[p] for p in shared.cheapest], lang))))
    return out
