"""Scale benchmark: the whole generated business at N order lines (default 10M) through Opsdesk on this machine.

    .venv/bin/python bench/scale.py [--lines 10000000] [--memory-limit 1GB] [--out bench/out/scale] [--repeat 5]
                                    [--regenerate] [--reingest] [--skip-baseline]
    .venv/bin/python bench/scale.py --lines 10000000 --compare 1000000     # growth between two recorded runs

1. **Generation** (informational, cached in `<out>/files_<lines>/`): `lib.sample.generate(dir, orders=lines/1.626)`
   in a child process, the 18 files in their real export formats (94 s and 1.2 GB peak RSS at 1M lines on the
   busy 2-core machine: expect 10–20 min and 7–12 GB at 10M).  Files over the per-file limit
   (`limits.max_file_mb`, 250 MB by default; at 10M five files are over it) are not split: the bench raises the
   limit in the bench workspace's `state/settings.json` and says so in its output and JSON
   (`max_file_mb_raised_to`).
2. **Baseline, same process**: bare DuckDB `CREATE TABLE t_i AS SELECT * FROM read_csv(file_i)` for every file
   into a new database file, with the same `memory_limit` as the Opsdesk writer (types sniffed; eBay's preamble
   and trailer need `ignore_errors=true, null_padding=true`).
3. **Ingest**: one `lib.ingest.ingest_files(ws, all_files, loaded_by="bench")` call into a new workspace, with
   the workspace setting `limits.memory_limit_mb` (DuckDB's memory limit for every writer) set to
   `--memory-limit` (recorded), the wall and CPU time of each stage
   (checksum, sniff, read, type+insert with its date-format detection, marts build, publish, rest = commit and
   small work; read and type+insert also per file), peak RSS of the phase (VmHWM after resetting it through
   /proc/self/clear_refs, plus a 0.1 s VmRSS sampler) and the peak size of DuckDB's spill directory
   (`opsdesk.duckdb.tmp`, sampled by a thread).  The loaded workspace is cached in `<out>/ws_<lines>`; later runs
   reuse it and its recorded ingest/baseline figures unless `--reingest`.
4. **Marts rebuild alone**: `lib.warehouse.rebuild(ws)` (build in a transaction + publish), as after a settings
   change, under the same `limits.memory_limit_mb`.
5. **Pages**: every page data function of bench/pages.py (`pages.page_cases`) on a fresh read-only snapshot
   connection: the first (cold) call, then the median (and min, and median CPU) of `--repeat` warm calls.  A page's time is the sum of its
   functions.
6. Workspace size on disk (database, archive, snapshots), then a table with the targets (ingest ≤ 60 s, each
   page ≤ 1 s, peak RSS of the ingest ≤ 1.5 × the memory limit) and the JSON `<out>/<lines>.json`.

Timings are wall-clock seconds (CPU seconds beside them: on a busy 2-core machine compare those).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

LINES_PER_ORDER = 1.6261  # measured: 615,000 orders -> 1,000,056 order lines (seed 7)
INGEST_TARGET_S = 60.0
PAGE_TARGET_S = 1.0
RSS_FACTOR = 1.5  # peak RSS of the ingest may exceed DuckDB's memory_limit by half (Python, non-buffer memory)

GEN_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[3])
from lib.sample import generate
t = time.perf_counter()
files = generate(sys.argv[1], orders=int(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - t, "files": [str(f) for f in files]}))
"""


# ------------------------------------------------------------------------------------------------ measuring


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _disk_bytes(path: Path) -> int:
    """Allocated bytes under path (files or directory), 0 when absent."""
    try:
        if path.is_file():
            return path.stat().st_blocks * 512
        total = 0
        for root, _dirs, files in os.walk(path):
            for n in files:
                try:
                    total += os.stat(os.path.join(root, n)).st_blocks * 512
                except OSError:
                    pass
        return total
    except OSError:
        return 0


