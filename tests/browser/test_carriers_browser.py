"""The Carriers & 3PL page in a real browser: a deep link renders every tab without an exception, the page's own
filters narrow the scorecard, and the QBR workbook is built when its download button is clicked."""
from __future__ import annotations

import io

import pytest

from harness import REPO, download as download_button, settle, visit_tabs

pytestmark = pytest.mark.browser
SHOTS = REPO / "tests" / "artifacts" / "screenshots"


def open_carriers(server, page) -> None:
    page.goto(f"{server.url}/carriers?period=all%20time")
    settle(page, timeout=60_000)
    assert page.locator("h1").first.inner_text() == "Carriers & 3PL"


def test_every_tab_renders_and_a_zone_filter_narrows_the_scorecard(server, page):
    open_carriers(server, page)
    visit_tabs(page, ["Scorecard", "Trend", "3PL ship SLA", "Rate shopping", "Dimensional weight", "QBR export"],
               SHOTS / "carriers.png", pause_ms=300)
    assert page.locator('[data-testid="stVegaLiteChart"]').first.is_visible()
    zone = page.locator('[data-testid="stMain"] [data-testid="stMultiSelect"]').first
    zone.click()
    page.locator('[role="option"]').filter(has_not_text="Select all").first.click()
    page.keyboard.press("Escape")
    settle(page, timeout=60_000)
    assert not page.locator('[data-testid="stException"]').count()


def test_the_qbr_workbook_is_built_on_click(server, page):
    from openpyxl import load_workbook
    open_carriers(server, page)
    page.get_by_role("tab", name="QBR export").click()
    settle(page)  # the tab is bound to the URL: switching it reruns the page
    download = download_button(page, page.get_by_role("button", name="Build and download the QBR workbook (Excel)"),
                               attempt=120_000)  # the workbook is built on the click
    assert download.suggested_filename.startswith("qbr_carrier_") and download.suggested_filename.endswith(".xlsx")
    wb = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    assert wb.sheetnames == ["Scorecard", "Weekly trend", "Worst lanes", "Exceptions"]
    assert len(wb["Weekly trend"]._charts) == 1 and wb["Scorecard"].freeze_panes == "B5"
