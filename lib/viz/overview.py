"""The Overview page's weekly trend: net revenue bars with the on-time ship rate line."""
from __future__ import annotations

import altair as alt

from . import says_when_empty, week_axis

REVENUE = "#1f6feb"
RATE = "#d1495b"


def money_format(currency: str) -> str:
    return "$,.0f" if currency == "USD" else ",.0f"


@says_when_empty("No orders in these weeks.")
def weekly_trend(weeks, currency: str = "USD") -> alt.LayerChart:
    """`weeks` from `lib.metrics.overview.weekly`; weeks outside the selected period are drawn faded."""
    money = money_format(currency)
    tooltip = [alt.Tooltip("week_start:T", title="Week of", format="%a %d %b %Y"),
               alt.Tooltip("orders:Q", title="Orders", format=",.0f"),
               alt.Tooltip("units:Q", title="Units", format=",.0f"),
               alt.Tooltip("net_revenue_amount:Q", title=f"Net revenue ({currency})", format=money),
               alt.Tooltip("on_time_ship_rate:Q", title="On-time ship rate", format=".1%"),
               alt.Tooltip("ship_by_orders:Q", title="Shipped orders with a ship-by", format=",.0f")]
    base = alt.Chart(weeks).encode(x=alt.X("week_start:T", title="Week (Monday start)", **week_axis(weeks["week_start"])),
                                   tooltip=tooltip)
    bars = base.mark_bar(color=REVENUE, size=14).encode(
        y=alt.Y("net_revenue_amount:Q", title=f"Net revenue ({currency})", axis=alt.Axis(format=money, titleColor=REVENUE)),
        opacity=alt.when(alt.datum.in_period).then(alt.value(0.9)).otherwise(alt.value(0.3)))
    line = base.mark_line(color=RATE, point=alt.OverlayMarkDef(color=RATE, size=40)).encode(
        y=alt.Y("on_time_ship_rate:Q", title="On-time ship rate", scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".0%", titleColor=RATE)))
    return alt.layer(bars, line).resolve_scale(y="independent").properties(height=300)
