"""Charts of the Fulfillment & delivery page: cycle-time stages by week, rate trends, a rate by slice against its
target, perfect-order failures per component, and the cost-per-order stack with net shipping."""
from __future__ import annotations

import json

import altair as alt
import pandas as pd

from . import COUNT, NUMBER, counts, money_format, money_tip, says_when_empty

STAGES = {"processing_hours": "Processing (label − order)", "dock_hours": "Dock (pickup − label)",
          "transit_hours": "Transit (delivered − pickup)", "click_to_door_hours": "Click-to-door (delivered − order)"}
RATES = {"on_time_ship_rate": "On-time ship", "on_time_delivery_rate": "On-time delivery", "in_full_rate": "In full",
         "otif_rate": "OTIF", "perfect_order_rate": "Perfect order"}
COSTS = {"label_cost_per_order": "Label", "tpl_cost_per_order": "3PL fees", "packaging_cost_per_order": "Packaging",
         "labor_cost_per_order": "Labor (allocated)"}
WEEK = alt.X("week_start:T", title="Order week (Monday)", axis=alt.Axis(format="%d %b"))
WEEK_TIP = alt.Tooltip("week_start:T", title="Week of", format="%d %b %Y")


def _label(field: str, names: dict) -> str:
    """A Vega expression mapping the folded column names to their labels."""
    return f"{json.dumps(names)}[datum.{field}]"


@says_when_empty("No shipped orders in this selection: no cycle times to chart.")
def stage_trend(weekly: pd.DataFrame, statistic: str = "median") -> alt.Chart:
    """Cycle-time stages (hours) per order week; `statistic` 'median' or 'p90'. `weekly`: fulfillment.weekly_summary."""
    fields = [f"{s}_{statistic}" for s in STAGES]
    names = {f"{s}_{statistic}": label for s, label in STAGES.items()}
    return (alt.Chart(weekly).transform_fold(fields, as_=["stage", "hours"])
            .transform_calculate(stage=_label("stage", names))
            .mark_line(point=True)
            .encode(x=WEEK, y=alt.Y("hours:Q", title=f"Hours ({statistic})", axis=alt.Axis(format=NUMBER)),
                    color=alt.Color("stage:N", title="Stage", sort=list(names.values())),
                    tooltip=[WEEK_TIP, alt.Tooltip("stage:N", title="Stage"),
                             alt.Tooltip("hours:Q", title=f"{statistic} hours", format=",.1f"),
                             alt.Tooltip("orders:Q", title="Orders", format=",")])
            .properties(height=280))


@says_when_empty("No orders in this selection: no weekly rates to chart.")
def rate_trend(weekly: pd.DataFrame) -> alt.Chart:
    """On-time ship, on-time delivery, in full, OTIF and perfect order per order week."""
    fields = [f for f in RATES if f in weekly.columns]
    return (alt.Chart(weekly).transform_fold(fields, as_=["kpi", "rate"]).transform_calculate(name=_label("kpi", RATES))
            .mark_line(point=True)
            .encode(x=WEEK, y=alt.Y("rate:Q", title="Rate", axis=alt.Axis(format=".0%")),
                    color=alt.Color("name:N", title="KPI", sort=list(RATES.values())),
                    tooltip=[WEEK_TIP, alt.Tooltip("name:N", title="KPI"), alt.Tooltip("rate:Q", format=".1%"),
                             alt.Tooltip("orders:Q", title="Orders", format=",")])
            .properties(height=280))


@says_when_empty("No orders in this selection to break down.")
def by_slice(df: pd.DataFrame, value: str, measured: str, title: str, target: float | None, unit: str = "%") -> alt.LayerChart:
    """One bar per slice (a fulfillment.breakdown frame of one dimension) with the target as a rule."""
    fmt, axis = {"%": (".1%", ".0%"), "$": ("$,.2f", "$,.0f")}.get(unit, (",.1f", ",.0f"))
    bars = (alt.Chart(df).mark_bar(color="#1f6feb")
            .encode(y=alt.Y("slice:N", title=None, sort="-x"), x=alt.X(f"{value}:Q", title=title, axis=alt.Axis(format=axis)),
                    tooltip=[alt.Tooltip("slice:N", title="Slice"), alt.Tooltip(f"{value}:Q", title=title, format=fmt),
                             alt.Tooltip(f"{measured}:Q", title="Measured on (orders)", format=",")]))
    layers = [bars]
    if target is not None:
        layers.append(alt.Chart(pd.DataFrame({"target": [target]})).mark_rule(color="#d1495b", strokeDash=[4, 3])
                      .encode(x="target:Q", tooltip=[alt.Tooltip("target:Q", title="Target", format=fmt)]))
    return alt.layer(*layers).properties(height=alt.Step(26))  # a fixed height squeezes nominal bands


def perfect_order_failures(summary) -> alt.Chart:
    """Orders that failed each component of the perfect order (an order can fail several). `summary`: a
    fulfillment.FulfillmentSummary."""
    df = pd.DataFrame({"component": ["Late delivery", "Not in full", "Damaged", "Inaccurate (wrong/missing item)"],
                       "orders": [summary.perfect_fail_late, summary.perfect_fail_not_in_full,
                                  summary.perfect_fail_damaged, summary.perfect_fail_inaccurate]})
    return (alt.Chart(df).mark_bar(color="#d1495b")
            .encode(y=alt.Y("component:N", title=None, sort=None), x=alt.X("orders:Q", title="Orders failing", **counts(df["orders"])),
                    tooltip=[alt.Tooltip("component:N", title="Failed on"),
                             alt.Tooltip("orders:Q", title="Orders", format=COUNT)])
            .properties(height=alt.Step(30)))


@says_when_empty("No shipped orders in this selection: no cost per order to chart.")
def cost_stack(weekly: pd.DataFrame, currency: str = "USD") -> alt.LayerChart:
    """Cost per shipped order by week in the reporting `currency`, stacked by component, with shipping charged to
    customers as a line (net shipping cost = label − shipping charged)."""
    axis, tip = money_format(currency).replace(".0f", ".2~f"), money_tip(currency)
    week = alt.X("yearmonthdate(week_start):O", title="Order week (Monday)", axis=alt.Axis(format="%d %b", labelAngle=0))
    bars = (alt.Chart(weekly).transform_fold(list(COSTS), as_=["component", "amount"])
            .transform_calculate(name=_label("component", COSTS))
            .mark_bar()
            .encode(x=week, y=alt.Y("sum(amount):Q", title=f"Cost per shipped order ({currency})", stack=True,
                                          axis=alt.Axis(format=axis)),
                    color=alt.Color("name:N", title="Component", sort=list(COSTS.values())),
                    tooltip=[WEEK_TIP, alt.Tooltip("name:N", title="Component"),
                             alt.Tooltip("sum(amount):Q", title=f"Per order ({currency})", format=tip)]))
    line = (alt.Chart(weekly).mark_line(color="black", strokeDash=[5, 3], point=True)
            .encode(x=week, y="shipping_charged_per_order:Q",
                    tooltip=[WEEK_TIP, alt.Tooltip("shipping_charged_per_order:Q",
                                                   title=f"Shipping charged per order ({currency})", format=tip),
                             alt.Tooltip("net_shipping_cost_per_order:Q",
                                         title=f"Net shipping cost per order ({currency})", format=tip)]))
    return alt.layer(bars, line).properties(height=280)
