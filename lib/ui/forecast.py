"""The Forecast & replenishment page's widgets: the accuracy tiles, the accuracy tab and the replenishment plan
(Streamlit code; the words come from lib.forecast.words, the numbers from lib.forecast)."""
from __future__ import annotations

import streamlit as st

from ..forecast import demand, reconcile, replenishment as rp, words
from . import components as ui
from . import nav, session

def tiles(acc, freq: str) -> None:
    """Series, forecast error (coloured only when it means something), the baseline's error and interval coverage."""
    delta, colour = words.tile_delta(acc, freq)
    items = {"Series forecast": (f"{acc.series:,}", None, None),
             "Forecast error": (ui.rate(acc.wape, 0), delta, "Share of units the forecast missed by, tested on past data"),
             "Repeating last " + ("year" if freq == "W" else "week"): (ui.rate(acc.naive_wape, 0), None,
                                                                     "The same test for simply repeating last season"),
             "Range held actual": (ui.rate(acc.coverage, 0), None, "How often the shaded range held the actual (aim 80 %)")}
    for col, (k, (v, dlt, hlp)) in zip(st.columns(4), items.items()):
        ui.metric(col, k, v, dlt, help=hlp, neutral=not colour)


def accuracy(res, level: str, freq: str) -> None:
    """Forecast error per series against repeating last season, statistics behind an expander."""
    pct = {c: st.column_config.NumberColumn(c, format="percent") for c in
           ("Forecast error", "Error " + words.baseline_name(freq))}
    untested = words.untested(res.selection)
    ui.table(words.accuracy_table(res.selection, freq), f"forecast_accuracy_{level}", column_config=pct,
             caption="Forecast error = units missed ÷ units sold, when each method forecast past periods it had "
             "not seen. Click a heading to sort." + (f" {untested:,} series with too short a history to test are not "
                                                      "listed." if untested else ""))
    with st.expander("Statistics behind the choice"):
        st.caption("WAPE = Σ|error| / Σ demand; MASE = error ÷ in-sample seasonal-naive error; ADI = average "
                   f"periods between sales, CV² = squared variation of sale sizes; {res.config.folds} rolling "
                   f"folds × {res.config.horizon} periods (plus the same window a season earlier).")
        ui.table(words.statistics_table(res.selection), f"forecast_statistics_{level}")


def plan(res, scope, service: float, currency: str, level: str = "sku") -> None:
    """The replenishment plan in words first, its table and a draft PO; the formulas behind an expander (SKU series
    only: other levels say so)."""
    if level != "sku":
        st.info("Replenishment is planned per SKU: choose **SKU** series above.", icon=":material/info:")
        return
    p = rp.plan(res, session.fetch(rp.load_inputs, scope), rp.ReplenishmentSettings(service_level=service))
    st.markdown(p.headline(currency))
    ui.download_csv("Download draft PO (CSV)", lambda: rp.draft_po(p), "draft_po")
    money = {"Order value": ui.money_column("Order value", currency)}
    ui.table(words.plan_table(p.frame), "replenishment_plan", column_config=money,
             caption="Order enough to cover demand until the next order arrives, plus a safety buffer for the "
             "chosen service level, in whole cases and at least the minimum order.")
    with st.expander("Formulas"):
        st.caption("Safety stock = z·√(LT·σ_d² + d²·σ_LT²), σ_d from backtest errors; order = demand over lead "
                   "time + review + safety stock − on hand − on order, in cases, ≥ MOQ.")
    nav.link("inventory", "ABC/XYZ, excess and aged stock → Inventory", icon=":material/inventory:")


def rollups(res, hist, scope, cfg, events):
    """SKU forecasts reconciled with the category and total forecasts (None for roll-up levels, or fewer than two
    SKUs with a category); the roll-ups are forecast with the same chooser and cached like the SKUs."""
    if hist.level != "sku":
        return None
    sales = session.fetch(demand.load_sales, scope)
    groups = sales.assign(series_id=sales["sku"].astype(str), category=sales["category"].fillna("Uncategorised"))
    ws = session.workspace()
    from ..forecast.parallel import cache_dir_for
    return reconcile.rollups(res, hist.frame, groups[["series_id", "category"]], ["category"], cfg, events,
                             cache_dir=cache_dir_for(ws), data_version=ws.version())


def rollup_tab(roll, freq: str, horizon: int) -> None:
    """The total and each category over the horizon: the reconciled forecast, the roll-up's own forecast and the
    sum of its SKUs' forecasts before reconciling, with the method in words."""
    if roll is None:
        st.info("Roll-ups add SKU forecasts up to their categories and the total: choose **SKU** series above.",
                icon=":material/info:")
        return
    st.markdown(words.rollup_sentence(roll, freq, horizon))
    units = {c: st.column_config.NumberColumn(c, format="localized") for c in words.ROLLUP_COLUMNS[1:]}
    ui.table(words.rollup_table(roll.table()), "forecast_rollups", column_config=units,
             caption="Forecast separately, the SKUs never add up to their category; the reconciled figures do, and "
             "the replenishment plan orders against them.")
