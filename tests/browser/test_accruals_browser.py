"""The Month-end accruals page in a real browser: a deep link to a month (opened first after a restart) shows that
month and renders every tab; the workbook downloads and opens with its four sheets; at 1024×768 and 1440×900 nothing
is cut off and no "None" / "nan" / raw heading shows (the glance check)."""
from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import pytest

from harness import REPO, download, glance_walk, settle, visit_tabs

pytestmark = pytest.mark.browser
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
TABS = ["Summary", "Carrier labels", "3PL fulfillment", "POs not costed"]


def open_accruals(server, page, query: str = "period=all%20time") -> None:
    page.goto(f"{server.url}/accruals?{query}")
    settle(page)
    assert page.locator("h1").first.inner_text() == "Month-end accruals"


def test_deep_link_to_a_month_after_restart_and_the_workbook(server, page):
    server.restart()
    open_accruals(server, page, "period=all%20time&accruals_month=2026-06")
    assert parse_qs(urlparse(page.url).query)["accruals_month"] == ["2026-06"]
    assert page.get_by_text("01 Jun 2026 – 30 Jun 2026", exact=False).is_visible()
    visit_tabs(page, TABS, SHOTS / "accruals.png")
    settle(page)  # the tabs are bound to the URL: going back to the first one reruns the page
    d = download(page, page.get_by_role("button", name="Download the accruals workbook", exact=False))
    assert d.suggested_filename == "accruals_2026-06.xlsx"
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(open(d.path(), "rb").read()))  # the download has no extension
    assert wb.sheetnames == ["Summary", "Carrier labels", "3PL fulfillment", "POs not costed"]
    assert wb["Summary"].max_row > 2


@pytest.mark.parametrize("size", [(1024, 768), (1440, 900)])
def test_every_tab_reads_at_a_glance(server, browser, size):
    faults = glance_walk(browser, size, lambda page: open_accruals(server, page), TABS, "accruals")
    assert not faults, faults
