"""Run the warehouse's models on Apache Spark, over Parquet, and write every mart as Parquet.

The session settings that make Spark read our SQL as DuckDB does:
- `spark.sql.ansi.enabled=false`: a division by zero is NULL (DuckDB), not an error (Spark 4's ANSI default);
- `spark.sql.timestampType=TIMESTAMP_NTZ` and `spark.sql.session.timeZone=UTC`: our timestamps carry no zone
  (DuckDB's TIMESTAMP), so no value moves with the machine's time zone;
- `spark.sql.parquet.inferTimestampNTZ.enabled=true` (Spark's default, stated): DuckDB's Parquet timestamps read
  back zone-less.
Paths may be anything Spark reads and writes (a local folder, hdfs://, s3a://, abfss://).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from .transpile import build_plan, model_schemas, to_spark

SESSION_CONF = {
    "spark.sql.ansi.enabled": "false",
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.parquet.inferTimestampNTZ.enabled": "true",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
}


def session(master: str = "local[*]", conf: dict | None = None, app_name: str = "opsdesk"):
    """A Spark session for the build (pyspark and a Java runtime must be installed: requirements-scaleout.txt)."""
    from pyspark.sql import SparkSession
    builder = SparkSession.builder.master(master).appName(app_name)
    for k, v in {**SESSION_CONF, **(conf or {})}.items():
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@dataclass
class SparkBuild:
    """What a build ran: seconds per model (latest views and staging views are lazy: their time is in the models
    that read them) and the rows of every mart written."""
    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    total_seconds: float = 0.0


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name


def build(spark, raw: str, out: str) -> SparkBuild:
    """Register <raw>/<table>.parquet for every table the models read, run every model in the order of
    lib.warehouse.build(), write each mart to <out>/<mart> (a Parquet folder) and the intermediate tables to
    <out>/_build/<name>."""
    started = time.perf_counter()
    report = SparkBuild()
    schema = model_schemas()
    steps = build_plan()
    produced = {s.name for s in steps}
    for table in schema:
        if table not in produced and (table.startswith(("raw_", "cfg_", "seed_")) or table == "load_log"):
            spark.read.parquet(_join(raw, f"{table}.parquet")).createOrReplaceTempView(table)
    for step in steps:
        t0 = time.perf_counter()
        frame = spark.sql(to_spark(step.duckdb_sql, schema))
        if step.materialise:
            path = _join(out, step.name) if step.layer == "marts" else _join(_join(out, "_build"), step.name)
            frame.write.mode("overwrite").parquet(path)
            frame = spark.read.parquet(path)
            if step.layer == "marts":
                report.rows[step.name] = frame.count()
        frame.createOrReplaceTempView(step.name)
        report.seconds[step.name] = time.perf_counter() - t0
    report.total_seconds = time.perf_counter() - started
    return report


def register_outputs(spark, raw: str, out: str) -> list[str]:
    """What page queries read, as views of a session that did not run the build: every mart from <out>/<mart>
    and the cfg and seed tables from <raw>/<table>.parquet. Returns the view names."""
    from ..warehouse import MARTS
    names = []
    for table in model_schemas():
        if table.startswith(("cfg_", "seed_")):
            spark.read.parquet(_join(raw, f"{table}.parquet")).createOrReplaceTempView(table)
            names.append(table)
    for mart in MARTS:
        spark.read.parquet(_join(out, mart)).createOrReplaceTempView(mart)
        names.append(mart)
    return names
