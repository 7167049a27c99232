"""One definition per figure: the same KPI for the same filters is the same number on every page that shows it
(Overview, Weekly review, Fulfillment, Profitability, Returns; the weekly pack is written from the review and the
notebooks are compared with the pages in tests/notebooks/test_parity.py). Each page's number is taken from the lib
call the page makes."""
from __future__ import annotations

import datetime as dt

import pytest

from lib.filters import Filters
from lib.metrics import fulfillment, overview, returns, review
from lib.metrics import profitability as pf


@pytest.fixture(scope="module")
def week(sample_con):
    return review.default_week(sample_con)


@pytest.fixture(scope="module", params=["all", "amazon", "shopify"])
def scope(request):
    return () if request.param == "all" else (request.param,)


def _week_filters(week: str, channels) -> Filters:
    start, end = review.parse_week(week)
    return Filters(start, end, channels=channels)


def test_orders_units_revenue_and_on_time_agree(sample_con, sample_ws, week, scope):
    for f in (_week_filters(week, scope),
              Filters(review.parse_week(week)[0] - dt.timedelta(weeks=3), review.parse_week(week)[1], channels=scope)):
        ov, _ = overview.headline(sample_con, f)
        fu = fulfillment.summary(sample_con, f.as_params())
        frame = pf.sku_channel(sample_con, f.as_params(), sample_ws.settings())
        pr = pf.headline(frame)
        assert ov.orders == fu.orders  # orders: not cancelled before shipment, on both pages
        assert ov.net_revenue_amount == pytest.approx(pr.net_revenue_amount, rel=1e-9, abs=1e-6)
        assert ov.units == pytest.approx(pr.units)
        assert ov.on_time_ship_rate == pytest.approx(fu.on_time_ship_rate, rel=1e-12)


def test_the_weekly_review_shows_the_pages_numbers(sample_con, sample_ws, week, scope):
    f = _week_filters(week, scope)
    rv = review.weekly_review(sample_con, week, f.as_params(), sample_ws.settings()["targets"])
    fu = fulfillment.summary(sample_con, f.as_params())
    ov, _ = overview.headline(sample_con, f)
    assert rv.orders == fu.orders == ov.orders
    assert rv.tile("cost_per_order").value == pytest.approx(fu.cost_per_order, rel=1e-12)
    assert rv.tile("on_time_ship_rate").value == pytest.approx(fu.on_time_ship_rate, rel=1e-12)
    ret = returns.rates(sample_con, f.as_params(), basis="event")  # the review states its event basis
    assert rv.tile("unit_return_rate").value == pytest.approx(ret.unit_return_rate, rel=1e-12)
    assert f"{rv.orders:,} orders were placed in {week}" in rv.bullets[0]
