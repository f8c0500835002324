"""Altair charts for the pages: drawing only; the rows they draw come from sonpo.

Building an Altair chart costs a few hundred milliseconds (schema objects, validation), far
too slow for a rerun. So the chart is built once per language and row count with named data
sources, turned into a Vega-Lite spec and cached; each rerun only fills in the data.

Each chart is one labelled picture for a screen reader: its description, in the user's language (the same
facts are in a table beside it). Vega's own ARIA for the parts is off (config aria=false, and no mark's own): it
describes them in English ("X-axis for a utc scale with values from Sunday, 06 December 2026…", "line mark").
What Vega still writes, whatever the spec says, is in the README ("English that Streamlit draws").
"""

from __future__ import annotations

import copy
import datetime as dt
from functools import lru_cache
from typing import Any

import altair as alt

from sonpo.i18n import Lang, t
from sonpo.timeline.view import ClosedDay, GanttRow, Marker

OWNER_COLOURS = {"customer": "#E8710A", "ntt": "#1F5AA6"}  # brochure: ■ お客様作業 / □ NTTCom作業
CLOSED_COLOURS = {"weekend": "#E4E6EB", "holiday": "#F9C9C9", "year_end": "#FBE3A6"}
MARKER_COLOURS = {"activation": "#C62828", "today": "#444444"}
ROW_HEIGHT = 40  # each row: the step's name on top, its bar below (names inside the plot keep it readable on a phone)
BAR_HEIGHT = 13
TOP = 12  # the activation / today labels above the plot (Vega counts them in the bounds; kept low so the
# plot ends a little short of plot_height and the legends, placed from plot_height, never touch the axis)
AXIS = 30  # the date axis below the plot
LEGEND_ROW = 24  # one legend per line, so they fit a phone's width
LEGENDS = 2 * LEGEND_ROW + 12
_WEEKDAYS_JA = "['月','火','水','木','金','土','日']"


def _day(day: dt.date) -> str:
    """A date as UTC midnight: the chart works in UTC so the browser's time zone cannot shift a day."""
    return f"{day.isoformat()}T00:00:00Z"


def _noon(day: dt.date) -> str:
    return f"{day.isoformat()}T12:00:00Z"


def _date_axis(lang: Lang) -> alt.Axis:
    if lang == "ja":
        # 12/10(木): Vega's utcday() counts from Sunday, Python's weekday() from Monday
        label = f"utcFormat(datum.value, '%-m/%-d') + '(' + {_WEEKDAYS_JA}[(utcday(datum.value) + 6) % 7] + ')'"
    else:
        label = "utcFormat(datum.value, '%-d %b')"
    return alt.Axis(title=None, labelExpr=label, labelAngle=0, labelOverlap=True, grid=True)


def _legend(title: str, line: int, plot_height: int) -> alt.Legend:
    return alt.Legend(
        title=title,
        orient="none",
        direction="horizontal",
        titleOrient="left",
        legendX=0,
        legendY=plot_height + AXIS + line * LEGEND_ROW,  # from the plot's top
    )


def timeline_chart(
    rows: list[GanttRow],
    closed: list[ClosedDay],
    marks: list[Marker],
    span: tuple[dt.date, dt.date],
    lang: Lang,
) -> dict[str, Any]:
    """A Gantt chart as a Vega-Lite spec: steps as bars coloured by owner (milestones as diamonds),
    closed days shaded behind, the activation date and today as labelled rules."""
    spec = copy.deepcopy(_timeline_template(lang, len(rows)))
    spec["datasets"] = {
        "steps": [
            {
                "order": r.order,
                "label": r.label,
                "name": r.name,
                "owner": r.owner_label,
                "start": _noon(r.start) if r.milestone else _day(r.start),
                "end": _day(r.end_exclusive),
                "period": r.period,
                "days": r.days,
                "milestone": r.milestone,
            }
            for r in rows
        ],
        "closed": [
            {"start": _day(c.day), "end": _day(c.day + dt.timedelta(days=1)), "kind": c.kind_label,
             "reason": c.reason, "date": c.label}
            for c in closed
        ],
        "marks": [{"start": _noon(m.day), "label": m.label, "kind": m.kind} for m in marks],
        # the x axis runs exactly from the order date to the day after the last step
        "span": [{"start": _day(span[0]), "end": _day(span[1] + dt.timedelta(days=1))}],
    }
    return spec


