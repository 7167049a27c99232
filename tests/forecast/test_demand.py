"""Stock-out-censored demand history: SKU series, weekly scaling, roll-up imputation — by hand — and on the sample."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from lib.forecast import demand

D = pd.Timestamp("2026-01-05")  # a Monday; data runs two full weeks to Sunday 18 January


def _day(i):
    return (D + pd.Timedelta(days=i)).date()


@pytest.fixture
def frames():
    rows = [("A", "web", "Cat", _day(i), 1.0) for i in range(7)]  # week 1: 1 a day
    rows += [("A", "web", "Cat", _day(i), 2.0) for i in range(7, 11)]  # week 2: 2 a day Mon–Thu, then sold out
    rows += [("B", "web", "Cat", _day(2), 3.0), ("B", "amazon", "Cat", _day(12), 1.0)]  # B launches Wednesday
    sales = pd.DataFrame(rows, columns=["sku", "channel", "category", "day", "units"])
    stockouts = pd.DataFrame([("A", _day(i)) for i in (11, 12, 13)] + [("B", _day(i)) for i in (7, 8, 9, 10)],
                             columns=["sku", "day"])
    return sales, stockouts


def test_sku_daily_censors_stockout_days(frames):
    h = demand.build_history(*frames, end=_day(13), level="sku", freq="D")
    a = h.frame[h.frame["series_id"] == "A"].set_index("ds")["y"]
    assert len(a) == 14 and a.isna().sum() == 3 and a.iloc[:11].sum() == 15
    b = h.frame[h.frame["series_id"] == "B"]
    assert b["ds"].min() == pd.Timestamp(_day(2))  # a SKU's history starts at its first sale
    assert h.censored_sku_days == 7


def test_sku_weekly_scales_in_stock_days(frames):
    h = demand.build_history(*frames, end=_day(13), level="sku", freq="W")
    a = h.frame[h.frame["series_id"] == "A"]["y"].tolist()
    assert a == pytest.approx([7, 8 * 7 / 4])  # week 2: 8 units on 4 in-stock days → 14
    b = h.frame[h.frame["series_id"] == "B"]["y"].tolist()
    assert b[0] == pytest.approx(3 * 7 / 5)  # launched Wednesday: 5 days observed
    assert np.isnan(b[1])  # 3 in-stock days < 4: censored week


def test_rollups_impute_censored_sku_days(frames):
    h = demand.build_history(*frames, end=_day(13), level="category", freq="W")
    y = h.frame["y"].tolist()
    # week 2: A 8 + 3 × (15 / 11) for its sold-out days (in-stock mean of its trailing 28 days);
    # B 4 × 0.6 (3 units over 5 in-stock days) + 1 sold on Saturday
    assert y == pytest.approx([10, 8 + 3 * 15 / 11 + 4 * 0.6 + 1])
    total = demand.build_history(*frames, end=_day(13), level="total", freq="D")
    assert total.frame["series_id"].unique().tolist() == [demand.TOTAL_ID]
    ch = demand.build_history(*frames, end=_day(13), level="channel", freq="W")
    assert set(ch.frame["series_id"]) == {"web", "amazon"}


def test_partial_last_week_is_dropped(frames):
    sales, so = frames
    more = pd.concat([sales, pd.DataFrame([("A", "web", "Cat", _day(15), 5.0)], columns=sales.columns)])
    h = demand.build_history(more, so, level="total", freq="W", end=_day(15))
    assert len(h.frame) == 2  # Monday 19 January alone is not a week


def test_regularise_fills_missing_periods_with_zero():
    df = pd.DataFrame({"series_id": ["x", "x", "x"], "ds": ["2026-01-05", "2026-01-19", "2026-01-20"], "y": [1, 2, None]})
    out = demand.regularise(df, "W")
    assert out["ds"].dt.date.astype(str).tolist() == ["2026-01-05", "2026-01-12", "2026-01-19"]
    assert out["y"].tolist() == [1, 0, 2]


def test_sample_history_is_censored(sample_con, sample_params):
    params = {**sample_params, "start": dt.date(2000, 1, 1)}
    h = demand.demand_history(sample_con, params, level="sku", freq="W")
    assert h.frame["series_id"].nunique() > 50 and h.censored_sku_days > 0
    assert (h.frame["y"].dropna() >= 0).all()
    tot = demand.demand_history(sample_con, params, level="total", freq="W")
    assert tot.frame["y"].notna().all() and (tot.frame["ds"].dt.day_of_week == 0).all()
