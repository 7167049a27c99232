"""Fulfillment & delivery: on-time ship and delivery, in full, OTIF and perfect order computed per order, accuracy,
cycle-time stages by week (processing, dock, transit, click-to-door), the cost-per-order stack with net shipping,
and marketplace health with CSAT. Every rate drills down by channel, warehouse, carrier, service or category and
ends in a downloadable list of the failing orders. Definitions: METRICS.md "Fulfillment and delivery", "Customer"."""
from __future__ import annotations

import streamlit as st

from lib.metrics import fulfillment as fm
from lib.metrics import workspace
from lib.ui import components as ui
from lib.ui import filters, session
from lib.ui import fulfillment as ui_fulfillment
from lib.viz import fulfillment as charts

TILES = ("on_time_ship_rate", "on_time_delivery_rate", "in_full_rate", "otif_rate", "perfect_order_rate",
         "fulfillment_accuracy", "cycle_time_p90_hours", "cost_per_order")


def render() -> None:
    st.title("Fulfillment & delivery")
    status = session.fetch(workspace.status)
    have = session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders",), "Fulfillment rates are computed per order.", wants={
            "shipments": "On-time ship and delivery, cycle time and cost per order are measured on shipments.",
            "csat": "CSAT needs survey responses."}):
        return
    f, targets = filters.current(), session.workspace().settings()["targets"]
    p = f.as_params()
    s = session.fetch(fm.summary, p)
    if not s.orders_incl_cancelled:
        ui.empty_state("No orders were placed in this selection. Widen the period or the filters.", upload=False)
        return
    waiting = s.orders - s.shipped_orders
    st.caption(f"Orders placed {f.start:%d %b %Y} – {f.end:%d %b %Y} (order-date basis): "
               f"{s.orders_incl_cancelled:,} placed, {s.cancelled_orders:,} cancelled before shipment, so "
               f"{s.orders:,} to fulfil: {s.shipped_orders:,} shipped"
               + (f", {waiting:,} not shipped yet" if waiting > 0 else "") + ". Every rate is computed per order "
               "(cancelled orders excluded); hover a tile for its definition and the orders it is measured on.")
    min_sample = int(session.workspace().settings()["planning"]["min_sample"])
    for row in (TILES[:4], TILES[4:]):
        for col, key in zip(st.columns(4), row):
            ui_fulfillment.tile(col, key, s, targets, min_sample, status.currency)
    weekly = session.fetch(fm.weekly_summary, p)
    tabs = st.tabs(["Rates & drill-down", "Cycle time", "Perfect order", "Cost per order", "Marketplace & customer"],
                   key="fulfillment_tab", bind="query-params")
    with tabs[0]:
        ui_fulfillment.drill_down(p, targets, weekly)
    with tabs[1]:
        ui_fulfillment.cycle_time(s, weekly)
    with tabs[2]:
        st.altair_chart(charts.perfect_order_failures(s), width="stretch")
        st.caption(f"Of {s.otif_measurable:,} measurable orders; an order can fail several components, so the bars "
                   "add up to more than the imperfect orders.")
        ui.download_csv("Download the imperfect orders (CSV)", lambda: session.fetch(fm.failing_orders, p, "not_perfect"),
                        "imperfect_orders")
    with tabs[3]:
        ui_fulfillment.cost_per_order(s, weekly, status.currency)
    with tabs[4]:
        ui_fulfillment.marketplace_and_customer(f, p, min_sample)


if __name__ == "__main__":
    import app
    app.main()
