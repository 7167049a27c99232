"""fct_orders, given rows → expected rows: the first package's carrier, service and zone.

Given order 2001 (template, shopify, 2026-05-04) with three packages:
  Q3  shipped (label) Tue 5 09:00, UPS Ground, zone 7
  Q2  shipped Mon 4 15:00, FedEx Home, zone 4          ← earliest ship time, but …
  Q1  shipped Mon 4 15:00, USPS Priority, zone 2       ← … same time as Q2: the lower shipment id wins
  Q0  no ship time (label not printed), DHL, zone 9    ← never the first package
and order 2002 with one package without a ship time (zone 5).
Expected, by hand: 2001 → USPS / Priority / zone 2 (Q1); 2002 → carrier Unknown, no service, no zone (nothing shipped).
The returns pages cut returns by this zone (returns__facts.sql reads fct_orders.zone): one rule for the whole house.
"""
from __future__ import annotations

import datetime as dt

from tests.warehouse.given import build_given

T = dt.datetime.fromisoformat


def test_carrier_service_and_zone_are_those_of_the_first_package(tmp_path):
    order = {"channel": "shopify", "ordered_at": T("2026-05-04 08:00"), "sku": "A", "quantity": 1, "unit_price": 10.0}
    pkg = {"order_id": "2001", "channel": "shopify", "warehouse": "East"}
    marts = build_given(tmp_path, {
        "raw_opsdesk_orders": [order | {"order_id": "2001"}, order | {"order_id": "2002"}],
        "raw_opsdesk_shipments": [
            pkg | {"shipment_id": "Q3", "carrier": "UPS", "service": "Ground", "zone": "7",
                   "label_created_at": T("2026-05-05 09:00")},
            pkg | {"shipment_id": "Q2", "carrier": "FedEx", "service": "Home", "zone": "4",
                   "label_created_at": T("2026-05-04 15:00")},
            pkg | {"shipment_id": "Q1", "carrier": "USPS", "service": "Priority", "zone": "2",
                   "label_created_at": T("2026-05-04 15:00")},
            pkg | {"shipment_id": "Q0", "carrier": "DHL", "service": "Express", "zone": "9"},
            pkg | {"shipment_id": "Q9", "order_id": "2002", "carrier": "DHL", "service": "Express", "zone": "5"},
        ],
    })
    assert marts("fct_orders", "order_id, carrier, service, zone, is_shipped") == [
        ("shopify:2001", "USPS", "Priority", "2", True),
        ("shopify:2002", "Unknown", None, None, False),
    ]
