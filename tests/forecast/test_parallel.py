"""The fan-out: same answer in worker processes (spawn) as in-process, progress reported, results cached on disk."""
import numpy as np
import pandas as pd

from lib.forecast import ForecastConfig, run_forecasts
from lib.forecast import parallel
from lib.forecast.parallel import cache_key, estimated_seconds

CHEAP = ("seasonal_naive", "ses", "croston", "sba", "tsb")


def _history(n_series=16, weeks=40, seed=2):
    rng = np.random.default_rng(seed)
    ds = pd.date_range("2025-01-06", periods=weeks, freq="7D")
    return pd.concat([pd.DataFrame({"series_id": f"S{i:02d}", "ds": ds,
                                    "y": rng.poisson(0.5 + i % 4 * 3, weeks).astype(float)}) for i in range(n_series)])


def test_processes_match_in_process_and_report_progress(monkeypatch):
    monkeypatch.setattr(parallel, "INLINE_MAX_SECONDS", 0.0)  # cheap series would otherwise stay in-process
    hist = _history()
    cfg = ForecastConfig(horizon=4, freq="W", models=CHEAP)
    seen = []
    pooled = run_forecasts(hist, cfg, workers=2, progress=lambda d, t: seen.append((d, t)))
    inline = run_forecasts(hist, cfg, workers=1)
    assert pooled.workers == 2 and inline.workers == 1
    assert seen[-1] == (16, 16) and all(d <= t for d, t in seen)
    pd.testing.assert_frame_equal(pooled.forecast, inline.forecast)
    pd.testing.assert_frame_equal(pooled.selection, inline.selection)
    assert list(pooled.selection["series_id"]) == sorted(hist["series_id"].unique())


def test_cache_by_data_and_parameters(tmp_path):
    hist = _history(4)
    cfg = ForecastConfig(horizon=4, freq="W", models=CHEAP)
    first = run_forecasts(hist, cfg, cache_dir=tmp_path, data_version=7)
    again = run_forecasts(hist, cfg, cache_dir=tmp_path, data_version=7)
    assert not first.from_cache and again.from_cache and again.key == first.key
    pd.testing.assert_frame_equal(first.forecast, again.forecast, check_dtype=False)
    assert again.accuracy == first.accuracy
    other = run_forecasts(hist, ForecastConfig(horizon=5, freq="W", models=CHEAP), cache_dir=tmp_path, data_version=7)
    assert not other.from_cache
    assert cache_key(hist, cfg, None, 8) != first.key  # a new load changes the key
    changed = hist.assign(y=hist["y"] + 1)
    assert cache_key(changed, cfg, None, 7) != first.key  # same version, other data (another filter): other key


def test_accuracy_is_pooled_over_series():
    res = run_forecasts(_history(6), ForecastConfig(horizon=4, freq="W", models=CHEAP))
    s = res.selection
    acc = res.accuracy
    assert acc.wape == s["abs_error"].sum() / s["actual"].sum()
    assert acc.naive_wape == s["naive_abs_error"].sum() / s["actual"].sum()
    assert acc.wape <= acc.naive_wape  # the choice includes seasonal naive, so it can only do as well or better


def test_cheap_work_stays_in_process():
    hist = _history(20)
    assert estimated_seconds(hist, ForecastConfig(models=CHEAP)) < parallel.INLINE_MAX_SECONDS
    assert run_forecasts(hist, ForecastConfig(horizon=4, freq="W", models=CHEAP), workers=2).workers == 1
