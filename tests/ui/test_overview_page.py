"""The Overview page through Streamlit's AppTest: headline numbers with their units and a trend."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

import appdriver
from appdriver import assert_clean, goto


def open_app(query: dict | None = None) -> AppTest:
    return appdriver.open_app(query, timeout=60)


def test_overview_shows_headline_numbers_with_units_and_a_trend(app_ws):
    at = goto(open_app({"period": "all time"}), "overview")
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert set(metrics) == {"Orders", "Units", "Net revenue (USD)", "On-time ship rate"}
    assert int(metrics["Orders"].replace(",", "")) > 100
    assert metrics["Net revenue (USD)"].startswith("$") and metrics["On-time ship rate"].endswith("%")
    chart = at.get("vega_lite_chart")[0]
    assert "tooltip" in chart.proto.spec
    assert not at.dataframe  # the tables behind the chart wait for their expander (a page switch costs less)
    opened = goto(open_app({"period": "all time", "overview_weeks": "true", "overview_currencies": "true"}), "overview")
    assert_clean(opened)  # a link opens them
    weekly = next(d.value for d in opened.dataframe if "net_revenue_amount" in d.value.columns)
    assert len(weekly) >= 13 and len(opened.dataframe) == 2
