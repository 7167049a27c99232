"""Support: contacts per 100 orders by week (spike weeks marked), "where is my order" contacts and the late or lost
packages behind them by carrier and warehouse, first-reply and resolution times against the Settings targets,
satisfaction from ticket ratings beside the CSAT survey, and the orders behind a spike week, downloadable."""
from __future__ import annotations

import streamlit as st

from lib.metrics import support, workspace
from lib.ui import components as ui
from lib.ui import filters, session
from lib.ui import support as ui_support
from lib.viz import support as charts


def render() -> None:
    st.title("Support")
    have = session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders", "tickets"), "Contacts per 100 orders and the orders behind them need your "
                    "orders and your help desk's ticket export (Zendesk CSV export or Gorgias tickets).",
                    wants={"shipments": "Which contacts a late or lost package caused needs the shipments."}):
        return
    f = filters.current()
    targets = session.workspace().settings()["support"]
    s, weeks = session.fetch(support.summary, f), session.fetch(support.weekly, f)
    ui_support.tiles(s, weeks, targets)
    contacts, wismo, service, rating, behind = st.tabs(
        ["Contacts", "Where is my order", "Service times", "Satisfaction", "Orders behind a spike"],
        key="support_tab", bind="query-params")
    contacts.altair_chart(charts.contacts_per_100_orders(weeks), width="stretch")
    with contacts:
        ui_support.table(weeks, "support_weekly", caption="Tickets by the week they were opened; orders by the week they "
                 "were placed; the sidebar's channel, warehouse, carrier and category apply through the order.")
    wismo.markdown(f"**{s.wismo_tickets:,}** “where is my order” tickets; **{ui.rate(s.wismo_late_or_lost_share)}** "
                   "of them about an order with a package lost, delivered late, or overdue when the customer wrote.")
    wismo.altair_chart(charts.wismo_weekly(weeks), width="stretch")
    causes = session.fetch(support.wismo_causes, f)
    wismo.altair_chart(charts.wismo_causes(causes), width="stretch")
    with wismo:
        ui_support.table(causes, "support_wismo_causes", empty="No “where is my order” tickets in this period.")
    with service:
        ui_support.service_times(f)
    with rating:
        ui_support.satisfaction(f, s, have)
    with behind:
        ui_support.orders_behind(f, weeks)


if __name__ == "__main__":
    import app
    app.main()
