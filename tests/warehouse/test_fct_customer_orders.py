"""fct_customer_orders, given rows → expected rows: each order's place in its customer's history. Only orders in
revenue count (an order cancelled before shipment has no number; one cancelled after shipment keeps its place); the
customer is the same on two channels when the key is (an e-mail, trimmed, lower-cased, "+tag" dropped); ties in order
time go to the lower order id; an order without a customer is unidentified.

Given (Opsdesk orders template; key = SHA-256 of "email:" + the normalised address, or "id:" + the id):
  web:C1     2026-03-01 10:00  ann@example.com
  web:C4     2026-03-02 10:00  customer id B-77
  web:C3     2026-03-03 10:00  ann@example.com, cancelled, never shipped
  amazon:C2  2026-03-05 10:00  " Ann+promo@Example.com"
  web:C6     2026-03-05 10:00  ann@example.com (same time as amazon:C2)
  web:C7     2026-03-10 10:00  ann@example.com, cancelled after its package left on 2026-03-11
  web:C5     2026-03-12 10:00  no customer
Expected, by hand (Ann's first order: 2026-03-01):
  amazon:C2  #2 returning, 4 days since the first     web:C1  #1 new, 0 days
  web:C3     out of revenue: no number, no type        web:C4  #1 new (B-77's first), 0 days
  web:C5     unidentified                              web:C6  #3 returning ("amazon:C2" < "web:C6"), 4 days
  web:C7     #4 returning, 9 days
"""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from tests.warehouse.given import build_given

D = dt.date.fromisoformat
ANN = hashlib.sha256(b"email:ann@example.com").hexdigest()
B77 = hashlib.sha256(b"id:B-77").hexdigest()


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    def order(order_id, day, customer, channel="web", **extra):
        return {"order_id": order_id, "channel": channel, "ordered_at": dt.datetime.fromisoformat(day + " 10:00"),
                "customer_id": customer, "sku": "A", "quantity": 1, "unit_price": 10.0, "currency": "USD"} | extra

    return build_given(tmp_path_factory.mktemp("fct_customer_orders"), {
        "raw_opsdesk_orders": [
            order("C1", "2026-03-01", "ann@example.com"), order("C4", "2026-03-02", "B-77"),
            order("C3", "2026-03-03", "ann@example.com", status="cancelled"),
            order("C2", "2026-03-05", " Ann+promo@Example.com", channel="amazon"),
            order("C6", "2026-03-05", "ann@example.com"),
            order("C7", "2026-03-10", "ann@example.com", status="cancelled"),
            order("C5", "2026-03-12", None)],
        "raw_opsdesk_shipments": [{"shipment_id": "P7", "order_id": "C7", "channel": "web", "carrier": "UPS",
                                   "first_scan_at": dt.datetime(2026, 3, 11, 9)}],
    })


def test_each_orders_place_in_its_customers_history(marts):
    assert marts("fct_customer_orders", "order_id, order_date, customer_key, is_identifiable, customer_order_number, "
                 "customer_order_type, customer_first_order_date, days_since_first_order") == [
        ("amazon:C2", D("2026-03-05"), ANN, True, 2, "returning", D("2026-03-01"), 4),
        ("web:C1", D("2026-03-01"), ANN, True, 1, "new", D("2026-03-01"), 0),
        ("web:C3", D("2026-03-03"), ANN, True, None, None, None, None),
        ("web:C4", D("2026-03-02"), B77, True, 1, "new", D("2026-03-02"), 0),
        ("web:C5", D("2026-03-12"), None, False, None, "unidentified", None, None),
        ("web:C6", D("2026-03-05"), ANN, True, 3, "returning", D("2026-03-01"), 4),
        ("web:C7", D("2026-03-10"), ANN, True, 4, "returning", D("2026-03-01"), 9),
    ]
