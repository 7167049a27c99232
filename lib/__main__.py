"""Command line: `python -m lib ingest|build|sql|sample|templates …` (see README "Command line")."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _ws(args):
    from .workspace import Workspace
    return Workspace.open(args.workspace)


def _existing_ws(args):
    """For commands that only read: the workspace must exist (a mistyped folder is never created empty)."""
    from .workspace import Workspace
    return Workspace.existing(args.workspace)


def cmd_ingest(args) -> int:
    from .ingest import ingest_files
    if args.preset:
        reports = _ingest_with_preset(args)
        if reports is None:
            return 1
    else:
        reports = ingest_files(_ws(args), args.files, loaded_by="cli")
    if args.json:
        print(json.dumps([r.as_dict() for r in reports], indent=1, default=str))
    else:
        for r in reports:
            print(f"[{r.status}] {r.message}")
            for n in r.notes:
                print(f"    note: {n}")
            for e in r.errors[:20]:
                print(f"    row {e.row}, column {e.column!r}: {e.reason} (value {e.value!r})")
            if r.rows_quarantined > 20:
                print(f"    … {r.rows_quarantined - 20} more quarantined row(s): see Data health → Load history")
    return 0 if all(r.ok for r in reports) else 1


def _ingest_with_preset(args):
    """Each file loaded with the mapping preset named (built-in or the workspace's) or given as a JSON file."""
    from .ingest import presets
    from .ingest.intake import ingest_with_preset
    ws = _ws(args)
    try:
        given = Path(args.preset)
        preset = presets.parse(given.read_bytes()) if given.suffix.lower() == ".json" and given.is_file() \
            else presets.by_name(ws, args.preset)
        if preset is None:
            names = ", ".join(p.name for p in presets.all_presets(ws))
            print(f"no mapping preset '{args.preset}' (presets: {names}; or give a preset .json file)", file=sys.stderr)
            return None
        reports = []
        for f in args.files:
            try:
                reports.append(ingest_with_preset(ws, Path(f), preset))
            except presets.PresetError as e:
                print(f"[refused] {Path(f).name}: {e}", file=sys.stderr)
                return None
        return reports
    except presets.PresetError as e:
        print(f"the preset cannot be used: {e}", file=sys.stderr)
        return None


def cmd_build(args) -> int:
    from .warehouse import rebuild
    ws = _ws(args)
    if args.engine == "spark":
        from .scaleout.cli import build_and_publish
        return build_and_publish(ws, args.master, args.conf, args.out)
    rebuild(ws)
    print(f"marts rebuilt; snapshot v{ws.version()} published")
    return 0


def cmd_sql(args) -> int:
    from .warehouse.sandbox import QueryRefused, run_query
    try:
        res = run_query(_existing_ws(args), args.query, row_cap=args.limit)
    except QueryRefused as e:
        print(f"refused: {e}", file=sys.stderr)
        return 2
    from .reports.exports import frame_to_csv
    if args.format == "json":
        print(res.frame.to_json(orient="records", date_format="iso"))
    else:
        sys.stdout.write(frame_to_csv(res.frame))
    if res.truncated:
        print(f"(first {res.row_cap} rows shown)", file=sys.stderr)
    return 0


def cmd_sample(args) -> int:
    from .sample import generate
    out = Path(args.out)
    paths = generate(out, orders=args.orders, seed=args.seed, shopify_only=args.shopify_only,
                     orders_per_week=args.orders_per_week, more_channels=args.more_channels)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} file(s), {total / 1e6:.1f} MB written to {out}")
    return 0


def cmd_seed(args) -> int:
    """Load the sample business into an empty workspace (used by `make run`)."""
    from .sample import REALISTIC_ORDERS_PER_WEEK
    from .workspace.seed import seed_workspace
    per_week = None if args.small else (args.orders_per_week or REALISTIC_ORDERS_PER_WEEK)
    print(seed_workspace(_ws(args), force=args.force, orders_per_week=per_week, seed=args.seed))
    return 0


def cmd_templates(args) -> int:
    from .ingest.templates import write_templates
    paths = write_templates(Path(args.out))
    print(f"{len(paths)} template file(s) written to {args.out}")
    return 0


