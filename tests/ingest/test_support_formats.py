"""Help desk exports (Zendesk CSV export, Gorgias tickets) are detected by their header, both ways: each is read as
itself in its documented variants, never steals another format's file, is never taken for a template, and a
near-miss (a ticket list without the help desk's own columns) is refused rather than guessed.

Zendesk headers: Admin Center → Account → Tools → Reports → CSV export, column list of Zendesk's help article
"Exporting ticket, user, or organization data from your account" (4408886165402), and the Explore tickets report
variant (ID, no Requester / Subject). Gorgias: the documented Ticket object flattened (see docs/support.md).
"""
from __future__ import annotations

import pytest

from lib.ingest import ingest_files
from lib.ingest.formats import BY_NAME, FORMATS, TEMPLATES
from lib.ingest.reader import match_header

from . import fixtures as F
from .test_detection import OTHERS

ZENDESK_CSV = ["Summation column", "Id", "Requester", "Requester id", "Requester external id", "Requester email",
               "Requester domain", "Submitter", "Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Via",
               "Ticket type", "Created at", "Updated at", "Assigned at", "Organization", "Due date",
               "Initially assigned at", "Solved at", "Resolution time", "Satisfaction Score", "Group stations",
               "Assignee stations", "Reopens", "Replies", "First reply time in minutes",
               "First reply time in minutes within business hours", "First resolution time in minutes",
               "First resolution time in minutes within business hours", "Full resolution time in minutes",
               "Full resolution time in minutes within business hours", "Agent wait time in minutes",
               "Agent wait time in minutes within business hours", "Requester wait time in minutes",
               "Requester wait time in minutes within business hours", "On hold time in minutes",
               "On hold time in minutes within business hours", "Ticket Category [list]", "Order number [txt]"]
ZENDESK_EXPLORE = ["ID", "Status", "Priority", "Via", "Ticket type", "Created at", "Updated at", "Solved at", "Assignee",
                   "Group", "Tags", "Satisfaction Score", "First reply time in minutes",
                   "First reply time in minutes within business hours", "First resolution time in minutes",
                   "Full resolution time in minutes within business hours",
                   "Requester wait time in minutes within business hours", "Reopens", "Replies", "Assignee stations",
                   "Group stations"]
GORGIAS = ["id", "external_id", "subject", "status", "channel", "via", "tags", "customer.email", "customer.name",
           "assignee_user.email", "assignee_team.name", "language", "created_datetime", "opened_datetime",
           "last_received_message_datetime", "last_message_datetime", "updated_datetime", "closed_datetime",
           "snooze_datetime", "satisfaction_survey.score"]
# near misses: a generic ticket list, and Zendesk's columns without its own (Via, Satisfaction Score, reply times)
GENERIC_TICKETS = ["Ticket ID", "Created At", "Subject", "Status", "Assignee", "Tags"]
ZENDESK_NEAR_MISS = ["Id", "Requester", "Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Created at",
                     "Updated at", "Solved at"]


@pytest.mark.parametrize("header,name", [(ZENDESK_CSV, "zendesk_tickets"), (ZENDESK_EXPLORE, "zendesk_tickets"),
                                         (GORGIAS, "gorgias_tickets")], ids=["zendesk csv", "zendesk explore", "gorgias"])
def test_help_desk_exports_are_read_as_themselves(header, name):
    m = match_header(header)
    assert m.spec is BY_NAME[name] and m.complete


@pytest.mark.parametrize("header", [GENERIC_TICKETS, ZENDESK_NEAR_MISS], ids=["generic", "zendesk near miss"])
def test_near_misses_are_refused_not_guessed(tmp_path, empty_ws, header):
    m = match_header(header)
    assert m is None or not m.complete
    path = F.write_rows(tmp_path / "tickets.csv", header, [dict(zip(header, ["1"] * len(header)))])
    r = ingest_files(empty_ws, [path])[0]
    assert r.status == "refused" and r.format is None


@pytest.mark.parametrize("other", sorted(OTHERS))
def test_help_desk_formats_never_steal_another_report(other):
    m = match_header(OTHERS[other])
    assert m is None or m.spec.entity != "tickets" or not m.complete


def test_other_formats_headers_still_match_themselves():
    for header, name in ((F.SHOPIFY_79, "shopify_orders"), (F.AMAZON_ALL_ORDERS, "amazon_orders"),
                         (F.WALMART, "walmart_orders"), (F.EBAY_US, "ebay_orders"), (F.SHIPSTATION, "shipstation_shipments")):
        assert match_header(list(header)).spec is BY_NAME[name]
    for spec in TEMPLATES:
        assert match_header([c.name for c in spec.columns]).spec is spec


@pytest.mark.parametrize("header", [ZENDESK_CSV, GORGIAS], ids=["zendesk", "gorgias"])
def test_help_desk_files_are_never_loaded_as_a_template(header):
    for spec in FORMATS:
        if spec.is_template:
            from lib.ingest.reader import template_weakness
            names = {c.name for c in spec.columns if c.required}
            lowered = {h.strip().lower() for h in header}
            assert not names <= lowered or template_weakness(spec, header), spec.name
    assert not match_header(header).spec.is_template
