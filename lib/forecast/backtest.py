"""Rolling-origin backtest, accuracy (METRICS.md "Forecast accuracy") and the model choice per series.

For a series of n periods, horizon h and k folds, the last fold trains on the first n − h periods and forecasts
the last h; each earlier fold starts `step` periods earlier (default a third of the horizon, so every fold trains
on nearly as much history as the final model will).  Folds are dropped while the shortest training window would
be under `min_train` periods; a series too short for one fold gets the default model of its demand class and is
marked `folds = 0` ("not backtested").

Per series and candidate model, errors are pooled over the folds (censored periods are not scored):
    WAPE = Σ|y − ŷ| / Σy,   bias = Σ(ŷ − y) / Σy,
    MASE = mean |y − ŷ| / mean |y_t − y_{t−m}| (in-sample seasonal-naive error of the first training window).
The candidates are the models its demand class routes to (`models.candidates_for`: ETS, Theta, SES, Prophet and
the global LightGBM model for regular demand; Croston/SBA/TSB for sparse demand) plus a combination ("combo": the
mean of the candidates whose pooled error is within (1 + `tie`) of the best one's, scored like any model on the
same folds).  The backtest winner has the lowest Σ|y − ŷ| (ties go to the simpler model, in candidate order), but the class's
default stands unless the winner's error is `prior_margin` (20 %) below the default's: for regular demand the robust
combination "core" (the mean of the pooled share of the total, ETS — with the 365.25-day Fourier season from two
years — and Theta), for sparse demand SBA.  A short backtest of one series picks between close candidates largely by
luck; on the tune half the per-series winners lost to the trio's mean out of sample (mean WAPE 0.582 → 0.562).
With `season_fold`, weekly series holding two seasons get one more fold: the same calendar window a season before
the forecast, so a forecast of next spring is not judged only on the winter peak just past (off by default: on the
tune half it changed nothing — Superstore 0.370 with, 0.369 without — and costs a fifth more fits).  Seasonal naive is always
scored — it is the baseline every accuracy figure is compared with — but competes only when the history holds two
seasons; with less it is a one-period naive that a short, noisy backtest picks by luck.  Prophet, the one
expensive candidate, is scored on the most recent fold first and dropped there when its error exceeds `race`
(1.25) × the best simple model's.  σ of the chosen model's backtest errors (per period) is what replenishment uses
as σ_d.

Intervals are calibrated after all series are scored (`calibrate`): the chosen models' backtest errors, in units
of each series' scale, give the 10 % / 90 % quantiles per demand class and horizon step (neighbouring steps pooled
until there are 40 errors; an interval never narrows further out), widened by `interval_scale` (1.3) because
errors of the model that won the backtest understate its errors on new data.  Per step rather than per third of
the horizon: on the tune half, coverage 79.0 % → 81.8 % at the same ×1.3 and more even across the datasets
(UCI 80.1 → 81.5 %, Superstore 79.3 → 83.0 %, Amazon 77.6 → 81.0 %); without the widening, 68.1 % → 71.3 %.

Combinations ("combo", "core") are the plain mean of their members (`combination`); on the tune half the median
(mean WAPE 0.5648) and weights ∝ 1 / backtest error (0.5620) did no better than the mean (0.5618), and a top-k
combination of the best candidates by backtest (median, mean or inverse-error weighted, k = 2…5, with or without
Prophet: 0.5755–0.5817) lost to the fixed robust trio — the choice of members by a few folds is itself noisy.

Defaults chosen on the *tune* half of bench/forecast_accuracy.py only (never on the report half): tie = 0.1
(mean WAPE 0.578 vs 0.581 at 1.0), interval_scale = 1.3 (held-out coverage 69 % at 1.0, 75 % at 1.2, 81 % at
1.4), the global model for regular demand only (1.145 vs 1.293 on UCI SKUs when offered to sparse ones too),
Prophet for sparse series with two seasons.  Older defaults (step = h/3, seasonal naive needing two seasons) came
from the previous session on the same series, before the halves existed.
"""
from __future__ import annotations

from dataclasses import dataclass, field, asdict

import numpy as np
import pandas as pd

from .classify import classify
from .models import (BATCH_MODELS, COMBO, CORE, FOURIER, GLOBAL, MODELS, POOLED, SEASON, STEP, PointForecast, candidates_for, event_days, event_lifts,
                     prepare_calendar, run_model, year_period, z_value)

