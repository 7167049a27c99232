"""The Disputes page's widgets: headline tiles, the breakdowns by reason / channel / payment method, the fraud-risk
levels and the list of disputes (Streamlit code; numbers from lib.metrics.disputes, charts from lib.viz.disputes)."""
from __future__ import annotations

import streamlit as st

from ..metrics import disputes as dm
from ..metrics.registry import metric
from ..reports.words import display
from ..viz import disputes as charts
from . import components as ui
from . import session

PCT = st.column_config.NumberColumn(format="percent")
NAMES = {"reason": dm.REASONS, "payment_method": dm.PAYMENT_METHODS}


def _name(dimension: str, value) -> str:
    if dimension == "channel":
        return display("channel", value)
    return NAMES.get(dimension, {}).get(value, display(dimension, value))


def tiles(s: dm.DisputeSummary, currency: str) -> None:
    values = {"dispute_rate": ui.rate(s.dispute_rate, 2), "dispute_loss": ui.money(s.loss_amount, currency, 2),
              "dispute_win_rate": ui.rate(s.win_rate), "high_risk_shipped": ui.count(s.high_risk_shipped)}
    for col, (key, value) in zip(st.columns(4), values.items()):
        ui.metric(col, metric(key).name, value, help=metric(key).definition)
    st.caption(f"{s.disputes:,} disputes opened against {s.orders:,} orders placed in the period: {s.won:,} won, "
               f"{s.lost:,} lost or accepted, {s.open:,} still open. {ui.money(s.disputed_amount, currency, 2)} disputed; "
               f"the loss counts {ui.money(s.fee_amount, currency, 2)} of fees. {s.high_risk_shipped:,} of "
               f"{s.high_risk_orders:,} high-risk orders were shipped."
               + (f" {s.disputes_without_fx_rate:,} disputes in a currency without a rate are left out of the money."
                  if s.disputes_without_fx_rate else ""))


def breakdown(f, dimension: str, currency: str) -> None:
    df = session.fetch(dm.breakdown, f, dimension)
    df = df.assign(slice=df["slice"].map(lambda v: _name(dimension, v)))
    st.altair_chart(charts.breakdown(df, dm.DIMENSIONS[dimension], currency), width="stretch")
    out = df.rename(columns={"slice": dimension}).drop(columns=["disputes_without_fx_rate"])
    ui.table(out, f"disputes_by_{dimension}", column_config={"dispute_rate": PCT, "win_rate": PCT},
             caption=f"Money in {currency} (reporting currency). Orders: placed in the period"
             + (" on the channel." if dimension == "channel" else " (orders do not carry this, so each rate is its "
                "share of the overall dispute rate)."))


def risk_levels(f) -> None:
    mix = session.fetch(dm.risk_mix, f)
    mix = mix.assign(level=mix["risk_level"].map(dm.RISK_LEVELS))
    st.altair_chart(charts.risk_levels(mix), width="stretch")
    st.caption("Risk level: the platform's fraud analysis of the order (Shopify's Risk Level column); other channels' "
               "orders are not rated. Dispute rate here: orders of the level placed in the period that were ever "
               "disputed / orders of the level.")
    ui.table(mix[["level", "orders", "order_share", "shipped_orders", "disputed_orders", "dispute_rate",
                  "net_revenue_amount"]], "orders_by_risk_level", column_config={"order_share": PCT, "dispute_rate": PCT})


def listing(f) -> None:
    d = session.fetch(dm.disputes, f)
    d = d.assign(reason=d["reason"].map(lambda v: dm.REASONS.get(v, display("reason", v))),
                 status=d["status"].map(lambda v: dm.STATUSES.get(v, display("status", v))),
                 channel=d["channel"].map(lambda v: display("channel", v)),
                 payment_method=d["payment_method"].map(lambda v: dm.PAYMENT_METHODS.get(v, display("x", v))),
                 risk_level=d["risk_level"].map(lambda v: dm.RISK_LEVELS.get(v, "Not rated"), na_action="ignore")
                 .fillna("Not rated"))
    own = st.column_config.NumberColumn(format="localized")
    ui.table(d.rename(columns={"dispute_order_ref": "order", "is_order_shipped": "shipped"}), "disputes",
             column_config={c: own for c in ("dispute_amount", "fee_amount", "loss_amount")},
             empty="No disputes opened in this selection.",
             caption="Amounts in each dispute's own currency (the Currency column).")
