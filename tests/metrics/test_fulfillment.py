"""Fulfillment KPIs on a five-order fixture whose answers were computed by hand (see the comments)."""
import datetime as dt

import pytest

from lib.metrics import fulfillment
from csv_workspace import load_csv_workspace

ORDERS = """order_id,channel,ordered_at,sku,quantity,unit_price,shipping_charged,status
A1,web,2026-03-02 10:00,S1,2,10,5,shipped
A2,web,2026-03-02 15:00,S1,1,10,0,shipped
A3,web,2026-03-06 16:00,S2,1,20,0,shipped
A4,web,2026-03-03 09:00,S2,1,20,0,cancelled
A5,web,2026-03-04 11:00,S1,1,10,0,shipped
"""
# Monday 2 March 2026; cut-off 14:00, so ship-by: A1 Mon 2nd, A2 Tue 3rd, A3 (Fri 16:00) Mon 9th, A5 Wed 4th.
SHIPMENTS = """shipment_id,order_id,channel,carrier,service,tracking_number,warehouse,label_created_at,first_scan_at,delivered_at,promised_delivery_date,status,label_cost
P1,A1,web,UPS,Ground,1Z0000000001,WH1,2026-03-02 12:00,2026-03-02 17:00,2026-03-04 12:00,2026-03-05,delivered,8
P2,A2,web,UPS,Ground,1Z0000000002,WH1,2026-03-03 10:00,2026-03-04 09:00,2026-03-06 10:00,2026-03-06,damaged,6
P3,A3,web,FedEx,Home,7700000000003,WH2,2026-03-09 08:00,2026-03-09 12:00,2026-03-12 09:00,2026-03-11,delivered,7
P5,A5,web,FedEx,Home,7700000000005,WH2,2026-03-04 13:00,2026-03-04 16:00,2026-03-06 12:00,2026-03-09,delivered,9
"""
RETURNS = """return_id,order_id,channel,sku,quantity,returned_at,reason
R1,A5,web,S1,1,2026-03-10,Wrong item sent
"""


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    root = tmp_path_factory.mktemp("ws")
    c = load_csv_workspace(root, (("o.csv", ORDERS), ("s.csv", SHIPMENTS), ("r.csv", RETURNS))).reader()
    yield c
    c.close()


PARAMS = {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 31), "channels": [], "warehouses": [], "carriers": [],
          "categories": []}


def test_summary_matches_hand_computation(con):
    s = fulfillment.summary(con, PARAMS)
    assert (s.orders, s.orders_incl_cancelled, s.shipped_orders, s.cancelled_orders) == (4, 5, 4, 1)
    assert s.cancellation_rate == pytest.approx(1 / 5)
    # on-time ship: A1 17:00 ≤ Mon 23:59, A2 picked up Wed > Tue, A3 Mon 12:00 ≤ Mon, A5 Wed 16:00 ≤ Wed → 3/4
    assert s.on_time_ship_measurable == 4 and s.on_time_ship_rate == pytest.approx(0.75)
    # on-time delivery: A3 delivered 12th > promised 11th → 3/4
    assert s.on_time_delivery_rate == pytest.approx(0.75)
    assert s.in_full_rate == pytest.approx(1.0)
    assert s.otif_measurable == 4 and s.otif_rate == pytest.approx(0.75)
    # perfect: only A1 (A2 damaged, A3 late, A5 wrong item) → 1/4, one failure of each kind
    assert s.perfect_order_rate == pytest.approx(0.25)
    assert (s.perfect_fail_late, s.perfect_fail_not_in_full, s.perfect_fail_damaged, s.perfect_fail_inaccurate) == (1, 0, 1, 1)
    assert s.fulfillment_accuracy == pytest.approx(0.75)
    # cycle = order → first scan: 7, 42, 68, 5 h
    assert s.cycle_hours_median == pytest.approx(24.5)
    assert s.cycle_hours_p90 == pytest.approx(42 + 0.7 * 26)
    assert s.processing_hours_median == pytest.approx(10.5)  # 2, 19, 64, 2
    assert s.dock_hours_median == pytest.approx(4.5)  # 5, 23, 4, 3
    assert s.transit_hours_median == pytest.approx(46.5)  # 43, 49, 69, 44
    assert s.click_to_door_hours_median == pytest.approx(70.5)  # 50, 91, 137, 49
    # cost per shipped order: labels 30/4; packaging 0.85 default; labor 5 units / 60 u/h × $19 / 4 orders
    assert s.label_cost_per_order == pytest.approx(7.5)
    assert s.packaging_cost_per_order == pytest.approx(0.85)
    assert s.labor_cost_per_order == pytest.approx(5 / 60 * 19 / 4)
    assert s.cost_per_order == pytest.approx(7.5 + 0.85 + 5 / 60 * 19 / 4)
    assert s.net_shipping_cost_per_order == pytest.approx((30 - 5) / 4)
    assert s.valid_tracking_rate == pytest.approx(1.0)


