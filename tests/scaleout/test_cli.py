"""`python -m lib scaleout`: the commands that need no Spark (sql, refusals) and the export a Spark build reads."""
from __future__ import annotations

import duckdb

from lib.__main__ import main


def test_sql_prints_the_spark_reading_of_a_model(capsys):
    assert main(["scaleout", "sql", "--model", "dim_calendar"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("-- dim_calendar (marts)\n") and "WEEKDAY(" in out and "EXPLODE(" in out


def test_refusals(capsys, tmp_path):
    assert main(["scaleout", "sql", "--model", "fct_nothing"]) == 2
    assert main(["scaleout", "build", "--out", str(tmp_path)]) == 2
    assert main(["scaleout", "build", "--raw", str(tmp_path), "--out", str(tmp_path), "--compare"]) == 2
    assert main(["scaleout", "build", "--workspace", str(tmp_path / "none"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "give --workspace" in err and "--compare needs --workspace" in err and "no model named" in err


def test_export_writes_every_table_a_build_reads(empty_ws, tmp_path):
    from lib.scaleout.transpile import build_plan, model_schemas
    produced = {s.name for s in build_plan()}
    needed = {t for t in model_schemas() if (t.startswith(("raw_", "cfg_", "seed_")) or t == "load_log")
              and t not in produced}
    assert "load_log" in needed  # NetSuite's inventory is dated by its load
    assert main(["scaleout", "export", "--workspace", str(empty_ws.root), "--out", str(tmp_path / "raw")]) == 0
    written = {p.stem for p in (tmp_path / "raw").glob("*.parquet")}
    assert needed <= written
    con = duckdb.connect()
    reporting = con.execute("SELECT reporting_currency FROM read_parquet($p)",
                            {"p": str(tmp_path / "raw" / "cfg_reporting.parquet")}).fetchall()
    assert reporting == [(empty_ws.settings()["reporting_currency"],)]
    assert con.execute("SELECT count(*) FROM read_parquet($p)",
                       {"p": str(tmp_path / "raw" / "seed_return_reasons.parquet")}).fetchall()[0][0] > 0


def test_engine_spark_refuses_a_malformed_setting(capsys, empty_ws):
    assert main(["build", "--workspace", str(empty_ws.root), "--engine", "spark", "--conf", "spark.executor.memory"]) == 2
    assert "is not KEY=VALUE" in capsys.readouterr().err


def test_publishing_parquet_marts_makes_them_the_snapshot(app_ws, tmp_path):
    """What `lib build --engine spark` publishes, without Spark: every mart as a Parquet folder (one column written
    with another type, as Spark may), published as the next snapshot: same rows, DuckDB's column types, the build
    state of a full build; refused when the workspace published something after the export."""
    import pytest

    from lib.scaleout.compare import compare_frames
    from lib.scaleout.publish import StaleSparkBuild, publish_spark_marts
    from lib.warehouse import BUILD_STATE, MARTS
    before = app_ws.version()
    con = app_ws.reader()
    try:
        for mart in MARTS:
            (tmp_path / mart).mkdir()
            rel = con.table(mart)
            if mart == "fct_orders":  # a sum as BIGINT, as Spark writes it (DuckDB: HUGEINT or DECIMAL)
                rel = con.sql("SELECT * REPLACE (CAST(units AS BIGINT) AS units) FROM fct_orders")
            rel.write_parquet(str(tmp_path / mart / "part-0.parquet"))
        expected = {m: con.table(m).df() for m in MARTS}
        types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = "
                                 "'fct_orders'").fetchall())
    finally:
        con.close()
    with pytest.raises(StaleSparkBuild):
        publish_spark_marts(app_ws, str(tmp_path), app_ws.settings(), before - 1)
    assert app_ws.version() == before
    assert publish_spark_marts(app_ws, str(tmp_path), app_ws.settings(), before) == before + 1
    con = app_ws.reader()
    try:
        for mart in MARTS:
            d = compare_frames(mart, expected[mart], con.table(mart).df())
            assert d.equal, d.detail
        assert dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = "
                                "'fct_orders'").fetchall()) == types
    finally:
        con.close()
    with app_ws.writer() as w:
        built = {m for (m,) in w.execute(f"SELECT model FROM {BUILD_STATE}").fetchall()}
    assert set(MARTS) <= built
