"""Benchmark: forecast accuracy on real series never tuned on — the chooser vs seasonal naive, ETS and Prophet.

    .venv/bin/python bench/forecast_accuracy.py [--half report|tune|both] [--set tie=0.2 --set folds=4]

Real sources from ../shared/datasets (read in place, never copied into the repo), cut into series sets:
  * UCI Online Retail sample — weekly units per SKU (the 160 most frequently sold SKUs); 8-week tail;
  * Tableau Superstore — weekly units per category, sub-category, region × category, segment × category and the
    ten largest states; 12-week tail;
  * Amazon.in apparel seller — daily orders in total, per category, per size and for the ten largest states;
    14-day tail.
**Tune and report halves.** Every series goes to one half by a stable hash of its cut and name (CRC-32, even =
tune, odd = report), so each dataset appears in both with different series.  Defaults of `ForecastConfig` may be
compared on `--half tune` only (with `--set`); the figures quoted in notes and README come from `--half report`,
which no default was chosen on.
**Evaluation.** Each series is cut at two origins (the last `tail` periods, and `tail` periods earlier).  At each,
`lib.forecast.run_forecasts` sees only the history before the origin (its own rolling-origin backtest picks the
model and calibrates the interval) and forecasts the tail; on the same split the baselines forecast the same tail
from the same history: seasonal naive, ETS alone (`models.ets`, AICc form per series) and Prophet alone (yearly
seasonality, country holidays).  Per dataset: WAPE = Σ|y − ŷ| / Σy (pooled), MASE (mean over series of the mean
absolute error / the in-sample seasonal-naive error), bias = Σ(ŷ − y) / Σy, and the share of actuals inside the
80 % interval.  Overall = the mean over the three datasets.  Targets (issue #18): overall WAPE ≤ 0.9 × the best
single baseline's, and no dataset worse than seasonal naive by more than 2 %.  Prints, does not assert.
"""
from __future__ import annotations

import argparse
import sys
import time
import zipfile
import zlib
from dataclasses import fields
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.forecast import ForecastConfig, run_forecasts  # noqa: E402
from lib.forecast.backtest import naive_scale  # noqa: E402
from lib.forecast.models import SEASON, event_days, run_model  # noqa: E402

DEFAULT_DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"
BASELINES = ("seasonal_naive", "ets", "prophet")
WIDEN = (1.0, 1.2, 1.4, 1.6)


def _weekly(df: pd.DataFrame, day_col: str, key_col: str, value_col: str) -> pd.DataFrame:
    """Complete Monday-start weeks per series (zeros filled; partial first/last weeks dropped)."""
    d = df.assign(day=pd.to_datetime(df[day_col]).dt.normalize())
    first, last = d["day"].min(), d["day"].max()
    start = first + pd.Timedelta(days=(7 - first.weekday()) % 7)  # first full week
    end = last - pd.Timedelta(days=(last.weekday() + 1) % 7)  # last Sunday
    d = d[(d["day"] >= start) & (d["day"] <= end)]
    d["ds"] = d["day"] - pd.to_timedelta(d["day"].dt.day_of_week, unit="D")
    wk = d.groupby([key_col, "ds"])[value_col].sum().astype(float).unstack(fill_value=0.0)
    wk = wk.reindex(columns=pd.date_range(start, end - pd.Timedelta(days=6), freq="7D"), fill_value=0.0)
    long = wk.stack().rename("y").reset_index()
    long.columns = ["series_id", "ds", "y"]
    return long


def uci(root: Path, top: int = 160) -> list[tuple[str, pd.DataFrame]]:
    df = pd.read_csv(root / "uci-online-retail-sample" / "online_retail_sample.csv", dtype={"StockCode": str})
    df = df[~df["InvoiceNo"].astype(str).str.startswith("C") & (df["Quantity"] > 0)
            & df["StockCode"].str.match(r"^\d{5}")]
    keep = df["StockCode"].value_counts().head(top).index
    return [("per SKU", _weekly(df[df["StockCode"].isin(keep)], "InvoiceDate", "StockCode", "Quantity"))]


def superstore(root: Path) -> list[tuple[str, pd.DataFrame]]:
    df = pd.read_csv(root / "superstore-tableau" / "superstore_orders.csv")
    df["Region × Category"] = df["Region"] + " · " + df["Category"]
    df["Segment × Category"] = df["Segment"] + " · " + df["Category"]
    states = df["State"].value_counts().head(10).index
    cuts = [(c, _weekly(df, "Order Date", c, "Quantity"))
            for c in ("Category", "Sub-Category", "Region × Category", "Segment × Category")]
    return cuts + [("State", _weekly(df[df["State"].isin(states)], "Order Date", "State", "Quantity"))]