def cmd_export(args) -> int:
    """Write one published table (a mart) to CSV, Parquet or XLSX, for scheduled jobs; or, with --all, every mart
    and the data dictionary into a folder for BI tools (lib.reports.bi)."""
    from .reports.exports import export_table
    if args.all:
        return _export_all(args)
    if not args.table or args.format == "both":
        print("refused: name a table (--table fct_orders, --format csv, parquet or xlsx) or export every mart "
              "(--all --out DIR)", file=sys.stderr)
        return 2
    try:
        path, rows = export_table(_existing_ws(args), args.table, args.format or "csv", Path(args.out) if args.out else None)
    except ValueError as e:
        print(f"refused: {e}", file=sys.stderr)
        return 2
    print(f"{rows:,} row(s) of {args.table} written to {path}")
    return 0


def _export_all(args) -> int:
    from .reports.bi import export_marts
    if not args.out:
        print("refused: --all needs --out DIR (the folder your BI tool reads)", file=sys.stderr)
        return 2
    try:
        r = export_marts(_existing_ws(args), Path(args.out), args.format or "both")
    except ValueError as e:
        print(f"refused: {e}", file=sys.stderr)
        return 2
    print(f"{len(r.rows)} marts ({sum(r.rows.values()):,} rows) of snapshot v{r.snapshot_version} and the data "
          f"dictionary written to {r.out_dir}")
    return 0


def cmd_report(args) -> int:
    """A file of the weekly review (lib.metrics.review), named by week: `weekly`, the pack (Excel, prints landscape);
    `brief`, one or two pages of PDF whose alerts link to the review pinned in the workspace."""
    import os

    if args.kind == "accruals":
        return _report_accruals(args)
    from .metrics.review import pin
    from .reports import weekly_pack as pack
    ws = _existing_ws(args)
    app_url = args.app_url or os.environ.get("OPSDESK_APP_URL") or "http://localhost:8501"
    try:
        rv = pack.review_for(ws, args.week)
    except ValueError as e:
        print(f"refused: {e}", file=sys.stderr)
        return 2
    paper = pack.paper_of(ws.settings())
    if args.kind == "weekly":
        path, data = pack.out_path(args.out, "pack", rv.week), pack.weekly_pack(rv, paper=paper, app_url=app_url)
    else:
        from .reports.brief import brief_pdf
        path = pack.out_path(args.out, "brief", rv.week)
        data = brief_pdf(rv, pin_id=pin(ws, rv), paper=paper, app_url=app_url,
                         orientation=pack.orientation_of(ws.settings()))
    path.write_bytes(data)
    what = "weekly pack" if args.kind == "weekly" else "weekly brief"
    print(f"{what} {rv.week}: {len(data) / 1e3:.0f} kB written to {path}")
    return 0


