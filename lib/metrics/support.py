"""Support (help desk tickets, METRICS.md "Support"): contacts per 100 orders, "where is my order" contacts and the
late or lost packages behind them, first-reply and resolution times against the Settings targets, satisfaction.

Definitions, once:
* contacts per 100 orders = 100 × tickets opened in the week / orders placed in the week (the same filters).
* WISMO contact: a ticket tagged or titled "where is my order" (the patterns in Settings → Support); its share
  caused by late or lost shipments = WISMO tickets whose order had a package lost, delivered after its promised
  date, or undelivered when the ticket was opened after that date / WISMO tickets.
* first reply within target = tickets answered within the first-reply target / tickets with a first reply;
  resolved within target = resolved tickets resolved within the resolution target / resolved tickets (elapsed hours).
* ticket satisfaction = tickets rated good (Zendesk) or 4–5 (Gorgias) / rated tickets.
* spike week: contacts per 100 orders at least `SPIKE_FACTOR` × the median week of the period (and ≥ 5 tickets).
Date basis: the ticket's creation date. The shared filters apply through the order the ticket names.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

import pandas as pd

from . import query
from .registry import Metric

_SRC = ("fct_support_tickets", "fct_orders")
METRICS = (
    Metric("contacts_per_100_orders", "Contacts per 100 orders", "Help desk tickets opened in the period × 100 / "
           "orders placed in the period. The channel, warehouse, carrier and category filters apply through the order "
           "a ticket names (tickets naming no order drop out when one is set).", "100 × tickets / orders",
           "ticket date", _SRC, "x", False),
    Metric("wismo_late_or_lost_share", "WISMO contacts caused by late or lost shipments", "“Where is my order” "
           "tickets whose order had a package lost, delivered after its promised date, or still undelivered when the "
           "ticket was opened after that date / “where is my order” tickets. WISMO = a tag or subject matching the "
           "patterns in Settings → Support.", "late or lost WISMO tickets / WISMO tickets", "ticket date",
           _SRC + ("fct_shipments",), "%", False),
    Metric("first_reply_within_target_rate", "First reply within target", "Tickets whose first agent reply came "
           "within the first-reply target (Settings → Support, elapsed hours) / tickets with a first reply.",
           "replies within target / replied tickets", "ticket date", _SRC, "%"),
    Metric("resolved_within_target_rate", "Resolved within target", "Resolved tickets resolved within the "
           "resolution target (Settings → Support, elapsed hours) / resolved tickets.",
           "resolved within target / resolved tickets", "ticket date", _SRC, "%"),
    Metric("ticket_satisfaction", "Ticket satisfaction", "Tickets rated good (Zendesk) or 4–5 of 5 (Gorgias) / "
           "rated tickets. Offered but unanswered surveys are not ratings.", "satisfied ratings / ratings",
           "ticket date", _SRC, "%"),
)
SPIKE_FACTOR = 1.5
SPIKE_MIN_TICKETS = 5


@dataclass(frozen=True)
class SupportSummary:
    tickets: int
    linked_tickets: int
    wismo_tickets: int
    wismo_late_or_lost_tickets: int
    replied_tickets: int
    first_reply_median_hours: float | None
    first_reply_within_target: int
    resolved_tickets: int
    resolution_median_hours: float | None
    resolved_within_target: int
    rated_tickets: int
    satisfied_tickets: int

    @staticmethod
    def _share(a: int, b: int) -> float | None:
        return a / b if b else None

    @property
    def wismo_late_or_lost_share(self) -> float | None:
        return self._share(self.wismo_late_or_lost_tickets, self.wismo_tickets)

    @property
    def first_reply_within_target_rate(self) -> float | None:
        return self._share(self.first_reply_within_target, self.replied_tickets)

    @property
    def resolved_within_target_rate(self) -> float | None:
        return self._share(self.resolved_within_target, self.resolved_tickets)

    @property
    def ticket_satisfaction(self) -> float | None:
        return self._share(self.satisfied_tickets, self.rated_tickets)


def _run(con, name: str, params: dict) -> pd.DataFrame:
    return query(con, name, params)


def _params(params) -> dict:
    return params.as_params() if hasattr(params, "as_params") else dict(params)


def tickets(con, params) -> pd.DataFrame:
    """The tickets in scope (grain: one ticket; see support__tickets.sql)."""
    return _run(con, "support__tickets", _params(params))


def weekly(con, params) -> pd.DataFrame:
    """Contacts per 100 orders and WISMO contacts by week (grain: week), with `is_spike` (see the module doc)."""
    df = _run(con, "support__weekly", _params(params))
    df["is_spike"] = spikes(df["contacts_per_100_orders"], df["tickets"])
    return df


def spikes(rates: pd.Series, tickets: pd.Series) -> pd.Series:
    """True for weeks whose rate is at least SPIKE_FACTOR × the median weekly rate (weeks with a rate) and that
    have at least SPIKE_MIN_TICKETS tickets."""
    known = [float(r) for r in rates.dropna()]
    if not known:
        return pd.Series(False, index=rates.index)
    median = statistics.median(known)
    flag = rates.astype("Float64").ge(SPIKE_FACTOR * median).fillna(False) & tickets.ge(SPIKE_MIN_TICKETS)
    return flag.astype(bool)


def wismo_causes(con, params) -> pd.DataFrame:
    """WISMO tickets by carrier × warehouse of the package at issue, with late, lost and their share."""
    return _run(con, "support__wismo_causes", _params(params))


def summary_by_help_desk(con, params) -> pd.DataFrame:
    """The period's counts per help desk and for all ('All' first): see support__summary.sql."""
    return _run(con, "support__summary", _params(params))


def summary(con, params) -> SupportSummary:
    """The period's support figures, all help desks together."""
    df = summary_by_help_desk(con, params)
    row = df[df["help_desk"] == "All"]
    fields = SupportSummary.__dataclass_fields__
    if row.empty:
        return SupportSummary(**{k: (None if k.endswith("_hours") else 0) for k in fields})
    r = row.iloc[0]

    def val(k):
        v = r[k]
        if k.endswith("_hours"):
            return None if pd.isna(v) else float(v)
        return int(v)
    return SupportSummary(**{k: val(k) for k in fields})


def orders_behind(con, params, week_start=None) -> pd.DataFrame:
    """The tickets naming an order (one row per ticket), of one week (`week_start`, a Monday) or of the whole
    period: what the service team downloads to act on a spike."""
    df = tickets(con, params)
    df = df[df["has_order"]]
    if week_start is not None:
        df = df[df["week_start"] == pd.Timestamp(week_start)]
    cols = ["week_start", "created_at", "help_desk", "source_ticket_id", "subject", "order_id", "channel", "is_wismo",
            "delivery_issue", "carrier", "warehouse", "first_reply_hours", "resolution_hours", "status"]
    return df[cols].sort_values(["created_at", "source_ticket_id"]).reset_index(drop=True)
