"""Inventory KPIs (METRICS.md "Inventory and demand"): turnover, days of supply, sell-through, stock-out rate and
estimated lost sales, GMROI, ABC/XYZ, excess and aged stock with their value.

Date basis: snapshot date.  Stock-based KPIs are measured over the **inventory window** — the days of the period
that have inventory snapshots — and COGS / units sold over the same days, so that a two-year period with twelve
weeks of snapshots does not inflate turnover.  Stock is a SKU's total over all locations; the channel and
warehouse filters do not apply (stock is shared by channels and sales are not recorded per location); the
category filter does.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from . import composed, query, used_params
from ..workspace.settings import DEFAULTS as SETTINGS_DEFAULTS
from .registry import Metric

_SRC = ("fct_inventory_daily", "fct_order_lines", "fct_purchase_orders", "dim_products")
METRICS = (
    Metric("inventory_turnover", "Inventory turnover", "COGS of the period / average inventory value at cost over "
           "the period's snapshot days; annualised figure alongside (× 365 / days). Unit turnover (units sold / "
           "average units on hand) as an option.", "COGS / average inventory value at cost", "snapshot date", _SRC,
           "x", alternative="Unit turnover: units sold / average units on hand"),
    Metric("days_of_supply", "Days of supply", "Units on hand / average daily units sold on in-stock days over the "
           "trailing 28 days. The forecast page shows the forecast-based days of cover (on hand / forecast daily "
           "demand).", "units on hand / in-stock average daily units (28 days)", "snapshot date", _SRC, "days", False),
    Metric("sell_through_rate", "Sell-through (units sold / (opening on hand + received))", "Units sold in the period "
           "/ (units on hand at the period start + units received in the period).",
           "units sold / (opening on hand + units received)", "snapshot date", _SRC, "%",
           alternative="Amazon: units shipped in the trailing 90 days / average units on hand over those 90 days"),
    Metric("stockout_rate", "Stock-out rate", "SKU-days with nothing available (all locations) / SKU-days of active "
           "SKUs. Estimated lost sales = out-of-stock days × the SKU's in-stock average daily demand.",
           "stock-out SKU-days / active SKU-days", "snapshot date", _SRC, "%", False),
    Metric("gmroi", "GMROI", "Gross margin (net sales − landed COGS) of the period / average inventory at cost.",
           "gross margin / average inventory cost", "snapshot date", _SRC, "x"),
    Metric("abc_class", "ABC class", "Cumulative revenue share: A = the SKUs making the first 80 % of revenue, B the "
           "next 15 %, C the last 5 % (cut-offs configurable).", "cumulative revenue share", "order date",
           ("fct_order_lines",), "class"),
    Metric("xyz_class", "XYZ class", "Coefficient of variation of weekly demand: X < 0.5, Y 0.5–1.0, Z ≥ 1.0.",
           "σ / mean of weekly units", "order date", ("fct_order_lines",), "class"),
    Metric("excess_stock_value", "Excess stock", "Units on hand beyond the excess threshold (default 90 days) of "
           "supply at the trailing 28-day in-stock demand rate, valued at landed cost.",
           "max(0, on hand − threshold × daily demand) × cost", "snapshot date", _SRC, "$", False),
    Metric("aged_stock_value", "Aged stock", "Units on hand older than the age threshold (default 180 days), first in "
           "first out: on hand minus the units received within the threshold, valued at landed cost.",
           "max(0, on hand − units received in the last N days) × cost", "snapshot date", _SRC, "$", False),
)

DEFAULTS = dict(SETTINGS_DEFAULTS["inventory"])  # the thresholds' defaults: the settings' `inventory` section


def _params(params, **over) -> dict:
    """The SQL parameters: the shared filters (a `Filters` or its `as_params()` dict), thresholds, overrides."""
    params = params.as_params() if hasattr(params, "as_params") else dict(params or {})
    return {**DEFAULTS, **params, **{k: v for k, v in over.items() if v is not None}}


def sku_table(con, params: dict, excess_days: int | None = None, aged_days: int | None = None):
    """Inventory KPIs per SKU over the inventory window (grain: SKU)."""
    return query(con, "inventory__sku", _params(params, excess_days=excess_days, aged_days=aged_days))


@dataclass(frozen=True)
class InventorySummary:
    window_start: object
    window_end: object
    window_days: int | None
    skus: int
    units_on_hand: float | None
    inventory_value_amount: float | None
    avg_inventory_value_amount: float | None
    cogs_amount: float | None
    inventory_turnover: float | None
    inventory_turnover_annualised: float | None
    unit_turnover: float | None
    days_of_supply: float | None
    sell_through_rate: float | None
    sell_through_amazon_90d: float | None
    stockout_rate: float | None
    stockout_sku_days: float | None
    active_sku_days: float | None
    lost_sales_units: float | None
    lost_sales_amount: float | None
    gross_margin_amount: float | None
    gmroi: float | None
    excess_units: float | None
    excess_value_amount: float | None
    aged_units: float | None
    aged_value_amount: float | None


def summary(con, params: dict, excess_days: int | None = None, aged_days: int | None = None) -> InventorySummary:
    """The pooled inventory KPIs (one query)."""
    p = _params(params, excess_days=excess_days, aged_days=aged_days)
    cur = con.execute(composed("inventory__summary"), used_params("inventory__summary", p))
    row = cur.fetchall()[0]
    names = [d[0] for d in cur.description]
    values = {n: (float(v) if v is not None and not isinstance(v, (bool, str)) and hasattr(v, "__float__")
                  and n not in ("window_start", "window_end", "skus", "window_days") else v) for n, v in zip(names, row)}
    return InventorySummary(**{f.name: values[f.name] for f in fields(InventorySummary)})


def abc_xyz(con, params: dict, a_cut: float | None = None, b_cut: float | None = None,
            x_cut: float | None = None, z_cut: float | None = None):
    """ABC (revenue) and XYZ (weekly demand variability) per SKU sold in the period (grain: SKU)."""
    return query(con, "inventory__abc_xyz", _params(params, a_cut=a_cut, b_cut=b_cut, x_cut=x_cut, z_cut=z_cut))


def abc_xyz_matrix(df):
    """SKU counts and revenue per ABC × XYZ cell (grain: cell)."""
    if df is None or len(df) == 0:
        import pandas as pd
        return pd.DataFrame(columns=["abc_class", "xyz_class", "skus", "revenue_amount"])
    return (df.groupby(["abc_class", "xyz_class"], as_index=False)
              .agg(skus=("sku", "count"), revenue_amount=("revenue_amount", "sum")))


def excess_and_aged(con, params: dict, excess_days: int | None = None, aged_days: int | None = None):
    """SKUs holding excess or aged stock, largest value first (grain: SKU)."""
    df = sku_table(con, params, excess_days, aged_days)
    df = df[(df["excess_units"] > 0) | (df["aged_units"] > 0)].copy()
    df["at_risk_value_amount"] = df[["excess_value_amount", "aged_value_amount"]].max(axis=1)
    cols = ["sku", "product_name", "category", "supplier", "on_hand", "daily_demand_28d", "days_of_supply",
            "excess_units", "excess_value_amount", "aged_units", "aged_value_amount", "at_risk_value_amount"]
    return df.sort_values("at_risk_value_amount", ascending=False)[cols].reset_index(drop=True)


def weekly(con, params: dict):
    """Average inventory value and stock-out rate per week (grain: week)."""
    return query(con, "inventory__weekly", _params(params))