EXPENSIVE = ("prophet",)
DEFAULT_BY_CLASS = {"smooth": "ses", "erratic": "ses", "intermittent": "sba", "lumpy": "sba",
                    "no demand": "seasonal_naive"}


@dataclass(frozen=True)
class ForecastConfig:
    """Everything that changes a forecast (part of the cache key)."""
    horizon: int = 12
    freq: str = "W"  # "D" or "W" (weeks start on Monday)
    folds: int = 3
    level: float = 0.8  # central prediction interval
    models: tuple[str, ...] = MODELS
    country: str | None = "US"  # country holidays for Prophet
    min_train: int = 0  # 0 = automatic: max(8, h) periods
    race: float = 1.25  # drop Prophet after the most recent fold if its error there is > race × the best simple model's (0 = never)
    combine: bool = True  # also score the mean of the class's candidates ("combo")
    step: int = 0  # periods between fold origins (0 = automatic: `step_share` of the horizon)
    step_share: float = 1 / 3  # automatic step between fold origins, as a share of the horizon
    naive_min_seasons: float = 2.0  # seasons of history before seasonal naive may be chosen (it is always scored)
    season_fold: bool = False  # one more fold on the same calendar window a season earlier (weekly data)
    tie: float = 0.1  # combination members: candidates whose backtest error is within (1 + tie) × the best one's
    calibration: str = "chosen"  # interval errors from the chosen model ("chosen") or every eligible candidate
    interval_scale: float = 1.3  # × the calibrated error quantiles (the chosen model's backtest errors are optimistic)
    interval_steps: str = "step"  # calibrate per horizon step ("step") or per third of the horizon ("third")
    combination: str = "mean"  # how "combo" and "core" combine their members: "mean", "median" or "inverse"
    # (weights ∝ 1 / each member's backtest Σ|error|) — `combine`
    pool_selection: bool = False  # choose per demand class over all series first (`pooled_choice`)
    pool_margin: float = 0.2  # a series keeps its own winner only when it beats the class's by this share
    prior_margin: float = 0.2  # the class default (the robust combination; SBA for sparse demand) stands unless the
    # backtest winner's error is this share below it (0 = plain per-series choice)

    def __post_init__(self):
        if self.freq not in SEASON:
            raise ValueError("freq must be 'D' or 'W'")
        if self.horizon < 1:
            raise ValueError("horizon must be at least 1")
        if self.combination not in COMBINATIONS:
            raise ValueError(f"combination must be one of {COMBINATIONS}")
        if self.interval_steps not in ("step", "third"):
            raise ValueError("interval_steps must be 'step' or 'third'")

    @property
    def season(self) -> int:
        return SEASON[self.freq]

    def as_dict(self) -> dict:
        d = asdict(self)
        d["models"] = list(self.models)
        return d


@dataclass(frozen=True)
class SeriesOutcome:
    """What one series produces: its selection row, forecast rows, backtest rows per model and scored points."""
    selection: dict
    forecast: pd.DataFrame
    backtest: pd.DataFrame
    points: pd.DataFrame = field(default_factory=pd.DataFrame)
    finals: dict = field(default_factory=dict)  # model → forecast of every candidate fitted on the whole history
    members: list = field(default_factory=list)  # the combination's members


class _Acc:
    """Backtest errors of one candidate, pooled over folds (censored periods are not scored)."""

    def __init__(self):
        self.abs_err = self.err = self.act = 0.0
        self.cnt = 0
        self.sq: list[float] = []
        self.fold_abs: dict[int, float] = {}
        self.eligible = True
        self._pts: list[tuple] = []

    def add(self, o: int, actual: np.ndarray, yhat: np.ndarray, ds_np: np.ndarray) -> None:
        mask = np.isfinite(actual)
        e = yhat[mask] - actual[mask]
        self.fold_abs[o] = float(np.abs(e).sum())
        self.abs_err += self.fold_abs[o]
        self.err += float(e.sum())
        self.act += float(actual[mask].sum())
        self.cnt += int(mask.sum())
        self.sq.extend(e.tolist())
        self._pts.append((ds_np[o - 1], ds_np[o:o + len(actual)], actual, yhat))

    def row(self, series_id: str, name: str, scale: float) -> dict:
        return {"series_id": series_id, "model": name, "folds": len(self.fold_abs), "points": self.cnt,
                "abs_error": self.abs_err, "error": self.err, "actual": self.act,
                "wape": _ratio(self.abs_err, self.act), "bias": _ratio(self.err, self.act),
                "mase": _ratio(self.abs_err / self.cnt, scale) if self.cnt else float("nan"),
                "rmse": float(np.sqrt(np.mean(np.square(self.sq)))) if self.sq else float("nan"),
                "eligible": self.eligible}

    def points(self, name: str):
        for origin, ds, actual, yhat in self._pts:
            for k, (d, a, f) in enumerate(zip(ds, actual, yhat)):
                yield {"model": name, "origin": origin, "ds": d, "step": k + 1, "y": a, "yhat": f}


