"""Incidents on a fixture computed by hand (every order 10.00, web channel; data ends 21 Mar 2026).

Carriers (ordered 08:00, label 10:00, first scan 17:00 the same day, from WH1):
  10 Mar: UPS 5 packages on time; FedEx 5 packages, 1 late           -> baselines: UPS 0 %, FedEx 20 %
  20 Mar: UPS 7 packages: 3 late, 3 on time, 1 in transit (promised 23 Mar, customer C7) -> 3/6 = 50 %: incident
          FedEx 5 packages, 1 late                                     -> 20 %, not above 20 % + 15 pts: none
Warehouse WH9: one order a day 1–19 Mar shipped the same day (backlog 0); 20 Mar 12 orders (ship-to NJ) and 21 Mar
one order, none shipped -> backlog 12 on the 20th, 13 on the 21st against a median of 0: incidents both days.
"""
import datetime as dt

import pandas as pd
import pytest

from csv_workspace import load_csv_workspace
from lib.metrics import incidents


def _files():
    orders, ships = ["order_id,channel,ordered_at,sku,quantity,unit_price,status,warehouse,customer_id,ship_to_region"], \
        ["shipment_id,order_id,channel,carrier,service,tracking_number,warehouse,label_created_at,first_scan_at,"
         "delivered_at,promised_delivery_date,status"]
    n = 0

    def pkg(day, carrier, delivered, promised, customer=""):
        nonlocal n
        n += 1
        orders.append(f"K{n},web,{day} 08:00,S1,1,10,shipped,WH1,{customer},")
        ships.append(f"P{n},K{n},web,{carrier},Ground,TRK{n:08d},WH1,{day} 10:00,{day} 17:00,"
                     f"{delivered + ' 12:00' if delivered else ''},{promised},{'delivered' if delivered else 'in_transit'}")
    for _ in range(5):
        pkg("2026-03-10", "UPS", "2026-03-12", "2026-03-14")
    for i in range(5):
        pkg("2026-03-10", "FedEx", "2026-03-16" if i == 0 else "2026-03-12", "2026-03-14")
    for i in range(6):
        pkg("2026-03-20", "UPS", "2026-03-26" if i < 3 else "2026-03-22", "2026-03-24")
    pkg("2026-03-20", "UPS", "", "2026-03-23", customer="C7")
    for i in range(5):
        pkg("2026-03-20", "FedEx", "2026-03-26" if i == 0 else "2026-03-22", "2026-03-24")
    for d in range(1, 20):
        day = f"2026-03-{d:02d}"
        orders.append(f"W{d},web,{day} 08:00,S1,1,10,shipped,WH9,,")
        ships.append(f"Q{d},W{d},web,USPS,Ground,USPS{d:010d},WH9,{day} 09:00,{day} 15:00,,,in_transit")
    orders += [f"N{i},web,2026-03-20 09:00,S1,1,10,open,WH9,,NJ" for i in range(12)]
    orders.append("N99,web,2026-03-21 09:00,S1,1,10,open,WH9,,")
    return "\n".join(orders) + "\n", "\n".join(ships) + "\n"


