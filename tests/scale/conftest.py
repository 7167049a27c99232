"""The sample business at the scale `make run` loads (lib.sample.REALISTIC_ORDERS_PER_WEEK): `sample_ws_master` is
overridden here, so the shared fixtures built on it (sample_ws, sample_con, sample_params) are the large business for
the tests of this folder only. Seeding it takes one to two minutes on two cores: these tests are `slow` and run with
OPSDESK_SLOW=1 (or OPSDESK_SCALE_WS=<a workspace already seeded with `python -m lib seed`>, reused read-only)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def sample_ws_master(tmp_path_factory):
    from lib.sample import REALISTIC_ORDERS_PER_WEEK, orders_for
    from lib.workspace.seed import seed_workspace
    from lib.workspace import Workspace
    given = os.environ.get("OPSDESK_SCALE_WS")
    if given:
        ws = Workspace.existing(Path(given))
        assert (ws.read_state("seeded") or {}).get("orders") == orders_for(REALISTIC_ORDERS_PER_WEEK), (
            f"{given} was not seeded at the realistic scale (`python -m lib seed --workspace {given}`)")
        return ws
    ws = Workspace.open(tmp_path_factory.mktemp("sample_scale") / "ws")
    msg = seed_workspace(ws, orders_per_week=REALISTIC_ORDERS_PER_WEEK)
    assert "problems" not in msg, msg
    return ws
