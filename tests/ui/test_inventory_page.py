"""The Inventory page through Streamlit's AppTest: KPIs, ABC / XYZ and excess stock on the sample."""
from __future__ import annotations

from appdriver import assert_clean, chart_specs, open_planning_page


def test_inventory_page_shows_kpis_abc_xyz_and_excess(app_ws):
    at = open_planning_page("inventory")
    assert_clean(at)
    assert [t.value for t in at.title] == ["Inventory"]
    labels = [m.label for m in at.metric]
    assert labels == ["Inventory turnover", "Days of supply", "Sell-through", "Stock-out rate", "GMROI", "Excess stock"]
    assert [t.label for t in at.tabs] == ["Trend", "ABC / XYZ", "Excess & aged", "By SKU"]
    assert len(chart_specs(at)) >= 2 and all("tooltip" in s for s in chart_specs(at))
    assert "units sold / (opening on hand + received)" in " ".join(c.value for c in at.caption)
