"""lib.metrics.overview: the landing page's numbers follow METRICS.md, computed straight from fct_orders."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from lib.metrics.filters import Filters
from lib.metrics import overview


@pytest.fixture(scope="module")
def everything(app_con):
    lo, hi = app_con.execute("SELECT min(order_date), max(order_date) FROM fct_orders").fetchall()[0]
    return Filters(lo, hi, period="all time")


def test_headline_matches_the_definitions(app_con, everything):
    now, before = overview.headline(app_con, everything)
    orders, units, revenue, on_time, with_ship_by = app_con.execute("""
        SELECT count(*), sum(units), sum(net_revenue_amount), count(*) FILTER (WHERE is_on_time_ship),
               count(is_on_time_ship)
        FROM fct_orders WHERE NOT (is_cancelled AND NOT is_shipped)""").fetchall()[0]
    assert (now.orders, now.units) == (orders, units)
    assert now.net_revenue_amount == pytest.approx(revenue)
    assert now.on_time_ship_rate == pytest.approx(on_time / with_ship_by) and now.ship_by_orders == with_ship_by
    assert 0 <= now.on_time_ship_rate <= 1
    assert before.orders == 0 and before.on_time_ship_rate is None  # nothing before the first order


def test_filters_narrow_the_numbers(app_con, everything):
    channel = app_con.execute("SELECT channel FROM fct_orders GROUP BY 1 ORDER BY count(*) LIMIT 1").fetchall()[0][0]
    one, _ = overview.headline(app_con, replace(everything, channels=(channel,)))
    expected = app_con.execute("SELECT count(*) FROM fct_orders WHERE channel = $c AND NOT (is_cancelled AND NOT "
                               "is_shipped)", {"c": channel}).fetchall()[0][0]
    assert one.orders == expected
    category = app_con.execute("SELECT category FROM fct_order_lines LIMIT 1").fetchall()[0][0]
    by_category, _ = overview.headline(app_con, replace(everything, categories=(category,)))
    assert 0 < by_category.orders < overview.headline(app_con, everything)[0].orders


def test_weekly_trend_covers_the_period_in_monday_weeks(app_con, everything):
    end = everything.end
    f = replace(everything, start=end - dt.timedelta(days=27), end=end, period="custom")
    weeks = overview.weekly(app_con, f)
    assert len(weeks) >= overview.TREND_WEEKS and (weeks["week_start"].dt.weekday == 0).all()
    days = overview.orders_by_day(app_con, f, start=weeks["week_start"].min().date())
    assert weeks["orders"].sum() == days["orders"].sum()
    assert weeks["in_period"].sum() <= 4 and not weeks["in_period"].iloc[0]
