"""Marketplace account health per channel (METRICS.md "Fulfillment and delivery" marketplace rows, "Customer" ODR),
against the thresholds the marketplaces publish (`marketplace_thresholds.csv`: data, not code).

Windows are trailing order-date windows ending on the `as_of` day (default: the filters' end date):
* late shipment rate — shipped orders with a ship-by that shipped after it / those orders, 10 and 30 days
  (Amazon: under 4 %);
* cancellation rate — orders cancelled before shipment / orders, 7 days where Amazon measures it (under 2.5 %) and
  30 days otherwise (Walmart: under 2 %);
* valid tracking rate — packages with a tracking number of a known carrier / packages, 30 days (Walmart: ≥ 99 %);
* order defect rate — `customer.order_defects`, 60 days (Amazon: under 1 %), where the data allows.
Only seller-fulfilled orders count for the first three (Amazon FBA orders are Amazon's to ship).  The valid tracking
rate here counts packages, as METRICS.md says; the fulfillment page's valid tracking rate counts orders whose
packages all have valid tracking (registry key `valid_tracking_rate`).
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import customer, is_missing, query
from .registry import Metric

THRESHOLDS_FILE = Path(__file__).with_name("marketplace_thresholds.csv")
METRICS = (
    Metric("late_shipment_rate", "Late shipment rate", "Seller-fulfilled orders shipped (first carrier pickup, else "
           "label) after the promised ship-by / seller-fulfilled shipped orders with a ship-by, over the last 10 and "
           "30 days of order dates. Amazon's threshold: under 4 %.", "late shipped orders / shipped orders with a "
           "ship-by", "order date (10 / 30-day window)", ("fct_orders",), "%", False),
    Metric("package_valid_tracking_rate", "Valid tracking rate (packages)", "Packages of seller-fulfilled orders with "
           "a tracking number of a known carrier / packages, last 30 days of order dates. Walmart's threshold: at "
           "least 99 %.", "packages with valid tracking / packages", "order date (30-day window)",
           ("fct_orders", "fct_shipments"), "%"),
)
NAMES = {"late_shipment_rate": "Late shipment rate", "cancellation_rate": "Cancellation rate",
         "valid_tracking_rate": "Valid tracking rate (packages)", "order_defect_rate": "Order defect rate"}
# windows shown for every channel, whether or not its marketplace publishes a threshold
DEFAULT_WINDOWS = {"late_shipment_rate": (10, 30), "cancellation_rate": (30,), "valid_tracking_rate": (30,),
                   "order_defect_rate": (customer.ODR_WINDOW_DAYS,)}
HIGHER_IS_BETTER = {"late_shipment_rate": False, "cancellation_rate": False, "valid_tracking_rate": True,
                    "order_defect_rate": False}


@dataclass(frozen=True)
class Threshold:
    channel: str
    metric: str
    window_days: int
    limit: float
    comparison: str  # "below": rate < limit passes; "at_least": rate ≥ limit passes
    source: str

    def passes(self, rate: float) -> bool:
        return rate < self.limit if self.comparison == "below" else rate >= self.limit


def thresholds() -> list[Threshold]:
    with open(THRESHOLDS_FILE, newline="", encoding="utf-8") as f:
        return [Threshold(r["channel"].strip().lower(), r["metric"].strip(), int(r["window_days"]), float(r["limit"]),
                          r["comparison"].strip(), r["source"].strip()) for r in csv.DictReader(f)]


def _ratio(num, den):
    return float(num) / float(den) if den else None


def health(con, params: dict, as_of: dt.date | None = None, defects: pd.DataFrame | None = None) -> pd.DataFrame:
    """Account health per channel (grain: one row per channel × metric × window).

    Columns: channel, metric, metric_name, window_days, window_start, window_end, numerator, denominator, rate,
    threshold, comparison, status ('ok' | 'breach' | 'no threshold' | 'no data'), source.  `defects`: the
    `customer.order_defects` frame at `as_of` when the caller already has it.
    """
    as_of = as_of or params["end"]
    limits = thresholds()
    windows = sorted({w for m, ws in DEFAULT_WINDOWS.items() if m != "order_defect_rate" for w in ws}
                     | {t.window_days for t in limits if t.metric != "order_defect_rate"})
    rows = query(con, "marketplace__health", {**params, "as_of": as_of, "windows": windows})
    counts = {  # metric -> (numerator column, denominator column)
        "late_shipment_rate": ("late_shipped_orders", "ship_measurable_orders"),
        "cancellation_rate": ("cancelled_orders", "orders"),
        "valid_tracking_rate": ("valid_tracking_packages", "packages"),
    }
    measured = {}
    for r in rows.itertuples(index=False):
        for metric, (num, den) in counts.items():
            measured[(r.channel, metric, int(r.window_days))] = (getattr(r, num), getattr(r, den), r.window_start)
    odr = defects if defects is not None else customer.order_defects(con, {**params, "end": as_of})
    for r in odr[~odr["is_total"]].itertuples(index=False):
        rate = r.order_defect_rate
        measured[(r.channel, "order_defect_rate", customer.ODR_WINDOW_DAYS)] = (
            None if is_missing(rate) else r.defective_orders, r.orders, r.window_start)
    channels = sorted({k[0] for k in measured})
    by_key = {(t.channel, t.metric, t.window_days): t for t in limits}
    wanted = {(c, m, w) for c in channels for m, ws in DEFAULT_WINDOWS.items() for w in ws}
    wanted |= {k for k in by_key if k[0] in channels}
    out = []
    for channel, metric, window in sorted(wanted, key=lambda k: (k[0], list(NAMES).index(k[1]), k[2])):
        num, den, start = measured.get((channel, metric, window), (None, 0, as_of - dt.timedelta(days=window - 1)))
        rate = _ratio(num, den) if num is not None else None
        t = by_key.get((channel, metric, window))
        status = "no data" if rate is None else "no threshold" if t is None else "ok" if t.passes(rate) else "breach"
        out.append({"channel": channel, "metric": metric, "metric_name": NAMES[metric], "window_days": window,
                    "window_start": pd.Timestamp(start).date(), "window_end": as_of,
                    "numerator": None if num is None else float(num), "denominator": float(den or 0), "rate": rate,
                    "threshold": t.limit if t else None, "comparison": t.comparison if t else None, "status": status,
                    "source": t.source if t else ""})
    cols = ["channel", "metric", "metric_name", "window_days", "window_start", "window_end", "numerator", "denominator",
            "rate", "threshold", "comparison", "status", "source"]
    return pd.DataFrame(out, columns=cols)


def breaches(df: pd.DataFrame) -> pd.DataFrame:
    """The rows of `health` that miss their marketplace's threshold (grain: channel × metric × window)."""
    return df[df["status"] == "breach"].reset_index(drop=True)
