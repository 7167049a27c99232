"""Disputes & fraud risk: the dispute (chargeback) rate and what disputes cost, by reason, channel and payment method;
the orders by fraud-risk level, high-risk orders shipped and their dispute rate against low-risk ones; the list of
disputes. Definitions: METRICS.md "Disputes and risk"."""
from __future__ import annotations

import streamlit as st

from lib.metrics import disputes, workspace
from lib.ui import components as ui
from lib.ui import disputes as ui_disputes
from lib.ui import filters, session


def render() -> None:
    st.title("Disputes & fraud risk")
    status, have = session.fetch(workspace.status), session.fetch(workspace.inputs)
    if not ui.guard(have, ("orders",), "Dispute rates are disputes over the orders of the same period.",
                    wants={"disputes": "Dispute rates and losses need the disputes (the risk levels still show)."}):
        return
    f = filters.current()
    summary = session.fetch(disputes.summary, f)
    if summary.orders == 0 and summary.disputes == 0:
        return ui.empty_state("No orders or disputes in this selection. Widen the period or the filters.", upload=False)
    if (f.end - f.start).days < 90 and f.period != filters.WIDE_PERIOD:
        note, button = st.columns([4, 1], vertical_alignment="center")
        note.info("Chargebacks arrive weeks after the order and take up to 75 days to be decided: on "
                  f"{(f.end - f.start).days + 1} days the rate is noisy and most disputes are still open. Widen to "
                  "12 months for a settled picture.", icon=":material/info:")
        with button:
            filters.widen_button(status, key="disputes_widen")
    ui_disputes.tiles(summary, status.currency)
    reason, channel, method, risk, listing = st.tabs(
        ["By reason", "By channel", "By payment method", "Risk levels", "Disputes"], key="disputes_tab",
        bind="query-params")
    for tab, dim in ((reason, "reason"), (channel, "channel"), (method, "payment_method")):
        with tab:
            ui_disputes.breakdown(f, dim, status.currency)
    with risk:
        ui_disputes.risk_levels(f)
    with listing:
        ui_disputes.listing(f)


if __name__ == "__main__":
    import app
    app.main()
