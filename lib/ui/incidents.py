"""The Incidents page's widgets: the detected incident days with a link to each, the scope picker, the exposure
tiles, the daily chart against the baseline and the list for customer service (Streamlit code; the numbers come from
lib.metrics.incidents, the charts from lib.viz.incidents)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from ..metrics import incidents as im
from ..metrics.registry import metric
from ..reports.words import display
from ..viz import incidents as charts
from . import components as ui
from . import filters, session

PCT = st.column_config.NumberColumn(format="percent")
LABELS = {v: k for k, v in im.KINDS.items()}  # display label -> kind


def _link(f, kind: str, value: str, day) -> str:
    day = day.date() if hasattr(day, "date") else day
    start = day - dt.timedelta(days=13) if kind == "warehouse" else day  # a backlog: the orders of the 14 days to it
    window = replace(f, period="custom", start=start, end=day)
    return filters.share_url("incidents", window, query={"incidents_kind": im.KINDS[kind], f"incidents_{kind}": value})


def incident_days(f) -> None:
    days = session.fetch(im.incident_days, f)
    if days.empty:
        st.success("No carrier's late rate and no warehouse's backlog jumped in this period (a jump: 15 points above "
                   "the carrier's late rate of the 28 days before and at least twice it; a backlog twice its 28-day "
                   "median and 10 orders above it).", icon=":material/check_circle:")
        return
    view = days.assign(kind=days["kind"].map(im.KINDS), open=[_link(f, k, v, d) for k, v, d in
                                                             zip(days["kind"], days["value"], days["day"])])
    view["now"] = [f"{n:.0%}" if k == "Carrier" else f"{n:,.0f}" for k, n in zip(view["kind"], view["now"])]
    view["baseline"] = [f"{b:.0%}" if k == "Carrier" else f"{b:,.0f}" for k, b in zip(view["kind"], view["baseline"])]
    ui.table(view.rename(columns={"value": "carrier_or_warehouse", "now": "that_day", "baseline": "28_days_before",
                                  "packages_or_orders": "packages_or_orders"}),
             "incident_days", column_config={"open": st.column_config.LinkColumn("Orders affected", display_text="Open")},
             caption="Carrier: the share of the day's packages (measured against a promise) delivered late. Warehouse: "
                     "orders waiting at the day's end. Open shows the orders affected.")


def scope(options: dict) -> tuple[str, str | None]:
    label = st.segmented_control("Incident at", list(LABELS), default=im.KINDS["carrier"], key="incidents_kind",
                                 bind="query-params") or im.KINDS["carrier"]
    kind = LABELS[label]
    values = [v for v in options.get(kind, []) if v not in ("Unassigned", "Unknown")]
    if not values:
        return kind, None
    value = st.selectbox(im.KINDS[kind], values, key=f"incidents_{kind}", bind="query-params")
    return kind, value


def exposure(f, kind: str, value: str, currency: str) -> None:
    e = session.fetch(im.exposure, f, kind, value)
    tiles = [("Orders in scope", ui.count(e.orders), "Orders " + ("the carrier shipped" if kind == "carrier" else
                                                                    "placed") + " in the period."),
             ("Waiting to ship", ui.count(e.waiting_to_ship), None), ("In transit", ui.count(e.in_transit), None),
             ("Delivered late", ui.count(e.delivered_late), None),
             ("Promises at risk", ui.count(e.promises_at_risk),
              "Not delivered and promised by two days after the data's last order date."),
             ("Customers to notify", ui.count(e.customers_to_notify),
              "Customers with an order not yet delivered (orders that name no customer count one each)."),
             ("Revenue exposed", ui.money(e.revenue_exposed, currency),
              f"Net revenue ({currency}) of the orders not delivered or delivered late. " + metric("incident_exposure").definition)]
    cols = st.columns(4) + st.columns(3)
    for col, (label, v, help_) in zip(cols, tiles):
        ui.metric(col, label, v, help=help_)
    if e.orders_without_fx_rate:
        st.caption(f"{e.orders_without_fx_rate:,} exposed orders in a currency without a rate add nothing to the revenue.")


def trend(f, kind: str, value: str) -> None:
    if kind == "carrier":
        d = session.fetch(im.carrier_days, f)
        st.altair_chart(charts.carrier_late_rate(d[d["carrier"] == value], value), width="stretch")
    elif kind == "warehouse":
        d = session.fetch(im.warehouse_days, f)
        st.altair_chart(charts.warehouse_backlog(d[d["warehouse"] == value], value), width="stretch")


def notify_list(f, kind: str, value: str) -> None:
    d = session.fetch(im.notify_list, f, kind, value)
    d = d.assign(status=d["status"].map(im.STATUSES), channel=d["channel"].map(lambda v: display("channel", v)))
    d = d.rename(columns={"is_promise_at_risk": "promise_at_risk", "is_to_notify": "to_notify"})
    first = ["order", "status", "promise_at_risk", "promised_delivery_date"]  # what customer service reads first
    ui.table(d[first + [c for c in d.columns if c not in first]],
             f"incident_orders_{kind}_{value}", empty="No order in scope is waiting, in transit or late.",
             caption="For customer service: the orders in scope not delivered yet or delivered late, most urgent first. "
                     "Net revenue in the reporting currency.")
