"""One model on Spark and on DuckDB, from the same inputs: where a slow model's time goes, before and after a fix.

    .venv/bin/python bench/spark_model.py --lines 60000 --model fct_disputes [--explain] [--repeat 3]
        [--sql old.sql …]   # also time another version of the model (e.g. `git show HEAD~1:lib/…/fct_disputes.sql`)

1. The generated business at `--lines` order lines (`lib.sample.generate`, seed 7), ingested into a workspace
   (both cached in `<out>/files_<lines>/` and `<out>/ws_<lines>/`).
2. The model's inputs (the tables its SQL reads: raw tables, upstream models, cfg tables) written from the
   workspace as Parquet (`<out>/inputs_<lines>/`), so both engines read the same rows.
3. DuckDB: a fresh in-memory database with each input loaded as a table (not timed), then
   `CREATE TABLE … AS <model>` `--repeat` times (wall and CPU seconds, median).
4. Spark `--master` (default local[2]): each input registered from its Parquet, the model's Spark SQL
   (`lib.scaleout.transpile.to_spark`) written as Parquet as the build does, `--repeat` times (the first includes
   Spark's warm-up); `--explain` prints the physical plan first.
5. Each version's Spark result checked equal to DuckDB's (`lib.scaleout.compare.compare_frames`).
Run it under `nice -n 10` on a shared machine: it is a measurement, not a test.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LINES_PER_ORDER = 1.6261  # as bench/scale.py: 615,000 orders -> 1,000,056 order lines (seed 7)


def workspace(out: Path, lines: int):
    from lib.ingest import ingest_files
    from lib.sample import generate
    from lib.workspace import Workspace
    files_dir, ws_dir = out / f"files_{lines}", out / f"ws_{lines}"
    if not (ws_dir / ".ingested").exists():
        shutil.rmtree(ws_dir, ignore_errors=True)
        t0 = time.perf_counter()
        files = generate(files_dir, orders=round(lines / LINES_PER_ORDER), seed=7)
        ws = Workspace.open(ws_dir)
        reports = ingest_files(ws, files, loaded_by="bench")
        refused = [r for r in reports if not r.ok]
        if refused:
            raise SystemExit(f"{len(refused)} file(s) refused: {refused[0]}")
        (ws_dir / ".ingested").write_text("ok\n")
        print(f"generated and ingested {len(files)} files in {time.perf_counter() - t0:.0f} s")
    return Workspace.existing(ws_dir)


def inputs_of(sql: str) -> list[str]:
    from sqlglot import exp

    from lib.scaleout.transpile import parse
    tree = parse(sql)
    ctes = {c.alias_or_name for c in tree.find_all(exp.CTE)}
    return sorted({t.name for t in tree.find_all(exp.Table)} - ctes)


def export_inputs(ws, names: list[str], out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    rows = {}
    from lib.scaleout.transpile import build_plan
    with ws.writer() as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if set(names) - tables:  # an upstream model the build keeps as a temp view or table: build it here the same way
            for step in build_plan():
                if step.layer != "marts":
                    kind = "TABLE" if step.materialise else "VIEW"
                    con.execute(f"CREATE OR REPLACE TEMP {kind} {step.name} AS {step.duckdb_sql}")
        for name in names:
            rel = con.table(name)
            rel.write_parquet(str(out / f"{name}.parquet"))
            rows[name] = rel.aggregate("count(*)").fetchall()[0][0]
    return rows


def time_duckdb(sql: str, names: list[str], inputs: Path, repeat: int):
    import os

    import duckdb
    con = duckdb.connect()
    con.execute("SET threads = 2")
    for n in names:
        con.execute(f"CREATE TABLE {n} AS SELECT * FROM read_parquet('{inputs / (n + '.parquet')}')")
    walls, cpus = [], []
    for _ in range(repeat):
        c0, t0 = os.times(), time.perf_counter()
        con.execute(f"CREATE OR REPLACE TABLE __result AS {sql}")
        c1 = os.times()
        walls.append(time.perf_counter() - t0)
        cpus.append((c1.user - c0.user) + (c1.system - c0.system))
    frame = con.table("__result").df()
    con.close()
    return walls, cpus, frame


def time_spark(spark, sql: str, names: list[str], inputs: Path, out: Path, repeat: int, explain: bool):
    from lib.scaleout.transpile import to_spark
    for n in names:
        spark.read.parquet(str(inputs / f"{n}.parquet")).createOrReplaceTempView(n)
    text = to_spark(sql)
    if explain:
        spark.sql(text).explain(mode="formatted")
    walls = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        spark.sql(text).write.mode("overwrite").parquet(str(out))
        walls.append(time.perf_counter() - t0)
    return walls, spark.read.parquet(str(out)).toPandas()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lines", type=int, default=60_000)
    ap.add_argument("--model", default="fct_disputes", help="a model of the build (lib.scaleout.transpile.build_plan)")
    ap.add_argument("--sql", action="append", default=[], metavar="FILE",
                    help="another version of the model's DuckDB SQL to time beside it (repeatable)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--explain", action="store_true", help="print each version's Spark physical plan")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "spark_model"))
    args = ap.parse_args()

    from lib.scaleout.compare import compare_frames
    from lib.scaleout.spark import session
    from lib.scaleout.transpile import build_plan
    steps = {s.name: s for s in build_plan()}
    if args.model not in steps:
        print(f"refused: no model named {args.model!r}", file=sys.stderr)
        return 2
    versions = [("current", steps[args.model].duckdb_sql)] + [(Path(f).name, Path(f).read_text()) for f in args.sql]
    out = Path(args.out)
    ws = workspace(out, args.lines)
    names = sorted({n for _, sql in versions for n in inputs_of(sql)})
    rows = export_inputs(ws, names, out / f"inputs_{args.lines}")
    print(f"{args.lines:,} lines; inputs: " + ", ".join(f"{n} {r:,}" for n, r in rows.items()))
    spark = session(args.master, {"spark.sql.shuffle.partitions": "4"})
    try:
        for label, sql in versions:
            d_wall, d_cpu, duck = time_duckdb(sql, names, out / f"inputs_{args.lines}", args.repeat)
            s_wall, sp = time_spark(spark, sql, names, out / f"inputs_{args.lines}", out / f"result_{label}",
                                    args.repeat, args.explain)
            diff = compare_frames(args.model, duck, sp)
            print(f"{args.model} [{label}]: {len(duck):,} rows; DuckDB median {statistics.median(d_wall):.3f} s "
                  f"wall ({statistics.median(d_cpu):.3f} s CPU); Spark {args.master} "
                  + ", ".join(f"{w:.1f}" for w in s_wall) + f" s (median {statistics.median(s_wall):.1f} s); "
                  + ("equal" if diff.equal else f"DIFFERENT: {diff.detail}"))
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
