"""The activation timeline as a printable chart: one row per dated step, bars on a shared day axis (for the 提案書)."""

from __future__ import annotations

import datetime as dt

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table

from sonpo.documents.pdf import FONT, FRAME_WIDTH, Styles, grid_table, para, table
from sonpo.i18n import Lang, t
from sonpo.timeline import Schedule, Step, business_calendar
from sonpo.timeline.view import period_text

OWNER_COLOURS = {"ntt": colors.HexColor("#1565C0"), "customer": colors.HexColor("#E65100")}
CLOSED = colors.HexColor("#e4e4e4")
ACTIVATION = colors.HexColor("#C62828")
BAR_HEIGHT = 7.0
ROW_HEIGHT = 11.0
AXIS_HEIGHT = 16.0
TICK_SIZE = 6.2  # the axis's dates, in points


def span(s: Schedule) -> tuple[dt.date, dt.date]:
    """The first and last day shown: the order date to the last step's end."""
    return s.request.order_date, max(step.end for step in s.steps)


class _Axis:
    def __init__(self, first: dt.date, last: dt.date, width: float) -> None:
        self.first = first
        self.days = (last - first).days + 1
        self.width = width

    def x(self, day: dt.date) -> float:
        """Where `day` begins."""
        return (day - self.first).days * self.width / self.days


def _ticks(first: dt.date, last: dt.date, most: int = 7) -> list[dt.date]:
    """Mondays in the span, every week, fortnight or month, so that at most `most` are labelled."""
    monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
    mondays = []
    day = monday
    while day <= last:
        mondays.append(day)
        day += dt.timedelta(days=7)
    step = 1
    while len(mondays[::step]) > most:
        step *= 2
    return mondays[::step]


def _label(day: dt.date, lang: Lang) -> str:
    return f"{day.month}/{day.day}" if lang == "ja" else f"{day.day} {day:%b}"


def _drawing(width: float, height: float) -> Drawing:
    # Else its first state is Helvetica, which would sit unembedded in the resources.
    return Drawing(width, height, initialFontName=FONT)


def _rect(x: float, y: float, width: float, height: float, fill: colors.Color) -> Rect:
    r = Rect(x, y, width, height)  # colours set after: the stubs mistype Rect's keyword arguments
    r.fillColor = fill
    r.strokeColor = None
    return r


def _runs(days: list[dt.date]) -> list[tuple[dt.date, int]]:
    """Consecutive days as (first day, length): a weekend or the year-end break is one shaded block."""
    runs: list[tuple[dt.date, int]] = []
    for day in days:
        if runs and runs[-1][0] + dt.timedelta(days=runs[-1][1]) == day:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((day, 1))
    return runs


def _row_drawing(step: Step | None, axis: _Axis, closed: list[tuple[dt.date, int]], activation: dt.date) -> Drawing:
    d = _drawing(axis.width, ROW_HEIGHT)
    day_w = axis.width / axis.days
    for day, length in closed:
        d.add(_rect(axis.x(day), 0, day_w * length, ROW_HEIGHT, CLOSED))
    if step is not None:
        colour = OWNER_COLOURS[step.owner]
        y = (ROW_HEIGHT - BAR_HEIGHT) / 2
        if step.business_days == 0:  # a deadline (before applying): a diamond on the day
            cx, cy, r = axis.x(step.start) + day_w / 2, ROW_HEIGHT / 2, BAR_HEIGHT / 2 + 0.5
            d.add(Polygon([cx - r, cy, cx, cy + r, cx + r, cy, cx, cy - r], fillColor=colour, strokeColor=None))
        else:
            x0, x1 = axis.x(step.start), axis.x(step.end + dt.timedelta(days=1))
            d.add(_rect(x0, y, max(x1 - x0, 1.5), BAR_HEIGHT, colour))
    ax = axis.x(activation) + day_w / 2
    d.add(Line(ax, 0, ax, ROW_HEIGHT, strokeColor=ACTIVATION, strokeWidth=0.9))
    return d


