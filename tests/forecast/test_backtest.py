"""Rolling-origin backtest and model choice: fold placement, metrics recomputed from the scored points."""
import numpy as np
import pandas as pd
import pytest

from lib.forecast.backtest import ForecastConfig, evaluate_series, fold_origins, naive_scale

CHEAP = ("seasonal_naive", "ses", "croston", "sba", "tsb")


def test_fold_origins():
    assert fold_origins(100, 10, 3, 20) == [70, 80, 90]
    assert fold_origins(100, 12, 3, 20, step=4) == [80, 84, 88]
    assert fold_origins(30, 10, 3, 12) == [20]  # folds that would train on < 12 periods are dropped
    assert fold_origins(15, 10, 3, 12) == []


def test_perfectly_weekly_series_picks_seasonal_naive():
    y = np.tile([1, 2, 3, 4, 5, 6, 7], 10).astype(float)
    ds = pd.date_range("2026-01-05", periods=len(y), freq="D")
    out = evaluate_series("s", ds, y, ForecastConfig(horizon=7, freq="D", folds=3, models=CHEAP))
    assert out.selection["model"] == "seasonal_naive"
    assert out.selection["wape"] == 0 and out.selection["folds"] == 3
    assert np.isnan(out.selection["mase"])  # seasonal naive has no in-sample error: MASE undefined, not 0/0
    assert out.forecast["yhat"].tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert out.forecast["ds"].iloc[0] == ds[-1] + pd.Timedelta(days=1)


def test_metrics_match_the_scored_points():
    rng = np.random.default_rng(4)
    y = rng.poisson(0.7, 60).astype(float) * 2
    y[[10, 47]] = np.nan  # censored periods are not scored
    ds = pd.date_range("2025-01-06", periods=60, freq="7D")
    cfg = ForecastConfig(horizon=6, freq="W", folds=3, models=CHEAP)
    out = evaluate_series("s", ds, y, cfg)
    bt = out.backtest.set_index("model")
    for model, g in out.points.groupby("model"):
        g = g.dropna(subset=["y"])
        assert bt.loc[model, "wape"] == pytest.approx((g["y"] - g["yhat"]).abs().sum() / g["y"].sum())
        assert bt.loc[model, "bias"] == pytest.approx((g["yhat"] - g["y"]).sum() / g["y"].sum())
        scale = naive_scale(y[:60 - 6 - 2 * 2], 52)  # first origin: h = 6, step h/3 = 2
        assert bt.loc[model, "mase"] == pytest.approx((g["y"] - g["yhat"]).abs().mean() / scale)
    best = bt.loc[bt["eligible"], "abs_error"].idxmin()
    if out.selection["model"] == "sba" and best != "sba":  # the class default stands unless clearly beaten
        assert bt.loc[best, "abs_error"] >= 0.8 * bt.loc["sba", "abs_error"]
    elif out.selection["model"] == "combo" and best != "combo":  # tied candidates: their mean, unless clearly beaten
        assert bt.loc["combo", "abs_error"] <= 1.1 * bt.loc[best, "abs_error"]
    else:
        assert out.selection["model"] == best
    plain = evaluate_series("s", ds, y, ForecastConfig(horizon=6, freq="W", folds=3, models=CHEAP, prior_margin=0))
    assert plain.selection["model"] in (best, "combo")  # without the default: the backtest winner (or a tie's mean)
    assert out.selection["naive_wape"] == pytest.approx(bt.loc["seasonal_naive", "wape"])
    assert len(out.points) == len(bt) * 18


def test_too_short_for_a_fold_uses_the_class_default():
    out = evaluate_series("s", pd.date_range("2026-01-05", periods=6, freq="7D"), [0, 2, 0, 0, 3, 0],
                          ForecastConfig(horizon=4, freq="W", models=CHEAP))
    assert out.selection["folds"] == 0 and out.selection["model"] == "sba"
    assert np.isnan(out.selection["wape"])


def test_combination_is_a_candidate_and_short_histories_do_not_pick_seasonal_naive():
    rng = np.random.default_rng(7)
    y = rng.binomial(1, 0.4, 40) * rng.integers(1, 6, 40).astype(float)
    out = evaluate_series("s", pd.date_range("2025-01-06", periods=40, freq="7D"), y,
                          ForecastConfig(horizon=6, freq="W", models=CHEAP, tie=1.0))  # all three "tie"
    bt = out.backtest.set_index("model")
    assert "combo" in bt.index and bt.loc["combo", "folds"] == 3
    combo = out.points[out.points["model"] == "combo"]["yhat"].to_numpy()
    members = [out.points[out.points["model"] == m]["yhat"].to_numpy() for m in ("croston", "sba", "tsb")]
    assert combo == pytest.approx(np.mean(members, axis=0))
    assert not bt.loc["seasonal_naive", "eligible"] and out.selection["model"] != "seasonal_naive"
    assert out.selection["naive_wape"] == pytest.approx(bt.loc["seasonal_naive", "wape"])  # still the baseline


def test_the_robust_combination_stands_unless_clearly_beaten():
    rng = np.random.default_rng(11)
    ds = pd.date_range("2024-01-01", periods=80, freq="7D")
    y = np.round(100 + rng.normal(0, 8, 80))  # a steady seller: every candidate is about as good
    cfg = ForecastConfig(horizon=8, freq="W", models=("seasonal_naive", "ses", "ets", "theta"))
    out = evaluate_series("s", ds, y, cfg)
    bt = out.backtest.set_index("model")
    assert out.selection["model"] == "core" and out.selection["combo_members"] == "ets,theta"
    best = bt.loc[bt["eligible"], "abs_error"].min()
    assert best >= 0.8 * bt.loc["core", "abs_error"]  # nobody beat it by 20 %
    # the core's backtest is the mean of its members' forecasts, point by point
    p = out.points.pivot_table(index=["origin", "ds"], columns="model", values="yhat")
    assert p["core"].to_numpy() == pytest.approx(((p["ets"] + p["theta"]) / 2).to_numpy())
    assert out.forecast["yhat"].between(80, 120).all()
