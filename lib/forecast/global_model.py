"""A global model: one LightGBM regression learnt across all series, offered to every series as the candidate
"global" (scored in the same rolling-origin backtest as the per-series models).

Direct multi-horizon: a training example is (series, origin o, step k) with features known at o, and the target
y[o + k − 1]; everything is divided by the series' recent level (mean of the 13 periods before o), so slow and
fast sellers share one model.  Features: the last 8 values, the means of the last 4 / 13 / 26 periods, the spread
and the share of zero periods over 13, the value a season before the target (and the mean of the 3 periods around
it) when the history reaches back that far, the step k, the target's week of year (weekly) or day of week and day
of month (daily), whether a peak event falls on the target period, the discount of a promotion of that series on
the target period and its mean over the last 13 periods (`promotions`: the calendar names a SKU, category or
channel), and the share of stock-out (censored) periods among the last 13.  Censored periods (NaN) stay NaN
(LightGBM routes them), and are never targets.  The price enters through the promotions' discounts: the
workspace's catalog holds one list price per SKU (`dim_products.list_price_amount`), not its history, and the
order lines show a price only on days with a sale.

For a backtest fold whose origin is date c, the model is trained only on examples whose target lies before c; one
model per distinct fold origin, and one on everything for the final forecast.  Series with fewer than
`MIN_SERIES` in the batch get no global candidate (a "global" model of three series is a per-series model in
disguise).  Intervals come from the calibration step like every other model's.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

MIN_SERIES = 20
LAGS = 8
MAX_ORIGINS = 30  # training origins per model (the most recent ones, every other period)
PARAMS = dict(objective="regression", learning_rate=0.1, num_leaves=15, min_data_in_leaf=40, bagging_fraction=0.8,
              bagging_freq=1, feature_fraction=0.8, verbose=-1, num_threads=1, seed=7)
ROUNDS = 100


def _wide(history: pd.DataFrame) -> tuple[pd.DatetimeIndex, list[str], np.ndarray]:
    w = history.pivot_table(index="series_id", columns="ds", values="y", aggfunc="first", dropna=False)
    w = w.reindex(columns=pd.DatetimeIndex(sorted(w.columns)))
    return w.columns, [str(s) for s in w.index], w.to_numpy(dtype=float)


def _calendar(dates: pd.DatetimeIndex, freq: str) -> np.ndarray:
    if freq == "W":
        return np.c_[dates.isocalendar().week.to_numpy(dtype=float), np.zeros(len(dates))]
    return np.c_[dates.day_of_week.to_numpy(dtype=float), dates.day.to_numpy(dtype=float)]


def _features(Y: np.ndarray, o: int, k: np.ndarray, season: int, cal: np.ndarray, event: np.ndarray,
              promo: np.ndarray | None = None):
    """Features of every series at origin o for steps k (arrays: series × len(k) rows).  `promo`: series × periods
    discount of a promotion on that series (0 = none; the promotions calendar is known ahead)."""
    n_s = Y.shape[0]
    if promo is None:
        promo = np.zeros((n_s, len(cal)))
    past = Y[:, max(0, o - 26):o]
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        level = np.nanmean(Y[:, max(0, o - 13):o], axis=1)
        level = np.where(np.isfinite(level) & (level > 0), level, np.nanmean(Y[:, :o], axis=1))
        level = np.where(np.isfinite(level) & (level > 0), level, 1.0)
        lags = np.full((n_s, LAGS), np.nan)
        take = min(LAGS, o)
        lags[:, :take] = Y[:, o - take:o][:, ::-1]
        recent = Y[:, max(0, o - 13):o]
        base = np.c_[lags, np.nanmean(Y[:, max(0, o - 4):o], axis=1), np.nanmean(recent, axis=1),
                     np.nanmean(past, axis=1), np.nanstd(recent, axis=1)] / level[:, None]
        zeros = np.nanmean(recent == 0, axis=1)
        stockout = np.mean(np.isnan(Y[:, max(0, o - 13):o]), axis=1) if o > 0 else np.zeros(n_s)  # censored share
    rows = []
    for kk in k:
        t = o + kk - 1
        s_idx = t - season
        if 1 <= s_idx < o - 1:
            seas = Y[:, s_idx] / level
            with warnings.catch_warnings():  # a series not started a season ago: NaN, which LightGBM routes
                warnings.simplefilter("ignore", RuntimeWarning)
                seas3 = np.nanmean(Y[:, s_idx - 1:s_idx + 2], axis=1) / level
        else:
            seas = seas3 = np.full(n_s, np.nan)
        c = cal[t] if t < len(cal) else np.full(2, np.nan)
        ev = event[t] if t < len(event) else 0.0
        pr = promo[:, t] if t < promo.shape[1] else np.zeros(n_s)
        was = np.nanmean(promo[:, max(0, o - 13):o], axis=1) if o > 0 else np.zeros(n_s)  # promoted lately
        rows.append(np.c_[base, zeros, stockout, seas, seas3, np.full(n_s, kk), np.tile(c, (n_s, 1)),
                          np.full(n_s, ev), pr, was])
    return np.stack(rows, axis=1), level  # series × steps × features


def _train(Y, cutoff: int, h: int, season: int, cal, event, promo=None):
    import lightgbm as lgb
    X, T = [], []
    first = max(LAGS, 13)
    origins = list(range(cutoff - 1, first - 1, -2))[:MAX_ORIGINS]
    for o in origins:
        steps = np.arange(1, h + 1)
        steps = steps[o + steps - 1 < cutoff]
        if not len(steps):
            continue
        F, level = _features(Y, o, steps, season, cal, event, promo)
        target = Y[:, o + steps - 1] / level[:, None]
        ok = np.isfinite(target) & np.isfinite(Y[:, :o]).any(axis=1)[:, None]  # started before the origin
        X.append(F[ok])
        T.append(target[ok])
    if not X or sum(len(t) for t in T) < 200:
        return None
    return lgb.train(PARAMS, lgb.Dataset(np.concatenate(X), np.concatenate(T)), num_boost_round=ROUNDS)


def promotions(events: pd.DataFrame | None, ids: list[str], periods: pd.DatetimeIndex, freq: str) -> np.ndarray:
    """Series × periods: the discount of the promotions that name the series (its SKU, category or channel equals
    the series id; a promotion naming none of them applies to every series), 1 % when a promotion states no
    discount, 0 without one; weekly periods take the largest discount of their days.  Peak events are not
    promotions (they are the `event` feature, the same for every series)."""
    out = np.zeros((len(ids), len(periods)))
    if events is None or len(events) == 0:
        return out
    ev = events[events.get("event_type", pd.Series("promotion", index=events.index)).fillna("promotion") != "peak"]
    pos = {sid: i for i, sid in enumerate(ids)}
    starts = periods.to_numpy().astype("datetime64[ns]")
    width = np.timedelta64(7 if freq == "W" else 1, "D")
    for e in ev.itertuples(index=False):
        s = pd.Timestamp(e.start_date)
        end = pd.Timestamp(e.end_date) if pd.notna(getattr(e, "end_date", pd.NaT)) else s
        if pd.isna(s):
            continue
        cols = np.flatnonzero((starts + width > np.datetime64(s, "ns")) & (starts <= np.datetime64(end, "ns")))
        if not len(cols):
            continue
        named = [str(v) for v in (getattr(e, "sku", None), getattr(e, "category", None), getattr(e, "channel", None))
                 if v is not None and not pd.isna(v)]
        rows = [pos[n] for n in named if n in pos] if named else list(range(len(ids)))
        rate = getattr(e, "discount_rate", None)
        depth = float(rate) if rate is not None and not pd.isna(rate) and float(rate) > 0 else 0.01
        for r in rows:
            out[r, cols] = np.maximum(out[r, cols], depth)
    return out


def origins_on_grid(history: pd.DataFrame, dates, ids, origins_by_series: dict):
    """Each series' own grid may start later than the union's: its backtest origins (training lengths) as indexes of
    the union's dates. Returns (series whose history reaches the last date, {date index: [(row, series, origin)]})."""
    span = history.groupby("series_id")["ds"].agg(["min", "max"])
    span.index = span.index.astype(str)
    start_idx = {sid: int(dates.get_loc(pd.Timestamp(span.loc[sid, "min"]))) for sid in ids}
    ends_last = {sid: pd.Timestamp(span.loc[sid, "max"]) == dates[-1] for sid in ids}
    wanted: dict[int, list[tuple[int, str, int]]] = {}
    for i, sid in enumerate(ids):
        for o in origins_by_series.get(sid, []):
            wanted.setdefault(start_idx[sid] + o, []).append((i, sid, o))
    return ends_last, wanted


