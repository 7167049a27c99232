"""Readers and writers at the same time: snapshot readers never meet a lock error and keep seeing the data as of
their snapshot while a writer loads; another process can query (`python -m lib sql`) during a load."""
from __future__ import annotations

import fcntl
import json
import subprocess
import sys
import threading
import time

import pytest

from tests.ingest import fixtures as F
from lib.ingest import ingest_files
from lib.workspace import Workspace


def count_orders(con) -> int:
    return con.execute("SELECT count(*) FROM fct_orders").fetchall()[0][0]


def writer_lock_held(ws) -> bool:
    with open(ws.root / ".write.lock", "a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(f, fcntl.LOCK_UN)
        return False


@pytest.fixture
def ws(tmp_path):
    w = Workspace.open(tmp_path / "ws")
    assert ingest_files(w, [F.shopify_orders_79(tmp_path)])[0].status == "loaded"  # 3 orders
    return w


def test_open_reader_sees_its_snapshot_while_a_writer_loads(ws, tmp_path):
    con = ws.reader()
    try:
        assert count_orders(con) == 3
        r = ingest_files(ws, [F.walmart_csv(tmp_path)])[0]  # the reader stays open: no lock error
        assert r.status == "loaded"
        assert count_orders(con) == 3  # still the old snapshot
        fresh = ws.reader()
        try:
            assert count_orders(fresh) == 5
        finally:
            fresh.close()
        # later publishes garbage-collect old snapshot files; the open connection keeps working
        from lib.warehouse import rebuild
        from lib.workspace import SNAPSHOT_KEEP
        first = ws.snapshot_dir / f"v{ws.version() - 1:06d}.duckdb"
        for _ in range(SNAPSHOT_KEEP - 1):
            rebuild(ws)
        assert not first.exists()  # the reader's snapshot file is gone from the folder
        assert count_orders(con) == 3
    finally:
        con.close()
    con = ws.reader()
    try:
        assert count_orders(con) == 5
    finally:
        con.close()


def test_readers_during_a_long_load(ws, tmp_path):
    big = tmp_path / "big.csv"
    _, rows = F.big_shopify_export(big, orders=10_000)
    result = {}
    t = threading.Thread(target=lambda: result.setdefault("r", ingest_files(ws, [big])[0]))
    t.start()
    seen, errors = [], []
    try:
        deadline = time.monotonic() + 120
        while t.is_alive() and time.monotonic() < deadline:
            try:
                con = ws.reader()
                try:
                    seen.append(count_orders(con))
                finally:
                    con.close()
            except Exception as e:  # a lock error would land here
                errors.append(repr(e))
            time.sleep(0.05)
    finally:
        t.join(120)
    assert errors == []
    assert result["r"].status == "loaded" and result["r"].rows_loaded == rows
    assert seen and set(seen) <= {3, 10_003}
    assert seen[0] == 3  # old data until the load published
    con = ws.reader()
    try:
        assert count_orders(con) == 10_003
    finally:
        con.close()


def test_cli_sql_in_another_process_during_a_load(ws, tmp_path):
    big = tmp_path / "big.csv"
    F.big_shopify_export(big, orders=30_000)
    env = F.env_for_subprocess()
    load = subprocess.Popen([sys.executable, "-m", "lib", "ingest", "--workspace", str(ws.root), str(big)],
                            cwd=F.REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not writer_lock_held(ws):
            assert load.poll() is None, load.stdout.read().decode()
            assert time.monotonic() < deadline
            time.sleep(0.01)
        q = subprocess.run([sys.executable, "-m", "lib", "sql", "--workspace", str(ws.root), "--format", "json",
                            "SELECT count(*) AS n FROM fct_orders"], cwd=F.REPO, env=env, capture_output=True,
                           text=True, timeout=60)
        still_loading = load.poll() is None
        assert q.returncode == 0, q.stderr
        assert json.loads(q.stdout) == [{"n": 3}]  # the snapshot before the load
        assert still_loading, "the load finished before the query: make the file bigger"
        out, _ = load.communicate(timeout=300)
    finally:
        if load.poll() is None:
            load.kill()
            load.wait()
    assert load.returncode == 0, out.decode()
    assert b"[loaded]" in out
    q = subprocess.run([sys.executable, "-m", "lib", "sql", "--workspace", str(ws.root), "--format", "json",
                        "SELECT count(*) AS n FROM fct_orders"], cwd=F.REPO, env=env, capture_output=True, text=True,
                       timeout=60)
    assert json.loads(q.stdout) == [{"n": 30_003}]


def test_every_writer_runs_under_the_configured_memory_limit(tmp_path):
    """limits.memory_limit_mb caps DuckDB in loads, rebuilds and removals alike (it spills past it)."""
    from lib.workspace import Workspace
    ws = Workspace.open(tmp_path / "ws")
    with ws.writer() as con:
        default = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    ws.write_state("settings", {"limits": {"memory_limit_mb": 300}})
    with ws.writer() as con:
        limited = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    assert default == "976.5 MiB"  # 1024 MB, the default setting
    assert limited == "286.1 MiB"  # 300 MB
