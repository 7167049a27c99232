"""Profitability: contribution margin per SKU × channel (METRICS.md), its waterfall, the ranking, SKU rationalisation,
the fulfillment-path decision, a landed-cost calculator and the revenue reconciliation."""
from __future__ import annotations

import streamlit as st

from lib.metrics import profitability as pf
from lib.metrics import workspace
from lib.metrics.registry import metric
from lib.ui import components as ui
from lib.ui import filters, session
from lib.viz import profitability as charts

MONEY, PCT = st.column_config.NumberColumn(format="dollar"), st.column_config.NumberColumn(format="percent")


RANKING_FIRST = ["SKU", "Rank", "Channel", "Contribution margin", "Margin %", "Margin / unit", "Units", "Net revenue"]
RANKING_VIEWS = {"losers": "Money-losers first", "best": "Best first", "only_losers": "Only money-losers"}


def ranking_config(currency: str) -> dict:
    """Formats of the ranking's titled columns: money with the currency, margin % as a percentage, SKU pinned."""
    fmt = "dollar" if currency == "USD" else "accounting"
    money = {t: st.column_config.NumberColumn(t, format=fmt) for c, t in charts.RANKING_COLUMNS.items()
             if c.endswith("_amount") or c.endswith("_per_unit")}
    return {**money, "Margin %": st.column_config.NumberColumn("Margin %", format="percent"),
            "SKU": st.column_config.Column("SKU", pinned=True),
            "Units": st.column_config.NumberColumn("Units", format="localized")}


def _losers_red(row):
    losing = row.get("Contribution margin", 0) < 0
    return ["color: #b42318; background-color: #fdecea" if losing else "" for _ in row]


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
        skus = st.multiselect("SKUs (empty = all in the filters)", sorted(frame["sku"].unique()), key="profitability_skus")
        per_unit = st.toggle("Per unit", key="profitability_per_unit", bind="query-params")
        sel = frame[frame["sku"].isin(skus)] if skus else frame
        st.altair_chart(charts.waterfall_chart(pf.waterfall(sel, per_unit)), width="stretch")
    with tabs[1]:
        order = st.segmented_control("Show", list(RANKING_VIEWS), default="losers", format_func=RANKING_VIEWS.get,
                                     key="profitability_ranking_view", bind="query-params") or "losers"
        ranked = pf.ranking(frame)
        if order == "losers":
            ranked = ranked.sort_values(["contribution_margin_amount", "rank"])
        elif order == "only_losers":
            ranked = ranked[ranked["contribution_margin_amount"] < 0].sort_values("contribution_margin_amount")
        shown = ui.rounded(charts.display(ranked, charts.RANKING_COLUMNS))
        if shown.empty:
            st.success("No SKU × channel pair loses money in this selection.", icon=":material/check_circle:")
        else:
            first = [c for c in RANKING_FIRST if c in shown.columns]
            st.dataframe(shown.style.apply(_losers_red, axis=1), hide_index=True, column_config=ranking_config(cur),
                         column_order=first + [c for c in shown.columns if c not in first],
                         height=min(38 + 35 * len(shown), 560), placeholder=ui.EMPTY_CELL)
            ui.download_csv(f"Download CSV ({len(shown):,} rows)", lambda: shown, "profitability_ranking")
        st.caption(f"Rank 1 = the most profitable pair. Money-losing pairs ({h.losing_pairs}) in red; SKU pinned.")
    with tabs[2]:
        st.altair_chart(charts.quadrant_chart(pf.quadrant(frame)), width="stretch")
        st.markdown("**Long-tail SKUs losing money** (the SKUs making the last 20 % of net revenue)")
        ui.table(charts.display(pf.long_tail_losers(frame), charts.RANKING_COLUMNS), "profitability_long_tail_losers",
                 column_config=ranking_config(cur))
        st.markdown("**Margin differs most between channels** (≥ 5 units per channel)")
        ui.table(pf.channel_divergence(frame), "profitability_channel_divergence",
                 column_config={"best_margin_rate": PCT, "worst_margin_rate": PCT, "spread_rate": PCT})
    with tabs[3]:
        paths = session.fetch(pf.fulfillment_paths, f, settings)
        ui.metric(st, "Saving had every recommendation been taken", ui.money(pf.total_saving(paths), cur))
        st.altair_chart(charts.path_cost_chart(paths), width="stretch")
        ui.table(charts.display(paths, charts.PATH_COLUMNS), "profitability_fulfillment_paths",
                 caption=pf.fulfillment_paths.__doc__.split("\n\n")[0].replace("\n", " "))
    with tabs[4], st.form("profitability_landed_cost"):
        a, b, c = st.columns(3)
        cost, freight, duty = (a.number_input("Purchase cost / unit", 0.0, value=10.0), b.number_input("Freight / unit", 0.0, value=1.0),
                               c.number_input("Duty rate", 0.0, 1.0, 0.05, format="%.3f"))
        price, vat = a.number_input("Selling price", 0.0, value=29.99), b.number_input("VAT rate", 0.0, 1.0, 0.0, format="%.3f")
        mode = c.selectbox("VAT", ["none", "import", "ioss"], help=pf.landed_cost.__doc__.split("\n\n")[1])
        if st.form_submit_button("Calculate"):
            r = pf.landed_cost(cost, freight, duty, price=price, vat_rate=vat, vat_mode=mode)
            st.dataframe([{"landed cost": r.landed_cost, "duty": r.duty_amount, "import VAT": r.import_vat_amount,
                           "net price": r.net_price, "margin": r.margin, "margin %": r.margin_rate}], hide_index=True)
    with tabs[5]:
        rec = session.fetch(pf.revenue_reconciliation, settings)
        st.markdown(f"Σ net revenue in the marts **{ui.money(rec.net_revenue_marts, cur, 2)}**; unexplained "
                    f"**{ui.money(rec.unexplained, cur, 2)}** (whole workspace: source totals carry no dates).")
        ui.table(rec.bridge, "profitability_reconciliation_bridge", column_config={"amount": MONEY})
        ui.table(rec.by_source, "profitability_reconciliation_by_source")


if __name__ == "__main__":
    import app
    app.main()
