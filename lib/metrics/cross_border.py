"""Cross-border costs: the duties, import VAT and clearance fees the merchant paid at the border (the duties
template), in each order's landed cost and by destination country.

Definitions, once (the mart fct_order_landed_costs holds the per-order figures):
* border cost = duty + clearance fee + import VAT not reclaimed, of the rows the merchant paid (DDP); rows paid by
  the customer (DAP) cost nothing. Never revenue: net revenue is fct_orders' own.
* landed cost = landed COGS of the order's lines + its border cost; landed margin = net revenue − landed cost.
* border cost share = border cost / net revenue of the orders that carry duties (the cross-border orders).
Date basis: the order date; shared filters apply to the order. Money in the reporting currency.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import query
from .registry import Metric

_SRC = ("fct_order_landed_costs", "fct_orders")
METRICS = (
    Metric("border_cost", "Border costs", "Duties, clearance fees and import VAT not reclaimed that the merchant paid "
           "for the period's orders (the duties template; rows the customer paid, DAP, cost nothing). A cost, never "
           "revenue.", "Σ (duty + clearance fee + unreclaimed import VAT), merchant-paid", "order date", _SRC, "$", False),
    Metric("border_cost_share", "Border costs / cross-border revenue", "Border costs / net revenue of the orders that "
           "carry duties (the duties template).", "border costs / net revenue of orders with duties", "order date",
           _SRC, "%", False),
    Metric("landed_margin", "Landed margin", "Net revenue − landed COGS − border costs, over the orders whose every "
           "line has a cost.", "net revenue − landed COGS − border costs", "order date", _SRC, "$"),
)


@dataclass(frozen=True)
class CrossBorderSummary:
    orders: int
    orders_with_duties: int
    orders_paid_by_customer: int
    orders_with_unconverted_duties: int
    border_cost_reporting_amount: float
    net_revenue_reporting_amount: float
    duty_orders_net_revenue_reporting_amount: float
    landed_margin_reporting_amount: float | None

    @property
    def border_cost_share(self) -> float | None:
        revenue = self.duty_orders_net_revenue_reporting_amount
        return self.border_cost_reporting_amount / revenue if revenue else None


def _params(params) -> dict:
    return params.as_params() if hasattr(params, "as_params") else dict(params)


def by_destination(con, params) -> pd.DataFrame:
    """Orders, border costs and landed margin per destination country (see cross_border__by_destination.sql)."""
    df = query(con, "cross_border__by_destination", _params(params))
    revenue = df["duty_orders_net_revenue_reporting_amount"]
    df["border_cost_share"] = df["border_cost_reporting_amount"] / revenue.where(revenue != 0)
    return df


def orders(con, params) -> pd.DataFrame:
    """The orders with border costs, with their landed cost and margin (grain: order)."""
    return query(con, "cross_border__orders", _params(params))


def summary(con, params) -> CrossBorderSummary:
    d = by_destination(con, params)

    def total(c):
        return float(d[c].fillna(0).sum())
    margin = None if not int(d["orders_with_landed_cost"].sum()) else total("landed_margin_reporting_amount")
    return CrossBorderSummary(int(d["orders"].sum()), int(d["orders_with_duties"].sum()),
                              int(d["orders_paid_by_customer"].sum()), int(d["orders_with_unconverted_duties"].sum()),
                              total("border_cost_reporting_amount"), total("net_revenue_reporting_amount"),
                              total("duty_orders_net_revenue_reporting_amount"), margin)