class Phase:
    """Wall/CPU time, peak RSS (VmHWM reset at start + VmRSS sampling) and peak size of spill directories."""

    def __init__(self, spill_dirs=()):
        self.spill_dirs = [Path(p) for p in spill_dirs]
        self.rss_max_kb = 0
        self.spill_max = 0
        self._stop = threading.Event()

    def _sample(self):
        while not self._stop.wait(0.1):
            self.rss_max_kb = max(self.rss_max_kb, _status_kb("VmRSS"))
            if self.spill_dirs:
                self.spill_max = max(self.spill_max, sum(_disk_bytes(d) for d in self.spill_dirs))

    def __enter__(self):
        try:
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")  # reset VmHWM to the current RSS
            self.hwm_reset = True
        except OSError:
            self.hwm_reset = False
        self.rss_start_kb = _status_kb("VmRSS")
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        self.t, self.c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t
        self.cpu = time.process_time() - self.c
        self._stop.set()
        self._thread.join()
        hwm = _status_kb("VmHWM") if self.hwm_reset else 0
        self.rss_max_kb = max(self.rss_max_kb, hwm, _status_kb("VmRSS"))
        return False

    def figures(self, prefix: str) -> dict:
        d = {f"{prefix}_s": self.seconds, f"{prefix}_cpu_s": self.cpu, f"{prefix}_peak_rss_mb": self.rss_max_kb / 1024}
        if self.spill_dirs:
            d[f"{prefix}_peak_spill_mb"] = self.spill_max / 1e6
        return d


SUB_DATES = "of which date formats (choose_date_formats)"
STAGES: dict[str, float] = {}  # the current phase's stage wall times (wrappers add to it)
STAGES_CPU: dict[str, float] = {}  # and their process CPU times
PER_FILE: dict[str, dict] = {}


def _timed(mod, name: str, label: str, file_of=None) -> None:
    """Wrap mod.name (when it exists) so its wall time adds up under STAGES[label] (and PER_FILE[file][label])."""
    real = getattr(mod, name, None)
    if real is None or getattr(real, "_bench_wrapped", False):
        return

    def f(*a, **k):
        t, c = time.perf_counter(), time.process_time()
        try:
            return real(*a, **k)
        finally:
            took = time.perf_counter() - t
            STAGES[label] = STAGES.get(label, 0.0) + took
            STAGES_CPU[label] = STAGES_CPU.get(label, 0.0) + time.process_time() - c
            if file_of is not None:
                try:
                    key = file_of(a)
                except Exception:
                    key = "?"
                d = PER_FILE.setdefault(key, {})
                d[label] = d.get(label, 0.0) + took
    f._bench_wrapped = True
    setattr(mod, name, f)


def install_timers() -> None:
    """Time the stages of lib.ingest / lib.warehouse / Workspace.publish by wrapping them (looked up at call time)."""
    import lib.ingest as ing
    import lib.warehouse as wh
    from lib.workspace import Workspace
    for mod, name, label in ((ing, "file_sha256", "checksum"), (ing, "sniff", "sniff"),
                             (wh, "build", "marts build"), (ing, "build", "marts build"),
                             (Workspace, "publish", "publish snapshot")):
        _timed(mod, name, label)
    _timed(ing, "read_into", "read", lambda a: Path(a[1]).name)  # read_into(con, path, sn, table, …)
    _timed(ing, "_insert", "type+insert", lambda a: a[2].name)  # _insert(ws, con, f, …)
    _timed(ing, "choose_date_formats", SUB_DATES)  # inside _insert: not added to the total


def reset_timers() -> None:
    STAGES.clear()
    STAGES_CPU.clear()
    PER_FILE.clear()


# ------------------------------------------------------------------------------------------------ phases


