"""Combinations of known forecasts and per-horizon-step conformal intervals, checked by hand."""
import numpy as np
import pandas as pd
import pytest

from lib.forecast.backtest import ForecastConfig, calibrate, combine, evaluate_series, step_quantiles


def test_combination_of_known_forecasts():
    a, b, c = [10.0, 20.0, 30.0], [14.0, 20.0, 26.0], [0.0, 50.0, 30.0]
    assert combine([a, b]) == pytest.approx([12.0, 20.0, 28.0])
    assert combine([a, b, c], "median") == pytest.approx([10.0, 20.0, 30.0])
    # backtest errors 10 and 30: weights 1/10 : 1/30 = 3/4 : 1/4
    assert combine([a, b], "inverse", [10.0, 30.0]) == pytest.approx([11.0, 20.0, 29.0])
    # a member that never missed takes all the weight; no errors → the plain mean
    assert combine([a, b], "inverse", [0.0, 30.0]) == pytest.approx(a)
    assert combine([a, b], "inverse") == pytest.approx([12.0, 20.0, 28.0])
    with pytest.raises(ValueError):
        ForecastConfig(combination="best")


def test_inverse_error_combination_in_the_backtest_and_the_forecast():
    rng = np.random.default_rng(11)
    ds = pd.date_range("2024-01-01", periods=80, freq="7D")
    y = np.round(100 + rng.normal(0, 8, 80))
    cfg = ForecastConfig(horizon=8, freq="W", models=("seasonal_naive", "ses", "ets", "theta"), combination="inverse")
    out = evaluate_series("s", ds, y, cfg)
    bt = out.backtest.set_index("model")
    assert out.selection["model"] == "core" and out.selection["combo_members"] == "ets,theta"
    e, t = bt.loc["ets", "abs_error"], bt.loc["theta", "abs_error"]
    w = (1 / e) / (1 / e + 1 / t)
    p = out.points.pivot_table(index=["origin", "ds"], columns="model", values="yhat")
    assert p["core"].to_numpy() == pytest.approx((w * p["ets"] + (1 - w) * p["theta"]).to_numpy())


def test_step_quantiles_pool_neighbouring_steps_and_never_narrow():
    # step 1: residuals −20…19 (40 of them: enough alone); step 2: 20 residuals −5…+4 twice (too few alone: pooled
    # with steps 1 and 3); step 3: 40 residuals −10…+9 twice
    r1 = np.arange(-20, 20, dtype=float)
    r2 = np.tile(np.arange(-5, 5, dtype=float), 2)
    r3 = np.tile(np.arange(-10, 10, dtype=float), 2)
    r = np.r_[r1, r2, r3]
    steps = np.r_[np.full(40, 1), np.full(20, 2), np.full(40, 3)]
    q = step_quantiles(r, steps, 3, 0.8, min_points=40)
    # step 1 alone: numpy's linear quantile of −20…19 at 0.1 → −20 + 0.1·39 = −16.1; at 0.9 → −20 + 35.1 = 15.1
    assert q[0] == pytest.approx([-16.1, 15.1])
    # step 2 pools steps 1–3 (100 residuals) → its own quantiles, which are narrower than step 1's: kept as step 1's
    pooled = np.quantile(r, [0.1, 0.9])
    assert pooled[0] > -16.1 and pooled[1] < 15.1
    assert q[1] == pytest.approx([-16.1, 15.1])
    # step 3 (40 alone: −10…9 twice) is narrower still: the running min / max keep step 1's width
    assert q[2] == pytest.approx([-16.1, 15.1])
    assert step_quantiles(r[:39], steps[:39], 3, 0.8, min_points=40) is None
    # widths that grow with the step are kept as they are
    q2 = step_quantiles(np.r_[r3, r1], np.r_[np.full(40, 1), np.full(40, 2)], 2, 0.8, min_points=40)
    assert q2[0] == pytest.approx(np.quantile(r3, [0.1, 0.9])) and q2[1] == pytest.approx([-16.1, 15.1])


