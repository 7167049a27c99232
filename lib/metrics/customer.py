"""Customer KPIs (METRICS.md "Customer"): CSAT with the mean score, and the order defect rate where the data allows.

* CSAT = responses scored 4–5 on the 1–5 scale / responses; the mean score alongside.  Date basis: the response
  date (event) — "the responses received this week".  Scores outside 1–5 are not responses.  The channel filter
  applies to the response; warehouse, carrier and category apply through the order the response names.
* Order defect rate = orders with negative feedback / orders placed in the 60 days ending on the period's last day.
  Negative feedback = a CSAT response scored 1–2 naming the order (Amazon counts 1–2 star feedback as negative).
  A-to-z claims and chargebacks are in no export Opsdesk reads, so they are left out: the rate is a lower bound, and
  it is None (not measurable) where no response names an order of the slice.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import query
from .registry import Metric

_SRC = ("fct_csat", "fct_orders")
METRICS = (
    Metric("csat", "CSAT", "Survey responses scored 4 or 5 on the 1–5 scale / responses received. The channel filter "
           "applies to the response; warehouse, carrier and category through the order it names.",
           "responses scored 4–5 / responses", "response date", _SRC, "%"),
    Metric("csat_mean_score", "CSAT mean score", "Mean score of the responses received (1–5).", "Σ score / responses",
           "response date", _SRC, "score"),
    Metric("order_defect_rate", "Order defect rate", "Orders with negative feedback (a response scored 1–2 naming the "
           "order) / orders placed in the 60 days to the period's end. A-to-z claims and chargebacks are not in any "
           "export Opsdesk reads and are not counted; not measurable where no response names an order.",
           "orders with negative feedback / orders, 60 days", "order date", _SRC, "%", False),
)
ODR_WINDOW_DAYS = 60
CSAT_DIMENSIONS = ("channel", "warehouse", "carrier", "primary_category")


@dataclass(frozen=True)
class CsatSummary:
    responses: int
    satisfied_responses: int
    negative_responses: int
    csat: float | None  # None without responses
    mean_score: float | None


def responses(con, params: dict):
    """The responses in scope (grain: one response; see customer__responses.sql)."""
    p = {**params, "with_category": True, "with_order": True}
    return query(con, "customer__responses", p)


def csat_breakdown(con, params: dict, dimensions=("all",), by_week: bool = False):
    """CSAT and mean score per slice (grain: period × dimension × slice; columns period, dimension, slice,
    responses, satisfied_responses, negative_responses, csat, mean_score)."""
    with_category = "primary_category" in dimensions
    with_order = (with_category or bool({"warehouse", "carrier"} & set(dimensions))  # the rated order's columns
                  or bool(params.get("warehouses")) or bool(params.get("carriers")))
    return query(con, "customer__csat_breakdown", {**params, "with_category": with_category, "with_order": with_order,
                                                  "dimensions": list(dimensions), "by_week": bool(by_week)})


def csat_summary(con, params: dict) -> CsatSummary:
    """CSAT over the responses received in [start, end]."""
    df = csat_breakdown(con, params)
    if df.empty:
        return CsatSummary(0, 0, 0, None, None)
    r = df.iloc[0]
    return CsatSummary(int(r.responses), int(r.satisfied_responses), int(r.negative_responses), float(r.csat),
                       float(r.mean_score))


def csat_weekly(con, params: dict):
    """CSAT per response week (grain: one row per week with responses; week_start = Monday)."""
    df = csat_breakdown(con, params, ("all",), by_week=True)
    return df.drop(columns=["dimension", "slice"]).rename(columns={"period": "week_start"}).reset_index(drop=True)


def odr_window(end: dt.date, days: int = ODR_WINDOW_DAYS) -> tuple[dt.date, dt.date]:
    return end - dt.timedelta(days=days - 1), end


def order_defects(con, params: dict, days: int = ODR_WINDOW_DAYS):
    """Order defect rate per channel and overall (channel 'All channels', is_total) over the `days` ending on
    params['end'] (grain: channel; columns channel, is_total, orders, orders_with_feedback, defective_orders,
    order_defect_rate, window_start, window_end)."""
    start, end = odr_window(params["end"], days)
    p = {**params, "start": start, "end": end}
    df = query(con, "customer__order_defects", p)
    df.insert(1, "is_total", df["channel"].isna())
    df["channel"] = df["channel"].fillna("All channels")
    df["window_start"], df["window_end"] = start, end
    df["order_defect_rate"] = df["order_defect_rate"].astype("float64")
    return df
