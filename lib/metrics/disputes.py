"""Disputes, chargebacks and fraud risk (METRICS.md "Disputes and risk").

* Dispute (chargeback) rate = disputes opened in the period / orders placed in the period (the processors' own
  basis: this month's disputes over this month's transactions). Orders, not card transactions: the exports do not
  say which orders were paid by card, so the rate is a lower bound of the card-only rate.
* Dispute loss = amounts of disputes lost or accepted + dispute fees (charged whatever the outcome), in the
  reporting currency at the opened date's rate.
* Risk mix: orders by the platform's fraud-risk level (Shopify `Risk Level`); high-risk orders shipped; dispute rate
  by level on the order-date basis (orders of the level placed in the period that were ever disputed / orders).
Disputes come from the Opsdesk disputes template (fct_disputes); channel filters apply to the dispute, warehouse,
carrier and category through its order.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import query
from .registry import Metric

DIMENSIONS = {"reason": "Reason", "channel": "Channel", "payment_method": "Payment method"}
REASONS = {"fraudulent": "Fraudulent", "product_not_received": "Product not received",
           "not_as_described": "Not as described", "product_unacceptable": "Not as described",
           "duplicate": "Duplicate charge", "credit_not_processed": "Credit not processed",
           "subscription_canceled": "Subscription cancelled", "unrecognized": "Unrecognised charge",
           "general": "General", "unknown": "Not stated"}
STATUSES = {"needs_response": "Needs response", "under_review": "Under review", "won": "Won", "lost": "Lost",
            "accepted": "Accepted", "unknown": "Not stated"}
RISK_LEVELS = {"high": "High", "medium": "Medium", "low": "Low", "not_rated": "Not rated"}
PAYMENT_METHODS = {"card": "Card", "paypal": "PayPal", "shop_pay": "Shop Pay", "unknown": "Not stated"}

_SRC = ("fct_disputes", "fct_orders")
METRICS = (
    Metric("dispute_rate", "Dispute rate", "Disputes and chargebacks opened in the period / orders placed in the "
           "period (the processors' basis; card networks watch about 0.9–1 %). Orders rather than card transactions: "
           "exports do not say which orders were paid by card, so the card-only rate is at least this.",
           "disputes opened / orders placed, same period", "dispute opened date", _SRC, "%", False),
    Metric("dispute_loss", "Dispute loss", "Amounts of the disputes opened in the period that were lost or accepted, "
           "plus every dispute fee (processors charge it whatever the outcome), in the reporting currency.",
           "Σ lost or accepted amounts + Σ dispute fees", "dispute opened date", _SRC, "$", False),
    Metric("dispute_win_rate", "Dispute win rate", "Disputes won / disputes decided (won, lost or accepted), of "
           "those opened in the period; open disputes are left out.", "won / (won + lost + accepted)",
           "dispute opened date", _SRC, "%"),
    Metric("high_risk_shipped", "High-risk orders shipped", "Orders the platform rated high fraud risk (Shopify "
           "Risk Level) that were shipped anyway, of those placed in the period. Their dispute rate is set against "
           "low-risk orders' on the order-date basis (ever disputed / orders of the level).",
           "count of high-risk orders with a shipment", "order date", _SRC, "orders", False),
)


@dataclass(frozen=True)
class DisputeSummary:
    disputes: int
    orders: int
    dispute_rate: float | None  # None without orders
    won: int
    lost: int
    open: int
    win_rate: float | None  # None when none is decided
    disputed_amount: float
    loss_amount: float
    fee_amount: float
    disputes_without_fx_rate: int
    high_risk_orders: int
    high_risk_shipped: int


def _params(f) -> dict:
    return f.as_params() if hasattr(f, "as_params") else dict(f)


def _run(con, name: str, params: dict) -> pd.DataFrame:
    return query(con, name, params)


def _ratio(a, b):
    return (a / b.where(b > 0)).astype("Float64")


def breakdown(con, f, dimension: str = "all") -> pd.DataFrame:
    """Disputes opened in the period per slice ('all' or a key of DIMENSIONS) (grain: one row per slice with
    disputes; columns slice, disputes, won_disputes, lost_disputes, open_disputes, disputed_amount, fee_amount,
    loss_amount (reporting currency), disputes_without_fx_rate, orders, dispute_rate, win_rate)."""
    if dimension != "all" and dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    df = _run(con, "disputes__breakdown", {**_params(f), "dimension": dimension})
    df["dispute_rate"] = _ratio(df["disputes"], df["orders"])
    df["win_rate"] = _ratio(df["won_disputes"], df["won_disputes"] + df["lost_disputes"])
    return df


def risk_mix(con, f) -> pd.DataFrame:
    """Orders placed in the period by fraud-risk level (grain: one row per level with orders; columns risk_level,
    orders, shipped_orders, disputed_orders, net_revenue_amount, order_share, dispute_rate), high to not rated."""
    df = _run(con, "disputes__risk_mix", _params(f))
    df["order_share"] = _ratio(df["orders"], pd.Series(df["orders"].sum(), index=df.index))
    df["dispute_rate"] = _ratio(df["disputed_orders"], df["orders"])
    order = {k: i for i, k in enumerate(RISK_LEVELS)}
    return df.sort_values("risk_level", key=lambda s: s.map(order).fillna(len(order))).reset_index(drop=True)


def disputes(con, f) -> pd.DataFrame:
    """The disputes opened in the period, newest first (grain: one row per dispute; money in its own currency)."""
    return _run(con, "disputes__list", _params(f))


def summary(con, f) -> DisputeSummary:
    b = breakdown(con, f)
    mix = risk_mix(con, f).set_index("risk_level")
    orders = int(mix["orders"].sum()) if len(mix) else 0
    high = mix.loc["high"] if "high" in mix.index else None
    r = b.iloc[0] if len(b) else None
    n = int(r.disputes) if r is not None else 0
    won, lost = (int(r.won_disputes), int(r.lost_disputes)) if r is not None else (0, 0)
    return DisputeSummary(
        disputes=n, orders=orders, dispute_rate=n / orders if orders else None, won=won, lost=lost,
        open=int(r.open_disputes) if r is not None else 0, win_rate=won / (won + lost) if won + lost else None,
        disputed_amount=float(r.disputed_amount) if r is not None else 0.0,
        loss_amount=float(r.loss_amount) if r is not None else 0.0,
        fee_amount=float(r.fee_amount) if r is not None else 0.0,
        disputes_without_fx_rate=int(r.disputes_without_fx_rate) if r is not None else 0,
        high_risk_orders=int(high.orders) if high is not None else 0,
        high_risk_shipped=int(high.shipped_orders) if high is not None else 0)
