"""Daily-load benchmark: what one more day of exports costs a workspace that already holds the history.

    .venv/bin/python bench/daily.py [--orders 60000] [--out bench/out/daily] [--regenerate] [--keep-history] [--daily-only]

Generates (or reuses) the sample business at `--orders` orders (`lib.sample.generate`, every export), splits each
orders export into the *history* (orders created before the last day) and a *daily* file (the last two days: one new
day plus the day before re-exported, as an operator who downloads "yesterday and today" every morning), loads the
history and the other exports into a new workspace, then measures in the same run:

* **daily orders load**: `ingest_files` of the daily Shopify file: the marts downstream of the Shopify orders are
  rebuilt, and only the snapshot parts (year files) whose rows changed are written;
* **daily CSAT load**: a one-day CSAT template file: only the marts that read CSAT are rebuilt;
* **baseline: the previous design** on the same workspace: every mart rebuilt and every published table copied into
  a new DuckDB snapshot file (what every load did before incremental builds and light snapshots);
* **full rebuild** (`lib.warehouse.rebuild`, as after a settings change): every mart rebuilt, every table
  fingerprinted, unchanged parts reused.

At ~10M order lines (`--orders 6150000`) several exports exceed the per-file upload limit (`limits.max_file_mb`):
the bench raises it in its own workspace and says so.

Prints wall and CPU seconds, marts rebuilt, MB written into the snapshot, and the ratios to the baseline.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DATE_COLUMN = {"shopify_orders_export.csv": ("Name", "Created at")}


def split_daily(path: Path, out: Path, key: str, when: str) -> tuple[Path, Path, dt.date]:
    """History (orders before the last day) and the daily file (the last two days) of one orders export. Streams the
    file twice (each order's first date, then the rows), so a 10M-line export does not have to fit in memory."""
    day = {}
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        k, d = header.index(key), header.index(when)
        for r in rows:
            if r[d] and r[k] not in day:
                day[r[k]] = dt.date.fromisoformat(r[d][:10])
    last = max(day.values())
    paths = out / f"history_{path.name}", out / f"daily_{path.name}"
    with open(path, newline="", encoding="utf-8") as f, open(paths[0], "w", newline="", encoding="utf-8") as h, \
            open(paths[1], "w", newline="", encoding="utf-8") as y:
        rows = csv.reader(f)
        hist, daily = csv.writer(h), csv.writer(y)
        hist.writerow(next(rows))
        daily.writerow(header)
        for r in rows:
            when_ = day.get(r[k], last)
            if when_ < last:
                hist.writerow(r)
            if when_ >= last - dt.timedelta(days=1):
                daily.writerow(r)
    return paths[0], paths[1], last


def timed(fn):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t, time.process_time() - c


def pages_ms(cons: dict, targets: dict, rounds: int = 3) -> dict:
    """Every page data function of bench/pages.py on each connection of `cons`, interleaved (A, B, A, B, …: a busy
    machine slows both alike): per connection, the sum over functions of each function's fastest warm call, in ms."""
    sys.path.insert(0, str(REPO / "bench"))
    from scale import page_cases
    cases = {name: page_cases(con, targets)[1] for name, con in cons.items()}
    best = {name: {} for name in cons}
    for name in cons:  # first (cold) calls
        for _page, fn_name, fn in cases[name]:
            fn()
    for _ in range(rounds):
        for name in cons:
            for _page, fn_name, fn in cases[name]:
                t = time.perf_counter()
                fn()
                ms = (time.perf_counter() - t) * 1000
                best[name][fn_name] = min(ms, best[name].get(fn_name, ms))
    return {name: sum(b.values()) for name, b in best.items()}


def old_design(ws, keep: bool = False) -> int:
    """Every mart rebuilt, every published table copied into one new DuckDB file: the publish before light snapshots."""
    from lib.warehouse import build, published_tables
    target = ws.root / "baseline_snapshot.duckdb"
    target.unlink(missing_ok=True)
    with ws.writer() as con:
        con.execute("BEGIN TRANSACTION")
        build(con, ws.settings())
        con.execute("COMMIT")
        con.execute("ATTACH $p AS snap", {"p": str(target)})
        for t in published_tables(con):
            con.execute(f"CREATE TABLE snap.{t} AS SELECT * FROM main.{t}")
        con.execute("CREATE TABLE snap.snapshot_info AS SELECT 0::INTEGER AS version, now()::TIMESTAMP AS published_at")
        con.execute("DETACH snap")
    size = target.stat().st_size
    if not keep:
        target.unlink()
    return size


def copy_workspace(src: Path, dst: Path) -> None:
    """A copy of a workspace folder: the database and state copied, the immutable snapshot parts and archived files
    hard-linked (they are never modified in place)."""
    def link_or_copy(a, b):
        immutable = {"snapshots", "archive"} & set(Path(a).relative_to(src).parts[:1])
        try:
            os.link(a, b) if immutable else shutil.copy2(a, b)
        except OSError:
            shutil.copy2(a, b)
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, copy_function=link_or_copy)