def _axis_drawing(axis: _Axis, last: dt.date, activation: dt.date, lang: Lang) -> Drawing:
    """The day axis: a tick and its date on each labelled Monday, the activation date marked in red. Every text
    stays inside the axis: a date too close to the right end is set flush with it, or left out where it would then
    run into the date before it (the tick stays)."""
    d = _drawing(axis.width, AXIS_HEIGHT)
    day_w = axis.width / axis.days
    room = 0.0  # where the last label drawn ends
    for day in _ticks(axis.first, last):
        x = axis.x(day)
        d.add(Line(x, 0, x, 3, strokeColor=colors.black, strokeWidth=0.5))
        label = _label(day, lang)
        width = stringWidth(label, FONT, TICK_SIZE)
        start = min(x + 1, axis.width - width)
        if start >= room + 2:
            d.add(String(start, 4, label, fontName=FONT, fontSize=TICK_SIZE, fillColor=colors.black))
            room = start + width
    ax = axis.x(activation) + day_w / 2
    d.add(Line(ax, 0, ax, AXIS_HEIGHT, strokeColor=ACTIVATION, strokeWidth=0.9))
    mark = t("pdf.proposal.chart_activation", lang, date=_label(activation, lang))
    text_w = stringWidth(mark, FONT, TICK_SIZE)
    anchor_end = ax + text_w + 2 > axis.width
    d.add(String(ax - 2 if anchor_end else ax + 2, AXIS_HEIGHT - 6.5, mark, fontName=FONT, fontSize=TICK_SIZE,
                 fillColor=ACTIVATION, textAnchor="end" if anchor_end else "start"))
    return d


def gantt_table(s: Schedule, lang: Lang, st: Styles) -> Table:
    """Step, owner and dates on the left, the bar on a day axis on the right; closed days shaded, the
    activation date a red line."""
    first, last = span(s)
    cal = business_calendar()
    closed = _runs([first + dt.timedelta(days=i) for i in range((last - first).days + 1)
                    if not cal.is_business_day(first + dt.timedelta(days=i))])
    w_name, w_when = FRAME_WIDTH * 0.34, FRAME_WIDTH * 0.2
    axis = _Axis(first, last, FRAME_WIDTH - w_name - w_when - 8)
    rows: list[list[object]] = [[
        t("cli.step", lang), t("pdf.proposal.when", lang), _axis_drawing(axis, last, s.activation_date, lang),
    ]]
    for step in s.steps:
        when = period_text(step, lang, _label)
        name = f"{t('pdf.proposal.owner_mark.' + step.owner, lang)} {step.name(lang)}"
        rows.append([para(name, st.cell), para(when, st.cell), _row_drawing(step, axis, closed, s.activation_date)])
    chart = grid_table(rows, [w_name, w_when, axis.width + 8], st, extra=[
        ("LEFTPADDING", (2, 0), (2, -1), 4), ("RIGHTPADDING", (2, 0), (2, -1), 4),
        ("TOPPADDING", (2, 1), (2, -1), 0.5), ("BOTTOMPADDING", (2, 1), (2, -1), 0.5),
        ("LINEBELOW", (2, 1), (2, -2), 0.25, colors.HexColor("#bbbbbb")),
    ])
    return chart


def legend(lang: Lang, st: Styles) -> Table:
    """What the colours mean, as text (the chart's colours are never the only carrier of meaning)."""
    items = [
        (OWNER_COLOURS["ntt"], t("owner.ntt", lang)),
        (OWNER_COLOURS["customer"], t("owner.customer", lang)),
        (ACTIVATION, t("timeline.activation", lang)),
        (CLOSED, t("pdf.proposal.closed_days", lang)),
    ]
    cells: list[object] = []
    widths: list[float] = []
    for (colour, text), share in zip(items, (0.2, 0.2, 0.2, 0.4), strict=True):
        sw = _drawing(8, 8)
        sw.add(_rect(0, 0, 8, 8, colour))
        cells += [sw, para(text, st.small)]
        widths += [12, FRAME_WIDTH * share - 12]
    return table([cells], widths)
