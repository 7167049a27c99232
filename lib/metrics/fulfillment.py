"""Fulfillment and delivery KPIs (METRICS.md "Fulfillment and delivery"), computed per order, never by multiplying rates.

Date basis: order date (cohort) — "of the orders placed in the period, how many …".  Every rate comes with the
number of orders it was measured on; perfect order reports how many orders failed each component (one order can
fail several).
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from . import is_missing, query
from .registry import Metric

_SRC = ("fct_orders", "fct_shipments", "fct_returns")
METRICS = (
    Metric("cycle_time_p90_hours", "Order cycle time (p90)", "First shipment's ship time (carrier pickup, else label) "
           "minus order time; median and p90. Stages: processing = label − order, dock = first scan − label, "
           "transit = delivered − first scan; click-to-door = delivered − order.",
           "p90(first shipped − ordered)", "order date", _SRC, "hours", False),
    Metric("on_time_ship_rate", "On-time ship rate", "Orders whose first carrier pickup (else ship time) is at or before "
           "the promised ship-by, over shipped orders that have a ship-by. Ship-by from the channel, else the SLA "
           "settings (cut-off, business days, holidays).", "on-time shipped orders / shipped orders with a ship-by",
           "order date", _SRC, "%"),
    Metric("on_time_delivery_rate", "On-time delivery rate", "Orders delivered on or before the end of the promised "
           "delivery date, over delivered orders with a promise. Promise from the channel, else ship date + the "
           "carrier service's transit days.", "on-time delivered orders / delivered orders with a promise",
           "order date", _SRC, "%"),
    Metric("in_full_rate", "In full", "Every ordered unit shipped (no short-ship, no partial fulfilment).",
           "orders shipped in full / shipped orders", "order date", _SRC, "%"),
    Metric("otif_rate", "OTIF", "Orders on time (delivery) AND in full, computed per order.",
           "orders on time and in full / orders where both are measurable", "order date", _SRC, "%"),
    Metric("perfect_order_rate", "Perfect order rate", "Orders on time, in full, damage-free and accurate (no "
           "wrong/missing-item return), computed per order (SCOR); failures per component are counted separately.",
           "perfect orders / orders measurable", "order date", _SRC, "%"),
    Metric("fulfillment_accuracy", "Fulfillment accuracy", "1 − orders with a fulfillment error (wrong item, missing "
           "item, wrong size sent) / orders shipped.", "1 − orders with a fulfillment error / shipped orders",
           "order date", _SRC, "%"),
    Metric("cost_per_order", "Cost per order", "(label cost incl. adjustments + 3PL pick/pack and the 3PL's other fees "
           "billed per order + packaging + allocated labor) / orders shipped. Shipping charged to customers shown "
           "separately (net shipping cost = label − shipping charged).", "fulfillment cost / shipped orders", "order date",
           ("fct_orders", "fct_shipments", "fct_fulfillment_charges", "cfg_costs"), "$", False),
    Metric("cancellation_rate", "Cancellation rate", "Orders cancelled before shipment / orders.",
           "cancelled-before-shipment orders / orders", "order date", ("fct_orders",), "%", False),
    Metric("valid_tracking_rate", "Valid tracking rate", "Shipped orders whose packages all carry a tracking number "
           "of a known carrier / shipped orders.", "orders with valid tracking / shipped orders", "order date",
           ("fct_orders", "fct_shipments"), "%"),
)

DIMENSIONS = {"channel": "channel", "warehouse": "warehouse", "carrier": "carrier", "service": "service"}


def scoped_orders(con, params: dict):
    """One row per order in scope with KPI flags and the cost stack (grain: order)."""
    return query(con, "fulfillment__orders", params)


@dataclass(frozen=True)
class FulfillmentSummary:
    orders: int
    orders_incl_cancelled: int
    shipped_orders: int
    cancelled_orders: int
    cancellation_rate: float | None
    on_time_ship_measurable: int
    on_time_ship_rate: float | None
    on_time_delivery_measurable: int
    on_time_delivery_rate: float | None
    in_full_measurable: int
    in_full_rate: float | None
    otif_measurable: int
    otif_rate: float | None
    perfect_order_rate: float | None
    perfect_fail_late: int
    perfect_fail_not_in_full: int
    perfect_fail_damaged: int
    perfect_fail_inaccurate: int
    fulfillment_accuracy: float | None
    valid_tracking_rate: float | None
    cycle_hours_median: float | None
    cycle_hours_p90: float | None
    processing_hours_median: float | None
    processing_hours_p90: float | None
    dock_hours_median: float | None
    dock_hours_p90: float | None
    transit_hours_median: float | None
    transit_hours_p90: float | None
    click_to_door_hours_median: float | None
    click_to_door_hours_p90: float | None
    label_cost_per_order: float | None
    tpl_cost_per_order: float | None
    packaging_cost_per_order: float | None
    labor_cost_per_order: float | None
    cost_per_order: float | None
    shipping_charged_per_order: float | None
    net_shipping_cost_per_order: float | None


def summary(con, params: dict) -> FulfillmentSummary:
    """The fulfillment KPIs over the orders in scope (one query)."""
    rows = breakdown(con, params, ("all",))  # the one 'all' slice: the KPIs are defined once, in the breakdown
    if rows.empty:  # no order in scope: counts are 0, rates and times unknown
        return FulfillmentSummary(**{f.name: 0 if f.type == "int" else None for f in fields(FulfillmentSummary)})
    values = {n: None if is_missing(v) else (int(v) if f.type == "int" else float(v))
              for f in fields(FulfillmentSummary) for n, v in [(f.name, rows.iloc[0][f.name])]}
    return FulfillmentSummary(**values)


def weekly(con, params: dict):
    """Cycle-time stages (median hours) and on-time rates per order week (grain: week)."""
    return query(con, "fulfillment__weekly", params)


def failing_orders(con, params: dict, component: str):
    """Orders that failed one component (late_ship, late_delivery, not_in_full, damaged, inaccurate, not_perfect)."""
    df = scoped_orders(con, params)
    masks = {
        "late_ship": df["is_on_time_ship"].eq(False),
        "late_delivery": df["is_on_time_delivery"].eq(False),
        "not_in_full": df["is_in_full"].eq(False),
        "damaged": df["has_damage"].eq(True),
        "inaccurate": df["has_fulfillment_error"].eq(True),
    }
    if component == "not_perfect":
        measurable = df["is_on_time_delivery"].notna() & df["is_in_full"].notna()
        mask = measurable & (masks["late_delivery"] | masks["not_in_full"] | masks["damaged"] | masks["inaccurate"])
    else:
        mask = masks[component]
    cols = ["order_id", "source_order_ref", "channel", "warehouse", "carrier", "service", "ordered_at", "ship_by_at",
            "first_shipped_at", "promised_delivery_date", "delivered_at", "is_on_time_ship", "is_on_time_delivery",
            "is_in_full", "has_damage", "has_fulfillment_error"]
    return df.loc[mask, cols].sort_values("ordered_at").reset_index(drop=True)


# ---------------------------------------------------------------- the same KPIs per slice and per week

# KPI key (registry) -> (field of FulfillmentSummary holding the value, field holding the orders it is measured on).
# Every rate here is a ratio of sums over orders (value = Σ numerator / Σ measured), so it can be split by slice.
KPI_FIELDS = {
    "on_time_ship_rate": ("on_time_ship_rate", "on_time_ship_measurable"),
    "on_time_delivery_rate": ("on_time_delivery_rate", "on_time_delivery_measurable"),
    "in_full_rate": ("in_full_rate", "in_full_measurable"),
    "otif_rate": ("otif_rate", "otif_measurable"),
    "perfect_order_rate": ("perfect_order_rate", "otif_measurable"),
    "fulfillment_accuracy": ("fulfillment_accuracy", "shipped_orders"),
    "valid_tracking_rate": ("valid_tracking_rate", "shipped_orders"),
    "cancellation_rate": ("cancellation_rate", "orders_incl_cancelled"),
    "cost_per_order": ("cost_per_order", "shipped_orders"),
    "cycle_time_p90_hours": ("cycle_hours_p90", "shipped_orders"),  # a quantile: not split by slice
}
BREAKDOWN_DIMENSIONS = ("channel", "warehouse", "carrier", "service", "category")
# which orders fail each rate (components of `failing_orders`; OTIF fails on either of two)
FAILING = {"on_time_ship_rate": ("late_ship",), "on_time_delivery_rate": ("late_delivery",),
           "in_full_rate": ("not_in_full",), "otif_rate": ("late_delivery", "not_in_full"),
           "perfect_order_rate": ("not_perfect",), "fulfillment_accuracy": ("inaccurate",)}


def breakdown(con, params: dict, dimensions=("channel",), by_week: bool = False):
    """The KPIs of `summary` per slice (grain: one row per period × dimension × slice, see fulfillment__breakdown.sql).

    Columns: period (order week, Monday, when `by_week`), dimension, slice, then every FulfillmentSummary field.
    Dimension 'category' counts an order in each category it contains (like the category filter);
    'primary_category' and 'primary_sku' assign each order to its largest line, so those slices add up.
    """
    return query(con, "fulfillment__breakdown", {**params, "dimensions": list(dimensions), "by_week": bool(by_week)})


def weekly_summary(con, params: dict):
    """Every KPI of `summary` per order week (grain: one row per week with orders, Monday = week_start)."""
    df = breakdown(con, params, ("all",), by_week=True)
    return df.drop(columns=["dimension", "slice"]).rename(columns={"period": "week_start"}).reset_index(drop=True)


def failing_orders_for(con, params: dict, kpi: str, dimension: str | None = None, value: str | None = None):
    """Orders that failed the rate `kpi` (keys of FAILING, the same orders as `failing_orders` of its components),
    optionally within one slice of a breakdown dimension (grain: one row per failing order, by order time)."""
    if kpi not in FAILING:
        raise ValueError(f"no failing orders for {kpi!r}")
    p = dict(params)
    lists = {"channel": "channels", "warehouse": "warehouses", "carrier": "carriers", "category": "categories"}
    if dimension in lists and value is not None:
        p[lists[dimension]] = [value]
    return query(con, "fulfillment__failing", {**p, "kpi": kpi, "service": value if dimension == "service" else None})
