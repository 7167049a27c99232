"""`python -m lib forecast --engine spark`: the series fanned out through Spark (`local[2]`, one group per series)
give what the local run gives — the same chosen model per series and the same numbers to 1e-9 relative — on a
batch that exercises every path: smooth, erratic and intermittent series, censored periods (stock-outs), a short
history, a promotion calendar, and enough series (≥ 20) for the batch-wide candidates (the global LightGBM model,
the pooled share of the total) that the driver computes and the executors receive as a broadcast variable.
Skipped, not failed, without pyspark (requirements-scaleout.txt) or a Java runtime (openjdk-17-jre-headless).
About half a minute on two cores, so it runs in every `make test`."""
from __future__ import annotations

import importlib.util
import os
import shutil

import numpy as np
import pandas as pd
import pytest

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None,
                       reason="pyspark is not installed (pip install -r requirements-scaleout.txt)"),
    pytest.mark.skipif(shutil.which("java") is None, reason="no Java runtime (apt-get install openjdk-17-jre-headless)"),
]

N_SERIES = 21  # the global model needs 20 series (lib.forecast.global_model.MIN_SERIES)
N_SMALL = 6  # the pooled share of the total needs 5 (lib.forecast.pooled.MIN_SERIES)
slow = pytest.mark.skipif(os.environ.get("OPSDESK_SLOW") != "1",
                          reason="a minute or more of Spark: set OPSDESK_SLOW=1 (the 6-series test runs in every run)")


def _history(seed: int = 5, n: int = N_SERIES) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ds = pd.date_range("2024-01-01", periods=70, freq="7D")
    t = np.arange(len(ds))
    parts = []
    for i in range(n):
        kind = i % 3
        if kind == 0:  # smooth, seasonal
            y = rng.poisson(30 * (1 + 0.4 * np.sin(2 * np.pi * t / 52)), len(t)).astype(float)
        elif kind == 1:  # erratic
            y = rng.gamma(1.0, 15.0, len(t)).round()
        else:  # intermittent: most weeks without a sale
            y = rng.binomial(1, 0.3, len(t)) * rng.poisson(3, len(t)).astype(float)
        d = pd.DataFrame({"series_id": f"SKU-{i:02d}", "ds": ds, "y": y})
        if i == 4:
            d.loc[20:23, "y"] = np.nan  # a stock-out: censored, not zero
        if i == 5:
            d = d.iloc[60:]  # a late launch: ten weeks, too short for every fold
        parts.append(d)
    return pd.concat(parts, ignore_index=True)


def _regular(raw: pd.DataFrame) -> pd.DataFrame:
    from lib.forecast.demand import regularise
    return regularise(raw, "W")


@pytest.fixture(scope="module")
def spark():
    from lib.scaleout.forecast import forecast_session
    s = forecast_session("local[2]", {"spark.sql.shuffle.partitions": "2", "spark.driver.memory": "1g"})
    yield s
    s.stop()


def _sorted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


@slow
def test_spark_forecast_cli_writes_what_the_local_cli_writes(tmp_path, capsys):
    """The command line end to end (its own session, local[2], started and stopped before the module's): the same
    CSVs, byte for byte."""
    from lib.__main__ import main
    src = tmp_path / "demand.csv"
    _history(seed=8).query("series_id < 'SKU-06'").to_csv(src, index=False)
    common = ["forecast", "--input", str(src), "--horizon", "4", "--freq", "W", "--country", "none", "--folds", "2"]
    assert main(common + ["--out", str(tmp_path / "l.csv"), "--backtest", str(tmp_path / "lb.csv")]) == 0
    assert main(common + ["--out", str(tmp_path / "s.csv"), "--backtest", str(tmp_path / "sb.csv"),
                          "--engine", "spark", "--master", "local[2]",
                          "--conf", "spark.sql.shuffle.partitions=2"]) == 0
    assert "on Spark (local[2])" in capsys.readouterr().err
    assert (tmp_path / "s.csv").read_text() == (tmp_path / "l.csv").read_text()
    assert (tmp_path / "sb.csv").read_text() == (tmp_path / "lb.csv").read_text()
    assert len(pd.read_csv(tmp_path / "s.csv")) == 6 * 4


def _check_equal(spark, n: int, expect_models: set[str]) -> None:
    from lib.forecast.backtest import ForecastConfig
    from lib.forecast.parallel import run_forecasts
    from lib.scaleout.forecast import evaluator
    hist = _regular(_history(n=n))
    events = pd.DataFrame({"name": ["Spring sale"], "start_date": [pd.Timestamp("2024-04-01")],
                           "end_date": [pd.Timestamp("2024-04-14")], "event_type": ["promotion"]})
    cfg = ForecastConfig(horizon=6, freq="W", folds=2, country=None, pool_selection=True)
    local = run_forecasts(hist, cfg, events=events, workers=1)
    remote = run_forecasts(hist, cfg, events=events, evaluate=evaluator(spark))

    sel_l, sel_r = _sorted(local.selection, ["series_id"]), _sorted(remote.selection, ["series_id"])
    assert len(sel_l) == n
    assert sel_r["model"].tolist() == sel_l["model"].tolist()
    assert expect_models <= set(local.backtest["model"]), "the batch-wide candidates must be scored"
    assert sel_l["demand_class"].nunique() >= 2
    assert sel_l["folds"].nunique() >= 2, "the late launch must have fewer folds"
    pd.testing.assert_frame_equal(sel_r, sel_l, rtol=1e-9, check_exact=False)
    for name, keys in (("forecast", ["series_id", "ds"]), ("backtest", ["series_id", "model"]),
                       ("points", ["series_id", "model", "origin", "ds"])):
        a, b = _sorted(getattr(remote, name), keys), _sorted(getattr(local, name), keys)
        assert len(b) > 0, name
        pd.testing.assert_frame_equal(a, b, rtol=1e-9, check_exact=False, obj=name)


def test_spark_forecast_equals_the_local_run(spark):
    """Six series (every `make test`): the pooled share of the total is a candidate, the global model is not."""
    _check_equal(spark, N_SMALL, {"pooled"})


@slow
def test_spark_forecast_equals_the_local_run_with_the_global_model(spark):
    _check_equal(spark, N_SERIES, {"pooled", "global"})


def test_spark_forecast_refuses_a_malformed_setting(tmp_path, capsys):
    from lib.__main__ import main
    src = tmp_path / "demand.csv"
    _history().head(70).to_csv(src, index=False)
    assert main(["forecast", "--input", str(src), "--horizon", "4", "--out", str(tmp_path / "o.csv"),
                 "--engine", "spark", "--conf", "spark.executor.memory"]) == 2
    assert "KEY=VALUE" in capsys.readouterr().err
