"""Marketplace account health on a hand-computed fixture: Amazon and Walmart orders around 31 March 2026."""
import datetime as dt

import pytest

from lib.metrics import marketplace
from csv_workspace import load_csv_workspace

# as of Tue 31 March: 10-day window = 22–31 March, 30-day = 2–31 March, 7-day = 25–31 March
ORDERS = """order_id,channel,ordered_at,sku,quantity,unit_price,status,ship_by
A1,amazon,2026-03-25 09:00,S1,1,10,shipped,2026-03-26 18:00
A2,amazon,2026-03-25 10:00,S1,1,10,shipped,2026-03-26 18:00
A3,amazon,2026-03-28 11:00,S1,1,10,cancelled,2026-03-30 18:00
A4,amazon,2026-03-10 12:00,S1,1,10,shipped,2026-03-11 18:00
A5,amazon,2026-03-05 13:00,S1,1,10,shipped,2026-03-06 18:00
A6,amazon,2026-02-20 13:00,S1,1,10,shipped,2026-02-21 18:00
W1,walmart,2026-03-20 09:00,S1,1,10,shipped,2026-03-21 18:00
W2,walmart,2026-03-21 09:00,S1,1,10,shipped,2026-03-22 18:00
W3,walmart,2026-03-22 09:00,S1,1,10,cancelled,2026-03-23 18:00
"""
# A2 and A5 picked up after their ship-by; A5 has no tracking number; W2's tracking number is too short to be valid
SHIPMENTS = """shipment_id,order_id,channel,carrier,tracking_number,warehouse,label_created_at,first_scan_at
P1,A1,amazon,UPS,1Z0000000001,WH1,2026-03-26 08:00,2026-03-26 10:00
P2,A2,amazon,UPS,1Z0000000002,WH1,2026-03-26 20:00,2026-03-27 09:00
P4,A4,amazon,UPS,1Z0000000004,WH1,2026-03-11 08:00,2026-03-11 12:00
P5,A5,amazon,UPS,,WH1,2026-03-08 08:00,2026-03-09 12:00
P6,A6,amazon,UPS,1Z0000000006,WH1,2026-02-21 08:00,2026-02-21 12:00
Q1,W1,walmart,FedEx,7700000000001,WH2,2026-03-21 08:00,2026-03-21 12:00
Q2,W2,walmart,FedEx,123,WH2,2026-03-22 08:00,2026-03-22 12:00
"""
# one Amazon-fulfilled (FBA) order in the window: not the seller's to ship, left out of the seller metrics
AMAZON_HEADER = ("amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\t"
                 "sales-channel\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\titem-price")
AMAZON = AMAZON_HEADER + "\n114-0000000-0000001\t\t2026-03-27 10:00:00\t2026-03-27 10:00:00\tCancelled\tAmazon\tAmazon.com\t" \
                         "Standard\tShirt\tS1\t\tCancelled\t1\tUSD\t10.00\n"
CSAT = """response_id,responded_at,score,order_id,channel
C1,2026-03-27 10:00,1,A1,amazon
C2,2026-03-27 11:00,5,A2,amazon
"""

AS_OF = dt.date(2026, 3, 31)
PARAMS = {"start": dt.date(2026, 3, 1), "end": AS_OF, "channels": [], "warehouses": [], "carriers": [], "categories": []}


@pytest.fixture(scope="module")
def health(tmp_path_factory):
    root = tmp_path_factory.mktemp("mkt")
    con = load_csv_workspace(root, (("orders.csv", ORDERS), ("shipments.csv", SHIPMENTS), ("amazon.txt", AMAZON),
                                    ("csat.csv", CSAT))).reader()
    df = marketplace.health(con, PARAMS)
    con.close()
    return df.set_index(["channel", "metric", "window_days"])


def test_late_shipment_rate_10_and_30_days(health):
    ten = health.loc[("amazon", "late_shipment_rate", 10)]
    assert (ten["numerator"], ten["denominator"]) == (1, 2) and ten["rate"] == pytest.approx(0.5)  # A1 on time, A2 late
    thirty = health.loc[("amazon", "late_shipment_rate", 30)]
    assert (thirty["numerator"], thirty["denominator"]) == (2, 4)  # + A4 on time, A5 late; A6 is outside
    assert ten["status"] == "breach" and ten["threshold"] == pytest.approx(0.04)
    assert thirty["window_start"] == dt.date(2026, 3, 2) and thirty["window_end"] == AS_OF


def test_cancellation_rate_per_marketplace_window(health):
    seven = health.loc[("amazon", "cancellation_rate", 7)]
    assert (seven["numerator"], seven["denominator"]) == (1, 3)  # A1, A2, A3 (FBA order left out)
    assert seven["status"] == "breach"
    thirty = health.loc[("amazon", "cancellation_rate", 30)]
    assert thirty["rate"] == pytest.approx(1 / 5) and thirty["status"] == "no threshold"
    walmart = health.loc[("walmart", "cancellation_rate", 30)]
    assert walmart["rate"] == pytest.approx(1 / 3) and walmart["threshold"] == pytest.approx(0.02)
    assert walmart["status"] == "breach"


def test_valid_tracking_rate_counts_packages(health):
    amazon = health.loc[("amazon", "valid_tracking_rate", 30)]
    assert (amazon["numerator"], amazon["denominator"]) == (3, 4)  # P5 has no tracking number
    walmart = health.loc[("walmart", "valid_tracking_rate", 30)]
    assert walmart["rate"] == pytest.approx(1 / 2) and walmart["status"] == "breach"


def test_order_defect_rate_where_feedback_exists(health):
    amazon = health.loc[("amazon", "order_defect_rate", 60)]
    # orders 31 Jan – 31 Mar not cancelled before shipment: A1, A2, A4, A5, A6; negative feedback on A1
    assert (amazon["numerator"], amazon["denominator"]) == (1, 5) and amazon["status"] == "breach"
    walmart = health.loc[("walmart", "order_defect_rate", 60)]
    assert walmart["status"] == "no data" and walmart["rate"] != walmart["rate"]


def test_breaches_and_thresholds_are_data():
    limits = {(t.channel, t.metric, t.window_days): t for t in marketplace.thresholds()}
    assert limits[("amazon", "late_shipment_rate", 10)].limit == 0.04
    assert limits[("amazon", "cancellation_rate", 7)].limit == 0.025
    assert limits[("walmart", "cancellation_rate", 30)].limit == 0.02
    assert limits[("walmart", "valid_tracking_rate", 30)].passes(0.99)
    assert not limits[("walmart", "valid_tracking_rate", 30)].passes(0.989)
    assert limits[("amazon", "order_defect_rate", 60)].limit == 0.01
