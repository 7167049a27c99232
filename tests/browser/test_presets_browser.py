"""Mapping presets in a real browser: a ChannelAdvisor export uploaded, its preset chosen in the mapping step and
the file loaded with it, at 1024×768 and 1440×900 — nothing cut off or past the window's edge, no "None" / "nan"
(the glance check), screenshots of the flow in tests/artifacts/screenshots/upload_preset_*."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from harness import no_exception, settle, glance_walk

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_presets import CA_HEADER, CA_ROWS  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [(1024, 768), (1440, 900)])
def test_the_preset_flow_reads_at_a_glance(server, browser, size, tmp_path):
    export = tmp_path / "channeladvisor_orders.csv"  # order numbers of this size's own: not a file already loaded
    export.write_text(CA_HEADER + "\n" + "".join(f"{size[0]}-{row}\n" for row in CA_ROWS))

    def open_upload(page):
        page.goto(f"{server.url}/upload")
        settle(page)
        page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(export))
        page.get_by_role("button", name="Load 1 file(s)").click()
        page.get_by_text("Mapping preset").first.wait_for(timeout=60_000)
        settle(page)

    def choose(page):
        picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Mapping preset").first
        picker.scroll_into_view_if_needed()
        picker.click()
        page.get_by_role("option", name="ChannelAdvisor (Rithum) orders", exact=False).click()
        page.get_by_text("Rows go to the").first.wait_for(timeout=30_000)
        settle(page)
        assert no_exception(page)
        assert page.get_by_text("SiteOrderID", exact=True).count() or page.locator('[data-testid="stDataFrame"]').count()

    def load(page):
        page.get_by_role("button", name="Load with this preset").click()
        page.get_by_text(f"{len(CA_ROWS)} row(s) loaded").first.wait_for(timeout=60_000)
        settle(page)
        assert no_exception(page)
        assert page.get_by_text("mapped with the preset", exact=False).first.is_visible()

    faults = glance_walk(browser, size, open_upload, [("preset chosen", choose), ("loaded", load)], "upload_preset")
    assert not faults, faults
