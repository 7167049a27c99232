"""Given raw rows → expected mart rows (dbt-style unit tests), one test per rule of a mart, values computed by hand.

The whole-business tests (tests/test_same_figures.py, the property tests) check that pages agree; these check what
each mart does with a few rows whose right answer can be worked out on paper: latest load wins, effective dating,
spans of inventory snapshots, lead times, order matching, net revenue without tax.
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.warehouse.given import build_given

D = dt.date.fromisoformat


def test_purchase_orders_lead_time_open_quantity_and_the_latest_load_wins(tmp_path):
    marts = build_given(tmp_path, {"raw_opsdesk_purchase_orders": [
        # PO1/A first loaded unreceived, then re-exported received: the later load wins
        {"po_id": "PO1", "sku": "A", "ordered_at": D("2026-03-01"), "quantity_ordered": 100, "unit_cost": 2.5,
         "_load_id": 1},
        {"po_id": "PO1", "sku": "A", "ordered_at": D("2026-03-01"), "received_at": D("2026-03-13"),
         "quantity_ordered": 100, "quantity_received": 90, "unit_cost": 2.5, "_load_id": 2},
        {"po_id": "PO2", "sku": "B", "ordered_at": D("2026-04-01"), "quantity_ordered": 40, "_load_id": 2},
    ]})
    assert marts("fct_purchase_orders", "po_id, sku, lead_time_days, is_open, quantity_received, quantity_open") == [
        ("PO1", "A", 12, False, 90, 10),  # 1 → 13 March: 12 days; 100 − 90 still open
        ("PO2", "B", None, True, 0, 40),  # not received: no lead time, all 40 open
    ]


def test_product_costs_are_effective_dated_and_landed_cost_adds_freight_duty_and_other(tmp_path):
    marts = build_given(tmp_path, {"raw_opsdesk_product_costs": [
        {"sku": "A", "effective_from": D("2026-01-01"), "unit_cost": 10.0, "inbound_freight_per_unit": 1.0,
         "duty_rate": 0.1, "other_cost_per_unit": 0.5, "currency": "eur"},
        {"sku": "A", "effective_from": D("2026-06-01"), "unit_cost": 12.0},
    ]})
    assert marts("dim_product_costs", "sku, effective_from, effective_to, landed_unit_cost_amount, currency") == [
        ("A", D("2026-01-01"), D("2026-05-31"), 12.5, "EUR"),  # 10 + 1 + 10 × 0.1 + 0.5; code upper-cased
        ("A", D("2026-06-01"), D("9999-12-31"), 12.0, "USD"),  # no currency: the reporting currency (USD default)
    ]


def test_an_inventory_snapshot_holds_until_the_next_one_and_zero_available_is_a_stockout(tmp_path):
    marts = build_given(tmp_path, {"raw_opsdesk_inventory": [
        {"snapshot_date": D("2026-05-01"), "sku": "A", "location": "W1", "on_hand": 5, "reserved": 2},
        {"snapshot_date": D("2026-05-04"), "sku": "A", "location": "W1", "on_hand": 0},
        {"snapshot_date": D("2026-05-05"), "sku": "B", "location": "W1", "on_hand": 7, "available": 7},
    ]})
    assert marts("fct_inventory_daily", "day, sku, on_hand, available, is_stockout") == [
        (D("2026-05-01"), "A", 5, 3, False),  # available = on hand − reserved when the file does not say
        (D("2026-05-02"), "A", 5, 3, False),
        (D("2026-05-03"), "A", 5, 3, False),
        (D("2026-05-04"), "A", 0, 0, True),
        (D("2026-05-05"), "A", 0, 0, True),   # held to the workspace's last snapshot date
        (D("2026-05-05"), "B", 7, 7, False),
    ]


def test_ad_spend_re_exported_replaces_the_day_and_no_channel_is_all(tmp_path):
    marts = build_given(tmp_path, {"raw_opsdesk_ad_spend": [
        {"date": D("2026-05-01"), "sku": "A", "channel": "Amazon", "spend": 10.0, "_load_id": 1},
        {"date": D("2026-05-01"), "sku": "A", "channel": "Amazon", "spend": 12.0, "_load_id": 2},
        {"date": D("2026-05-01"), "sku": "A", "spend": 3.0, "_load_id": 2},
    ]})
    assert marts("fct_ad_spend", "spend_date, sku, channel, spend_amount") == [
        (D("2026-05-01"), "A", "all", 3.0), (D("2026-05-01"), "A", "amazon", 12.0)]


@pytest.fixture
def template_orders():
    """Two template orders in USD: #1 two lines with tax on top, #2 one line with tax inside the price."""
    base = {"channel": "shopify", "currency": "USD", "status": "shipped"}
    return [
        base | {"order_id": "1", "ordered_at": dt.datetime(2026, 5, 1, 10), "line_no": 1, "sku": "A", "quantity": 2,
                "unit_price": 10.0, "shipping_charged": 5.0, "tax": 2.0, "prices_include_tax": False},
        base | {"order_id": "1", "ordered_at": dt.datetime(2026, 5, 1, 10), "line_no": 2, "sku": "B", "quantity": 1,
                "unit_price": 30.0, "line_discount": 6.0},
        base | {"order_id": "2", "ordered_at": dt.datetime(2026, 5, 2, 9), "line_no": 1, "sku": "A", "quantity": 1,
                "unit_price": 24.0, "tax": 4.0, "prices_include_tax": True},
    ]


