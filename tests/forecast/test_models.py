"""Croston, SBA, TSB, SES and seasonal naive against values computed by hand (conventions: lib/forecast/models.py)."""
import numpy as np
import pandas as pd
import pytest

from lib.forecast import models

Y = [0, 3, 0, 0, 5, 0, 2]


def test_croston_by_hand():
    # first demand 3 at position 2 → z = 3, p = 2.  t=4: y=5 after q=3 periods → z = 3 + .1·2 = 3.2,
    # p = 2 + .1·(3 − 2) = 2.1.  t=6: y=2 after q=2 → z = 3.2 + .1·(2 − 3.2) = 3.08, p = 2.1 + .1·(2 − 2.1) = 2.09
    fc = models.croston(Y, 3, alpha=0.1)
    assert fc.mean == pytest.approx([3.08 / 2.09] * 3)
    z, p, fitted = models._croston_state(np.array(Y, float), 0.1)
    assert (z, p) == pytest.approx((3.08, 2.09))
    assert fitted[2:] == pytest.approx([1.5, 1.5, 1.5, 3.2 / 2.1, 3.2 / 2.1])


def test_sba_by_hand():
    # SBA = (1 − α/2) · z/p = 0.95 · 3.08 / 2.09 = 1.4 exactly
    assert models.sba(Y, 2, alpha=0.1).mean == pytest.approx([1.4, 1.4])


def test_tsb_by_hand():
    # z = 3, p = 1/2 at the first demand; then p: .45, .405, (y>0) .4645, .41805, (y>0) .476245; z: 3.2, 3.08
    fc = models.tsb(Y, 4, alpha=0.1, beta=0.1)
    assert fc.mean == pytest.approx([0.476245 * 3.08] * 4)


def test_censored_periods_are_skipped_not_zero():
    # a NaN (stock-out) is left out: same as the series without it
    with_gap = [0, 3, np.nan, 0, 0, 5, np.nan, 0, 2]
    assert models.croston(with_gap, 1).mean == pytest.approx(models.croston(Y, 1).mean)
    assert models.tsb(with_gap, 1).mean == pytest.approx(models.tsb(Y, 1).mean)


def test_no_demand_forecasts_zero():
    for fn in (models.croston, models.sba, models.tsb):
        fc = fn([0, 0, 0, 0], 3)
        assert fc.mean.tolist() == [0, 0, 0] and fc.lower.tolist() == [0, 0, 0]


def test_ses_by_hand():
    # α = .5: level 2 → 3 → 4.5
    assert models.ses([2, 4, 6], 2, alpha=0.5).mean == pytest.approx([4.5, 4.5])


def test_seasonal_naive_by_hand():
    y = np.arange(1, 11, dtype=float)  # 10 days, season 7 → the values 7 days before the next 3: 4, 5, 6
    assert models.seasonal_naive(y, 3, 7).mean.tolist() == [4, 5, 6]
    y[3] = np.nan  # censored a season ago and nothing earlier: the last observed value
    assert models.seasonal_naive(y, 3, 7).mean.tolist() == [10, 5, 6]
    assert models.seasonal_naive([5, 7], 2, 52).mean.tolist() == [7, 7]  # shorter than a season: naive


def test_intervals_are_ordered_and_non_negative():
    fc = models.seasonal_naive([5, 0, 9, 1, 7, 0, 3, 4, 0, 8], 9, 7, level=0.9)
    assert (fc.lower >= 0).all() and (fc.lower <= fc.mean).all() and (fc.mean <= fc.upper).all()
    assert (fc.upper[7:] - fc.mean[7:] >= fc.upper[:7].max() - fc.mean[:7].max() - 1e-9).all()  # widens per season
    assert models.z_value(0.8) == pytest.approx(1.2816, abs=1e-4)


def test_routing_by_demand_class():
    assert models.candidates_for("intermittent") == ("seasonal_naive", "croston", "sba", "tsb", "pooled")
    assert "fourier" not in models.candidates_for("smooth", years=1.9)  # a yearly Fourier season needs two years
    assert "fourier" in models.candidates_for("smooth", years=2.0)
    assert "fourier" not in models.candidates_for("lumpy", years=3.0)
    assert "prophet" in models.candidates_for("smooth")
    assert "prophet" not in models.candidates_for("smooth", allowed=("ses",))
    assert models.candidates_for("no demand") == ("seasonal_naive",)


