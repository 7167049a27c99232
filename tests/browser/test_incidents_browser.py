"""The Incidents page in a real browser: a deep link to a warehouse's window (opened first after a restart) shows
that scope; the list for customer service downloads; at 1024×768 and 1440×900 nothing is cut off and no "None" /
"nan" / raw heading shows (the glance check)."""
from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

from harness import download, glance_walk, no_exception, settle

pytestmark = pytest.mark.browser
PEAK = "period=custom&start=2025-11-20&end=2025-12-10"


def open_incidents(server, page, query: str = PEAK) -> None:
    page.goto(f"{server.url}/incidents?{query}")
    settle(page)
    assert page.locator("h1").first.inner_text() == "Incidents"


def test_deep_link_to_a_warehouse_after_restart_and_the_list(server, page):
    server.restart()
    open_incidents(server, page, PEAK + "&incidents_kind=Warehouse&incidents_warehouse=3PL-Central")
    query = parse_qs(urlparse(page.url).query)
    assert query["incidents_kind"] == ["Warehouse"] and query["incidents_warehouse"] == ["3PL-Central"]
    assert query["start"] == ["2025-11-20"] and no_exception(page)
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30_000)  # the backlog chart draws
    page.locator('[data-testid="stMain"]').get_by_text("Carrier", exact=True).first.click()  # the scope control
    settle(page)
    assert parse_qs(urlparse(page.url).query).get("incidents_kind", ["Carrier"]) == ["Carrier"]  # the default leaves the URL
    button = page.get_by_role("button", name="Download CSV", exact=False).last
    d = download(page, button)
    rows = list(csv.reader(io.StringIO(open(d.path(), encoding="utf-8-sig").read())))
    assert d.suggested_filename.startswith("incident_orders_carrier_") and rows[0][:3] == ["order", "status", "promise_at_risk"]


@pytest.mark.parametrize("size", [(1024, 768), (1440, 900)])
def test_the_page_reads_at_a_glance(server, browser, size):
    views = [(name, lambda page, query=query: open_incidents(server, page, query))
             for name, query in (("carrier", PEAK), ("warehouse", PEAK + "&incidents_kind=Warehouse"))]
    faults = glance_walk(browser, size, lambda page: None, views, "incidents")
    assert not faults, faults
