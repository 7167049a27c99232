"""The Disputes page in a real browser: a deep link to a tab (opened first after a restart) renders every tab; the
list of disputes downloads as CSV; at 1024×768 and 1440×900 nothing is cut off and no "None" / "nan" / raw heading
shows (the glance check)."""
from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

from harness import REPO, download, glance_walk, settle, visit_tabs

pytestmark = pytest.mark.browser
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
TABS = ["By reason", "By channel", "By payment method", "Risk levels", "Disputes"]


def open_disputes(server, page, query: str = "period=all%20time") -> None:
    page.goto(f"{server.url}/disputes?{query}")
    settle(page)
    assert page.locator("h1").first.inner_text() == "Disputes & fraud risk"


def test_deep_link_to_a_tab_after_restart(server, page):
    server.restart()
    open_disputes(server, page, "period=all%20time&disputes_tab=Risk%20levels")
    query = parse_qs(urlparse(page.url).query)
    assert {"start", "end"} <= set(query) and query["disputes_tab"] == ["Risk levels"]
    assert page.get_by_role("tab", name="Risk levels").get_attribute("aria-selected") == "true"
    visit_tabs(page, TABS, SHOTS / "disputes.png")


def test_the_dispute_list_downloads(server, page):
    open_disputes(server, page)
    page.get_by_role("tab", name="Disputes").click()
    settle(page)
    panel = page.get_by_role("tabpanel", name="Disputes")
    d = download(page, panel.get_by_role("button", name="Download CSV", exact=False))
    assert d.suggested_filename == "disputes.csv"
    rows = list(csv.reader(io.StringIO(open(d.path(), encoding="utf-8-sig").read())))
    assert rows[0][:3] == ["opened_date", "dispute_id", "order"] and len(rows) > 5
    assert {r[rows[0].index("reason")] for r in rows[1:]} <= {"Fraudulent", "Product not received"}


@pytest.mark.parametrize("size", [(1024, 768), (1440, 900)])
def test_every_tab_reads_at_a_glance(server, browser, size):
    faults = glance_walk(browser, size, lambda page: open_disputes(server, page), TABS, "disputes")
    assert not faults, faults