def test_filters_scope_the_orders(con):
    s = fulfillment.summary(con, {**PARAMS, "warehouses": ["WH2"]})
    assert s.orders == 2 and s.on_time_delivery_rate == pytest.approx(0.5)
    s = fulfillment.summary(con, {**PARAMS, "carriers": ["UPS"]})
    assert s.orders == 2 and s.on_time_ship_rate == pytest.approx(0.5)


def test_failing_orders_list_the_culprits(con):
    assert fulfillment.failing_orders(con, PARAMS, "late_ship")["source_order_ref"].tolist() == ["A2"]
    assert fulfillment.failing_orders(con, PARAMS, "not_perfect")["source_order_ref"].tolist() == ["A2", "A5", "A3"]  # by order time


def test_weekly_trend(con):
    w = fulfillment.weekly(con, PARAMS)
    assert w["week_start"].astype(str).tolist() == ["2026-03-02"]
    assert w["orders"].tolist() == [4]


def test_breakdown_evaluates_the_summary_per_slice(con):
    b = fulfillment.breakdown(con, PARAMS, ("carrier", "primary_sku", "all"))
    carrier = b[b["dimension"] == "carrier"].set_index("slice")
    # UPS: A1 on time, A2 picked up late → 1/2; FedEx: A3, A5 on time; the cancelled A4 has no carrier
    assert carrier.loc["UPS", "on_time_ship_rate"] == pytest.approx(0.5)
    assert carrier.loc["FedEx", "on_time_ship_rate"] == pytest.approx(1.0)
    assert carrier.loc["Unknown", "cancellation_rate"] == pytest.approx(1.0)
    assert carrier["orders_incl_cancelled"].sum() == 5  # carriers partition the orders
    sku = b[b["dimension"] == "primary_sku"].set_index("slice")
    assert sku.loc["S1", "orders"] == 3 and sku.loc["S2", "orders_incl_cancelled"] == 2
    everything = b[b["dimension"] == "all"].iloc[0]
    s = fulfillment.summary(con, PARAMS)
    for f in ("orders", "on_time_delivery_rate", "perfect_order_rate", "cost_per_order", "cycle_hours_p90"):
        assert everything[f] == pytest.approx(getattr(s, f))


def test_weekly_summary_has_every_kpi_per_week(con):
    w = fulfillment.weekly_summary(con, PARAMS)
    assert w["week_start"].astype(str).tolist() == ["2026-03-02"]
    s = fulfillment.summary(con, PARAMS)
    assert w.loc[0, "perfect_order_rate"] == pytest.approx(s.perfect_order_rate)
    assert w.loc[0, "transit_hours_p90"] == pytest.approx(s.transit_hours_p90)


def test_failing_orders_for_a_rate_and_a_slice(con):
    assert fulfillment.failing_orders_for(con, PARAMS, "otif_rate")["source_order_ref"].tolist() == ["A3"]
    assert fulfillment.failing_orders_for(con, PARAMS, "otif_rate", "carrier", "FedEx")["source_order_ref"].tolist() == ["A3"]
    assert fulfillment.failing_orders_for(con, PARAMS, "otif_rate", "carrier", "UPS").empty
    assert fulfillment.failing_orders_for(con, PARAMS, "on_time_ship_rate", "service", "Ground")["source_order_ref"].tolist() == ["A2"]


def test_failing_orders_for_agrees_with_failing_orders(con):
    for kpi, components in fulfillment.FAILING.items():
        expected = set()
        for c in components:
            expected |= set(fulfillment.failing_orders(con, PARAMS, c)["order_id"])
        assert set(fulfillment.failing_orders_for(con, PARAMS, kpi)["order_id"]) == expected, kpi
