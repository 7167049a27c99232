"""The Forecast & replenishment page's widgets: the accuracy tiles, the accuracy tab and the replenishment plan
(Streamlit code; the words come from lib.forecast.words, the numbers from lib.forecast)."""
from __future__ import annotations

import streamlit as st

from ..forecast import replenishment as rp, words
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


def plan(res, scope, service: float, currency: str) -> None:
    """The replenishment plan in words first, its table and a draft PO; the formulas behind an expander."""
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
