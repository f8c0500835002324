"""The customer's calendar (.ics, RFC 5545): the activation date and each of their own tasks as all-day events."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from icalendar import Calendar, Event

from sonpo.i18n import Lang, fmt_date, t
from sonpo.timeline import Schedule, Step

TIMEZONE = "Asia/Tokyo"
UID_DOMAIN = "sonpo-plan-selector.invalid"  # a UID's right-hand side needs no real host (RFC 5545 §3.8.4.7)


def _case_key(s: Schedule) -> str:
    """The schedule's request, canonically: the same case gives the same UIDs, so a re-import updates events."""
    text = json.dumps(s.request.model_dump(mode="json"), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _event(uid: str, summary: str, description: str, start: dt.date, end: dt.date, stamp: dt.datetime) -> Event:
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("summary", summary)
    ev.add("description", description)
    ev.add("dtstart", start)  # a date, not a time: an all-day event wherever it is opened
    ev.add("dtend", end + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
    ev.add("transp", "TRANSPARENT")  # a reminder, not a busy block
    return ev


def _task_text(step: Step, lang: Lang) -> tuple[str, str]:
    if step.business_days == 0:
        return (t("ics.before", lang, task=step.name(lang)),
                t("ics.before_detail", lang, date=fmt_date(step.start, lang)))
    return t("ics.task", lang, task=step.name(lang)), t("ics.task_detail", lang)


def calendar_ics(schedule: Schedule, lang: Lang = "ja", *, stamp: dt.datetime | None = None) -> bytes:
    """VCALENDAR bytes with one all-day event for the activation date and one per customer task (before
    applying: due on the order-complete date). UIDs depend on the case only; `stamp` (DTSTAMP, UTC) defaults
    to now."""
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    key = _case_key(schedule)
    plan = t(f"plan.{schedule.request.plan}.name", lang)
    cal = Calendar()
    cal.add("prodid", "-//sonpo plan selector//Sonpo Cloud Service//JA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", t("ics.calendar_name", lang, plan=plan))
    cal.add("x-wr-timezone", TIMEZONE)
    activation = schedule.activation_date
    cal.add_component(_event(
        f"activation-{key}@{UID_DOMAIN}",
        t("ics.activation", lang, plan=plan),
        t("ics.activation_detail", lang, order=fmt_date(schedule.request.order_date, lang), days=schedule.lead_days),
        activation, activation, stamp,
    ))
    for n, step in enumerate(schedule.customer_todo()):
        summary, description = _task_text(step, lang)
        cal.add_component(_event(f"{step.id}-{n}-{key}@{UID_DOMAIN}", summary, description, step.start, step.end,
                                 stamp))
    data: bytes = cal.to_ical()
    return data
