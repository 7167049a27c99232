"""The BI export (`python -m lib export --all`): every mart of the snapshot as Parquet and CSV whose figures, read back
independently (DuckDB on the Parquet, pandas on the CSV), equal the marts; the data dictionary lists every column."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from lib.__main__ import main
from lib.reports.bi import export_marts
from lib.warehouse import MARTS


@pytest.fixture(scope="module")
def exported(sample_ws, tmp_path_factory):
    out = tmp_path_factory.mktemp("bi")
    assert main(["export", "--workspace", str(sample_ws.root), "--all", "--out", str(out)]) == 0
    return out


def test_every_mart_is_written_with_the_dictionary(exported, sample_con):
    meta = json.loads((exported / "data_dictionary.json").read_text())
    assert [t["name"] for t in meta["tables"]] == list(MARTS)
    version = sample_con.execute("SELECT version FROM snapshot_info").fetchall()[0][0]
    assert meta["snapshot_version"] == version and meta["formats"] == ["parquet", "csv"]
    for name in MARTS:
        assert (exported / f"{name}.parquet").exists() and (exported / f"{name}.csv").exists()
    flat = pd.read_csv(exported / "data_dictionary.csv")
    cols = sample_con.execute("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' "
                              "AND table_catalog = current_database()"
                              ).fetchdf()
    expected = cols[cols["table_name"].isin(MARTS)]
    assert sorted(zip(flat["table"], flat["column"])) == sorted(zip(expected["table_name"], expected["column_name"]))
    assert not list(exported.glob(".*.tmp"))


@pytest.mark.parametrize("name", MARTS)
def test_parquet_read_back_with_duckdb_equals_the_mart(exported, sample_ws, name):
    con = sample_ws.reader()  # the published snapshot, as the export read it
    try:
        mart = name  # name from MARTS (our registry)
        pq = "read_parquet($f)"
        p = {"f": str(exported / f"{name}.parquet")}
        n_mart = con.execute(f"SELECT count(*) FROM {mart}").fetchall()[0][0]
        assert con.execute(f"SELECT count(*) FROM {pq}", p).fetchall()[0][0] == n_mart
        assert con.execute(f"SELECT count(*) FROM (SELECT * FROM {mart} EXCEPT ALL SELECT * FROM {pq})", p).fetchall()[0][0] == 0
        assert con.execute(f"SELECT count(*) FROM (SELECT * FROM {pq} EXCEPT ALL SELECT * FROM {mart})", p).fetchall()[0][0] == 0
    finally:
        con.close()


def test_csv_figures_equal_the_marts(exported, sample_con):
    orders = pd.read_csv(exported / "fct_orders.csv")
    mart = sample_con.execute("SELECT count(*), sum(net_revenue_reporting_amount), count(DISTINCT order_id) "
                              "FROM fct_orders").fetchall()[0]
    assert len(orders) == mart[0] and orders["order_id"].nunique() == mart[2]
    assert orders["net_revenue_reporting_amount"].sum() == pytest.approx(mart[1], rel=1e-12)
    tickets = pd.read_csv(exported / "fct_support_tickets.csv")
    n, wismo = sample_con.execute("SELECT count(*), count(*) FILTER (WHERE is_wismo) FROM fct_support_tickets").fetchall()[0]
    assert len(tickets) == n and int(tickets["is_wismo"].sum()) == wismo


def test_single_format_and_refusals(sample_ws, tmp_path):
    r = export_marts(sample_ws, tmp_path / "pq", "parquet")
    assert [p.name for p in (tmp_path / "pq").glob("*.csv")] == ["data_dictionary.csv"]
    assert (tmp_path / "pq" / "fct_orders.parquet").exists()
    assert r.rows["fct_orders"] > 0
    with pytest.raises(ValueError):
        export_marts(sample_ws, tmp_path / "x", "xlsx")
    assert main(["export", "--workspace", str(sample_ws.root), "--all"]) == 2  # no --out folder
    assert main(["export", "--workspace", str(sample_ws.root), "--table", "fct_orders", "--format", "both"]) == 2
