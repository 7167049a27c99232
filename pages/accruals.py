"""Month-end accruals: for a chosen month, the fulfillment and logistics costs incurred but not yet invoiced (packages
on no carrier invoice, 3PL orders no invoice names) by vendor and basis, the received POs not yet costed, and the
workbook for finance. Definitions: METRICS.md "Month-end and incidents"."""
from __future__ import annotations

import streamlit as st

from lib.metrics import accruals, workspace
from lib.ui import accruals as ui_accruals
from lib.ui import components as ui
from lib.ui import session


def render() -> None:
    st.title("Month-end accruals")
    status, have = session.fetch(workspace.status), session.fetch(workspace.inputs)
    if not ui.guard(have, ("shipments",), "Accruals are the shipped packages and orders not yet on a vendor's invoice.",
                    wants={"carrier_adjustments": "Without carrier invoice lines every package of the month is "
                                                  "accrued (none is known to be invoiced).",
                           "fulfillment_charges": "3PL accruals need the 3PL's invoices (they name its warehouse "
                                                  "and give its rate)."}):
        return
    months, default = session.fetch(accruals.months, status.last_order_date)
    if not months:
        return ui.empty_state("No shipped packages or orders yet: there is no month to close.")
    month = st.selectbox("Month to close", months, index=months.index(default), key="accruals_month",
                         bind="query-params")
    a = session.fetch(accruals.accruals, month, status.currency)
    ui_accruals.tiles(a)
    summary, carrier, tpl, pos = st.tabs(["Summary", "Carrier labels", "3PL fulfillment", "POs not costed"],
                                         key="accruals_tab", bind="query-params")
    with summary:
        ui_accruals.summary(a)
    for tab, kind in ((carrier, "carrier"), (tpl, "tpl"), (pos, "purchase_orders")):
        with tab:
            ui_accruals.lines(a, kind)


if __name__ == "__main__":
    import app
    app.main()