def amazon(root: Path) -> list[tuple[str, pd.DataFrame]]:
    """Orders placed per day (distinct Order IDs, all statuses: demand, not shipments)."""
    path = root / "amazon-in-apparel-seller-kaggle" / "Amazon Sale Report (modified variant).zip"
    with zipfile.ZipFile(path) as z:
        df = pd.read_csv(z.open("Amazon Sale Report.csv"), usecols=["Order ID", "Date", "Category", "Size",
                                                                    "ship-state"], low_memory=False)
    df["day"] = pd.to_datetime(df["Date"], format="mixed", dayfirst=False)  # 04-30-22 and 04-12-2022 both occur
    first, last = df["day"].min(), df["day"].max()
    df = df[(df["day"] > first) & (df["day"] < last)]  # the report starts and ends mid-day (158 and 606 orders)
    df["state"] = df["ship-state"].astype(str).str.upper()
    df["total"] = "All orders"
    days = pd.date_range(df["day"].min(), df["day"].max(), freq="D")
    states = df["state"].value_counts().head(10).index
    out = []
    for cut, col, d in (("Total", "total", df), ("Category", "Category", df), ("Size", "Size", df),
                        ("State", "state", df[df["state"].isin(states)])):
        g = d.groupby([col, "day"])["Order ID"].nunique().unstack(fill_value=0).reindex(columns=days, fill_value=0)
        long = g.stack().rename("y").reset_index()
        long.columns = ["series_id", "ds", "y"]
        out.append((cut, long.assign(y=long["y"].astype(float))))
    return out


DATASETS = (  # name, loader, frequency, tail, holidays
    ("UCI Online Retail (weekly units per SKU)", uci, "W", 8, "GB"),
    ("Superstore (weekly units)", superstore, "W", 12, "US"),
    ("Amazon.in apparel (daily orders)", amazon, "D", 14, "IN"),
)


def half_of(cut: str, sid: str) -> str:
    return "tune" if zlib.crc32(f"{cut}:{sid}".encode()) % 2 == 0 else "report"


def _score(test: pd.DataFrame, fc: pd.DataFrame, scale: pd.Series) -> dict:
    m = test.merge(fc, on=["series_id", "ds"], how="inner")
    err = m["yhat"] - m["y"]
    total = m["y"].sum()
    mae = err.abs().groupby(m["series_id"]).mean()
    mase = (mae / scale.reindex(mae.index)).replace([np.inf, -np.inf], np.nan)
    inside = (m["y"] >= m["yhat_lower"] - 1e-9) & (m["y"] <= m["yhat_upper"] + 1e-9)
    widths = {}  # coverage had the interval been c × as wide around the forecast (for tuning interval_scale)
    for c in WIDEN:
        lo = m["yhat"] - c * (m["yhat"] - m["yhat_lower"])
        hi = m["yhat"] + c * (m["yhat_upper"] - m["yhat"])
        widths[c] = int(((m["y"] >= lo - 1e-9) & (m["y"] <= hi + 1e-9)).sum())
    return {"abs": float(err.abs().sum()), "err": float(err.sum()), "total": float(total),
            "mase": mase.dropna().tolist(), "inside": int(inside.sum()), "n": int(len(m)), "widths": widths}


def _baseline(name: str, train: pd.DataFrame, h: int, freq: str, country: str) -> pd.DataFrame:
    hol = None
    if name == "prophet":
        hol = event_days(None, freq, country, train["ds"].min(), train["ds"].max())
    rows = []
    for sid, g in train.groupby("series_id", sort=False):
        ds = g["ds"].to_numpy()
        f = run_model(name, ds, g["y"].to_numpy(dtype=float), h, freq, 0.8, hol, intervals=True)
        future = pd.date_range(pd.Timestamp(ds[-1]), periods=h + 1, freq="7D" if freq == "W" else "D")[1:]
        rows.append(pd.DataFrame({"series_id": sid, "ds": future, "yhat": f.mean, "yhat_lower": f.lower,
                                  "yhat_upper": f.upper}))
    return pd.concat(rows, ignore_index=True)


def evaluate(long: pd.DataFrame, freq: str, tail: int, country: str, cfg_over: dict, origins: int = 2,
             baselines=BASELINES) -> dict:
    """Scores of the chooser and the baselines over `origins` cut points (the last `tail` periods, then earlier)."""
    acc = {k: [] for k in ("chooser",) + BASELINES}
    models, secs = {}, 0.0
    dates = np.sort(long["ds"].unique())
    for j in range(origins):
        cut = dates[len(dates) - tail * (j + 1)]
        train, test = long[long["ds"] < cut], long[(long["ds"] >= cut) & (long["ds"] < cut + (dates[1] - dates[0]) * tail)]
        train = train.groupby("series_id").filter(lambda g: g["y"].sum() > 0)
        test = test[test["series_id"].isin(train["series_id"].unique())]
        if train.empty:
            continue
        scale = train.groupby("series_id")["y"].apply(lambda s: naive_scale(s.to_numpy(), SEASON[freq]))
        t0 = time.perf_counter()
        res = run_forecasts(train, ForecastConfig(horizon=tail, freq=freq, country=country, **cfg_over))
        secs += time.perf_counter() - t0
        acc["chooser"].append(_score(test, res.forecast, scale))
        for k, v in res.selection["model"].value_counts().items():
            models[k] = models.get(k, 0) + int(v)
        for b in baselines:
            acc[b].append(_score(test, _baseline(b, train, tail, freq, country), scale))
    out = {}
    for k, parts in acc.items():
        if not parts:
            continue
        s = {f: sum(p[f] for p in parts) for f in ("abs", "err", "total", "inside", "n")}
        mase = [x for p in parts for x in p["mase"]]
        out[k] = {"wape": s["abs"] / s["total"], "bias": s["err"] / s["total"], "mase": float(np.mean(mase)),
                  "coverage": s["inside"] / max(1, s["n"]), "abs": s["abs"], "total": s["total"],
                  "widths": {c: sum(p["widths"][c] for p in parts) / max(1, s["n"]) for c in WIDEN}}
    out["models"], out["seconds"] = models, secs
    return out


