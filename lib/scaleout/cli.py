"""`python -m lib scaleout …`: the warehouse's marts built on Apache Spark (README "When one machine is outgrown").

    python -m lib scaleout export --workspace DIR --out RAW          # raw, cfg and seed tables as Parquet
    python -m lib scaleout build --workspace DIR --out OUT           # export to OUT/raw, build OUT/marts on Spark
    python -m lib scaleout build --raw s3a://bucket/raw --out s3a://bucket/marts --master spark://host:7077
    python -m lib scaleout build --workspace DIR --out OUT --compare # and check every mart equals DuckDB's
    python -m lib scaleout sql --model fct_orders                    # the Spark SQL a model runs as
    python -m lib build --workspace DIR --engine spark [--master URL] # build on Spark, publish as the snapshot

`build` needs pyspark and a Java runtime (pip install -r requirements-scaleout.txt; Debian: openjdk-17-jre-headless).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def add_parser(sub) -> None:
    sp = sub.add_parser("scaleout", help="build the marts on Apache Spark (export, build, sql)")
    inner = sp.add_subparsers(dest="scaleout_cmd", required=True)

    e = inner.add_parser("export", help="write the workspace's raw, cfg and seed tables as Parquet")
    e.add_argument("--workspace", help="workspace folder (default: $OPSDESK_WORKSPACE or ./workspace)")
    e.add_argument("--out", required=True, help="folder to write <table>.parquet into")
    e.set_defaults(fn=cmd_export)

    b = inner.add_parser("build", help="run every model on Spark and write each mart as Parquet")
    b.add_argument("--workspace", help="workspace to export the raw tables from (to OUT/raw) and to compare with")
    b.add_argument("--raw", help="instead of --workspace: a path Spark reads holding <table>.parquet for every raw, "
                                 "cfg and seed table (local, hdfs://, s3a://…), as `scaleout export` writes them")
    b.add_argument("--out", required=True, help="where the marts go: OUT/marts/<mart>/ (a path Spark writes)")
    b.add_argument("--master", default="local[*]", help="Spark master URL (default local[*]; e.g. spark://host:7077, "
                                                        "yarn, k8s://…)")
    b.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                   help="extra Spark setting, e.g. spark.executor.memory=8g (repeatable)")
    b.add_argument("--compare", action="store_true",
                   help="check every mart equals the workspace's current snapshot (DuckDB); exit 1 if one differs")
    b.set_defaults(fn=cmd_build)

    q = inner.add_parser("sql", help="print the Spark SQL of one model (or of all)")
    q.add_argument("--model", help="model name, e.g. fct_orders (default: every model, in build order)")
    q.set_defaults(fn=cmd_sql)


def _workspace(path):
    from ..workspace import Workspace
    return Workspace.existing(path)


def cmd_export(args) -> int:
    from .export import export_workspace
    counts = export_workspace(_workspace(args.workspace), Path(args.out))
    print(f"{len(counts)} table(s), {sum(counts.values()):,} row(s) written to {args.out}")
    return 0


def cmd_build(args) -> int:
    if not args.raw and not args.workspace:
        print("refused: give --workspace (to export its tables) or --raw (a folder of exported tables)", file=sys.stderr)
        return 2
    if args.compare and not args.workspace:
        print("refused: --compare needs --workspace (the DuckDB marts to compare with)", file=sys.stderr)
        return 2
    conf = {}
    for kv in args.conf:
        if "=" not in kv:
            print(f"refused: --conf {kv!r} is not KEY=VALUE", file=sys.stderr)
            return 2
        k, v = kv.split("=", 1)
        conf[k.strip()] = v.strip()
    ws = _workspace(args.workspace) if args.workspace else None
    out = args.out.rstrip("/")
    raw = args.raw
    if raw is None:
        from .export import export_workspace
        raw = out + "/raw"
        export_workspace(ws, Path(raw))
    try:
        from . import spark as engine
        spark = engine.session(args.master, conf)
    except ImportError:
        print("refused: pyspark is not installed: pip install -r requirements-scaleout.txt (and a Java 17 runtime)",
              file=sys.stderr)
        return 2
    try:
        report = engine.build(spark, raw, out + "/marts")
    finally:
        spark.stop()
    for mart, rows in report.rows.items():
        print(f"{mart:<26} {rows:>12,} rows  {report.seconds[mart]:7.1f} s")
    print(f"{len(report.rows)} marts built on Spark ({args.master}) in {report.total_seconds:.1f} s: {out}/marts")
    if not args.compare:
        return 0
    from ..warehouse import MARTS
    from .compare import compare_marts
    con = ws.reader()
    try:
        diffs = compare_marts(con, out + "/marts", MARTS)
    finally:
        con.close()
    for d in diffs:
        print(f"{'equal' if d.equal else 'DIFFERENT':<9} {d.mart}" + ("" if d.equal else f": {d.detail}"))
    equal = sum(d.equal for d in diffs)
    print(f"{equal} of {len(diffs)} marts equal to DuckDB's")
    return 0 if equal == len(diffs) else 1


def _conf(pairs) -> dict | None:
    conf = {}
    for kv in pairs:
        if "=" not in kv:
            print(f"refused: --conf {kv!r} is not KEY=VALUE", file=sys.stderr)
            return None
        k, v = kv.split("=", 1)
        conf[k.strip()] = v.strip()
    return conf


def build_and_publish(ws, master: str, conf_pairs, out: str | None) -> int:
    """`python -m lib build --engine spark`: export the workspace's tables, build every mart on Spark, publish
    Spark's marts as the workspace's current snapshot (lib/scaleout/publish.py)."""
    conf = _conf(conf_pairs)
    if conf is None:
        return 2
    try:
        from . import spark as engine
    except ImportError:
        engine = None
    if engine is None or importlib.util.find_spec("pyspark") is None:
        print("refused: pyspark is not installed: pip install -r requirements-scaleout.txt (and a Java 17 runtime)",
              file=sys.stderr)
        return 2
    from .export import export_workspace
    from .publish import StaleSparkBuild, publish_spark_marts
    out = (out or str(ws.root / "spark")).rstrip("/")
    exported_version = ws.version()
    settings = ws.settings()
    export_workspace(ws, Path(out + "/raw"))
    spark = engine.session(master, conf)
    try:
        report = engine.build(spark, out + "/raw", out + "/marts")
    finally:
        spark.stop()
    try:
        version = publish_spark_marts(ws, out + "/marts", settings, exported_version)
    except StaleSparkBuild as e:
        print(f"refused: {e}", file=sys.stderr)
        return 1
    print(f"{len(report.rows)} marts built on Spark ({master}) in {report.total_seconds:.1f} s; "
          f"snapshot v{version} published")
    return 0


def cmd_sql(args) -> int:
    from .transpile import build_plan, to_spark
    steps = [s for s in build_plan() if args.model in (None, s.name)]
    if not steps:
        print(f"refused: no model named {args.model!r}", file=sys.stderr)
        return 2
    for s in steps:
        print(f"-- {s.name} ({s.layer})\n{to_spark(s.duckdb_sql)};\n")
    return 0
