"""fct_support_tickets, given rows → expected rows: each ticket linked to its order (the order-number field, else an
order tag, else the subject; a leading '#' aside), WISMO by tag or subject, the delivery behind it (lost > late > on
time, from the order's packages; undelivered past its promise when the ticket was opened is late), the package at
issue's carrier and warehouse, reply and resolution against the targets (8 h and 48 h by default), ratings, the latest
load of a ticket.

Given orders (template, web): 1001, 1002, 1003, 1004. Packages:
  1001  P1b FedEx/West shipped 3 May, delivered 5 May, promised 6 May (on time);
        P1a UPS/East shipped 4 May, delivered 7 May, promised 6 May (late)
  1002  P2 FedEx/West shipped 4 May, lost          1003  P3 UPS/East shipped 5 May, promised 8 May, not delivered
  1004  no package
Tickets:
  Zendesk Z1  order field "#1001", "Where is my order?", first reply 300 min, solved, resolution 3000 min, "Good with
              comment" (an earlier load had it open)
  Zendesk Z2  tags "order_1002 wismo", open, first reply 600 min, survey "Offered"
  Zendesk Z3  "Question about order #1003", opened 10 May, new
  Gorgias G1  "Order 1003 - change address", opened 7 May 09:00, first response 10:30, closed 8 May 09:00, score 3
  Gorgias G2  order field 1004, open          Gorgias G3  "Hello", no order          Gorgias G4  order field 9999
Expected, by hand:
  Z1  field #1001 → web:1001; WISMO (subject); late (P1a, not the on-time P1b): UPS/East; reply 5 h (within 8),
      resolution 50 h (over 48); rated and satisfied
  Z2  tag → web:1002; WISMO (tag); lost: FedEx/West; reply 10 h (over 8); open: resolution target not judged; rated no
  Z3  subject → web:1003, opened 10 May after the 8 May promise, undelivered: late; not WISMO
  G1  subject → web:1003, opened 7 May before the promise: on time; reply 1.5 h, resolution 24 h; rated 3, not satisfied
  G2  not shipped    G3  no linked order, no reference    G4  reference 9999, no such order: no linked order
"""
from __future__ import annotations

import datetime as dt

import pytest

from tests.warehouse.given import build_given

D = dt.date.fromisoformat
T = dt.datetime.fromisoformat


@pytest.fixture(scope="module")
def marts(tmp_path_factory):
    order = {"channel": "web", "ordered_at": T("2026-05-02 10:00"), "sku": "A", "quantity": 1, "unit_price": 10.0}
    zendesk = {"created_at": T("2026-05-08 09:00")}
    return build_given(tmp_path_factory.mktemp("fct_support_tickets"), {
        "raw_opsdesk_orders": [order | {"order_id": o} for o in ("1001", "1002", "1003", "1004")],
        "raw_opsdesk_shipments": [
            {"shipment_id": "P1a", "order_id": "1001", "carrier": "UPS", "warehouse": "East", "tracking_number": "T1A",
             "first_scan_at": T("2026-05-04 09:00"), "delivered_at": T("2026-05-07 12:00"),
             "promised_delivery_date": D("2026-05-06")},
            {"shipment_id": "P1b", "order_id": "1001", "carrier": "FedEx", "warehouse": "West",
             "tracking_number": "T1B",
             "first_scan_at": T("2026-05-03 09:00"), "delivered_at": T("2026-05-05 12:00"),
             "promised_delivery_date": D("2026-05-06")},
            {"shipment_id": "P2", "order_id": "1002", "carrier": "FedEx", "warehouse": "West", "tracking_number": "T2",
             "first_scan_at": T("2026-05-04 09:00"), "status": "lost"},
            {"shipment_id": "P3", "order_id": "1003", "carrier": "UPS", "warehouse": "East", "tracking_number": "T3",
             "first_scan_at": T("2026-05-05 09:00"), "promised_delivery_date": D("2026-05-08")}],
        "raw_zendesk_tickets": [
            zendesk | {"id": "Z1", "order_number": "#1001", "subject": "Where is my order?", "tags": "vip",
                       "status": "open", "_load_id": 1},
            zendesk | {"id": "Z1", "order_number": "#1001", "subject": "Where is my order?", "tags": "vip",
                       "status": "Solved", "solved_at": T("2026-05-10 11:00"), "first_reply_time_in_minutes": 300.0,
                       "full_resolution_time_in_minutes": 3000.0, "satisfaction_score": "Good with comment",
                       "_load_id": 2},
            zendesk | {"id": "Z2", "tags": "order_1002 wismo", "subject": "Help", "status": "open",
                       "first_reply_time_in_minutes": 600.0, "satisfaction_score": "Offered"},
            {"id": "Z3", "subject": "Question about order #1003", "created_at": T("2026-05-10 09:00"),
             "status": "new"}],
        "raw_gorgias_tickets": [
            {"id": "G1", "subject": "Order 1003 - change address", "status": "closed",
             "created_datetime": T("2026-05-07 09:00"), "first_response_datetime": T("2026-05-07 10:30"),
             "closed_datetime": T("2026-05-08 09:00"), "satisfaction_survey_score": 3.0},
            {"id": "G2", "order_number": "1004", "status": "open", "created_datetime": T("2026-05-07 09:00")},
            {"id": "G3", "subject": "Hello", "status": "open", "created_datetime": T("2026-05-07 09:00")},
            {"id": "G4", "order_number": "9999", "status": "open", "created_datetime": T("2026-05-07 09:00")}],
    })


def test_each_ticket_linked_to_its_order_and_the_delivery_behind_it(marts):
    assert marts("fct_support_tickets", "ticket_id, help_desk, order_ref, order_ref_source, order_id, has_order, "
                 "is_wismo, delivery_issue, is_late_or_lost, carrier, warehouse") == [
        ("gorgias:G1", "Gorgias", "1003", "subject", "web:1003", True, False, "on time", False, "UPS", "East"),
        ("gorgias:G2", "Gorgias", "1004", "field", "web:1004", True, False, "not shipped", False, None, None),
        ("gorgias:G3", "Gorgias", None, None, None, False, False, "no linked order", False, None, None),
        ("gorgias:G4", "Gorgias", "9999", "field", None, False, False, "no linked order", False, None, None),
        ("zendesk:Z1", "Zendesk", "#1001", "field", "web:1001", True, True, "late", True, "UPS", "East"),
        ("zendesk:Z2", "Zendesk", "1002", "tag", "web:1002", True, True, "lost", True, "FedEx", "West"),
        ("zendesk:Z3", "Zendesk", "1003", "subject", "web:1003", True, False, "late", True, "UPS", "East"),
    ]


def test_reply_and_resolution_against_the_targets_and_ratings(marts):
    assert marts("fct_support_tickets", "ticket_id, status, is_resolved, first_reply_hours, resolution_hours, "
                 "is_first_reply_within_target, is_resolved_within_target, is_rated, is_satisfied, rating_score",
                 "ticket_id IN ('gorgias:G1', 'zendesk:Z1', 'zendesk:Z2')") == [
        ("gorgias:G1", "closed", True, 1.5, 24.0, True, True, True, False, 3.0),
        ("zendesk:Z1", "solved", True, 5.0, 50.0, True, False, True, True, None),
        ("zendesk:Z2", "open", False, 10.0, None, False, None, False, None, None),
    ]
