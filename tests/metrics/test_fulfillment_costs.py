"""Fulfillment's cost stack per order (fulfillment__orders.sql), given rows → expected costs computed by hand."""
from __future__ import annotations

import datetime as dt

from tests.warehouse.given import build_given

T = dt.datetime.fromisoformat


def test_the_cost_stack_of_an_order_billed_by_a_3pl(tmp_path):
    """Fulfillment's per-order costs, by hand. Order 3001 (2 units, shipped) billed by the 3PL: pick/pack 2.00, an
    'other' fee 0.50 (kitting) and packaging 0.30 → 3PL fees 2.50 (every charge but packaging, METRICS.md), packaging
    0.30 (the 3PL's, not the settings' default), labour 0 (the 3PL picked it). Order 3002 (3 units, shipped, no 3PL
    line): packaging the settings' default, labour 3 / units picked per hour × labour cost per hour."""
    from lib.metrics import fulfillment
    from lib.workspace.settings import DEFAULTS
    order = {"channel": "shopify", "ordered_at": T("2026-05-04 08:00"), "sku": "A", "unit_price": 10.0}
    bill = {"invoice_id": "I1", "invoice_date": dt.date(2026, 5, 31), "provider": "ShipCo", "order_id": "3001",
            "quantity": 1}
    pkg = {"channel": "shopify", "carrier": "UPS", "label_created_at": T("2026-05-04 12:00"), "label_cost": 6.0}
    build_given(tmp_path, {
        "raw_opsdesk_orders": [order | {"order_id": "3001", "quantity": 2}, order | {"order_id": "3002", "quantity": 3}],
        "raw_opsdesk_shipments": [pkg | {"shipment_id": "S1", "order_id": "3001"},
                                  pkg | {"shipment_id": "S2", "order_id": "3002"}],
        "raw_opsdesk_3pl_invoice": [bill | {"charge_type": "Pick_Pack", "amount": 2.0},
                                    bill | {"charge_type": "other", "amount": 0.5},
                                    bill | {"charge_type": "packaging", "amount": 0.3}],
    })
    from lib.workspace import Workspace
    con = Workspace.open(tmp_path / "given_ws").reader()
    try:
        rows = fulfillment.scoped_orders(con, {"start": dt.date(2026, 5, 1), "end": dt.date(2026, 5, 31), "channels": [],
                                               "warehouses": [], "carriers": [], "categories": []})
    finally:
        con.close()
    got = {r.order_id: (r.cost_label_amount, r.cost_3pl_amount, r.cost_packaging_amount, round(r.cost_labor_amount, 6))
           for r in rows.itertuples()}
    c = DEFAULTS["costs"]
    assert got["shopify:3001"] == (6.0, 2.5, 0.3, 0.0)
    assert got["shopify:3002"] == (6.0, 0.0, c["packaging_per_order"],
                                   round(3 / c["units_picked_per_hour"] * c["labor_cost_per_hour"], 6))
