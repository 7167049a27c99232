"""The pooled (top-down) candidate and the class-level choice: hand-checked shares, no look-ahead, the choice
over many series beats one series' lucky folds."""
import numpy as np
import pandas as pd
import pytest

from lib.forecast import pooled
from lib.forecast.backtest import ForecastConfig, SeriesOutcome, chosen_rows, pooled_choice
from lib.forecast.parallel import run_forecasts


def test_shares_by_hand():
    Y = np.array([[1.0, 1, 2, 2], [3, 3, 2, np.nan], [0, 0, 0, 0]])
    # last 2 columns before cutoff 4: rows sum 4, 2 (NaN = censored, counts as nothing), 0 → total 6
    assert pooled.shares(Y, 4, 2) == pytest.approx([4 / 6, 2 / 6, 0])
    assert pooled.shares(np.zeros((2, 3)), 3, 2).tolist() == [0, 0]


def _flat(n_series=6, n=60, seed=0):
    rng = np.random.default_rng(seed)
    ds = pd.date_range("2024-01-01", periods=n, freq="7D")
    rows = [pd.DataFrame({"series_id": f"S{i}", "ds": ds, "y": (i + 1) * 10.0 + rng.normal(0, 0.5, n)})
            for i in range(n_series)]
    return pd.concat(rows, ignore_index=True)


def test_each_series_gets_its_share_of_the_total_forecast():
    hist = _flat()
    out = pooled.pooled_forecasts(hist, 4, "W", 52, {f"S{i}": [40] for i in range(6)})
    finals = np.array([out[f"S{i}"]["final"] for i in range(6)])
    # the total is flat at 10 + 20 + … + 60 = 210; series i gets (i + 1) / 21 of it
    assert finals.sum(axis=0) == pytest.approx(np.full(4, 210.0), rel=0.02)
    assert finals[:, 0] / finals[:, 0].sum() == pytest.approx(np.arange(1, 7) / 21, rel=0.02)
    assert set(out["S0"]) == {40, "final"}


def test_fold_forecasts_never_see_the_fold_future():
    hist = _flat()
    out = pooled.pooled_forecasts(hist, 4, "W", 52, {"S0": [40]})
    changed = hist.assign(y=np.where(hist["ds"] >= hist["ds"].unique()[40], 1000.0, hist["y"]))
    again = pooled.pooled_forecasts(changed, 4, "W", 52, {"S0": [40]})
    assert again["S0"][40] == pytest.approx(out["S0"][40])  # the fold saw only its first 40 periods
    assert again["S0"]["final"][0] > 5 * out["S0"]["final"][0]


def test_too_few_series_get_no_pooled_candidate():
    assert pooled.pooled_forecasts(_flat(n_series=pooled.MIN_SERIES - 1), 4, "W", 52, {}) == {}


def _outcome(sid, errors: dict, naive=10.0):
    """A backtested series whose candidates had these pooled absolute errors (and seasonal naive `naive`)."""
    bt = pd.DataFrame([{"series_id": sid, "model": m, "folds": 3, "points": 12, "abs_error": e, "error": 0.0,
                        "actual": 100.0, "wape": e / 100, "bias": 0.0, "mase": 1.0, "rmse": 1.0, "eligible": True}
                       for m, e in {**errors, "seasonal_naive": naive}.items()])
    own = min(errors, key=errors.get)
    base = {"series_id": sid, "demand_class": "smooth", "adi": 1.0, "cv2": 0.1, "candidates": "", "folds": 3,
            "scale": 1.0, "periods": 60, "censored_periods": 0, "recent_mean": 10.0, "last_ds": pd.Timestamp("2025-01-06")}
    finals = {m: np.full(2, float(i + 1)) for i, m in enumerate(errors)}
    future = [pd.Timestamp("2025-01-13"), pd.Timestamp("2025-01-20")]
    sel, fc = chosen_rows(base, bt, own, [], finals[own], future, 1.0)
    return SeriesOutcome(sel, fc, bt, pd.DataFrame(), finals, [])


def test_the_class_winner_replaces_narrow_own_wins_only():
    cfg = ForecastConfig(pool_selection=True, pool_margin=0.2)
    # over the 6 series "ets" wins (Σ 9 + 4·5 + 10 = 39 vs "ses" 8 + 4·9 + 4 = 48); A prefers ses by a little
    # (8 is not below 0.8 × 9 = 7.2: switched to ets), F by a lot (4 < 0.8 × 10: keeps ses)
    outs = [_outcome("A", {"ets": 9.0, "ses": 8.0})] + [_outcome(c, {"ets": 5.0, "ses": 9.0}) for c in "BCDE"]
    outs += [_outcome("F", {"ets": 10.0, "ses": 4.0})]
    got = {o.selection["series_id"]: o.selection["model"] for o in pooled_choice(outs, cfg)}
    assert got == {"A": "ets", "B": "ets", "C": "ets", "D": "ets", "E": "ets", "F": "ses"}
    a = next(o for o in pooled_choice(outs, cfg) if o.selection["series_id"] == "A")
    assert a.selection["abs_error"] == 9.0 and a.selection["wape"] == pytest.approx(0.09)  # the row follows
    assert a.forecast["yhat"].tolist() == [1.0, 1.0] and set(a.forecast["model"]) == {"ets"}
    # off: every series keeps its own; too few series: likewise
    assert [o.selection["model"] for o in pooled_choice(outs, ForecastConfig(pool_selection=False))][0] == "ses"
    assert [o.selection["model"] for o in pooled_choice(outs[:3], cfg)][0] == "ses"


def test_pooled_is_scored_like_any_candidate_in_a_run():
    res = run_forecasts(_flat(), ForecastConfig(horizon=4, freq="W"), workers=1)
    assert (res.backtest["model"] == "pooled").sum() == 6
    assert res.forecast.groupby("series_id").size().eq(4).all()
