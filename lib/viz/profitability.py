"""Charts and display tables for the profitability page: frames in, Altair specs or display frames out (no queries,
no st.*)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..metrics import names
from . import money_format, nothing_to_chart, says_when_empty

KIND_COLOURS = {"total": "#455a64", "increase": "#2e7d32", "decrease": "#c62828"}
RANKING_COLUMNS = {  # column -> title shown (display frames keep numbers as numbers; the page formats them)
    "rank": "Rank", "sku": "SKU", "product_name": "Product", "category": "Category", "channel": "Channel",
    "units": "Units", "net_revenue_amount": "Net revenue", "cogs_amount": "Landed COGS",
    "marketplace_fee_amount": "Marketplace fees", "payment_fee_amount": "Payment fees",
    "fulfillment_amount": "Fulfillment", "label_cost_amount": "Label cost", "returns_cost_amount": "Returns cost",
    "dispute_cost_amount": "Chargebacks & dispute fees", "ad_spend_amount": "Ad spend", "contribution_margin_amount": "Contribution margin",
    "contribution_margin_per_unit": "Margin / unit", "margin_rate": "Margin %", "units_without_cost": "Units without cost",
}
PATH_COLUMNS = {
    "sku": "SKU", "product_name": "Product", "units": "Units", "current_path": "Ships now mostly via",
    "size_tier": "FBA size tier", "shipping_weight_lb": "Shipping weight (lb)",
    "margin_before_fulfillment_per_unit": "Margin before fulfillment / unit",
    "fba_cost_per_unit": "FBA / unit", "own_warehouse_cost_per_unit": "Own warehouse / unit", "tpl_cost_per_unit": "3PL / unit",
    "recommended_path": "Cheapest path", "recommendation": "Recommendation", "saving_amount": "Saving in period",
}


@says_when_empty("No sales in this selection.")
def waterfall_chart(steps: pd.DataFrame, title: str = "", currency: str = "USD") -> alt.Chart:
    """Bars from each step's start to end (totals from 0), coloured by kind, with the amount and share in tooltips."""
    df = steps.assign(low=steps[["start", "end"]].min(axis=1), high=steps[["start", "end"]].max(axis=1),
                      share=steps["share_of_net_revenue"])
    order = list(df["label"])
    base = alt.Chart(df, title=title) if title else alt.Chart(df)
    bars = base.mark_bar(size=36).encode(
        x=alt.X("label:N", sort=order, title=None, axis=alt.Axis(labelAngle=-35, labelLimit=220, labelOverlap=False)),
        y=alt.Y("low:Q", title=f"Amount ({currency})", axis=alt.Axis(format=money_format(currency))), y2="high:Q",
        color=alt.Color("kind:N", scale=alt.Scale(domain=list(KIND_COLOURS), range=list(KIND_COLOURS.values())),
                        legend=alt.Legend(title=None, orient="top")),
        tooltip=[alt.Tooltip("label:N", title="Step"), alt.Tooltip("amount:Q", title=f"Amount ({currency})", format=",.2f"),
                 alt.Tooltip("share:Q", title="Share of net revenue", format=".1%"),
                 alt.Tooltip("end:Q", title=f"Running total ({currency})", format=",.2f")])
    return bars.properties(height=360)


def quadrant_chart(quad: pd.DataFrame) -> alt.Chart:
    """Margin rate × units per SKU (log units), coloured by quadrant, with the split lines."""
    df = quad[["sku", "product_name", "category", "units", "net_revenue_amount", "contribution_margin_amount",
               "margin_rate", "quadrant"]].dropna(subset=["margin_rate"])
    if df.empty:
        return nothing_to_chart("No SKU with net revenue in this selection.")
    v, m = float(quad["volume_split"].iloc[0]), float(quad["margin_split"].iloc[0])
    points = alt.Chart(df).mark_circle(opacity=0.75).encode(
        x=alt.X("units:Q", scale=alt.Scale(type="log"), title="Units sold (log)", axis=alt.Axis(format=",.0f")),
        y=alt.Y("margin_rate:Q", title="Contribution margin %", axis=alt.Axis(format="%")),
        size=alt.Size("net_revenue_amount:Q", title="Net revenue", legend=None),
        color=alt.Color("quadrant:N", title=None, legend=alt.Legend(orient="bottom", columns=2)),
        tooltip=[alt.Tooltip("sku:N", title="SKU"), alt.Tooltip("product_name:N", title="Product"),
                 alt.Tooltip("category:N", title="Category"), alt.Tooltip("units:Q", title="Units", format=","),
                 alt.Tooltip("net_revenue_amount:Q", title="Net revenue", format=",.2f"),
                 alt.Tooltip("contribution_margin_amount:Q", title="Margin", format=",.2f"),
                 alt.Tooltip("margin_rate:Q", title="Margin %", format=".1%"), alt.Tooltip("quadrant:N", title="Quadrant")])
    vline = alt.Chart(pd.DataFrame({"units": [v]})).mark_rule(strokeDash=[4, 4], color="#607d8b").encode(x="units:Q")
    hline = alt.Chart(pd.DataFrame({"margin_rate": [m]})).mark_rule(strokeDash=[4, 4], color="#607d8b").encode(y="margin_rate:Q")
    return (points + vline + hline).properties(height=380)


@says_when_empty("No SKUs in this selection.")
def path_cost_chart(paths: pd.DataFrame, top: int = 15, currency: str = "USD") -> alt.Chart:
    """Per-unit cost of each fulfillment path for the SKUs with the largest savings (grouped bars)."""
    df = paths.head(top)[["sku", "fba_cost_per_unit", "own_warehouse_cost_per_unit", "tpl_cost_per_unit", "recommended_path"]]
    long = df.melt(id_vars=["sku", "recommended_path"], var_name="path", value_name="cost_per_unit").dropna()
    long["path"] = long["path"].map({"fba_cost_per_unit": "FBA", "own_warehouse_cost_per_unit": "Own warehouse",
                                     "tpl_cost_per_unit": "3PL"})
    if long.empty:
        return nothing_to_chart("No SKU has a cost for any fulfillment path in this selection (weights and fee cards "
                                "or 3PL invoices are needed).")
    return alt.Chart(long).mark_bar().encode(
        y=alt.Y("sku:N", sort=list(df["sku"]), title=None), x=alt.X("cost_per_unit:Q", title=f"Cost per unit ({currency})",
                                                                   axis=alt.Axis(format=money_format(currency).replace(".0f", ".2~f"))),
        yOffset="path:N", color=alt.Color("path:N", title="Path", legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("sku:N", title="SKU"), alt.Tooltip("path:N", title="Path"),
                 alt.Tooltip("cost_per_unit:Q", title=f"Cost per unit ({currency})", format=",.2f"),
                 alt.Tooltip("recommended_path:N", title="Cheapest")]).properties(height=alt.Step(8))


def display(df: pd.DataFrame, columns: dict) -> pd.DataFrame:
    """The listed columns that exist, renamed to their titles (numbers stay numbers, channels by name)."""
    keep = [c for c in columns if c in df.columns]
    return names.display_frame(df[keep]).rename(columns=columns)
