"""Fixtures of the browser tests: one server per module on a copy of the sample workspace, one chromium."""
from __future__ import annotations

import shutil

import pytest

from harness import CHROMIUM, CHROMIUM_ARGS, Server


@pytest.fixture(scope="module")
def server(app_ws_master, tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    shutil.copytree(app_ws_master.root, root / "ws", ignore=shutil.ignore_patterns(".write.lock"))
    srv = Server(root / "ws", root / "streamlit.log").start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    pg = context.new_page()
    yield pg
    context.close()
