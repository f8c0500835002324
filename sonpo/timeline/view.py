"""The activation timeline as the page shows it: Gantt rows, shaded closed days, date markers, the plans compared."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from sonpo.catalog import Owner, load_catalog
from sonpo.i18n import Lang, fmt_date, listing, t
from sonpo.names import PLAN_IDS, DomainKind, PlanId
from sonpo.timeline.calendar import business_calendar
from sonpo.timeline.schedule import Schedule, ScheduleRequest, Step, schedule

JAPAN = ZoneInfo("Asia/Tokyo")
ClosedKind = Literal["holiday", "year_end", "weekend"]
MarkerKind = Literal["activation", "today"]
Row = dict[str, str]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def today_in_japan(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Japan (the server may run in UTC; business days are Japanese)."""
    return (now or dt.datetime.now(JAPAN)).astimezone(JAPAN).date()


# ---- closed days ------------------------------------------------------------------


def closed_kind(day: dt.date) -> ClosedKind | None:
    """Why `day` is not a business day (a holiday first, then the year-end break, then the weekend), or None."""
    cal = business_calendar()
    if cal.is_business_day(day):
        return None
    if cal.holiday_name(day) is not None:
        return "holiday"
    if cal.in_year_end_break(day):
        return "year_end"
    return "weekend"


def closed_reason(day: dt.date, lang: Lang = "ja") -> str | None:
    """Every reason `day` is closed, e.g. '土曜日・年末年始休業' or '成人の日'; None on a business day."""
    cal = business_calendar()
    if cal.is_business_day(day):
        return None
    reasons: list[str] = []
    holiday = cal.holiday_name(day, lang)
    if holiday:
        reasons.append(holiday)
    if day.weekday() >= 5:
        reasons.append(t(f"timeline.closed.{'saturday' if day.weekday() == 5 else 'sunday'}", lang))
    if cal.in_year_end_break(day):
        reasons.append(t("timeline.closed.year_end_break", lang))
    return listing(reasons, lang)


class ClosedDay(_Frozen):
    """One non-business day, shaded behind the bars."""

    day: dt.date
    kind: ClosedKind
    kind_label: str  # the legend's wording for `kind`
    reason: str  # tooltip: holiday name, weekday, year-end break
    label: str  # the date as written in the user's language


def chart_span(s: Schedule) -> tuple[dt.date, dt.date]:
    """First and last day the chart shows (inclusive): the order date to the last step's end."""
    return s.request.order_date, max(step.end for step in s.steps)


def closed_days(s: Schedule, lang: Lang = "ja") -> list[ClosedDay]:
    """Every non-business day in the chart's span, with why."""
    first, last = chart_span(s)
    out: list[ClosedDay] = []
    for day in business_calendar().closed_days(first, last):
        kind = closed_kind(day)
        assert kind is not None
        reason = closed_reason(day, lang)
        assert reason is not None
        out.append(ClosedDay(day=day, kind=kind, kind_label=t(f"timeline.closed.{kind}", lang), reason=reason,
                             label=fmt_date(day, lang)))
    return out


# ---- steps ---------------------------------------------------------------------------


def days_text(days: int, lang: Lang = "ja") -> str:
    return t("timeline.days_one" if days == 1 else "timeline.days", lang, days=days)


def difference_text(days: int, lang: Lang = "ja") -> str:
    """A difference in business days as a person says it, never as a signed number: -16 → 「16営業日早い」,
    1 → 「1営業日遅い」, 0 → 「同じ」 ("16 business days sooner", "1 business day later", "Same"). The one
    wording of every lead-time comparison: the timeline's plans compared, the finder's alternatives, the 提案書."""
    if days == 0:
        return t("timeline.compare.same", lang)
    return t("timeline.compare.later" if days > 0 else "timeline.compare.earlier", lang,
             days=days_text(abs(days), lang))


def period_text(step: Step, lang: Lang = "ja", date: Callable[[dt.date, Lang], str] = fmt_date) -> str:
    """When a step happens, as the page's tables and tooltips, the 提案書's tasks and its Gantt chart write it:
    before applying (by the order date), on one day, or from one day to another. `date` writes a date (the
    chart's narrow column passes a shorter form)."""
    if step.phase == "before":
        return t("timeline.by_order_date", lang, date=date(step.end, lang))
    if step.start == step.end:
        return date(step.start, lang)
    return t("timeline.period", lang, start=date(step.start, lang), end=date(step.end, lang))


class GanttRow(_Frozen):
    """One step on the chart. A bar covers whole days: from `start` to `end_exclusive` (the day after `end`);
    a step due before applying is a milestone (a point on the order date), not a bar of invented length."""

    order: int
    step_id: str
    label: str  # '1. 申込内容の確認': numbered, so the y axis keeps the steps' order and each row is unique
    name: str
    owner: Owner
    owner_label: str
    phase: str
    milestone: bool
    start: dt.date
    end: dt.date
    end_exclusive: dt.date
    period: str
    days: str  # '3営業日', or '' for a milestone