def ensure_files(out: Path, lines: int, regenerate: bool) -> tuple[list[Path], dict]:
    d = out / f"files_{lines}"
    meta_p = d / "meta.json"
    orders = round(lines / LINES_PER_ORDER)
    if not regenerate and meta_p.exists():
        meta = json.loads(meta_p.read_text())
        if meta.get("orders") == orders and all(Path(f).exists() for f in meta["files"]):
            return [Path(f) for f in meta["files"]], meta
    shutil.rmtree(d, ignore_errors=True)
    print(f"generating {orders:,} orders (≈{lines:,} order lines) into {d} …", flush=True)
    import tempfile
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-c", GEN_CHILD, str(d), str(orders), str(REPO)],
                                stdout=subprocess.PIPE, stderr=err)
        stdout = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise SystemExit(f"generation failed:\n{err.read().decode()[-3000:]}")
    res = json.loads(stdout.decode().strip().splitlines()[-1])
    files = [Path(f) for f in res["files"]]
    meta = {"orders": orders, "seed": 7, "files": [str(f) for f in files],
            "bytes": sum(f.stat().st_size for f in files), "largest_mb": max(f.stat().st_size for f in files) / 1e6,
            "generate_s": res["seconds"], "generate_peak_rss_mb": usage.ru_maxrss / 1024,
            "generated_at": dt.datetime.now().isoformat(timespec="seconds")}
    meta_p.write_text(json.dumps(meta, indent=1))
    print(f"generated {len(files)} files, {meta['bytes'] / 1e9:.2f} GB, in {res['seconds']:.0f} s "
          f"(peak RSS {meta['generate_peak_rss_mb'] / 1024:.1f} GB)", flush=True)
    return files, meta


def baseline(files: list[Path], scratch: Path, memory_limit: str) -> dict:
    import duckdb
    db = scratch / "bare.duckdb"
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    shutil.rmtree(Path(str(db) + ".tmp"), ignore_errors=True)
    lenient = []
    with Phase([Path(str(db) + ".tmp")]) as ph:
        con = duckdb.connect(str(db))
        con.execute(f"SET memory_limit = '{memory_limit}'")
        rows = 0
        for i, f in enumerate(files):
            try:
                con.execute(f"CREATE TABLE t{i} AS SELECT * FROM read_csv($p)", {"p": str(f)})
            except duckdb.Error:
                con.execute(f"CREATE TABLE t{i} AS SELECT * FROM read_csv($p, ignore_errors=true, null_padding=true)",
                            {"p": str(f)})
                lenient.append(f.name)
            rows += con.execute(f"SELECT count(*) FROM t{i}").fetchall()[0][0]
        con.close()
    out = ph.figures("baseline")
    out.update(baseline_rows=rows, baseline_lenient_files=lenient, baseline_db_mb=_disk_bytes(db) / 1e6)
    db.unlink(missing_ok=True)
    Path(str(db) + ".wal").unlink(missing_ok=True)
    shutil.rmtree(Path(str(db) + ".tmp"), ignore_errors=True)
    return out


def run_ingest(files: list[Path], root: Path, memory_limit: str) -> dict:
    import lib.ingest as ing
    from lib.workspace import Workspace
    install_timers()
    reset_timers()
    shutil.rmtree(root, ignore_errors=True)
    ws = Workspace.open(root)
    default_mb = ws.settings()["limits"]["max_file_mb"]
    settings = ws.read_state("settings", {}) or {}
    settings.setdefault("limits", {})["memory_limit_mb"] = int(_parse_size_mb(memory_limit))
    ws.write_state("settings", settings)
    largest_mb = max(f.stat().st_size for f in files) / 1024 / 1024
    raised = None
    if largest_mb > default_mb:
        raised = int(math.ceil(largest_mb / 100) * 100)
        settings = ws.read_state("settings", {}) or {}
        settings.setdefault("limits", {})["max_file_mb"] = raised
        ws.write_state("settings", settings)
        print(f"note: the largest file is {largest_mb:.0f} MB, over the {default_mb} MB per-file limit; "
              f"limits.max_file_mb raised to {raised} in the bench workspace's state/settings.json", flush=True)
    spill = Path(str(ws.db_path) + ".tmp")
    load_before = os.getloadavg()[0]
    with Phase([spill]) as ph:
        reports = ing.ingest_files(ws, files, loaded_by="bench")
    bad = [r.message for r in reports if r.status != "loaded"]
    if bad:
        raise SystemExit("ingest did not load every file:\n" + "\n".join(bad))
    stages = dict(STAGES)
    rest = "rest (commit, load log, archive copy, …)"
    stages[rest] = ph.seconds - sum(v for k, v in stages.items() if k != SUB_DATES)
    stages_cpu = dict(STAGES_CPU)
    stages_cpu[rest] = ph.cpu - sum(v for k, v in stages_cpu.items() if k != SUB_DATES)
    out = ph.figures("ingest")
    out.update(ingest_stages=stages, ingest_stages_cpu=stages_cpu, ingest_per_file=dict(PER_FILE),
               ingest_loadavg_before=load_before, write_memory_limit=memory_limit, max_file_mb_default=default_mb,
               max_file_mb_raised_to=raised, rows_loaded=sum(r.rows_loaded for r in reports),
               rows_quarantined=sum(r.rows_quarantined for r in reports), files=len(files),
               ingest_batch_calls=1, ingested_at=dt.datetime.now().isoformat(timespec="seconds"))
    return out


