"""fct_shipments, given rows → expected rows: one row per package whatever the number of sources reporting it, the
order found on its channel, carrier names normalised, the promise (shipment's own > the order's > transit settings
in business days), business-day transit, billed weight and carrier invoice adjustments, the latest load.

Default settings: weekend Saturday and Sunday, US holidays (Memorial Day 2026-05-25), USPS 5 transit business days.
Calendar of May 2026: Mon 4, Fri 8, Fri 15, Fri 22, Mon 25 (holiday), Fri 29, Mon 1 June.

Given orders (template, shopify): 1001, 1002 (promised 2026-05-08 by the channel), 1003, 1004, all 2026-05-04.
Given packages (Opsdesk shipments template unless said):
  P1  1001 "ups ground" Ground 1Z0000001, label Mon 4 09:00, first scan Mon 4 15:30, delivered Thu 7, its own promise
      Wed 6; 2 lb in a 10 × 10 × 10 in box, label 8.00; invoice INV1 adds 1.50 and bills 9 lb.
      ShipStation reports the same tracking number for 1001 at 99.00: the template's row wins.
  P2  1002 FedEx FX12345678, first scan Tue 5 10:00, delivered Fri 8, billed 4 lb, label 5.00
  P3  1003 loaded first as FedEx, then re-loaded as USPS 9400 (too short to be a tracking number), label Fri 8 11:00,
      not delivered
  P4  order 1001 on amazon (no such order loaded), Royal Mail, two item rows of one package, status Damaged
  P5  1004 USPS 9400111122223333, first scan Fri 22, delivered Fri 29
  ShipStation only: order 1005, tracking 1Z0000005, "USPS Priority Mail" requested (no carrier column), shipped Mon 11,
      7.50; Amazon's shipment report names the same tracking number: ShipStation (priority 2) beats Amazon (3)
Expected, by hand:
  P1  UPS; promise 2026-05-06 (shipment), delivered the 7th: late; transit Mon → Thu = 3 business days; first-scan lag
      6.5 h; dim weight 1000 / 139 = 7.1942…, billed 9 (the invoice's); label 8 + 1.5 = 9.5
  P2  service Standard; promise 2026-05-08 (channel), delivered the 8th: on time; Tue → Fri = 3; status delivered;
      billed 4 (stated)
  P3  USPS (latest load), shipped at the label time; promise Fri 8 + 5 business days = Fri 15 (transit settings);
      not delivered: status shipped, on time unknown; tracking invalid; warehouse Unassigned
  P4  order_id amazon:1001 without order, channel amazon; damaged; no ship time so no promise
  P5  promise Fri 22 + 5 business days skipping Memorial Day = Mon 1 June; delivered Fri 29: 4 business days, on time
  shipstation:1005:1Z0000005  order shopify:1005 (no channel stated: any channel's 1005), carrier USPS (the first word
      of the requested service), service as requested, shipped at the ship date, promise Mon 11 + 5 = Mon 18
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.warehouse.given import build_given

D = dt.date.fromisoformat
T = dt.datetime.fromisoformat


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    order = {"channel": "shopify", "ordered_at": T("2026-05-04 08:00"), "sku": "A", "quantity": 1, "unit_price": 10.0}
    return build_given(tmp_path_factory.mktemp("fct_shipments"), {
        "raw_opsdesk_orders": [order | {"order_id": "1001"},
                               order | {"order_id": "1002", "promised_delivery_date": D("2026-05-08")},
                               order | {"order_id": "1003"}, order | {"order_id": "1004"},
                               order | {"order_id": "1005"}],
        "raw_opsdesk_shipments": [
            {"shipment_id": "P1", "order_id": "1001", "channel": "shopify", "carrier": "ups ground",
             "service": "Ground", "tracking_number": "1Z0000001", "warehouse": "East",
             "label_created_at": T("2026-05-04 09:00"), "first_scan_at": T("2026-05-04 15:30"),
             "delivered_at": T("2026-05-07 12:00"),
             "promised_delivery_date": D("2026-05-06"), "weight_lb": 2.0, "length_in": 10.0, "width_in": 10.0,
             "height_in": 10.0, "label_cost": 8.0},
            {"shipment_id": "P2", "order_id": "1002", "carrier": "FedEx", "tracking_number": "FX12345678",
             "warehouse": "East", "first_scan_at": T("2026-05-05 10:00"), "delivered_at": T("2026-05-08 16:00"),
             "weight_lb": 3.0, "billed_weight_lb": 4.0, "label_cost": 5.0},
            {"shipment_id": "P3", "order_id": "1003", "carrier": "FedEx", "tracking_number": "9400",
             "label_created_at": T("2026-05-07 11:00"), "_load_id": 1},
            {"shipment_id": "P3", "order_id": "1003", "carrier": "USPS", "tracking_number": "9400",
             "label_created_at": T("2026-05-08 11:00"), "_load_id": 2},
            {"shipment_id": "P4", "order_id": "1001", "channel": "Amazon", "carrier": "Royal Mail", "sku": "X",
             "tracking_number": "RM123456789GB", "status": "Damaged"},
            {"shipment_id": "P4", "order_id": "1001", "channel": "Amazon", "sku": "Y", "warehouse": "West"},
            {"shipment_id": "P5", "order_id": "1004", "carrier": "USPS", "tracking_number": "9400111122223333",
             "first_scan_at": T("2026-05-22 17:00"), "delivered_at": T("2026-05-29 10:00")},
        ],
        "raw_shipstation_shipments": [
            {"order_number": "1001", "tracking_number": "1Z0000001", "carrier": "ups", "service": "Ground",
             "date_shipped_date": D("2026-05-04"), "amount_shipping_cost": 99.0},
            {"order_number": "1005", "tracking_number": "1Z0000005", "carrier_service_requested": "USPS Priority Mail",
             "date_shipped_date": D("2026-05-11"), "amount_shipping_cost": 7.5}],
        "raw_amazon_shipments": [
            {"amazon_order_id": "1005", "shipment_id": "AS1", "tracking_number": "1Z0000005", "carrier": "AMZL",
             "shipment_date": T("2026-05-11 08:00")}],
        "raw_opsdesk_carrier_adjustments": [
            {"invoice_id": "INV1", "carrier": "UPS", "tracking_number": "1Z0000001", "adjustment_type": "dim_weight",
             "amount": 1.5, "billed_weight_lb": 9.0, "_load_id": 1},
            # the same invoice line in two loads of the same invoice file (re-exported): counted once
            {"invoice_id": "INV2", "carrier": "FedEx", "tracking_number": "FX12345678",
             "adjustment_type": "residential", "amount": 2.0, "_load_id": 1},
            {"invoice_id": "INV2", "carrier": "FedEx", "tracking_number": "FX12345678",
             "adjustment_type": "residential", "amount": 2.0, "_load_id": 2},
        ],
    })


def test_one_row_per_package_matched_to_its_order_on_its_channel(marts):
    assert marts("fct_shipments", "shipment_id, order_id, has_order, channel, carrier, service, warehouse, status, "
                 "is_damaged, has_valid_tracking, source") == [
        ("P1", "shopify:1001", True, "shopify", "UPS", "Ground", "East", "delivered", False, True, "opsdesk_shipments"),
        ("P2", "shopify:1002", True, "shopify", "FedEx", "Standard", "East", "delivered", False, True,
         "opsdesk_shipments"),
        ("P3", "shopify:1003", True, "shopify", "USPS", "Standard", "Unassigned", "shipped", False, False,
         "opsdesk_shipments"),
        ("P4", "amazon:1001", False, "amazon", "Royal Mail", "Standard", "West", "damaged", True, True,
         "opsdesk_shipments"),
        ("P5", "shopify:1004", True, "shopify", "USPS", "Standard", "Unassigned", "delivered", False, True,
         "opsdesk_shipments"),
        ("shipstation:1005:1Z0000005", "shopify:1005", True, "shopify", "USPS", "USPS Priority Mail", "Unassigned",
         "shipped", False, True, "shipstation_shipments"),
    ]  # ShipStation's copy of P1 and Amazon's of 1Z0000005 (same tracking numbers) are not rows


def test_promise_on_time_and_business_day_transit(marts):
    assert marts("fct_shipments", "shipment_id, shipped_at, promised_delivery_date, promise_source, "
                 "is_on_time_delivery, transit_business_days") == [
        ("P1", T("2026-05-04 15:30"), D("2026-05-06"), "shipment", False, 3),
        ("P2", T("2026-05-05 10:00"), D("2026-05-08"), "channel", True, 3),
        ("P3", T("2026-05-08 11:00"), D("2026-05-15"), "transit settings", None, None),
        ("P4", None, None, None, None, None),
        ("P5", T("2026-05-22 17:00"), D("2026-06-01"), "transit settings", True, 4),
        ("shipstation:1005:1Z0000005", T("2026-05-11 00:00"), D("2026-05-18"), "transit settings", None, None),
    ]


def test_first_scan_lag_weights_and_the_invoiced_label_cost(marts):
    rows = marts("fct_shipments", "shipment_id, first_scan_lag_hours, dim_weight_lb, billed_weight_lb, "
                 "label_cost_amount, adjustments_amount", "shipment_id IN ('P1', 'P3', 'shipstation:1005:1Z0000005')")
    assert rows[0][:2] == ("P1", 6.5)
    assert rows[0][2] == pytest.approx(1000 / 139)
    assert rows[0][3:] == (9.0, 9.5, 1.5)
    assert rows[1] == ("P3", None, None, None, None, 0)  # nothing measured, nothing invoiced
    assert rows[2] == ("shipstation:1005:1Z0000005", None, None, None, 7.5, 0)  # ShipStation's cost, not Amazon's


def test_an_invoice_loaded_twice_adjusts_the_label_cost_once(marts):
    # P2: label 5.00 + INV2's residential 2.00 (one line, loaded twice) = 7.00
    assert marts("fct_shipments", "label_cost_amount, adjustments_amount", "shipment_id = 'P2'") == [(7.0, 2.0)]


def test_package_items_re_exported_are_counted_once_and_decide_in_full(tmp_path):
    # order 2001: 3 units of A. Package Q1 lists 2 units of A; the shipments file is exported again the next day
    # (the same rows in load 2). Units shipped stay 2 (the latest load), so the order is not shipped in full.
    # Order 2002: 1 unit, its package lists 1 unit: in full. Order 2003: a package with no item rows: the channel's
    # fulfillment status decides (none stated: in full), units_shipped unknown.
    order = {"channel": "shopify", "ordered_at": T("2026-05-04 08:00"), "sku": "A", "unit_price": 10.0}
    pkg = {"carrier": "UPS", "label_created_at": T("2026-05-04 09:00")}
    marts = build_given(tmp_path, {
        "raw_opsdesk_orders": [order | {"order_id": "2001", "quantity": 3}, order | {"order_id": "2002", "quantity": 1},
                               order | {"order_id": "2003", "quantity": 2}],
        "raw_opsdesk_shipments": [pkg | {"shipment_id": "Q1", "order_id": "2001", "sku": "A", "quantity": 2.0,
                                         "_load_id": load} for load in (1, 2)]
        + [pkg | {"shipment_id": "Q2", "order_id": "2002", "sku": "A", "quantity": 1.0},
           pkg | {"shipment_id": "Q3", "order_id": "2003"}]})
    assert marts("fct_shipments", "shipment_id, units_shipped") == [("Q1", 2.0), ("Q2", 1.0), ("Q3", None)]
    assert marts("fct_orders", "source_order_ref, is_in_full") == [("2001", False), ("2002", True), ("2003", True)]
