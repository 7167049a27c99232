"""fct_marketplace_fees, given rows → expected rows: Amazon settlements in both layouts (V2 one amount per row; the
older V1 layout unpivoted from typed columns), each amount in its fee group (withheld tax is tax, never revenue), the
currency stated on the settlement's summary row only, a settlement re-loaded, eBay's Transaction report fees and
Etsy's card processing fees.

Given:
  V2 settlement 111: summary row (EUR); order A-1 / sku A: ItemPrice Principal 50.00, ItemFees
     FBAPerUnitFulfillmentFee −6.00, Commission −7.00 in load 1 and −7.50 in load 2 (the same component re-loaded),
     DigitalServicesFee −0.50, Promotion −2.00, ItemWithheldTax MarketplaceFacilitatorTax-Principal −4.00; and a
     storage fee (other-transaction) −3.00 without an order
  V1 settlement 222: load 1 has one order row (B-1 price 40.00); load 2, the settlement re-downloaded, has summary row
     (USD, total 37.25) and order B-1 / sku B: price 45.00, Commission −6.75, misc fee −1.00
  eBay Transaction report (the same Order row in two overlapping downloads): order 12-345 / E1 in GBP: final value fee
     fixed −0.30, variable −13.25, international fee 0; a Refund row of that order crediting 6.00 of variable fee
     with "--" as currency; an "Other fee" row of −5.00 paid out in GBP
  Etsy sold orders (card processing fees): #3001 fee 1.20 in "usd" (load 1 said 1.10); #3002 refunded in part
     (adjusted order total 15.00), fee 1.00, adjusted fee 0.60; #3003 fee 0
Expected, by hand:
  111 (EUR): revenue 50; fulfillment_fee −6; referral_fee −7.5 (load 2); other_fee −0.5; promotion −2; tax −4;
       other −3 (no order)
  222 (USD, load 2 only): revenue 45; referral_fee −6.75; other −1; the three add up to the stated total 37.25
  eBay (GBP): referral_fee −0.30, −13.25 and +6.00 (the refund row takes its order's currency); other_fee −5.00
          (its description names it); the zero international fee and the sale itself are not rows
  Etsy (USD, other_fee): etsy:3001 −1.20 (the latest load), etsy:3002 −0.60 (the adjusted fee charged after the
          refund); no row for a zero fee
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from tests.warehouse.given import build_given

T = dt.datetime.fromisoformat


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    v2 = {"settlement_id": "111", "order_id": "A-1", "sku": "A", "quantity_purchased": 2, "transaction_type": "Order",
          "posted_date_time": T("2026-05-02 10:00")}
    v1 = {"settlement_id": "222", "order_id": "B-1", "sku": "B", "quantity_purchased": 1, "transaction_type": "Order",
          "posted_date": T("2026-05-03 10:00"), "price_type": "Principal"}
    ebay_order = {"transaction_creation_date": T("2026-05-04 10:00"), "type": "Order", "order_number": "12-345",
                  "item_id": "9001", "transaction_id": "T1", "custom_label": "E1", "quantity": 1,
                  "item_subtotal": 100.0, "final_value_fee_fixed": -0.30, "final_value_fee_variable": -13.25,
                  "international_fee": 0.0, "net_amount": 86.45, "transaction_currency": "GBP"}
    etsy = {"sale_date": T("2026-05-05 10:00"), "currency": "usd", "order_total": 20.0}
    return build_given(tmp_path_factory.mktemp("fct_marketplace_fees"), {
        "raw_etsy_orders": [
            etsy | {"order_id": "#3001", "card_processing_fees": 1.10, "_load_id": 1},
            etsy | {"order_id": "#3001", "card_processing_fees": 1.20, "_load_id": 2},
            etsy | {"order_id": "#3002", "card_processing_fees": 1.00, "adjusted_order_total": 15.0,
                    "adjusted_card_processing_fees": 0.60},
            etsy | {"order_id": "#3003", "card_processing_fees": 0.0}],
        "raw_amazon_settlement": [
            {"settlement_id": "111", "total_amount": 27.0, "currency": "EUR"},
            v2 | {"amount_type": "ItemPrice", "amount_description": "Principal", "amount": 50.0},
            v2 | {"amount_type": "ItemFees", "amount_description": "FBAPerUnitFulfillmentFee", "amount": -6.0},
            v2 | {"amount_type": "ItemFees", "amount_description": "Commission", "amount": -7.0, "_load_id": 1},
            v2 | {"amount_type": "ItemFees", "amount_description": "Commission", "amount": -7.5, "_load_id": 2},
            v2 | {"amount_type": "ItemFees", "amount_description": "DigitalServicesFee", "amount": -0.5},
            v2 | {"amount_type": "Promotion", "amount_description": "Principal", "amount": -2.0},
            v2 | {"amount_type": "ItemWithheldTax", "amount_description": "MarketplaceFacilitatorTax-Principal",
                  "amount": -4.0},
            {"settlement_id": "111", "transaction_type": "other-transaction", "amount_type": "other-transaction",
             "amount_description": "Storage Fee", "amount": -3.0, "posted_date_time": T("2026-05-05 10:00")},
        ],
        "raw_amazon_settlement_v1": [
            v1 | {"price_amount": 40.0, "_load_id": 1},
            {"settlement_id": "222", "total_amount": 37.25, "currency": "USD", "_load_id": 2},
            v1 | {"price_amount": 45.0, "item_related_fee_type": "Commission", "item_related_fee_amount": -6.75,
                  "misc_fee_amount": -1.0, "_load_id": 2},
        ],
        "raw_ebay_transactions": [
            ebay_order | {"_load_id": 1}, ebay_order | {"_load_id": 2},
            {"transaction_creation_date": T("2026-05-09 10:00"), "type": "Refund", "order_number": "12-345",
             "item_id": "9001", "transaction_id": "T1", "custom_label": "E1", "final_value_fee_variable": 6.0,
             "net_amount": -94.0, "transaction_currency": "--"},
            {"transaction_creation_date": T("2026-05-10 10:00"), "type": "Other fee", "order_number": "--",
             "net_amount": -5.0, "description": "Promoted Listings - Advanced fee", "payout_currency": "GBP",
             "transaction_currency": "--"},
        ],
    })


def test_every_amount_in_its_fee_group_and_currency_latest_load(marts):
    rows = marts("fct_marketplace_fees",
                 "settlement_id, order_id, sku, amount_type, amount_description, amount, currency, fee_group")
    assert Counter(rows) == Counter([
        ("111", "amazon:A-1", "A", "ItemPrice", "Principal", 50.0, "EUR", "revenue"),
        ("111", "amazon:A-1", "A", "ItemFees", "FBAPerUnitFulfillmentFee", -6.0, "EUR", "fulfillment_fee"),
        ("111", "amazon:A-1", "A", "ItemFees", "Commission", -7.5, "EUR", "referral_fee"),
        ("111", "amazon:A-1", "A", "ItemFees", "DigitalServicesFee", -0.5, "EUR", "other_fee"),
        ("111", "amazon:A-1", "A", "Promotion", "Principal", -2.0, "EUR", "promotion"),
        ("111", "amazon:A-1", "A", "ItemWithheldTax", "MarketplaceFacilitatorTax-Principal", -4.0, "EUR", "tax"),
        ("111", None, None, "other-transaction", "Storage Fee", -3.0, "EUR", "other"),
        ("222", "amazon:B-1", "B", "ItemPrice", "Principal", 45.0, "USD", "revenue"),
        ("222", "amazon:B-1", "B", "ItemFees", "Commission", -6.75, "USD", "referral_fee"),
        ("222", "amazon:B-1", "B", "MiscFee", "MiscFee", -1.0, "USD", "other"),
        (None, "ebay:12-345", "E1", "SellingFees", "FinalValueFeeFixed", -0.3, "GBP", "referral_fee"),
        (None, "ebay:12-345", "E1", "SellingFees", "FinalValueFeeVariable", -13.25, "GBP", "referral_fee"),
        (None, "ebay:12-345", "E1", "SellingFees", "FinalValueFeeVariable", 6.0, "GBP", "referral_fee"),
        (None, None, None, "OtherFee", "Promoted Listings - Advanced fee", -5.0, "GBP", "other_fee"),
        (None, "etsy:3001", None, "CardProcessingFee", "Card processing fees", -1.2, "USD", "other_fee"),
        (None, "etsy:3002", None, "CardProcessingFee", "Card processing fees", -0.6, "USD", "other_fee"),
    ])


def test_a_v1_settlements_amounts_add_up_to_its_stated_total(marts):
    assert marts("fct_marketplace_fees", "settlement_id, sum(amount)", "settlement_id = '222' GROUP BY ALL") == [
        ("222", 37.25)]