def run_rebuild(ws) -> dict:
    import lib.warehouse as wh
    install_timers()
    reset_timers()
    load_before = os.getloadavg()[0]
    with Phase([Path(str(ws.db_path) + ".tmp")]) as ph:
        wh.rebuild(ws)
    out = ph.figures("rebuild")
    out["rebuild_publish_s"] = STAGES.get("publish snapshot", float("nan"))
    out["rebuild_build_s"] = STAGES.get("marts build", float("nan"))
    out["rebuild_publish_cpu_s"] = STAGES_CPU.get("publish snapshot", float("nan"))
    out["rebuild_build_cpu_s"] = STAGES_CPU.get("marts build", float("nan"))
    out["rebuild_loadavg_before"] = load_before
    return out


def run_spark(ws, out: Path, master: str) -> dict:
    """The same marts built on Apache Spark (`python -m lib build --engine spark`, step by step): export the raw, cfg
    and seed tables as Parquet, start the session, build every model, publish Spark's marts as the snapshot. DuckDB's
    rebuild of the same run is the baseline."""
    from lib.scaleout.export import export_workspace
    from lib.scaleout.publish import publish_spark_marts
    from lib.scaleout.spark import build, session
    scratch = out / "spark"
    shutil.rmtree(scratch, ignore_errors=True)
    R: dict = {"spark_master": master, "spark_loadavg_before": os.getloadavg()[0]}
    version, settings = ws.version(), ws.settings()
    t = time.perf_counter()
    export_workspace(ws, scratch / "raw")
    R["spark_export_s"] = time.perf_counter() - t
    t = time.perf_counter()
    spark = session(master, {"spark.driver.memory": "3g", "spark.sql.shuffle.partitions": str(2 * (os.cpu_count() or 2))})
    R["spark_session_s"] = time.perf_counter() - t
    try:
        report = build(spark, str(scratch / "raw"), str(scratch / "marts"))
    finally:
        spark.stop()
    R["spark_build_s"] = report.total_seconds
    R["spark_slowest_models"] = dict(sorted(report.seconds.items(), key=lambda kv: -kv[1])[:5])
    t = time.perf_counter()
    publish_spark_marts(ws, str(scratch / "marts"), settings, version)
    R["spark_publish_s"] = time.perf_counter() - t
    R["spark_total_s"] = R["spark_export_s"] + R["spark_session_s"] + R["spark_build_s"] + R["spark_publish_s"]
    R["spark_marts_mb"] = _disk_bytes(scratch / "marts") / 1e6
    shutil.rmtree(scratch, ignore_errors=True)
    return R


def page_cases(con, targets: dict):
    """(review week, [(page, function name, zero-argument callable)]): bench/pages.py's page_cases, on the review's
    default week and the 13 weeks before its end."""
    import pages
    review = pages.review
    week = review.default_week(con)
    _start, end = review.parse_week(week)
    quarter = {"start": end - dt.timedelta(days=90), "end": end, "channels": [], "warehouses": [], "carriers": [],
               "categories": []}
    carrier = con.execute("SELECT mode(carrier) FROM fct_orders").fetchall()[0][0]
    return week, pages.page_cases(con, week, quarter, targets, carrier)


