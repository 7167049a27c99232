"""The Support page in a real browser: a deep link opened first after a server restart gets the frame and renders
every tab without an exception; the week choice follows into the URL and the orders behind it download as CSV;
at 1024×768 and 1440×900 nothing is cut off or past the window's edge and no "None" / "nan" / raw heading shows
(the glance check, with screenshots)."""
from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

from harness import REPO, download, glance_walk, no_exception, settle, visit_tabs

pytestmark = pytest.mark.browser
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
TABS = ["Contacts", "Where is my order", "Service times", "Satisfaction", "Orders behind a spike"]


def open_support(server, page, query: str = "period=all%20time") -> None:
    page.goto(f"{server.url}/support?{query}")
    settle(page)
    assert page.locator("h1").first.inner_text() == "Support"


def test_deep_link_after_restart_renders_every_tab(server, page):
    server.restart()
    open_support(server, page)
    assert page.locator('[data-testid="stSidebar"]').get_by_text("Period").count()  # the frame ran, not a bare page
    assert page.get_by_text("Contacts per 100 orders").first.is_visible()
    visit_tabs(page, TABS, SHOTS / "support.png")
    assert page.locator('[data-testid="stVegaLiteChart"]').first.is_visible()
    page.get_by_role("tab", name="Where is my order").click()
    settle(page)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / "support_wismo.png"), full_page=True)


@pytest.mark.parametrize("size", [(1024, 768), (1440, 900)])
def test_every_tab_reads_at_a_glance(server, browser, size):
    faults = glance_walk(browser, size, lambda page: open_support(server, page), TABS, "support")
    assert not faults, faults


def test_the_week_follows_into_the_url_and_its_orders_download(server, page):
    open_support(server, page)
    page.get_by_role("tab", name="Orders behind a spike").click()
    settle(page)
    panel = page.get_by_role("tabpanel", name="Orders behind a spike")
    panel.locator('[data-testid="stSelectbox"]').click()
    options = page.get_by_role("option")
    options.nth(1).click()
    settle(page)
    assert no_exception(page)
    week = parse_qs(urlparse(page.url).query).get("support_week", [""])[0]
    assert len(week) == 10
    d = download(page, panel.get_by_role("button", name="Download CSV", exact=False))
    assert d.suggested_filename == f"support_orders_week_{week.replace('-', '_')}.csv"
    rows = list(csv.DictReader(io.StringIO(open(d.path(), encoding="utf-8-sig").read())))
    assert rows and all(r["week_start"].startswith(week) for r in rows)
