"""Charts of the Returns page (frames from `lib.metrics.returns`): weekly trend, cohort maturity and the return-lag
curve, reason Pareto, reason × dimension heat map, error-return rates, cost of returns by disposition."""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import COUNT, counts, money_format, money_tip, nothing_to_chart, says_when_empty, week_axis

UNIT = "#1f6feb"
ORDER = "#8250df"
EXPECTED = "#d1495b"
MATURE, IMMATURE = "#1f6feb", "#9ec5fe"
CONTROLLABLE, OTHER = "#d1495b", "#8c959f"


@says_when_empty("No sales or returns in this selection.")
def weekly_trend(weeks: pd.DataFrame, basis: str = "order", immature_from=None) -> alt.Chart:
    """Unit and order return rate per week (`returns.weekly`); on the order basis, the weeks from `immature_from`
    on are shaded and labelled "immature" (their returns are still coming back, so their rate is not final)."""
    long = weeks.assign(week_start=pd.to_datetime(weeks["week_start"])).melt(id_vars=["week_start", "units_sold", "units_returned", "orders", "returned_orders"],
                      value_vars=["unit_return_rate", "order_return_rate"], var_name="rate", value_name="value")
    long["rate"] = long["rate"].map({"unit_return_rate": "Unit return rate", "order_return_rate": "Order return rate"})
    week = "Order week" if basis == "order" else "Return week"
    lines = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("week_start:T", title=f"{week} (Monday start)", **week_axis(long["week_start"], "%d %b %y")),
        y=alt.Y("value:Q", title="Return rate", axis=alt.Axis(format=".0%")),
        color=alt.Color("rate:N", title=None, scale=alt.Scale(range=[ORDER, UNIT])),
        tooltip=[alt.Tooltip("week_start:T", title=week, format="%d %b %Y"), alt.Tooltip("rate:N", title="Rate"),
                 alt.Tooltip("value:Q", title="Value", format=".1%"),
                 alt.Tooltip("units_returned:Q", title="Units returned", format=",.0f"),
                 alt.Tooltip("units_sold:Q", title="Units sold", format=",.0f"),
                 alt.Tooltip("returned_orders:Q", title="Orders with a return", format=",.0f"),
                 alt.Tooltip("orders:Q", title="Orders", format=",.0f")]).properties(height=260)
    if basis != "order" or immature_from is None or weeks.empty:
        return lines
    start = pd.Timestamp(immature_from)
    end = long["week_start"].max() + pd.Timedelta(days=7)
    if start >= end:
        return lines
    band = pd.DataFrame({"start": [max(start, long["week_start"].min())], "end": [end],
                         "label": ["immature: returns still coming back"]})
    shade = alt.Chart(band).mark_rect(color="#d0d7de", opacity=0.35).encode(x="start:T", x2="end:T")
    text = alt.Chart(band).mark_text(align="left", baseline="top", dx=4, dy=4, color="#57606a", fontSize=11).encode(
        x="start:T", y=alt.value(0), text="label:N")
    return alt.layer(shade, lines, text)


@says_when_empty("No order weeks in this selection.")
def cohort_maturity(cohorts: pd.DataFrame) -> alt.LayerChart:
    """Observed unit return rate per order week (light bars: immature) and the expected final rate (red ticks)."""
    d = cohorts.assign(maturity=cohorts["is_mature"].map({True: "mature", False: "immature"}),
                       week_start=pd.to_datetime(cohorts["week_start"]), week_end=pd.to_datetime(cohorts["week_end"]))
    base = alt.Chart(d).encode(
        x=alt.X("week_start:T", title="Order week (Monday start)", **week_axis(d["week_start"], "%d %b %y")),
        tooltip=[alt.Tooltip("week_start:T", title="Order week", format="%d %b %Y"),
                 alt.Tooltip("maturity:N", title="Cohort"), alt.Tooltip("age_days:Q", title="Age (days)", format=COUNT),
                 alt.Tooltip("unit_return_rate:Q", title="Observed rate", format=".1%"),
                 alt.Tooltip("completion:Q", title="Share of returns expected by now", format=".0%"),
                 alt.Tooltip("expected_final_rate:Q", title="Expected final rate", format=".1%"),
                 alt.Tooltip("units_sold:Q", title="Units sold", format=",.0f")])
    bars = base.mark_bar().encode(
        y=alt.Y("unit_return_rate:Q", title="Unit return rate", axis=alt.Axis(format=".0%")),
        color=alt.Color("maturity:N", title="Cohort", scale=alt.Scale(domain=["mature", "immature"], range=[MATURE, IMMATURE]),
                        ))
    ticks = base.transform_filter(~alt.datum.is_mature).mark_tick(color=EXPECTED, thickness=3, size=12).encode(
        y="expected_final_rate:Q")
    return alt.layer(bars, ticks).properties(height=260)


