"""The Profitability page's widgets: the SKU × channel ranking with money-losers marked, and the landed-cost
calculator (Streamlit code; the numbers come from lib.metrics.profitability)."""
from __future__ import annotations

import streamlit as st

from ..metrics import names
from ..metrics import profitability as pf
from ..metrics.profitability import landed
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
        ui.download_csv(f"Download CSV ({names.counted(len(shown), 'row')})", lambda: shown, "profitability_ranking")
    st.caption(f"Rank 1 = the most profitable pair. Money-losing pairs ({h.losing_pairs}) in red; SKU pinned.")


VAT_MODES = {"none": "No VAT (US sales tax on top)", "import": "Import VAT paid at the border (DDP)",
             "ioss": "EU IOSS (VAT charged at checkout)"}


def landed_cost_calculator(currency: str = "USD") -> None:
    """Landed cost and margin of one unit from purchase cost, freight, duty, price and VAT mode; every input is bound
    to the URL, so a link reopens the same calculation."""
    url = "query-params"
    with st.form("profitability_landed_cost"):
        a, b, c = st.columns(3)
        cost = a.number_input(f"Purchase cost per unit ({currency})", 0.0, value=10.0, key="landed_cost", bind=url)
        freight = b.number_input(f"Freight per unit ({currency})", 0.0, value=1.0, key="landed_freight", bind=url)
        duty = c.number_input("Duty rate (%)", 0.0, 100.0, 5.0, step=0.5, format="%.1f", key="landed_duty", bind=url)
        price = a.number_input(f"Selling price ({currency})", 0.0, value=29.99, key="landed_price", bind=url)
        vat = b.number_input("VAT rate (%)", 0.0, 100.0, 0.0, step=0.5, format="%.1f", key="landed_vat", bind=url)
        mode = c.selectbox("VAT", list(VAT_MODES), format_func=VAT_MODES.get, key="landed_vat_mode", bind=url,
                           help=landed.landed_cost.__doc__.split("\n\n")[1])
        st.form_submit_button("Calculate")
    r = landed.landed_cost(cost, freight, duty / 100, price=price, vat_rate=vat / 100, vat_mode=mode)
    money = {k: st.column_config.NumberColumn(f"{k} ({currency})", format="%,.2f")
             for k in ("Landed cost", "Duty", "Import VAT", "Net price", "Margin")}
    st.dataframe([{"Landed cost": r.landed_cost, "Duty": r.duty_amount, "Import VAT": r.import_vat_amount,
                   "Net price": r.net_price, "Margin": r.margin, "Margin %": r.margin_rate}], hide_index=True,
                 column_config={**money, "Margin %": st.column_config.NumberColumn(format="percent")},
                 placeholder=ui.EMPTY_CELL)