def _parse_sets(pairs: list[str]) -> dict:
    types = {f.name: f.type for f in fields(ForecastConfig)}
    out = {}
    for p in pairs:
        k, v = p.split("=", 1)
        if k not in types:
            raise SystemExit(f"unknown ForecastConfig field {k!r}")
        out[k] = {"True": True, "False": False}.get(v, None) if v in ("True", "False") else (
            float(v) if "." in v else int(v) if v.lstrip("-").isdigit() else v)
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    ap.add_argument("--half", choices=["tune", "report", "both"], default="report")
    ap.add_argument("--set", action="append", default=[], help="ForecastConfig override (tune half only), e.g. tie=0.2")
    ap.add_argument("--origins", type=int, default=2, help="cut points per series (default 2)")
    ap.add_argument("--chooser-only", action="store_true", help="skip the baselines (quicker tuning runs)")
    args = ap.parse_args(argv)
    if not args.datasets.is_dir():
        print(f"{args.datasets} is absent: nothing to measure")
        return
    cfg_over = _parse_sets(args.set)
    if cfg_over and args.half != "tune":
        raise SystemExit("--set is for the tune half: defaults are chosen there, never on the report half")
    halves = ("tune", "report") if args.half == "both" else (args.half,)
    print(f"halves: {', '.join(halves)}; overrides: {cfg_over or 'none (defaults)'}")
    summary = []
    for name, loader, freq, tail, country in DATASETS:
        cuts = loader(args.datasets)
        long = pd.concat([d.assign(series_id=f"{cut}: " + d["series_id"].astype(str))
                          for cut, d in cuts if len(d)], ignore_index=True)
        long = long[long["series_id"].map(lambda s: half_of(*s.split(": ", 1))).isin(halves)]
        r = evaluate(long, freq, tail, country, cfg_over, args.origins, () if args.chooser_only else BASELINES)
        summary.append((name, r))
        n = long["series_id"].nunique()
        print(f"\n{name}: {n} series × {args.origins} origins, tail {tail}; chooser {r['seconds']:.1f} s; "
              f"chosen {dict(sorted(r['models'].items(), key=lambda kv: -kv[1]))}")
        print(f"    {'':16}{'WAPE':>8}{'MASE':>8}{'bias':>8}{'80% cov':>9}")
        for k in [k for k in ("chooser",) + BASELINES if k in r]:
            v = r[k]
            print(f"    {k:16}{v['wape']:8.3f}{v['mase']:8.3f}{v['bias']:+8.3f}{v['coverage']:9.1%}")
        if args.chooser_only:
            continue
        best = min(BASELINES, key=lambda b: r[b]["wape"])
        print(f"    chooser / seasonal naive {r['chooser']['wape'] / r['seasonal_naive']['wape']:.3f}; "
              f"/ best baseline ({best}) {r['chooser']['wape'] / r[best]['wape']:.3f}")
    cov = float(np.mean([r["chooser"]["coverage"] for _, r in summary]))
    print("chooser's coverage had its intervals been c × as wide: " + ", ".join(
        f"×{c}: {np.mean([r['chooser']['widths'][c] for _, r in summary]):.1%}" for c in WIDEN))
    if args.chooser_only:
        print(f"\noverall: chooser mean WAPE {np.mean([r['chooser']['wape'] for _, r in summary]):.3f}; coverage {cov:.1%}")
        return
    mean = {k: float(np.mean([r[k]["wape"] for _, r in summary])) for k in ("chooser",) + BASELINES}
    best = min(BASELINES, key=mean.get)
    worst = max(r["chooser"]["wape"] / r["seasonal_naive"]["wape"] for _, r in summary)
    print(f"\noverall (mean of the datasets' WAPE): chooser {mean['chooser']:.3f}; seasonal naive "
          f"{mean['seasonal_naive']:.3f}, ETS {mean['ets']:.3f}, Prophet {mean['prophet']:.3f}")
    print(f"chooser / best single baseline ({best}) = {mean['chooser'] / mean[best]:.3f} (target ≤ 0.9); "
          f"worst dataset vs seasonal naive {worst:.3f} (target ≤ 1.02); 80 % interval coverage {cov:.1%} "
          f"(target 75–85 %)")


if __name__ == "__main__":
    main()