def test_net_revenue_is_without_tax_and_csat_and_3pl_lines_find_their_orders(tmp_path, template_orders):
    marts = build_given(tmp_path, {
        "raw_opsdesk_orders": template_orders,
        "raw_opsdesk_csat": [{"response_id": "R1", "responded_at": dt.datetime(2026, 5, 6, 8), "score": 2,
                              "order_id": "1", "channel": "Shopify"},
                             {"response_id": "R2", "responded_at": dt.datetime(2026, 5, 7, 8), "score": 5,
                              "order_id": "99"}],
        "raw_opsdesk_3pl_invoice": [{"invoice_id": "I1", "invoice_date": D("2026-05-31"), "provider": "ShipCo",
                                     "order_id": "2", "charge_type": "Pick_Pack", "quantity": 1, "amount": 3.25}],
    })
    orders = marts("fct_orders", "order_id, units, net_revenue_amount, tax_amount")
    # #1: 2 × 10 + 30 − 6 discount + 5 shipping = 49, tax (2) on top; #2: 24 with 4 of tax inside → 20
    assert [(o, u, round(n, 2), t) for o, u, n, t in orders] == [("shopify:1", 3, 49.0, 2.0), ("shopify:2", 1, 20.0, 4.0)]
    assert marts("fct_csat", "response_id, order_id, channel, is_satisfied") == [
        ("R1", "shopify:1", "shopify", False), ("R2", None, None, True)]  # an unknown order stays unlinked
    assert marts("fct_fulfillment_charges", "invoice_id, order_id, charge_type, amount") == [
        ("I1", "shopify:2", "pick_pack", 3.25)]


def test_promotions_keep_the_latest_load_of_an_event(tmp_path):
    marts = build_given(tmp_path, {"raw_opsdesk_promotions": [
        {"name": "Black Friday", "start_date": D("2026-11-27"), "end_date": D("2026-11-30"), "event_type": "Peak",
         "_load_id": 1},
        {"name": "Black Friday", "start_date": D("2026-11-27"), "end_date": D("2026-12-01"), "event_type": "Peak",
         "_load_id": 2},
        {"name": "Spring sale", "start_date": D("2026-04-01"), "end_date": D("2026-04-07"), "discount_rate": 0.2},
    ]})
    assert marts("dim_promotions", "name, end_date, event_type, discount_rate") == [
        ("Black Friday", D("2026-12-01"), "peak", None), ("Spring sale", D("2026-04-07"), "promotion", 0.2)]


def test_a_products_current_cost_keeps_its_currency_and_converts_at_the_latest_rate(tmp_path):
    """The catalog's current cost (the fallback value of stock and of replenishment orders) is the cost row in force
    today, in its own currency and in the reporting currency at the latest rate on or before today; a currency
    without a rate gets no reporting amount (never read as dollars)."""
    today = dt.date.today()
    marts = build_given(tmp_path, {
        "raw_opsdesk_product_costs": [
            {"sku": "A", "effective_from": today - dt.timedelta(days=400), "unit_cost": 8.0, "currency": "EUR"},
            {"sku": "A", "effective_from": today - dt.timedelta(days=30), "unit_cost": 10.0,
             "inbound_freight_per_unit": 2.0, "currency": "EUR"},
            {"sku": "A", "effective_from": today + dt.timedelta(days=30), "unit_cost": 99.0, "currency": "EUR"},
            {"sku": "B", "effective_from": today - dt.timedelta(days=10), "unit_cost": 5.0},
            {"sku": "C", "effective_from": today - dt.timedelta(days=10), "unit_cost": 300.0, "currency": "XAF"},
        ],
        "raw_opsdesk_fx_rates": [
            {"date": today - dt.timedelta(days=20), "from_currency": "EUR", "to_currency": "USD", "rate": 1.2},
            {"date": today - dt.timedelta(days=3), "from_currency": "EUR", "to_currency": "USD", "rate": 1.25},
        ],
        "raw_opsdesk_products": [{"sku": s, "product_name": f"Product {s}"} for s in "ABC"],
        "raw_opsdesk_orders": [
            {"order_id": "W1", "ordered_at": dt.datetime.combine(today - dt.timedelta(days=60), dt.time(9)),
             "sku": "A", "quantity": 1, "unit_price": 20.0, "currency": "USD"},
        ],
    })
    rows = marts("dim_products", "sku, landed_unit_cost_amount, cost_currency, landed_unit_cost_reporting_amount")
    assert rows[0][:3] == ("A", 12.0, "EUR")               # the row in force today: 10 + 2 freight (not the future 99)
    assert rows[0][3] == pytest.approx(15.0)               # × 1.25, the latest EUR → USD rate on or before today
    assert rows[1] == ("B", 5.0, "USD", 5.0)               # no currency stated: the reporting currency
    assert rows[2] == ("C", 300.0, "XAF", None)            # no rate for the franc: left out, not read as dollars
