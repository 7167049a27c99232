"""Fulfillment & delivery: on-time ship and delivery, in full, OTIF and perfect order computed per order, accuracy,
cycle-time stages by week (processing, dock, transit, click-to-door), the cost-per-order stack with net shipping,
and marketplace health with CSAT. Every rate drills down by channel, warehouse, carrier, service or category and
ends in a downloadable list of the failing orders. Definitions: METRICS.md "Fulfillment and delivery", "Customer"."""
from __future__ import annotations

import streamlit as st

from lib.metrics import customer, marketplace, workspace
from lib.metrics import fulfillment as fm
from lib.metrics.registry import format_value, metric
from lib.ui import components as ui
from lib.ui import filters, session
from lib.viz import fulfillment as charts

TILES = ("on_time_ship_rate", "on_time_delivery_rate", "in_full_rate", "otif_rate", "perfect_order_rate",
         "fulfillment_accuracy", "cycle_time_p90_hours", "cost_per_order")
DIMS = {"channel": "Channel", "warehouse": "Warehouse", "carrier": "Carrier", "service": "Service", "category": "Category"}


def tile(col, key: str, s, targets: dict, min_sample: int = 30, currency: str = "USD") -> None:
    m, (field, measured) = metric(key), fm.KPI_FIELDS[key]
    value, target = getattr(s, field), targets.get(key, {}).get("target")
    gap = None if value is None or target is None else value - target
    delta = None if gap is None else ("+" if gap >= 0 else "-") + format_value(m, abs(gap), currency).replace(" %", " pts") + " vs target"
    n = getattr(s, measured) or 0
    few = value is not None and n < min_sample  # too few orders to judge: the n instead of a red or green delta
    if few:
        delta = f"n = {n:,} · too few to judge"
    ui.metric(col, m.name, format_value(m, value, currency), delta, inverse=not m.higher_is_better, neutral=few,
              help=f"{m.definition} Measured on {getattr(s, measured):,} orders. "
                   + (f"Target {format_value(m, target, currency)}." if target is not None else ""))


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
            tile(col, key, s, targets, min_sample, status.currency)
    weekly = session.fetch(fm.weekly_summary, p)
    tabs = st.tabs(["Rates & drill-down", "Cycle time", "Perfect order", "Cost per order", "Marketplace & customer"],
                   key="fulfillment_tab", bind="query-params")
    with tabs[0]:
        st.altair_chart(charts.rate_trend(weekly), width="stretch")
        left, right = st.columns(2)
        kpi = left.selectbox("Rate", list(fm.FAILING), format_func=lambda k: metric(k).name, key="ff_rate", bind="query-params")
        dim = right.radio("Drill down by", list(DIMS), format_func=DIMS.get, horizontal=True, key="ff_dim", bind="query-params")
        field, measured = fm.KPI_FIELDS[kpi]
        b = session.fetch(fm.breakdown, p, (dim,))
        st.altair_chart(charts.by_slice(b, field, measured, metric(kpi).name, targets.get(kpi, {}).get("target")),
                        width="stretch")
        if dim == "category":
            st.caption("An order counts in every category it contains (as the category filter does).")
        ui.table(b[["slice", field, measured]], f"{kpi}_by_{dim}", column_config={
            "slice": DIMS[dim], field: st.column_config.NumberColumn(metric(kpi).name, format="percent"),
            measured: "Measured on (orders)"})
        which = st.selectbox(f"Failing orders — {DIMS[dim].lower()}", ["All", *b["slice"]], key="ff_slice")
        failing = session.fetch(fm.failing_orders_for, p, kpi, None if which == "All" else dim,
                                None if which == "All" else which)
        st.markdown(f"**{len(failing):,} orders failed {metric(kpi).name.lower()}**"
                    + ("" if which == "All" else f" in {DIMS[dim].lower()} {which}"))
        ui.table(failing, f"failing_orders_{kpi}", height=300)
    with tabs[1]:
        stat = st.radio("Statistic", ["median", "p90"], horizontal=True, key="ff_stat", bind="query-params")
        st.altair_chart(charts.stage_trend(weekly, stat), width="stretch")
        cols = st.columns(5)
        for col, (stage, label) in zip(cols, [("processing", "Processing"), ("dock", "Dock"), ("transit", "Transit"),
                                              ("cycle", "Order cycle"), ("click_to_door", "Click-to-door")]):
            med, p90 = getattr(s, f"{stage}_hours_median"), getattr(s, f"{stage}_hours_p90")
            ui.metric(col, f"{label} (median)", "–" if med is None else f"{med:,.1f} h",
                      None if p90 is None else f"p90 {p90:,.1f} h", inverse=True)
        st.caption("Processing = label − order; dock = carrier pickup − label; transit = delivered − pickup; "
                   "order cycle = first pickup (else label) − order; click-to-door = delivered − order.")
    with tabs[2]:
        st.altair_chart(charts.perfect_order_failures(s), width="stretch")
        st.caption(f"Of {s.otif_measurable:,} measurable orders; an order can fail several components, so the bars "
                   "add up to more than the imperfect orders.")
        ui.download_csv("Download the imperfect orders (CSV)", lambda: session.fetch(fm.failing_orders, p, "not_perfect"),
                        "imperfect_orders")
    with tabs[3]:
        cols = st.columns(6)
        for col, (label, v) in zip(cols, [("Label", s.label_cost_per_order), ("3PL pick/pack", s.tpl_cost_per_order),
                                          ("Packaging", s.packaging_cost_per_order), ("Labor", s.labor_cost_per_order),
                                          ("Shipping charged", s.shipping_charged_per_order),
                                          ("Net shipping cost", s.net_shipping_cost_per_order)]):
            ui.metric(col, f"{label} / order", ui.money(v, status.currency, 2))
        st.altair_chart(charts.cost_stack(weekly), width="stretch")
        st.caption("Per shipped order. Bars: fulfillment cost stack; dashed line: shipping charged to customers "
                   "(net shipping cost = label − shipping charged).")
    with tabs[4]:
        st.caption(f"Trailing windows of order dates ending {f.end:%d %b %Y}, seller-fulfilled orders, against the "
                   "thresholds the marketplaces publish.")
        health = session.fetch(marketplace.health, p)
        ui.table(health, "marketplace_health", column_config={
            **{c: None for c in ("metric", "comparison", "window_start", "window_end")}, "metric_name": "Metric",
            "channel": "Channel", "window_days": "Days", "numerator": "Count", "denominator": "Of", "status": "Status",
            "rate": st.column_config.NumberColumn("Rate", format="percent"), "source": "Threshold source",
            "threshold": st.column_config.NumberColumn("Threshold", format="percent")})
        c = session.fetch(customer.csat_summary, p)
        cols = st.columns(3)
        few = (c.responses or 0) < min_sample
        ui.metric(cols[0], "CSAT", ui.rate(c.csat), f"n = {c.responses or 0:,}" + (" · too few to judge" if few else ""),
                  neutral=True, help=f"{metric('csat').definition} {c.responses:,} responses; below {min_sample} "
                                     "(Settings → minimum sample) it is not judged against the target.")
        ui.metric(cols[1], "Mean score", "–" if c.mean_score is None else f"{c.mean_score:.2f} / 5")
        ui.metric(cols[2], "Responses", ui.count(c.responses))
        ui.table(session.fetch(customer.order_defects, p), "order_defect_rate",
                 column_config={"order_defect_rate": st.column_config.NumberColumn("Order defect rate", format="percent"),
                                "is_total": None, "channel": "Channel", "orders": "Orders",
                                "orders_with_feedback": "With feedback", "defective_orders": "Negative feedback"})


if __name__ == "__main__":
    import app
    app.main()