def restore_history(kept: Path, dst: Path):
    from lib.workspace import Workspace
    copy_workspace(kept / "ws", dst)
    return Workspace.open(dst)


def up_to_date(ws) -> float:
    """Build the models whose SQL changed since the kept history was built (untimed in the results)."""
    from lib.warehouse import build
    started = time.perf_counter()
    with ws.writer() as con:
        con.execute("BEGIN TRANSACTION")
        try:
            build(con, ws.settings(), changed=set())
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        ws.publish(con)  # every table looked at: parts split again if their period (year, month) changed
    return time.perf_counter() - started


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=60_000)
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "daily"))
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument("--keep-history", action="store_true",
                    help="keep the loaded history in OUT/history_<orders> and start later runs from a copy of it (at "
                         "10M lines the history ingest takes ~30 min); the copy's models are first brought up to date, "
                         "untimed, as the first build after an upgrade would")
    ap.add_argument("--daily-only", action="store_true",
                    help="measure the daily loads only, not the baselines (at 10M lines the previous design's rebuild "
                         "and the full rebuild take ~30 min each)")
    args = ap.parse_args(argv)
    from lib.ingest import ingest_files
    from lib.sample import generate
    from lib.warehouse import MARTS, rebuild
    from lib.workspace import Workspace

    out = Path(args.out)
    files_dir = out / f"files_{args.orders}"
    if args.regenerate or not (files_dir / "shopify_orders_export.csv").exists():
        shutil.rmtree(files_dir, ignore_errors=True)
        generate(files_dir, orders=args.orders)
    files = sorted(p for p in files_dir.iterdir() if p.is_file())
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shop = files_dir / "shopify_orders_export.csv"
    history, daily, last = split_daily(shop, work, *DATE_COLUMN[shop.name])
    csat = work / "csat_daily.csv"
    csat.write_text("response_id,responded_at,score,order_id,channel,comment\n"
                    f"CS-B1,{last} 10:00:00,5,#B1,shopify,quick delivery\nCS-B2,{last} 11:00:00,2,#B2,shopify,box damaged\n")
    ws = Workspace.open(work / "ws")
    largest_mb = max(p.stat().st_size for p in files) / 1024 / 1024
    if largest_mb > ws.settings()["limits"]["max_file_mb"]:  # at ~10M lines several exports exceed the upload limit
        settings = ws.read_state("settings", {}) or {}
        settings.setdefault("limits", {})["max_file_mb"] = int(largest_mb // 100 + 1) * 100
        ws.write_state("settings", settings)
        print(f"note: limits.max_file_mb raised to {settings['limits']['max_file_mb']} in the bench workspace", flush=True)
    kept = out / f"history_{args.orders}"
    if args.keep_history and (kept / "done.json").exists():
        ws = restore_history(kept, work / "ws")
        full_s, full_cpu = json.loads((kept / "done.json").read_text())
        print(f"history restored from {kept} (loaded in {full_s:.0f} s); brought up to date in "
              f"{up_to_date(ws):.1f} s", flush=True)
    else:
        reports, full_s, full_cpu = timed(lambda: ingest_files(ws, [history] + [p for p in files if p != shop],
                                                               loaded_by="bench"))
        bad = [r.message for r in reports if not r.ok]
        if bad:
            raise SystemExit("history did not load:\n" + "\n".join(bad))
        if args.keep_history:
            shutil.rmtree(kept, ignore_errors=True)
            copy_workspace(ws.root, kept / "ws")
            (kept / "done.json").write_text(json.dumps([full_s, full_cpu]))
    con = ws.reader()
    lines = con.execute("SELECT count(*) FROM fct_order_lines").fetchone()[0]
    snap_mb = sum(p.stat().st_size for p in (ws.snapshot_dir / "parts").rglob("*.duckdb")) / 1e6
    con.close()

    R = {"orders": args.orders, "order_lines": lines, "last_day": str(last), "history_ingest_s": full_s,
         "history_ingest_cpu_s": full_cpu, "parts_total_mb": snap_mb}
    for name, path in (("daily_orders", daily), ("daily_csat", csat)):
        [r], s, c = timed(lambda: ingest_files(ws, [path], loaded_by="bench"))
        if not r.ok:
            raise SystemExit(f"{path.name}: {r.message}")
        last_publish = ws.read_state("last_publish")
        R[name] = {"s": s, "cpu_s": c, "rows": r.rows_loaded,
                   "marts_rebuilt": len(set(last_publish["tables_compared"]) & set(MARTS)),
                   "parts_written": last_publish["parts_written"], "mb_written": last_publish["mb_written"],
                   "keyed": ws.read_state("last_build", {}).get("keyed", {}),
                   "seconds": ws.read_state("last_build", {}).get("seconds", {})}
    if args.daily_only:
        print(f"daily load into {lines:,} order lines (history ingest {full_s:.1f} s, {full_cpu:.1f} CPU-s)")
        for key, label in (("daily_orders", "daily Shopify orders (2 days)"), ("daily_csat", "daily CSAT template")):
            x = R[key]
            slow = ", ".join(f"{m} {v:.1f} s" for m, v in sorted(x["seconds"].items(), key=lambda i: -i[1])[:5])
            print(f"{label:34} {x['s']:8.2f} s wall {x['cpu_s']:8.2f} CPU-s {x['mb_written']:9.1f} MB written; "
                  f"slowest models: {slow}")
        (out / f"{args.orders}_daily.json").write_text(json.dumps(R, indent=1))
        return 0
    size, s, c = timed(lambda: old_design(ws, keep=True))
    R["baseline_old_design"] = {"s": s, "cpu_s": c, "marts_rebuilt": len(MARTS), "mb_written": size / 1e6}
    # pages on the snapshot's parts against pages on the same tables in one native DuckDB file (the previous snapshot)
    import duckdb
    targets = ws.settings()["targets"]
    from lib.warehouse.publish import define_macros
    native = duckdb.connect(str(ws.root / "baseline_snapshot.duckdb"))
    define_macros(native)
    parts = ws.reader()
    ms = pages_ms({"native": native, "parts": parts}, targets)
    R["pages_native_ms"], R["pages_parts_ms"] = ms["native"], ms["parts"]
    native.close()
    parts.close()
    (ws.root / "baseline_snapshot.duckdb").unlink()
    _, s, c = timed(lambda: rebuild(ws))
    lp = ws.read_state("last_publish")
    R["full_rebuild"] = {"s": s, "cpu_s": c, "marts_rebuilt": len(MARTS), "parts_written": lp["parts_written"],
                         "mb_written": lp["mb_written"]}

    base = R["baseline_old_design"]
    print(f"daily load into {lines:,} order lines (history ingest {full_s:.1f} s, {full_cpu:.1f} CPU-s; "
          f"snapshot parts {snap_mb:.1f} MB)")
    print(f"{'':34} {'wall s':>8} {'CPU s':>8} {'marts':>6} {'MB written':>11} {'÷ baseline CPU':>15}")
    for key, label in (("daily_orders", "daily Shopify orders (2 days)"), ("daily_csat", "daily CSAT template"),
                       ("full_rebuild", "full rebuild (settings change)"),
                       ("baseline_old_design", "baseline: rebuild all + copy all")):
        x = R[key]
        print(f"{label:34} {x['s']:8.2f} {x['cpu_s']:8.2f} {x['marts_rebuilt']:6d} {x['mb_written']:11.2f} "
              f"{x['cpu_s'] / base['cpu_s']:15.2f}")
    print(f"every page's data, warm: {R['pages_parts_ms']:.0f} ms on the snapshot's parts, {R['pages_native_ms']:.0f} ms "
          f"on one native DuckDB copy ({R['pages_parts_ms'] / R['pages_native_ms']:.2f}×)")
    (out / f"{args.orders}.json").write_text(json.dumps(R, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
