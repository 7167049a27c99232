"""The Cross-border costs page in a real browser, on the sample with a duties file for three orders: the deep link
renders without an exception, the orders table downloads as CSV, screenshots at 1024×768 and 1440×900 (looked at)."""
from __future__ import annotations

import csv
import io
import shutil
import sys
from pathlib import Path

import pytest

from harness import REPO, Server, download, no_exception, settle

sys.path.insert(0, str(REPO / "tests" / "ui"))
from test_cross_border_page import load_duties  # noqa: E402

pytestmark = pytest.mark.browser
SHOTS = REPO / "tests" / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def server(app_ws_master, tmp_path_factory):
    from lib.workspace import Workspace
    root = tmp_path_factory.mktemp("browser_cb")
    shutil.copytree(app_ws_master.root, root / "ws", ignore=shutil.ignore_patterns(".write.lock"))
    load_duties(Workspace.open(root / "ws"), root)
    srv = Server(root / "ws", root / "streamlit.log").start()
    yield srv
    srv.stop()


def open_page(server, page) -> None:
    page.goto(f"{server.url}/cross_border?period=all%20time")
    settle(page)
    assert page.locator("h1").first.inner_text() == "Cross-border costs"


@pytest.mark.parametrize("width,height", [(1024, 768), (1440, 900)])
def test_renders_and_screenshots(server, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(server, page)
    assert no_exception(page)
    page.get_by_text("$35.00").first.wait_for(state="visible")
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(state="visible")
    page.wait_for_timeout(1500)  # charts and tables draw after the script run
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"cross_border_{width}x{height}.png"))
    tiles = page.locator('[data-testid="stMetric"]')
    assert tiles.count() == 3
    for i in range(3):
        box = tiles.nth(i).bounding_box()
        assert box and box["x"] + box["width"] <= width + 1
    assert page.get_by_text("$35.00").first.is_visible()


def test_the_orders_download(server, page):
    open_page(server, page)
    buttons = page.get_by_role("button", name="Download CSV", exact=False)
    d = download(page, buttons.nth(1))
    assert d.suggested_filename == "cross_border_orders.csv"
    rows = list(csv.DictReader(io.StringIO(Path(d.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) == 3 and sum(float(r["border_cost_reporting_amount"]) for r in rows) == pytest.approx(35.0)