COMBINATIONS = ("mean", "median", "inverse")


def combine(forecasts, how: str = "mean", errors=None) -> np.ndarray:
    """One forecast from several (rows: members, columns: periods): their mean, their median per period, or
    ("inverse") their mean weighted by 1 / each member's backtest Σ|error| (`errors`; a member with no error gets
    all the weight; missing `errors` → the plain mean)."""
    f = np.asarray(forecasts, dtype=float)
    if f.ndim == 1:
        f = f[None, :]
    if how == "median":
        return np.median(f, axis=0)
    if how == "inverse" and errors is not None:
        e = np.asarray(errors, dtype=float)
        if len(e) != len(f) or not np.isfinite(e).all():
            return f.mean(axis=0)
        w = (e <= 0).astype(float) if (e <= 0).any() else 1 / e
        return (w / w.sum()) @ f
    if how not in COMBINATIONS:
        raise ValueError(f"combination must be one of {COMBINATIONS}")
    return f.mean(axis=0)


def combo_members(cands, acc: dict, cfg: "ForecastConfig") -> list[str]:
    """Models averaged by the combination candidate: the class's candidates other than the baseline, scored on
    every fold (not dropped by the race), whose pooled backtest error is within (1 + `cfg.tie`) × the best of
    them — candidates that tie are averaged rather than picked between on noise."""
    if not cfg.combine:
        return []
    pool = [m for m in cands if m != "seasonal_naive" and m in acc and acc[m].eligible]
    if not pool:
        return []
    best = min(acc[m].abs_err for m in pool)
    return [m for m in pool if acc[m].abs_err <= (1 + cfg.tie) * best + 1e-9]


CORE_MODELS = (POOLED, FOURIER, "ets", "theta")


def core_members(cands, acc: dict) -> list[str]:
    """The robust combination of regular demand, every series' default: the pooled share of the total, ETS with
    the yearly Fourier season (plain ETS under two years), and Theta — those of them the series has as eligible
    candidates.  On the tune half of bench/forecast_accuracy.py this mean beat each member and the per-series
    choice (Superstore 0.332 vs 0.342 for the best member; Amazon daily 0.20 vs 0.23 for the chooser)."""
    if not set(cands) & {"ets", "theta"} or not any(m in cands for m in ("ets", FOURIER)):
        return []
    season_model = FOURIER if FOURIER in cands else "ets"
    return [m for m in (POOLED, season_model, "theta") if m in cands and m in acc and acc[m].eligible]


def seasonal_naive_selectable(n: int, season: int, cfg: "ForecastConfig") -> bool:
    """Seasonal naive competes only when the history holds `naive_min_seasons` seasons (a shorter one makes it a
    one-period naive, which per-series selection on a short backtest picks by luck); it is always scored."""
    return n >= cfg.naive_min_seasons * season


def fold_origins(n: int, h: int, folds: int, min_train: int, step: int | None = None,
                 season: int = 0) -> list[int]:
    """Training lengths of the folds, earliest first: the last fold forecasts the last h periods, each earlier one
    starts `step` periods earlier (default h: test windows side by side).  With `season`, one more fold forecasts
    the same calendar window one season before the forecast (origin n − season): the recent folds alone judge
    next spring's forecast on last winter's peak."""
    step = step or h
    out = [n - h - (j - 1) * step for j in range(folds, 0, -1)]
    if season and n - season not in out and n - season >= season:  # its history must hold the season before
        out.append(n - season)
    return sorted(o for o in out if o >= min_train)


