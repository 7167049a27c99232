"""The Returns page in a real browser: a deep link opened first after a server restart gets the frame (sidebar
filters) and renders every tab without an exception; a finding's drill-down link narrows the shared filters; the
outlier table downloads as CSV."""
from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

from harness import REPO, download, no_exception, settle, visit_tabs

pytestmark = pytest.mark.browser
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
TABS = ["Trend", "Cohort maturity", "Reasons", "Comments", "Outliers", "Warehouses & carriers", "Cost"]


def open_returns(server, page, query: str = "period=all%20time") -> None:
    page.goto(f"{server.url}/returns?{query}")
    settle(page)
    assert page.locator("h1").first.inner_text() == "Returns"


def test_deep_link_after_restart_renders_every_tab(server, page):
    server.restart()
    open_returns(server, page)
    assert page.locator('[data-testid="stSidebar"]').get_by_text("Period").count()  # the frame ran, not a bare page
    assert page.get_by_text("What explains the returns").is_visible()
    visit_tabs(page, TABS, SHOTS / "returns.png")
    assert page.locator('[data-testid="stVegaLiteChart"]').first.is_visible()


def test_a_finding_drills_down(server, page):
    open_returns(server, page)
    link = page.get_by_role("link", name="Drill down", exact=False).first
    if not link.count():
        pytest.skip("the summary has no finding on this sample")
    href = link.get_attribute("href")
    query = parse_qs(urlparse(href).query)
    assert {"categories", "warehouses", "carriers"} & set(query)
    page.goto(href)
    settle(page)
    assert no_exception(page)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    narrowed = {k: v[0] for k, v in query.items() if k in ("categories", "warehouses", "carriers")}
    assert all(x in sidebar for v in narrowed.values() for x in v.split(","))  # the multiselects hold them
    assert all(parse_qs(urlparse(page.url).query)[k] == [v] for k, v in narrowed.items())


def test_the_outlier_table_downloads(server, page):
    open_returns(server, page)
    page.get_by_role("tab", name="Outliers").click()
    settle(page)  # the tab is bound to the URL: switching it reruns the page
    panel = page.get_by_role("tabpanel", name="Outliers")
    panel.get_by_text("Family", exact=True).click()  # families: the small test sample has no SKU with 30 units out
    settle(page)
    d = download(page, panel.get_by_role("button", name="Download CSV", exact=False))
    assert d.suggested_filename == "return_outliers_family.csv"
    rows = list(csv.reader(io.StringIO(open(d.path(), encoding="utf-8-sig").read())))
    assert rows[0][:2] == ["family", "category"] and "wilson_low" in rows[0] and len(rows) > 1
