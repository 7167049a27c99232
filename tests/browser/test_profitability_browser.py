"""The Profitability page in a real browser: a deep link opened first after a server restart gets the frame (sidebar
filters) and renders every tab without an exception; the margin ranking downloads as CSV, worst pairs last."""
from __future__ import annotations

import csv
import io

import pytest

from harness import REPO, download, settle, visit_tabs

pytestmark = pytest.mark.browser
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
TABS = ["Waterfall", "Ranking", "Rationalisation", "Fulfillment paths", "Landed cost", "Reconciliation"]


def open_profitability(server, page, query: str = "period=all%20time") -> None:
    page.goto(f"{server.url}/profitability?{query}")
    settle(page)
    assert page.locator("h1").first.inner_text() == "Profitability"


def test_deep_link_after_restart_renders_every_tab(server, page):
    server.restart()
    open_profitability(server, page)
    assert page.locator('[data-testid="stSidebar"]').get_by_text("Period").count()  # the frame ran, not a bare page
    assert page.get_by_text("Contribution margin %").first.is_visible()
    visit_tabs(page, TABS, SHOTS / "profitability.png")
    assert page.locator('[data-testid="stVegaLiteChart"]').first.is_visible()


def test_the_ranking_downloads_worst_last(server, page):
    open_profitability(server, page)
    page.get_by_role("tab", name="Ranking").click()
    settle(page)  # the tab is bound to the URL: switching it reruns the page
    panel = page.get_by_role("tabpanel", name="Ranking")
    assert "Money-losers first" in panel.inner_text()  # the default view puts the losers on top
    panel.get_by_text("Best first", exact=True).click()
    settle(page)
    d = download(page, panel.get_by_role("button", name="Download CSV", exact=False))
    assert d.suggested_filename == "profitability_ranking.csv"
    rows = list(csv.reader(io.StringIO(open(d.path(), encoding="utf-8-sig").read())))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Rank", "SKU", "Product"] and "Contribution margin" in header
    margins = [float(r[header.index("Contribution margin")]) for r in body]
    assert margins == sorted(margins, reverse=True)
