"""fct_carrier_invoice_lines, given rows → expected rows: one row per invoice line (invoice, tracking number,
adjustment type) from its latest load, matched to its package by tracking number; a line whose package is not
loaded stays, without a package.

Given packages (Opsdesk shipments template): P1 tracking 1Z111, P2 tracking 1Z222.
Given invoice lines (carrier invoice adjustments template, all UPS, dated 2026-05-31):
  INV1 1Z111 Residential 3.50 (load 1), the same line re-loaded at 4.00 (load 2); INV1 1Z111 Fuel 1.25;
  INV2 1Z111 Residential 2.00 (another invoice: another line); INV1 1Z999 Other 7.00 (no such package);
  INV2 1Z222 Dim_Weight 5.00
Expected, by hand: five lines; INV1's residential line is 4.00 (the later load); types in lower case; 1Z999 has no
package.
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.warehouse.given import build_given

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    def adj(invoice, tracking, kind, amount, load=1):
        return {"invoice_id": invoice, "carrier": "UPS", "tracking_number": tracking, "adjustment_type": kind,
                "amount": amount, "adjustment_date": D("2026-05-31"), "_load_id": load}

    return build_given(tmp_path_factory.mktemp("fct_carrier_invoice_lines"), {
        "raw_opsdesk_shipments": [{"shipment_id": "P1", "order_id": "1", "carrier": "UPS", "tracking_number": "1Z111"},
                                  {"shipment_id": "P2", "order_id": "2", "carrier": "UPS", "tracking_number": "1Z222"}],
        "raw_opsdesk_carrier_adjustments": [
            adj("INV1", "1Z111", "Residential", 3.5, load=1), adj("INV1", "1Z111", "Residential", 4.0, load=2),
            adj("INV1", "1Z111", "Fuel", 1.25), adj("INV2", "1Z111", "Residential", 2.0),
            adj("INV1", "1Z999", "Other", 7.0), adj("INV2", "1Z222", "Dim_Weight", 5.0)],
    })


def test_one_row_per_invoice_line_from_its_latest_load_matched_to_its_package(marts):
    assert marts("fct_carrier_invoice_lines", "invoice_id, invoice_carrier, tracking_number, invoice_line_date, "
                 "adjustment_type, amount, shipment_id") == [
        ("INV1", "UPS", "1Z111", D("2026-05-31"), "fuel", 1.25, "P1"),
        ("INV1", "UPS", "1Z111", D("2026-05-31"), "residential", 4.0, "P1"),
        ("INV1", "UPS", "1Z999", D("2026-05-31"), "other", 7.0, None),
        ("INV2", "UPS", "1Z111", D("2026-05-31"), "residential", 2.0, "P1"),
        ("INV2", "UPS", "1Z222", D("2026-05-31"), "dim_weight", 5.0, "P2"),
    ]
