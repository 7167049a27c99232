"""ETS and Theta on hand-checkable series, the chooser on a smooth seasonal series, calibrated intervals."""
import numpy as np
import pandas as pd
import pytest

from lib.forecast.backtest import ForecastConfig, evaluate_series, fold_origins
from lib.forecast.models import ets, ets_fit, ets_form_name, theta
from lib.forecast.parallel import run_forecasts

PATTERN = np.array([10, 12, 15, 11, 9, 20, 30], dtype=float)


def test_a_pure_seasonal_series_is_forecast_exactly():
    y = np.tile(PATTERN, 6)
    assert ets(y, 14, 7).mean == pytest.approx(np.tile(PATTERN, 2), abs=1e-6)
    assert theta(y, 14, 7).mean == pytest.approx(np.tile(PATTERN, 2), abs=1e-6)
    assert ets_form_name(ets_fit(y, 7)[1]).endswith(",A)") or ets_form_name(ets_fit(y, 7)[1]).endswith(",M)")


def test_a_damped_trend_flattens():
    t = np.arange(60)
    y = 100 + 40 * (1 - 0.9 ** t) + np.random.default_rng(1).normal(0, 0.3, 60)  # growth that levels off
    f = ets(y, 40, 52).mean
    steps = np.abs(np.diff(f))
    assert steps[-1] <= steps[0] + 1e-9  # each step smaller than the one before, not a straight line
    assert f[-1] == pytest.approx(y[-1], rel=0.02)  # … and it stays by the plateau instead of climbing on
    linear = 100 + 2.0 * t  # an undamped straight line still extends
    assert ets(linear, 5, 52).mean[-1] > linear[-1] + 5


def test_ets_needs_two_seasons_for_a_seasonal_form_and_handles_censored_periods():
    y = np.tile(PATTERN, 6)
    assert ets_fit(y[:13], 7)[1][3] is None  # under two seasons: non-seasonal forms only
    y = y.copy()
    y[[9, 20]] = np.nan  # stock-outs
    f = ets(y, 7, 7)
    assert np.isfinite(f.mean).all() and (f.lower <= f.mean).all() and (f.mean <= f.upper).all()


def test_the_season_fold_scores_the_same_calendar_window_a_season_earlier():
    assert fold_origins(156, 12, 3, 12, step=4, season=52) == [104, 136, 140, 144]
    assert fold_origins(90, 12, 3, 12, step=4, season=52) == [70, 74, 78]  # no season before it: no extra fold


def _smooth_seasonal(n=156, seed=3):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    level = 200 * (1 + 0.002 * t)
    season = 1 + 0.3 * np.sin(2 * np.pi * t / 52) + 0.6 * (t % 52 == 47)  # a yearly wave and a peak week
    return pd.date_range("2023-01-02", periods=n, freq="7D"), np.round(level * season * rng.normal(1, 0.03, n))


def test_the_chooser_picks_exponential_smoothing_on_a_smooth_seasonal_series():
    ds, y = _smooth_seasonal()
    cfg = ForecastConfig(horizon=12, freq="W", models=("seasonal_naive", "ses", "ets", "theta"))
    out = evaluate_series("s", ds, y, cfg)
    sel = out.selection
    assert sel["demand_class"] == "smooth" and sel["folds"] == 3
    assert sel["model"] == "ets" or (sel["model"] in ("combo", "core") and "ets" in sel["combo_members"])
    assert sel["wape"] < sel["naive_wape"]


def test_calibrated_80_percent_intervals_cover_about_80_percent_of_a_held_out_tail():
    rng = np.random.default_rng(5)
    frames, tails = [], []
    for i in range(40):  # independent series: a level, a slow wave of its own phase, noise
        n, h = 70, 8
        mu = rng.uniform(20, 200)
        wave = 0.1 * np.sin(2 * np.pi * np.arange(n) / 52 + rng.uniform(0, 2 * np.pi))
        y = np.maximum(0, mu * (1 + wave) + rng.normal(0, mu * 0.15, n)).round()
        ds = pd.date_range("2024-01-01", periods=n, freq="7D")
        frames.append(pd.DataFrame({"series_id": f"S{i}", "ds": ds[:-h], "y": y[:-h]}))
        tails.append(pd.DataFrame({"series_id": f"S{i}", "ds": ds[-h:], "y_true": y[-h:]}))
    res = run_forecasts(pd.concat(frames), ForecastConfig(horizon=8, freq="W", folds=4, interval_scale=1.0,
                                                          models=("seasonal_naive", "ses")), workers=1)
    m = res.forecast.merge(pd.concat(tails), on=["series_id", "ds"])
    inside = ((m["y_true"] >= m["yhat_lower"]) & (m["y_true"] <= m["yhat_upper"])).mean()
    assert 0.7 <= inside <= 0.9
    assert 0.72 <= res.accuracy.coverage <= 0.88  # in the backtest itself, by construction close to 80 %
    assert (res.forecast["yhat_lower"] <= res.forecast["yhat"]).all() and (res.forecast["yhat_lower"] >= 0).all()


def test_weekly_seasonality_keeps_the_peaks_and_drops_the_noise():
    from lib.forecast.models import shrunk_seasonal
    rng = np.random.default_rng(8)
    n = 80  # one season and a half: too short for ETS's own 52 seasonal states
    y = 100 + rng.normal(0, 4, n)
    y[47] += 60  # week 47 of the first season: a peak (Black Friday)
    hist, fut = shrunk_seasonal(y, 52, 26)
    assert fut[(47 + 52 - n) % 52] > 45  # next year's week 47 keeps most of its +60
    quiet = np.delete(fut, (47 + 52 - n) % 52)
    assert np.abs(quiet).mean() < 1 and np.abs(quiet).max() < 6  # quiet weeks' ±4 noise mostly stays behind
    f = ets(y, 26, 52).mean
    assert f[(47 + 52 - n) % 52] > 140 and np.abs(np.delete(f, (47 + 52 - n) % 52) - 100).max() < 6
    assert shrunk_seasonal(y[:60], 52, 4) is None  # under a season + 13 weeks: nothing to learn from


def test_prophet_falls_back_when_its_optimiser_fails(monkeypatch):
    from lib.forecast import models

    class Broken:
        def __init__(self, **kw):
            pass

        def fit(self, *a, **kw):
            raise ValueError("tol_rel_obj requires that algorithm be set to bfgs or lbfgs")

    monkeypatch.setattr(models, "_prophet_class", lambda: Broken)
    ds = pd.date_range("2024-01-01", periods=60, freq="7D")
    f = models.prophet(ds, np.full(60, 10.0) + np.arange(60) % 3, 4, "W")
    assert np.isfinite(f.mean).all() and len(f.mean) == 4


def test_a_365_day_season_is_forecast_exactly_by_fourier_terms():
    """A yearly season of 365.25 days (52.18 weeks) drifts through a 52-week season; Fourier terms follow it."""
    from lib.forecast.models import fourier_ets, year_period, yearly_fourier
    t = np.arange(170)
    y = 100 + 30 * np.sin(2 * np.pi * t / year_period("W")) + 10 * np.cos(4 * np.pi * t / year_period("W"))
    fc = fourier_ets(y[:140], 30, "W")
    assert fc is not None and fc.seasonal
    assert fc.mean == pytest.approx(y[140:], abs=1.0)  # within 1 % of a level of 100, 30 weeks ahead
    assert yearly_fourier(y[:100], year_period("W"), 4) is None  # under two years: no yearly season
    assert fourier_ets(y[:100], 4, "W") is None
