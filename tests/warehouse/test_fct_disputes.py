"""fct_disputes, given rows → expected rows: the latest load of a dispute, its order found by number ("1001" finds
Shopify's "#1001") on its channel when one is given, status classes, the money lost (the amount of a lost or accepted
dispute, plus the fee whatever the outcome), the currency (the dispute's, else the order's, else the reporting
currency) converted at the opened date's rate, no rate → no reporting amount.

Given: orders "#1001" on shopify in EUR and "W-7" on web in USD, 2026-05-01; EUR → USD 1.10 from 2026-05-01 and
1.20 from 2026-05-08 (the disputes are opened on 2026-05-10: their rate is 1.20, not the order date's 1.10).
  DP1  order 1001, no channel, opened 2026-05-10, "Fraudulent", amount −80.00 as exported, fee 15.00, Lost
       (an earlier load said needs_response)
  DP2  order W-7 on "Wholesale" (no such order there), amount 40.00, fee 15.00, won
  DP3  order W-7, no channel, amount 5000 in "xaf", no status
  DP4  order "#1001" on "Shopify", amount 20.00 in "usd", accepted
Expected, by hand:
  DP1  shopify:#1001; EUR (the order's); lost 80, loss 80 + 15 = 95; × 1.2: 96, fee 18, loss 114
  DP2  no order, channel wholesale, USD (reporting currency); won: lost 0, loss 15 (the fee)
  DP3  web:W-7; XAF; status unknown, open; no rate: has_fx_rate false, reporting amounts NULL; reason and payment
       method unknown
  DP4  shopify:#1001; USD as stated; accepted counts as lost: lost 20, loss 20; rate 1
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.warehouse.given import build_given

D = dt.date.fromisoformat
T = dt.datetime.fromisoformat


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    order = {"ordered_at": T("2026-05-01 10:00"), "sku": "A", "quantity": 1, "unit_price": 80.0}
    dispute = {"opened_at": T("2026-05-10 09:00")}
    return build_given(tmp_path_factory.mktemp("fct_disputes"), {
        "raw_opsdesk_orders": [order | {"order_id": "#1001", "channel": "shopify", "currency": "EUR"},
                               order | {"order_id": "W-7", "channel": "web", "currency": "USD"}],
        "raw_opsdesk_fx_rates": [
            {"date": D("2026-05-01"), "from_currency": "EUR", "to_currency": "USD", "rate": 1.1},
            {"date": D("2026-05-08"), "from_currency": "EUR", "to_currency": "USD", "rate": 1.2}],
        "raw_opsdesk_disputes": [
            dispute | {"dispute_id": "DP1", "order_id": "1001", "reason": "Fraudulent", "amount": -80.0, "fee": 15.0,
                       "status": "needs_response", "_load_id": 1},
            dispute | {"dispute_id": "DP1", "order_id": "1001", "reason": "Fraudulent", "amount": -80.0, "fee": 15.0,
                       "status": "Lost", "payment_method": "Visa", "_load_id": 2},
            dispute | {"dispute_id": "DP2", "order_id": "W-7", "channel": "Wholesale", "amount": 40.0, "fee": 15.0,
                       "status": "won"},
            dispute | {"dispute_id": "DP3", "order_id": "W-7", "amount": 5000.0, "currency": "xaf"},
            dispute | {"dispute_id": "DP4", "order_id": "#1001", "channel": "Shopify", "amount": 20.0,
                       "currency": "usd", "status": "accepted"},
        ]})


def _rounded(rows):
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in rows]


def test_each_dispute_finds_its_order_and_its_status_class(marts):
    assert marts("fct_disputes", "dispute_id, order_id, dispute_order_ref, channel, status, reason, payment_method, "
                 "is_lost, is_won, is_open") == [
        ("DP1", "shopify:#1001", "1001", "shopify", "lost", "fraudulent", "visa", True, False, False),
        ("DP2", None, "W-7", "wholesale", "won", "unknown", "unknown", False, True, False),
        ("DP3", "web:W-7", "W-7", "web", "unknown", "unknown", "unknown", False, False, True),
        ("DP4", "shopify:#1001", "#1001", "shopify", "accepted", "unknown", "unknown", True, False, False),
    ]


def test_money_lost_in_its_currency_and_at_the_opened_dates_rate(marts):
    assert _rounded(marts("fct_disputes", "dispute_id, currency, dispute_amount, fee_amount, lost_amount, loss_amount, "
                          "has_fx_rate, dispute_reporting_amount, fee_reporting_amount, loss_reporting_amount")) == [
        ("DP1", "EUR", 80.0, 15.0, 80.0, 95.0, True, 96.0, 18.0, 114.0),
        ("DP2", "USD", 40.0, 15.0, 0.0, 15.0, True, 40.0, 15.0, 15.0),
        ("DP3", "XAF", 5000.0, 0.0, 0.0, 0.0, False, None, None, None),
        ("DP4", "USD", 20.0, 0.0, 20.0, 20.0, True, 20.0, 0.0, 20.0),
    ]
