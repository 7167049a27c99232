"""Benchmark: the full forecast selection over 500 weekly SKU series × 2 years, vs a naive Prophet loop.

    .venv/bin/python bench/forecast.py [--series 500] [--workers N] [--naive-series 500]

Prints (does not assert) the wall time of `lib.forecast.run_forecasts` — demand classification, rolling-origin
backtest of every candidate model (3 folds × 12 weeks), the choice per series and the final forecast with
intervals, fanned out over processes — and, measured in the same run, a one-process loop fitting one default
Prophet (US holidays, default intervals) per series with no backtest at all.  Target: ≤ 60 s on a 2-core machine.
Candidates: seasonal naive, SES, ETS (AICc form), Theta, Croston/SBA/TSB, Prophet and the global LightGBM model.
The series mix resembles a catalogue: a third smooth sellers with yearly seasonality and a Black Friday spike,
the rest erratic, intermittent or lumpy.
"""
from __future__ import annotations

import argparse
import logging
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.forecast import ForecastConfig, run_forecasts  # noqa: E402


def synthetic_catalogue(n: int = 500, weeks: int = 104, seed: int = 11) -> pd.DataFrame:
    """Long frame (series_id, ds, y) of `n` weekly SKU series with a realistic mix of demand classes."""
    rng = np.random.default_rng(seed)
    ds = pd.date_range("2024-01-01", periods=weeks, freq="7D")
    t = np.arange(weeks)
    bf = np.array([(d.month == 11 and d.day >= 22) or (d.month == 12 and d.day <= 2) for d in ds], dtype=float)
    xmas = np.array([d.month == 12 and 8 <= d.day <= 22 for d in ds], dtype=float)
    frames = []
    for i in range(n):
        kind = i % 6
        season = 1 + rng.uniform(0.1, 0.5) * np.sin(2 * np.pi * (t + rng.integers(0, 52)) / 52)
        trend = 1 + rng.uniform(-0.3, 0.6) * t / weeks
        uplift = 1 + rng.uniform(0.5, 2.0) * bf + rng.uniform(0, 0.6) * xmas
        if kind in (0, 1):  # smooth
            y = rng.poisson(rng.uniform(8, 80) * season * trend * uplift)
        elif kind == 2:  # erratic
            mu = rng.uniform(3, 30) * season * trend * uplift
            y = rng.negative_binomial(1.5, 1.5 / (1.5 + mu))
        elif kind in (3, 4):  # intermittent
            y = rng.binomial(1, rng.uniform(0.15, 0.5) * np.minimum(uplift, 2), weeks) * rng.poisson(rng.uniform(1, 4), weeks).clip(1)
        else:  # lumpy
            y = rng.binomial(1, rng.uniform(0.1, 0.35), weeks) * rng.geometric(rng.uniform(0.1, 0.4), weeks)
        frames.append(pd.DataFrame({"series_id": f"SKU-{i:04d}", "ds": ds, "y": y.astype(float)}))
    return pd.concat(frames, ignore_index=True)


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (worker processes, cmdstan)."""
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def naive_prophet_loop(history: pd.DataFrame, horizon: int) -> float:
    from prophet import Prophet
    for name in ("cmdstanpy", "prophet"):
        logging.getLogger(name).disabled = True
    t0 = time.perf_counter()
    for _, g in history.groupby("series_id", sort=False):
        m = Prophet()
        m.add_country_holidays("US")
        m.fit(g[["ds", "y"]])
        m.predict(m.make_future_dataframe(horizon, freq="7D", include_history=False))
    return time.perf_counter() - t0


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--series", type=int, default=500)
    ap.add_argument("--naive-series", type=int, default=None, help="series in the naive loop (default: all)")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--horizon", type=int, default=12)
    ap.add_argument("--skip-naive", action="store_true", help="measure the full selection only")
    args = ap.parse_args(argv)

    hist = synthetic_catalogue(args.series)
    cfg = ForecastConfig(horizon=args.horizon, freq="W", folds=3)
    print(f"{args.series} weekly series × {hist['ds'].nunique()} weeks; {os.cpu_count()} CPU(s)")
    load = os.getloadavg()[0]
    c0, t0 = cpu_seconds(), time.perf_counter()
    marks = set()

    def progress(done, total):  # what the page's progress bar and the CLI show
        tenth = done * 10 // total
        if tenth not in marks:
            marks.add(tenth)
            print(f"  {done}/{total} series after {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    res = run_forecasts(hist, cfg, workers=args.workers, progress=progress)
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    acc = res.accuracy
    print(f"full selection: {wall:.1f} s wall on {res.workers} worker process(es) "
          f"({wall / args.series * 1000:.0f} ms per series; target ≤ 60 s); {cpu:.0f} CPU-s "
          f"(= {cpu / (os.cpu_count() or 1):.0f} s on {os.cpu_count()} idle cores); load average before: {load:.1f}")
    print("  demand classes:", res.selection["demand_class"].value_counts().to_dict())
    print("  chosen models: ", res.selection["model"].value_counts().to_dict())
    print(f"  backtest WAPE {acc.wape:.3f} vs seasonal naive {acc.naive_wape:.3f} "
          f"({acc.wape_improvement:+.1%} lower), bias {acc.bias:+.3f}; 80 % interval held {acc.coverage:.1%} of "
          f"backtest actuals; load average after: {os.getloadavg()[0]:.1f}")
    if args.skip_naive:
        return

    sub_ids = hist["series_id"].unique()[: args.naive_series or args.series]
    sub = hist[hist["series_id"].isin(sub_ids)]
    c0 = cpu_seconds()
    naive = naive_prophet_loop(sub, args.horizon)
    naive_cpu = (cpu_seconds() - c0) * args.series / len(sub_ids)
    naive_full = naive * args.series / len(sub_ids)
    note = "" if len(sub_ids) == args.series else f" (measured on {len(sub_ids)}, scaled)"
    print(f"naive one-process Prophet loop (no backtest): {naive_full:.1f} s wall, {naive_cpu:.0f} CPU-s{note}")
    print(f"ratio full selection / naive loop: {wall / naive_full:.2f} wall, {cpu / naive_cpu:.2f} CPU")


if __name__ == "__main__":
    main()
