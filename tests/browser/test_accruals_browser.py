"""The Month-end accruals page in a real browser: a deep link to a month (opened first after a restart) shows that
month and renders every tab; the workbook downloads and opens with its four sheets; at 1024×768 and 1440×900 nothing
is cut off and no "None" / "nan" / raw heading shows (the glance check)."""
from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import pytest

from harness import REPO, download, glance, settle, visit_tabs

pytestmark = pytest.mark.browser
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
CHECK = (REPO / "tests" / "browser" / "glance_check.js").read_text()
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


@pytest.mark.parametrize("width, height", [(1024, 768), (1440, 900)])
def test_every_tab_reads_at_a_glance(server, browser, width, height):
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    open_accruals(server, page)
    faults = []
    for name in TABS:
        page.get_by_role("tab", name=name).click()
        settle(page)
        page.wait_for_timeout(600)
        found = glance(page, CHECK)
        bad = {k: v for k, v in found.items() if v and k != "cells"}
        cells = [c for c in found.get("cells", []) if c in ("None", "nan", "NaT", "NaN", "<NA>")]
        if bad or cells:
            faults.append((name, bad, cells))
            continue
        tall = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        page.set_viewport_size({"width": width, "height": min(max(int(tall) + 40, height), 6000)})  # the whole tab
        page.wait_for_timeout(800)
        page.screenshot(path=str(SHOTS / f"accruals_{name.lower().replace(' ', '_')}_{width}.png"))
        page.set_viewport_size({"width": width, "height": height})
    page.context.close()
    assert not faults, faults
