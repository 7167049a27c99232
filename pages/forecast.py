"""Forecast & replenishment: demand forecasts shown with their backtest (per series and overall, against seasonal
naive), the demand class of every series, and the replenishment plan with a draft purchase order."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lib.forecast import ForecastConfig, demand, replenishment as rp, words
from lib.forecast.parallel import cache_dir_for, run_forecasts
from lib.metrics import workspace
from lib.ui import components as ui
from lib.ui import filters, nav, session
from lib.viz import forecast as charts

LEVELS = {"sku": "SKU", "category": "Category", "channel": "Channel", "total": "Total"}
FREQS = {"W": "Weekly", "D": "Daily"}
SERVICE = (0.90, 0.95, 0.98, 0.99)
MONEY = {"USD": "dollar", "EUR": "euro", "JPY": "yen"}


def render() -> None:
    st.title("Forecast & replenishment")
    status = session.fetch(workspace.status)
    if not status.has_orders:
        ui.empty_state("No orders are loaded yet. Forecasts need order history (and inventory snapshots and purchase "
                       "orders for replenishment): load them on Upload.")
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
    acc, currency = res.accuracy, status.currency
    st.markdown(words.headline(acc, freq))
    delta, colour = words.tile_delta(acc, freq)
    tiles = {"Series forecast": (f"{acc.series:,}", None, None),
             "Forecast error": (ui.rate(acc.wape, 0), delta, "Share of units the forecast missed by, tested on past data"),
             "Repeating last " + ("year" if freq == "W" else "week"): (ui.rate(acc.naive_wape, 0), None,
                                                                     "The same test for simply repeating last season"),
             "Range held actual": (ui.rate(acc.coverage, 0), None, "How often the shaded range held the actual (aim 80 %)")}
    for col, (k, (v, dlt, hlp)) in zip(st.columns(4), tiles.items()):
        ui.metric(col, k, v, dlt, help=hlp, neutral=not colour)
    st.caption(("From cache." if res.from_cache else f"Fitted in {res.elapsed_s:.0f} s.")
               + f" Days out of stock ({hist.censored_sku_days:,} SKU-days) are left out of demand history.")
    chart_tab, table_tab, plan_tab = st.tabs(["Forecast", "Accuracy by series", "Replenishment"])
    with chart_tab:
        sid = st.selectbox("Series", hist.by_volume(), key="forecast_series")
        left, right = st.columns([3, 1])
        left.altair_chart(charts.series_chart(hist.series(sid), res.series(sid), events, res.backtest_points(sid),
                                              freq=freq), width="stretch")
        right.markdown(words.describe(res.choice(sid), freq))
        with right.expander("How the forecast was chosen"):
            st.markdown(words.statistics(res.choice(sid)))
            st.altair_chart(charts.model_accuracy(res.candidates(sid), res.choice(sid)["model"]), width="stretch")
    table_tab.altair_chart(charts.accuracy_vs_naive(res.selection), width="stretch")
    with table_tab:
        pct = {c: st.column_config.NumberColumn(c, format="percent") for c in
               ("Forecast error", "Error " + words.baseline_name(freq))}
        ui.table(words.accuracy_table(res.selection, freq), f"forecast_accuracy_{level}", column_config=pct,
                 caption="Forecast error = units missed ÷ units sold, when each method forecast past periods it had "
                 "not seen. Click a heading to sort." + (f" {words.untested(res.selection):,} series with too short a "
                 "history to test are not listed." if words.untested(res.selection) else ""))
        with st.expander("Statistics behind the choice"):
            st.caption("WAPE = Σ|error| / Σ demand; MASE = error ÷ in-sample seasonal-naive error; ADI = average "
                       f"periods between sales, CV² = squared variation of sale sizes; {res.config.folds} rolling "
                       f"folds × {res.config.horizon} periods (plus the same window a season earlier).")
            ui.table(words.statistics_table(res.selection), f"forecast_statistics_{level}")
    with plan_tab:
        if level != "sku":
            st.info("Replenishment is planned per SKU: choose **SKU** series above.", icon=":material/info:")
            return
        plan = rp.plan(res, session.fetch(rp.load_inputs, scope), rp.ReplenishmentSettings(service_level=service))
        st.markdown(plan.headline(currency))
        ui.download_csv("Download draft PO (CSV)", lambda: rp.draft_po(plan), "draft_po")
        money = {"Order value": st.column_config.NumberColumn(f"Order value ({currency})", format=MONEY.get(currency, "localized"))}
        ui.table(words.plan_table(plan.frame), "replenishment_plan", column_config=money,
                 caption="Order enough to cover demand until the next order arrives, plus a safety buffer for the "
                 "chosen service level, in whole cases and at least the minimum order.")
        with st.expander("Formulas"):
            st.caption("Safety stock = z·√(LT·σ_d² + d²·σ_LT²), σ_d from backtest errors; order = demand over lead "
                       "time + review + safety stock − on hand − on order, in cases, ≥ MOQ.")
        nav.link("inventory", "ABC/XYZ, excess and aged stock → Inventory", icon=":material/inventory:")


if __name__ == "__main__":
    import app
    app.main()
