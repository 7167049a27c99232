"""The Profitability page's widgets: the SKU × channel ranking with money-losers marked, and the landed-cost
calculator (Streamlit code; the numbers come from lib.metrics.profitability)."""
from __future__ import annotations

import streamlit as st

from ..metrics import profitability as pf
from ..viz import profitability as charts
from . import components as ui

RANKING_FIRST = ["SKU", "Rank", "Channel", "Contribution margin", "Margin %", "Margin / unit", "Units", "Net revenue"]
RANKING_VIEWS = {"losers": "Money-losers first", "best": "Best first", "only_losers": "Only money-losers"}


def ranking_config(currency: str) -> dict:
    """Formats of the ranking's titled columns: money with the currency, margin % as a percentage, SKU pinned."""
    money = {t: ui.money_column(t, currency) for c, t in charts.RANKING_COLUMNS.items()
             if c.endswith("_amount") or c.endswith("_per_unit")}
    return {**money, "Margin %": st.column_config.NumberColumn("Margin %", format="percent"),
            "SKU": st.column_config.Column("SKU", pinned=True),
            "Units": st.column_config.NumberColumn("Units", format="localized")}


def _losers_red(row):
    losing = row.get("Contribution margin", 0) < 0
    return ["color: #b42318; background-color: #fdecea" if losing else "" for _ in row]



def ranking(frame, h, cur: str) -> None:
    """The pairs ranked as the manager asks (money-losers first by default), losers in red, SKU pinned."""
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


def landed_cost_calculator() -> None:
    """Landed cost and margin of one unit from purchase cost, freight, duty, price and VAT mode."""
    with st.form("profitability_landed_cost"):
        a, b, c = st.columns(3)
        cost, freight, duty = (a.number_input("Purchase cost / unit", 0.0, value=10.0), b.number_input("Freight / unit", 0.0, value=1.0),
                               c.number_input("Duty rate", 0.0, 1.0, 0.05, format="%.3f"))
        price, vat = a.number_input("Selling price", 0.0, value=29.99), b.number_input("VAT rate", 0.0, 1.0, 0.0, format="%.3f")
        mode = c.selectbox("VAT", ["none", "import", "ioss"], help=pf.landed_cost.__doc__.split("\n\n")[1])
        if st.form_submit_button("Calculate"):
            r = pf.landed_cost(cost, freight, duty, price=price, vat_rate=vat, vat_mode=mode)
            st.dataframe([{"landed cost": r.landed_cost, "duty": r.duty_amount, "import VAT": r.import_vat_amount,
                           "net price": r.net_price, "margin": r.margin, "margin %": r.margin_rate}], hide_index=True)