def gantt_rows(s: Schedule, lang: Lang = "ja") -> list[GanttRow]:
    rows: list[GanttRow] = []
    for i, step in enumerate(s.steps, start=1):
        milestone = step.phase == "before"
        rows.append(
            GanttRow(
                order=i,
                step_id=step.id,
                label=f"{i}. {step.name(lang)}",
                name=step.name(lang),
                owner=step.owner,
                owner_label=t(f"owner.{step.owner}", lang),
                phase=step.phase,
                milestone=milestone,
                start=step.start,
                end=step.end,
                end_exclusive=step.end + dt.timedelta(days=1),
                period=period_text(step, lang),
                days="" if milestone else days_text(step.business_days, lang),
            )
        )
    return rows


class Marker(_Frozen):
    """A dated rule across the chart: the activation date, and today when it falls in the chart."""

    kind: MarkerKind
    day: dt.date
    label: str


def markers(s: Schedule, today: dt.date, lang: Lang = "ja") -> list[Marker]:
    first, last = chart_span(s)
    out = [Marker(kind="activation", day=s.activation_date,
                  label=t("timeline.marker.activation", lang, date=fmt_date(s.activation_date, lang)))]
    if first <= today <= last:
        out.append(Marker(kind="today", day=today, label=t("timeline.marker.today", lang)))
    return out


def todo_rows(s: Schedule, lang: Lang = "ja") -> list[Row]:
    """The customer's own work with its dates: before applying (due on the order date), then after activation."""
    return [
        {t("timeline.col.when", lang): period_text(step, lang), t("timeline.col.step", lang): step.name(lang)}
        for step in s.customer_todo()
    ]


def ntt_rows(s: Schedule, lang: Lang = "ja") -> list[Row]:
    """NTT Com's work with dates and business days."""
    return [
        {
            t("timeline.col.step", lang): step.name(lang),
            t("timeline.col.when", lang): period_text(step, lang),
            t("timeline.col.days", lang): days_text(step.business_days, lang),
        }
        for step in s.steps
        if step.owner == "ntt"
    ]


def lead_note(s: Schedule, lang: Lang = "ja") -> str | None:
    """What the lead time (s.lead_days) means beyond the bare number: the brochure's hybrid note
    ('※DNS情報取得のための所要日数を除く'), or D + 24 with DNS zone information support; None otherwise."""
    req = s.request
    plan = load_catalog().plan(req.plan)
    if req.dns_zone_support:
        return t("timeline.lead_dns_support", lang, dns_days=req.dns_days, lead=plan.lead_days)
    if plan.lead_days_exclude_dns:
        return t("timeline.lead_exclude_dns", lang)
    return None


def premise_note(s: Schedule, lang: Lang = "ja") -> str | None:
    """The brochure's premise under a lead time that needs the registrar transferred before applying (p.7: the
    transfer complete and the DNS information complete when applying); None for the other plans."""
    if load_catalog().plan(s.request.plan).requires_registrar_transfer:
        return t("timeline.hybrid_premise", lang)
    return None


# ---- the three plans compared -----------------------------------------------------------


class PlanComparison(_Frozen):
    plan: PlanId
    activation_date: dt.date
    lead_days: int
    difference: int  # business days later (+) or earlier (-) than the selected plan
    selected: bool
    dns_zone_support: bool
    dns_days: int | None


def compare_plans(
    order_date: dt.date,
    selected: PlanId,
    *,
    domain: DomainKind | None = None,
    dns_zone_support: bool = False,
    dns_days: int | None = None,
) -> tuple[PlanComparison, ...]:
    """The three plans' activation dates for the same order date: each plan with the case's domain kind where
    it offers it (else its first, as the estimate), the plan offering DNS zone support with the given DNS
    settings. All count business days from the same date, so the difference in lead days is the difference
    in business days between the activation dates."""
    cat = load_catalog()
    schedules: dict[PlanId, Schedule] = {}
    for pid in PLAN_IDS:
        support = dns_zone_support and pid in cat.option("dns_zone_support").plans
        req = ScheduleRequest(
            plan=pid,
            order_date=order_date,
            domain=None if domain is None else cat.plan(pid).domain_or_first(domain),
            dns_zone_support=support,
            dns_days=dns_days if support else None,
        )
        schedules[pid] = schedule(req)
    base = schedules[selected].lead_days
    return tuple(
        PlanComparison(
            plan=pid,
            activation_date=s.activation_date,
            lead_days=s.lead_days,
            difference=s.lead_days - base,
            selected=pid == selected,
            dns_zone_support=s.request.dns_zone_support,
            dns_days=s.request.dns_days,
        )
        for pid, s in schedules.items()
    )


def _versus_selected(c: PlanComparison, lang: Lang) -> str:
    return t("timeline.compare.selected", lang) if c.selected else difference_text(c.difference, lang)


def comparison_rows(comparisons: tuple[PlanComparison, ...], lang: Lang = "ja") -> list[Row]:
    rows: list[Row] = []
    for c in comparisons:
        name = t(f"plan.{c.plan}.name", lang)
        if c.dns_zone_support:
            name = t("timeline.compare.with_dns_support", lang, plan=name, dns_days=c.dns_days)
        rows.append(
            {
                t("timeline.col.plan", lang): name,
                t("timeline.col.activation", lang): fmt_date(c.activation_date, lang),
                t("timeline.col.lead", lang): days_text(c.lead_days, lang),
                t("timeline.col.difference", lang): _versus_selected(c, lang),
            }
        )
    return rows