ALL = {"channels": [], "warehouses": [], "carriers": [], "categories": []}
MARCH = {**ALL, "start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 21)}
DAY20 = {**ALL, "start": dt.date(2026, 3, 20), "end": dt.date(2026, 3, 20)}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    o, s = _files()
    c = load_csv_workspace(tmp_path_factory.mktemp("incidents"), (("orders.csv", o), ("shipments.csv", s))).reader()
    yield c
    c.close()


def test_carrier_late_rate_jumps(con):
    d = incidents.carrier_days(con, MARCH).set_index(["carrier", "day"])
    ups = d.loc[("UPS", pd.Timestamp("2026-03-20"))]
    assert (ups.packages, ups.measured_packages, ups.late_packages) == (7, 6, 3)
    assert ups.late_rate == 0.5 and ups.baseline_late_rate == 0.0 and ups.is_incident
    fedex = d.loc[("FedEx", pd.Timestamp("2026-03-20"))]
    assert fedex.late_rate == 0.2 and fedex.baseline_late_rate == 0.2 and not fedex.is_incident
    assert not d.loc[("UPS", pd.Timestamp("2026-03-10")), "is_incident"]  # no baseline, 0 % late
    assert not d.loc[("FedEx", pd.Timestamp("2026-03-10")), "is_incident"]  # 20 % late, but no baseline to jump from


def test_warehouse_backlog_jumps(con):
    w = incidents.warehouse_days(con, MARCH).set_index(["warehouse", "day"])
    assert w.loc[("WH9", pd.Timestamp("2026-03-19")), "backlog_orders"] == 0
    assert w.loc[("WH9", pd.Timestamp("2026-03-20")), ["backlog_orders", "baseline_backlog"]].tolist() == [12, 0.0]
    assert w.loc[("WH9", pd.Timestamp("2026-03-21")), "backlog_orders"] == 13
    assert w.loc[("WH1", pd.Timestamp("2026-03-20")), "backlog_orders"] == 0
    days = incidents.incident_days(con, MARCH)
    assert days[["kind", "value", "day"]].values.tolist() == [
        ["warehouse", "WH9", pd.Timestamp("2026-03-21")], ["carrier", "UPS", pd.Timestamp("2026-03-20")],
        ["warehouse", "WH9", pd.Timestamp("2026-03-20")]]


def test_exposure_of_a_carrier_day(con):
    e = incidents.exposure(con, DAY20, "carrier", "UPS")
    assert (e.orders, e.waiting_to_ship, e.in_transit, e.delivered_late) == (7, 0, 1, 3)
    assert e.promises_at_risk == 1  # promised 23 Mar, within two days of the data's end (21 Mar)
    assert e.customers_to_notify == 1 and e.revenue_exposed == pytest.approx(40.0)
    lst = incidents.notify_list(con, DAY20, "carrier", "UPS")
    assert len(lst) == 4 and lst.loc[0, "status"] == "in_transit" and "customer_key" not in lst.columns


def test_exposure_of_a_warehouse_and_a_region(con):
    window = {**ALL, "start": dt.date(2026, 3, 20), "end": dt.date(2026, 3, 21)}
    e = incidents.exposure(con, window, "warehouse", "WH9")
    assert (e.orders, e.waiting_to_ship, e.customers_to_notify) == (13, 13, 13)  # no customer ids: one per order
    assert e.revenue_exposed == pytest.approx(130.0) and e.promises_at_risk == 0  # no promise stated
    assert incidents.exposure(con, window, "region", "NJ").orders == 12
    with pytest.raises(ValueError):
        incidents.orders(con, window, "sku", "S1")


def test_the_sidebar_filters_apply(con):
    fedex = {**MARCH, "carriers": ["FedEx"]}
    assert set(incidents.carrier_days(con, fedex)["carrier"]) == {"FedEx"}
    # WH9's shipped orders went by USPS, but its backlog has no carrier yet: a carrier filter keeps the waiting orders
    days = incidents.incident_days(con, fedex)
    assert days[["kind", "value"]].values.tolist() == [["warehouse", "WH9"], ["warehouse", "WH9"]]  # UPS's day is out
    w = incidents.warehouse_days(con, fedex).set_index(["warehouse", "day"])
    assert w.loc[("WH9", pd.Timestamp("2026-03-20")), "backlog_orders"] == 12  # as without the filter
    assert incidents.exposure(con, {**DAY20, "carriers": ["FedEx"]}, "warehouse", "WH9").waiting_to_ship == 12
    assert incidents.exposure(con, {**DAY20, "channels": ["web"]}, "carrier", "UPS").orders == 7  # every order is web
    assert incidents.exposure(con, {**DAY20, "channels": ["amazon"]}, "carrier", "UPS").orders == 0
    assert incidents.carrier_days(con, {**MARCH, "warehouses": ["WH9"]})["carrier"].unique().tolist() == ["USPS"]
