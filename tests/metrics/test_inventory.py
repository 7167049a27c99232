"""Inventory KPIs on a three-SKU fixture whose answers were computed by hand (template CSVs through the real ingest).

Inventory window: Monday 2 – Sunday 8 March 2026 (7 days).  Daily units on hand (all locations):
    P1  10 10 10  0  0 20 20   (sold out 5–6 March; 20 received on the 7th)   cost 4, price 10
    P2   8  8  3  3  3  3  3   (WH1 empties on the 4th but WH2 still holds 3)  cost 10, price 20
    P3   0 …                   (inactive: not counted in the stock-out rate)   cost 2
"""
import datetime as dt
import math

import pytest

from lib.metrics import inventory
from csv_workspace import load_csv_workspace

PRODUCTS = """sku,product_name,category,supplier,price,lead_time_days,moq,case_pack,is_active
P1,Widget,Tools,S1,10,20,10,5,true
P2,Gadget,Tools,S1,20,20,0,1,true
P3,Old thing,Misc,S2,5,10,0,1,false
"""
COSTS = """sku,effective_from,unit_cost
P1,2026-01-01,4
P2,2026-01-01,10
P3,2026-01-01,2
"""
INVENTORY = """snapshot_date,sku,location,on_hand,available
2026-03-02,P1,WH1,10,10
2026-03-05,P1,WH1,0,0
2026-03-07,P1,WH1,20,20
2026-03-02,P2,WH1,5,5
2026-03-04,P2,WH1,0,0
2026-03-02,P2,WH2,3,3
2026-03-08,P2,WH2,3,3
2026-03-02,P3,WH1,0,0
"""
ORDERS = """order_id,channel,ordered_at,sku,quantity,unit_price,status
O1,web,2026-03-02 10:00,P1,2,10,shipped
O2,web,2026-03-03 11:00,P1,3,10,shipped
O3,web,2026-03-03 12:00,P2,1,20,shipped
O4,web,2026-03-04 09:00,P1,5,10,shipped
O5,web,2026-03-07 15:00,P1,4,10,shipped
O6,web,2026-03-08 16:00,P2,2,20,shipped
O7,web,2026-03-06 10:00,P1,1,10,cancelled
O8,web,2026-02-20 10:00,P2,1,20,shipped
O9,web,2026-03-10 10:00,P1,6,10,shipped
O10,web,2026-03-12 10:00,P2,1,20,shipped
"""
POS = """po_id,sku,supplier,ordered_at,expected_at,received_at,quantity_ordered,quantity_received,unit_cost
PO1,P1,S1,2026-02-20,2026-03-06,2026-03-07,20,20,4
PO2,P2,S1,2025-11-01,2025-11-28,2025-12-01,50,50,10
PO3,P1,S1,2026-03-06,2026-03-27,,12,,4
"""

PARAMS = {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 31), "channels": [], "warehouses": [], "carriers": [],
          "categories": []}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    root = tmp_path_factory.mktemp("inv")
    c = load_csv_workspace(root, (("products.csv", PRODUCTS), ("costs.csv", COSTS), ("inventory.csv", INVENTORY),
                       ("orders.csv", ORDERS), ("pos.csv", POS))).reader()
    yield c
    c.close()


def test_summary_by_hand(con):
    s = inventory.summary(con, PARAMS, excess_days=5, aged_days=30)
    assert (s.window_start, s.window_end, s.window_days, s.skus) == (dt.date(2026, 3, 2), dt.date(2026, 3, 8), 7, 3)
    avg_value = 70 / 7 * 4 + 31 / 7 * 10  # P1 40 + P2 44.29
    assert s.avg_inventory_value_amount == pytest.approx(avg_value)
    assert s.cogs_amount == pytest.approx(14 * 4 + 3 * 10)  # the cancelled line and sales outside the window excluded
    assert s.inventory_turnover == pytest.approx(86 / avg_value)
    assert s.inventory_turnover_annualised == pytest.approx(86 / avg_value * 365 / 7)
    assert s.unit_turnover == pytest.approx(17 / (10 + 31 / 7))
    assert s.gmroi == pytest.approx((200 - 86) / avg_value)
    assert s.stockout_rate == pytest.approx(2 / 14)  # P1's two sold-out days over 14 active SKU-days
    assert s.lost_sales_units == pytest.approx(2 * 14 / 5)  # 2 days × 2.8 units per in-stock day
    assert s.lost_sales_amount == pytest.approx(2 * 14 / 5 * 10)
    assert s.days_of_supply == pytest.approx((20 + 3) / (14 / 5 + 3 / 7))
    assert s.sell_through_rate == pytest.approx(17 / (10 + 20 + 8))
    assert s.excess_units == pytest.approx((20 - 5 * 2.8) + (3 - 5 * 3 / 7))
    assert s.excess_value_amount == pytest.approx(6 * 4 + (3 - 15 / 7) * 10)
    assert (s.aged_units, s.aged_value_amount) == (pytest.approx(3), pytest.approx(30))  # P1's 20 arrived on the 7th


