"""A pooled ("top-down") candidate: each series' recent share of the batch's total, times a forecast of the total.

A single SKU's week is mostly noise: its own trend and seasonal profile are guessed from a few units a week.  The
sum of all series is smooth, so its trend and its season (yearly for weekly data, weekly for daily data) can be
estimated; each series then follows the total's path at its own level (top-down forecasting with recent
proportions; Gross & Sohl 1990; Athanasopoulos, Ahmed & Hyndman 2009):

    ŷ_i(T + k) = share_i · Ŷ(T + k),   share_i = Σ y_i / Σ Y over the last `SHARE_PERIODS` periods before T,

Ŷ being the mean of ETS (AICc form, `models.ets`), Theta (`models.theta`) and, with two years of history, ETS with a
365.25-day Fourier season (`models.fourier_ets`), all fitted on the total — a combination is steadier than any one.  The total sums the series' observed periods (a censored period, NaN, counts as
nothing).  Like the global model it is computed once per distinct fold origin for the whole batch (on data before
the origin only), then scored per series in the same backtest as every other candidate: a series whose own
pattern differs from the total's loses there and keeps its own model.  Series fewer than `MIN_SERIES` get no pooled
candidate (the total of two series is not smoother than either).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

MIN_SERIES = 5
SHARE_PERIODS = {"W": 13, "D": 56}


def total_forecast(total: np.ndarray, h: int, season: int) -> np.ndarray:
    """Mean of ETS and Theta on the aggregate series (NaN-free)."""
    from .models import ets, fourier_ets, theta
    parts = [ets(total, h, season).mean, theta(total, h, season).mean]
    yearly = fourier_ets(total, h, "W" if season == 52 else "D")  # with two years: the 365.25-day season too
    if yearly is not None:
        parts.append(yearly.mean)
    return np.clip(np.mean(parts, axis=0), 0, None)


def shares(Y: np.ndarray, cutoff: int, periods: int) -> np.ndarray:
    """Each row's share of the column sums over the `periods` columns before `cutoff` (0 when the total is 0)."""
    win = Y[:, max(0, cutoff - periods):cutoff]
    tot = np.nansum(win)
    return np.nansum(win, axis=1) / tot if tot > 0 else np.zeros(Y.shape[0])


def pooled_forecasts(history: pd.DataFrame, h: int, freq: str, season: int,
                     origins_by_series: dict[str, list[int]]) -> dict[str, dict]:
    """{series_id: {origin (training length) or "final": forecast array}}, one total forecast per distinct origin
    (`origins_by_series`: each series' backtest fold origins, as `backtest.fold_origins`)."""
    from .global_model import _wide, origins_on_grid
    dates, ids, Y = _wide(history)
    if len(ids) < MIN_SERIES:
        return {}
    ends_last, wanted = origins_on_grid(history, dates, ids, origins_by_series)
    total = np.nansum(Y, axis=0)
    first = int(np.argmax(total > 0)) if (total > 0).any() else len(total)
    out: dict[str, dict] = {sid: {} for sid in ids}
    per = SHARE_PERIODS.get(freq, 13)
    for cutoff in sorted(wanted) + [len(dates)]:
        if cutoff - first < 10:
            continue
        path = total_forecast(total[first:cutoff], h, season)
        sh = shares(Y, cutoff, per)
        if cutoff == len(dates):
            for i, sid in enumerate(ids):
                if ends_last[sid]:
                    out[sid]["final"] = sh[i] * path
        else:
            for i, sid, o in wanted[cutoff]:
                out[sid][o] = sh[i] * path
    return {sid: d for sid, d in out.items() if "final" in d}
