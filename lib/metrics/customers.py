"""Customers and retention (METRICS.md "Customers and retention"): new vs returning orders, repeat-purchase rates by
first-order cohort, time to second order, and the same split by what the first order was (channel, category, how it
was delivered: the operations lever on retention).

* Customer: the order's `customer_key` (fct_orders): the export's customer id, else the buyer's normalised e-mail,
  hashed (SHA-256) in staging and never shown. Exports that name no buyer (Amazon's All Orders report, Walmart's
  order report) leave their orders "not identifiable": counted and named, never matched by guess.
* Returning order: an order in revenue whose customer had an earlier order in revenue (fct_customer_orders).
* Repeat-purchase rate within N days: cohort customers (first order in the period, matching the filters by its own
  values) whose second order came within N days of the first / those cohort customers whose first order is at least
  N days before the data's last order date (mature). A cohort month's cell is shown only once every customer of it
  is mature: an immature cell is blank (NA), never 0.
* Time to second order: median calendar days from the first to the second order, among the customers who ordered
  again.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import query
from .registry import Metric

WINDOWS = (30, 60, 90, 365)  # days
DEFAULT_WINDOW = 90
DIMENSIONS = {"first_channel": "First channel", "first_category": "First product category",
              "first_order_experience": "First delivery"}
EXPERIENCES = {"on_time": "On time", "late": "Late", "damaged": "Damaged or lost", "returned": "Returned (on time)",
               "not_measurable": "Not measurable"}
ORDER_TYPES = {"new": "New customers", "returning": "Returning customers", "unidentified": "Not identifiable"}
BANDS = {1: "0–7 days", 2: "8–30 days", 3: "31–60 days", 4: "61–90 days", 5: "91–180 days", 6: "181–365 days",
         7: "over 365 days"}

_SRC = ("fct_customer_orders", "dim_customers", "fct_orders")
METRICS = (
    Metric("returning_order_share", "Returning orders", "Orders placed by a customer who had an earlier order (not "
           "cancelled before shipment) / orders whose customer is identifiable. Customer = the export's customer id, "
           "else the buyer's normalised e-mail (hashed, never shown); orders of exports that name no buyer (Amazon "
           "All Orders, Walmart) are not identifiable and left out of the share, counted apart.",
           "returning orders / identifiable orders", "order date", _SRC, "%"),
    Metric("repeat_rate_90d", "Repeat-purchase rate (90 days)", "Customers whose first order falls in the period and "
           "who placed a second order within 90 days of it / those customers whose first order is at least 90 days "
           "before the data's last order date (mature). The same with 30, 60 and 365 days; a cohort month counts "
           "only once all its customers are mature (immature cells are blank, not 0).",
           "customers with a 2nd order ≤ N days after the 1st / mature cohort customers", "first-order date",
           _SRC, "%", alternative="Customer-level maturity in every split; cohort cells need the whole month mature."),
    Metric("days_to_second_order", "Time to second order", "Median calendar days from a customer's first order to "
           "their second, among the customers of the period's cohorts who ordered again.",
           "median(second order date − first order date)", "first-order date", _SRC, "days", False),
    Metric("repeat_rate_by_first_experience", "Repeat rate by first delivery", "The 90-day repeat-purchase rate "
           "split by how the customer's first order was fulfilled, one class each in this order: damaged or lost "
           "(a shipment damaged or lost, or a carrier-damage return), late (delivered after the promise), returned "
           "(on time, but a unit came back), on time, not measurable (not delivered, or no promise).",
           "repeat rate per first-delivery class", "first-order date", _SRC, "%"),
)


@dataclass(frozen=True)
class CustomerSummary:
    orders: int  # orders in revenue in the period
    identifiable_orders: int
    new_orders: int
    returning_orders: int
    returning_order_share: float | None  # None without identifiable orders
    new_customers: int  # cohort customers (first order in the period)
    mature_customers: int  # of them, mature for the window
    repeat_customers: int
    repeat_rate: float | None  # None when no cohort customer is mature yet
    window_days: int
    median_days_to_second_order: float | None


def _params(f) -> dict:
    return f.as_params() if hasattr(f, "as_params") else dict(f)


def _run(con, name: str, params: dict) -> pd.DataFrame:
    return query(con, name, params)


def weekly(con, f) -> pd.DataFrame:
    """New, returning and not identifiable orders and net revenue (reporting currency) per order week (grain: week ×
    customer_order_type; columns week_start, customer_order_type, orders, net_revenue_amount, orders_without_fx_rate)."""
    df = _run(con, "customers__weekly", _params(f))
    df["week_start"] = pd.to_datetime(df["week_start"])
    return df


def weekly_wide(weeks: pd.DataFrame) -> pd.DataFrame:
    """`weekly` as one row per week: orders and net revenue of new, returning and not identifiable customers and the
    week's returning-order share (returning / identifiable orders; NA in a week without identifiable orders)."""
    cols = ["week_start", "new_orders", "returning_orders", "unidentified_orders", "returning_order_share",
            "new_net_revenue_amount", "returning_net_revenue_amount", "unidentified_net_revenue_amount",
            "orders_not_converted"]
    if weeks.empty:
        return pd.DataFrame(columns=cols)
    wide = weeks.pivot_table(index="week_start", columns="customer_order_type", values=["orders", "net_revenue_amount"],
                             aggfunc="sum", fill_value=0)
    out = pd.DataFrame(index=wide.index)
    for t in ORDER_TYPES:
        out[f"{t}_orders"] = wide["orders"][t].astype("int64") if t in wide["orders"] else 0
    for t in ORDER_TYPES:
        out[f"{t}_net_revenue_amount"] = wide["net_revenue_amount"][t].astype("float64") if t in wide["orders"] else 0.0
    ident = out["new_orders"] + out["returning_orders"]
    out["returning_order_share"] = (out["returning_orders"] / ident.where(ident > 0)).astype("Float64")
    out["orders_not_converted"] = weeks.groupby("week_start")["orders_without_fx_rate"].sum().astype("int64")
    return out.reset_index()[cols]


