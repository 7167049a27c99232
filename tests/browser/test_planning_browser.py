"""Planning pages in a real browser: the forecast page shows a chart, its backtest accuracy and a replenishment
table; the peak capacity page shows headcount and the days whose ship SLA is at risk for the sample's Black Friday."""
from __future__ import annotations

import pytest

from harness import REPO, no_exception, settle

pytestmark = pytest.mark.browser
SHOTS = REPO / "tests" / "artifacts" / "screenshots"


def test_forecast_page_shows_chart_accuracy_and_replenishment(server, page):
    page.goto(f"{server.url}/forecast?period=all%20time")
    settle(page, timeout=180_000)
    assert page.locator("h1").first.inner_text() == "Forecast & replenishment"
    assert page.locator('[data-testid="stSidebar"]').get_by_text("Period").count()  # the frame ran
    assert page.get_by_text("Forecast error").first.is_visible()  # in plain words (issue #17 item 8)
    assert page.get_by_text("Repeating last year").first.is_visible()
    page.wait_for_timeout(800)
    assert page.locator('[data-testid="stVegaLiteChart"]').first.is_visible()
    assert no_exception(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "forecast.png"), full_page=True)
    page.get_by_role("tab", name="Replenishment").click()
    page.wait_for_timeout(800)
    panel = page.get_by_role("tabpanel", name="Replenishment")
    assert panel.locator('[data-testid="stDataFrame"]').first.is_visible()
    assert no_exception(page)


def test_capacity_page_shows_headcount_and_at_risk_days(server, page):
    page.goto(f"{server.url}/capacity")
    settle(page, timeout=180_000)
    assert page.locator("h1").first.inner_text() == "Peak capacity"
    page.get_by_text("Peak headcount").first.wait_for(timeout=180_000)  # planned after the forecast of the window
    settle(page, timeout=180_000)
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    assert any("Peak headcount" in m for m in metrics)
    at_risk = [m for m in metrics if "SLA at risk" in m]
    assert at_risk and at_risk[0].split("\n")[-1].strip().isdigit()
    page.wait_for_timeout(800)
    assert page.locator('[data-testid="stVegaLiteChart"]').first.is_visible()
    assert no_exception(page)
    page.screenshot(path=str(SHOTS / "capacity.png"), full_page=True)
