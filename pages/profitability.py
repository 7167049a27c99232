"""Profitability: contribution margin per SKU × channel (METRICS.md), its waterfall, the ranking, SKU rationalisation,
the fulfillment-path decision, a landed-cost calculator and the revenue reconciliation."""
from __future__ import annotations

import streamlit as st

from lib.metrics import profitability as pf
from lib.metrics.profitability import reconciliation
from lib.metrics import workspace
from lib.metrics.registry import metric
from lib.ui import components as ui
from lib.ui import filters, session
from lib.ui import profitability as ui_profitability
from lib.viz import profitability as charts

PCT = st.column_config.NumberColumn(format="percent")


def render() -> None:
    st.title("Profitability")
    status = session.fetch(workspace.status)
    have = session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders",), "Margins are computed per SKU and channel from the orders.", wants={
            "product_costs": "Without landed costs every unit's cost counts as 0, so margins read too high.",
            "fees": "Without settlements, marketplace fees come from the fee cards in Settings."}):
        return
    f, settings, cur = filters.current(), session.workspace().settings(), status.currency
    ui.unrated_currencies_warning(session.fetch(workspace.unrated_currencies, f), whole_orders=True)
    frame = session.fetch(pf.sku_channel, f, settings)
    h = pf.headline(frame)
    tiles = {"Net revenue": ui.money(h.net_revenue_amount, cur), "Contribution margin": ui.money(h.contribution_margin_amount, cur),
             "Contribution margin %": ui.rate(h.margin_rate), "Margin per unit": ui.money(h.margin_per_unit, cur, 2)}
    for col, (label, value) in zip(st.columns(4), tiles.items()):
        ui.metric(col, label, value, help=metric("contribution_margin").definition if "argin" in label else None)
    st.caption(f"{h.losing_pairs} of {h.pairs} SKU × channel pairs lose money ({ui.money(h.losing_margin_amount, cur)}); "
               f"{h.units_without_cost:,.0f} units have no cost (counted at 0). Order-date basis.")
    tabs = st.tabs(["Waterfall", "Ranking", "Rationalisation", "Fulfillment paths", "Landed cost", "Reconciliation"],
                   key="profitability_tab", bind="query-params")
    with tabs[0]:
        skus = st.multiselect("SKUs (empty = all in the filters)", sorted(frame["sku"].unique()), key="profitability_skus",
                              bind="query-params")
        per_unit = st.toggle("Per unit", key="profitability_per_unit", bind="query-params")
        sel = frame[frame["sku"].isin(skus)] if skus else frame
        st.altair_chart(charts.waterfall_chart(pf.waterfall(sel, per_unit), currency=cur), width="stretch")
    with tabs[1]:
        ui_profitability.ranking(frame, h, cur)
    with tabs[2]:
        st.altair_chart(charts.quadrant_chart(pf.quadrant(frame)), width="stretch")
        st.markdown("**Long-tail SKUs losing money** (the SKUs making the last 20 % of net revenue)")
        ui.table(charts.display(pf.long_tail_losers(frame), charts.RANKING_COLUMNS), "profitability_long_tail_losers",
                 column_config=ui_profitability.ranking_config(cur))
        st.markdown("**Margin differs most between channels** (≥ 5 units per channel)")
        ui.table(pf.channel_divergence(frame), "profitability_channel_divergence",
                 column_config={"best_margin_rate": PCT, "worst_margin_rate": PCT, "spread_rate": PCT})
    with tabs[3]:
        paths = session.fetch(pf.fulfillment_paths, f, settings)
        ui.metric(st, "Saving had every recommendation been taken", ui.money(pf.total_saving(paths), cur))
        st.altair_chart(charts.path_cost_chart(paths, currency=cur), width="stretch")
        ui.table(charts.display(paths, charts.PATH_COLUMNS), "profitability_fulfillment_paths",
                 caption=pf.fulfillment_paths.__doc__.split("\n\n")[0].replace("\n", " "))
    with tabs[4]:
        ui_profitability.landed_cost_calculator(cur)
    with tabs[5]:
        rec = session.fetch(reconciliation.revenue_reconciliation, settings)
        st.markdown(f"Σ net revenue in the marts **{ui.money(rec.net_revenue_marts, cur, 2)}**; unexplained "
                    f"**{ui.money(rec.unexplained, cur, 2)}** (whole workspace: source totals carry no dates).")
        ui.table(rec.bridge, "profitability_reconciliation_bridge",  # each row in its own currency: no symbol
                 column_config={"amount": st.column_config.NumberColumn(format="accounting")})
        ui.table(rec.by_source, "profitability_reconciliation_by_source")


if __name__ == "__main__":
    import app
    app.main()
