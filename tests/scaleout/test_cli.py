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