def naive_scale(y: np.ndarray, season: int) -> float:
    m = season if len(y) > season else 1
    d = np.abs(y[m:] - y[:-m])
    d = d[np.isfinite(d)]
    return float(d.mean()) if len(d) else float("nan")


def _ratio(num: float, den: float) -> float:
    return float(num / den) if den and np.isfinite(den) and den > 0 else float("nan")


def series_origins(n: int, cfg: "ForecastConfig") -> list[int]:
    """The fold origins (training lengths) of a series of n periods under `cfg`."""
    h, season = cfg.horizon, cfg.season
    return fold_origins(n, h, cfg.folds, cfg.min_train or max(8, h), step=cfg.step or max(1, int(h * cfg.step_share + 1e-9)),
                        season=season if cfg.season_fold and season >= 12 else 0)


def evaluate_series(series_id: str, ds: np.ndarray, y: np.ndarray, cfg: ForecastConfig,
                    holidays: pd.DataFrame | None = None, calendar=None,
                    precomputed: dict | None = None) -> SeriesOutcome:
    """Backtest the candidates of one series, choose one, and forecast `cfg.horizon` periods ahead
    (`holidays`: Prophet's holiday frame; `calendar`: peaks and promotions, lifts for the level-only models)."""
    ds = pd.to_datetime(pd.Series(ds)).reset_index(drop=True)
    y = np.asarray(y, dtype=float)
    h, n, season = cfg.horizon, len(y), cfg.season
    if calendar is not None and not isinstance(calendar, dict):
        calendar = prepare_calendar(calendar)
    dc = classify(y)
    cands = candidates_for(dc.demand_class, cfg.models, seasons=n / season, years=n / year_period(cfg.freq))
    origins = series_origins(n, cfg)
    precomputed = precomputed or {}
    cands = tuple(m for m in cands if m not in BATCH_MODELS or (  # the batch had too few series for them
        m in precomputed and "final" in precomputed[m] and all(o in precomputed[m] for o in origins)))
    scale = naive_scale(y[:origins[0]], season) if origins else float("nan")

    # cheap models first; the expensive one (Prophet) last, most recent fold first, so that it can be dropped
    # after one fold where it loses clearly (`cfg.race`)
    order = [m for m in cands if m not in EXPENSIVE] + [m for m in cands if m in EXPENSIVE]
    recent_first = sorted(origins, reverse=True)
    ds_np = ds.to_numpy()
    acc: dict[str, _Acc] = {}
    lifts: dict[int, dict] = {}  # event lifts measured on each training window, shared by the models
    fold_fc: dict[str, dict[int, np.ndarray]] = {}
    for name in order:
        a = acc[name] = _Acc()
        fold_fc[name] = {}
        for i, o in enumerate(recent_first):
            if o not in lifts:
                lifts[o] = event_lifts(ds_np[:o], y[:o], calendar, cfg.freq) if calendar else {}
            if name in BATCH_MODELS:
                mean = np.asarray(precomputed[name][o], dtype=float)
            else:
                mean = run_model(name, ds_np[:o], y[:o], h, cfg.freq, cfg.level, holidays, intervals=False,
                                 calendar=calendar, lifts=lifts[o]).mean
            fold_fc[name][o] = mean[:len(y[o:o + h])]
            a.add(o, y[o:o + h], fold_fc[name][o], ds_np)
            if name in EXPENSIVE and cfg.race and i == 0 and len(recent_first) > 1:
                cheap = [acc[m].fold_abs[o] for m in acc if m not in EXPENSIVE]
                if cheap and a.fold_abs[o] > cfg.race * min(cheap) + 1e-9:
                    a.eligible = False
                    break
    if origins and not seasonal_naive_selectable(n, season, cfg) and "seasonal_naive" in acc and len(acc) > 1:
        acc["seasonal_naive"].eligible = False  # a baseline only: too short a history to show a season twice
    members = combo_members(cands, acc, cfg) if origins else []
    core = core_members(cands, acc) if origins else []
    for name, mem in ((COMBO, members), (CORE, core)):
        if len(mem) >= 2:
            a = acc[name] = _Acc()
            errs = [acc[m].abs_err for m in mem]
            for o in recent_first:
                a.add(o, y[o:o + h], combine([fold_fc[m][o] for m in mem], cfg.combination, errs), ds_np)
    bt = pd.DataFrame([a.row(series_id, name, scale) for name, a in acc.items()])
    pts = pd.DataFrame([p for name, a in acc.items() for p in a.points(name)]) if acc else pd.DataFrame()
    if len(pts):
        pts.insert(0, "series_id", series_id)

    if origins:
        scored = bt[(bt["points"] > 0) & bt["eligible"]]
        chosen = scored.loc[scored["abs_error"].idxmin(), "model"] if len(scored) else DEFAULT_BY_CLASS[dc.demand_class]
        if COMBO in acc and chosen != COMBO and chosen in members:
            # candidates tie (within `tie` of the best): their mean, unless the best alone is clearly better
            if acc[COMBO].abs_err <= (1 + cfg.tie) * acc[chosen].abs_err + 1e-9:
                chosen = COMBO
        default = CORE if CORE in acc else DEFAULT_BY_CLASS[dc.demand_class]
        if cfg.prior_margin and chosen != default and default in acc and acc[default].eligible and acc[default].cnt:
            # the default stands unless the backtest winner beats it clearly: a few folds of one series are
            # not evidence enough to leave a robust method for one that happened to fit them
            if not acc[chosen].abs_err < (1 - cfg.prior_margin) * acc[default].abs_err:
                chosen = default
    else:
        chosen = DEFAULT_BY_CLASS[dc.demand_class]
        if chosen not in cands:
            chosen = cands[-1]
    finals: dict[str, np.ndarray] = {}

    def final_of(m) -> np.ndarray:
        if m not in finals:
            if m in (COMBO, CORE):
                mem = members if m == COMBO else core
                finals[m] = combine([final_of(x) for x in mem], cfg.combination, [acc[x].abs_err for x in mem])
            elif m in BATCH_MODELS:
                finals[m] = np.clip(np.asarray(precomputed[m]["final"], dtype=float), 0, None)
            else:  # no interval simulation (Prophet's is most of its final fit): `calibrate` sets every interval
                finals[m] = run_model(m, ds_np, y, h, cfg.freq, cfg.level, holidays, intervals=False,
                                      calendar=calendar).mean
        return finals[m]

    final_of(chosen)
    if cfg.pool_selection and origins:  # the other cheap candidates' forecasts, for the class-level choice
        for m in bt.loc[bt["eligible"] & (bt["points"] > 0), "model"]:
            if m not in EXPENSIVE and (m != COMBO or not set(members) & set(EXPENSIVE)) and (m != CORE or len(core) > 1):
                final_of(m)
    observed = y[np.isfinite(y)]
    recent = observed[-min(len(observed), season if cfg.freq == "W" else 28):]
    base = {
        "series_id": series_id, "demand_class": dc.demand_class, "adi": dc.adi, "cv2": dc.cv2,
        "candidates": ",".join(cands), "folds": len(origins),
        "scale": scale, "periods": int(n), "censored_periods": int(np.isnan(y).sum()),
        "recent_mean": float(recent.mean()) if len(recent) else 0.0,
        "last_ds": ds.iloc[-1] if n else pd.NaT,
    }
    future = [ds.iloc[-1] + STEP[cfg.freq] * (k + 1) for k in range(h)]
    selection, fc = chosen_rows(base, bt, chosen, members if chosen == COMBO else core, finals[chosen], future,
                                float(np.std(observed)) if len(observed) > 1 else 0.0)
    points = pts if len(pts) else pd.DataFrame(columns=["series_id", "model", "origin", "ds", "step", "y", "yhat"])
    return SeriesOutcome(selection, fc, bt, points, finals, members if chosen == COMBO else core)


