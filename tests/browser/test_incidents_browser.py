"""The Incidents page in a real browser: a deep link to a warehouse's window (opened first after a restart) shows
that scope; the list for customer service downloads; at 1024×768 and 1440×900 nothing is cut off and no "None" /
"nan" / raw heading shows (the glance check)."""
from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

from harness import REPO, download, glance, no_exception, settle

pytestmark = pytest.mark.browser
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
CHECK = (REPO / "tests" / "browser" / "glance_check.js").read_text()
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


@pytest.mark.parametrize("width, height", [(1024, 768), (1440, 900)])
def test_the_page_reads_at_a_glance(server, browser, width, height):
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    faults = []
    for name, query in (("carrier", PEAK), ("warehouse", PEAK + "&incidents_kind=Warehouse")):
        open_incidents(server, page, query)
        page.wait_for_timeout(600)
        found = glance(page, CHECK)
        bad = {k: v for k, v in found.items() if v and k != "cells"}
        cells = [c for c in found.get("cells", []) if c in ("None", "nan", "NaT", "NaN", "<NA>")]
        if bad or cells:
            faults.append((name, bad, cells))
            continue
        tall = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        page.set_viewport_size({"width": width, "height": min(max(int(tall) + 40, height), 6000)})
        page.wait_for_timeout(800)
        page.screenshot(path=str(SHOTS / f"incidents_{name}_{width}.png"))
        page.set_viewport_size({"width": width, "height": height})
    page.context.close()
    assert not faults, faults
