"""Charts of the Disputes page (frames from `lib.metrics.disputes`): disputes and loss per slice, dispute rate per
fraud-risk level."""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import nothing_to_chart, says_when_empty


@says_when_empty("No disputes opened in this selection.")
def breakdown(df: pd.DataFrame, title: str, currency: str) -> alt.LayerChart:
    """Disputes per slice (bars, display names in `slice`), with the loss and the rate in the tooltip."""
    d = df.assign(dispute_rate=df["dispute_rate"].astype("float64"), win_rate=df["win_rate"].astype("float64"))
    tooltip = [alt.Tooltip("slice:N", title=title), alt.Tooltip("disputes:Q", title="Disputes", format=",.0f"),
               alt.Tooltip("dispute_rate:Q", title="Dispute rate", format=".2%"),
               alt.Tooltip("loss_amount:Q", title=f"Loss ({currency})", format=",.2f"),
               alt.Tooltip("lost_disputes:Q", title="Lost or accepted", format=",.0f"),
               alt.Tooltip("won_disputes:Q", title="Won", format=",.0f"),
               alt.Tooltip("open_disputes:Q", title="Open", format=",.0f")]
    bars = alt.Chart(d).mark_bar(color="#d1495b").encode(
        y=alt.Y("slice:N", title=None, sort="-x", axis=alt.Axis(labelLimit=220)),
        x=alt.X("disputes:Q", title="Disputes opened", axis=alt.Axis(tickMinStep=1)), tooltip=tooltip)
    text = bars.mark_text(align="left", dx=4, color="#24292f").encode(text=alt.Text("disputes:Q", format=",.0f"))
    return alt.layer(bars, text).properties(height=max(140, 40 * len(d)))


@says_when_empty("No orders in this selection.")
def risk_levels(mix: pd.DataFrame) -> alt.Chart:
    """Dispute rate per fraud-risk level (order-date basis), with the orders and shipped orders behind it."""
    d = mix.assign(dispute_rate=mix["dispute_rate"].astype("float64"), order_share=mix["order_share"].astype("float64"))
    if d["orders"].sum() == 0:
        return nothing_to_chart("No orders in this selection.")
    tooltip = [alt.Tooltip("level:N", title="Risk level"), alt.Tooltip("orders:Q", title="Orders", format=",.0f"),
               alt.Tooltip("order_share:Q", title="Share of orders", format=".1%"),
               alt.Tooltip("shipped_orders:Q", title="Shipped", format=",.0f"),
               alt.Tooltip("disputed_orders:Q", title="Disputed", format=",.0f"),
               alt.Tooltip("dispute_rate:Q", title="Dispute rate", format=".2%")]
    bars = alt.Chart(d).mark_bar(color="#8250df").encode(
        y=alt.Y("level:N", title=None, sort=d["level"].tolist()),
        x=alt.X("dispute_rate:Q", title="Orders disputed (order-date basis)", axis=alt.Axis(format=".0%")),
        tooltip=tooltip)
    text = bars.mark_text(align="left", dx=4, color="#24292f").encode(text=alt.Text("dispute_rate:Q", format=".1%"))
    return alt.layer(bars, text).properties(height=max(140, 40 * len(d)))
