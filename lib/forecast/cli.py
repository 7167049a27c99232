"""`python -m lib forecast`: forecast a long CSV (series_id, ds, y) with the same model choice as the app.

    python -m lib forecast --input demand.csv --horizon 12 --freq W --out forecast.csv
    python -m lib forecast --input demand.csv --horizon 12 --out forecast.csv --engine spark --master spark://host:7077

Input: one row per series and period (`y` empty = censored period, e.g. a stock-out; a missing period = zero
demand).  Output: series_id, ds, yhat, yhat_lower, yhat_upper, model — and with `--backtest FILE` the per-series
accuracy (demand class, chosen model and combination members, WAPE, bias, MASE vs seasonal naive, interval
coverage).  With `--hierarchy FILE` (series_id + grouping columns) the roll-ups are forecast too and reconciled.
With `--engine spark` the series are fanned out through Spark, one group per series, with the same results
(lib/scaleout/forecast.py).
"""
from __future__ import annotations

import sys


def add_parser(sub) -> None:
    sp = sub.add_parser("forecast", help="forecast a long CSV (series_id, ds, y): backtest, choose a model per series")
    sp.add_argument("--input", required=True, help="CSV with columns series_id, ds, y")
    sp.add_argument("--horizon", type=int, required=True, help="periods to forecast")
    sp.add_argument("--freq", choices=["D", "W"], default="W", help="D = daily, W = weekly (default)")
    sp.add_argument("--out", required=True, help="forecast CSV to write")
    sp.add_argument("--backtest", help="also write the per-series accuracy and model choice to this CSV")
    sp.add_argument("--level", type=float, default=0.8, help="prediction interval coverage (default 0.8)")
    sp.add_argument("--folds", type=int, default=3, help="rolling-origin backtest folds (default 3)")
    sp.add_argument("--events", help="optional CSV of promotions / peaks: name, start_date, end_date, event_type")
    sp.add_argument("--country", default="US", help="country holidays for Prophet (ISO code; 'none' to disable)")
    sp.add_argument("--workers", type=int, default=None, help="worker processes (default: CPU count)")
    sp.add_argument("--hierarchy", help="optional CSV: series_id plus grouping columns (e.g. category, channel); the "
                    "roll-ups are forecast too and reconciled so the series add up to them")
    sp.add_argument("--engine", choices=["local", "spark"], default="local",
                    help="local = worker processes on this machine (default); spark = one Spark group per series "
                         "(pip install -r requirements-scaleout.txt and a Java 17 runtime)")
    sp.add_argument("--master", default="local[*]", help="with --engine spark: the Spark master URL (default "
                                                         "local[*]; e.g. spark://host:7077, yarn, k8s://…)")
    sp.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                    help="with --engine spark: a Spark setting, e.g. spark.executor.memory=4g (repeatable)")
    sp.set_defaults(fn=cmd_forecast)


def _spark_evaluator(args):
    """(evaluate, spark session) for --engine spark, or (None, None) after saying why it cannot run."""
    import importlib.util
    conf = {}
    for kv in args.conf:
        if "=" not in kv:
            print(f"refused: --conf {kv!r} is not KEY=VALUE", file=sys.stderr)
            return None, None
        k, v = kv.split("=", 1)
        conf[k.strip()] = v.strip()
    if importlib.util.find_spec("pyspark") is None:
        print("refused: pyspark is not installed: pip install -r requirements-scaleout.txt (and a Java 17 runtime)",
              file=sys.stderr)
        return None, None
    from ..scaleout.forecast import evaluator, forecast_session
    spark = forecast_session(args.master, conf)
    return evaluator(spark), spark


def cmd_forecast(args) -> int:
    import pandas as pd

    from ..reports.exports import frame_to_csv
    from .backtest import ForecastConfig
    from .demand import regularise
    from .parallel import run_forecasts

    try:
        raw = pd.read_csv(args.input)
    except (OSError, ValueError) as e:
        print(f"refused: cannot read {args.input}: {e}", file=sys.stderr)
        return 2
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    missing = {"series_id", "ds", "y"} - set(raw.columns)
    if missing:
        print(f"refused: {args.input} lacks column(s) {', '.join(sorted(missing))} (need series_id, ds, y)",
              file=sys.stderr)
        return 2
    if args.horizon < 1:
        print("refused: --horizon must be at least 1", file=sys.stderr)
        return 2
    hist = regularise(raw, args.freq)
    if hist.empty:
        print("refused: no rows with a readable ds", file=sys.stderr)
        return 2
    events = None
    if args.events:
        events = pd.read_csv(args.events, parse_dates=["start_date", "end_date"])
        if "event_type" not in events.columns:
            events["event_type"] = "promotion"
    country = None if str(args.country).lower() in ("", "none") else args.country
    cfg = ForecastConfig(horizon=args.horizon, freq=args.freq, folds=args.folds, level=args.level, country=country)
    n = hist["series_id"].nunique()
    step = max(1, n // 10)

    def progress(done, total):
        if done == total or done % step == 0:
            print(f"  {done}/{total} series", file=sys.stderr)

    h = None
    if args.hierarchy:
        from . import reconcile
        groups = pd.read_csv(args.hierarchy, dtype=str)
        groups.columns = [str(c).strip() for c in groups.columns]
        by = [c for c in groups.columns if c != "series_id"]
        if "series_id" in groups.columns:
            groups = groups[groups["series_id"].isin(hist["series_id"].astype(str).unique())]
        if "series_id" not in groups.columns or not by or groups.empty:
            print("refused: --hierarchy needs series_id and at least one grouping column matching the input",
                  file=sys.stderr)
            return 2
        h = reconcile.hierarchy(groups, by)
        hist = reconcile.aggregate(hist[hist["series_id"].astype(str).isin(h.bottom)].assign(
            series_id=lambda d: d["series_id"].astype(str)), h)
        n = hist["series_id"].nunique()
        step = max(1, n // 10)
    evaluate = spark = None
    if args.engine == "spark":
        evaluate, spark = _spark_evaluator(args)
        if evaluate is None:
            return 2
    try:
        res = run_forecasts(hist, cfg, events=events, progress=progress, workers=args.workers, evaluate=evaluate)
    finally:
        if spark is not None:
            spark.stop()
    out = res.forecast.copy()
    if h is not None:
        out, method, scores = reconcile.reconcile_result(res, h)
        print(f"roll-ups reconciled by {method} (backtest WAPE by level: "
              + ", ".join(f"{k} {v:.1%}" for k, v in scores.items()) + ")", file=sys.stderr)
    out["ds"] = pd.to_datetime(out["ds"]).dt.date
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        f.write(frame_to_csv(out[["series_id", "ds", "yhat", "yhat_lower", "yhat_upper", "model"]]))
    if args.backtest:
        cols = ["series_id", "demand_class", "adi", "cv2", "model", "combo_members", "candidates", "folds", "wape",
                "bias", "mase", "naive_wape", "naive_mase", "sigma", "coverage"]
        with open(args.backtest, "w", newline="", encoding="utf-8") as f:
            f.write(frame_to_csv(res.selection[cols]))
    acc = res.accuracy
    where = f" on Spark ({args.master})" if args.engine == "spark" else ""
    print(f"{n} series, {len(out)} forecast rows written to {args.out}{where} in {res.elapsed_s:.1f} s; "
          f"backtest WAPE {acc.wape:.1%} vs seasonal naive {acc.naive_wape:.1%}; "
          f"the {args.level:.0%} interval held {acc.coverage:.0%} of backtest actuals", file=sys.stderr)
    return 0
