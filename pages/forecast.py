"""Forecast & replenishment: demand forecasts shown with their backtest (per series and overall, against seasonal
naive), the demand class of every series, and the replenishment plan with a draft purchase order."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lib.forecast import ForecastConfig, demand, replenishment as rp
from lib.forecast.parallel import cache_dir_for, run_forecasts
from lib.metrics import workspace
from lib.ui import components as ui
from lib.ui import filters, nav, session
from lib.viz import forecast as charts

LEVELS = {"sku": "SKU", "category": "Category", "channel": "Channel", "total": "Total"}
FREQS = {"W": "Weekly", "D": "Daily"}
SERVICE = (0.90, 0.95, 0.98, 0.99)


def render() -> None:
    st.title("Forecast & replenishment")
    status = session.fetch(workspace.status)
    have = session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders",), "Forecasts are fitted on order history.", wants={
            "inventory": "Replenishment needs stock on hand (and stock-out days are left out of demand).",
            "purchase_orders": "Lead times and units on order come from purchase orders."}):
        return
    with st.form("forecast_inputs"):
        a, b, c, d = st.columns(4)
        level = a.selectbox("Series", list(LEVELS), format_func=LEVELS.get, key="forecast_level")
        freq = b.selectbox("Frequency", list(FREQS), format_func=FREQS.get, key="forecast_freq")
        horizon = c.number_input("Horizon (periods)", 1, 104, 12, key="forecast_horizon")
        service = d.selectbox("Cycle service level", SERVICE, index=1, format_func="{:.0%}".format, key="forecast_service")
        st.form_submit_button("Run forecast", type="primary", icon=":material/query_stats:")
    scope = replace(filters.current(), start=status.first_order_date)  # all history up to the period's end
    with st.spinner("Reading stock-out-censored demand history…"):
        hist, events = session.fetch(demand.demand_history, scope, level, freq), session.fetch(demand.load_events)
    if hist.frame.empty:
        ui.empty_state("No sales in this scope: widen the filters.", upload=False)
        return
    ws, bar = session.workspace(), st.progress(0.0, text="Backtesting and fitting…")  # feedback while fitting
    res = run_forecasts(hist.frame, ForecastConfig(horizon=int(horizon), freq=freq), events,
                        progress=lambda n, t: bar.progress(n / t, text=f"Backtested and fitted {n} of {t} series"),
                        cache_dir=cache_dir_for(ws), data_version=ws.version())
    bar.empty()
    acc = res.accuracy
    tiles = {"Series": f"{acc.series:,}", "Backtest WAPE": ui.rate(acc.wape), "Seasonal naive WAPE": ui.rate(acc.naive_wape),
             "Bias": f"{acc.bias:+.1%}" if acc.bias == acc.bias else "–"}
    for col, (k, v) in zip(st.columns(4), tiles.items()):
        ui.metric(col, k, v, ui.rate(-acc.wape_improvement) + " vs naive" if k == "Backtest WAPE" else None, inverse=True)
    st.caption(f"Rolling-origin backtest: {res.config.folds} folds × {res.config.horizon} periods; WAPE = Σ|error| / Σ "
               f"demand. Stock-out days ({hist.censored_sku_days:,} SKU-days) are left out of demand history. "
               + ("From cache." if res.from_cache else f"Fitted in {res.elapsed_s:.1f} s on {res.workers} process(es)."))
    chart_tab, table_tab, plan_tab = st.tabs(["Forecast", "Accuracy by series", "Replenishment"])
    with chart_tab:
        sid = st.selectbox("Series", hist.by_volume(), key="forecast_series")
        left, right = st.columns([3, 1])
        left.altair_chart(charts.series_chart(hist.series(sid), res.series(sid), events, res.backtest_points(sid),
                                              freq=freq), width="stretch")
        right.markdown(res.describe(sid))
        right.altair_chart(charts.model_accuracy(res.candidates(sid), res.choice(sid)["model"]), width="stretch")
    table_tab.altair_chart(charts.accuracy_vs_naive(res.selection), width="stretch")
    with table_tab:
        ui.table(res.accuracy_table(), f"forecast_accuracy_{level}", caption="Click a heading to sort. "
                 "Below the diagonal (and beats_naive) = the chosen model beat seasonal naive in the backtest.")
    with plan_tab:
        if level != "sku":
            st.info("Replenishment is planned per SKU: choose **SKU** series above.", icon=":material/info:")
            return
        plan = rp.plan(res, session.fetch(rp.load_inputs, scope), rp.ReplenishmentSettings(service_level=service))
        st.markdown(plan.headline())
        ui.download_csv("Download draft PO (CSV)", lambda: rp.draft_po(plan), "draft_po")
        ui.table(plan.frame, "replenishment_plan", caption="Safety stock = z·√(LT·σ_d² + d²·σ_LT²), σ_d from "
                 "backtest errors; order = demand over lead time + review + safety stock − on hand − on order, in cases, ≥ MOQ.")
        nav.link("inventory", "ABC/XYZ, excess and aged stock → Inventory", icon=":material/inventory:")


if __name__ == "__main__":
    import app
    app.main()
