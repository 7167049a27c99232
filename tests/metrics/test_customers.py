"""Customers and retention on a twelve-order fixture whose answers were computed by hand: customer keys from the
template's customer_id (an e-mail id normalised), Shopify e-mails and eBay buyer usernames; new vs returning orders;
repeat rates by cohort month (immature cells blank, a real 0 stays 0); time to second order; first-delivery split.

Data ends 2026-06-30 (the last order). Customers and their in-revenue orders:
  A (id "A"):              O1 Jan 5 (web, delivered late), O2 Jan 20, O3 May 1        2nd after 15 days, age 176
  B (id "b@x.com"):        O4 Jan 10 (web, on time), O5 Mar 1 (wholesale, "B+promo@X.com ")  50 days, age 171
  C (id "C"):              O6 Jan 25 cancelled before shipping (not in revenue), O7 Feb 3 (damaged)  none, age 147
  D (id "D"):              O8 Feb 10 (wholesale, no shipment), O9 Jun 15 (web)         125 days, age 140
  (none):                  O10 Feb 12 (web)                                          not identifiable
  E (id "E"):              O11 Jun 20                                                none, age 10
  F (id "F"):              O12 Jun 30                                                none, age 0
"""
import datetime as dt

import pandas as pd
import pytest

from csv_workspace import load_csv_workspace
from lib.metrics import customers

ORDERS = """order_id,channel,ordered_at,sku,quantity,unit_price,status,customer_id
O1,web,2026-01-05 10:00,S1,1,10,delivered,A
O2,web,2026-01-20 10:00,S2,1,20,shipped,A
O3,web,2026-05-01 10:00,S1,1,10,shipped,A
O4,web,2026-01-10 10:00,S2,2,20,delivered,b@x.com
O5,wholesale,2026-03-01 10:00,S1,3,10,shipped, B+promo@X.com
O6,web,2026-01-25 10:00,S1,1,10,cancelled,C
O7,web,2026-02-03 10:00,S2,1,20,shipped,C
O8,wholesale,2026-02-10 10:00,S1,5,10,open,D
O9,web,2026-06-15 10:00,S1,1,10,shipped,D
O10,web,2026-02-12 10:00,S1,1,10,shipped,
O11,web,2026-06-20 10:00,S2,1,20,open,E
O12,web,2026-06-30 10:00,S1,1,10,open,F
"""
PRODUCTS = """sku,product_name,category
S1,Shirt,Apparel
S2,Lamp,Home
"""
SHIPMENTS = """shipment_id,order_id,channel,carrier,warehouse,label_created_at,first_scan_at,delivered_at,promised_delivery_date,status
P1,O1,web,UPS,WH1,2026-01-05 12:00,2026-01-05 17:00,2026-01-10 12:00,2026-01-08,delivered
P4,O4,web,UPS,WH1,2026-01-10 12:00,2026-01-10 17:00,2026-01-12 12:00,2026-01-14,delivered
P7,O7,web,FedEx,WH2,2026-02-03 12:00,2026-02-03 17:00,,2026-02-07,damaged
"""
ALL = {"channels": [], "warehouses": [], "carriers": [], "categories": []}
H1 = {**ALL, "start": dt.date(2026, 1, 1), "end": dt.date(2026, 6, 30)}


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    root = tmp_path_factory.mktemp("customers")
    c = load_csv_workspace(root, (("orders.csv", ORDERS), ("products.csv", PRODUCTS),
                                  ("shipments.csv", SHIPMENTS))).reader()
    yield c
    c.close()


def _keys(con):
    return dict(con.execute("SELECT source_order_ref, customer_key FROM fct_orders").fetchall())


def test_customer_keys_are_opaque_and_normalised(con):
    k = _keys(con)
    assert k["O1"] == k["O2"] == k["O3"] and k["O8"] == k["O9"]  # D links across channels (wholesale, web)
    assert k["O4"] == k["O5"]  # "b@x.com" and " B+promo@X.com ": one mailbox
    assert k["O10"] is None
    assert len({k[o] for o in ("O1", "O4", "O7", "O8", "O11", "O12")}) == 6
    assert all(len(v) == 64 and "@" not in v and v != "A" for v in k.values() if v)  # SHA-256 hex, never the id
    src = dict(con.execute("SELECT source_order_ref, customer_key_source FROM fct_orders").fetchall())
    assert (src["O1"], src["O4"], src["O10"]) == ("customer id", "e-mail", None)


