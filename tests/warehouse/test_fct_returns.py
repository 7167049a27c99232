"""fct_returns, given rows → expected rows: the return found on its order, its refund in the order's currency at the
order date's rate, a return without its order taken in the reporting currency, the reason taxonomy (most specific
pattern of the highest priority), default processing cost, the first shipment's warehouse and carrier, latest load.

Given: orders (template, shopify) 2001 in EUR and 2002 in XAF, both 2026-05-01 10:00; EUR → USD 1.20 from
2026-04-28 and 1.50 from 2026-05-10 (your template; no rate for the franc); product A in "Tees"; order 2001 shipped
in two packages: East/UPS on 2026-05-02, West/FedEx on 2026-05-03. Default return processing: 2.50 per unit.
  R1/A  2001, 2 units, requested 2026-05-11 09:00, "Too small", refund 30.00 EUR, disposition Restock
        (an earlier load said refund 20.00: replaced)
  R2/B  2001, 1 unit, returned 2026-05-20, reason code DAMAGED_BY_CARRIER, processing 4.00, warehouse "Returns hub"
  R3/A  2002, 1 unit, returned 2026-05-04, "Colour looked odd", refund 5000 XAF
  R4/A  order 9999 on Shopify (not loaded), 1 unit, returned 2026-05-06, no reason, refund 12.00
  Amazon: order 111-0000001-0000001 (All Orders report, Amazon.com, USD, 2026-05-01 10:00, fulfilled by Amazon);
        an FBA customer return of its A on 2026-05-12, licence plate LPN1, disposition SELLABLE, reason UNWANTED_ITEM;
        a seller-fulfilled (MFN) return RMA9 of B for order 111-0000002-0000002 (not loaded), requested 2026-05-13,
        "Defective", resolution StandardRefund, refunded 18.00, label 4.50, carrier USPS
Expected, by hand:
  R1  Fit: too small (controllable); lag 1 May → 11 May = 10 days; refund 30 EUR × 1.20 (the order date's rate, not
      the 1.50 of the return's days) = 36.00 USD;
      processing 2 × 2.50 = 5.00; outcome refund (default); warehouse East and UPS (the first package)
  R2  "damaged_by_carrier" (priority 1) beats "damaged" (priority 2): Damaged in transit, carrier damage, not
      controllable; lag 19 days (returned date, nothing requested); Uncategorised (B not in the catalogue);
      refund 0; processing 4.00 as stated; warehouse as stated, carrier UPS
  R3  no pattern: Other; refund 5000 XAF, no rate: no reporting amount (never read as dollars); lag 3
  R4  order_id shopify:9999 without order; No reason given; refund 12 in USD (reporting currency) = 12.00; no lag
  fba:111-0000001-0000001:A:LPN1:1  found on amazon; SELLABLE → restock; "unwanted" → Changed mind; lag 11 days;
      warehouse Amazon FBA; no refund stated (0); processing 2.50
  mfn:RMA9:B  no order: amazon:111-0000002-0000002; "defective" → Defective or quality; outcome standardrefund (as
      written); refund 18 USD; label 4.50; carrier USPS
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.warehouse.given import build_given

D = dt.date.fromisoformat
T = dt.datetime.fromisoformat
AMZ = "111-0000001-0000001"
FBA = f"fba:{AMZ}:A:LPN1:1"


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    order = {"channel": "shopify", "ordered_at": T("2026-05-01 10:00"), "sku": "A", "quantity": 2, "unit_price": 15.0}
    ret = {"sku": "A", "quantity": 1}
    return build_given(tmp_path_factory.mktemp("fct_returns"), {
        "raw_opsdesk_orders": [order | {"order_id": "2001", "currency": "EUR"},
                               order | {"order_id": "2001", "currency": "EUR", "line_no": 2, "sku": "B"},
                               order | {"order_id": "2002", "currency": "XAF"}],
        "raw_opsdesk_fx_rates": [
            {"date": D("2026-04-28"), "from_currency": "EUR", "to_currency": "USD", "rate": 1.2},
            {"date": D("2026-05-10"), "from_currency": "EUR", "to_currency": "USD", "rate": 1.5}],
        "raw_opsdesk_products": [{"sku": "A", "category": "Tees"}],
        "raw_amazon_orders": [{"amazon_order_id": AMZ, "purchase_date": T("2026-05-01 10:00"), "sku": "A",
                               "quantity": 1, "item_price": 25.0, "currency": "USD", "sales_channel": "Amazon.com",
                               "fulfillment_channel": "Amazon", "order_status": "Shipped"}],
        "raw_amazon_fba_returns": [{"return_date": T("2026-05-12 09:00"), "order_id": AMZ, "sku": "A", "quantity": 1,
                                    "detailed_disposition": "SELLABLE", "reason": "UNWANTED_ITEM",
                                    "license_plate_number": "LPN1", "_seq": 1}],
        "raw_amazon_mfn_returns": [{"amazon_rma_id": "RMA9", "order_id": "111-0000002-0000002", "merchant_sku": "B",
                                    "return_quantity": 1, "return_request_date": T("2026-05-13 09:00"),
                                    "return_reason": "Defective", "resolution": "StandardRefund",
                                    "refunded_amount": 18.0, "label_cost": 4.5, "return_carrier": "USPS"}],
        "raw_opsdesk_shipments": [
            {"shipment_id": "S2", "order_id": "2001", "carrier": "FedEx", "warehouse": "West",
             "first_scan_at": T("2026-05-03 09:00")},
            {"shipment_id": "S1", "order_id": "2001", "carrier": "UPS", "warehouse": "East",
             "first_scan_at": T("2026-05-02 09:00")}],
        "raw_opsdesk_returns": [
            ret | {"return_id": "R1", "order_id": "2001", "quantity": 2, "returned_at": T("2026-05-15 12:00"),
                   "reason": "Too small", "refund_amount": 20.0, "_load_id": 1},
            ret | {"return_id": "R1", "order_id": "2001", "quantity": 2, "requested_at": T("2026-05-11 09:00"),
                   "returned_at": T("2026-05-15 12:00"), "reason": "Too small", "refund_amount": 30.0,
                   "disposition": "Restock", "_load_id": 2},
            ret | {"return_id": "R2", "order_id": "2001", "sku": "B", "returned_at": T("2026-05-20 12:00"),
                   "reason_code": "DAMAGED_BY_CARRIER", "processing_cost": 4.0, "warehouse": "Returns hub"},
            ret | {"return_id": "R3", "order_id": "2002", "returned_at": T("2026-05-04 12:00"),
                   "reason": "Colour looked odd", "refund_amount": 5000.0},
            ret | {"return_id": "R4", "order_id": "9999", "channel": "Shopify", "returned_at": T("2026-05-06 12:00"),
                   "refund_amount": 12.0},
        ]})


def test_each_return_finds_its_order_and_its_first_packages_warehouse(marts):
    assert marts("fct_returns", "return_id, sku, order_id, has_order, channel, category, quantity, return_lag_days, "
                 "disposition, outcome, warehouse, carrier") == [
        ("R1", "A", "shopify:2001", True, "shopify", "Tees", 2, 10, "restock", "refund", "East", "UPS"),
        ("R2", "B", "shopify:2001", True, "shopify", "Uncategorised", 1, 19, "unknown", "refund", "Returns hub", "UPS"),
        ("R3", "A", "shopify:2002", True, "shopify", "Tees", 1, 3, "unknown", "refund", None, None),
        ("R4", "A", "shopify:9999", False, "shopify", "Tees", 1, None, "unknown", "refund", None, None),
        (FBA, "A", f"amazon:{AMZ}", True, "amazon", "Tees", 1, 11, "restock", "refund", "Amazon FBA", None),
        ("mfn:RMA9:B", "B", "amazon:111-0000002-0000002", False, "amazon", "Uncategorised", 1, None, "unknown",
         "standardrefund", None, "USPS"),
    ]


def test_reasons_take_the_most_specific_pattern_of_the_highest_priority(marts):
    assert marts("fct_returns", "return_id, reason, reason_group, is_controllable, is_fulfillment_error, "
                 "is_carrier_damage") == [
        ("R1", "Too small", "Fit: too small", True, False, False),
        ("R2", "DAMAGED_BY_CARRIER", "Damaged in transit", False, False, True),  # the code stands in for the reason
        ("R3", "Colour looked odd", "Other", False, False, False),
        ("R4", None, "No reason given", False, False, False),
        (FBA, "UNWANTED_ITEM", "Changed mind", False, False, False),
        ("mfn:RMA9:B", "Defective", "Defective or quality", True, False, False),
    ]


def test_refunds_in_the_orders_currency_and_the_operators_costs(marts):
    rows = marts("fct_returns", "return_id, refund_amount, refund_currency, refund_reporting_amount, "
                 "processing_cost_amount, return_label_cost_amount, recovered_amount")
    assert rows[0][:3] == ("R1", 30.0, "EUR") and rows[0][3] == pytest.approx(36.0) and rows[0][4:] == (5.0, 0, 0)
    assert rows[1:] == [
        ("R2", 0.0, "EUR", 0.0, 4.0, 0.0, 0.0),
        ("R3", 5000.0, "XAF", None, 2.5, 0.0, 0.0),   # no rate for the franc: left out of reporting totals
        ("R4", 12.0, "USD", 12.0, 2.5, 0.0, 0.0),     # no order: the reporting currency
        (FBA, 0.0, "USD", 0.0, 2.5, 0.0, 0.0),
        ("mfn:RMA9:B", 18.0, "USD", 18.0, 2.5, 4.5, 0.0),
    ]
