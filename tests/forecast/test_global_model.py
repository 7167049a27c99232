"""The global LightGBM candidate: computed across series, never sees a fold's future, scored like any model."""
import numpy as np
import pandas as pd

from lib.forecast.backtest import ForecastConfig, series_origins
from lib.forecast.global_model import MIN_SERIES, global_forecasts
from lib.forecast.parallel import run_forecasts


def _catalogue(n=24, weeks=80, seed=0):
    rng = np.random.default_rng(seed)
    ds = pd.date_range("2024-01-01", periods=weeks, freq="7D")
    t = np.arange(weeks)
    return pd.concat([pd.DataFrame({"series_id": f"S{i:02d}", "ds": ds,
                                    "y": rng.poisson(rng.uniform(5, 50) * (1 + 0.3 * np.sin(2 * np.pi * t / 52)))
                                    .astype(float)}) for i in range(n)], ignore_index=True)


def test_fold_forecasts_never_see_the_fold_future():
    hist = _catalogue()
    cfg = ForecastConfig(horizon=6, freq="W")
    origins = {s: series_origins(80, cfg) for s in hist["series_id"].unique()}
    a = global_forecasts(hist, 6, "W", 52, origins)
    last_origin = max(origins["S00"])
    changed = hist.copy()
    future = changed["ds"] >= changed["ds"].min() + pd.Timedelta(weeks=last_origin)
    changed.loc[future, "y"] *= 10  # what happens after the last fold origin must not move any fold's forecast
    b = global_forecasts(changed, 6, "W", 52, origins)
    for s in a:
        for o in origins[s]:
            assert np.allclose(a[s][o], b[s][o])
        assert not np.allclose(a[s]["final"], b[s]["final"])  # … while the final model does learn from it


def test_the_global_model_is_a_candidate_only_with_enough_series():
    few = _catalogue(n=MIN_SERIES - 1)
    cfg = ForecastConfig(horizon=6, freq="W", models=("seasonal_naive", "ses", "global"))
    assert "global" not in set(run_forecasts(few, cfg, workers=1).backtest["model"])
    res = run_forecasts(_catalogue(), cfg, workers=1)
    bt = res.backtest[res.backtest["model"] == "global"]
    assert len(bt) == 24 and (bt["folds"] == series_origins(80, cfg).__len__()).all()
    assert np.isfinite(bt["wape"]).all() and (res.forecast["yhat"] >= 0).all()


def test_promotions_name_their_series_and_carry_their_discount():
    from lib.forecast.global_model import promotions
    weeks = pd.date_range("2025-06-02", periods=4, freq="7D")  # Mondays 2, 9, 16, 23 June
    ev = pd.DataFrame({"name": ["A sale", "Store-wide", "Peak", "No rate"],
                       "start_date": pd.to_datetime(["2025-06-10", "2025-06-23", "2025-06-02", "2025-06-03"]),
                       "end_date": pd.to_datetime(["2025-06-17", "2025-06-23", "2025-06-08", "2025-06-03"]),
                       "event_type": ["promotion", "promotion", "peak", "promotion"],
                       "sku": ["A", None, None, "B"], "category": [None, None, None, None],
                       "channel": [None, None, None, None], "discount_rate": [0.2, 0.1, None, None]})
    p = promotions(ev, ["A", "B"], weeks, "W")
    # A: 20 % in the weeks of 9 and 16 June (10–17 June), 10 % store-wide in the week of 23 June; the peak is not
    # a promotion; B: a promotion without a rate counts as 1 %, and the store-wide 10 %
    assert p.tolist() == [[0, 0.2, 0.2, 0.1], [0.01, 0, 0, 0.1]]
    assert promotions(None, ["A"], weeks, "W").tolist() == [[0, 0, 0, 0]]
