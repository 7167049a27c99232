"""Charts of the Customers page (frames from `lib.metrics.customers`): new vs returning orders per week, the cohort
triangle of repeat-purchase rates, the repeat rate by a trait of the first order, time to second order."""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import nothing_to_chart, says_when_empty, week_axis

TYPE_LABELS = {"new": "New customers", "returning": "Returning customers", "unidentified": "Not identifiable"}
TYPE_COLOURS = ["#1f6feb", "#2da44e", "#afb8c1"]
MEASURES = {"orders": ("Orders", ",.0f"), "net_revenue_amount": ("Net revenue", ",.0f")}


@says_when_empty("No orders in this selection.")
def weekly_orders(weeks: pd.DataFrame, measure: str = "orders", currency: str = "USD") -> alt.Chart:
    """Orders (or net revenue in the reporting currency) per order week, stacked new / returning / not identifiable."""
    title, fmt = MEASURES[measure]
    if measure == "net_revenue_amount":
        title = f"{title} ({currency})"
    d = weeks.assign(type=weeks["customer_order_type"].map(TYPE_LABELS),
                     order=weeks["customer_order_type"].map({k: i for i, k in enumerate(TYPE_LABELS)}))
    return alt.Chart(d).mark_bar().encode(
        x=alt.X("week_start:T", title="Order week (Monday start)", **week_axis(d["week_start"], "%d %b %y")),
        y=alt.Y(f"{measure}:Q", title=title, stack="zero"),
        color=alt.Color("type:N", title=None, sort=list(TYPE_LABELS.values()),
                        scale=alt.Scale(domain=list(TYPE_LABELS.values()), range=TYPE_COLOURS),
                        legend=alt.Legend(orient="top")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("week_start:T", title="Week of", format="%d %b %Y"), alt.Tooltip("type:N", title="Orders of"),
                 alt.Tooltip("orders:Q", title="Orders", format=",.0f"),
                 alt.Tooltip("net_revenue_amount:Q", title=f"Net revenue ({currency})", format=",.2f")],
    ).properties(height=280)


@says_when_empty("No first orders in this selection.")
def cohort_triangle(cells: pd.DataFrame) -> alt.LayerChart:
    """Repeat-purchase rate per first-order month (rows) and window (columns); cells not yet mature stay blank."""
    d = cells.assign(month=pd.to_datetime(cells["cohort_month"]).dt.strftime("%b %Y"),
                     window=cells["window_days"].map(lambda n: f"within {n} days"),
                     rate=cells["repeat_rate"].astype("float64"),
                     repeaters=cells["repeat_customers"].astype("float64"))
    months = d.sort_values("cohort_month")["month"].drop_duplicates().tolist()
    windows = [f"within {n} days" for n in sorted(d["window_days"].unique())]
    shown = d[d["rate"].notna()]
    if shown.empty:
        return nothing_to_chart("No cohort is old enough yet: a cell needs every first order of its month to be at "
                                "least N days before the data's last order. Widen the period.")
    y = alt.Y("month:O", title="First-order month", sort=months)
    x = alt.X("window:O", title=None, sort=windows, axis=alt.Axis(orient="top", labelAngle=0))
    tooltip = [alt.Tooltip("month:O", title="First-order month"), alt.Tooltip("window:O", title="Second order"),
               alt.Tooltip("rate:Q", title="Repeat-purchase rate", format=".1%"),
               alt.Tooltip("repeaters:Q", title="Customers who ordered again", format=",.0f"),
               alt.Tooltip("customers:Q", title="Customers in the cohort", format=",.0f")]
    frame = alt.Chart(d).mark_rect(fill="white", stroke="#eaeef2").encode(x=x, y=y)  # blank cells keep their place
    rects = alt.Chart(shown).mark_rect(stroke="white").encode(
        x=x, y=y, color=alt.Color("rate:Q", title="Repeat rate", scale=alt.Scale(scheme="blues", domainMin=0),
                                  legend=alt.Legend(format=".0%")), tooltip=tooltip)
    text = alt.Chart(shown).mark_text(fontSize=11).encode(
        x=x, y=y, text=alt.Text("rate:Q", format=".0%"),
        color=alt.condition(alt.datum.rate > shown["rate"].max() * 0.6, alt.value("white"), alt.value("#24292f")),
        tooltip=tooltip)
    return alt.layer(frame, rects, text).properties(height=max(160, 22 * len(months)))


@says_when_empty("No customer in this selection is old enough for this window yet.")
def by_first_order(df: pd.DataFrame, title: str, window_days: int) -> alt.Chart:
    """Repeat rate within `window_days` per slice of a first-order trait (bars), with the customers behind it."""
    d = df[df["repeat_rate"].notna()].assign(rate=lambda x: x["repeat_rate"].astype("float64"))
    if d.empty:
        return nothing_to_chart("No customer in this selection is old enough for this window yet. Widen the period.")
    tooltip = [alt.Tooltip("slice:N", title=title), alt.Tooltip("rate:Q", title=f"Repeat within {window_days} days", format=".1%"),
               alt.Tooltip("repeat_customers:Q", title="Ordered again", format=",.0f"),
               alt.Tooltip("mature_customers:Q", title="Customers old enough", format=",.0f"),
               alt.Tooltip("customers:Q", title="Customers in the period", format=",.0f"),
               alt.Tooltip("median_days_to_second_order:Q", title="Median days to 2nd order", format=",.0f")]
    bars = alt.Chart(d).mark_bar(color="#1f6feb").encode(
        y=alt.Y("slice:N", title=None, sort=alt.SortField("rate", order="descending"),
                axis=alt.Axis(labelLimit=220)),
        x=alt.X("rate:Q", title=f"Repeat-purchase rate within {window_days} days", axis=alt.Axis(format=".0%")),
        tooltip=tooltip)
    labels = bars.mark_text(align="left", dx=4, color="#24292f").encode(text=alt.Text("rate:Q", format=".1%"))
    return alt.layer(bars, labels).properties(height=max(140, 44 * len(d)))


@says_when_empty("No customer in this selection has ordered a second time yet.")
def second_order_days(bands: pd.DataFrame) -> alt.Chart:
    """Customers by days from their first to their second order (bands)."""
    return alt.Chart(bands).mark_bar(color="#8250df").encode(
        x=alt.X("band:N", title="Days from first to second order", sort=alt.SortField("band_order"),
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("customers:Q", title="Customers"),
        tooltip=[alt.Tooltip("band:N", title="Second order after"), alt.Tooltip("customers:Q", title="Customers", format=",.0f"),
                 alt.Tooltip("share:Q", title="Share of repeaters", format=".1%")]).properties(height=240)
