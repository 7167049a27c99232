"""Incidents (METRICS.md "Month-end and incidents"): the days a carrier's late rate or a warehouse's backlog jumped,
and the orders an incident touches, for the customer-service team.

* Carrier incident day: of the packages a carrier shipped that day and that are measured against a promise, the
  share delivered late is at least `LATE_JUMP` (15 points) above the carrier's own late rate over the 28 days before
  and at least twice it, with at least `MIN_PACKAGES` measured packages that day and in the 28 days before (no
  baseline, no jump).
* Warehouse incident day: the warehouse's backlog at the day's end (orders placed in the 14 days to the day, not
  shipped by its end) is at least twice its median over the 28 days before and at least `MIN_BACKLOG_JUMP` orders
  above it.
* Incident exposure: the orders in scope (the carrier's packages shipped in the window; the warehouse's or region's
  orders placed in it) with where each stands at the data's last order date: waiting to ship, in transit, delivered
  late, delivered; promised dates at risk (not delivered and promised by two days after the data's end); customers
  to notify (not delivered: identifiable customers, plus orders naming none); net revenue exposed (not delivered or
  delivered late), in the reporting currency.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import query
from .registry import Metric

KINDS = {"carrier": "Carrier", "warehouse": "Warehouse", "region": "Ship-to region"}
STATUSES = {"waiting_to_ship": "Waiting to ship", "in_transit": "In transit", "delivered_late": "Delivered late",
            "delivered": "Delivered"}
BASELINE_DAYS = 28
LATE_JUMP = 0.15
MIN_PACKAGES = 5
MIN_BACKLOG_JUMP = 10

METRICS = (
    Metric("incident_exposure", "Incident exposure", "Orders a carrier shipped, or a warehouse or region took, in the "
           "incident window that are not delivered yet (waiting to ship or in transit) or arrived late: their count, "
           "net revenue (reporting currency), the promised dates at risk (not delivered and promised by two days "
           "after the data's end) and the customers to notify.",
           "orders in scope not delivered or delivered late", "ship date (carrier) / order date (warehouse, region)",
           ("fct_orders", "fct_shipments"), "orders", False),
)


@dataclass(frozen=True)
class Exposure:
    orders: int
    waiting_to_ship: int
    in_transit: int
    delivered_late: int
    promises_at_risk: int
    customers_to_notify: int  # identifiable customers with an undelivered order + undelivered orders naming none
    revenue_exposed: float  # reporting currency: not delivered or delivered late
    orders_without_fx_rate: int


def _dates(f) -> dict:
    """The period and the sidebar's dimension filters (empty = all), as the incident SQL reads them."""
    p = f.as_params() if hasattr(f, "as_params") else dict(f)
    return {"start": p["start"], "end": p["end"],
            **{d: list(p.get(d) or []) for d in ("channels", "warehouses", "carriers", "categories")}}


def carrier_days(con, f) -> pd.DataFrame:
    """Per carrier and ship day in the period: packages, measured, late, late_rate, the 28-day baseline_late_rate
    before the day (over baseline_packages measured packages), and is_incident (grain: carrier × day with
    packages)."""
    p = _dates(f)
    df = query(con, "incidents__carrier_days", p)
    if df.empty:
        return df.assign(late_rate=pd.Series(dtype="Float64"), baseline_late_rate=pd.Series(dtype="Float64"),
                         is_incident=pd.Series(dtype=bool))
    out = []
    for carrier, g in df.groupby("carrier", sort=True):
        g = g.set_index(pd.to_datetime(g["day"])).sort_index()
        full = g[["measured_packages", "late_packages"]].resample("D").sum()
        prior = full.shift(1).rolling(f"{BASELINE_DAYS}D", min_periods=1).sum()
        g["baseline_late_rate"] = (prior["late_packages"] / prior["measured_packages"].where(prior["measured_packages"] > 0)
                                   ).reindex(g.index).astype("Float64")
        g["baseline_packages"] = prior["measured_packages"].reindex(g.index).fillna(0).astype("int64")
        out.append(g.reset_index(drop=True))
    d = pd.concat(out, ignore_index=True)
    d["late_rate"] = (d["late_packages"] / d["measured_packages"].where(d["measured_packages"] > 0)).astype("Float64")
    base = d["baseline_late_rate"].fillna(0.0)
    d["is_incident"] = ((d["measured_packages"] >= MIN_PACKAGES) & (d["baseline_packages"] >= MIN_PACKAGES)
                        & (d["late_rate"] >= base + LATE_JUMP) & (d["late_rate"] >= 2 * base)).fillna(False).astype(bool)
    d = d[pd.to_datetime(d["day"]) >= pd.Timestamp(p["start"])]
    return d[["carrier", "day", "packages", "measured_packages", "late_packages", "late_rate", "baseline_late_rate",
              "baseline_packages", "is_incident"]].reset_index(drop=True)