def _report_accruals(args) -> int:
    """The month-end accruals workbook (lib.metrics.accruals): Summary (vendor, kind, basis, currency, amount,
    orders, packages) and the lines behind it, named accruals_<YYYY-MM>.xlsx."""
    from pathlib import Path

    from .metrics import accruals
    from .reports.accruals import workbook
    if not args.month:
        print("refused: --month YYYY-MM is required for the accruals report", file=sys.stderr)
        return 2
    try:
        accruals.month_bounds(args.month)
    except ValueError as e:
        print(f"refused: {e}", file=sys.stderr)
        return 2
    ws = _existing_ws(args)
    con = ws.reader()
    try:
        currency = str(ws.settings().get("reporting_currency") or "USD").upper()
        a = accruals.accruals(con, args.month, currency)
    finally:
        con.close()
    out = Path(args.out) if args.out else Path(".")
    path = out / f"accruals_{a.month}.xlsx" if out.is_dir() or not out.suffix else out
    path.write_bytes(workbook(a))
    print(f"accruals {a.month}: {a.total_amount:,.2f} {currency} carrier and 3PL ({len(a.carrier):,} packages, "
          f"{len(a.tpl):,} 3PL orders not yet invoiced; {len(a.purchase_orders):,} PO lines received without a cost) "
          f"written to {path}")
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m lib", description="Opsdesk command line")
    sub = p.add_subparsers(dest="cmd", required=True)

    def ws_arg(sp):
        sp.add_argument("--workspace", help="workspace folder (default: $OPSDESK_WORKSPACE or ./workspace)")

    sp = sub.add_parser("ingest", help="load export files into the workspace")
    ws_arg(sp)
    sp.add_argument("files", nargs="+")
    sp.add_argument("--json", action="store_true", help="machine-readable report")
    sp.add_argument("--preset", help="load every file with this mapping preset: its name (built-in or the "
                                     "workspace's presets/) or a preset .json file")
    sp.set_defaults(fn=cmd_ingest)

    sp = sub.add_parser("build", help="rebuild the marts and publish a snapshot")
    ws_arg(sp)
    sp.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb",
                    help="spark: build every mart on Apache Spark and publish Spark's marts as the snapshot "
                         "(pip install -r requirements-scaleout.txt and a Java runtime)")
    sp.add_argument("--master", default="local[*]", help="with --engine spark: the Spark master URL")
    sp.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                    help="with --engine spark: a Spark setting, e.g. spark.executor.memory=8g (repeatable)")
    sp.add_argument("--out", help="with --engine spark: where Spark reads the exported tables and writes the marts "
                                  "(default: <workspace>/spark)")
    sp.set_defaults(fn=cmd_build)

    sp = sub.add_parser("sql", help="run one read-only SELECT against the marts")
    ws_arg(sp)
    sp.add_argument("query")
    sp.add_argument("--format", choices=["csv", "json"], default="csv")
    sp.add_argument("--limit", type=int, default=10_000)
    sp.set_defaults(fn=cmd_sql)

    sp = sub.add_parser("sample", help="generate the sample business in the real export formats")
    sp.add_argument("--out", required=True)
    size = sp.add_mutually_exclusive_group()
    size.add_argument("--orders", type=int, default=6000, help="orders over the two years (default 6000)")
    size.add_argument("--orders-per-week", type=float, default=None,
                      help="average orders a week instead (e.g. 1500: the scale `lib seed` loads)")
    sp.add_argument("--seed", type=int, default=7)
    sp.add_argument("--shopify-only", action="store_true", help="one big Shopify orders export (benchmarks)")
    sp.add_argument("--more-channels", action="store_true",
                    help="also sell on a WooCommerce store and an Etsy shop (what `lib seed` loads)")
    sp.set_defaults(fn=cmd_sample)

    sp = sub.add_parser("seed", help="load the sample business into the workspace if it is empty")
    ws_arg(sp)
    sp.add_argument("--force", action="store_true", help="reset the workspace first")
    sp.add_argument("--orders-per-week", type=float, default=None,
                    help="scale of the generated business (default: lib.sample.REALISTIC_ORDERS_PER_WEEK, 1500)")
    sp.add_argument("--seed", type=int, default=7, help="random seed of the generated business")
    sp.add_argument("--small", action="store_true", help="load the committed small sample_data/ instead")
    sp.set_defaults(fn=cmd_seed)

    sp = sub.add_parser("templates", help="write the Opsdesk template files (CSV and XLSX)")
    sp.add_argument("--out", required=True)
    sp.set_defaults(fn=cmd_templates)

    sp = sub.add_parser("export", help="write a mart to csv, parquet or xlsx (formula-safe), or every mart for BI tools")
    ws_arg(sp)
    which = sp.add_mutually_exclusive_group()
    which.add_argument("--table", help="a published table, e.g. fct_orders")
    which.add_argument("--all", action="store_true",
                       help="every mart as Parquet and CSV plus data_dictionary.csv/.json into the --out folder")
    sp.add_argument("--format", choices=["csv", "parquet", "xlsx", "both"],
                    help="csv (default for --table), parquet, xlsx; with --all: parquet, csv or both (default)")
    sp.add_argument("--out", help="output file (default: <table>.<format> in the current folder); with --all, a folder")
    sp.set_defaults(fn=cmd_export)

    sp = sub.add_parser("report", help="build a file: the weekly review (weekly: the pack, .xlsx; brief: .pdf) or "
                                       "the month-end accruals (accruals --month YYYY-MM, .xlsx)")
    sp.add_argument("kind", choices=["weekly", "brief", "accruals"])
    sp.add_argument("--month", help="accruals: the month to close, YYYY-MM")
    ws_arg(sp)
    sp.add_argument("--week", help="ISO week, e.g. 2026-W12 (default: the latest complete week)")
    sp.add_argument("--out", help="output file, or a folder to write weekly_review_<week>.xlsx / "
                                  "weekly_brief_<week>.pdf into (default: the current folder)")
    sp.add_argument("--app-url", help="the app's address for the links in the file (default: $OPSDESK_APP_URL "
                                      "or http://localhost:8501)")
    sp.set_defaults(fn=cmd_report)

    from .forecast.cli import add_parser as add_forecast_parser
    add_forecast_parser(sub)
    from .scaleout.cli import add_parser as add_scaleout_parser
    add_scaleout_parser(sub)

    args = p.parse_args(argv)
    from .workspace import WorkspaceMissing
    try:
        return args.fn(args)
    except WorkspaceMissing as e:
        print(f"refused: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