def test_new_and_returning_orders(con):
    types = dict(con.execute("SELECT o.source_order_ref, c.customer_order_type, FROM fct_customer_orders c "
                             "JOIN fct_orders o USING (order_id)").fetchall())
    assert types == {"O1": "new", "O2": "returning", "O3": "returning", "O4": "new", "O5": "returning", "O6": None,
                     "O7": "new", "O8": "new", "O9": "returning", "O10": "unidentified", "O11": "new", "O12": "new"}
    s = customers.summary(con, H1)
    assert (s.orders, s.identifiable_orders, s.new_orders, s.returning_orders) == (11, 10, 6, 4)
    assert s.returning_order_share == pytest.approx(4 / 10)
    web = customers.summary(con, {**H1, "channels": ["web"]})  # O5 and O8 (wholesale) leave; O9 stays returning
    assert (web.new_orders, web.returning_orders) == (5, 3) and web.returning_order_share == pytest.approx(3 / 8)
    w = customers.weekly(con, H1)
    jan = w[w["week_start"] == pd.Timestamp("2026-01-19")]  # O2 (returning, 20.00)
    assert jan[["customer_order_type", "orders", "net_revenue_amount"]].values.tolist() == [["returning", 1, 20.0]]
    assert w.groupby("customer_order_type")["net_revenue_amount"].sum().to_dict() == pytest.approx(
        {"new": 10 + 40 + 20 + 50 + 20 + 10, "returning": 20 + 10 + 30 + 10, "unidentified": 10})


def test_repeat_rates_over_mature_customers(con):
    s = customers.summary(con, H1, 90)
    # cohort: A, B, C, D, E, F; mature for 90 days: A, B, C, D; repeat within 90: A (15), B (50)
    assert (s.new_customers, s.mature_customers, s.repeat_customers) == (6, 4, 2)
    assert s.repeat_rate == pytest.approx(0.5)
    assert s.median_days_to_second_order == pytest.approx(50)  # 15, 50, 125
    assert customers.summary(con, H1, 30).repeat_rate == pytest.approx(1 / 4)  # E (age 10) and F not mature
    year = customers.summary(con, H1, 365)
    assert year.mature_customers == 0 and year.repeat_rate is None  # nobody is a year old: unknown, not 0
    feb = customers.summary(con, {**H1, "start": dt.date(2026, 2, 1), "end": dt.date(2026, 2, 28)})
    assert (feb.new_customers, feb.repeat_customers, feb.repeat_rate) == (2, 0, 0.0)  # C, D: a measured 0


def test_cohort_triangle_leaves_immature_cells_blank(con):
    t = customers.cohort_triangle(con, H1)
    grid = t.pivot(index="cohort_month", columns="window_days", values="repeat_rate")
    assert [d.strftime("%Y-%m") for d in grid.index] == ["2026-01", "2026-02", "2026-06"]
    jan, feb, jun = (grid.loc[pd.Timestamp(m)] for m in ("2026-01-01", "2026-02-01", "2026-06-01"))
    assert [jan[30], jan[60], jan[90]] == pytest.approx([0.5, 1.0, 1.0]) and pd.isna(jan[365])
    assert [feb[30], feb[60], feb[90]] == [0.0, 0.0, 0.0] and pd.isna(feb[365])  # 0 measured, 365 not yet
    assert all(pd.isna(jun[w]) for w in customers.WINDOWS)  # E is 10 days old, F 0
    assert t.set_index(["cohort_month", "window_days"]).loc[(pd.Timestamp("2026-01-01"), 30), "customers"] == 2


def test_repeat_rate_by_first_order(con):
    exp = customers.by_first_order(con, H1, "first_order_experience", 90).set_index("slice")
    assert exp["repeat_rate"].to_dict() == {"Late": 1.0, "On time": 1.0, "Damaged or lost": 0.0,
                                           "Not measurable": 0.0}  # A late, B on time, C damaged; D, E, F none
    assert exp.loc["Not measurable", ["customers", "mature_customers"]].tolist() == [3, 1]
    ch = customers.by_first_order(con, H1, "first_channel", 90).set_index("slice")
    assert ch.loc["web", ["customers", "mature_customers", "repeat_customers"]].tolist() == [5, 3, 2]
    assert ch.loc["wholesale", "repeat_rate"] == 0.0  # D: 125 days > 90
    cat = customers.by_first_order(con, H1, "first_category", 365).set_index("slice")
    # first orders: A O1, D O8, F O12 are shirts (Apparel); B O4, C O7, E O11 lamps (Home)
    assert cat["customers"].to_dict() == {"Apparel": 3, "Home": 3} and cat["repeat_rate"].isna().all()
    with pytest.raises(ValueError):
        customers.by_first_order(con, H1, "first_order_id")


