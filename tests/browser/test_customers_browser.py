"""The Customers page in a real browser: a deep link with the page's own controls (opened first after a restart)
shows them and renders every tab; changing a control writes it back to the URL; the cohort table downloads as CSV;
at 1024×768 and 1440×900 nothing is cut off and no "None" / "nan" / raw heading shows (the glance check)."""
from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

from harness import REPO, download, glance_walk, no_exception, settle, visit_tabs

pytestmark = pytest.mark.browser
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
TABS = ["New vs returning", "Cohorts", "By first order", "Time to second order", "Identification"]


def open_customers(server, page, query: str = "period=all%20time") -> None:
    page.goto(f"{server.url}/customers?{query}")
    settle(page)
    assert page.locator("h1").first.inner_text() == "Customers & repeat purchase"


def test_deep_link_with_the_page_controls_after_restart(server, page):
    server.restart()
    open_customers(server, page, "period=all%20time&customers_window=30%20days&customers_split=First%20delivery")
    query = parse_qs(urlparse(page.url).query)
    assert {"start", "end"} <= set(query)  # the frame ran (its shared filters wrote their dates), not a bare page
    assert query["customers_window"] == ["30 days"] and query["customers_split"] == ["First delivery"]
    assert page.get_by_text("Repeat-purchase rate (30 days)").is_visible()
    visit_tabs(page, TABS, SHOTS / "customers.png")
    page.get_by_role("tab", name="By first order").click()
    settle(page)
    split = page.get_by_role("tabpanel", name="By first order").locator('[data-testid="stSelectbox"]').filter(
        has_text="Split by")
    # the split from the link, read from the control itself (not a hidden sentence that mentions first deliveries)
    assert split.locator("input").first.input_value() == "First delivery"
    page.get_by_text("365 days", exact=True).click()  # the window control
    settle(page)
    assert parse_qs(urlparse(page.url).query)["customers_window"] == ["365 days"]
    assert page.get_by_text("Repeat-purchase rate (365 days)").is_visible() and no_exception(page)


def test_the_cohort_table_downloads(server, page):
    open_customers(server, page)
    page.get_by_role("tab", name="Cohorts").click()
    settle(page)
    panel = page.get_by_role("tabpanel", name="Cohorts")
    d = download(page, panel.get_by_role("button", name="Download CSV", exact=False))
    assert d.suggested_filename == "repeat_purchase_cohorts.csv"
    rows = list(csv.reader(io.StringIO(open(d.path(), encoding="utf-8-sig").read())))
    assert rows[0] == ["cohort_month", "customers", "within_30_days_rate", "within_60_days_rate",
                       "within_90_days_rate", "within_365_days_rate"]
    assert len(rows) > 12 and rows[-1][-1] == ""  # the youngest cohort: blank, not 0


@pytest.mark.parametrize("size", [(1024, 768), (1440, 900)])
def test_every_tab_reads_at_a_glance(server, browser, size):
    faults = glance_walk(browser, size, lambda page: open_customers(server, page), TABS, "customers")
    assert not faults, faults