def run_pages(ws, repeat: int) -> dict:
    targets = ws.settings()["targets"]
    con = ws.reader()
    with Phase() as ph:
        week, cases = page_cases(con, targets)
        res = {}
        for page, name, fn in cases:  # first call of each, in page order, on a fresh connection
            t = time.perf_counter()
            fn()
            res[name] = {"page": page, "cold_ms": (time.perf_counter() - t) * 1000}
        for page, name, fn in cases:
            times, cpus = [], []
            for _ in range(repeat):
                t, c = time.perf_counter(), time.process_time()
                fn()
                times.append((time.perf_counter() - t) * 1000)
                cpus.append((time.process_time() - c) * 1000)
            res[name].update(warm_ms=statistics.median(times), warm_min_ms=min(times),
                             warm_cpu_ms=statistics.median(cpus))
    lines = con.execute("SELECT count(*) FROM fct_order_lines").fetchall()[0][0]
    orders = con.execute("SELECT count(*) FROM fct_orders").fetchall()[0][0]
    con.close()
    pages_ = {}
    for name, r in res.items():
        p = pages_.setdefault(r["page"], {"warm_ms": 0.0, "cold_ms": 0.0, "warm_min_ms": 0.0, "warm_cpu_ms": 0.0})
        for k in p:
            p[k] += r[k]
    out = {"functions": res, "pages": pages_, "review_week": week, "order_lines": lines, "orders": orders,
           "pages_peak_rss_mb": ph.rss_max_kb / 1024, "pages_repeat": repeat}
    return out


def _current_snapshot_bytes(ws) -> int:
    """The Parquet parts the current snapshot lists (shared with earlier snapshots where their rows are the same)."""
    p = ws.snapshot_path()
    if p is None:
        return 0
    tables = json.loads(p.read_text())["tables"]
    return sum((ws.snapshot_dir / f).stat().st_size for parts in tables.values() for f in parts)


def disk(ws, files_dir: Path) -> dict:
    return {"ws_total_mb": _disk_bytes(ws.root) / 1e6, "ws_db_mb": _disk_bytes(ws.db_path) / 1e6,
            "ws_archive_mb": _disk_bytes(ws.archive_dir) / 1e6, "ws_snapshots_mb": _disk_bytes(ws.snapshot_dir) / 1e6,
            "ws_snapshot_files": len(list(ws.snapshot_dir.glob("v*.json"))),
            "ws_current_snapshot_mb": _current_snapshot_bytes(ws) / 1e6,
            "files_mb": _disk_bytes(files_dir) / 1e6}


# ------------------------------------------------------------------------------------------------ report


