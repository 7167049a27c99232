"""Disputes, chargebacks and fraud risk on a fixture computed by hand.

March 2026: five Shopify orders (#1 Low, shipped; #2 High, shipped; #3 High, not shipped; #4 Medium, shipped; #5 no
risk level) and one web order W1 from the orders template: 6 orders. Disputes (template):
  D1  order "2" (Shopify #2), 10 Mar, fraudulent, 20.00, fee 15, lost      -> loss 35
  D2  order "#1", 20 Mar, product_not_received, 10.00, fee 15, won          -> loss 15 (the fee)
  D3  order W1 (web), 25 Mar, fraudulent, 30.00, no fee, needs_response     -> loss 0
  D4  order X99 (not loaded, web), 2 Apr, general, 5.00, accepted           -> loss 5 (April)
"""
import datetime as dt

import pytest

from csv_workspace import load_csv_workspace
from lib.metrics import disputes

SHOPIFY = """Name,Email,Financial Status,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Id,Risk Level
#1,a@x.com,paid,fulfilled,USD,10.00,0.00,0.00,10.00,2026-03-02 10:00:00 -0500,1,Shirt,10.00,S1,101,Low
#2,b@x.com,paid,fulfilled,USD,20.00,0.00,0.00,20.00,2026-03-03 10:00:00 -0500,1,Lamp,20.00,S2,102,High
#3,c@x.com,paid,unfulfilled,USD,20.00,0.00,0.00,20.00,2026-03-04 10:00:00 -0500,1,Lamp,20.00,S2,103,High
#4,d@x.com,paid,fulfilled,USD,10.00,0.00,0.00,10.00,2026-03-05 10:00:00 -0500,1,Shirt,10.00,S1,104,Medium
#5,e@x.com,paid,unfulfilled,USD,10.00,0.00,0.00,10.00,2026-03-06 10:00:00 -0500,1,Shirt,10.00,S1,105,
"""
ORDERS = """order_id,channel,ordered_at,sku,quantity,unit_price,status
W1,web,2026-03-05 10:00,S1,3,10,open
"""
SHIPMENTS = """shipment_id,order_id,channel,carrier,warehouse,label_created_at,first_scan_at
P1,#1,shopify,UPS,WH1,2026-03-02 12:00,2026-03-02 17:00
P2,#2,shopify,UPS,WH1,2026-03-03 12:00,2026-03-03 17:00
P4,#4,shopify,FedEx,WH2,2026-03-05 12:00,2026-03-05 17:00
"""
DISPUTES = """dispute_id,order_id,channel,opened_at,reason,amount,currency,fee,status,payment_method
D1,2,shopify,2026-03-10 09:00,fraudulent,20.00,,15.00,lost,card
D2,#1,,2026-03-20 09:00,product_not_received,10.00,USD,15.00,won,paypal
D3,W1,web,2026-03-25 09:00,Fraudulent,30.00,USD,,needs_response,card
D4,X99,web,2026-04-02 09:00,general,5.00,USD,,accepted,
"""
ALL = {"channels": [], "warehouses": [], "carriers": [], "categories": []}
MARCH = {**ALL, "start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 31)}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    root = tmp_path_factory.mktemp("disputes")
    c = load_csv_workspace(root, (("shopify.csv", SHOPIFY), ("orders.csv", ORDERS), ("shipments.csv", SHIPMENTS),
                                  ("disputes.csv", DISPUTES))).reader()
    yield c
    c.close()


def test_disputes_are_matched_to_their_orders(con):
    rows = dict(con.execute("SELECT dispute_id, order_id FROM fct_disputes").fetchall())
    assert rows == {"D1": "shopify:102", "D2": "shopify:101", "D3": "web:W1", "D4": None}
    lost = dict(con.execute("SELECT dispute_id, loss_amount FROM fct_disputes").fetchall())
    assert lost == {"D1": 35.0, "D2": 15.0, "D3": 0.0, "D4": 5.0}


def test_dispute_rate_loss_and_win_rate(con):
    s = disputes.summary(con, MARCH)
    assert (s.disputes, s.orders, s.won, s.lost, s.open) == (3, 6, 1, 1, 1)
    assert s.dispute_rate == pytest.approx(3 / 6) and s.win_rate == pytest.approx(0.5)
    assert (s.disputed_amount, s.loss_amount, s.fee_amount) == pytest.approx((60.0, 50.0, 30.0))
    assert (s.high_risk_orders, s.high_risk_shipped) == (2, 1)
    april = disputes.summary(con, {**ALL, "start": dt.date(2026, 4, 1), "end": dt.date(2026, 4, 30)})
    assert (april.disputes, april.orders, april.dispute_rate, april.loss_amount) == (1, 0, None, 5.0)


def test_breakdowns(con):
    by_reason = disputes.breakdown(con, MARCH, "reason").set_index("slice")
    assert by_reason["disputes"].to_dict() == {"fraudulent": 2, "product_not_received": 1}
    assert by_reason.loc["fraudulent", "loss_amount"] == 35.0 and by_reason.loc["fraudulent", "dispute_rate"] == 2 / 6
    by_channel = disputes.breakdown(con, MARCH, "channel").set_index("slice")
    assert by_channel["dispute_rate"].to_dict() == {"shopify": 2 / 5, "web": 1.0}
    by_method = disputes.breakdown(con, MARCH, "payment_method").set_index("slice")
    assert by_method["disputes"].to_dict() == {"card": 2, "paypal": 1}
    assert by_method.loc["card", "win_rate"] == 0.0 and by_method.loc["paypal", "win_rate"] == 1.0
    web = disputes.summary(con, {**MARCH, "channels": ["web"]})
    assert (web.disputes, web.orders, web.dispute_rate) == (1, 1, 1.0)
    with pytest.raises(ValueError):
        disputes.breakdown(con, MARCH, "sku")


def test_risk_mix(con):
    mix = disputes.risk_mix(con, MARCH).set_index("risk_level")
    assert list(mix.index) == ["high", "medium", "low", "not_rated"]
    assert mix["orders"].to_dict() == {"high": 2, "medium": 1, "low": 1, "not_rated": 2}
    assert mix["shipped_orders"].to_dict() == {"high": 1, "medium": 1, "low": 1, "not_rated": 0}
    assert mix["dispute_rate"].to_dict() == {"high": 0.5, "medium": 0.0, "low": 1.0, "not_rated": 0.5}
    assert mix.loc["high", "order_share"] == pytest.approx(2 / 6)
    listed = disputes.disputes(con, MARCH)
    assert listed["dispute_id"].tolist() == ["D3", "D2", "D1"] and listed.loc[2, "risk_level"] == "high"
