"""Charts of the Inventory page (frames from `lib.metrics.inventory`): weekly inventory value and stock-out rate,
the ABC × XYZ matrix, and the SKUs holding the most excess or aged stock."""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import COUNT, money_format, says_when_empty, week_axis

VALUE, STOCKOUT, EXCESS, AGED = "#1f6feb", "#d1495b", "#e3b341", "#8250df"


@says_when_empty("No inventory snapshots in this period.")
def weekly_chart(weekly: pd.DataFrame, currency: str = "USD") -> alt.VConcatChart:
    """Average inventory value at cost per week, and the share of active SKU-days out of stock."""
    d = weekly.assign(week_start=pd.to_datetime(weekly["week_start"]))
    x = alt.X("week_start:T", title="Week (Monday start)", **week_axis(d["week_start"], "%d %b %y"))
    tip = [alt.Tooltip("week_start:T", title="Week of", format="%d %b %Y"),
           alt.Tooltip("avg_inventory_value_amount:Q", title=f"Inventory at cost ({currency})", format=money_format(currency)),
           alt.Tooltip("avg_units_on_hand:Q", title="Units on hand", format=",.0f"),
           alt.Tooltip("stockout_rate:Q", title="Stock-out rate", format=".1%")]
    value = alt.Chart(d).mark_area(color=VALUE, opacity=0.35, line=True).encode(
        x=x, y=alt.Y("avg_inventory_value_amount:Q", title=f"Inventory at cost ({currency})",
                       axis=alt.Axis(format=money_format(currency))), tooltip=tip).properties(height=200)
    rate = alt.Chart(d).mark_line(color=STOCKOUT, point=True).encode(
        x=x, y=alt.Y("stockout_rate:Q", title="Stock-out rate", axis=alt.Axis(format=".0%")), tooltip=tip).properties(height=140)
    return alt.vconcat(value, rate).resolve_scale(x="shared")


@says_when_empty("No SKUs with sales in this period to classify.")
def abc_xyz_heatmap(matrix: pd.DataFrame, currency: str = "USD") -> alt.LayerChart:
    """SKU count and revenue per ABC × XYZ cell (A-X: steady best-sellers … C-Z: erratic tail)."""
    base = alt.Chart(matrix).encode(
        x=alt.X("xyz_class:N", title="XYZ (weekly demand variability)", sort=["X", "Y", "Z"]),
        y=alt.Y("abc_class:N", title="ABC (revenue)", sort=["A", "B", "C"]),
        tooltip=[alt.Tooltip("abc_class:N", title="ABC"), alt.Tooltip("xyz_class:N", title="XYZ"),
                 alt.Tooltip("skus:Q", title="SKUs", format=COUNT),
                 alt.Tooltip("revenue_amount:Q", title=f"Revenue ({currency})", format=money_format(currency))])
    cells = base.mark_rect().encode(color=alt.Color("revenue_amount:Q", title=f"Revenue ({currency})", scale=alt.Scale(scheme="blues"),
                                            legend=alt.Legend(format=money_format(currency))))
    text = base.mark_text(fontSize=13).encode(text=alt.Text("skus:Q"))
    return alt.layer(cells, text).properties(height=220)


@says_when_empty("No excess or aged stock at these thresholds.")
def excess_aged_bars(df: pd.DataFrame, top: int = 15, currency: str = "USD") -> alt.Chart:
    """Value of excess and aged stock for the SKUs holding the most (the two overlap: aged stock is often excess)."""
    d = df.head(top).melt(id_vars=["sku", "product_name", "on_hand", "days_of_supply"],
                          value_vars=["excess_value_amount", "aged_value_amount"], var_name="kind", value_name="value")
    d["kind"] = d["kind"].map({"excess_value_amount": "Excess", "aged_value_amount": "Aged"})
    return alt.Chart(d).mark_bar().encode(
        y=alt.Y("sku:N", title=None, sort=list(df.head(top)["sku"])),
        x=alt.X("value:Q", title=f"Value at cost ({currency})", axis=alt.Axis(format=money_format(currency))),
        yOffset="kind:N",
        color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=["Excess", "Aged"], range=[EXCESS, AGED])),
        tooltip=[alt.Tooltip("sku:N", title="SKU"), alt.Tooltip("product_name:N", title="Product"),
                 alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("value:Q", title=f"Value ({currency})", format=money_format(currency)),
                 alt.Tooltip("on_hand:Q", title="On hand", format=",.0f"),
                 alt.Tooltip("days_of_supply:Q", title="Days of supply", format=",.0f")]).properties(height=max(160, 22 * min(top, len(df))))
