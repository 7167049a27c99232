"""Spark's marts published as the workspace's current snapshot, so pages, notebooks, `lib sql` and `lib export` read
them unchanged.

The Parquet folders Spark wrote (`<out>/<mart>/*.parquet`) are read by DuckDB into the workspace's own tables, each
column cast to the type DuckDB's build gives it (Spark writes its own decimal precisions, BIGINT for counts, …), in
one transaction with the cfg tables and seeds of the settings the Spark build was given; then `Workspace.publish`
writes the snapshot's part files and manifest as after any build (lib/warehouse/publish.py). The build state records
every model as built with today's SQL and these settings, as a full DuckDB build would, so the next load's
incremental build starts from these marts.

A load published between the export and the publish would be overwritten by marts built without it: the publish is
refused then (`StaleSparkBuild`), and the build is run again.
"""
from __future__ import annotations

import datetime as dt

from ..warehouse import BUILD_STATE, CONFIG_KEY, MARTS, _state, _write_cfg, _write_seeds, config_hash, models
from ..warehouse.publish import literal
from .transpile import model_schemas


class StaleSparkBuild(Exception):
    """The workspace published a new snapshot (a load, a removal) after the tables Spark built from were exported."""


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def publish_spark_marts(ws, marts: str, settings: dict, exported_version: int | None = None) -> int:
    """Every mart of `marts` (a folder DuckDB can read: local, or s3:// with DuckDB's httpfs) as the workspace's new
    current snapshot; returns its version. `exported_version`: the snapshot version when the raw tables were
    exported (refused if the workspace moved on since)."""
    schema = model_schemas()
    with ws.writer() as con:
        if exported_version is not None and ws.version() != exported_version:
            raise StaleSparkBuild(f"the workspace published snapshot v{ws.version()} after the export (v"
                                  f"{exported_version}): build again")
        con.execute("BEGIN TRANSACTION")
        try:
            _write_cfg(con, settings)
            _write_seeds(con)
            for mart in MARTS:
                select = ", ".join(f"CAST({_ident(c)} AS {t}) AS {_ident(c)}" for c, t in schema[mart].items())
                source = literal(marts.rstrip("/") + f"/{mart}/*.parquet")
                con.execute(f"CREATE OR REPLACE TABLE {mart} AS SELECT {select} FROM read_parquet({source})")
            # the workspace's own intermediate tables (int_order_lines) are older than these marts: dropped, so the next
            # load builds them again rather than replacing keys in a stale copy
            for m in models():
                if m.layer == "intermediate":
                    con.execute(f"DROP TABLE IF EXISTS {m.name}")
            _state(con)
            today = dt.date.today()
            rows = [(m.name, m.sql_hash, today) for m in models() if m.layer != "intermediate"] + [(CONFIG_KEY, config_hash(settings), today)]
            con.executemany(f"INSERT OR REPLACE INTO {BUILD_STATE} VALUES (?, ?, ?)", rows)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return ws.publish(con)
