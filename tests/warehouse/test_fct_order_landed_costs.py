"""fct_order_landed_costs, given rows → expected rows: landed COGS plus border costs (duty + clearance + import VAT not
reclaimed), nothing when the customer paid them (DAP), duties in their own currency at the order date's rate, no
rate → no landed cost rather than a wrong one, two duty currencies never added together in one amount, the latest load
of an order's duties, and net revenue (fct_orders' own, never increased by border costs) beside it.

Given: orders on channel web, 2026-05-04, in USD, one line each: L1 2 × A at 50.00; L2, L3, L5, L6 1 × A at 50.00;
L4 1 × B at 30.00 shipped to "United States". A costs 20.00 USD (from 2026-01-01); B has no cost.
EUR → USD 1.10 from 2026-05-01 (your template). Duties (template):
  L1  EUR: duty 10, import VAT 19 (not recoverable), clearance 5, paid by the merchant, to "Germany", HS 6109
  L2  load 1: duty 9; load 2 (replaces it): duty 3 and import VAT 10 marked recoverable; no currency (→ USD)
  L3  duty 8 paid by the customer
  L5  duty 1000 XAF (no rate for the franc)
  L6  duty 2 EUR and duty 3 USD (two rows, two currencies)
  L7  two orders numbered L7, on web and on wholesale; one duties row for L7 without a channel: duty 6 USD
Expected, by hand (reporting currency USD):
  L1  border 10 + 5 + 19 = 34 EUR → × 1.1 = 37.4; COGS 2 × 20 = 40; landed 77.4; margin 100 − 40 − 37.4 = 22.6
  L2  border 3 (VAT recoverable: not a cost); landed 20 + 3 = 23; margin 50 − 23 = 27
  L3  paid by the customer: border 0; landed 20; margin 30
  L4  no duties: border 0.0; no cost for B: landed and margin unknown; destination US from the order
  L5  border 1000 XAF, no rate: has_duties_fx_rate false, landed and margin unknown (not 20)
  L6  2 × 1.1 + 3 = 5.2 in USD, but no single-currency amounts; landed 25.2; margin 24.8
  L7  the one duties row is one cost: 6 on one of the two orders, 6 in all (as fct_shipments, fct_returns and
      fct_disputes give a row naming an ambiguous order number to one order only)
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.warehouse.given import build_given

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    order = {"channel": "web", "ordered_at": dt.datetime(2026, 5, 4, 10), "currency": "USD", "sku": "A",
             "quantity": 1, "unit_price": 50.0}
    return build_given(tmp_path_factory.mktemp("fct_order_landed_costs"), {
        "raw_opsdesk_orders": [order | {"order_id": "L1", "quantity": 2}, order | {"order_id": "L2"},
                               order | {"order_id": "L3"},
                               order | {"order_id": "L4", "sku": "B", "unit_price": 30.0,
                                        "ship_to_country": "United States"},
                               order | {"order_id": "L5"}, order | {"order_id": "L6"},
                               order | {"order_id": "L7"}, order | {"order_id": "L7", "channel": "wholesale"}],
        "raw_opsdesk_product_costs": [{"sku": "A", "effective_from": D("2026-01-01"), "unit_cost": 20.0,
                                       "currency": "USD"}],
        "raw_opsdesk_fx_rates": [{"date": D("2026-05-01"), "from_currency": "EUR", "to_currency": "USD", "rate": 1.1}],
        "raw_opsdesk_duties": [
            {"order_id": "L1", "hs_code": "6109", "destination_country": "Germany", "duty": 10.0, "import_vat": 19.0,
             "clearance_fee": 5.0, "currency": "EUR", "paid_by": "merchant", "import_vat_recoverable": False},
            {"order_id": "L2", "duty": 9.0, "_load_id": 1},
            {"order_id": "L2", "duty": 3.0, "import_vat": 10.0, "import_vat_recoverable": True, "_load_id": 2},
            {"order_id": "L3", "duty": 8.0, "paid_by": "Customer"},
            {"order_id": "L5", "duty": 1000.0, "currency": "XAF"},
            {"order_id": "L6", "sku": "A", "duty": 2.0, "currency": "EUR"},
            {"order_id": "L6", "sku": "A", "hs_code": "6110", "duty": 3.0, "currency": "USD"},
            {"order_id": "L7", "duty": 6.0},
        ]})


NOT_L7 = "order_id NOT LIKE '%:L7'"


def _rounded(rows):
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in rows]


def test_border_costs_in_their_currency_and_who_paid_them(marts):
    assert _rounded(marts("fct_order_landed_costs", "order_id, has_duties, duties_currency, duty_amount, "
                          "import_vat_amount, clearance_fee_amount, border_cost_amount, is_paid_by_customer, "
                          "has_duties_fx_rate, border_cost_reporting_amount", NOT_L7)) == [
        ("web:L1", True, "EUR", 10.0, 19.0, 5.0, 34.0, False, True, 37.4),
        ("web:L2", True, "USD", 3.0, 10.0, 0.0, 3.0, False, True, 3.0),
        ("web:L3", True, "USD", 8.0, 0.0, 0.0, 0.0, True, True, 0.0),
        ("web:L4", False, None, None, None, None, None, False, True, 0.0),
        ("web:L5", True, "XAF", 1000.0, 0.0, 0.0, 1000.0, False, False, None),
        ("web:L6", True, None, None, None, None, None, False, True, 5.2),  # EUR and USD: no one-currency sum
    ]


def test_landed_cost_and_margin_beside_net_revenue(marts):
    assert _rounded(marts("fct_order_landed_costs", "order_id, has_cogs, landed_cogs_reporting_amount, "
                          "landed_cost_reporting_amount, net_revenue_reporting_amount, "
                          "landed_margin_reporting_amount", NOT_L7)) == [
        ("web:L1", True, 40.0, 77.4, 100.0, 22.6),
        ("web:L2", True, 20.0, 23.0, 50.0, 27.0),
        ("web:L3", True, 20.0, 20.0, 50.0, 30.0),
        ("web:L4", False, None, None, 30.0, None),
        ("web:L5", True, 20.0, None, 50.0, None),
        ("web:L6", True, 20.0, 25.2, 50.0, 24.8),
    ]


def test_destination_and_hs_codes(marts):
    assert marts("fct_order_landed_costs", "order_id, destination_country, hs_codes",
                 "order_id IN ('web:L1', 'web:L4', 'web:L6')") == [
        ("web:L1", "DE", "6109"), ("web:L4", "US", None), ("web:L6", None, "6110")]


def test_a_duties_row_naming_an_order_number_on_two_channels_is_one_cost(marts):
    rows = marts("fct_order_landed_costs", "order_id, has_duties, border_cost_reporting_amount",
                 "order_id LIKE '%:L7'")
    assert sum(r[2] for r in rows) == 6.0 and [r[1] for r in rows].count(True) == 1
