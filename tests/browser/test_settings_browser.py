"""The Settings page in a real browser: at 1024×768 and 1440×900 every settings table reads at a glance (no "None",
no snake_case heading, nothing cut off; screenshots saved), and no table cell holds a setting's code; every unit is named."""
from __future__ import annotations

import re

import pytest

from harness import glance_walk, settle

pytestmark = pytest.mark.browser


def open_settings(server, page) -> None:
    page.goto(f"{server.url}/settings")
    settle(page)
    assert page.locator("h1").first.inner_text() == "Settings"


@pytest.mark.parametrize("size", [(1024, 768), (1440, 900)])
def test_settings_read_at_a_glance(server, browser, size):
    faults = glance_walk(browser, size, lambda page: open_settings(server, page), [("Settings", lambda page: None)],
                         "settings")
    assert not faults, faults


def test_no_code_in_the_tables_and_units_named(server, page):
    open_settings(server, page)
    page.wait_for_timeout(800)
    cells = [t.strip() for t in page.locator('[data-testid="stMain"] [role="gridcell"]').all_inner_texts()]
    assert len(cells) > 100  # every table drew (glide's accessible table holds its cells)
    # (a cell here is the raw value: the grid draws its format on a canvas, looked at in the screenshots)
    assert not [c for c in cells if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", c)]  # cost_per_order, limits.max_file_mb
    text = page.locator('[data-testid="stMain"]').inner_text()
    for unit in ("(hour of day, store time)", "(business days)", "(MB)", "(days of supply)", "(% of revenue)", "(USD)"):
        assert unit in text or unit in " ".join(cells), unit
