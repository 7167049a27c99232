"""Customers & repeat purchase: new vs returning orders and revenue per week, repeat-purchase rates by first-order
cohort (a triangle: young cells blank), time to second order, and the repeat rate by the first order's channel,
category and delivery (late or damaged first deliveries vs on time). Definitions: METRICS.md "Customers and
retention"."""
from __future__ import annotations

import streamlit as st

from lib.metrics import customers, workspace
from lib.ui import components as ui
from lib.ui import customers as ui_customers
from lib.ui import filters, session

# the options are their own display labels: a control bound to the URL writes the label it shows (?customers_window=
# 30+days), so a link reads as the page does
WINDOWS = {f"{n} days": n for n in customers.WINDOWS}


def render() -> None:
    st.title("Customers & repeat purchase")
    status, have = session.fetch(workspace.status), session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders",), "New and returning customers and repeat purchases are counted on orders "
                    "that name their customer (a customer id or an e-mail).",
                    wants={"shipments": "The split by first delivery (late, damaged, on time) needs the shipments."}):
        return
    f = filters.current()
    window = WINDOWS.get(st.segmented_control("Repeat window", list(WINDOWS), default=f"{customers.DEFAULT_WINDOW} days",
                                              key="customers_window", bind="query-params"), customers.DEFAULT_WINDOW)
    ui_customers.period_note(f, status, window)
    summary = session.fetch(customers.summary, f, window)
    if summary.orders == 0:
        return ui.empty_state("No orders in this selection. Widen the period or the filters.", upload=False)
    if summary.identifiable_orders == 0:
        ui.empty_state("No order in this selection names its customer, so nothing here can be counted per customer. Load "
                       "an export that does (the Shopify orders export with Email, the eBay orders report with Buyer "
                       "Username, or the Opsdesk orders template with customer_id); see the Identification tab.")
    ui_customers.tiles(summary)
    ui.unrated_currencies_warning(session.fetch(workspace.unrated_currencies, f))
    weekly, cohorts, first, second, ident = st.tabs(
        ["New vs returning", "Cohorts", "By first order", "Time to second order", "Identification"],
        key="customers_tab", bind="query-params")
    with weekly:
        ui_customers.weekly(f, status.currency)
    with cohorts:
        ui_customers.cohorts(f)
    with first:
        ui_customers.first_order(f, window)
    with second:
        ui_customers.second_order(f)
    with ident:
        ui_customers.identification(f)


if __name__ == "__main__":
    import app
    app.main()
