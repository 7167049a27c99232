"""Forecasting models: seasonal naive, SES, ETS and Theta (statsmodels), Croston, SBA, TSB, and Prophet with events.

Every model takes one series (`y`: float array, NaN = censored period, i.e. a stock-out day left out of demand
history) and a horizon `h`, and returns a `PointForecast` (mean, lower, upper; negative values clipped at 0, as
METRICS.md asks).  Intervals of the small models come from their one-step in-sample residuals (normal
approximation); Prophet's come from its own simulation.

Conventions (the hand-computed tests in tests/forecast/test_models.py follow them):

* Croston (1972): on the non-zero demands only, z ← z + α(y − z) for the size and p ← p + α(q − p) for the
  interval q (periods since the previous demand).  Start: z = first non-zero demand, p = its position (1-based:
  one demand in that many periods).  Forecast = z / p.  SBA (Syntetos–Boylan approximation) = (1 − α/2) · z / p.
* TSB (Teunter–Syntetos–Babai 2011): every period p ← p + β(1[y > 0] − p); on non-zero periods z ← z + α(y − z).
  Start as Croston (z = first non-zero demand, p = 1 / its position).  Forecast = p · z.
* SES: level l ← l + α(y − l), starting at the first observation; α picked from a small grid by in-sample
  squared one-step error.
* Seasonal naive: the value one season earlier (going back further seasons past censored periods; the last
  value when the history is shorter than a season; the mean when nothing else is known).
* ETS: statsmodels `ETSModel`, the form (error A/M, trend none/damped, season none/A/M) chosen per series by AICc
  counting every initial state; seasonal forms need two full seasons.  For 52-week seasons with one to two seasons
  known, ETS runs on the series adjusted by `shrunk_seasonal` effects instead.  Theta: statsmodels `ThetaModel`.
* Events: Prophet learns peaks and promotions as holidays; the level-only models (SES, ETS and Theta without a
  seasonal component, Croston, SBA, TSB) get them as a multiplicative lift measured in the series' own history
  (`event_lifts`).

statsforecast is deliberately not used: it requires pandas < 3 (ARCHITECTURE.md "Forecasting notes").
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

MODELS = ("seasonal_naive", "ses", "ets", "fourier", "theta", "croston", "sba", "tsb", "prophet", "global", "pooled")
GLOBAL = "global"  # one LightGBM model across all series (global_model.py); its forecasts are computed up front
FOURIER = "fourier"  # ETS with the 365.25-day season as Fourier terms (two years of history or more)
POOLED = "pooled"  # the series' share of the batch total × a forecast of the total (pooled.py); also up front
BATCH_MODELS = (GLOBAL, POOLED)  # candidates computed for the whole batch before the per-series backtests
COMBO = "combo"  # the mean of a series' candidate models (scored in the backtest like any model)
CORE = "core"  # the mean of the robust trio pooled + ETS (Fourier season) + Theta: regular demand's default
MODEL_LABELS = {
    "seasonal_naive": "Seasonal naive", "ses": "Exponential smoothing (SES)", "ets": "Exponential smoothing (ETS)",
    "theta": "Theta", GLOBAL: "Global LightGBM (across series)", POOLED: "Share of the total (top-down)",
    FOURIER: "ETS with a yearly Fourier season", "croston": "Croston", "sba": "Croston–SBA", "tsb": "TSB", "prophet": "Prophet",
    COMBO: "Combination (mean of candidates)", CORE: "Robust combination (pooled, ETS, Theta)",
}
SEASON = {"D": 7, "W": 52}
STEP = {"D": pd.Timedelta(days=1), "W": pd.Timedelta(days=7)}
SES_GRID = (0.05, 0.1, 0.2, 0.3, 0.5)
# L-BFGS stops when the objective improves by less than this × machine precision (cmdstan's default: 1e4).  Measured
# on the benchmark catalogue: forecasts within ~3 % of a fully converged fit, no worse on a held-out tail, and the
# fit 2.5× faster — the difference between a 500-SKU selection in about a minute and in two and a half.
PROPHET_TOL_REL_OBJ = 1e5


@dataclass(frozen=True)
class PointForecast:
    mean: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    seasonal: bool = False  # the model carries its own seasonality (event lifts are not applied on top)


def z_value(level: float) -> float:
    """Two-sided normal quantile for a central interval of `level` (0.8 → 1.2816)."""
    return NormalDist().inv_cdf(0.5 + level / 2)


def _interval(mean: np.ndarray, sigma: float, level: float, widen: np.ndarray | None = None) -> PointForecast:
    mean = np.clip(np.asarray(mean, dtype=float), 0, None)
    if not np.isfinite(sigma):
        sigma = 0.0
    half = z_value(level) * sigma * (widen if widen is not None else 1.0)
    return PointForecast(mean, np.clip(mean - half, 0, None), np.clip(mean + half, 0, None))


def _rmse(resid) -> float:
    r = np.asarray(resid, dtype=float)
    r = r[np.isfinite(r)]
    return float(np.sqrt(np.mean(r ** 2))) if len(r) else float("nan")


# ------------------------------------------------------------------ seasonal naive

def seasonal_naive(y, h: int, season: int, level: float = 0.8) -> PointForecast:
    y = np.asarray(y, dtype=float)
    n = len(y)
    observed = y[~np.isnan(y)]
    fallback = float(observed.mean()) if len(observed) else 0.0
    m = season if n >= season else 1
    out = np.empty(h)
    for k in range(h):
        i = n - m + (k % m)
        while i >= 0 and np.isnan(y[i]):
            i -= m
        if i >= 0:
            out[k] = y[i]
        else:  # one-period naive on the last observed value, else the mean
            out[k] = observed[-1] if len(observed) else fallback
    resid = y[m:] - y[:-m] if n > m else np.array([])
    widen = np.sqrt(np.arange(h) // m + 1.0)
    return _interval(out, _rmse(resid), level, widen)


# ------------------------------------------------------------------ exponential smoothing

def _ses_path(y: np.ndarray, alpha: float):
    """One-step fitted values and final level on an uncensored array."""
    level = y[0]
    fitted = np.empty(len(y))
    fitted[0] = np.nan
    for t in range(1, len(y)):
        fitted[t] = level
        level += alpha * (y[t] - level)
    return fitted, level


def ses(y, h: int, level: float = 0.8, alpha: float | None = None) -> PointForecast:
    a = np.asarray(y, dtype=float)
    a = a[~np.isnan(a)]
    if len(a) == 0:
        return _interval(np.zeros(h), 0.0, level)
    best = None
    for al in ([alpha] if alpha is not None else SES_GRID):
        fitted, last = _ses_path(a, al)
        sse = np.nansum((a - fitted) ** 2)
        if best is None or sse < best[0]:
            best = (sse, fitted, last)
    _, fitted, last = best
    return _interval(np.full(h, last), _rmse(a - fitted), level)


def _filled(y) -> np.ndarray:
    """The series with censored periods (NaN) interpolated linearly (ends: the nearest observed value)."""
    a = np.asarray(y, dtype=float)
    ok = np.isfinite(a)
    if ok.all() or not ok.any():
        return a[ok] if not ok.any() else a
    idx = np.arange(len(a))
    return np.interp(idx, idx[ok], a[ok])


# ETS configurations tried by `ets` (error, trend, damped, season); AICc picks one per series.  Multiplicative forms
# only for strictly positive series; seasonal forms only with two full seasons (statsmodels' heuristic start needs
# them, and a seasonal profile from one season is the seasonal naive's noise).
ETS_FORMS = (("add", None, False, None), ("add", "add", True, None), ("mul", None, False, None),
             ("mul", "add", True, None), ("add", None, False, "add"), ("add", "add", True, "add"),
             ("mul", None, False, "mul"), ("mul", "add", True, "mul"))
ETS_FAST = True  # skip the non-seasonal multiplicative-error forms: their point forecasts follow the same recursion as
# the additive-error form (MNN's level update is ANN's; only the likelihood, hence the fitted α, differs) — half the
# fits of a non-seasonal series, for the 500-SKU time budget
ETS_MIN_PERIODS = 10


def _aicc(llf: float, n: int, k: int) -> float:
    return -2 * llf + 2 * k + (2 * k * (k + 1) / (n - k - 1) if n - k - 1 > 0 else np.inf)


def ets_fit(y, season: int):
    """The AICc-best statsmodels ETSModel of a series, with its form; None when none can be fitted.

    k (for AICc) counts every smoothing parameter, every initial state (level, trend, season − 1 seasonal states,
    although statsmodels' heuristic start sets them from the data) and σ, so a 52-week seasonal form has to earn its
    ~55 parameters."""
    import warnings
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel
    a = _filled(y)
    n = len(a)
    if n < ETS_MIN_PERIODS or np.ptp(a) == 0:
        return None
    positive = bool(a.min() > 0)
    best = None
    for error, trend, damped, seas in ETS_FORMS:
        if (error == "mul" or seas == "mul") and not positive:
            continue
        if seas and (season < 2 or n < 2 * season + 2):
            continue
        if ETS_FAST and error == "mul" and not seas:
            continue
        k = 1 + 1 + (2 if trend else 0) + (1 if damped else 0) + (season if seas else 0)  # α, l0, β+b0, φ, γ+s0…
        k += 1  # σ
        if n - k - 1 <= 0:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                res = ETSModel(a, error=error, trend=trend, damped_trend=damped, seasonal=seas,
                               seasonal_periods=season if seas else None,
                               initialization_method="heuristic").fit(disp=False, maxiter=200)
            except (ValueError, np.linalg.LinAlgError, ZeroDivisionError):
                continue
        score = _aicc(float(res.llf), n, k)
        if np.isfinite(score) and (best is None or score < best[0]):
            best = (score, res, (error, trend, damped, seas))
    return None if best is None else (best[1], best[2])


def ets_form_name(form) -> str:
    """ETS(A,Ad,N)-style name of a form tuple."""
    error, trend, damped, seas = form
    e = {"add": "A", "mul": "M"}
    return f"ETS({e[error]},{(e[trend] + ('d' if damped else '')) if trend else 'N'},{e[seas] if seas else 'N'})"


LONG_SEASON = 12  # seasons this long (52 weeks) with under two full seasons of history: `shrunk_seasonal`
SHRINK = 4.0  # an effect must stand 2σ out of the noise to be kept at all (positive-part James–Stein, made stricter:
# with one season, plain James–Stein keeps most of a 2σ noise week)


def shrunk_seasonal(a: np.ndarray, season: int, h: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Seasonal effects for a long season (52 weeks) from as little as one past season, each shrunk towards 0 by
    how far it stands out of the noise: (in-sample effects, the next h periods' effects), or None when the history
    is shorter than a season + 13 periods.

    Effect of a period = its value − a centred 13-period rolling median (a local level that a few peak weeks do not
    move); a calendar position's effect = the mean of its effects in every season of the history (the in-sample
    decomposition) or in the past seasons (for the forecast), times max(0, 1 − σ² / (k · effect²)), σ² = the robust variance of all effects
    and k = the seasons averaged (James–Stein).  A quiet summer week's ±4 % vanishes, a Black Friday week's +60 %
    stays: ETS then forecasts the level without last year's noise and still knows the peaks — the way statistical
    practice handles weekly seasonality (season 52 is too long for ETS's own seasonal states on 2–3 years)."""
    n = len(a)
    if season < LONG_SEASON or n < season + 13:
        return None
    lvl = pd.Series(a).rolling(13, center=True, min_periods=7).median().to_numpy()
    d = a - lvl
    # noise: from the same week in consecutive seasons when there are two (what a season does again is not noise),
    # else from the spread of all effects
    spread = (d[season:] - d[:-season]) / np.sqrt(2) if n >= 2 * season else d - np.nanmedian(d)
    sigma2 = (1.4826 * np.nanmedian(np.abs(spread))) ** 2
    if not np.isfinite(sigma2) or sigma2 <= 0:
        sigma2 = float(np.nanvar(d)) or 1e-9

    def effect(vals: np.ndarray) -> float:
        vals = vals[np.isfinite(vals)]
        if not len(vals):
            return 0.0
        m = float(vals.mean())
        return m * max(0.0, 1 - SHRINK * sigma2 / (len(vals) * m * m)) if m else 0.0

    pos = np.arange(n)
    hist = np.array([effect(d[pos % season == t % season]) for t in range(n)])
    fut = np.array([effect(d[pos % season == (n + k) % season]) for k in range(h)])
    return hist, fut


def ets(y, h: int, season: int, level: float = 0.8) -> PointForecast:
    """Exponential smoothing, the form (additive/multiplicative error and season, damped trend or none) chosen per
    series by AICc (`ets_fit`).  Interval: normal on the one-step residuals, widened as a random walk's
    √(1 + (k − 1)α²) — a first guess that the backtest's conformal calibration (`backtest.calibrate`) replaces."""
    a = _filled(y)
    seas = shrunk_seasonal(a, season, h) if len(a) and len(a) < 2 * season + 2 else None
    if seas is not None:  # long season, 1–2 seasons known: ETS on the adjusted series, the shrunk effects added back
        fit = ets_fit(a - seas[0], 1)
        if fit is not None:
            res, form = fit
            mean = np.asarray(res.forecast(h), dtype=float) + seas[1]
            if np.isfinite(mean).all():
                alpha = float(res.smoothing_level) if np.isfinite(res.smoothing_level) else 0.5
                resid = (a - seas[0]) - np.asarray(res.fittedvalues, dtype=float)
                fc = _interval(mean, _rmse(resid), level, np.sqrt(1 + np.arange(h) * alpha ** 2))
                return PointForecast(fc.mean, fc.lower, fc.upper, seasonal=bool(np.any(seas[1] != 0)))
    fit = ets_fit(y, season)
    if fit is None:
        return ses(y, h, level)
    res, form = fit
    mean = np.asarray(res.forecast(h), dtype=float)
    if not np.isfinite(mean).all():
        return ses(y, h, level)
    alpha = float(res.smoothing_level) if np.isfinite(res.smoothing_level) else 0.5
    widen = np.sqrt(1 + np.arange(h) * alpha ** 2)
    fc = _interval(mean, _rmse(a - np.asarray(res.fittedvalues, dtype=float)), level, widen)
    return PointForecast(fc.mean, fc.lower, fc.upper, seasonal=bool(form[3]))


def theta(y, h: int, season: int, level: float = 0.8) -> PointForecast:
    """The Theta method (Assimakopoulos–Nikolopoulos; statsmodels `ThetaModel`): SES with half the linear trend,
    on the series deseasonalised by classical decomposition when it holds two seasons and a seasonality test
    passes (multiplicatively for positive series)."""
    import warnings
    from statsmodels.tsa.forecasting.theta import ThetaModel
    a = _filled(y)
    n = len(a)
    if n < ETS_MIN_PERIODS or np.ptp(a) == 0:
        return ses(y, h, level)
    deseason = season > 1 and n >= 2 * season
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            model = ThetaModel(a, period=season if deseason else 1, deseasonalize=deseason,
                               method="multiplicative" if a.min() > 0 else "additive")
            res = model.fit()
            mean = np.asarray(res.forecast(h), dtype=float)
        except (ValueError, np.linalg.LinAlgError, ZeroDivisionError):
            return ses(y, h, level)
    if not np.isfinite(mean).all():
        return ses(y, h, level)
    alpha = float(np.clip(res.params.get("alpha", 0.5) if hasattr(res.params, "get") else 0.5, 0.01, 1))
    fitted = np.r_[np.nan, a[:-1]]  # one-step error of the naive as a scale; calibrated later like the others
    fc = _interval(mean, _rmse(a - fitted) * np.sqrt(max(alpha, 0.1)), level, np.sqrt(1 + np.arange(h) * alpha ** 2))
    return PointForecast(fc.mean, fc.lower, fc.upper, seasonal=deseason)


YEAR_DAYS = 365.25
FOURIER_K = (2, 4, 6, 8, 10)  # harmonics tried (AICc of the seasonal regression picks one per series)


def year_period(freq: str) -> float:
    """Periods in a year of 365.25 days: 52.18 weeks, 365.25 days (a 52-week season drifts a day and a quarter a
    year: Christmas week and Black Friday wander through the 52 calendar positions)."""
    return YEAR_DAYS / 7 if freq == "W" else YEAR_DAYS


def fourier_terms(t: np.ndarray, period: float, k: int) -> np.ndarray:
    """sin/cos pairs of the first k harmonics of a period (columns: sin 1, cos 1, sin 2, …)."""
    w = 2 * np.pi * np.asarray(t, dtype=float)[:, None] * np.arange(1, k + 1)[None, :] / period
    return np.column_stack([f(w[:, j]) for j in range(k) for f in (np.sin, np.cos)])


def yearly_fourier(a: np.ndarray, period: float, h: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The yearly season of a series as Fourier terms of the 365.25-day year: (in-sample effects, the next h
    periods' effects), or None with less than two years.  The effects are fitted by least squares on the series
    minus its centred one-year moving average (the trend), the number of harmonics picked by AICc; multiplicative
    (a share of the local level) for positive series, so a growing business's peaks grow with it."""
    n = len(a)
    if n < 2 * period + 2:
        return None
    win = int(round(period))
    trend = pd.Series(a).rolling(win, center=True, min_periods=win).mean().to_numpy()
    trend = pd.Series(trend).interpolate(limit_direction="both").to_numpy()
    mult = bool(a.min() > 0)
    target = a / trend - 1 if mult else a - trend
    core = np.arange(n)[(np.arange(n) >= win // 2) & (np.arange(n) < n - win // 2)]  # where the trend is centred
    best = None
    for k in FOURIER_K:
        X = fourier_terms(core, period, k)
        if len(core) <= 2 * k + 2:
            break
        beta, *_ = np.linalg.lstsq(X, target[core], rcond=None)
        rss = float(np.sum((target[core] - X @ beta) ** 2))
        m = len(core)
        score = _aicc(-0.5 * m * np.log(max(rss, 1e-12) / m), m, 2 * k + 1)
        if best is None or score < best[0]:
            best = (score, k, beta)
    if best is None:
        return None
    _, k, beta = best
    hist = fourier_terms(np.arange(n), period, k) @ beta
    fut = fourier_terms(np.arange(n, n + h), period, k) @ beta
    if mult:  # as a multiplier of the level: 1 + effect (kept positive)
        return np.clip(1 + hist, 0.05, None), np.clip(1 + fut, 0.05, None)
    return hist, fut


def fourier_ets(y, h: int, freq: str, level: float = 0.8) -> PointForecast | None:
    """ETS (AICc form, without its own yearly season) on the series with its 365.25-day season taken out as
    Fourier terms (`yearly_fourier`), the season put back on the forecast; daily data keep their weekly season
    (7) inside ETS.  None with less than two years of history."""
    a = _filled(y)
    if not len(a):
        return None
    seas = yearly_fourier(a, year_period(freq), h)
    if seas is None:
        return None
    mult = bool(a.min() > 0)
    adj = a / seas[0] if mult else a - seas[0]
    fit = ets_fit(adj, 7 if freq == "D" else 1)
    if fit is None:
        return None
    res, _ = fit
    base = np.asarray(res.forecast(h), dtype=float)
    if not np.isfinite(base).all():
        return None
    mean = base * seas[1] if mult else base + seas[1]
    alpha = float(res.smoothing_level) if np.isfinite(res.smoothing_level) else 0.5
    resid = adj - np.asarray(res.fittedvalues, dtype=float)
    fc = _interval(mean, _rmse(resid) * (float(np.mean(seas[1])) if mult else 1.0), level,
                   np.sqrt(1 + np.arange(h) * alpha ** 2))
    return PointForecast(fc.mean, fc.lower, fc.upper, seasonal=True)


# ------------------------------------------------------------------ intermittent demand

def _croston_state(y: np.ndarray, alpha: float):
    """Final (z, p) and one-step fitted z/p values of Croston's method on an uncensored array."""
    n = len(y)
    fitted = np.full(n, np.nan)
    nz = np.flatnonzero(y > 0)
    if len(nz) == 0:
        return 0.0, 1.0, fitted
    t0 = nz[0]
    z, p, q = float(y[t0]), float(t0 + 1), 0
    for t in range(t0 + 1, n):
        fitted[t] = z / p
        q += 1
        if y[t] > 0:
            z += alpha * (y[t] - z)
            p += alpha * (q - p)
            q = 0
    return z, p, fitted


def croston(y, h: int, level: float = 0.8, alpha: float = 0.1) -> PointForecast:
    a = np.asarray(y, dtype=float)
    a = a[~np.isnan(a)]
    z, p, fitted = _croston_state(a, alpha)
    return _interval(np.full(h, z / p if len(a) else 0.0), _rmse(a - fitted), level)


def sba(y, h: int, level: float = 0.8, alpha: float = 0.1) -> PointForecast:
    a = np.asarray(y, dtype=float)
    a = a[~np.isnan(a)]
    z, p, fitted = _croston_state(a, alpha)
    k = 1 - alpha / 2
    return _interval(np.full(h, k * z / p if len(a) else 0.0), _rmse(a - k * fitted), level)


def _tsb_state(y: np.ndarray, alpha: float, beta: float):
    n = len(y)
    fitted = np.full(n, np.nan)
    nz = np.flatnonzero(y > 0)
    if len(nz) == 0:
        return 0.0, 0.0, fitted
    t0 = nz[0]
    z, p = float(y[t0]), 1.0 / (t0 + 1)
    for t in range(t0 + 1, n):
        fitted[t] = p * z
        if y[t] > 0:
            p += beta * (1 - p)
            z += alpha * (y[t] - z)
        else:
            p += beta * (0 - p)
    return z, p, fitted


def tsb(y, h: int, level: float = 0.8, alpha: float = 0.1, beta: float = 0.1) -> PointForecast:
    a = np.asarray(y, dtype=float)
    a = a[~np.isnan(a)]
    z, p, fitted = _tsb_state(a, alpha, beta)
    return _interval(np.full(h, p * z), _rmse(a - fitted), level)


# ------------------------------------------------------------------ Prophet

_PROPHET = None


def _prophet_class():
    """Import Prophet once per process; silence cmdstanpy *after* the import (it configures its logger on import)."""
    global _PROPHET
    if _PROPHET is None:
        logging.getLogger("prophet.plot").disabled = True  # "Importing plotly failed": we draw with Altair
        from prophet import Prophet
        for name in ("cmdstanpy", "prophet", "prophet.models"):
            lg = logging.getLogger(name)
            lg.disabled = True
            lg.propagate = False
        _PROPHET = Prophet
    return _PROPHET


def event_name(name) -> str:
    """The recurring name of an event: "Black Friday / Cyber Monday 2025" → "Black Friday / Cyber Monday"."""
    return re.sub(r"[\s\-–_/,:]*\b(19|20)\d{2}\b\s*$", "", str(name)).strip() or str(name)


def recurring_peaks(events: pd.DataFrame | None, until) -> pd.DataFrame:
    """Peak events plus their assumed recurrences: a peak seen before with no occurrence in the next year is
    repeated 52 weeks after its last one (same weekdays — Black Friday stays a Friday), up to `until`."""
    if events is None or len(events) == 0:
        return pd.DataFrame(columns=["name", "start_date", "end_date", "event_type"])
    ev = events.assign(start_date=pd.to_datetime(events["start_date"]),
                       end_date=pd.to_datetime(events["end_date"]).fillna(pd.to_datetime(events["start_date"])),
                       event_type=events.get("event_type", pd.Series("promotion", index=events.index)).fillna("promotion"))
    out = [ev]
    until = pd.Timestamp(until)
    peaks = ev[ev["event_type"] == "peak"].assign(key=lambda d: d["name"].map(event_name))
    for key, g in peaks.groupby("key"):
        last = g.sort_values("start_date").iloc[-1]
        s, e = last["start_date"], last["end_date"]
        while True:
            s, e = s + pd.Timedelta(days=364), e + pd.Timedelta(days=364)
            if s > until:
                break
            if ((g["start_date"] - s).abs() <= pd.Timedelta(days=14)).any():
                continue
            out.append(pd.DataFrame([{"name": f"{key} (assumed)", "start_date": s, "end_date": e, "event_type": "peak"}]))
    return pd.concat(out, ignore_index=True)


def event_days(events: pd.DataFrame | None, freq: str, country: str | None, start, end) -> pd.DataFrame:
    """Prophet `holidays` frame (holiday, ds) from country holidays and the promotions/peak calendar.

    Peak events are named by their recurring name (the year dropped: every "Black Friday / Cyber Monday" shares
    one effect) and repeated 52 weeks later when the calendar has no next occurrence (`recurring_peaks`);
    promotions share the name "promotion" (their future dates are whatever the calendar says).  For weekly series
    each day maps to its week (Monday start).
    """
    rows = []
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    horizon_end = end + pd.Timedelta(days=400)
    if country:
        try:
            import holidays as hol
            years = range(start.year, horizon_end.year + 1)
            for day, name in hol.country_holidays(country, years=years).items():
                rows.append((str(name).split(";")[0], pd.Timestamp(day)))
        except (ImportError, NotImplementedError, KeyError, AttributeError):
            pass
    if events is not None and len(events):
        for ev in recurring_peaks(events, horizon_end).itertuples(index=False):
            s, e = pd.Timestamp(ev.start_date), pd.Timestamp(ev.end_date if pd.notna(ev.end_date) else ev.start_date)
            name = event_name(ev.name).removesuffix(" (assumed)") if str(ev.event_type) == "peak" else "promotion"
            for day in pd.date_range(s, max(s, e), freq="D"):
                rows.append((name, day))
    if not rows:
        return pd.DataFrame({"holiday": pd.Series(dtype=str), "ds": pd.Series(dtype="datetime64[ns]")})
    df = pd.DataFrame(rows, columns=["holiday", "ds"])
    if freq == "W":
        df["ds"] = df["ds"] - pd.to_timedelta(df["ds"].dt.day_of_week, unit="D")
    df = df[(df["ds"] >= start - pd.Timedelta(days=7)) & (df["ds"] <= horizon_end)]
    return df.drop_duplicates().reset_index(drop=True)


def prophet(ds, y, h: int, freq: str, level: float = 0.8, holidays: pd.DataFrame | None = None,
            intervals: bool = True) -> PointForecast:
    """Prophet with yearly seasonality once more than a year is known, weekly seasonality for daily data, and
    country holidays + peak events + promotions as holidays.  `intervals=False` skips the simulation (backtests)."""
    Prophet = _prophet_class()
    df = pd.DataFrame({"ds": pd.to_datetime(ds), "y": np.asarray(y, dtype=float)}).dropna()
    if len(df) < 3:
        return seasonal_naive(y, h, SEASON[freq], level)
    span_days = (df["ds"].iloc[-1] - df["ds"].iloc[0]).days
    hol = None
    if holidays is not None and len(holidays):
        hol = holidays[(holidays["ds"] >= df["ds"].iloc[0])].copy()
        hol = hol if hol["holiday"].nunique() else None
        if hol is not None:  # a holiday only seen in the future cannot be learnt: keep those seen in history
            seen = set(hol.loc[hol["ds"] <= df["ds"].iloc[-1], "holiday"])
            hol = hol[hol["holiday"].isin(seen)]
            hol = hol if len(hol) else None
    def make():
        return Prophet(
            yearly_seasonality=(5 if freq == "W" else 8) if span_days > 400 else False,
            weekly_seasonality=3 if freq == "D" else False,
            daily_seasonality=False, holidays=hol, interval_width=level,
            n_changepoints=min(25, max(3, len(df) // 8)),  # Prophet's default 25 is a lot for 2 years of weeks
            uncertainty_samples=200 if intervals else 0,
        )
    m = make()
    try:
        m.fit(df, algorithm="LBFGS", tol_rel_obj=PROPHET_TOL_REL_OBJ)
    except (RuntimeError, ValueError):
        # L-BFGS can stop on a failed line search; Prophet then retries with Newton, which refuses tol_rel_obj
        # (a ValueError that used to end the whole run).  Refit with Prophet's own defaults, else fall back.
        try:
            m = make()
            m.fit(df)
        except (RuntimeError, ValueError):
            return ets(_filled(np.asarray(y, dtype=float)), h, SEASON[freq], level)
    last = pd.Timestamp(ds[-1]) if not isinstance(ds, pd.Series) else ds.iloc[-1]
    future = pd.DataFrame({"ds": [pd.Timestamp(last) + STEP[freq] * (k + 1) for k in range(h)]})
    fc = m.predict(future)
    mean = np.clip(fc["yhat"].to_numpy(), 0, None)
    if intervals:
        return PointForecast(mean, np.clip(fc["yhat_lower"].to_numpy(), 0, None),
                             np.clip(fc["yhat_upper"].to_numpy(), 0, None))
    return PointForecast(mean, mean.copy(), mean.copy())


# ------------------------------------------------------------------ routing

# Sparse series try Prophet only with this many seasons of history: at 2 (the tune half's Superstore WAPE 0.372 →
# 0.370) it also reached every 2-year SKU of bench/forecast.py and doubled the 500-SKU selection's cost.
SPARSE_PROPHET_SEASONS = 3.0


def candidates_for(demand_class: str, allowed=MODELS, seasons: float = 0.0, years: float = 0.0) -> tuple[str, ...]:
    """Models tried for a demand class (seasonal naive is always there: it is the baseline); `seasons`: how many
    seasons the history holds — with two or more, sparse series also try Prophet, whose yearly seasonality the
    level-only Croston family cannot show (the race drops it after one fold where it loses); `years`: how many
    365.25-day years — with two, regular demand also tries ETS with a yearly Fourier season."""
    routes = {
        "smooth": ("seasonal_naive", "ses", "ets", "theta", "prophet"),
        "erratic": ("seasonal_naive", "ses", "ets", "theta", "tsb", "prophet"),
        "intermittent": ("seasonal_naive", "croston", "sba", "tsb"),
        "lumpy": ("seasonal_naive", "sba", "tsb"),
        "no demand": ("seasonal_naive",),
    }
    route = routes.get(demand_class, MODELS)
    if seasons >= SPARSE_PROPHET_SEASONS and demand_class in ("intermittent", "lumpy"):
        route = route + ("prophet",)
    if years >= 2 and demand_class in ("smooth", "erratic"):
        route = route + (FOURIER,)
    out = tuple(m for m in route if m in allowed or m == "seasonal_naive")
    if GLOBAL in allowed and demand_class in ("smooth", "erratic"):
        # regular demand only: on the tune half of bench/forecast_accuracy.py, offering its mean forecasts to
        # intermittent SKUs let a few lucky folds pick it over Croston/SBA (UCI SKUs: WAPE 1.145 → 1.293)
        out += (GLOBAL,)  # used only where the batch had it computed
    if POOLED in allowed and demand_class in POOLED_CLASSES:
        out += (POOLED,)
    return out


POOLED_CLASSES = ("smooth", "erratic", "intermittent", "lumpy")

LIFT_BASELINE_DAYS = 28
LIFT_RANGE = (0.5, 5.0)


def prepare_calendar(calendar: pd.DataFrame | None) -> dict[str, list[np.ndarray]]:
    """Event name → its occurrences, each an array of consecutive periods (datetime64[ns]); built once per batch."""
    if calendar is None or len(calendar) == 0:
        return {}
    out = {}
    for name, g in calendar.groupby("holiday"):
        days = np.sort(pd.to_datetime(g["ds"]).unique().to_numpy().astype("datetime64[ns]"))
        gaps = np.flatnonzero(np.diff(days) > np.timedelta64(7, "D")) + 1  # a new occurrence after a gap > a week
        out[str(name)] = np.split(days, gaps)
    return out


def event_lifts(ds, y, calendar, freq: str) -> dict[str, float]:
    """Demand lift of each event name in a series' own history: over its past occurrences, mean demand during the
    event / mean demand in the 28 days (4 weeks) before it; occurrences with fewer than 5 units of baseline demand
    are skipped (too little to measure); the result is clipped to [0.5, 5].  `calendar`: a (holiday, ds) frame or
    `prepare_calendar`'s result."""
    cal = calendar if isinstance(calendar, dict) else prepare_calendar(calendar)
    y = np.asarray(y, dtype=float)
    if not cal or len(y) == 0:
        return {}
    t = pd.to_datetime(pd.Series(ds)).to_numpy().astype("datetime64[ns]")
    base_n = max(1, LIFT_BASELINE_DAYS // (7 if freq == "W" else 1))
    out = {}
    for name, runs in cal.items():
        ratios = []
        for run in runs:
            pos = np.searchsorted(t, run)
            ok = pos < len(t)
            pos = pos[ok][t[pos[ok]] == run[ok]]
            if len(pos) == 0 or pos[0] == 0:
                continue
            during = y[pos]
            before = y[max(0, pos[0] - base_n):pos[0]]
            during, before = during[np.isfinite(during)], before[np.isfinite(before)]
            if len(during) and before.sum() >= 5:
                ratios.append(during.mean() / before.mean())
        if ratios:
            out[name] = float(np.clip(np.mean(ratios), *LIFT_RANGE))
    return out


def apply_lifts(fc: PointForecast, future, lifts: dict, calendar) -> PointForecast:
    """Multiply the forecast on event periods by the event's lift (the largest, when events overlap)."""
    if not lifts:
        return fc
    cal = calendar if isinstance(calendar, dict) else prepare_calendar(calendar)
    fut = pd.DatetimeIndex(future).to_numpy().astype("datetime64[ns]")
    mult = np.ones(len(fut))
    for name, lift in lifts.items():
        hit = np.isin(fut, np.concatenate(cal.get(name, [np.array([], dtype="datetime64[ns]")])))
        mult = np.where(hit, np.maximum(mult, lift) if lift >= 1 else np.minimum(mult, lift), mult)
    return PointForecast(fc.mean * mult, fc.lower * mult, fc.upper * mult)


def run_model(name: str, ds, y, h: int, freq: str, level: float = 0.8, holidays=None,
              intervals: bool = True, calendar=None, lifts: dict | None = None) -> PointForecast:
    """Dispatch one model by name.  `holidays`: Prophet's holiday frame; `calendar`: peak events and promotions
    (a (holiday, ds) frame or `prepare_calendar`'s result), applied to the level-only models as lifts measured in
    the series' own history (`lifts`: already measured on this history)."""
    season = SEASON[freq]
    if name == "seasonal_naive":
        return seasonal_naive(y, h, season, level)
    if name == "prophet":
        return prophet(ds, y, h, freq, level, holidays, intervals)
    if name == "ses":
        fc = ses(y, h, level)
    elif name == "ets":
        fc = ets(y, h, season, level)
    elif name == "theta":
        fc = theta(y, h, season, level)
    elif name == FOURIER:
        fc = fourier_ets(y, h, freq, level) or ets(y, h, season, level)
    elif name == "croston":
        fc = croston(y, h, level)
    elif name == "sba":
        fc = sba(y, h, level)
    elif name == "tsb":
        fc = tsb(y, h, level)
    else:
        raise ValueError(f"unknown model {name!r}")
    if calendar is not None and len(calendar) and len(ds) and not fc.seasonal:
        last = pd.Timestamp(ds[-1])
        future = pd.DatetimeIndex([last + STEP[freq] * (k + 1) for k in range(h)])
        fc = apply_lifts(fc, future, lifts if lifts is not None else event_lifts(ds, y, calendar, freq), calendar)
    return fc