def chosen_rows(base: dict, bt: pd.DataFrame, chosen: str, members: list[str], mean: np.ndarray, future,
                fallback_sigma: float) -> tuple[dict, pd.DataFrame]:
    """The selection row (the chosen model's backtest accuracy next to seasonal naive's) and the forecast rows of
    one series for a chosen model (`mean`: its forecast)."""
    row = bt.set_index("model") if len(bt) else pd.DataFrame()
    pick = row.loc[chosen] if chosen in row.index else None
    naive = row.loc["seasonal_naive"] if "seasonal_naive" in row.index else None
    sigma = float(pick["rmse"]) if pick is not None and np.isfinite(pick["rmse"]) else fallback_sigma
    nan = float("nan")
    selection = {
        **{k: base[k] for k in ("series_id", "demand_class", "adi", "cv2")},
        "model": chosen, "candidates": base["candidates"], "folds": base["folds"],
        "combo_members": ",".join(members) if chosen in (COMBO, CORE) else "",
        "wape": float(pick["wape"]) if pick is not None else nan,
        "bias": float(pick["bias"]) if pick is not None else nan,
        "mase": float(pick["mase"]) if pick is not None else nan,
        "naive_wape": float(naive["wape"]) if naive is not None else nan,
        "naive_mase": float(naive["mase"]) if naive is not None else nan,
        "abs_error": float(pick["abs_error"]) if pick is not None else nan,
        "error": float(pick["error"]) if pick is not None else nan,
        "naive_abs_error": float(naive["abs_error"]) if naive is not None else nan,
        "actual": float(pick["actual"]) if pick is not None else nan,
        "points": int(pick["points"]) if pick is not None else 0,
        "sigma": sigma, **{k: base[k] for k in ("scale", "periods", "censored_periods", "recent_mean", "last_ds")},
    }
    mean = np.clip(np.asarray(mean, dtype=float), 0, None)
    fc = pd.DataFrame({"series_id": base["series_id"], "ds": future, "yhat": mean, "yhat_lower": mean.copy(),
                       "yhat_upper": mean.copy(), "model": chosen})
    return selection, fc