@says_when_empty("No returns with a return date yet: no lag curve.")
def lag_curve(curve: pd.DataFrame, p90_days: int) -> alt.LayerChart:
    """Share of eventual returns made by each day after the order, with the p90 lag marked."""
    line = alt.Chart(curve).mark_line(color=UNIT, interpolate="step-after").encode(
        x=alt.X("day:Q", title="Days since order", axis=alt.Axis(format=COUNT)),
        y=alt.Y("share_of_returns:Q", title="Share of eventual returns", axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip("day:Q", title="Day", format=COUNT), alt.Tooltip("share_of_returns:Q", title="Share", format=".1%")])
    rule = alt.Chart(pd.DataFrame({"day": [p90_days], "label": [f"p90 = {p90_days} days"]})).mark_rule(
        color=EXPECTED, strokeDash=[4, 3]).encode(x="day:Q", tooltip=alt.Tooltip("label:N", title="Maturity"))
    return alt.layer(line, rule).properties(height=260)


@says_when_empty("No returns in this selection.")
def pareto(reasons: pd.DataFrame, currency: str = "USD") -> alt.LayerChart:
    """Returned units per reason group (red: controllable) with the cumulative share."""
    d = reasons.assign(kind=reasons["is_controllable"].map({True: "controllable", False: "not controllable"}))
    order = d["reason_group"].tolist()
    base = alt.Chart(d).encode(
        x=alt.X("reason_group:N", sort=order, title=None, axis=alt.Axis(labelAngle=-30, labelLimit=160, labelOverlap=False)),
        tooltip=[alt.Tooltip("reason_group:N", title="Reason"), alt.Tooltip("kind:N", title="Type"),
                 alt.Tooltip("units_returned:Q", title="Units returned", format=",.0f"),
                 alt.Tooltip("share:Q", title="Share", format=".1%"),
                 alt.Tooltip("cumulative_share:Q", title="Cumulative share", format=".1%"),
                 alt.Tooltip("refund_cost_amount:Q", title=f"Cost of returns ({currency})",
                             format=money_format(currency))])
    bars = base.mark_bar().encode(
        y=alt.Y("units_returned:Q", title="Units returned", **counts(d["units_returned"])),
        color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=["controllable", "not controllable"],
                                                              range=[CONTROLLABLE, OTHER])))
    line = base.mark_line(color="#24292f", point=True).encode(
        y=alt.Y("cumulative_share:Q", title="Cumulative share", axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1])))
    return alt.layer(bars, line).resolve_scale(y="independent").properties(height=300)


@says_when_empty("No returns in this selection.")
def heatmap(matrix: pd.DataFrame, dimension: str, value: str = "return_rate", heading: str | None = None) -> alt.Chart:
    """Reason group × dimension value (`returns.reason_matrix`), coloured by the reason's return rate (or share);
    `heading` names the dimension on the axis (default: the column name capitalised)."""
    title = {"return_rate": "Return rate", "share_of_value_returns": "Share of its returns"}[value]
    heading = heading or dimension.capitalize()
    rows = (matrix.groupby(dimension)["units_returned"].sum().sort_values(ascending=False).index.tolist()
            if not matrix.empty else [])
    return alt.Chart(matrix).mark_rect().encode(
        x=alt.X("reason_group:N", title=None, axis=alt.Axis(labelAngle=-30, labelLimit=160, labelOverlap=False)),
        y=alt.Y(f"{dimension}:N", sort=rows, title=heading, axis=alt.Axis(labelLimit=180, labelOverlap=False)),
        color=alt.Color(f"{value}:Q", title=title, scale=alt.Scale(scheme="orangered"),
                        legend=alt.Legend(format=".1~%", tickCount=4)),  # rates under 1 %: one decimal, no repeats
        tooltip=[alt.Tooltip(f"{dimension}:N", title=heading),
                 alt.Tooltip("reason_group:N", title="Reason"),
                 alt.Tooltip("units_returned:Q", title="Units returned", format=",.0f"),
                 alt.Tooltip("units_sold:Q", title="Units sold", format=",.0f"),
                 alt.Tooltip("return_rate:Q", title="Return rate", format=".2%"),
                 alt.Tooltip("share_of_value_returns:Q", title="Share of its returns", format=".0%")],
    ).properties(height=max(160, 22 * len(rows)) + 110)  # the rotated reason labels are drawn inside the height


