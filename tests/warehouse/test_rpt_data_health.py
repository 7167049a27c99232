"""rpt_data_health, given rows → expected rows: per entity, rows and date range, and the gaps between entities
(SKUs sold but not in the catalogue or without a cost, orders neither cancelled nor shipped, packages not delivered or
without their order, returns without their order).

Given (Opsdesk templates, channel web):
  orders  O1 2026-05-01: A and B (shipped in P1, delivered); O2 2026-05-02: A, not shipped;
          O3 2026-05-03: C, cancelled, not shipped
  catalogue: A only; cost history: A only (in force since 2020-01-01, so today too)
  packages P1 (O1) shipped 2026-05-02, delivered 2026-05-04; P9 for an order 999 not loaded, shipped 2026-05-04
  returns  R1 (O1) returned 2026-05-06; R2 for an order 888 not loaded, returned 2026-05-07
  inventory of A at W1: snapshots 2026-05-01 and 2026-05-03
Expected, by hand:
  orders 3 (1–3 May); order lines 4; shipments 2 (2–4 May); returns 2 (6–7 May); inventory 3 SKU-location-days
  (1, 2, 3 May); SKUs in catalog 1; sold but missing from the catalog 2 (B, C); without cost 2 (B, C);
  orders not cancelled without a shipment 1 (O2); shipments without delivery 1 (P9); not matched 1 (P9);
  returns not matched 1 (R2); orders listing no items 0
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.warehouse.given import build_given

D = dt.date.fromisoformat
T = dt.datetime.fromisoformat


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    line = {"channel": "web", "quantity": 1, "unit_price": 10.0}
    return build_given(tmp_path_factory.mktemp("rpt_data_health"), {
        "raw_opsdesk_orders": [
            line | {"order_id": "O1", "ordered_at": T("2026-05-01 10:00"), "sku": "A"},
            line | {"order_id": "O1", "ordered_at": T("2026-05-01 10:00"), "sku": "B", "line_no": 2},
            line | {"order_id": "O2", "ordered_at": T("2026-05-02 10:00"), "sku": "A"},
            line | {"order_id": "O3", "ordered_at": T("2026-05-03 10:00"), "sku": "C", "status": "cancelled"}],
        "raw_opsdesk_products": [{"sku": "A", "product_name": "Alpha"}],
        "raw_opsdesk_product_costs": [{"sku": "A", "effective_from": D("2020-01-01"), "unit_cost": 4.0}],
        "raw_opsdesk_shipments": [
            {"shipment_id": "P1", "order_id": "O1", "channel": "web", "carrier": "UPS",
             "first_scan_at": T("2026-05-02 09:00"), "delivered_at": T("2026-05-04 09:00")},
            {"shipment_id": "P9", "order_id": "999", "channel": "web", "carrier": "UPS",
             "first_scan_at": T("2026-05-04 09:00")}],
        "raw_opsdesk_returns": [
            {"return_id": "R1", "order_id": "O1", "channel": "web", "sku": "A", "quantity": 1,
             "returned_at": T("2026-05-06 09:00")},
            {"return_id": "R2", "order_id": "888", "channel": "web", "sku": "A", "quantity": 1,
             "returned_at": T("2026-05-07 09:00")}],
        "raw_opsdesk_inventory": [
            {"snapshot_date": D("2026-05-01"), "sku": "A", "location": "W1", "on_hand": 5},
            {"snapshot_date": D("2026-05-03"), "sku": "A", "location": "W1", "on_hand": 4}],
    })


def test_rows_and_date_ranges_per_entity(marts):
    assert marts("rpt_data_health", "entity, value, first_date, last_date", "first_date IS NOT NULL") == [
        ("inventory", 3.0, D("2026-05-01"), D("2026-05-03")),
        ("order lines", 4.0, D("2026-05-01"), D("2026-05-03")),
        ("orders", 3.0, D("2026-05-01"), D("2026-05-03")),
        ("returns", 2.0, D("2026-05-06"), D("2026-05-07")),
        ("shipments", 2.0, D("2026-05-02"), D("2026-05-04")),
    ]


def test_the_gaps_between_entities(marts):
    assert marts("rpt_data_health", "entity, check_name, value", "first_date IS NULL") == [
        ("orders", "orders not cancelled without a shipment", 1.0),
        ("orders", "orders whose export lists no items (no SKUs, no units)", 0.0),
        ("products", "SKUs in catalog", 1.0),
        ("products", "SKUs sold but missing from the catalog", 2.0),
        ("products", "SKUs without cost", 2.0),
        ("returns", "returns not matched to an order", 1.0),
        ("shipments", "shipments not matched to an order", 1.0),
        ("shipments", "shipments without delivery", 1.0),
    ]