def evaluate_batch(batch: list[tuple[str, np.ndarray, np.ndarray]], cfg: ForecastConfig,
                   events: pd.DataFrame | None = None, glob: dict | None = None) -> list[SeriesOutcome]:
    """Evaluate several series (the unit of work of one worker process)."""
    if not batch:
        return []
    holidays = calendar = None
    lo = min(pd.Timestamp(b[1][0]) for b in batch if len(b[1]))
    hi = max(pd.Timestamp(b[1][-1]) for b in batch if len(b[1]))
    if "prophet" in cfg.models:
        holidays = event_days(events, cfg.freq, cfg.country, lo, hi)
    if events is not None and len(events):
        calendar = prepare_calendar(event_days(events, cfg.freq, None, lo, hi))
    glob = glob or {}
    return [evaluate_series(sid, ds, y, cfg, holidays, calendar, glob.get(sid)) for sid, ds, y in batch]


POOL_MIN_SERIES = 5


def pooled_choice(outcomes: list[SeriesOutcome], cfg: ForecastConfig) -> list[SeriesOutcome]:
    """Selection that does not overfit: per demand class, the candidate with the lowest backtest error summed over
    all the class's series (Σ|error| ÷ seasonal naive's Σ|error| on the same series — volume-weighted, as WAPE is)
    becomes every series' model, unless the series' own backtest winner beats it there by more than
    `cfg.pool_margin` (a share of its error).  A few folds of one series pick a model partly by luck; the same
    choice over dozens of series does not ("aggregate selection", Fildes 1989).  Classes with fewer than
    `POOL_MIN_SERIES` backtested series keep the per-series choice."""
    if not cfg.pool_selection:
        return outcomes
    by_class: dict[str, list[int]] = {}
    for i, o in enumerate(outcomes):
        if o.selection["folds"] and o.finals and len(o.backtest):
            by_class.setdefault(o.selection["demand_class"], []).append(i)
    out = list(outcomes)
    for cls, idx in by_class.items():
        if len(idx) < POOL_MIN_SERIES:
            continue
        totals: dict[str, list[float]] = {}
        for i in idx:
            bt = outcomes[i].backtest.set_index("model")
            if "seasonal_naive" not in bt.index:
                continue
            base = float(bt.loc["seasonal_naive", "abs_error"])
            for m in outcomes[i].finals:
                if m in bt.index and bool(bt.loc[m, "eligible"]) and bt.loc[m, "points"] > 0:
                    t = totals.setdefault(m, [0.0, 0.0, 0])
                    t[0] += float(bt.loc[m, "abs_error"])
                    t[1] += base
                    t[2] += 1
        ok = {m: t[0] / t[1] for m, t in totals.items() if t[2] >= 0.5 * len(idx) and t[1] > 0}
        if not ok:
            continue
        winner = min(ok, key=ok.get)
        for i in idx:
            o = outcomes[i]
            own = o.selection["model"]
            bt = o.backtest.set_index("model")
            if own == winner or winner not in o.finals or winner not in bt.index or not bool(bt.loc[winner, "eligible"]):
                continue
            if own in bt.index and bt.loc[own, "abs_error"] < (1 - cfg.pool_margin) * bt.loc[winner, "abs_error"]:
                continue
            sel, fc = chosen_rows(o.selection, o.backtest, winner, o.members, o.finals[winner],
                                  o.forecast["ds"].tolist(), o.selection["sigma"])
            out[i] = SeriesOutcome(sel, fc, o.backtest, o.points, o.finals, o.members)
    return out