@says_when_empty("No shipped orders in this selection.")
def error_rates(rates: pd.DataFrame, dimension: str, label: str) -> alt.LayerChart:
    """Error-return order rate per warehouse / carrier (`returns.error_return_rates`) with its 95 % interval."""
    d = rates[rates["orders_shipped"] > 0].assign(flag=lambda x: x["is_far_above"].map({True: "far above the others",
                                                                                       False: "in line"}))
    if d.empty:
        return nothing_to_chart("No shipped orders in this selection.")
    rows = d.sort_values("error_order_rate", ascending=False)[dimension].tolist()
    base = alt.Chart(d).encode(y=alt.Y(f"{dimension}:N", sort=rows, title=None, axis=alt.Axis(labelOverlap=False)))
    tooltip = [alt.Tooltip(f"{dimension}:N", title=dimension.capitalize()),
               alt.Tooltip("error_order_rate:Q", title=label, format=".2%"),
               alt.Tooltip("others_order_rate:Q", title="The others", format=".2%"),
               alt.Tooltip("error_orders:Q", title="Orders affected", format=",.0f"),
               alt.Tooltip("orders_shipped:Q", title="Orders shipped", format=",.0f"),
               alt.Tooltip("error_units:Q", title="Units returned", format=",.0f")]
    bars = base.mark_bar().encode(
        x=alt.X("error_order_rate:Q", title=label, axis=alt.Axis(format=".1%")),
        color=alt.Color("flag:N", title=None, scale=alt.Scale(domain=["far above the others", "in line"],
                                                              range=[CONTROLLABLE, OTHER])),
        tooltip=tooltip)
    whisk = base.mark_rule(color="#24292f").encode(x="wilson_low:Q", x2="wilson_high:Q", tooltip=tooltip)
    return alt.layer(bars, whisk).properties(height=max(160, 40 * len(d)))


@says_when_empty("No returns in this selection: no return cost.")
def cost_by_disposition(cost: pd.DataFrame, currency: str = "USD") -> alt.Chart:
    """Cost of returns per disposition: refunds, labels and processing stacked up, recovered value below zero."""
    parts = {"refund_amount": "Refunds", "return_label_cost_amount": "Return labels",
             "processing_cost_amount": "Processing", "recovered_amount": "Recovered value"}
    d = cost.groupby("disposition", as_index=False)[list(parts)].sum()
    d["recovered_amount"] = -d["recovered_amount"]
    long = d.melt(id_vars="disposition", var_name="part", value_name="amount")
    long["part"] = long["part"].map(parts)
    order = d.assign(cost=d[list(parts)].sum(axis=1)).sort_values("cost", ascending=False)["disposition"].tolist()
    return alt.Chart(long).mark_bar().encode(
        x=alt.X("disposition:N", title="Disposition", sort=order, axis=alt.Axis(labelAngle=-30, labelOverlap=False)),
        y=alt.Y("sum(amount):Q", title=f"Amount ({currency})", axis=alt.Axis(format=money_format(currency))),
        color=alt.Color("part:N", title=None, sort=list(parts.values()),
                        scale=alt.Scale(domain=list(parts.values()), range=["#d1495b", "#edae49", "#8c959f", "#2a9d8f"])),
        tooltip=[alt.Tooltip("disposition:N", title="Disposition"), alt.Tooltip("part:N", title="Part"),
                 alt.Tooltip("amount:Q", title=f"Amount ({currency})", format=money_tip(currency))]).properties(height=260)
