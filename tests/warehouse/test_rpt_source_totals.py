"""rpt_source_totals, given rows → expected rows: per orders source and currency, the orders and total the source
files state (each order's latest load, a multi-line order counted once) beside the marts' own, and the gap.

Given:
  Shopify export: S1 in USD, two line rows, Total 40.00 in load 1, re-exported with Total 55.00 in load 2;
                  S2 in EUR, one line, Total 20.00
  Opsdesk template (source total: quantity × price − line discount): web:1 USD 2 × 10 − 2 = 18 (shipping 5 and tax 1
  are not items); web:2 USD 1 × 30; web:3 EUR 2 × 40 in load 1, re-loaded as 1 × 40; web:4 without a currency (the
  reporting currency, USD) 1 × 12
Expected, by hand:
  opsdesk_orders EUR: 1 order, 40 stated, 40 in the marts, gap 0
  opsdesk_orders USD: 3 orders, 18 + 30 + 12 = 60, 60, gap 0
  shopify_orders EUR: 1 order, 20, 20, gap 0
  shopify_orders USD: 1 order (not 2 rows, not 2 loads), 55 (the later load), 55, gap 0
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.warehouse.given import build_given

T = dt.datetime.fromisoformat


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    shop = {"created_at": T("2026-05-01 10:00"), "lineitem_quantity": 1, "financial_status": "paid"}
    tmpl = {"channel": "web", "ordered_at": T("2026-05-01 10:00"), "sku": "A", "quantity": 1}
    return build_given(tmp_path_factory.mktemp("rpt_source_totals"), {
        "raw_shopify_orders": [
            shop | {"id": "S1", "name": "#1001", "currency": "USD", "total": 40.0, "subtotal": 40.0,
                    "lineitem_name": "Shirt", "lineitem_sku": "A", "lineitem_price": 40.0, "_line": 1, "_load_id": 1},
            shop | {"id": "S1", "name": "#1001", "currency": "USD", "total": 55.0, "subtotal": 50.0, "shipping": 5.0,
                    "lineitem_name": "Shirt", "lineitem_sku": "A", "lineitem_price": 40.0, "_line": 1, "_load_id": 2},
            shop | {"id": "S1", "lineitem_name": "Cap", "lineitem_sku": "B", "lineitem_price": 10.0, "_line": 2,
                    "_load_id": 2},
            shop | {"id": "S2", "name": "#1002", "currency": "EUR", "total": 20.0, "subtotal": 20.0,
                    "lineitem_name": "Cap", "lineitem_sku": "B", "lineitem_price": 20.0, "_line": 1}],
        "raw_opsdesk_orders": [
            tmpl | {"order_id": "1", "currency": "USD", "quantity": 2, "unit_price": 10.0, "line_discount": 2.0,
                    "shipping_charged": 5.0, "tax": 1.0},
            tmpl | {"order_id": "2", "currency": "USD", "unit_price": 30.0},
            tmpl | {"order_id": "3", "currency": "EUR", "quantity": 2, "unit_price": 40.0, "_load_id": 1},
            tmpl | {"order_id": "3", "currency": "EUR", "unit_price": 40.0, "_load_id": 2},
            tmpl | {"order_id": "4", "unit_price": 12.0}],
    })


def test_stated_totals_beside_the_marts_per_source_and_currency(marts):
    rows = marts("rpt_source_totals", "source, currency, source_orders, source_total_amount::DOUBLE, mart_orders, "
                 "mart_total_amount::DOUBLE, gap_amount::DOUBLE")
    assert rows == [
        ("opsdesk_orders", "EUR", 1, 40.0, 1, 40.0, 0.0),
        ("opsdesk_orders", "USD", 3, 60.0, 3, 60.0, 0.0),
        ("shopify_orders", "EUR", 1, 20.0, 1, 20.0, 0.0),
        ("shopify_orders", "USD", 1, 55.0, 1, 55.0, 0.0),
    ]