def global_forecasts(history: pd.DataFrame, h: int, freq: str, season: int, origins_by_series: dict[str, list[int]],
                     calendar_dates=None, events: pd.DataFrame | None = None) -> dict[str, dict]:
    """{series_id: {origin (training length) or "final": forecast array}} from one model per distinct origin.
    `origins_by_series`: each series' backtest fold origins (training lengths, as `backtest.fold_origins`);
    `calendar_dates`: peak-event periods; `events`: the promotions calendar (per-series discounts, `promotions`)."""
    dates, ids, Y = _wide(history)
    if len(ids) < MIN_SERIES:
        return {}
    step = pd.Timedelta(days=7 if freq == "W" else 1)
    ext = dates.append(pd.DatetimeIndex([dates[-1] + step * (i + 1) for i in range(h)]))
    cal = _calendar(ext, freq)
    event = np.zeros(len(ext))
    if calendar_dates is not None and len(calendar_dates):
        event = np.isin(ext.to_numpy().astype("datetime64[ns]"),
                        np.asarray(calendar_dates, dtype="datetime64[ns]")).astype(float)
    promo = promotions(events, ids, ext, freq)
    ends_last, wanted = origins_on_grid(history, dates, ids, origins_by_series)
    out: dict[str, dict] = {sid: {} for sid in ids}
    Ypad = np.c_[Y, np.full((len(ids), h), np.nan)]
    for cutoff in sorted(wanted) + [len(dates)]:
        model = _train(Ypad, cutoff, h, season, cal, event, promo)
        if model is None:
            continue
        F, level = _features(Ypad, cutoff, np.arange(1, h + 1), season, cal, event, promo)
        pred = np.clip(model.predict(F.reshape(-1, F.shape[2])).reshape(len(ids), h), 0, None) * level[:, None]
        if cutoff == len(dates):
            for i, sid in enumerate(ids):
                if ends_last[sid]:  # a series that stopped earlier has no forecast from today's origin
                    out[sid]["final"] = pred[i]
        else:
            for i, sid, o in wanted[cutoff]:
                out[sid][o] = pred[i]
    return {sid: d for sid, d in out.items() if "final" in d}
