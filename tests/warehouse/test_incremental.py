"""Incremental builds equal full rebuilds: a load rebuilds only the marts downstream of the tables it wrote (and
publishes only the snapshot parts whose rows changed), so after every load of a generated business — its exports
loaded one at a time in random order, the orders exports as overlapping re-exports — every published mart must equal
what a full rebuild of the same raw tables gives."""
from __future__ import annotations

import csv
import os
import random

import pytest

from lib.ingest import ingest_files
from lib.warehouse import MARTS, build, dag, models, sources
from lib.workspace import Workspace

from tests.conftest import app_sample_files

SEEDS = range(1, 9) if os.environ.get("OPSDESK_SLOW") else (3,)
OVERLAPPING = {"shopify_orders_export.csv": "Name", "walmart_orders.csv": "PO#"}


def rows_of(con, table: str) -> tuple[list[str], list[tuple]]:
    cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    rows = con.execute(f"SELECT * FROM {table}").fetchall()
    # DOUBLE sums may differ in the last bits with the order threads add in; any other difference is a wrong build
    norm = [tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in rows]
    return cols, sorted(norm, key=repr)


def published(ws) -> dict:
    con = ws.reader()
    try:
        return {t: rows_of(con, t) for t in MARTS}
    finally:
        con.close()


def full_rebuild(ws) -> dict:
    """Every mart rebuilt from the same raw tables, in a transaction that is rolled back."""
    with ws.writer() as con:
        con.execute("BEGIN TRANSACTION")
        try:
            build(con, ws.settings())
            return {t: rows_of(con, t) for t in MARTS}
        finally:
            con.execute("ROLLBACK")


def overlapping_exports(path, key: str, out) -> list:
    """Two exports of one orders file that share the middle third of its orders (the second re-exports them)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    k = header.index(key)
    orders = list(dict.fromkeys(r[k] for r in body))
    first, second = set(orders[: 2 * len(orders) // 3]), set(orders[len(orders) // 3:])
    files = []
    for i, keep in enumerate((first, second)):
        p = out / f"{path.stem}_part{i + 1}{path.suffix}"
        with open(p, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([header] + [r for r in body if r[k] in keep])
        files.append(p)
    return files


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    files = []
    for p in app_sample_files(root / "files"):
        files += overlapping_exports(p, OVERLAPPING[p.name], root) if p.name in OVERLAPPING else [p]
    return files


@pytest.mark.parametrize("seed", SEEDS)
def test_every_load_publishes_what_a_full_rebuild_gives(exports, tmp_path, seed):
    order = list(exports)
    random.Random(seed).shuffle(order)
    ws = Workspace.open(tmp_path / "ws")
    rebuilt_counts = []
    for path in order:
        before = ws.version()
        [report] = ingest_files(ws, [path], loaded_by="test")
        assert report.ok, report.message
        assert ws.version() == before + 1
        got, want = published(ws), full_rebuild(ws)
        for t in MARTS:
            assert got[t][0] == want[t][0], f"{t}: columns differ after loading {path.name}"
            assert got[t][1] == want[t][1], f"{t} differs from a full rebuild after loading {path.name} (seed {seed})"
        rebuilt_counts.append(len(set(ws.read_state("last_publish")["tables_compared"]) & set(MARTS)))
    # not every load rebuilt everything: the loads of small templates rebuilt only what reads them
    assert min(rebuilt_counts) < len(MARTS) - 3


def test_the_graph_knows_what_each_model_reads():
    ms, src = models(), sources()
    g = dag.graph(ms, src)
    assert "int_order_lines" in g["fct_orders"] and "fct_shipments" in g["fct_orders"]
    assert g["fct_csat"] and "raw_opsdesk_csat" in dag.upstream(ms, src, {"fct_csat"}) | g["fct_csat"]
    # a CSAT load reaches the CSAT mart and the data-health report, not the order facts
    down = dag.downstream(ms, src, {"raw_opsdesk_csat"})
    assert "fct_csat" in down and "fct_orders" not in down and "fct_order_lines" not in down
    # an orders load reaches the order facts and what reads them
    down = dag.downstream(ms, src, {"latest_shopify_orders", "raw_shopify_orders"})
    assert {"fct_order_lines", "fct_orders", "fct_shipments", "rpt_data_health"} <= down


def test_published_columns_keep_their_types(sample_ws):
    # snapshots are Parquet: a HUGEINT (what DuckDB's sum() of integers gives) would come back as DOUBLE, so the marts
    # cast such sums; the snapshot's types equal the workspace's
    import duckdb
    con = duckdb.connect(str(sample_ws.db_path), read_only=True)
    try:
        built = {(t, c): d for t, c, d in con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' "
            "AND table_name IN (SELECT unnest($m::VARCHAR[]))", {"m": list(MARTS)}).fetchall()}
    finally:
        con.close()
    reader = sample_ws.reader()
    published = {(t, c): d for t, c, d in reader.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_catalog = current_database()"
    ).fetchall() if t in MARTS}
    assert published == built


def test_a_full_build_during_a_load_republishes_the_settings_tables(sample_ws_copy, monkeypatch, tmp_path):
    # a load whose build is full (the settings or seeds changed since the last build, e.g. after an upgrade) rewrote
    # the cfg tables and seeds too: the snapshot must not keep the old ones
    import lib.warehouse as wh
    from lib.warehouse import publish_changes
    assert publish_changes(set(MARTS), {"load_log"}) is None
    assert publish_changes({"fct_csat"}, {"load_log"}) == {"fct_csat", "load_log"}
    monkeypatch.setattr(wh, "config_hash", lambda settings: "changed since the last build")
    csat = tmp_path / "csat.csv"
    csat.write_text("response_id,responded_at,score,order_id,channel,comment\nCS-X1,2026-11-20 10:00:00,5,,,fine\n")
    [report] = ingest_files(sample_ws_copy, [csat], loaded_by="test")
    assert report.ok
    assert set(sample_ws_copy.read_state("last_publish")["tables_compared"]) >= {"cfg_reporting", "seed_carrier_aliases"}


def test_a_changed_copy_of_two_identical_rows_is_a_change():
    """Two versions of an input are compared as multisets: one of two identical rows removed changes its key, and a
    table that lost such a copy did not only grow (a set comparison saw neither)."""
    import duckdb

    from lib.warehouse import incremental
    con = duckdb.connect()
    con.execute("CREATE TABLE prev AS SELECT * FROM (VALUES (1, 'a'), (1, 'a'), (2, 'b')) t(k, v)")
    con.execute("CREATE TABLE new AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) t(k, v)")
    assert sorted(r[0] for r in con.execute(incremental.changed_values("prev", "new", "k")).fetchall()) == [1, 3]
    assert not incremental.only_grew(con, "prev", "new")
    con.execute("INSERT INTO new VALUES (1, 'a')")
    assert sorted(r[0] for r in con.execute(incremental.changed_values("prev", "new", "k")).fetchall()) == [3]
    assert incremental.only_grew(con, "prev", "new")