def test_event_days_weekly_map_to_monday():
    ev = pd.DataFrame({"name": ["BFCM 2025", "Sale"], "start_date": [pd.Timestamp("2025-11-28"), pd.Timestamp("2025-06-04")],
                       "end_date": [pd.Timestamp("2025-12-01"), pd.Timestamp("2025-06-04")], "event_type": ["peak", "promotion"]})
    hol = models.event_days(ev, "W", None, "2025-01-01", "2025-12-31")
    assert set(hol["holiday"]) == {"BFCM", "promotion"}  # the year is dropped: one effect for every BFCM
    assert (hol["ds"].dt.day_of_week == 0).all()
    bfcm = sorted(hol.loc[hol["holiday"] == "BFCM", "ds"].dt.date.astype(str))
    assert bfcm == ["2025-11-24", "2025-12-01", "2026-11-23", "2026-11-30"]  # 2026 assumed 52 weeks later
    daily = models.event_days(ev, "D", "US", "2025-01-01", "2025-12-31")
    assert len(daily[daily["holiday"] == "BFCM"]) == 8  # 4 days in 2025, 4 assumed in 2026 (Fri 27 Nov – Mon 30)
    assert daily["holiday"].str.contains("Thanksgiving").any()  # country holidays come from `holidays`


def test_prophet_on_a_tiny_series_with_a_peak():
    ds = pd.date_range("2025-01-06", periods=40, freq="D")
    y = 10 + (ds.day_of_week == 5) * 5.0
    y[20:23] = 40  # a peak event
    hol = pd.DataFrame({"holiday": "Peak", "ds": ds[20:23]})
    fc = models.prophet(ds.to_numpy(), y, 7, "D", level=0.8, holidays=hol)
    assert fc.mean.shape == (7,) and np.isfinite(fc.mean).all()
    assert (fc.lower <= fc.mean + 1e-9).all() and (fc.mean <= fc.upper + 1e-9).all()
    assert 5 < fc.mean.mean() < 25  # the peak is explained by the holiday, not carried into the future


def test_recurring_peaks():
    ev = pd.DataFrame({"name": ["Black Friday / Cyber Monday 2024", "Black Friday / Cyber Monday 2025", "Prime Day 2026"],
                       "start_date": pd.to_datetime(["2024-11-29", "2025-11-28", "2026-07-14"]),
                       "end_date": pd.to_datetime(["2024-12-02", "2025-12-01", "2026-07-15"]),
                       "event_type": ["peak", "peak", "peak"]})
    out = models.recurring_peaks(ev, "2026-12-31")
    assumed = out[out["name"].str.endswith("(assumed)")]
    assert assumed["start_date"].dt.date.astype(str).tolist() == ["2026-11-27"]  # Black Friday 2026, a Friday
    assert models.event_name("Prime Day 2026") == "Prime Day" and models.event_name("Summer Sale") == "Summer Sale"


def test_event_lift_by_hand():
    ds = pd.date_range("2025-01-01", periods=50, freq="D")
    y = np.full(50, 10.0)
    y[30:32] = [30.0, 36.0]  # the sale: mean 33 vs 10 in the 28 days before → lift 3.3
    cal = pd.DataFrame({"holiday": "Sale", "ds": list(ds[30:32]) + [ds[-1] + pd.Timedelta(days=3)]})
    assert models.event_lifts(ds, y, cal, "D") == {"Sale": pytest.approx(3.3)}
    base = models.croston(y, 5).mean
    fc = models.run_model("croston", ds, y, 5, "D", calendar=cal)
    assert fc.mean == pytest.approx(base * [1, 1, 3.3, 1, 1])  # the event day, 3 days after the history, × 3.3
    assert models.run_model("seasonal_naive", ds, y, 5, "D", calendar=cal).mean.max() < 33  # only level models
