"""The representative Spark equality test, run by every `make test` (the exhaustive ones, 400 orders, the new
channels' exports and the standalone cluster, need OPSDESK_SLOW=1): on a small generated business whose reporting
currency (GBP) is not its order currency, with Spark `local[2]`,
1. every mart built on Spark equals the mart DuckDB built;
2. every query the app's pages run, as they compose it (recorded through AppTest with a two-channel filter), gives
   on Spark over Spark's marts what it gives on DuckDB (exact for integers and text, 1e-9 relative for floats);
3. Spark's marts published as the workspace's snapshot (`python -m lib build --engine spark` does the same) give
   every page query DuckDB's answer.
Skipped, not failed, without pyspark (requirements-scaleout.txt) or a Java runtime (openjdk-17-jre-headless)."""
from __future__ import annotations

import importlib.util
import shutil

import pytest

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None,
                       reason="pyspark is not installed (pip install -r requirements-scaleout.txt)"),
    pytest.mark.skipif(shutil.which("java") is None, reason="no Java runtime (apt-get install openjdk-17-jre-headless)"),
]

ORDERS = 400  # with seed 11 every generated file has rows (at 200 orders the disputes file is empty and refused)


@pytest.fixture(scope="module")
def spark():
    from lib.scaleout.spark import session
    # a few hundred rows: one shuffle partition, and no whole-stage code generation (compiling the page queries'
    # large plans costs more than running them); neither changes a result
    s = session("local[2]", {"spark.sql.shuffle.partitions": "1", "spark.sql.codegen.wholeStage": "false",
                             "spark.driver.memory": "1g"})
    yield s
    s.stop()


@pytest.fixture(scope="module")
def business(tmp_path_factory):
    from lib.ingest import ingest_files
    from lib.sample import generate
    from lib.workspace.settings import load_settings, save_settings
    from lib.workspace import Workspace
    root = tmp_path_factory.mktemp("spark_pages")
    files = generate(root / "files", orders=ORDERS, seed=11)
    ws = Workspace.open(root / "ws")
    assert all(r.ok for r in ingest_files(ws, files, loaded_by="test"))
    settings = load_settings(ws)
    settings["reporting_currency"] = "GBP"
    save_settings(ws, settings)  # rebuilds the DuckDB marts
    ws.write_state("seeded", {"files": []})  # the app must not load the sample into it
    return ws