CALIBRATION_MIN_POINTS = 40


def _series_scale(sel: pd.DataFrame) -> pd.Series:
    """Per series, the unit its errors are measured in for calibration: the in-sample seasonal-naive error (MASE's
    denominator), else the recent mean demand, else 1."""
    s = sel.set_index("series_id")
    scale = s["scale"].where(np.isfinite(s["scale"]) & (s["scale"] > 0), s["recent_mean"])
    return scale.where(np.isfinite(scale) & (scale > 0), 1.0)


def step_quantiles(r: np.ndarray, steps: np.ndarray, horizon: int, level: float,
                   min_points: int = CALIBRATION_MIN_POINTS) -> np.ndarray | None:
    """Per horizon step k = 1…h, the (1 ∓ level)/2 quantiles of the residuals `r` (one per backtest point, at step
    `steps`): the residuals of step k, and of the steps next to it (k ± 1, ± 2, …) until at least `min_points` are
    pooled; then made monotone — the interval never narrows further out (lower bound: running minimum, upper:
    running maximum).  Shape (h, 2); None when fewer than `min_points` residuals exist at all."""
    r, steps = np.asarray(r, dtype=float), np.asarray(steps, dtype=int)
    ok = np.isfinite(r)
    r, steps = r[ok], steps[ok]
    if len(r) < min_points:
        return None
    lo_q, hi_q = (1 - level) / 2, (1 + level) / 2
    out = np.empty((horizon, 2))
    for k in range(1, horizon + 1):
        w = 0
        while True:
            sel = r[np.abs(steps - k) <= w]
            if len(sel) >= min_points or w >= horizon + int(steps.max(initial=0)):
                break
            w += 1
        out[k - 1] = np.quantile(sel, [lo_q, hi_q])
    out[:, 0] = np.minimum.accumulate(out[:, 0])
    out[:, 1] = np.maximum.accumulate(out[:, 1])
    return out