@lru_cache(maxsize=32)
def _timeline_template(lang: Lang, n_rows: int) -> dict[str, Any]:
    plot_height = ROW_HEIGHT * n_rows
    owners = [t(f"owner.{o}", lang) for o in OWNER_COLOURS]
    x = alt.X("start:T", scale=alt.Scale(type="utc", nice=False), axis=_date_axis(lang))
    y = alt.Y("label:N", sort=alt.EncodingSortField("order"), axis=None,
              scale=alt.Scale(paddingInner=0, paddingOuter=0))
    owner_colour = alt.Color(
        "owner:N",
        scale=alt.Scale(domain=owners, range=list(OWNER_COLOURS.values())),
        legend=_legend(t("timeline.chart.owner", lang), 0, plot_height),
    )
    tooltip = [
        alt.Tooltip("name:N", title=t("timeline.chart.step", lang)),
        alt.Tooltip("owner:N", title=t("timeline.chart.owner", lang)),
        alt.Tooltip("period:N", title=t("timeline.chart.period", lang)),
        alt.Tooltip("days:N", title=t("timeline.chart.days", lang)),
    ]
    kinds = list(CLOSED_COLOURS)
    span = alt.Chart(alt.NamedData(name="span")).mark_rule(opacity=0, aria=False).encode(x=x, x2="end:T")
    shaded = (
        alt.Chart(alt.NamedData(name="closed"))
        .mark_rect(opacity=0.8, aria=False)
        .encode(
            x=x,
            x2="end:T",
            fill=alt.Fill(
                "kind:N",
                scale=alt.Scale(domain=[t(f"timeline.closed.{k}", lang) for k in kinds],
                                range=list(CLOSED_COLOURS.values())),
                legend=_legend(t("timeline.chart.closed", lang), 1, plot_height),
            ),
            tooltip=[alt.Tooltip("date:N", title=t("timeline.chart.date", lang)),
                     alt.Tooltip("reason:N", title=t("timeline.chart.reason", lang))],
        )
    )
    base = alt.Chart(alt.NamedData(name="steps"))
    names = base.mark_text(
        aria=False, align="left", baseline="bottom", dx=3, dy=-1, fontSize=12, color="#31333F",
        limit=alt.expr("width - 6"),
    ).encode(x=alt.value(0), y=y, text="label:N", tooltip=tooltip)
    bars = (
        base.transform_filter("!datum.milestone")
        .mark_bar(aria=False, cornerRadius=3, height=BAR_HEIGHT, yOffset=BAR_HEIGHT // 2 + 3)
        .encode(x=x, x2="end:T", y=y, color=owner_colour, tooltip=tooltip)
    )
    milestones = (
        base.transform_filter("datum.milestone")
        .mark_point(aria=False, shape="diamond", filled=True, size=160, opacity=1,
                    yOffset=BAR_HEIGHT // 2 + 3)
        .encode(x=x, y=y, color=owner_colour, tooltip=tooltip)
    )
    marker_layers: list[alt.Chart] = []
    for kind, colour in MARKER_COLOURS.items():
        one = alt.Chart(alt.NamedData(name="marks")).transform_filter(alt.datum.kind == kind)
        marker_layers.append(
            one.mark_rule(aria=False, strokeWidth=2, color=colour,
                          strokeDash=[5, 3] if kind == "today" else [1, 0]).encode(
                x=x, tooltip=[alt.Tooltip("label:N", title=t("timeline.chart.date", lang))]
            )
        )
        marker_layers.append(
            # activation comes late in the chart, today early: write each label away from the edge
            one.mark_text(aria=False, align="right" if kind == "activation" else "left",
                          dx=-4 if kind == "activation" else 4, baseline="bottom", fontWeight="bold", fontSize=12,
                          color=colour)
            .encode(x=x, y=alt.value(-4), text="label:N")
        )
    chart = alt.layer(span, shaded, bars, milestones, names, *marker_layers).properties(
        # A screen reader reads the chart as one labelled picture; the same dates are in the tables below it
        # (an empty mark group with a role but no name was axe's svg-img-alt violation).
        description=t("timeline.chart.alt", lang),
        # Streamlit fits the whole chart into this height; the legends (placed by hand) sit in the bottom padding
        height=4 + TOP + plot_height + AXIS + LEGENDS,
        padding={"top": 4, "left": 10, "right": 8, "bottom": LEGENDS},  # left: room for a diamond on the first day
    ).configure(aria=False)
    spec: dict[str, Any] = chart.to_dict()
    # what Altair adds to a chart without data (an empty named data set and its default size), which
    # st.altair_chart leaves out too: the rows come with the call
    for key in ("data", "datasets"):
        spec.pop(key, None)
    spec["config"].pop("view", None)
    return spec


def cost_chart(plan_col: str, month_col: str, cost_col: str, order: tuple[str, ...], months: int,
               lang: Lang) -> dict[str, Any]:
    """The cumulative cost of each plan month by month (the compare page), as a Vega-Lite spec without its data
    (st.vega_lite_chart takes the rows: plan, month, "cost" in yen and the cost as shown): one line per plan,
    told apart by colour and dash. The legend sits above the plot, one plan per line, so that it fits a 360 px
    phone (at the bottom, side by side, it ran off the screen).

    Built once per language, tax display (in the column names) and plan order, like the timeline's chart: Altair
    took ≈ 20 ms of every rerun of the compare page to build and validate the same spec (bench/paint.py)."""
    return copy.deepcopy(_cost_template(plan_col, month_col, cost_col, order, months, lang))


@lru_cache(maxsize=32)
def _cost_template(plan_col: str, month_col: str, cost_col: str, order: tuple[str, ...], months: int,
                   lang: Lang) -> dict[str, Any]:
    yen_axis = "format(datum.value, ',') + '円'" if lang == "ja" else "'¥' + format(datum.value, ',')"
    legend = alt.Legend(orient="top", direction="vertical", columns=1, title=None, labelFontSize=13,
                        symbolStrokeWidth=3, symbolSize=300, labelLimit=0)
    chart = (
        alt.Chart()
        .mark_line(strokeWidth=2.5, aria=False)
        .encode(
            x=alt.X(field=month_col, type="quantitative", title=month_col, scale=alt.Scale(domain=[0, months]),
                    axis=alt.Axis(values=list(range(0, months + 1, 6)))),
            y=alt.Y(field="cost", type="quantitative", title=cost_col, axis=alt.Axis(labelExpr=yen_axis)),
            color=alt.Color(field=plan_col, type="nominal", sort=list(order), legend=legend),
            strokeDash=alt.StrokeDash(field=plan_col, type="nominal", sort=list(order), legend=legend),
            tooltip=[alt.Tooltip(field=plan_col, type="nominal"), alt.Tooltip(field=month_col, type="quantitative"),
                     alt.Tooltip(field=cost_col, type="nominal")],
        )
        .properties(height=360, description=t("compare.chart_alt", lang, months=months))
        .configure(aria=False)
    )
    spec: dict[str, Any] = chart.to_dict()
    # what Altair adds to a chart without data (an empty named data set and its default size), which
    # st.altair_chart leaves out too: the rows come with the call
    for key in ("data", "datasets"):
        spec.pop(key, None)
    spec["config"].pop("view", None)
    return spec
