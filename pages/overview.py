"""Overview (the landing page): what data is loaded, the headline numbers of the selected period against the
period before, the weekly trend, and how to replace the sample with your own files."""
from __future__ import annotations

import streamlit as st

from lib.metrics import overview, workspace
from lib.ui import components as ui
from lib.ui import filters, nav, session
from lib.viz import overview as charts

HELP = {
    "orders": "Orders placed in the period (order date), excluding orders cancelled before shipment.",
    "units": "Units ordered on those orders.",
    "revenue": "Item price × quantity − discounts − refunds + shipping charged, without tax (order-date basis), "
               "in the reporting currency: each order converted at its order date's rate.",
    "on_time": "Orders first picked up by the carrier (else shipped) by the promised ship-by, over shipped orders "
               "that have a ship-by. Ship-by from the channel, else the SLA in Settings.",
}


def render() -> None:
    st.title("Overview")
    status = session.fetch(workspace.status)
    if not status.has_orders:
        st.markdown("Opsdesk turns the raw exports of your sales channels and shipping tools into one weekly "
                    "operations review: orders, fulfillment, carriers, returns and data quality.")
        ui.guard(session.fetch(workspace.inputs), ("orders",), "The overview's numbers start from your orders.")
        return
    st.caption(f"Loaded: {ui.sources(status.formats)} · orders from {status.first_order_date:%d %b %Y} to "
               f"{status.last_order_date:%d %b %Y} · last load {status.last_loaded_at:%d %b %Y %H:%M}")
    f = filters.current()
    now, before = session.fetch(overview.headline, f)
    st.subheader(f"{f.period.capitalize()}: {f.start:%d %b %Y} – {f.end:%d %b %Y}")
    cols = st.columns(4)
    ui.metric(cols[0], "Orders", ui.count(now.orders), ui.delta(now.orders, before.orders), help=HELP["orders"])
    ui.metric(cols[1], "Units", ui.count(now.units), ui.delta(now.units, before.units), help=HELP["units"])
    ui.metric(cols[2], f"Net revenue ({status.currency})", ui.money(now.net_revenue_amount, status.currency),
              ui.delta(now.net_revenue_amount, before.net_revenue_amount), help=HELP["revenue"])
    ui.metric(cols[3], "On-time ship rate", ui.rate(now.on_time_ship_rate),
              ui.delta(now.on_time_ship_rate, before.on_time_ship_rate, "rate"),
              help=f"{HELP['on_time']} Measured on {now.ship_by_orders:,} orders.")
    st.caption("Changes compare with the period of the same length just before.")
    ui.unrated_currencies_warning(session.fetch(workspace.unrated_currencies, f))

    st.subheader("Weekly trend")
    weeks = session.fetch(overview.weekly, f)
    st.altair_chart(charts.weekly_trend(weeks, status.currency), width="stretch")
    st.caption(f"Bars: net revenue; line: on-time ship rate. At least {overview.TREND_WEEKS} weeks up to the end of "
               "the period; weeks outside the selected period are faded.")
    # the tables behind the chart are drawn only when opened (a closed expander still costs the browser its tables)
    with st.expander("Net revenue by currency", key="overview_currencies", bind="query-params") as box:
        if box.open:
            ui.table(ui.currency_split(session.fetch(overview.by_currency, f), status.currency), "overview_by_currency")
    with st.expander("Weekly numbers", key="overview_weeks", bind="query-params") as box:
        if box.open:
            ui.table(weeks, "overview_weekly", column_config={
                "net_revenue_amount": st.column_config.NumberColumn(f"Net revenue ({status.currency})", format="accounting"),
                "ship_by_orders": "Shipped orders with a ship-by",
                "in_period": st.column_config.CheckboxColumn("Whole week in the period")})

    st.subheader("Use your own data")
    st.markdown("1. Export your orders and shipments from each platform (unmodified files; CSV, TSV or XLSX).\n"
                "2. Load them on **Upload**; files in other layouts can be mapped onto an Opsdesk template.\n"
                "3. Remove the sample files on **Data health → Load history** (each load can be removed).")
    cols = st.columns(4)
    with cols[0]:
        nav.link("upload", "Upload files", icon=":material/upload_file:")
    with cols[1]:
        nav.link("data_health", "Data health", icon=":material/health_and_safety:")


if __name__ == "__main__":
    import app
    app.main()