def calibrate(selection: pd.DataFrame, points: pd.DataFrame, forecast: pd.DataFrame, level: float,
              horizon: int, backtest: pd.DataFrame | None = None,
              source: str = "chosen", widen: float = 1.0, by: str = "third") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Conformal intervals: the chosen model's backtest errors, in units of each series' scale, pooled per demand
    class and horizon position; their (1 ∓ level)/2 quantiles become each forecast's interval (clipped at 0).
    `by`: "third" = per third of the horizon (groups with fewer than `CALIBRATION_MIN_POINTS` errors borrow the
    pooled quantiles of all series); "step" = per horizon step (`step_quantiles`: neighbouring steps pooled until
    there are enough errors, widths never shrinking with the step; a demand class with too few errors uses all
    series').  With fewer errors than that overall, a normal interval on σ of each series' backtest errors (the
    final fits simulate none).  Returns the forecast with new bounds and the selection with `coverage`: the share
    of its backtest actuals inside the calibrated interval."""
    selection = selection.copy()
    selection["coverage"] = np.nan
    if selection.empty:
        return forecast, selection
    p = pd.DataFrame()
    if points is not None and len(points):
        chosen = selection.set_index("series_id")["model"]
        is_chosen = points["model"].to_numpy() == points["series_id"].map(chosen).to_numpy()
        p = points[is_chosen].dropna(subset=["y"])
    if len(p) < CALIBRATION_MIN_POINTS:  # too few errors to calibrate on: normal, σ of the backtest errors
        fc = forecast.copy()
        sigma = fc["series_id"].map(selection.set_index("series_id")["sigma"]).fillna(0).to_numpy()
        step = fc.groupby("series_id").cumcount().to_numpy() + 1
        half = z_value(level) * widen * sigma * np.sqrt(1 + (step - 1) / max(1, horizon))
        mean = fc["yhat"].to_numpy(dtype=float)
        fc["yhat_lower"], fc["yhat_upper"] = np.clip(mean - half, 0, None), mean + half
        return fc, selection
    if source == "candidates" and backtest is not None and len(backtest):
        ok = backtest.loc[backtest["eligible"] & (backtest["model"] != "seasonal_naive"), ["series_id", "model"]]
        cal = points.merge(ok, on=["series_id", "model"]).dropna(subset=["y"])
        cal = pd.concat([cal, p[~p.set_index(["series_id", "model"]).index.isin(cal.set_index(["series_id", "model"]).index)]])
    else:
        cal = p
    scale = _series_scale(selection)
    cls = selection.set_index("series_id")["demand_class"]
    if by == "step":
        bucket = lambda step: np.minimum(horizon, np.asarray(step, dtype=int)) - 1  # noqa: E731
    else:
        bucket = lambda step: np.minimum(2, (np.asarray(step, dtype=float) - 1) * 3 // max(1, horizon)).astype(int)  # noqa: E731
    tag = lambda d: d.assign(r=(d["y"] - d["yhat"]) / d["series_id"].map(scale),  # noqa: E731
                             cls=d["series_id"].map(cls), b=bucket(d["step"]))
    p, cal = tag(p), tag(cal)
    lo_q, hi_q = (1 - level) / 2, (1 + level) / 2
    if by == "step":
        everything = step_quantiles(cal["r"], cal["step"], horizon, level)
        groups = {c: q for c, g in cal.groupby("cls") if (q := step_quantiles(g["r"], g["step"], horizon, level)) is not None}

        def bounds(c, b):
            return (groups[c] if c in groups else everything)[b] * widen
    else:
        pooled = cal.groupby("b")["r"].quantile([lo_q, hi_q]).unstack()
        everything = cal["r"].quantile([lo_q, hi_q]).to_numpy()
        groups = {k: g["r"].quantile([lo_q, hi_q]).to_numpy() for k, g in cal.groupby(["cls", "b"])
                  if len(g) >= CALIBRATION_MIN_POINTS}

        def bounds(c, b):
            if (c, b) in groups:
                return groups[(c, b)] * widen
            return (pooled.loc[b].to_numpy() if b in pooled.index else everything) * widen

    memo: dict = {}

    def lookup(cs, bs) -> np.ndarray:  # bounds of every row, computed once per (class, step or third)
        keys = list(zip(cs, bs))
        for k in set(keys) - memo.keys():
            memo[k] = bounds(*k)
        return np.array([memo[k] for k in keys], dtype=float).reshape(-1, 2)

    fc = forecast.copy()
    step = fc.groupby("series_id").cumcount() + 1
    q = lookup(fc["series_id"].map(cls), bucket(step))
    s = fc["series_id"].map(scale).to_numpy()
    mean = fc["yhat"].to_numpy(dtype=float)
    fc["yhat_lower"] = np.clip(np.minimum(mean, mean + q[:, 0] * s), 0, None)
    fc["yhat_upper"] = np.maximum(mean, mean + q[:, 1] * s)
    qp = lookup(p["cls"], p["b"])
    inside = (p["r"].to_numpy() >= np.minimum(0, qp[:, 0]) - 1e-12) & (p["r"].to_numpy() <= np.maximum(0, qp[:, 1]) + 1e-12)
    selection["coverage"] = selection["series_id"].map(pd.Series(inside, index=p.index).groupby(p["series_id"]).mean())
    return fc, selection


def overall_accuracy(selection: pd.DataFrame) -> dict:
    """Pooled accuracy of the chosen models and of seasonal naive over all backtested series."""
    if selection is None or len(selection) == 0:
        nan = float("nan")
        return {"series": 0, "backtested_series": 0, "wape": nan, "naive_wape": nan, "bias": nan, "mase_median": nan,
                "coverage": nan}
    s = selection[selection["folds"] > 0]
    act = s["actual"].sum()
    return {
        "series": int(len(selection)), "backtested_series": int(len(s)),
        "wape": _ratio(s["abs_error"].sum(), act), "naive_wape": _ratio(s["naive_abs_error"].sum(), act),
        "bias": _ratio(s["error"].sum(), act),
        "mase_median": float(s["mase"].median()) if len(s) else float("nan"),
        "coverage": float(np.average(s["coverage"].dropna(), weights=s.loc[s["coverage"].notna(), "points"]))
        if "coverage" in s and s["coverage"].notna().any() else float("nan"),
    }
