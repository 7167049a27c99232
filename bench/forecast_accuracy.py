"""Benchmark: forecast accuracy on real series — the selected model vs seasonal naive over a held-out tail.

    .venv/bin/python bench/forecast_accuracy.py [--datasets ../shared/datasets] [--uci-skus 80]

Three real sources from ../shared/datasets (read in place, never copied into the repo):
  * UCI Online Retail sample — weekly units per SKU (StockCode), the most frequently sold SKUs; 8-week tail;
  * Tableau Superstore — weekly units per category (and, as a second cut, per sub-category); 12-week tail;
  * Amazon.in apparel seller (the zipped "modified variant") — daily orders, in total and per category; 14-day tail.
For each series `lib.forecast.run_forecasts` sees only the history before the tail (its own rolling-origin
backtest picks the model), then its forecast of the tail is scored against what happened, next to seasonal
naive forecasting the same tail from the same history (the last season's values; the last value when the history
is shorter than a season).  WAPE = Σ|y − ŷ| / Σy, pooled per dataset.  Prints, does not assert; target: the
selection's WAPE ≥ 15 % lower than seasonal naive's overall (the mean of the datasets' ratios).
"""
from __future__ import annotations

import argparse
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.forecast import ForecastConfig, run_forecasts  # noqa: E402
from lib.forecast.models import SEASON, seasonal_naive  # noqa: E402

DEFAULT_DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"


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


def uci_weekly(root: Path, top: int) -> pd.DataFrame:
    df = pd.read_csv(root / "uci-online-retail-sample" / "online_retail_sample.csv", dtype={"StockCode": str})
    df = df[~df["InvoiceNo"].astype(str).str.startswith("C") & (df["Quantity"] > 0)
            & df["StockCode"].str.match(r"^\d{5}")]
    keep = df["StockCode"].value_counts().head(top).index
    return _weekly(df[df["StockCode"].isin(keep)], "InvoiceDate", "StockCode", "Quantity")


def superstore_weekly(root: Path, column: str) -> pd.DataFrame:
    df = pd.read_csv(root / "superstore-tableau" / "superstore_orders.csv")
    return _weekly(df, "Order Date", column, "Quantity")


def amazon_daily(root: Path) -> pd.DataFrame:
    """Orders placed per day (distinct Order IDs, all statuses: demand, not shipments), total and per category."""
    path = root / "amazon-in-apparel-seller-kaggle" / "Amazon Sale Report (modified variant).zip"
    with zipfile.ZipFile(path) as z:
        df = pd.read_csv(z.open("Amazon Sale Report.csv"), usecols=["Order ID", "Date", "Category"], low_memory=False)
    df["day"] = pd.to_datetime(df["Date"], format="mixed", dayfirst=False)  # 04-30-22 and 04-12-2022 both occur
    first, last = df["day"].min(), df["day"].max()
    df = df[(df["day"] > first) & (df["day"] < last)]  # the report starts and ends mid-day (158 and 606 orders)
    per_cat = df.groupby(["Category", "day"])["Order ID"].nunique().rename("y").reset_index()
    per_cat = per_cat.rename(columns={"Category": "series_id", "day": "ds"})
    total = df.groupby("day")["Order ID"].nunique().rename("y").reset_index().rename(columns={"day": "ds"})
    total["series_id"] = "All orders"
    out = pd.concat([total, per_cat])[["series_id", "ds", "y"]]
    days = pd.date_range(out["ds"].min(), out["ds"].max(), freq="D")
    return (out.set_index(["series_id", "ds"])["y"].unstack(fill_value=0).reindex(columns=days, fill_value=0)
            .stack().rename("y").reset_index().rename(columns={"level_1": "ds"}))


def evaluate(name: str, long: pd.DataFrame, freq: str, tail: int, country: str, **cfg) -> dict:
    long = long.sort_values(["series_id", "ds"]).reset_index(drop=True)
    long.columns = ["series_id", "ds", "y"]
    cut = long.groupby("series_id")["ds"].transform(lambda s: s.iloc[-tail] if len(s) > tail else s.iloc[0])
    train, test = long[long["ds"] < cut], long[long["ds"] >= cut]
    t0 = time.perf_counter()
    res = run_forecasts(train, ForecastConfig(horizon=tail, freq=freq, country=country, **cfg))
    secs = time.perf_counter() - t0
    fc = res.forecast.merge(test, on=["series_id", "ds"], how="inner")
    sel_err = (fc["y"] - fc["yhat"]).abs().sum()
    naive_err = 0.0
    for sid, g in train.groupby("series_id"):
        actual = test.loc[test["series_id"] == sid, "y"].to_numpy()
        naive_err += np.abs(actual - seasonal_naive(g["y"].to_numpy(), len(actual), SEASON[freq]).mean).sum()
    total = test["y"].sum()
    return {"dataset": name, "series": long["series_id"].nunique(), "periods": int(long.groupby("series_id").size().median()),
            "tail": tail, "wape": sel_err / total, "naive_wape": naive_err / total,
            "bias": (fc["yhat"] - fc["y"]).sum() / total, "seconds": secs,
            "models": res.selection["model"].value_counts().to_dict(),
            "classes": res.selection["demand_class"].value_counts().to_dict()}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    ap.add_argument("--uci-skus", type=int, default=80, help="most frequently sold UCI SKUs to forecast")
    args = ap.parse_args(argv)
    if not args.datasets.is_dir():
        print(f"{args.datasets} is absent: nothing to measure")
        return
    runs = [
        ("UCI Online Retail — weekly units per SKU", uci_weekly(args.datasets, args.uci_skus), "W", 8, "GB"),
        ("Superstore — weekly units per category", superstore_weekly(args.datasets, "Category"), "W", 12, "US"),
        ("Amazon.in apparel — daily orders (total + per category)", amazon_daily(args.datasets), "D", 14, "IN"),
    ]
    extra = [("Superstore — weekly units per sub-category (extra cut)", superstore_weekly(args.datasets, "Sub-Category"), "W", 12, "US")]
    rows = []
    for name, long, freq, tail, country in runs + extra:
        r = evaluate(name, long, freq, tail, country)
        rows.append(r)
        print(f"{name}: {r['series']} series × {r['periods']} periods, tail {tail}")
        print(f"    selected WAPE {r['wape']:.3f} vs seasonal naive {r['naive_wape']:.3f} "
              f"→ {1 - r['wape'] / r['naive_wape']:+.1%} lower; bias {r['bias']:+.3f}; {r['seconds']:.1f} s")
        print(f"    demand classes {r['classes']}; chosen {r['models']}")
    main_rows = rows[:len(runs)]
    ratio = float(np.mean([r["wape"] / r["naive_wape"] for r in main_rows]))
    print(f"overall (mean of the three datasets' WAPE ratios): selected WAPE {1 - ratio:.1%} lower than seasonal naive "
          f"(target ≥ 15 %)")


if __name__ == "__main__":
    main()
