"""What a Spark build reads: the workspace's raw tables, its cfg tables and the seeds, as one Parquet file each, and
each load's id and time (`load_log`: NetSuite's inventory export states no date, its snapshot is the day it was loaded).

The raw tables are copied under the workspace's writer lock (a load in progress is never half-exported); the cfg
tables are computed from the workspace settings exactly as lib.warehouse.build() computes them, in a scratch
in-memory DuckDB, so the Spark build sees the same SLA, holidays, costs, reporting currency and ECB history.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from ..ingest.formats import FORMATS
from ..warehouse import _write_cfg, _write_seeds


def raw_tables() -> list[str]:
    return [spec.table for spec in FORMATS]


def export_workspace(ws, out: Path) -> dict[str, int]:
    """Write <out>/<table>.parquet for every raw, cfg and seed table of `ws`; returns {table: rows}."""
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with ws.writer() as con:
        for table in raw_tables():
            rel = con.table(table)
            rel.write_parquet(str(out / f"{table}.parquet"))
            counts[table] = rel.aggregate("count(*)").fetchall()[0][0]
        loads = con.sql("SELECT load_id, loaded_at, status, format FROM load_log")  # not the file names or who loaded them
        loads.write_parquet(str(out / "load_log.parquet"))
        counts["load_log"] = loads.aggregate("count(*)").fetchall()[0][0]
        settings = ws.settings()
    counts.update(export_settings(settings, out))
    return counts


def export_settings(settings: dict, out: Path) -> dict[str, int]:
    """The cfg tables of `settings` and the seed tables, as lib.warehouse.build() writes them."""
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    con = duckdb.connect()
    try:
        _write_cfg(con, settings)
        _write_seeds(con)
        names = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'cfg\\_%' ESCAPE '\\' "
            "OR table_name LIKE 'seed\\_%' ESCAPE '\\' ORDER BY 1").fetchall()]
        for table in names:
            rel = con.table(table)
            rel.write_parquet(str(out / f"{table}.parquet"))
            counts[table] = rel.aggregate("count(*)").fetchall()[0][0]
    finally:
        con.close()
    return counts
