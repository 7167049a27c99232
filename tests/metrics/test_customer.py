"""CSAT, mean score and order defect rate on a six-order fixture whose answers were computed by hand."""
import datetime as dt

import pytest

from lib.metrics import customer
from csv_workspace import load_csv_workspace

ORDERS = """order_id,channel,ordered_at,sku,quantity,unit_price,status
O1,web,2026-03-02 10:00,S1,1,10,shipped
O2,web,2026-03-03 10:00,S2,1,20,shipped
O3,amazon,2026-03-03 11:00,S1,2,10,shipped
O4,amazon,2026-03-04 12:00,S2,1,20,shipped
O5,web,2026-03-04 13:00,S1,1,10,cancelled
O6,wholesale,2026-03-05 09:00,S2,5,15,shipped
"""
PRODUCTS = """sku,product_name,category
S1,Shirt,Apparel
S2,Lamp,Home
"""
SHIPMENTS = """shipment_id,order_id,channel,carrier,tracking_number,warehouse,label_created_at,first_scan_at
P1,O1,web,UPS,1Z0000000001,WH1,2026-03-02 12:00,2026-03-02 17:00
P2,O2,web,UPS,1Z0000000002,WH1,2026-03-03 12:00,2026-03-03 17:00
P3,O3,amazon,FedEx,7700000000003,WH2,2026-03-03 12:00,2026-03-03 17:00
P4,O4,amazon,FedEx,7700000000004,WH2,2026-03-04 13:00,2026-03-04 17:00
P6,O6,wholesale,UPS,1Z0000000006,WH1,2026-03-05 12:00,2026-03-05 17:00
"""
# week of Mon 2 March: C1–C4 (C4 names no order); week of 9 March: C5.
CSAT = """response_id,responded_at,score,order_id,channel,comment
C1,2026-03-05 08:00,5,O1,web,great
C2,2026-03-06 09:00,4,O2,web,ok
C3,2026-03-06 10:00,2,O3,amazon,late
C4,2026-03-07 11:00,1,,web,no order named
C5,2026-03-10 12:00,3,O4,amazon,meh
"""

ALL = {"channels": [], "warehouses": [], "carriers": [], "categories": []}
MARCH = {**ALL, "start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 31)}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    root = tmp_path_factory.mktemp("cust")
    c = load_csv_workspace(root, (("orders.csv", ORDERS), ("products.csv", PRODUCTS), ("shipments.csv", SHIPMENTS),
                       ("csat.csv", CSAT))).reader()
    yield c
    c.close()


def test_csat_is_the_share_of_responses_scored_4_or_5(con):
    week = customer.csat_summary(con, {**ALL, "start": dt.date(2026, 3, 2), "end": dt.date(2026, 3, 8)})
    assert (week.responses, week.satisfied_responses, week.negative_responses) == (4, 2, 2)
    assert week.csat == pytest.approx(2 / 4)
    assert week.mean_score == pytest.approx((5 + 4 + 2 + 1) / 4)
    march = customer.csat_summary(con, MARCH)
    assert march.responses == 5 and march.csat == pytest.approx(2 / 5) and march.mean_score == pytest.approx(3.0)


def test_csat_filters_and_weeks(con):
    amazon = customer.csat_summary(con, {**MARCH, "channels": ["amazon"]})
    assert amazon.responses == 2 and amazon.csat == pytest.approx(0.0) and amazon.mean_score == pytest.approx(2.5)
    # category and carrier filters go through the rated order: C4 names no order and drops out
    apparel = customer.csat_summary(con, {**MARCH, "categories": ["Apparel"]})
    assert apparel.responses == 2 and apparel.csat == pytest.approx(0.5)  # C1 (5) and C3 (2)
    ups = customer.csat_summary(con, {**MARCH, "carriers": ["UPS"]})
    assert ups.responses == 2 and ups.csat == pytest.approx(1.0)  # C1, C2
    w = customer.csat_weekly(con, MARCH)
    assert w["week_start"].astype(str).tolist() == ["2026-03-02", "2026-03-09"]
    assert w["responses"].tolist() == [4, 1] and w["csat"].tolist() == pytest.approx([0.5, 0.0])
    empty = customer.csat_summary(con, {**ALL, "start": dt.date(2026, 4, 1), "end": dt.date(2026, 4, 30)})
    assert empty.responses == 0 and empty.csat is None


def test_csat_breakdown_partitions_responses(con):
    b = customer.csat_breakdown(con, MARCH, ("channel", "warehouse"))
    ch = b[b["dimension"] == "channel"].set_index("slice")
    assert ch.loc["web", "responses"] == 3 and ch.loc["web", "csat"] == pytest.approx(2 / 3)
    assert ch.loc["amazon", "responses"] == 2
    wh = b[b["dimension"] == "warehouse"].set_index("slice")
    assert wh["responses"].sum() == 5 and wh.loc["No linked order", "responses"] == 1
    assert wh.loc["WH1", "csat"] == pytest.approx(1.0)


def test_order_defect_rate_counts_negative_feedback_where_data_allows(con):
    # 60 days to 31 March: O1–O4 and O6 (O5 cancelled before shipment); negative feedback: O3 (score 2)
    df = customer.order_defects(con, MARCH)
    odr = df.set_index(df["channel"].where(~df["is_total"], "ALL"))
    assert odr.loc["ALL", "orders"] == 5 and odr.loc["ALL", "defective_orders"] == 1
    assert odr.loc["ALL", "order_defect_rate"] == pytest.approx(1 / 5)
    assert odr.loc["amazon", "order_defect_rate"] == pytest.approx(1 / 2)
    assert odr.loc["web", "order_defect_rate"] == pytest.approx(0.0)  # feedback exists, none negative
    assert odr.loc["wholesale", "order_defect_rate"] != odr.loc["wholesale", "order_defect_rate"]  # NaN: no feedback
    assert odr["window_start"].iloc[0] == dt.date(2026, 3, 31) - dt.timedelta(days=59)
