"""A link reopens the same view, in a real browser: a tab clicked and a form submitted are written into the URL
(bound widgets), and opening that URL in a new tab shows the same tab and the same inputs."""
from __future__ import annotations

import pytest

from harness import settle

pytestmark = pytest.mark.browser


def test_data_health_tab_and_capacity_inputs_travel_in_the_link(server, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(f"{server.url}/data_health")
    settle(page)
    page.get_by_role("tab", name="Orders without a shipment").click()
    settle(page)
    assert "data_health_tab=Orders" in page.url
    again = context.new_page()
    again.goto(page.url)
    settle(again)
    assert again.get_by_role("tab", name="Orders without a shipment").get_attribute("aria-selected") == "true"

    page.goto(f"{server.url}/capacity")
    settle(page)
    growth = page.get_by_label("Volume growth vs that period (%)")
    growth.fill("25")
    page.get_by_role("button", name="Plan").click()
    settle(page)
    assert "capacity_growth=25" in page.url
    again.goto(page.url)
    settle(again)
    assert again.get_by_label("Volume growth vs that period (%)").input_value() == "25"
    assert "+25 %" in again.locator('[data-testid="stMain"]').inner_text()  # the plan itself used it
    context.close()
