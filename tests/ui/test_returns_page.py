"""The Returns page through Streamlit's AppTest: renders on the sample and on an empty workspace, with its summary,
rate tiles, charts (with tooltips), phrase and outlier tables (downloadable) and the date-basis switch."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from appdriver import assert_clean, open_app


def open_returns(query: dict | None = None) -> AppTest:
    return open_app(query, page="returns")


def test_renders_on_the_sample_with_its_key_elements(app_ws):
    at = open_returns({"period": "all time"})
    assert_clean(at)
    assert [t.value for t in at.title] == ["Returns"]
    assert "What explains the returns" in [s.value for s in at.subheader]
    assert "units returned" in at.markdown[0].value
    tiles = {m.label: m.value for m in at.metric}
    assert set(tiles) == {"Unit return rate", "Order return rate", "Cost of returns", "Retained revenue rate"}
    assert tiles["Unit return rate"].endswith("%") and tiles["Cost of returns"].startswith("$")
    assert [t.label for t in at.tabs] == ["Trend", "Cohort maturity", "Reasons", "Comments", "Outliers",
                                         "Warehouses & carriers", "Cost"]
    assert len(at.get("vega_lite_chart")) == 1  # only the open tab (Trend) is drawn
    charts, downloads = [], []
    for tab in [t.label for t in at.tabs]:  # each tab, as its link (or a click, which reruns the page) opens it
        one = open_returns({"period": "all time", "returns_tab": tab})
        assert_clean(one)
        charts += one.get("vega_lite_chart")
        downloads += [b.label for b in one.get("download_button")]
        if tab == "Reasons":
            assert one.selectbox(key="returns_heatmap_dimension").value == "family"
        if tab == "Comments":
            assert one.selectbox(key="returns_phrase_column").value == "family"
    assert len(charts) >= 8 and all("tooltip" in c.proto.spec for c in charts)
    assert any("Download CSV" in d for d in downloads) and len(downloads) >= 2  # outliers, cost (+ phrases)


def test_findings_link_to_their_drill_down(app_ws):
    at = open_returns({"period": "all time"})
    links = [m.value for m in at.markdown if m.value.startswith("[Drill down")]
    assert len(links) == len(at.expander) and all("/returns?" in x for x in links)


def test_event_basis_and_other_cuts(app_ws):
    at = open_returns({"period": "all time"})
    at.get("button_group")[0].set_value("event").run() if at.get("button_group") else None
    assert_clean(at)
    assert "return date (event) basis" in " ".join(c.value for c in at.caption)
    for tab, key, value in [("Reasons", "returns_heatmap_dimension", "warehouse"),
                            ("Outliers", "returns_outlier_level", "family"),
                            ("Comments", "returns_phrase_column", "reason_group")]:
        one = open_returns({"period": "all time", "returns_basis": "Return date (event)", "returns_tab": tab})
        widget = one.radio(key=key) if key.endswith("level") else one.selectbox(key=key)
        widget.set_value(value).run()
        assert_clean(one)


def test_renders_on_an_empty_workspace(app_empty_ws):
    at = open_returns()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Returns"]
    assert "Upload" in at.info[0].value
