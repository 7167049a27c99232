"""The browser tests' harness: a real Streamlit server in a subprocess, and how to launch Debian's chromium
(never `playwright install`)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
READY = ('[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
         '[data-test-script-state="notRunning"]')
# something the script drew: a freshly opened page is connected and "not running" for a moment before its first run
DRAWN = '[data-testid="stMain"] [data-testid="stElementContainer"]'


class Server:
    """`streamlit run app.py` on a free port against one workspace; `restart()` starts a fresh process."""

    def __init__(self, workspace: Path, log: Path):
        self.workspace, self.log, self.proc = workspace, log, None
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> "Server":
        env = {**os.environ, "OPSDESK_WORKSPACE": str(self.workspace)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
             "--server.headless", "true", "--server.address", "127.0.0.1"],
            cwd=REPO, env=env, stdout=open(self.log, "ab"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"streamlit did not start; see {self.log}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def restart(self) -> "Server":
        self.stop()
        return self.start()


def settle(page, timeout: float = 120_000) -> None:
    """Give a rerun time to start, then wait until the app is connected and no script run is in progress; look once
    more a moment later (on a loaded machine a rerun can start after the first look, which then saw the old page).
    A page just opened must also have drawn something: before its first run starts it already looks idle."""
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_selector(DRAWN, timeout=timeout)
    page.wait_for_timeout(250)
    page.wait_for_selector(READY, timeout=timeout)


def glance(page, check: str) -> dict:
    """The glance check's findings (glance_check.js), confirmed: a fault found while the page was still laying out
    (fonts, the tile grid) is looked at again a second later and kept only if it is still there."""
    found = page.evaluate(check)
    if any(v for k, v in found.items() if k != "cells"):
        page.wait_for_timeout(1000)
        found = page.evaluate(check)
    return found


def download(page, button, timeout: float = 120_000, attempt: float = 40_000):
    """Click a download button once it is there and enabled and return the download; a click that lands while a
    rerun replaces the button starts nothing, so it is tried again (up to three times), as a person would."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    last = None
    for _ in range(3):
        button.wait_for(state="visible", timeout=timeout)
        try:
            with page.expect_download(timeout=attempt) as info:
                button.click(timeout=timeout)
            return info.value
        except PlaywrightTimeout as e:
            last = e
            settle(page)
    raise last


def no_exception(page) -> bool:
    """No Streamlit exception box on the page."""
    return not page.locator('[data-testid="stException"]').count()


def full_screenshot(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main area, so grow the viewport to the content first."""
    height = page.evaluate("""() => Math.max(...['stMain', 'stSidebarContent'].map(
        id => document.querySelector(`[data-testid="${id}"]`)?.scrollHeight || 0))""")
    page.set_viewport_size({"width": 1440, "height": min(max(int(height) + 40, 900), 8000)})
    page.wait_for_timeout(800)  # charts redraw at the new size
    page.screenshot(path=str(path))


def save_screenshot(page, noun: str) -> None:
    """The whole page into tests/artifacts/screenshots/<noun>.png and docs/screenshots/ (the README's pictures)."""
    import shutil
    shots, docs = REPO / "tests" / "artifacts" / "screenshots", REPO / "docs" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    docs.mkdir(parents=True, exist_ok=True)
    full_screenshot(page, shots / f"{noun}.png")
    shutil.copyfile(shots / f"{noun}.png", docs / f"{noun}.png")


def visit_tabs(page, names: list[str], shot: Path, pause_ms: int = 400) -> None:
    """The page's tabs are `names`; each renders without an exception; back on the first one, the whole page is
    saved to `shot` once its charts have drawn."""
    tabs = page.get_by_role("tab")
    assert tabs.all_inner_texts() == names
    for i in range(tabs.count()):
        tabs.nth(i).click()
        page.wait_for_timeout(pause_ms)
        settle(page)  # a tab bound to the URL reruns the page (and draws only the open tab)
        assert no_exception(page)
    tabs.first.click()
    settle(page)
    page.wait_for_timeout(800)  # charts draw after the script run
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)


GLANCE_CHECK = (REPO / "tests" / "browser" / "glance_check.js").read_text()
BLANK_CELLS = ("None", "nan", "NaT", "NaN", "<NA>")  # a table cell that shows a missing value raw


OFF_SCREEN = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetric"]')]
  .filter(el => el.offsetParent !== null && el.getBoundingClientRect().right > window.innerWidth + 1)
  .map(el => el.innerText.slice(0, 40))"""  # KPI tiles past the right edge of the window


def glance_faults(found: dict) -> dict:
    """What the glance check found that is a fault: anything it lists, except table cells, where only a raw missing
    value counts (the gridcell text of glide's accessible table is the raw value)."""
    bad = {k: v for k, v in found.items() if v and k != "cells"}
    cells = [c for c in found.get("cells", []) if c in BLANK_CELLS]
    if cells:
        bad["cells"] = cells
    return bad


def glance_walk(browser, size: tuple[int, int], open_page, views, shot_prefix: str, *,
                shots: Path = REPO / "tests" / "artifacts" / "screenshots") -> list[tuple[str, dict]]:
    """Look at each view of a page at a glance in a fresh browser context of `size` (width, height); returns the
    faults as (view, findings) pairs, empty when every view reads cleanly.

    `open_page(page)` opens the page once; `views` are tab names (clicked in turn) or (name, show) pairs, where
    `show(page)` brings that view up (another URL, a control).  Besides the glance check, a KPI tile past the window's
    right edge is a fault ("off").  A view without faults is saved whole (the viewport
    grown to the content, at most 6000 px) to shots/<shot_prefix>_<view>_<width>.png, to be looked at."""
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    shots.mkdir(parents=True, exist_ok=True)
    faults = []
    try:
        open_page(page)
        for view in views:
            name, show = (view, None) if isinstance(view, str) else view
            if show is None:
                page.get_by_role("tab", name=name).click()
                settle(page)
            else:
                show(page)
            page.wait_for_timeout(600)
            found = glance(page, GLANCE_CHECK)
            found["off"] = page.evaluate(OFF_SCREEN)
            if bad := glance_faults(found):
                faults.append((name, bad))
                continue
            tall = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
            page.set_viewport_size({"width": width, "height": min(max(int(tall) + 40, height), 6000)})
            page.wait_for_timeout(800)  # charts redraw at the new size
            slug = name.lower().replace(" ", "_").replace("/", "_")
            page.screenshot(path=str(shots / f"{shot_prefix}_{slug}_{width}.png"))
            page.set_viewport_size({"width": width, "height": height})
    finally:
        context.close()
    return faults
