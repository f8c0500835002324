"""The customer's calendar (.ics, RFC 5545): the activation date and each of their own tasks as all-day events.

A calendar that imports an updated schedule (a later order date, another DNS collection time) must move the
events it already has rather than add a second activation date. RFC 5545/5546 say how: the same UID names
the same event, a higher SEQUENCE says which revision is newer, and DTSTAMP says when the file was made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata

from icalendar import Calendar, Event

from sonpo.i18n import Lang, fmt_date, t
from sonpo.names import PlanId
from sonpo.timeline.schedule import Schedule, Step
from sonpo.timeline.view import JAPAN

TIMEZONE = JAPAN.key
UID_DOMAIN = "sonpo-plan-selector.invalid"  # a UID's right-hand side needs no real host (RFC 5545 §3.8.4.7)
EPOCH = dt.date(2000, 1, 1)
_DAYS = 36_525  # a hundred years of dates, 2000 to 2099: the range a SEQUENCE's date part counts
_MAX_ISSUE_DAY = (2**31 - 1) // _DAYS - 1  # SEQUENCE is a 32-bit INTEGER (RFC 5545 §3.3.8): issued up to 2160


def case_key(plan: PlanId, addressee: str) -> str:
    """Which case a calendar's events belong to: the customer (the 宛名) and the service being activated (the
    plan), never the dates. A case whose order date, DNS collection time or options change keeps its UIDs, so a
    calendar moves its events; another customer or another plan gets other UIDs. The 宛名 is compared as
    written but for width, case and spaces (「ＡＢＣ保険　御中」 is 「abc保険御中」). Cases with no 宛名 are
    told apart by their plan alone: give each customer's calendar its 宛名."""
    name = "".join(unicodedata.normalize("NFKC", addressee).casefold().split())
    text = json.dumps({"plan": plan, "to": name}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _day(date: dt.date, last: int) -> int:
    return min(max((date - EPOCH).days, 0), last)


def sequence(issued: dt.date, date: dt.date) -> int:
    """An event's SEQUENCE, without storing anything: the issue date, then the event's own date, as one number
    (days since 2000 of the issue date × 36,525 + days since 2000 of the event).

    - A schedule issued on a later day always supersedes one issued earlier, whichever way its dates moved:
      the issue date is the revision's clock.
    - Two schedules issued the same day: the one whose event lies later wins, the usual correction (an order
      completing later than first planned). A same-day correction to an earlier date ranks lower and a strict
      calendar keeps the event it has: issue it the next day, or delete the event before importing.
    - The same case issued the same day gives the same number, so the file stays the same byte for byte."""
    return _day(issued, _MAX_ISSUE_DAY) * _DAYS + _day(date, _DAYS - 1)


def _event(uid: str, summary: str, description: str, start: dt.date, end: dt.date, issued: dt.date,
           stamp: dt.datetime) -> Event:
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("sequence", sequence(issued, start))
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


def calendar_ics(schedule: Schedule, lang: Lang = "ja", *, issued: dt.date, addressee: str = "") -> bytes:
    """VCALENDAR bytes (METHOD:PUBLISH) with one all-day event for the activation date and one per customer
    task (before applying: due on the order-complete date). Each event's UID names the case (`case_key`: the
    plan and the 宛名) and the event (the activation, or the task's step id), not its dates; SEQUENCE and
    DTSTAMP come from the issue date (`sequence`; DTSTAMP is the start of that day in Japan, in UTC), so the
    same case issued the same day gives the same file."""
    stamp = dt.datetime.combine(issued, dt.time(), JAPAN).astimezone(dt.UTC)
    plan_id = schedule.request.plan
    key = case_key(plan_id, addressee)
    plan = t(f"plan.{plan_id}.name", lang)
    cal = Calendar()
    cal.add("prodid", f"-//Sonpo Plan Selector//Sonpo Cloud Service Schedule//{lang.upper()}")
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
        activation, activation, issued, stamp,
    ))
    for step in schedule.customer_todo():  # a step id appears once in a schedule: it names the task's event
        summary, description = _task_text(step, lang)
        cal.add_component(_event(f"task-{step.id}-{key}@{UID_DOMAIN}", summary, description, step.start, step.end,
                                 issued, stamp))
    data: bytes = cal.to_ical()
    return data
