"""Coherent roll-ups: every reconciliation adds up, bottom-up and OLS by hand, the choice on a backtest."""
import numpy as np
import pandas as pd
import pytest

from lib.forecast import reconcile as rc
from lib.forecast.backtest import ForecastConfig
from lib.forecast.parallel import run_forecasts

BOTTOM = pd.DataFrame({"series_id": ["A1", "A2", "B1"], "category": ["A", "A", "B"],
                       "channel": ["web", "amazon", "web"]})


def test_the_summing_matrix_names_every_node():
    h = rc.hierarchy(BOTTOM, ["category", "channel"])
    assert h.nodes == ["Total", "category: A", "category: B", "channel: amazon", "channel: web", "A1", "A2", "B1"]
    assert h.S.tolist()[:5] == [[1, 1, 1], [1, 1, 0], [0, 0, 1], [0, 1, 0], [1, 0, 1]]


@pytest.mark.parametrize("method", rc.METHODS)
def test_every_method_adds_up(method):
    h = rc.hierarchy(BOTTOM, ["category", "channel"])
    rng = np.random.default_rng(0)
    base = rng.uniform(5, 50, (len(h.nodes), 4))  # incoherent base forecasts, 4 periods
    resid = rng.normal(0, 3, (30, len(h.nodes)))
    out = rc.apply(h, base, rc.projection(h, method, resid))
    bottom = out[-3:]
    assert out == pytest.approx(h.S @ bottom)  # the total = Σ SKUs, each category and channel = Σ its SKUs
    assert out[0] == pytest.approx(out[1] + out[2]) and out[0] == pytest.approx(out[3] + out[4])
    assert (out >= 0).all()


def test_bottom_up_and_ols_by_hand():
    h = rc.hierarchy(BOTTOM.iloc[:2], [], total=True)  # Total = A1 + A2
    base = np.array([[12.0], [4.0], [5.0]])  # the total's own forecast says 12, the SKUs 4 + 5 = 9
    assert rc.apply(h, base, rc.projection(h, "bottom_up")).ravel().tolist() == [9, 4, 5]
    # OLS splits the gap of 3 equally over the three nodes' errors: each SKU + 1, the total − 1
    assert rc.apply(h, base, rc.projection(h, "ols")).ravel() == pytest.approx([11, 5, 6])
    # a base that already adds up is left alone by every method
    coherent = np.array([[9.0], [4.0], [5.0]])
    for m in ("ols", "wls"):
        assert rc.apply(h, coherent, rc.projection(h, m)).ravel() == pytest.approx([9, 4, 5])


def test_the_choice_follows_the_backtest():
    h = rc.hierarchy(BOTTOM.iloc[:2], [], total=True)
    actual = np.array([[10.0, 10, 10, 10], [5, 5, 5, 5], [5, 5, 5, 5]])
    good_bottom = np.array([[14.0, 14, 14, 14], [5, 5, 5, 5], [5, 5, 5, 5]])  # SKUs right, the total wrong
    assert rc.choose(h, good_bottom, actual)[0] == "bottom_up"
    good_top = np.array([[10.0, 10, 10, 10], [3, 7, 3, 7], [7, 3, 7, 3]])  # the total right, SKUs noisy
    best, scores = rc.choose(h, good_top, actual)
    assert best != "bottom_up" and scores[best] < scores["bottom_up"]


def test_reconcile_a_forecast_result_end_to_end():
    rng = np.random.default_rng(2)
    ds = pd.date_range("2025-01-06", periods=40, freq="7D")
    hist = pd.concat([pd.DataFrame({"series_id": s, "ds": ds, "y": rng.poisson(mu, 40).astype(float)})
                      for s, mu in (("A1", 20), ("A2", 8), ("B1", 30))])
    h = rc.hierarchy(BOTTOM, ["category", "channel"])
    all_nodes = rc.aggregate(hist, h)
    assert all_nodes.groupby("series_id")["y"].sum()["Total"] == pytest.approx(hist["y"].sum())
    res = run_forecasts(all_nodes, ForecastConfig(horizon=4, freq="W", models=("seasonal_naive", "ses", "ets")),
                        workers=1)
    fc, method, scores = rc.reconcile_result(res, h)
    assert method in rc.METHODS and set(scores) <= set(rc.METHODS)
    wide = fc.pivot(index="ds", columns="series_id", values="yhat")
    assert wide["Total"].to_numpy() == pytest.approx((wide["A1"] + wide["A2"] + wide["B1"]).to_numpy())
    assert wide["category: A"].to_numpy() == pytest.approx((wide["A1"] + wide["A2"]).to_numpy())
    assert wide["channel: web"].to_numpy() == pytest.approx((wide["A1"] + wide["B1"]).to_numpy())
    assert (fc["yhat_lower"] <= fc["yhat"]).all() and (fc["yhat"] <= fc["yhat_upper"]).all()


def test_rollups_forecast_the_categories_and_make_the_skus_add_up():
    rng = np.random.default_rng(3)
    ds = pd.date_range("2024-01-01", periods=40, freq="7D")
    hist = pd.concat([pd.DataFrame({"series_id": sid, "ds": ds, "y": lvl + rng.normal(0, 1, 40)})
                      for sid, lvl in (("A1", 20), ("A2", 10), ("B1", 30))], ignore_index=True)
    cfg = ForecastConfig(horizon=4, freq="W", models=("seasonal_naive", "ses"))
    res = run_forecasts(hist, cfg, workers=1)
    roll = rc.rollups(res, hist, BOTTOM[["series_id", "category"]], ["category"], cfg)
    t = roll.table().set_index("node")
    assert list(t.index) == ["Total", "category: A", "category: B"]
    assert t.loc["Total", "reconciled"] == pytest.approx(t.loc["category: A", "reconciled"] + t.loc["category: B", "reconciled"])
    # the SKUs' own forecasts summed, before reconciling: ~ (20 + 10) × 4 weeks for A
    assert t.loc["category: A", "sku_sum"] == pytest.approx(120, rel=0.15)
    coherent = roll.bottom(res).forecast.groupby("series_id")["yhat"].sum()
    assert coherent[["A1", "A2", "B1"]].sum() == pytest.approx(t.loc["Total", "reconciled"])
    assert roll.method in rc.METHODS
    assert rc.rollups(res, hist, BOTTOM.iloc[:1], ["category"], cfg) is None  # one SKU with a group: nothing to add up
