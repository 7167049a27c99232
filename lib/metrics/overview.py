"""The landing page's numbers: orders, units, net revenue and on-time ship rate for the shared filters, per
METRICS.md (order-date basis; cancelled-before-shipment orders excluded; net revenue = item price × qty − discounts
− refunds + shipping charged; on-time ship rate = orders first picked up (else shipped) by the ship-by / shipped
orders that have a ship-by), with a weekly trend.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from . import query

TREND_WEEKS = 13  # the weekly trend shows at least this many weeks, ending with the selected period


@dataclass(frozen=True)
class Headline:
    orders: int
    units: float
    net_revenue_amount: float
    on_time_ship_rate: float | None  # None when no shipped order in the period has a ship-by
    ship_by_orders: int  # the denominator of the rate


def orders_by_day(con, f, start: dt.date | None = None):
    """Frame with one row per order date in [start or f.start, f.end] that has orders (see the SQL header)."""
    params = {**f.as_params(), "start": start or f.start}
    return query(con, "overview__orders_by_day", params)


def _headline(days) -> Headline:
    den = int(days["ship_by_orders"].sum()) if len(days) else 0
    return Headline(
        orders=int(days["orders"].sum()) if len(days) else 0,
        units=float(days["units"].sum()) if len(days) else 0.0,
        net_revenue_amount=float(days["net_revenue_amount"].sum()) if len(days) else 0.0,
        on_time_ship_rate=float(days["on_time_ship_orders"].sum()) / den if den else None,
        ship_by_orders=den,
    )


def headline(con, f) -> tuple[Headline, Headline]:
    """(selected period, the equally long period just before it)."""
    length = f.end - f.start
    prev_end = f.start - dt.timedelta(days=1)
    days = orders_by_day(con, f, start=prev_end - length)
    dates = pd.to_datetime(days["order_date"]).dt.date  # also on no rows (a datetime64 column vs a date raises)
    return _headline(days[dates >= f.start]), _headline(days[dates <= prev_end])


def weekly(con, f):
    """One row per week (Monday start) ending with the selected period: orders, units, net_revenue_amount,
    on_time_ship_rate, ship_by_orders and in_period (the whole week lies in the selected dates; weeks cut by the
    period's edges count only their days inside it)."""
    start = min(f.start, f.end - dt.timedelta(weeks=TREND_WEEKS) + dt.timedelta(days=1))
    start -= dt.timedelta(days=start.weekday())
    days = orders_by_day(con, f, start=start)
    cols = ["orders", "units", "net_revenue_amount", "on_time_ship_orders", "ship_by_orders"]
    days["week_start"] = days["order_date"] - days["order_date"].dt.weekday.astype("timedelta64[D]")
    weeks = days.groupby("week_start", as_index=False)[cols].sum()
    weeks["on_time_ship_rate"] = weeks["on_time_ship_orders"] / weeks["ship_by_orders"].where(weeks["ship_by_orders"] > 0)
    week_end = weeks["week_start"] + dt.timedelta(days=6)
    weeks["in_period"] = (weeks["week_start"].dt.date >= f.start) & (week_end.dt.date <= f.end)
    return weeks.drop(columns="on_time_ship_orders")


def by_currency(con, f):
    """Net revenue per order currency, in its own currency and in the reporting currency, with the orders left out
    for want of a rate (grain: order currency; see the SQL header)."""
    return query(con, "workspace__money_by_currency", f.as_params())
