"""Forecast & replenishment: demand forecasts shown with their backtest (per series and overall, against seasonal
naive), the demand class of every series, and the replenishment plan with a draft purchase order."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lib.forecast import ForecastConfig, demand, words
from lib.forecast.parallel import cache_dir_for, run_forecasts
from lib.metrics import workspace
from lib.ui import components as ui
from lib.ui import filters, session
from lib.ui import forecast as ui_forecast
from lib.viz import forecast as charts

LEVELS = {"sku": "SKU", "category": "Category", "channel": "Channel", "total": "Total"}
FREQS = {"W": "Weekly", "D": "Daily"}
SERVICE = (0.90, 0.95, 0.98, 0.99)

URL = "query-params"  # the inputs, the tab and the series travel in a link


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
        level = a.selectbox("Series", list(LEVELS), format_func=LEVELS.get, key="forecast_level", bind=URL)
        freq = b.selectbox("Frequency", list(FREQS), format_func=FREQS.get, key="forecast_freq", bind=URL)
        horizon = c.number_input("Horizon (periods)", 1, 104, 12, key="forecast_horizon", bind=URL)
        service = d.selectbox("Cycle service level", SERVICE, index=1, format_func="{:.0%}".format, key="forecast_service", bind=URL)
        st.form_submit_button("Run forecast", type="primary", icon=":material/query_stats:")
    scope = replace(filters.current(), start=status.first_order_date)  # all history up to the period's end
    with st.spinner("Reading stock-out-censored demand history…"):
        hist, events = session.fetch(demand.demand_history, scope, level, freq), session.fetch(demand.load_events)
    if hist.frame.empty:
        ui.empty_state("No sales in this scope: widen the filters.", upload=False)
        return
    ws, bar = session.workspace(), st.progress(0.0, text="Backtesting and fitting…")  # feedback while fitting
    cfg = ForecastConfig(horizon=int(horizon), freq=freq)
    res = run_forecasts(hist.frame, cfg, events, cache_dir=cache_dir_for(ws), data_version=ws.version(),
                        progress=lambda n, t: bar.progress(n / t, text=f"Backtested and fitted {n} of {t} series"))
    bar.progress(1.0, text="Forecasting categories and the total, and making the SKUs add up to them…")
    roll = ui_forecast.rollups(res, hist, scope, cfg, events)
    res = roll.bottom(res) if roll is not None else res  # the chart and the plan use the coherent forecasts
    bar.empty()
    acc, currency = res.accuracy, status.currency
    st.markdown(words.headline(acc, freq))
    ui_forecast.tiles(acc, freq)
    st.caption(("From cache." if res.from_cache else f"Fitted in {res.elapsed_s:.0f} s.")
               + f" Days out of stock ({hist.censored_sku_days:,} SKU-days) are left out of demand history.")
    chart_tab, table_tab, roll_tab, plan_tab = st.tabs(["Forecast", "Accuracy by series", "Roll-ups", "Replenishment"],
                                                       key="forecast_tab", bind=URL)
    with chart_tab:
        sid = st.selectbox("Series", hist.by_volume(), key="forecast_series", bind=URL)
        left, right = st.columns([3, 1])
        left.altair_chart(charts.series_chart(hist.series(sid), res.series(sid), events, res.backtest_points(sid),
                                              freq=freq), width="stretch")
        right.markdown(words.describe(res.choice(sid), freq))
        with right.expander("How the forecast was chosen"):
            st.markdown(words.statistics(res.choice(sid)))
            st.altair_chart(charts.model_accuracy(res.candidates(sid), res.choice(sid)["model"]), width="stretch")
    table_tab.altair_chart(charts.accuracy_vs_naive(res.selection), width="stretch")
    with table_tab:
        ui_forecast.accuracy(res, level, freq)
    with roll_tab:
        ui_forecast.rollup_tab(roll, freq, int(horizon))
    with plan_tab:
        ui_forecast.plan(res, scope, service, currency, level)


if __name__ == "__main__":
    import app
    app.main()
