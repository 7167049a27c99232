"""The sample business at the scale `make run` loads: time to seed it, and page load times on it.

    .venv/bin/python bench/sample_scale.py [--workspace bench/out/sample_scale/ws] [--reseed] [--repeat 5]

1. Seeding (only when the workspace is missing, or with --reseed): `python -m lib seed --workspace WS` in a child
   process, as `make run` calls it (generate ~156k orders with lib.sample, ingest the 20 files, build the marts,
   publish the snapshot): wall seconds, CPU seconds of the child (DuckDB's threads included) and peak RSS.
2. Page loads: each page run in Streamlit's AppTest on that workspace (OPSDESK_WORKSPACE), with its default view;
   "first" is the first run of the page in this process (Streamlit's caches empty, as after a server start),
   "again" the median of --repeat re-runs (the caches warm: what a page switch costs once a page was seen).
   Server-side time only (no browser, no network): the browser test tests/browser/test_glance_browser.py measures
   the time to the first tile.
3. The data functions behind Overview and Weekly review, uncached (first call, then the median of --repeat).

The load average is printed before and after: the machine is shared, so wall times swing with other processes'
load; CPU times much less.

Measured on 2 CPUs shared with four other engineers' jobs (load average 13, so wall ≈ 3× CPU), issue #17:

    seed (make run's first step): 156,429 orders, 610,431 rows; wall 112.7 s, CPU 36.6 s, peak RSS 1.1 GB
      (earlier runs: wall 70 s at load 7, 119 s at load 11; CPU 34–37 s each time: under a minute on idle cores)

    data function                             first s   (CPU)  again s   (CPU)
    overview.headline (last 4 weeks)             0.03    0.01     0.02    0.01
    overview.weekly (last 4 weeks)               0.04    0.02     0.04    0.02
    review.weekly_review (2026-W47)              0.95    0.50     1.14    0.45

    page (AppTest, default view)              first s   (CPU)  again s   (CPU)
    review                                      18.73    7.01     0.45    0.10   (first: the app's imports too)
    overview                                     0.66    0.26     0.24    0.06
    fulfillment                                  2.13    0.57     0.17    0.12
    returns                                      4.49    2.13     0.07    0.06
    carriers                                     5.20    2.11     0.46    0.22
    profitability                               12.16    5.29     1.91    0.67
    customers                                    1.12    0.46     0.23    0.12
    disputes                                     0.67    0.41     0.28    0.15
    inventory                                    1.44    0.56     0.27    0.12
    forecast                                   147.97   12.13     3.66    1.86   (issue #18's page: see below)
    capacity                                     0.86    0.38     0.21    0.16
    data_health                                  0.95    0.63     0.38    0.28

In Chromium against a warm server on the same workspace (same load): the first tile of `/` in 5.1–5.6 s; a page
opened by URL (a full reload) in 3.2–12 s the first time, ~4–5 s once its data is cached.  The Forecast page's first
load (fitting every series' models at this scale) is the one a manager would notice: 2.5 minutes here.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# the app imports its `pages` package: bench/pages.py (this folder is first on the path) must not shadow it
sys.path[:] = [str(REPO)] + [p for p in sys.path if Path(p or ".").resolve() != REPO / "bench"]

PAGES = ("review", "overview", "fulfillment", "returns", "carriers", "profitability", "customers", "disputes",
         "inventory", "forecast", "capacity", "data_health")


def seed(ws: Path) -> dict:
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "lib", "seed", "--workspace", str(ws)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    _, status, ru = os.wait4(proc.pid, 0)
    out = proc.stdout.read().strip()
    if status:
        raise SystemExit(f"lib seed failed: {out}")
    return {"message": out, "wall_s": time.perf_counter() - t, "cpu_s": ru.ru_utime + ru.ru_stime,
            "peak_rss_mb": ru.ru_maxrss / 1024}


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def timed(fn) -> tuple[float, float]:
    t, c = time.perf_counter(), cpu()
    fn()
    return time.perf_counter() - t, cpu() - c


def page_times(repeat: int) -> list[tuple]:
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash
    rows = []
    for noun in PAGES:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
        at._page_hash = calc_hash(noun)

        def run():
            at.run()
            if at.exception:
                raise SystemExit(f"{noun}: {[e.message for e in at.exception]}")
        first = timed(run)
        again = [timed(run) for _ in range(repeat)]
        rows.append((noun, first, (statistics.median(a[0] for a in again), statistics.median(a[1] for a in again))))
    return rows


def function_times(ws, repeat: int) -> list[tuple]:
    from lib.metrics.filters import Filters, quick_range
    from lib.metrics import overview, review
    con = ws.reader()
    lo, hi = con.execute("SELECT min(order_date), max(order_date) FROM fct_orders").fetchall()[0]
    start, end = quick_range("last 4 weeks", hi, lo)
    f = Filters(start, end)
    week = review.default_week(con)
    targets = ws.settings()["targets"]
    cases = [("overview.headline (last 4 weeks)", lambda: overview.headline(con, f)),
             ("overview.weekly (last 4 weeks)", lambda: overview.weekly(con, f)),
             (f"review.weekly_review ({week})", lambda: review.weekly_review(con, week, f.as_params(), targets))]
    rows = []
    for name, fn in cases:
        first = timed(fn)
        again = [timed(fn) for _ in range(repeat)]
        rows.append((name, first, (statistics.median(a[0] for a in again), statistics.median(a[1] for a in again))))
    con.close()
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workspace", default=str(REPO / "bench" / "out" / "sample_scale" / "ws"))
    ap.add_argument("--reseed", action="store_true", help="seed a new workspace (and time it) even if one exists")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    ws_path = Path(args.workspace).resolve()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if args.reseed or not (ws_path / "CURRENT").exists():
        import shutil
        shutil.rmtree(ws_path, ignore_errors=True)
        ws_path.parent.mkdir(parents=True, exist_ok=True)
        s = seed(ws_path)
        print(f"seed: {s['message']}\n  wall {s['wall_s']:.1f} s, CPU {s['cpu_s']:.1f} s, peak RSS "
              f"{s['peak_rss_mb']:.0f} MB (load average now {os.getloadavg()[0]:.1f})")
    from lib.workspace import Workspace
    ws = Workspace.existing(ws_path)
    con = ws.reader()
    n, lines = con.execute("SELECT (SELECT count(*) FROM fct_orders), (SELECT count(*) FROM fct_order_lines)"
                           ).fetchall()[0]
    con.close()
    print(f"workspace: {n:,} orders, {lines:,} order lines ({ws_path})")
    print(f"\n{'data function':40} {'first s':>8} {'(CPU)':>7} {'again s':>8} {'(CPU)':>7}")
    for name, (w0, c0), (w1, c1) in function_times(ws, args.repeat):
        print(f"{name:40} {w0:8.2f} {c0:7.2f} {w1:8.2f} {c1:7.2f}")
    os.environ["OPSDESK_WORKSPACE"] = str(ws_path)
    print(f"\n{'page (AppTest, default view)':40} {'first s':>8} {'(CPU)':>7} {'again s':>8} {'(CPU)':>7}")
    for name, (w0, c0), (w1, c1) in page_times(args.repeat):
        print(f"{name:40} {w0:8.2f} {c0:7.2f} {w1:8.2f} {c1:7.2f}")
    print(f"\nload average after: {os.getloadavg()[0]:.1f}  ({dt.datetime.now():%Y-%m-%d %H:%M})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