def test_sku_rows_by_hand(con):
    t = inventory.sku_table(con, PARAMS, excess_days=5, aged_days=30).set_index("sku")
    p1, p2 = t.loc["P1"], t.loc["P2"]
    assert (p1["on_hand"], p1["stockout_days"], p1["units_sold"]) == (20, 2, 14)
    assert p1["days_of_supply"] == pytest.approx(20 / 2.8)
    assert p1["sell_through_rate"] == pytest.approx(14 / 30)
    assert p2["stockout_days"] == 0  # one empty location is not a stock-out of the SKU
    assert p2["sell_through_rate"] == pytest.approx(3 / 8)
    # Amazon-style alternative: units in the trailing 90 days (incl. 20 Feb) / average on hand over the days with stock
    assert p2["sell_through_amazon_90d"] == pytest.approx(4 / (31 / 7))
    assert t.loc["P3", "active_sku_days"] == 0


def test_category_filter(con):
    s = inventory.summary(con, {**PARAMS, "categories": ["Misc"]})
    assert s.skus == 1 and (s.cogs_amount or 0) == 0


def test_abc_xyz_by_hand(con):
    two_weeks = {**PARAMS, "start": dt.date(2026, 3, 2), "end": dt.date(2026, 3, 15)}
    df = inventory.abc_xyz(con, two_weeks).set_index("sku")
    # revenue P1 200, P2 80: P1 is A; P2 has 200/280 = 71 % of revenue ranked above it → A at the 80 % cut
    assert df["abc_class"].to_dict() == {"P1": "A", "P2": "A"}
    assert df.loc["P1", "revenue_share"] == pytest.approx(200 / 280)
    # weekly units: P1 14, 6 → CV 4/10 = .4 → X; P2 3, 1 → CV 1/2 = .5 → Y
    assert df.loc["P1", "weekly_cv"] == pytest.approx(0.4) and df.loc["P1", "xyz_class"] == "X"
    assert df.loc["P2", "weekly_cv"] == pytest.approx(0.5) and df.loc["P2", "xyz_class"] == "Y"
    assert inventory.abc_xyz(con, two_weeks, a_cut=0.7).set_index("sku").loc["P2", "abc_class"] == "B"
    m = inventory.abc_xyz_matrix(df.reset_index())
    assert m["skus"].sum() == 2


def test_excess_and_aged_list(con):
    df = inventory.excess_and_aged(con, PARAMS, excess_days=5, aged_days=30)
    assert list(df["sku"]) == ["P2", "P1"]  # P2 30 (aged) > P1 24 (excess)


def test_weekly(con):
    w = inventory.weekly(con, PARAMS)
    assert len(w) == 1 and w["avg_inventory_value_amount"].iloc[0] == pytest.approx(590 / 7)
    assert w["stockout_rate"].iloc[0] == pytest.approx(2 / 14)


def test_replenishment_inputs_from_purchase_orders(con):
    from lib.forecast import replenishment as rp
    inp = rp.load_inputs(con, PARAMS)
    lt = inp.lead_times.set_index("supplier").loc["S1"]
    assert (lt["received_po_lines"], lt["lead_time_mean_days"]) == (2, 22.5)  # 15 and 30 days
    assert lt["lead_time_std_days"] == pytest.approx(math.sqrt(112.5))
    st = inp.stock.set_index("sku")
    assert (st.loc["P1", "on_hand"], st.loc["P1", "on_order"], st.loc["P1", "units_sold_since_snapshot"]) == (20, 12, 6)
    assert inp.as_of == dt.date(2026, 3, 12)


def test_registry_lists_inventory_metrics():
    from lib.metrics.registry import all_metrics
    keys = {m.key for m in all_metrics() if m.domain == "inventory"}
    assert {"inventory_turnover", "days_of_supply", "sell_through_rate", "stockout_rate", "gmroi"} <= keys
