"""Cross-border costs: the duties, import VAT and clearance fees paid at the border (the duties template) in each
order's landed cost, by destination country and order; a cost, never revenue (net revenue is the orders' own)."""
from __future__ import annotations

import streamlit as st

from lib.metrics import cross_border, workspace
from lib.metrics.registry import metric
from lib.ui import components as ui
from lib.ui import cross_border as ui_cb
from lib.ui import filters, session
from lib.viz import cross_border as charts


def render() -> None:
    st.title("Cross-border costs")
    status = session.fetch(workspace.status)
    have = session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders", "duties"), "Border costs come from the duties & import taxes template (order, "
                    "HS code, duty, import VAT, clearance fee, currency, who paid), matched to your orders.",
                    wants={"product_costs": "Landed cost and margin need the cost history of the products."}):
        return
    f = filters.current()
    s = session.fetch(cross_border.summary, f)
    money = status.currency
    tiles = {"border_cost": ui.money(s.border_cost_reporting_amount, money, 2),
             "border_cost_share": ui.rate(s.border_cost_share),
             "landed_margin": "–" if s.landed_margin_reporting_amount is None else ui.money(s.landed_margin_reporting_amount, money)}
    for col, (key, value) in zip(st.columns(3), tiles.items()):
        ui.metric(col, metric(key).name, value, help=metric(key).definition)
    paid = f"{s.orders_paid_by_customer:,} {'was' if s.orders_paid_by_customer == 1 else 'were'}"
    st.caption(f"{s.orders_with_duties:,} of {s.orders:,} orders carry duties; {paid} paid "
               "by the customer on delivery (DAP) and cost nothing; the share is of the net revenue of the orders with duties. Duties, import VAT and fees are costs in the landed "
               "cost, never revenue.")
    if s.orders_with_unconverted_duties:
        st.warning(f"{s.orders_with_unconverted_duties:,} order(s) have duties in a currency without an exchange rate: they are "
                   "left out of the totals. Load your rates (Upload → exchange rates template).", icon=":material/warning:")
    by_dest = session.fetch(cross_border.by_destination, f)
    st.subheader("By destination country")
    st.altair_chart(charts.border_costs_by_destination(by_dest, money), width="stretch")
    ui.table(by_dest, "cross_border_by_destination", column_config=ui_cb.money_columns(by_dest, money),
             caption=f"Money in {money}, converted at each order date's rate.")
    st.subheader("Orders with border costs")
    rows = session.fetch(cross_border.orders, f)
    ui.table(rows, "cross_border_orders", column_config=ui_cb.money_columns(rows, money),
             empty="No order with duties in this period.",
             caption="Duty, import VAT, clearance fee and border cost in the duties' currency (its column); landed "
                     f"cost and margin in {money}.")


if __name__ == "__main__":
    import app
    app.main()
