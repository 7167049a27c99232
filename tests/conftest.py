"""Shared fixtures: the sample business loaded through the real ingest path (once per session), an empty
workspace, and the location of the real datasets in ../shared (tests using it skip when it is absent)."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import time
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
    from lib.workspace.seed import sample_files, seed_workspace
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


# ---------------------------------------------------------------- the app's workspaces (tests/ui, tests/browser)

def app_sample_files(out: Path) -> list[Path]:
    """Export files in the real formats: `lib.sample.generate` when available, else the small fixture files."""
    try:
        from lib.sample import generate
        return list(generate(out / "sample", orders=1500))
    except Exception as e:  # absent or broken (its own tests say so): the app's tests still run
        import warnings

        from fixture_files import write_fixture_files
        warnings.warn(f"lib.sample unavailable ({type(e).__name__}: {e}); using tests/fixture_files.py")
        return write_fixture_files(out / "fixtures")


APP_CACHE = REPO / "tests" / "artifacts" / "app_ws"  # git-ignored


def _app_ws_key() -> str:
    """Changes with anything that shapes the built workspace (ingest, warehouse, sample, settings, fixtures)."""
    import hashlib
    h = hashlib.sha256()
    for p in sorted([*REPO.glob("lib/**/*.py"), *REPO.glob("lib/**/*.sql"), *REPO.glob("lib/**/*.csv"),
                     REPO / "tests" / "fixture_files.py"]):
        h.update(str(p.relative_to(REPO)).encode() + p.read_bytes())
    return h.hexdigest()[:16]


@pytest.fixture(scope="session")
def app_ws_master(tmp_path_factory):
    """A workspace built by ingesting the sample files (copy it before writing).  Ingest loads them as one batch and
    builds the marts once for it; the result is kept under tests/artifacts/ until lib/ or the fixtures change."""
    from lib.ingest import ingest_files
    from lib.workspace import Workspace
    done = APP_CACHE / _app_ws_key()
    if not (done / "ws" / "CURRENT").exists():
        root = tmp_path_factory.mktemp("app")
        ws = Workspace.open(root / "ws")
        reports = ingest_files(ws, app_sample_files(root / "files"), loaded_by="sample")
        assert all(r.ok for r in reports), [r.message for r in reports if not r.ok]
        ws.write_state("seeded", {"files": [r.file_name for r in reports]})
        for old in APP_CACHE.glob("*"):  # workspaces of older code (not of a test run still going on)
            if old.stat().st_mtime < time.time() - 3600:
                shutil.rmtree(old, ignore_errors=True)
        staging = APP_CACHE / f".{done.name}.{os.getpid()}.tmp"
        shutil.copytree(ws.root, staging / "ws", ignore=shutil.ignore_patterns(".write.lock"))
        try:
            staging.rename(done)
        except OSError:  # another test run finished first
            shutil.rmtree(staging, ignore_errors=True)
    return Workspace(done / "ws")


@pytest.fixture(scope="session")
def app_empty_ws_master(tmp_path_factory):
    from lib.workspace import Workspace
    ws = Workspace.open(tmp_path_factory.mktemp("app_empty") / "ws")
    ws.write_state("seeded", {"files": []})  # so the app does not load the sample into it
    ws.initialise()
    return ws


@pytest.fixture
def app_ws(app_ws_master, tmp_path, monkeypatch):
    """A private copy of the sample workspace, made the app's workspace (OPSDESK_WORKSPACE)."""
    from lib.workspace import Workspace
    dst = tmp_path / "app_ws"
    shutil.copytree(app_ws_master.root, dst, ignore=shutil.ignore_patterns(".write.lock"))
    monkeypatch.setenv("OPSDESK_WORKSPACE", str(dst))
    return Workspace.open(dst)


@pytest.fixture
def app_empty_ws(app_empty_ws_master, tmp_path, monkeypatch):
    """An empty workspace (marked as seeded, so the app does not load the sample), made the app's workspace."""
    from lib.workspace import Workspace
    dst = tmp_path / "app_empty_ws"
    shutil.copytree(app_empty_ws_master.root, dst, ignore=shutil.ignore_patterns(".write.lock"))
    monkeypatch.setenv("OPSDESK_WORKSPACE", str(dst))
    return Workspace.open(dst)


@pytest.fixture(scope="session")
def app_con(app_ws_master):
    """A reader on the app's sample workspace (read-only)."""
    con = app_ws_master.reader()
    yield con
    con.close()