def _mark(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _gb(mb) -> str:
    return f"{mb / 1024:.2f} GB"


def print_report(R: dict) -> None:
    lim_mb = _parse_size_mb(R["write_memory_limit"])
    print()
    print(f"{R['order_lines']:,} order lines, {R['orders']:,} orders, {R['files']} files "
          f"({R['files_bytes'] / 1e9:.2f} GB, largest {R['files_largest_mb']:.0f} MB); {os.cpu_count()} CPU(s); "
          f"load average {R['loadavg']:.1f}; DuckDB writer memory_limit {R['write_memory_limit']}"
          + (f"; limits.max_file_mb raised to {R['max_file_mb_raised_to']}" if R.get("max_file_mb_raised_to") else ""))
    if R.get("ingest_cached_from"):
        print(f"(ingest and baseline figures from the run of {R['ingest_cached_from']}; workspace reused)")
    print()
    print(f"{'measure':50} {'wall':>9} {'CPU':>9} {'peak RSS':>10} {'spill':>9}   target")
    print(f"{'generation (informational, child process)':50} {R['generate_s']:8.1f}s {'':>9} "
          f"{_gb(R['generate_peak_rss_mb']):>10}")
    print(f"{'bare DuckDB read_csv -> tables (baseline)':50} {R['baseline_s']:8.1f}s {R['baseline_cpu_s']:8.1f}s "
          f"{_gb(R['baseline_peak_rss_mb']):>10} {R['baseline_peak_spill_mb'] / 1e3:7.2f}GB")
    ok = R["ingest_s"] <= INGEST_TARGET_S
    print(f"{'Opsdesk ingest_files (one batch, all files)':50} {R['ingest_s']:8.1f}s {R['ingest_cpu_s']:8.1f}s "
          f"{_gb(R['ingest_peak_rss_mb']):>10} {R['ingest_peak_spill_mb'] / 1e3:7.2f}GB   ≤ {INGEST_TARGET_S:.0f} s: "
          f"{_mark(ok)}")
    names = {"read": "read (DuckDB read_csv into varchar temp tables)",
             "type+insert": "type, validate, insert raw (choose_date_formats …)"}
    cpu = R.get("ingest_stages_cpu", {})
    for k, v in sorted(R["ingest_stages"].items(), key=lambda kv: -kv[1]):
        if k == SUB_DATES:
            continue
        print(f"{'  ' + names.get(k, k):50} {v:8.1f}s" + (f" {cpu[k]:8.1f}s" if k in cpu else ""))
        if k == "type+insert" and SUB_DATES in R["ingest_stages"]:
            print(f"{'    ' + SUB_DATES:50} {R['ingest_stages'][SUB_DATES]:8.1f}s"
                  + (f" {cpu[SUB_DATES]:8.1f}s" if SUB_DATES in cpu else ""))
    per_file = R.get("ingest_per_file") or {}
    if per_file:
        top = sorted(per_file.items(), key=lambda kv: -sum(kv[1].values()))[:5]
        for n, d in top:
            print(f"{'    ' + n:50} {sum(d.values()):8.1f}s   (read {d.get('read', 0):.1f} s + type/insert "
                  f"{d.get('type+insert', 0):.1f} s)")
    print(f"{'  Opsdesk ÷ bare DuckDB':50} {R['ingest_s'] / R['baseline_s']:8.2f}× "
          f"{R['ingest_cpu_s'] / R['baseline_cpu_s']:8.2f}×")
    print(f"{'marts rebuild alone (rebuild(ws): build+publish)':50} {R['rebuild_s']:8.1f}s {R['rebuild_cpu_s']:8.1f}s "
          f"{_gb(R['rebuild_peak_rss_mb']):>10} {R['rebuild_peak_spill_mb'] / 1e3:7.2f}GB   (same memory_limit)")
    print(f"{'  of which build':50} {R['rebuild_build_s']:8.1f}s {R.get('rebuild_build_cpu_s', float('nan')):8.1f}s")
    print(f"{'  of which publish snapshot':50} {R['rebuild_publish_s']:8.1f}s "
          f"{R.get('rebuild_publish_cpu_s', float('nan')):8.1f}s")
    ok = R["ingest_peak_rss_mb"] <= RSS_FACTOR * lim_mb
    print(f"{'peak RSS of the ingest vs memory limit':50} {'':>9} {'':>9} {_gb(R['ingest_peak_rss_mb']):>10} {'':>9}   "
          f"≤ {RSS_FACTOR} × {R['write_memory_limit']}: {_mark(ok)}")
    print(f"{'peak RSS of this process (max of the phases)':50} {'':>9} {'':>9} {_gb(R['process_maxrss_mb']):>10}")
    print()
    print(f"{'page':<14} {'function':<42} {'cold ms':>9} {'warm ms':>9} {'min ms':>9} {'CPU ms':>9}   target ≤ "
          f"{PAGE_TARGET_S * 1000:.0f} ms per page (warm: median of {R['pages_repeat']} calls)")
    for name, r in R["functions"].items():
        print(f"{r['page']:<14} {name:<42} {r['cold_ms']:9.1f} {r['warm_ms']:9.1f} {r['warm_min_ms']:9.1f} "
              f"{r['warm_cpu_ms']:9.1f}")
    for page, p in R["pages"].items():
        print(f"{page:<14} {'(page total)':<42} {p['cold_ms']:9.1f} {p['warm_ms']:9.1f} {p['warm_min_ms']:9.1f} "
              f"{p['warm_cpu_ms']:9.1f}   "
              f"{_mark(p['warm_ms'] <= PAGE_TARGET_S * 1000)}"
              + ("" if p["cold_ms"] <= PAGE_TARGET_S * 1000 else " (cold: over)"))
    print()
    print(f"workspace on disk: {R['ws_total_mb'] / 1e3:.2f} GB (database {R['ws_db_mb'] / 1e3:.2f} GB, "
          f"archive {R['ws_archive_mb'] / 1e3:.2f} GB, snapshots {R['ws_snapshots_mb'] / 1e3:.2f} GB in "
          f"{R['ws_snapshot_files']} file(s), current one {R['ws_current_snapshot_mb'] / 1e3:.2f} GB); generated "
          f"files {R['files_mb'] / 1e3:.2f} GB; baseline database {R['baseline_db_mb'] / 1e3:.2f} GB (deleted)")


def _parse_size_mb(s: str) -> float:
    s = s.strip().upper().replace("IB", "B")
    for unit, mult in (("TB", 1024 ** 2), ("GB", 1024), ("MB", 1), ("KB", 1 / 1024)):
        if s.endswith(unit):
            return float(s[: -len(unit)]) * mult
    return float(s) / 1024 / 1024


def _flat(R: dict) -> dict:
    """Numeric figures by name, for growth comparisons."""
    out = {}
    for k, v in R.items():
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            out[k] = v
    for k, v in R.get("ingest_stages", {}).items():
        out[f"ingest stage: {k}"] = v
    for k, v in R.get("ingest_stages_cpu", {}).items():
        out[f"ingest stage CPU: {k}"] = v
    for name, r in R.get("functions", {}).items():
        out[f"{name} warm ms"] = r["warm_ms"]
        out[f"{name} cold ms"] = r["cold_ms"]
        out[f"{name} warm CPU ms"] = r.get("warm_cpu_ms", float("nan"))
    for page, p in R.get("pages", {}).items():
        out[f"page {page} warm ms"] = p["warm_ms"]
        out[f"page {page} warm CPU ms"] = p.get("warm_cpu_ms", float("nan"))
    return out


def compare(out: Path, lines: int, base: int) -> int:
    a_p, b_p = out / f"{base}.json", out / f"{lines}.json"
    for p in (a_p, b_p):
        if not p.exists():
            raise SystemExit(f"{p} does not exist: run bench/scale.py --lines {p.stem} first")
    A, B = json.loads(a_p.read_text()), json.loads(b_p.read_text())
    fa, fb = _flat(A), _flat(B)
    scale = B["order_lines"] / A["order_lines"]
    print(f"growth from {A['order_lines']:,} to {B['order_lines']:,} order lines (×{scale:.2f}); "
          f"exponent k in figure ∝ lines^k (1 = linear)\n")
    print(f"{'figure':58} {base:>12} {lines:>12} {'growth':>8} {'k':>6}")
    skip = {"loadavg", "cpus", "lines_requested", "ws_snapshot_files", "bench_wall_s", "ingest_loadavg_before",
            "rebuild_loadavg_before", "pages_repeat", "files", "ingest_batch_calls", "max_file_mb_default",
            "max_file_mb_raised_to"}
    for k in fa:
        if k in fb and k not in skip and fa[k]:
            g = fb[k] / fa[k]
            e = math.log(g) / math.log(scale) if g > 0 and scale != 1 else float("nan")
            print(f"{k[:58]:58} {fa[k]:12.1f} {fb[k]:12.1f} {g:7.2f}× {e:6.2f}")
    return 0


# ------------------------------------------------------------------------------------------------ main


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=10_000_000, help="order lines in the generated business")
    ap.add_argument("--memory-limit", default="1GB", help="DuckDB memory_limit of every writer (workspace setting limits.memory_limit_mb)")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "scale"))
    ap.add_argument("--repeat", type=int, default=5, help="warm calls per page function (median)")
    ap.add_argument("--regenerate", action="store_true", help="generate the files again")
    ap.add_argument("--reingest", action="store_true", help="ingest again even if the workspace is cached")
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--compare", type=int, metavar="LINES", help="only print growth from the run at LINES to --lines")
    ap.add_argument("--spark", action="store_true", help="also build the marts on Apache Spark and publish them "
                    "(after the pages, which are timed on DuckDB's marts): requirements-scaleout.txt and Java")
    ap.add_argument("--spark-master", default="local[*]", help="Spark master URL for --spark (default local[*])")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.compare:
        return compare(out, args.lines, args.compare)

    from lib.workspace import Workspace
    t0 = time.perf_counter()
    files, meta = ensure_files(out, args.lines, args.regenerate)
    R: dict = {"lines_requested": args.lines, "files_bytes": meta["bytes"], "files_largest_mb": meta["largest_mb"],
               "generate_s": meta["generate_s"], "generate_peak_rss_mb": meta["generate_peak_rss_mb"],
               "cpus": os.cpu_count(), "run_at": dt.datetime.now().isoformat(timespec="seconds")}
    json_p = out / f"{args.lines}.json"
    ws_root = out / f"ws_{args.lines}"
    prev = json.loads(json_p.read_text()) if json_p.exists() else {}
    cached = (not args.reingest and (ws_root / "CURRENT").exists() and "ingest_s" in prev
              and prev.get("write_memory_limit") == args.memory_limit)
    if cached:
        keep = [k for k in prev if k.startswith(("ingest", "baseline")) or k in (
            "write_memory_limit", "max_file_mb_default", "max_file_mb_raised_to", "rows_loaded", "rows_quarantined",
            "files")]
        R.update({k: prev[k] for k in keep})
        R["ingest_cached_from"] = prev.get("ingested_at", prev.get("run_at"))
        ws = Workspace(ws_root)
        print(f"reusing the loaded workspace {ws_root} (ingested {R['ingest_cached_from']}; "
              "--reingest to measure again)")
    else:
        scratch = out / "scratch"
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir()
        if args.skip_baseline:
            R.update(baseline_s=float("nan"), baseline_cpu_s=float("nan"), baseline_peak_rss_mb=float("nan"),
                     baseline_peak_spill_mb=float("nan"), baseline_db_mb=float("nan"))
        else:
            print("baseline: bare DuckDB read_csv of every file …", flush=True)
            R.update(baseline(files, scratch, args.memory_limit))
            print(f"  {R['baseline_s']:.1f} s", flush=True)
        shutil.rmtree(scratch, ignore_errors=True)
        print(f"ingest: ingest_files(ws, {len(files)} files) with limits.memory_limit_mb = {args.memory_limit} …",
              flush=True)
        shutil.rmtree(ws_root, ignore_errors=True)
        tmp = out / f"ws_{args.lines}.tmp"
        R.update(run_ingest(files, tmp, args.memory_limit))
        tmp.rename(ws_root)
        ws = Workspace(ws_root)
        print(f"  {R['ingest_s']:.1f} s", flush=True)
    print("rebuild: lib.warehouse.rebuild(ws) …", flush=True)
    R.update(run_rebuild(ws))
    print(f"  {R['rebuild_s']:.1f} s", flush=True)
    print("pages …", flush=True)
    R.update(run_pages(ws, args.repeat))
    R.update(disk(ws, out / f"files_{args.lines}"))
    if args.spark:
        print(f"spark: the marts built on Spark ({args.spark_master}) and published …", flush=True)
        R.update(run_spark(ws, out, args.spark_master))
        print(f"  {R['spark_total_s']:.1f} s (export {R['spark_export_s']:.1f}, session {R['spark_session_s']:.1f}, "
              f"build {R['spark_build_s']:.1f}, publish {R['spark_publish_s']:.1f}); DuckDB's rebuild: "
              f"{R['rebuild_s']:.1f} s", flush=True)
    # clear_refs resets ru_maxrss too (both read the same high-water mark): the process peak is the max of the phases
    phases = [v for k, v in R.items() if k.endswith("_peak_rss_mb") and k != "generate_peak_rss_mb" and v == v]
    R["process_maxrss_mb"] = max([resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024] + phases)
    R["loadavg"] = os.getloadavg()[0]
    R["bench_wall_s"] = time.perf_counter() - t0
    json_p.write_text(json.dumps(R, indent=1, default=str))
    print_report(R)
    print(f"\nfigures written to {json_p}; bench wall time {R['bench_wall_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
