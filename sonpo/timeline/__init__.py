"""The activation timeline (開通スケジュール): Japanese business days, the dated steps from the order to
activation, and the view of them that the page, the Gantt chart and the documents draw."""

from sonpo.timeline.calendar import BusinessCalendar, business_calendar, default_order_date
from sonpo.timeline.schedule import Schedule, ScheduleRequest, Step, activation_date, schedule
from sonpo.timeline.view import today_in_japan

__all__ = [
    "BusinessCalendar",
    "Schedule",
    "ScheduleRequest",
    "Step",
    "activation_date",
    "business_calendar",
    "default_order_date",
    "schedule",
    "today_in_japan",
]
