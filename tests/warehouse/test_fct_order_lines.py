"""fct_order_lines, given rows → expected rows: gross and net sales, the cost in force on the order date, the order
date's rate for revenue and the cost currency's rate for COGS, no rate → no reporting amount, a line without a
quantity counted once, the latest load of an order.

Given (Opsdesk orders template, channel shopify; one build for the file):
  products: A "Alpha" in "Tees"
  costs of A: from 2026-01-01 4.00 GBP; from 2026-06-01 6.00 USD
  rates (your exchange-rates template): EUR → USD 1.10 and GBP → USD 1.25 from 2026-05-01; from 2026-05-15 EUR 1.30
  and GBP 1.40 (orders before the 15th keep the earlier rates)
  O1  2026-05-10 EUR  line 1: 2 × A at 10.00, discount 4.00; line 2: 1 × Z (not in the catalogue, "Zed") at 5.00
  O2  2026-05-10 XAF  line 1: 3 × A at 1000 (no rate for the franc)
  O3  2026-05-20 USD  line 1: A at 50.00, no quantity stated
  O4  2026-06-15 USD  line 1: 1 × A at 20.00 (after the cost change)
  O5  load 1: lines 1 (1 × A at 9.00) and 2 (1 × A at 9.00); load 2 re-exports it with line 1 only, 2 × A at 9.00

Expected, by hand:
  O1/1  gross 2 × 10 = 20, net 20 − 4 = 16; × 1.10 → gross 22.0, discount 4.4, net 17.6;
        cost 4 GBP (the 2026-01-01 row), COGS 2 × 4 = 8 GBP, × 1.25 → unit 5.0, COGS 10.0
  O1/2  gross = net = 5 → 5.5; Uncategorised, its own name "Zed"; no cost → COGS NULL
  O2/1  gross = net = 3000 XAF, no rate: has_fx_rate false and every sales reporting amount NULL;
        COGS 3 × 4 = 12 GBP → 15.0 USD (the cost's own currency has a rate)
  O3/1  quantity NULL: 1 × 50 = 50 counted once; COGS NULL (no units to cost), unit cost 4 GBP × 1.40 (20 May) = 5.6
  O4/1  the 2026-06-01 cost: 6 USD, COGS 6.0, rate 1.0
  O5    one line: 2 × 9 = 18 (load 2 replaced the order whole; its line 2 is gone)
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.warehouse.given import build_given

D = dt.date.fromisoformat


def _line(order_id, day, currency, line_no, sku, quantity, price, **extra):
    return {"order_id": order_id, "channel": "shopify", "ordered_at": dt.datetime.fromisoformat(day + " 10:00"),
            "currency": currency, "line_no": line_no, "sku": sku, "quantity": quantity, "unit_price": price} | extra


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    return build_given(tmp_path_factory.mktemp("fct_order_lines"), {
        "raw_opsdesk_products": [{"sku": "A", "product_name": "Alpha", "category": "Tees"}],
        "raw_opsdesk_product_costs": [
            {"sku": "A", "effective_from": D("2026-01-01"), "unit_cost": 4.0, "currency": "GBP"},
            {"sku": "A", "effective_from": D("2026-06-01"), "unit_cost": 6.0, "currency": "USD"}],
        "raw_opsdesk_fx_rates": [
            {"date": D("2026-05-01"), "from_currency": "EUR", "to_currency": "USD", "rate": 1.10},
            {"date": D("2026-05-01"), "from_currency": "GBP", "to_currency": "USD", "rate": 1.25},
            {"date": D("2026-05-15"), "from_currency": "EUR", "to_currency": "USD", "rate": 1.30},
            {"date": D("2026-05-15"), "from_currency": "GBP", "to_currency": "USD", "rate": 1.40}],
        "raw_opsdesk_orders": [
            _line("O1", "2026-05-10", "EUR", 1, "A", 2, 10.0, line_discount=4.0),
            _line("O1", "2026-05-10", "EUR", 2, "Z", 1, 5.0, product_name="Zed"),
            _line("O2", "2026-05-10", "XAF", 1, "A", 3, 1000.0),
            _line("O3", "2026-05-20", "USD", 1, "A", None, 50.0),
            _line("O4", "2026-06-15", "USD", 1, "A", 1, 20.0),
            _line("O5", "2026-05-12", "USD", 1, "A", 1, 9.0, _load_id=1),
            _line("O5", "2026-05-12", "USD", 2, "A", 1, 9.0, _load_id=1),
            _line("O5", "2026-05-12", "USD", 1, "A", 2, 9.0, _load_id=2),
        ]})


def _rounded(rows):
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in rows]


def test_sales_in_the_lines_currency_and_converted_at_the_order_dates_rate(marts):
    assert _rounded(marts("fct_order_lines", "order_id, line_no, product_name, category, quantity, gross_sales_amount, "
                          "net_sales_amount, currency, fx_rate, has_fx_rate, gross_sales_reporting_amount, "
                          "discount_reporting_amount, net_sales_reporting_amount")) == [
        ("shopify:O1", 1, "Alpha", "Tees", 2, 20.0, 16.0, "EUR", 1.1, True, 22.0, 4.4, 17.6),
        ("shopify:O1", 2, "Zed", "Uncategorised", 1, 5.0, 5.0, "EUR", 1.1, True, 5.5, 0.0, 5.5),
        ("shopify:O2", 1, "Alpha", "Tees", 3, 3000.0, 3000.0, "XAF", None, False, None, None, None),
        ("shopify:O3", 1, "Alpha", "Tees", None, 50.0, 50.0, "USD", 1.0, True, 50.0, 0.0, 50.0),
        ("shopify:O4", 1, "Alpha", "Tees", 1, 20.0, 20.0, "USD", 1.0, True, 20.0, 0.0, 20.0),
        ("shopify:O5", 1, "Alpha", "Tees", 2, 18.0, 18.0, "USD", 1.0, True, 18.0, 0.0, 18.0),
    ]


def test_cogs_uses_the_cost_in_force_on_the_order_date_in_the_costs_own_currency(marts):
    assert _rounded(marts("fct_order_lines", "order_id, line_no, landed_unit_cost_amount, cogs_amount, cost_currency, "
                          "landed_unit_cost_reporting_amount, cogs_reporting_amount")) == [
        ("shopify:O1", 1, 4.0, 8.0, "GBP", 5.0, 10.0),
        ("shopify:O1", 2, None, None, None, None, None),    # Z has no cost history
        ("shopify:O2", 1, 4.0, 12.0, "GBP", 5.0, 15.0),     # the order's franc has no rate; the cost's pound has one
        ("shopify:O3", 1, 4.0, None, "GBP", 5.6, None),     # no quantity: no COGS, never a guessed unit
        ("shopify:O4", 1, 6.0, 6.0, "USD", 6.0, 6.0),       # the cost row from 2026-06-01
        ("shopify:O5", 1, 4.0, 8.0, "GBP", 5.0, 10.0),
    ]


def test_order_dates_are_the_order_times_day(marts):
    assert marts("fct_order_lines", "DISTINCT order_id, order_date", "order_id IN ('shopify:O1', 'shopify:O4')") == [
        ("shopify:O1", D("2026-05-10")), ("shopify:O4", D("2026-06-15"))]
