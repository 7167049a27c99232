"""The new user's trial of issue #9, automated: a fresh workspace is seeded the way `make notebooks` does it
(`python -m lib seed`, at the small scale), the app runs on it with the Returns page open in a real browser, the returns notebook runs
top to bottom on the same workspace as it ships (no parameter changed: it finds the workspace through
$OPSDESK_WORKSPACE, as it finds ./workspace in JupyterLab), and the numbers the browser shows on the page the
notebook links to are the notebook's. No lock error and no exception anywhere: notebook, page, server log."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from nbrun import REPO, assert_shows, execute, numbers_in

pytestmark = pytest.mark.browser
PROBLEMS = re.compile(r"Traceback|Exception|\block\b|locked|IO Error", re.IGNORECASE)


def tiles(page) -> dict[str, str]:
    """The page's metric tiles, once its four tiles are drawn (they appear after the run settles, lazily)."""
    page.locator('[data-testid="stMetricValue"]').nth(3).wait_for(timeout=60_000)
    out = {}
    for m in page.locator('[data-testid="stMetric"]').all():
        out[m.locator('[data-testid="stMetricLabel"]').inner_text().strip()] = \
            m.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return out


def test_returns_notebook_while_the_app_runs(tmp_path):
    from harness import CHROMIUM, CHROMIUM_ARGS, Server, no_exception, settle
    from playwright.sync_api import sync_playwright
    ws = tmp_path / "workspace"
    env = {**os.environ, "OPSDESK_WORKSPACE": str(ws)}
    # the committed small sample (--small): `make notebooks` seeds the realistic scale, ~35 s of CPU more, which
    # tests/test_seed.py and tests/scale cover; here the notebook and the page are what is tested
    seeded = subprocess.run([sys.executable, "-m", "lib", "seed", "--small"], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=600)
    assert seeded.returncode == 0 and "sample business loaded" in seeded.stdout, seeded.stdout + seeded.stderr
    server = Server(ws, tmp_path / "streamlit.log").start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(f"{server.url}/returns")  # the app is open on the Returns page (its default period)
            settle(page)
            assert page.locator("h1").first.inner_text() == "Returns" and no_exception(page)

            run = execute("03_returns.ipynb", workspace=ws)  # top to bottom, as shipped
            h = run.headline
            assert not PROBLEMS.search(run.text()), run.text()
            (link,) = numbers_in(run.text(), r"the same view in the app: <app address>(/returns\?\S+)")

            page.goto(server.url + link)  # the view the notebook names: same period and filters
            settle(page)
            assert no_exception(page)
            shown = tiles(page)
            for label, key in [("Unit return rate", "unit_return_rate"), ("Order return rate", "order_return_rate"),
                               ("Cost of returns", "refund_cost_amount"), ("Retained revenue rate", "retained_revenue_rate")]:
                assert_shows(label, shown[label], h[key])
            body = page.locator('[data-testid="stMain"]').inner_text()
            counts = numbers_in(body, r"([\d,.]+) of ([\d,.]+) units and ([\d,]+) of ([\d,]+) orders came back")
            for text, key in zip(counts, ["units_returned", "units_sold", "returned_orders", "orders"]):
                assert_shows(key, text, h[key])
            assert h["summary"].replace("**", "") in body  # the summary's first line, as rendered
            assert h["orders"] > 0 and h["units_returned"] > 0

            page.reload()  # the page still reads the workspace after the notebook's session
            settle(page)
            assert no_exception(page) and tiles(page) == shown
            browser.close()
    finally:
        server.stop()
    log = (tmp_path / "streamlit.log").read_text(errors="replace")
    assert not PROBLEMS.search(log), log