def test_marts_and_page_queries_equal_on_spark(spark, business, tmp_path):
    from lib.scaleout.compare import compare_frames, compare_marts
    from lib.scaleout.export import export_workspace
    from lib.scaleout.pages import compare_page_queries, tables_read
    from lib.scaleout.publish import publish_spark_marts
    from lib.scaleout.spark import build
    from lib.scaleout.transpile import model_schemas
    from lib.warehouse import MARTS
    from tests.scaleout.page_calls import page_nouns, page_queries
    ws = business
    con = ws.reader()
    channels = [c for (c,) in con.execute("SELECT channel FROM fct_orders GROUP BY channel ORDER BY count(*) DESC, "
                                          "channel LIMIT 2").fetchall()]
    con.close()
    queries = page_queries(ws.root, {"period": "all time", "channels": ",".join(channels)})
    duckdb_version = ws.version()
    export_workspace(ws, tmp_path / "raw")
    build(spark, str(tmp_path / "raw"), str(tmp_path / "marts"))
    readable = {t for t in model_schemas() if t.startswith(("cfg_", "seed_"))} | set(MARTS)
    on_spark = [q for q in queries if tables_read(q.sql) <= readable]
    con = ws.reader(duckdb_version)
    try:
        marts = compare_marts(con, str(tmp_path / "marts"), MARTS)
        results = compare_page_queries(con, spark, on_spark, model_schemas())
    finally:
        con.close()
    bad = [f"{d.mart}: {d.detail}" for d in marts if not d.equal]
    assert not bad, "\n".join(bad)
    bad = [f"{r.query.source}: {r.detail}" for r in results if not r.equal]
    assert not bad, f"{len(bad)} of {len(results)} page statements differ:\n" + "\n".join(bad)

    # what is left to DuckDB reads the workspace's own bookkeeping (load log, snapshot, catalog), not a mart
    left = {t for q in queries for t in tables_read(q.sql)} - readable
    assert left <= {"load_log", "quarantine", "snapshot_info", "columns", "tables", "duckdb_columns"}, left
    # every page that runs a query was visited, and most statements ran on Spark
    sources = {q.source.rsplit(".", 1)[0] for q in on_spark}
    assert len(page_nouns()) >= 20 and len(sources) >= 15, sources
    assert len(on_spark) >= 0.9 * len(queries)
    assert any(q.args.get("channels") == channels for q in on_spark)  # the filter reached the queries

    publish_spark_marts(ws, str(tmp_path / "marts"), ws.settings(), duckdb_version)
    assert ws.version() == duckdb_version + 1
    before, after = ws.reader(duckdb_version), ws.reader()
    try:
        for q in on_spark:
            d = compare_frames(q.source, before.execute(q.sql, q.args).fetchdf(), after.execute(q.sql, q.args).fetchdf())
            assert d.equal, f"{q.source} on the published Spark marts: {d.detail}"
        published = {t for (t,) in after.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    finally:
        before.close()
        after.close()
    assert set(MARTS) <= published


def test_page_rules_give_duckdb_values_on_spark(spark):
    """Hand-computed values of what page queries read differently, through to_spark_page on Spark itself: list
    positions from 1 (a computed one too, NULL out of range), a position not found, the size of a list parameter,
    quantiles of a list, the first value by two keys in opposite directions with a NULL key sorted last, the
    shared filters' macro with an empty and a non-empty list, a list of structs as rows."""
    import datetime as dt

    from lib.scaleout.pages import spark_args, to_spark_page
    spark.createDataFrame([("a", 1, 10.0, 1, dt.date(2026, 1, 5)), ("a", 2, 30.0, 2, dt.date(2026, 1, 6)),
                           ("a", 3, 30.0, 3, dt.date(2026, 1, 7)), ("a", 4, None, 4, dt.date(2026, 2, 1))],
                          "g string, line_no int, amount double, i int, d date").createOrReplaceTempView("t")
    schema = {"t": {"g": "VARCHAR", "line_no": "INTEGER", "amount": "DOUBLE", "i": "INTEGER", "d": "DATE"}}

    def run(sql, params):
        text = to_spark_page(sql, params, schema)
        return spark.sql(text, args=spark_args(params) or None).collect()

    params = {"labels": ["x", "y", "z"], "none": [], "some": ["a"]}
    rows = run("SELECT g, $labels[1] AS one, $labels[max(i) - 1] AS third, $labels[max(i) + 5] AS beyond, "
               "list_position($labels, 'q') AS missing, len($labels) AS n, "
               "quantile_cont(i, [0.5, 0.9])[1] AS median, quantile_cont(i, [0.5, 0.9])[2] AS p90, "
               "first(line_no ORDER BY amount DESC, line_no) AS top_line, "
               "count(*) FILTER (WHERE within($none, g)) AS all_pass, count(*) FILTER (WHERE within($some, g)) AS "
               "some_pass FROM t GROUP BY g", params)
    assert len(rows) == 1
    r = rows[0]
    assert (r.one, r.third, r.beyond, r.missing, r.n) == ("x", "z", None, None, 3)
    assert r.median == pytest.approx(2.5, rel=1e-12) and r.p90 == pytest.approx(3.7, rel=1e-12)
    assert r.top_line == 2  # 30.0 twice: line 2 before line 3; the NULL amount last, not first
    assert (r.all_pass, r.some_pass) == (4, 4)
    card = run("SELECT * FROM (SELECT unnest($card::STRUCT(channel VARCHAR, rate DOUBLE)[], recursive := true))",
               {"card": [{"channel": "amazon", "rate": 0.15}, {"channel": "ebay", "rate": 0.12}]})
    assert [(c.channel, c.rate) for c in card] == [("amazon", 0.15), ("ebay", 0.12)]
