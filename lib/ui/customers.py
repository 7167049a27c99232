"""The Customers page's widgets: headline tiles, new vs returning orders per week, the cohort triangle, the repeat
rate by first order, time to second order and which exports name their customer (Streamlit code; the numbers come
from lib.metrics.customers, the charts from lib.viz.customers)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ..ingest.formats import BY_NAME
from ..metrics import customers as cm
from ..metrics.registry import metric
from ..reports.words import display
from ..viz import customers as charts
from . import components as ui
from . import filters, session

PCT = st.column_config.NumberColumn(format="percent")
MEASURES = {"orders": "Orders", "net_revenue_amount": "Net revenue"}


def period_note(f, status, window_days: int) -> None:
    """Repeat rates need first orders older than the window: say so on a short period, with the 12-month button."""
    if (f.end - f.start).days >= 180 or f.period == filters.WIDE_PERIOD:
        return
    note, button = st.columns([4, 1], vertical_alignment="center")
    note.info(f"A repeat-purchase rate counts a customer once their first order is at least {window_days} days old, "
              f"and a cohort triangle needs months of first orders: on {(f.end - f.start).days + 1} days most cells "
              "are still blank. Widen to 12 months (or choose All time) for the cohorts.", icon=":material/info:")
    with button:
        filters.widen_button(status, key="customers_widen")


def tiles(s: cm.CustomerSummary) -> None:
    unidentified = s.orders - s.identifiable_orders
    values = {"returning_order_share": ui.rate(s.returning_order_share),
              "repeat_rate_90d": ui.rate(s.repeat_rate),
              "days_to_second_order": "–" if s.median_days_to_second_order is None
              else f"{s.median_days_to_second_order:,.0f} days"}
    labels = {"repeat_rate_90d": f"Repeat-purchase rate ({s.window_days} days)"}
    cols = st.columns(4)
    for col, (key, value) in zip(cols, values.items()):
        ui.metric(col, labels.get(key, metric(key).name), value, help=metric(key).definition)
    ui.metric(cols[3], "Orders not identifiable", ui.count(unidentified),
              help="Orders whose export names no customer (no customer id, no e-mail): Amazon's All Orders report "
                   "and Walmart's order report. They are counted here and left out of every customer figure.")
    st.caption(f"{s.returning_orders:,} of {s.identifiable_orders:,} identifiable orders came from returning customers. "
               f"{s.new_customers:,} customers placed their first order in the period; {s.mature_customers:,} of them "
               f"are {s.window_days} days old or more, and {s.repeat_customers:,} of those ordered again within "
               f"{s.window_days} days.")


def weekly(f, currency: str) -> None:
    shown = st.segmented_control("Show", list(MEASURES.values()), default=MEASURES["orders"], key="customers_measure",
                                 bind="query-params")  # labels as options: the URL carries what the control shows
    measure = {v: k for k, v in MEASURES.items()}.get(shown, "orders")
    w = session.fetch(cm.weekly, f)
    st.altair_chart(charts.weekly_orders(w, measure, currency), width="stretch")
    table = cm.weekly_wide(w)
    money = st.column_config.NumberColumn(format="dollar" if currency == "USD" else "accounting")
    ui.table(table, "customers_weekly", column_config={c: money for c in table.columns if c.endswith("_amount")},
             caption=f"Net revenue in {currency} (reporting currency), without tax; orders cancelled before shipment "
             "are left out. Orders not converted: their currency has no rate, so their revenue is not in the sums. In "
             "the first weeks of the data every customer reads as new: their earlier orders are not loaded.")


def cohorts(f) -> None:
    cells = session.fetch(cm.cohort_triangle, f)
    st.altair_chart(charts.cohort_triangle(cells), width="stretch")
    st.caption("Each row: the customers whose first order fell in that month (and matches the filters). A cell is the "
               "share who ordered again within the window; it stays blank until every first order of the month is at "
               "least that many days before the data's last order, so a young cohort never reads as 0.")
    grid = cells.assign(window=cells["window_days"].map(lambda n: f"within_{n}_days_rate")).pivot(
        index="cohort_month", columns="window", values="repeat_rate")
    sizes = cells.groupby("cohort_month")["customers"].first()
    out = grid[[f"within_{n}_days_rate" for n in cm.WINDOWS if f"within_{n}_days_rate" in grid.columns]]
    out = out.assign(customers=sizes).reset_index()
    if len(out):
        out["cohort_month"] = pd.to_datetime(out["cohort_month"]).dt.strftime("%b %Y")
        out = out[["cohort_month", "customers", *[c for c in out.columns if c.endswith("_rate")]]]
    ui.table(out.astype({c: "float64" for c in out.columns if c.endswith("_rate")}), "repeat_purchase_cohorts",
             column_config={c: PCT for c in out.columns if c.endswith("_rate")})


def first_order(f, window_days: int) -> None:
    label = st.selectbox("Split by", list(cm.DIMENSIONS.values()), key="customers_split", bind="query-params")
    dim = {v: k for k, v in cm.DIMENSIONS.items()}.get(label, "first_channel")
    df = session.fetch(cm.by_first_order, f, dim, window_days)
    if dim == "first_channel":
        df = df.assign(slice=df["slice"].map(lambda v: display("channel", v)))
    st.altair_chart(charts.by_first_order(df, cm.DIMENSIONS[dim], window_days), width="stretch")
    if dim == "first_order_experience":
        st.caption(metric("repeat_rate_by_first_experience").definition)
    rate = f"repeat_within_{window_days}_days_rate"
    out = df.rename(columns={"slice": dim, "repeat_rate": rate, "median_days_to_second_order": "median_days_to_2nd_order"})
    ui.table(out[[dim, rate, "customers", "mature_customers", "repeat_customers", "median_days_to_2nd_order"]],
             f"repeat_rate_by_{dim}", caption=f"Rates over the customers whose first order is at least {window_days} "
             "days before the data's last order (mature); the others are counted in Customers only.")


def second_order(f) -> None:
    bands = session.fetch(cm.second_order_days, f)
    st.altair_chart(charts.second_order_days(bands), width="stretch")
    ui.table(bands.drop(columns="band_order").rename(columns={"band": "second_order_after"}), "time_to_second_order",
             caption=metric("days_to_second_order").definition)


def identification(f) -> None:
    df = session.fetch(cm.identification, f)
    out = pd.DataFrame({
        "export": df["source"].map(lambda s: BY_NAME[s].label if s in BY_NAME else s),
        "channel": df["channel"].map(lambda v: display("channel", v)), "orders": df["orders"],
        "identifiable_orders": df["identifiable_orders"], "identifiable_share": df["identifiable_share"],
        "customer_from": df["identified_by"].astype(object).where(df["identified_by"].notna(),
                                                                   "not identifiable: the export names no buyer")})
    st.markdown("A customer is the export's customer id, else the buyer's e-mail (trimmed, lower case, any "
                "\"+tag\" dropped), turned into an opaque key that is never shown. Orders of exports that name no "
                "buyer are counted as **not identifiable** and never matched by name or address.")
    ui.table(out, "customer_identification", column_config={"identifiable_share": PCT})
