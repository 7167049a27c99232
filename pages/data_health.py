"""Data health: what is loaded and how fresh it is, where entities don't meet (SKUs missing from the catalog or
without cost, orders without shipments, shipments without delivery), whether revenue reconciles with the source
files, and the load history (remove a file's data, download its quarantined rows)."""
from __future__ import annotations

import streamlit as st

from lib.metrics import data_health as dh
from lib.metrics import workspace
from lib.ui import components as ui
from lib.ui import data_health as ui_health
from lib.ui import session
from lib.viz import data_health as charts

GAPS = (("SKUs missing from the catalog", dh.skus_missing_catalog, "Load the product catalog template.",
         "Every SKU sold is in the catalog."),
        ("SKUs without cost", dh.skus_without_cost, "Load the cost history template; margins leave these SKUs out.",
         "Every SKU sold has a landed cost."),
        ("Orders without a shipment", dh.orders_without_shipment, "Load the shipments export covering these orders.",
         "Every order not cancelled has a shipment."),
        ("Shipments without delivery", dh.shipments_without_delivery, "Load a newer shipments export or tracking "
         "file; packages still in transit are expected here.", "Every package has a delivery scan."))
HISTORY = ["load_id", "file_name", "format", "rows_read", "rows_loaded", "rows_quarantined", "loaded_by", "loaded_at",
           "status", "sha256_short"]


def render() -> None:
    st.title("Data health")
    status = session.fetch(workspace.status)
    if not status.files_loaded:
        ui.empty_state("Nothing is loaded yet, so there is nothing to check. Upload your order and shipment "
                       "exports: this page then shows what is loaded, the gaps between files and the load history.")
        return
    ui_health.notice()
    st.caption("Covers everything loaded in the workspace (the sidebar filters don't apply here).")
    ui_health.freshness(session.fetch(dh.freshness))

    st.subheader("What is loaded")
    checks = session.fetch(dh.checks)
    ui.table(checks, "data_health_checks", column_config={  # full width: beside the chart, 1024 px cut the count
        "check_name": "Check", "value": st.column_config.NumberColumn("Count", format="localized")})
    st.altair_chart(charts.coverage(checks), width="stretch")
    ui_health.export_limits(status.formats)

    st.subheader("Gaps between entities")
    ui_health.gaps(GAPS)

    st.subheader("Revenue reconciliation")
    st.caption("Order totals as the source files state them next to the marts. A gap means rows were kept out "
               "(see the quarantined rows) or a source states totals differently.")
    ui.table(session.fetch(dh.reconciliation), "revenue_reconciliation", column_config={
        "source_orders": "Orders in the files", "mart_orders": "Orders in the marts",
        "source_total_amount": st.column_config.NumberColumn("Total in the files", format="accounting"),
        "mart_total_amount": st.column_config.NumberColumn("Total in the marts", format="accounting")})

    st.subheader("Exchange rates")
    fx = session.fetch(dh.fx_rates)
    st.caption(f"Every money total is in {status.currency} (Settings). Rates: your exchange-rates file first, then the "
               f"ECB reference rates built into Opsdesk ({ui.date_text(fx['builtin_last_day'].max(), 'up to ')}; an "
               "order uses the latest rate on or before its date). Orders in a currency without a rate are left out "
               "of money totals.")
    ui.table(ui.fx_status(fx), "exchange_rates", empty="No money loaded yet.")

    st.subheader("Load history")
    history = session.fetch(dh.load_history)
    ui.table(history, "load_history", column_order=HISTORY, column_config={"load_id": "Load"})
    ui_health.load_actions(history)


if __name__ == "__main__":
    import app
    app.main()
