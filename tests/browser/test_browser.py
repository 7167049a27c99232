"""The app in a real browser: deep links after a restart, uploads, shareable links, and a screenshot of every page
(tests/artifacts/screenshots/, copied to docs/screenshots/ for the README)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from harness import READY, REPO, full_screenshot

pytestmark = pytest.mark.browser
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
DOCS_SHOTS = REPO / "docs" / "screenshots"
PAGES = {"overview": "Overview", "upload": "Upload", "data_health": "Data health", "settings": "Settings",
         "explorer": "SQL explorer"}


def page_url(server, noun: str, query: str = "") -> str:
    import app
    return f"{server.url}/{'' if noun == app.DEFAULT_PAGE else noun}" + (f"?{query}" if query else "")


def settle(page, timeout: float = 30_000) -> None:
    """Wait until the app is connected, no script run is in progress (after giving a rerun time to start) and the
    lazily loaded elements (code blocks, page links, tables) have replaced their skeletons."""
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)


def open_url(page, url: str) -> None:
    page.goto(url)
    settle(page)


def sidebar_link(page) -> str:
    return page.locator('[data-testid="stSidebar"] [data-testid="stCode"] code').inner_text().strip()


def metric_values(page) -> list[str]:
    return page.locator('[data-testid="stMetricValue"]').all_inner_texts()


def test_a_deep_link_is_the_first_request_after_a_restart(server, page):
    server.restart()
    open_url(page, f"{server.url}/data_health?period=all%20time")
    assert page.locator("h1").first.inner_text() == "Data health"
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.is_visible() and "Upload" in nav.inner_text() and "SQL explorer" in nav.inner_text()
    query = parse_qs(urlparse(page.url).query)
    assert query["period"] == ["all time"] and query["start"] and query["end"]
    assert not page.locator('[data-testid="stException"]').count()


def test_an_upload_through_the_page_shows_its_report(server, page, tmp_path):
    csv = tmp_path / "promotions_q3.csv"
    csv.write_text("name,start_date,end_date,event_type\nBack to school,2026-08-01,2026-08-20,promotion\n"
                   "=HYPERLINK(1),someday,2026-09-01,promotion\n")
    open_url(page, page_url(server, "upload"))
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(csv))
    page.get_by_role("button", name="Load 1 file(s)").click()
    page.get_by_text("1 row(s) loaded, 1 quarantined").first.wait_for(timeout=30_000)
    settle(page)
    assert page.get_by_text("promotions_q3.csv").first.is_visible()
    assert "Rows quarantined" in page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download all 1 quarantined rows (CSV)").click()
    rows = Path(download.value.path()).read_text()
    assert rows.startswith("row,column,reason,value") and "someday" in rows


def test_the_copied_link_reopens_the_same_view(server, browser, page):
    open_url(page, page_url(server, "overview", "period=last%2012%20months"))
    chosen, name = "amazon", "Amazon"  # a channel of the sample: its code in the URL, its name on the page
    channel = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    channel.scroll_into_view_if_needed()
    channel.locator("input").click()
    page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(f"channels={chosen}"), timeout=30_000)  # the rerun wrote it to the URL
    settle(page)
    link = sidebar_link(page)
    assert parse_qs(urlparse(link).query)["channels"] == [chosen]
    numbers = metric_values(page)
    fresh = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
    open_url(fresh, link)
    assert fresh.locator("h1").first.inner_text() == "Overview"
    assert sidebar_link(fresh) == link
    chips = fresh.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.inner_text()
    assert name in chips and chosen not in chips
    period = fresh.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first.input_value()
    assert period == "last 12 months"
    assert metric_values(fresh) == numbers and len(numbers) == 4
    fresh.context.close()


@pytest.mark.parametrize("noun", list(PAGES))
def test_screenshot_of_every_page(server, page, noun):
    open_url(page, page_url(server, noun, "period=last%2012%20months"))
    assert page.locator("h1").first.inner_text() == PAGES[noun]
    assert not page.locator('[data-testid="stException"]').count()
    if noun == "explorer":  # show a result, as an analyst would see it
        page.get_by_role("button", name="Run").click()
        page.get_by_role("heading", name="Result").wait_for()
        settle(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / f"{noun}.png"
    full_screenshot(page, shot)
    shutil.copyfile(shot, DOCS_SHOTS / shot.name)