def test_time_to_second_order_and_identification(con):
    bands = customers.second_order_days(con, H1)
    assert bands[["band", "customers"]].values.tolist() == [["8–30 days", 1], ["31–60 days", 1], ["91–180 days", 1]]
    assert bands["share"].tolist() == pytest.approx([1 / 3] * 3)
    ident = customers.identification(con, H1).set_index("channel")
    assert ident.loc["web", ["orders", "identifiable_orders"]].tolist() == [9, 8]
    assert ident.loc["web", "identified_by"] == "customer id, e-mail"
    assert ident.loc["wholesale", "identifiable_share"] == 1.0


SHOPIFY = """Name,Email,Financial Status,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Id
#1,Ann.Lee+shop@Example.com,paid,fulfilled,USD,10.00,0.00,0.00,10.00,2026-03-01 10:00:00 -0500,1,Shirt,10.00,S1,101
#2, ann.lee@example.com ,paid,fulfilled,USD,20.00,0.00,0.00,20.00,2026-03-09 10:00:00 -0500,1,Lamp,20.00,S2,102
#3,,paid,fulfilled,USD,10.00,0.00,0.00,10.00,2026-03-10 10:00:00 -0500,1,Shirt,10.00,S1,103
"""
EBAY = """Sales Record Number,Order Number,Buyer Username,Buyer Email,Custom Label,Quantity,Sold For,Sale Date
1,11-00001-00001,Trail_Fan,a1@members.ebay.com,S1,1,$10.00,Mar-01-26
2,11-00002-00002,trail_fan ,b2@members.ebay.com,S2,1,$20.00,Mar-20-26
3,11-00003-00003,,c3@members.ebay.com,S1,1,$10.00,Mar-21-26
"""


def test_shopify_email_and_ebay_username_become_keys(tmp_path):
    c = load_csv_workspace(tmp_path, (("shopify.csv", SHOPIFY), ("ebay.csv", EBAY))).reader()
    try:
        rows = c.execute("SELECT o.source_order_ref, o.customer_key, o.customer_key_source, t.customer_order_type "
                         "FROM fct_orders o JOIN fct_customer_orders t USING (order_id) ORDER BY 1").fetchall()
    finally:
        c.close()
    k = {r[0]: r[1] for r in rows}
    assert k["#1"] == k["#2"] and k["#3"] is None  # case, spaces and "+shop" normalised; no e-mail: none
    assert k["11-00001-00001"] == k["11-00002-00002"] != k["#1"] and k["11-00003-00003"] is None
    assert {r[0]: (r[2], r[3]) for r in rows} == {
        "#1": ("e-mail", "new"), "#2": ("e-mail", "returning"), "#3": (None, "unidentified"),
        "11-00001-00001": ("eBay buyer username", "new"), "11-00002-00002": ("eBay buyer username", "returning"),
        "11-00003-00003": (None, "unidentified")}


def test_weekly_wide_has_one_row_per_week(con):
    wide = customers.weekly_wide(customers.weekly(con, H1)).set_index("week_start")
    jan5 = wide.loc[pd.Timestamp("2026-01-05")]  # O1 (new, 10) and O4 (new, 40)
    assert (jan5.new_orders, jan5.returning_orders, jan5.unidentified_orders) == (2, 0, 0)
    assert jan5.new_net_revenue_amount == pytest.approx(50.0) and jan5.returning_order_share == 0.0
    feb9 = wide.loc[pd.Timestamp("2026-02-09")]  # O8 (new), O10 (not identifiable)
    assert (feb9.new_orders, feb9.unidentified_orders, feb9.returning_order_share) == (1, 1, 0.0)
    assert wide["returning_orders"].sum() == 4 and wide["orders_not_converted"].sum() == 0
    assert customers.weekly_wide(customers.weekly(con, {**H1, "start": dt.date(2027, 1, 1),
                                                        "end": dt.date(2027, 2, 1)})).empty
