"""The Fulfillment & delivery page's widgets: the KPI tiles and the bodies of its tabs (Streamlit code; the numbers
come from lib.metrics.fulfillment, marketplace and customer, the charts from lib.viz.fulfillment)."""
from __future__ import annotations

import streamlit as st

from ..metrics import names
from ..metrics import customer, marketplace
from ..metrics import fulfillment as fm
from ..metrics.registry import format_value, metric
from ..workspace.settings import DEFAULTS
from ..viz import fulfillment as charts
from . import components as ui
from . import session

DIMS = {"channel": "Channel", "warehouse": "Warehouse", "carrier": "Carrier", "service": "Service", "category": "Category"}

def tile(col, key: str, s, targets: dict, min_sample: int = DEFAULTS["planning"]["min_sample"],
         currency: str = "USD") -> None:
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


def drill_down(p: dict, targets: dict, weekly) -> None:
    """Rates by week, one rate by slice, and the failing orders behind it."""
    st.altair_chart(charts.rate_trend(weekly), width="stretch")
    left, right = st.columns(2)
    kpi = left.selectbox("Rate", list(fm.FAILING), format_func=lambda k: metric(k).name, key="ff_rate", bind="query-params")
    dim = right.radio("Drill down by", list(DIMS), format_func=DIMS.get, horizontal=True, key="ff_dim", bind="query-params")
    field, measured = fm.KPI_FIELDS[kpi]
    raw = session.fetch(fm.breakdown, p, (dim,))
    b = names.display_frame(raw)  # slices as people write them ("Amazon"); the filter below keeps the codes
    st.altair_chart(charts.by_slice(b, field, measured, metric(kpi).name, targets.get(kpi, {}).get("target")),
                    width="stretch")
    if dim == "category":
        st.caption("An order counts in every category it contains (as the category filter does).")
    ui.table(b[["slice", field, measured]], f"{kpi}_by_{dim}", column_config={
        "slice": DIMS[dim], field: st.column_config.NumberColumn(metric(kpi).name, format="percent"),
        measured: "Measured on (orders)"})
    which = st.selectbox(f"Failing orders — {DIMS[dim].lower()}", ["All", *raw["slice"]], key="ff_slice",
                         format_func=lambda v: v if v == "All" else names.display(dim, v), bind="query-params")
    failing = session.fetch(fm.failing_orders_for, p, kpi, None if which == "All" else dim,
                            None if which == "All" else which)
    st.markdown(f"**{len(failing):,} orders failed {metric(kpi).name.lower()}**"
                + ("" if which == "All" else f" in {names.slice_label(dim, which)}"))
    # the marketplace's own order number (the CSV keeps Opsdesk's key, "amazon:111-…", too)
    ui.table(failing, f"failing_orders_{kpi}", height=300, column_config={"order_id": None, "source_order_ref": "Order"})


def cycle_time(s, weekly) -> None:
    """Stage times by week and the median / p90 of each stage."""
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


def cost_per_order(s, weekly, currency: str) -> None:
    """The cost stack per shipped order and shipping charged, in the reporting currency."""
    cols = st.columns(6)
    for col, (label, v) in zip(cols, [("Label", s.label_cost_per_order), ("3PL fees", s.tpl_cost_per_order),
                                      ("Packaging", s.packaging_cost_per_order), ("Labor", s.labor_cost_per_order),
                                      ("Shipping charged", s.shipping_charged_per_order),
                                      ("Net shipping cost", s.net_shipping_cost_per_order)]):
        ui.metric(col, f"{label} / order", ui.money(v, currency, 2))
    st.altair_chart(charts.cost_stack(weekly, currency), width="stretch")
    st.caption("Per shipped order. Bars: fulfillment cost stack; dashed line: shipping charged to customers "
               "(net shipping cost = label − shipping charged).")


def marketplace_and_customer(f, p: dict, min_sample: int) -> None:
    """Marketplace health against the published thresholds, CSAT and the order defect rate."""
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
