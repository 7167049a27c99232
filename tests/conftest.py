"""Shared fixtures: the sample business loaded through the real ingest path (once per session), an empty
workspace, and the location of the real datasets in ../shared (tests using it skip when it is absent)."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATASETS = REPO.parent / "shared" / "datasets"


@pytest.fixture(scope="session")
def shared_datasets() -> Path:
    if not SHARED_DATASETS.is_dir():
        pytest.skip("../shared/datasets is absent")
    return SHARED_DATASETS


@pytest.fixture(scope="session")
def sample_ws_master(tmp_path_factory):
    """A workspace holding the committed sample business (sample_data/), loaded once per test session."""
    from lib.seed import sample_files, seed_workspace
    from lib.workspace import Workspace
    if not sample_files():
        pytest.skip("sample_data/ is empty: run `make sample`")
    ws = Workspace.open(tmp_path_factory.mktemp("sample") / "ws")
    msg = seed_workspace(ws)
    assert "problems" not in msg, msg
    return ws


@pytest.fixture(scope="session")
def sample_ws(sample_ws_master):
    """The sample workspace, read-only by convention (tests that write use `sample_ws_copy`)."""
    return sample_ws_master


@pytest.fixture
def sample_ws_copy(sample_ws_master, tmp_path):
    """A private copy of the sample workspace that a test may write to."""
    from lib.workspace import Workspace
    dst = tmp_path / "ws"
    shutil.copytree(sample_ws_master.root, dst, ignore=shutil.ignore_patterns(".write.lock"))
    return Workspace.open(dst)


@pytest.fixture
def empty_ws(tmp_path):
    from lib.workspace import Workspace
    ws = Workspace.open(tmp_path / "empty_ws")
    ws.initialise()
    return ws


@pytest.fixture(scope="session")
def sample_con(sample_ws):
    con = sample_ws.reader()
    yield con
    con.close()


@pytest.fixture(scope="session")
def sample_params(sample_con):
    """Shared-filter parameters covering the whole sample (all channels, warehouses, carriers, categories)."""
    lo, hi = sample_con.execute("SELECT min(order_date), max(order_date) FROM fct_orders").fetchall()[0]
    return {"start": lo or dt.date(2000, 1, 1), "end": hi or dt.date(2100, 1, 1), "channels": [], "warehouses": [],
            "carriers": [], "categories": []}
