"""The Carriers & 3PL page through Streamlit's AppTest: renders on the sample and on an empty workspace, its own
filters scope the scorecard, charts carry tooltips, the QBR download is offered."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from appdriver import assert_clean, open_app


def open_page(query: dict | None = None) -> AppTest:
    return open_app(query, page="carriers", timeout=90)


def test_page_renders_the_scorecard_on_the_sample(app_ws):
    at = open_page({"period": "all time"})
    assert_clean(at)
    assert [t.value for t in at.title] == ["Carriers & 3PL"]
    assert [t.label for t in at.tabs] == ["Scorecard", "Trend", "3PL ship SLA", "Rate shopping", "Dimensional weight",
                                          "QBR export"]
    assert [m.label for m in at.multiselect if m.key and m.key.startswith("carriers_")] == \
        ["Zone", "Destination region", "Weight band"]
    frames = at.dataframe
    assert len(frames) >= 4  # carriers, carrier × service, SLA audit, what-if lanes
    charts = at.get("vega_lite_chart")
    assert len(charts) >= 4 and all("tooltip" in c.proto.spec for c in charts)
    labels = [m.label for m in at.metric]
    assert "Billed on dim weight" in labels and "Savings had the cheapest on-time option been used" in labels
    assert any(b.proto.label.startswith("Build and download the QBR") for b in at.get("download_button"))


def test_page_filters_scope_the_scorecard(app_ws):
    at = open_page({"period": "all time"})
    zone = at.multiselect(key="carriers_zones")
    before = _packages(at)
    zone.set_value([zone.options[0]]).run()
    assert_clean(at)
    assert 0 < _packages(at) < before


def test_trend_measure_switches_the_chart(app_ws):
    at = open_page({"period": "all time"})
    box = next(s for s in at.selectbox if s.label == "Measure")
    box.set_value("damage_rate").run()
    assert_clean(at)
    assert any("damage_rate" in c.proto.spec for c in at.get("vega_lite_chart"))


def test_page_on_an_empty_workspace_points_to_upload(app_empty_ws):
    at = open_page()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Carriers & 3PL"]
    assert "Upload" in at.info[0].value


def _packages(at: AppTest) -> int:
    """Σ packages of the first table (one row per carrier), read from the Styler's data."""
    df = at.dataframe[0].value
    col = "Packages" if "Packages" in df.columns else "shipments"
    return int(df[col].sum())
