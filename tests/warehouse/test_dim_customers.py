"""dim_customers, given rows → expected rows: one row per identifiable customer with an order in revenue, their first
order (channel, warehouse, carrier, the category of its largest line, how its fulfillment went) and their second one.

Given (Opsdesk orders template, channel web, USD unless said; A is in "Tees", B in "Hats"):
  X1  D1 2026-02-10: 1 × A at 10 and 2 × B at 15; one package East/UPS, delivered 2026-02-13, promised 2026-02-14
      D2 2026-03-01: 1 × A at 1000 XAF (no rate for the franc)
  Y1  D3 2026-02-11: 1 × A at 20 and 1 × B at 20; FedEx/West, delivered 2026-02-16, promised 2026-02-13
  Z1  D4 2026-02-12: 1 × A at 10; package damaged, delivered 2026-02-13, promised 2026-02-20
  W1  D5 2026-02-12: 1 × A at 10; delivered 2026-02-14, promised 2026-02-20; one unit returned ("Too small")
  V1  V0 2026-02-01 cancelled, never shipped; D6 2026-02-13: 1 × A at 10, not shipped
  D7  2026-02-14 without customer
Expected, by hand:
  X1  first D1 (cohort February), Hats (B's line: 30 > 10), on_time; second D2 after 19 days; 2 orders, last
      2026-03-01, net revenue 10 + 30 = 40 (D2 has no rate: left out and counted as 1 order without a rate)
  Y1  Tees (20 = 20: the lower line number), late; no second order; 1 order, 40
  Z1  damaged (before on time)       W1  returned (on time, but a unit came back); net revenue 10
  V1  first D6 (the cancelled V0 is out of revenue), not_measurable, warehouse Unassigned, carrier Unknown; 1 order
  D7's buyer is not a customer row
"""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from tests.warehouse.given import build_given

D = dt.date.fromisoformat
T = dt.datetime.fromisoformat


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    def line(order_id, day, customer, line_no=1, sku="A", quantity=1, price=10.0, **extra):
        return {"order_id": order_id, "channel": "web", "ordered_at": T(day + " 10:00"), "customer_id": customer,
                "line_no": line_no, "sku": sku, "quantity": quantity, "unit_price": price, "currency": "USD"} | extra

    def package(order_id, carrier, warehouse, delivered, promised, **extra):
        return {"shipment_id": "P" + order_id, "order_id": order_id, "channel": "web", "carrier": carrier,
                "warehouse": warehouse, "first_scan_at": T("2026-02-12 09:00"), "delivered_at": T(delivered + " 12:00"),
                "promised_delivery_date": D(promised)} | extra

    return build_given(tmp_path_factory.mktemp("dim_customers"), {
        "raw_opsdesk_products": [{"sku": "A", "category": "Tees"}, {"sku": "B", "category": "Hats"}],
        "raw_opsdesk_orders": [
            line("D1", "2026-02-10", "X1"), line("D1", "2026-02-10", "X1", 2, "B", 2, 15.0),
            line("D2", "2026-03-01", "X1", price=1000.0, currency="XAF"),
            line("D3", "2026-02-11", "Y1", price=20.0), line("D3", "2026-02-11", "Y1", 2, "B", 1, 20.0),
            line("D4", "2026-02-12", "Z1"), line("D5", "2026-02-12", "W1"),
            line("V0", "2026-02-01", "V1", status="cancelled"), line("D6", "2026-02-13", "V1"),
            line("D7", "2026-02-14", None)],
        "raw_opsdesk_shipments": [
            package("D1", "UPS", "East", "2026-02-13", "2026-02-14", first_scan_at=T("2026-02-10 15:00")),
            package("D3", "FedEx", "West", "2026-02-16", "2026-02-13"),
            package("D4", "UPS", "East", "2026-02-13", "2026-02-20", status="damaged"),
            package("D5", "UPS", "East", "2026-02-14", "2026-02-20")],
        "raw_opsdesk_returns": [{"return_id": "R5", "order_id": "D5", "channel": "web", "sku": "A", "quantity": 1,
                                 "returned_at": T("2026-02-20 10:00"), "reason": "Too small"}],
    })


def test_each_customers_first_order_and_how_it_went(marts):
    assert marts("dim_customers", "first_order_id, first_order_date, cohort_month, first_channel, first_warehouse, "
                 "first_carrier, first_category, first_order_experience") == [
        ("web:D1", D("2026-02-10"), D("2026-02-01"), "web", "East", "UPS", "Hats", "on_time"),
        ("web:D3", D("2026-02-11"), D("2026-02-01"), "web", "West", "FedEx", "Tees", "late"),
        ("web:D4", D("2026-02-12"), D("2026-02-01"), "web", "East", "UPS", "Tees", "damaged"),
        ("web:D5", D("2026-02-12"), D("2026-02-01"), "web", "East", "UPS", "Tees", "returned"),
        ("web:D6", D("2026-02-13"), D("2026-02-01"), "web", "Unassigned", "Unknown", "Tees", "not_measurable"),
    ]


def test_second_order_and_totals_per_customer(marts):
    assert marts("dim_customers", "first_order_id, second_order_id, second_order_date, days_to_second_order, orders, "
                 "last_order_date, net_revenue_reporting_amount, orders_without_fx_rate") == [
        ("web:D1", "web:D2", D("2026-03-01"), 19, 2, D("2026-03-01"), 40.0, 1),
        ("web:D3", None, None, None, 1, D("2026-02-11"), 40.0, 0),
        ("web:D4", None, None, None, 1, D("2026-02-12"), 10.0, 0),
        ("web:D5", None, None, None, 1, D("2026-02-12"), 10.0, 0),
        ("web:D6", None, None, None, 1, D("2026-02-13"), 10.0, 0),
    ]


def test_one_row_per_identifiable_customer_keyed_by_its_hash(marts):
    keys = {hashlib.sha256(f"id:{c}".encode()).hexdigest(): c for c in ("X1", "Y1", "Z1", "W1", "V1")}
    rows = marts("dim_customers", "customer_key, first_order_id")
    assert sorted((keys[k], o) for k, o in rows) == [
        ("V1", "web:D6"), ("W1", "web:D5"), ("X1", "web:D1"), ("Y1", "web:D3"), ("Z1", "web:D4")]