def warehouse_days(con, f) -> pd.DataFrame:
    """Per warehouse and day in the period: orders placed, backlog at the day's end, its median over the 28 days
    before (baseline_backlog) and is_incident (grain: warehouse × day)."""
    p = _dates(f)
    df = query(con, "incidents__warehouse_days", p)
    if df.empty:
        return df.assign(baseline_backlog=pd.Series(dtype="float64"), is_incident=pd.Series(dtype=bool))
    out = []
    for wh, g in df.groupby("warehouse", sort=True):
        g = g.sort_values("day").copy()
        g["baseline_backlog"] = g["backlog_orders"].shift(1).rolling(BASELINE_DAYS, min_periods=7).median()
        out.append(g)
    d = pd.concat(out, ignore_index=True)
    base = d["baseline_backlog"]
    d["is_incident"] = (base.notna() & (d["backlog_orders"] >= 2 * base)
                        & (d["backlog_orders"] >= base + MIN_BACKLOG_JUMP)).astype(bool)
    d = d[pd.to_datetime(d["day"]) >= pd.Timestamp(p["start"])]
    return d[["warehouse", "day", "orders_placed", "backlog_orders", "baseline_backlog", "is_incident"]].reset_index(drop=True)


def incident_days(con, f) -> pd.DataFrame:
    """The detected incident days of the period, newest first (grain: kind × value × day; columns kind, value, day,
    measure (what jumped, in words), value_now, baseline)."""
    c = carrier_days(con, f)
    c = c[c["is_incident"]]
    w = warehouse_days(con, f)
    w = w[w["is_incident"]]
    rows = [{"kind": "carrier", "value": r.carrier, "day": r.day, "measure": "late rate of the day's packages",
             "now": float(r.late_rate), "baseline": float(r.baseline_late_rate) if pd.notna(r.baseline_late_rate) else 0.0,
             "packages_or_orders": int(r.measured_packages)} for r in c.itertuples()]
    rows += [{"kind": "warehouse", "value": r.warehouse, "day": r.day, "measure": "orders waiting at the day's end",
              "now": float(r.backlog_orders), "baseline": float(r.baseline_backlog),
              "packages_or_orders": int(r.backlog_orders)} for r in w.itertuples()]
    cols = ["kind", "value", "day", "measure", "now", "baseline", "packages_or_orders"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["day", "kind", "value"], ascending=[False, True, True]).reset_index(drop=True)


def scopes(con) -> dict[str, list[str]]:
    """kind -> the values one can scope an incident to (most orders first)."""
    df = query(con, "incidents__scopes")
    return {k: df.loc[df["kind"] == k, "value"].tolist() for k in KINDS}


def orders(con, f, kind: str, value: str) -> pd.DataFrame:
    """The orders an incident touches (grain: one row per order; see incidents__orders.sql), most urgent first."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return query(con, "incidents__orders", {**_dates(f), "kind": kind, "value": value})


def exposure(con, f, kind: str, value: str) -> Exposure:
    o = orders(con, f, kind, value)
    st = o["status"].value_counts()
    open_ = o[o["is_to_notify"].astype(bool)]
    exposed = o[o["status"].isin(["waiting_to_ship", "in_transit", "delivered_late"])]
    return Exposure(
        orders=len(o), waiting_to_ship=int(st.get("waiting_to_ship", 0)), in_transit=int(st.get("in_transit", 0)),
        delivered_late=int(st.get("delivered_late", 0)),
        promises_at_risk=int(o["is_promise_at_risk"].fillna(False).astype(bool).sum()),
        customers_to_notify=int(open_["customer_key"].dropna().nunique() + open_["customer_key"].isna().sum()),
        revenue_exposed=float(exposed["net_revenue_amount"].sum()),
        orders_without_fx_rate=int((~exposed["has_fx_rate"].astype(bool)).sum()))


def notify_list(con, f, kind: str, value: str) -> pd.DataFrame:
    """The list for customer service: the affected orders not delivered or delivered late, without the customer
    key (grain: one row per order)."""
    o = orders(con, f, kind, value)
    o = o[o["status"].isin(["waiting_to_ship", "in_transit", "delivered_late"])]
    return o.drop(columns=["order_id", "customer_key", "is_identifiable", "has_fx_rate", "as_of_date"]).rename(
        columns={"source_order_ref": "order"}).reset_index(drop=True)
