"""The Forecast & replenishment page through Streamlit's AppTest: the forecast with its backtest and a plan;
and the three planning pages (Forecast, Peak capacity, Inventory) pointing to Upload on an empty workspace."""
from __future__ import annotations

import pytest

from appdriver import assert_clean, chart_specs, open_planning_page


def test_forecast_page_shows_forecast_with_its_backtest_and_a_plan(app_ws):
    at = open_planning_page("forecast")
    assert_clean(at)
    assert [t.value for t in at.title] == ["Forecast & replenishment"]
    tiles = {m.label: m.value for m in at.metric}
    assert set(tiles) == {"Series forecast", "Forecast error", "Repeating last year", "Range held actual"}
    assert tiles["Forecast error"].endswith("%") and int(tiles["Series forecast"].replace(",", "")) > 10
    assert [t.label for t in at.tabs] == ["Forecast", "Accuracy by series", "Roll-ups", "Replenishment"]
    assert len(chart_specs(at)) == 3 and all("tooltip" in s for s in chart_specs(at))
    assert "Promotion" in chart_specs(at)[0] or "Peak event" in chart_specs(at)[0]  # events marked on the chart
    text = " ".join(m.value for m in at.markdown)
    assert "Forecast error about" in text and "repeating last year" in text  # plain words first
    headline = next(m.value for m in at.markdown if m.value.startswith("Forecast error about"))
    # the chosen models' error next to the baseline's, and the range's coverage, in words
    assert any(w in headline for w in ("better than repeating last year", "worse than repeating last year",
                                       "about the same as repeating last year")), headline
    assert "shaded range held the actual" in headline and tiles["Range held actual"].endswith("%")
    assert "seasonal naive" in text  # … the statistics behind an expander
    wape = float(tiles["Forecast error"].split()[0]) / 100
    delta = next(m for m in at.metric if m.label == "Forecast error").proto
    if wape > 0.5:  # no green badge on a hard-to-predict error
        assert delta.color == delta.GRAY or not delta.delta
    downloads = [b.label for b in at.get("download_button")]
    assert "Download draft PO (CSV)" in downloads and sum("Download CSV" in d for d in downloads) == 4
    headline = next(m.value for m in at.markdown if "SKU(s) to order now" in m.value)
    assert "$" in headline  # order value as money
    for df in at.dataframe:  # human headers, no snake_case, no raw model codes, no "None"
        cols = [str(c) for c in df.value.columns]
        assert not any("_" in c for c in cols), cols
        assert not df.value.isna().any().any() and not df.value.astype(str).isin(["None", "nan", "NaT"]).any().any()
    methods = set(next(df.value for df in at.dataframe if "Method" in df.value.columns)["Method"])
    assert not methods & {"sba", "seasonal_naive", "tsb", "ets", "ses"}
    plan = next(df.value for df in at.dataframe if "Action" in df.value.columns)
    assert not ((plan["Action"] == "Order now") & (plan["Order (units)"] == 0)).any()
    assert not ((plan["Action"] == "Expedite open order") & (plan["Order by"] != "–")).any()
    assert (app_ws.root / "cache" / "forecast").is_dir()  # the result was cached under the workspace
    # roll-ups: the categories add up to the total, and the sentence says so with the method in words
    rolls = next(df.value for df in at.dataframe if "Roll-up" in df.value.columns)
    total = rolls.loc[rolls["Roll-up"] == "All SKUs", "Forecast (units)"].iloc[0]
    assert total > 0 and abs(rolls.loc[rolls["Roll-up"] != "All SKUs", "Forecast (units)"].sum() - total) <= len(rolls)
    assert any("the SKUs add up to" in m.value and "made to agree by" in m.value for m in at.markdown)
    # the inputs sit in a form: a roll-up level forecasts categories and has no replenishment plan
    at.selectbox(key="forecast_level").set_value("category")
    at.number_input(key="forecast_horizon").set_value(8)
    next(b for b in at.button if b.label == "Run forecast").click()
    at.run()
    assert_clean(at)
    assert set(at.selectbox(key="forecast_series").options) <= {"Apparel", "Footwear", "Accessories", "Outdoor", "Home",
                                                                "Uncategorised"}
    assert any("Replenishment is planned per SKU" in i.value for i in at.info)

@pytest.mark.parametrize("noun,title", [("forecast", "Forecast & replenishment"), ("capacity", "Peak capacity"),
                                        ("inventory", "Inventory")])
def test_planning_pages_on_an_empty_workspace(app_empty_ws, noun, title):
    at = open_planning_page(noun, {})
    assert_clean(at)
    assert [t.value for t in at.title] == [title]
    assert "Upload" in at.info[0].value