def identification(con, f) -> pd.DataFrame:
    """Orders per export and channel and how many name their customer (grain: source × channel; columns source,
    channel, orders, identifiable_orders, identified_by, identifiable_share)."""
    df = _run(con, "customers__identification", _params(f))
    df["identifiable_share"] = (df["identifiable_orders"] / df["orders"]).astype("float64")
    return df


def repeat_rates(con, f, dimension: str = "all", windows=WINDOWS) -> pd.DataFrame:
    """Repeat-purchase rates per slice of `dimension` ('all', 'cohort_month', or a key of DIMENSIONS) and window
    (grain: slice × window_days; columns slice, window_days, customers, mature_customers, repeat_customers,
    repeaters, median_days_to_second_order, is_complete, repeat_rate). repeat_rate is over the mature customers
    (NA when none is); is_complete: every customer of the slice is mature for the window."""
    df = _run(con, "customers__repeat_rates", {**_params(f), "dimension": dimension, "windows": list(windows)})
    mature = df["mature_customers"].astype("Int64")
    df["is_complete"] = (mature == df["customers"]).astype(bool)
    df["repeat_rate"] = (df["repeat_customers"].astype("Float64") / mature.where(mature > 0).astype("Float64"))
    df["median_days_to_second_order"] = df["median_days_to_second_order"].astype("Float64")
    return df


def cohort_triangle(con, f, windows=WINDOWS) -> pd.DataFrame:
    """The cohort triangle: repeat rate per first-order month and window, blank (NA) where the month is not yet
    mature for the window (grain: cohort_month × window_days; columns cohort_month (first day, a date),
    window_days, customers, repeat_customers, repeat_rate, is_complete)."""
    df = repeat_rates(con, f, "cohort_month", windows)
    df["repeat_rate"] = df["repeat_rate"].where(df["is_complete"])
    df["repeat_customers"] = df["repeat_customers"].astype("Int64").where(df["is_complete"])
    df.insert(0, "cohort_month", pd.to_datetime(df.pop("slice") + "-01"))
    return df[["cohort_month", "window_days", "customers", "repeat_customers", "repeat_rate", "is_complete"]]


def by_first_order(con, f, dimension: str, window_days: int = DEFAULT_WINDOW) -> pd.DataFrame:
    """The repeat rate within `window_days` by a trait of the first order (a key of DIMENSIONS), over the mature
    customers (grain: one row per slice; columns slice (display name), customers, mature_customers,
    repeat_customers, repeat_rate, median_days_to_second_order), largest slices first."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    df = repeat_rates(con, f, dimension, (window_days,)).drop(columns=["window_days", "is_complete", "repeaters"])
    if dimension == "first_order_experience":
        df["slice"] = df["slice"].map(lambda s: EXPERIENCES.get(s, s))
    return df.sort_values(["customers", "slice"], ascending=[False, True]).reset_index(drop=True)


def second_order_days(con, f) -> pd.DataFrame:
    """How long the repeaters took to order again (grain: one row per band with repeaters; columns band_order, band,
    customers, share)."""
    df = _run(con, "customers__second_order_days", _params(f))
    df.insert(1, "band", df["band_order"].map(BANDS))
    df["share"] = (df["customers"] / df["customers"].sum()).astype("float64") if len(df) else pd.Series(dtype="float64")
    return df


def summary(con, f, window_days: int = DEFAULT_WINDOW) -> CustomerSummary:
    """The page's headline numbers for the shared filters."""
    w = weekly(con, f)
    n = w.groupby("customer_order_type")["orders"].sum()
    new, ret, unid = (int(n.get(k, 0)) for k in ("new", "returning", "unidentified"))
    r = repeat_rates(con, f, "all", (window_days,))
    row = r.iloc[0] if len(r) else None
    ident = new + ret
    return CustomerSummary(
        orders=ident + unid, identifiable_orders=ident, new_orders=new, returning_orders=ret,
        returning_order_share=ret / ident if ident else None,
        new_customers=int(row.customers) if row is not None else 0,
        mature_customers=int(row.mature_customers) if row is not None else 0,
        repeat_customers=int(row.repeat_customers) if row is not None else 0,
        repeat_rate=None if row is None or pd.isna(row.repeat_rate) else float(row.repeat_rate),
        window_days=window_days,
        median_days_to_second_order=None if row is None or pd.isna(row.median_days_to_second_order)
        else float(row.median_days_to_second_order))