def _hand_made(n: int, h: int = 2):
    """n series of scale 1 (in-sample seasonal-naive error), one fold of 2 steps each: step-1 errors spread evenly
    over −2…+2, step-2 errors twice as wide; every forecast is 10 for 2 periods."""
    sel = pd.DataFrame({"series_id": [f"s{i}" for i in range(n)], "model": "m", "demand_class": "smooth",
                        "scale": 1.0, "recent_mean": 10.0, "sigma": 1.0, "folds": 1, "points": h})
    res1 = np.linspace(-2, 2, n)
    rows = []
    for i in range(n):
        rows += [{"series_id": f"s{i}", "model": "m", "origin": 0, "ds": 1, "step": 1, "y": 10 + res1[i], "yhat": 10.0},
                 {"series_id": f"s{i}", "model": "m", "origin": 0, "ds": 2, "step": 2, "y": 10 + 2 * res1[i], "yhat": 10.0}]
    fc = pd.DataFrame({"series_id": np.repeat(sel["series_id"], h), "ds": np.tile([3, 4], n), "yhat": 10.0,
                       "yhat_lower": 10.0, "yhat_upper": 10.0})
    return sel, pd.DataFrame(rows), fc, res1


def test_calibrate_per_step_with_enough_errors_at_each_step():
    sel, pts, fc, res1 = _hand_made(40)
    out, _ = calibrate(sel, pts, fc, 0.8, 2, widen=1.0, by="step")
    lo1, hi1 = np.quantile(res1, [0.1, 0.9])  # 40 errors per step: each step's own quantiles
    lo2, hi2 = np.quantile(2 * res1, [0.1, 0.9])
    assert out["yhat_lower"].to_numpy() == pytest.approx(np.tile([10 + lo1, 10 + lo2], 40))
    assert out["yhat_upper"].to_numpy() == pytest.approx(np.tile([10 + hi1, 10 + hi2], 40))
    assert hi2 == pytest.approx(2 * hi1)
    # per third of a 2-step horizon each step is its own third: the same bounds
    third, _ = calibrate(sel, pts, fc, 0.8, 2, widen=1.0, by="third")
    assert third["yhat_upper"].to_numpy() == pytest.approx(out["yhat_upper"].to_numpy())


def test_calibrate_per_step_on_a_hand_made_residual_set():
    # 20 series of scale 1 (in-sample seasonal-naive error), one fold of 2 steps each: step-1 errors −2…+2 pattern,
    # step-2 errors twice as wide; the forecast of every series is 10 for 2 periods
    n, h = 20, 2
    sel = pd.DataFrame({"series_id": [f"s{i}" for i in range(n)], "model": "m", "demand_class": "smooth",
                        "scale": 1.0, "recent_mean": 10.0, "sigma": 1.0, "folds": 1, "points": h})
    res1 = np.linspace(-2, 2, n)
    rows = []
    for i in range(n):
        rows += [{"series_id": f"s{i}", "model": "m", "origin": 0, "ds": 1, "step": 1, "y": 10 + res1[i], "yhat": 10.0},
                 {"series_id": f"s{i}", "model": "m", "origin": 0, "ds": 2, "step": 2, "y": 10 + 2 * res1[i], "yhat": 10.0}]
    pts = pd.DataFrame(rows)
    fc = pd.DataFrame({"series_id": np.repeat(sel["series_id"], h), "ds": np.tile([3, 4], n), "yhat": 10.0,
                       "yhat_lower": 10.0, "yhat_upper": 10.0})
    out, s = calibrate(sel, pts, fc, 0.8, h, widen=1.0, by="step")
    # 40 residuals in all (CALIBRATION_MIN_POINTS): each step pools both steps' residuals → the same quantiles
    both = np.r_[res1, 2 * res1]
    lo, hi = np.quantile(both, [0.1, 0.9])
    assert out["yhat_lower"].to_numpy() == pytest.approx(np.full(2 * n, 10 + lo))
    assert out["yhat_upper"].to_numpy() == pytest.approx(np.full(2 * n, 10 + hi))
    # with a widening of 1.5 the half-widths grow by half
    out15, _ = calibrate(sel, pts, fc, 0.8, h, widen=1.5, by="step")
    assert out15["yhat_upper"].to_numpy() == pytest.approx(np.full(2 * n, 10 + 1.5 * hi))
    # coverage is the share of the backtest errors inside the interval: 80 % of 40 by construction
    assert s["coverage"].mean() == pytest.approx(32 / 40)
