"""The Profitability page through Streamlit's AppTest: renders on the sample and on an empty workspace, charts carry
tooltips, every table has its download, the waterfall follows a SKU selection, the landed-cost calculator answers."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from appdriver import assert_clean, open_app

TABS = ["Waterfall", "Ranking", "Rationalisation", "Fulfillment paths", "Landed cost", "Reconciliation"]


def open_page(query: dict | None = None) -> AppTest:
    return open_app(query, page="profitability")


def test_renders_on_the_sample_with_its_key_elements(app_ws):
    at = open_page({"period": "all time"})
    assert_clean(at)
    assert [t.value for t in at.title] == ["Profitability"]
    assert [t.label for t in at.tabs] == TABS
    labels = [m.label for m in at.metric]
    assert labels[:4] == ["Net revenue", "Contribution margin", "Contribution margin %", "Margin per unit"]
    assert "Saving had every recommendation been taken" in labels
    assert at.metric[0].value.startswith("$")
    charts = at.get("vega_lite_chart")
    assert len(charts) >= 3 and all("tooltip" in c.proto.spec for c in charts)  # waterfall, quadrant, path costs
    steps = [v["label"] for v in _data(charts[0])]
    assert steps[0] == "Gross sales" and steps[-1] == "Contribution margin"
    downloads = [b.proto.label for b in at.get("download_button")]
    assert len(downloads) >= 6 and all(d.startswith("Download CSV") for d in downloads)
    ranking = at.dataframe[0].value
    assert list(ranking.columns[:3]) == ["Rank", "SKU", "Product"] and len(ranking) > 10


def test_waterfall_follows_the_sku_selection(app_ws):
    at = open_page({"period": "all time"})
    box = at.multiselect(key="profitability_skus")
    before = _data(at.get("vega_lite_chart")[0])[0]["amount"]
    box.set_value([box.options[0]]).run()
    assert_clean(at)
    after = _data(at.get("vega_lite_chart")[0])[0]["amount"]
    assert 0 < after < before
    at.toggle(key="profitability_per_unit").set_value(True).run()
    assert_clean(at)


def test_landed_cost_calculator_and_its_link(app_ws):
    at = open_page({"period": "all time"})
    at.number_input(key="landed_cost").set_value(10.0)
    at.number_input(key="landed_freight").set_value(1.0)
    at.number_input(key="landed_duty").set_value(5.0)  # percent, as people type it
    at.number_input(key="landed_price").set_value(30.0)
    next(b for b in at.button if b.label == "Calculate").click().run()
    assert_clean(at)
    result = next(d.value for d in at.dataframe if "Landed cost" in d.value.columns).iloc[0]
    assert result["Landed cost"] == 11.5 and result["Margin"] == 18.5  # 10 + 1 + 5 % duty on 10
    # a link naming the inputs reopens the same calculation, without clicking (the browser writes bound widgets'
    # values into the URL; AppTest reads them back)
    again = open_page({"period": "all time", "landed_cost": "10.0", "landed_freight": "1.0", "landed_duty": "5.0",
                       "landed_price": "30.0", "landed_vat_mode": "No VAT (US sales tax on top)"})
    assert_clean(again)
    again_result = next(d.value for d in again.dataframe if "Landed cost" in d.value.columns).iloc[0]
    assert again_result["Landed cost"] == 11.5 and again_result["Margin"] == 18.5


def test_page_on_an_empty_workspace_points_to_upload(app_empty_ws):
    at = open_page()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Profitability"]
    assert "Not loaded yet: orders" in at.info[0].value
    assert any(link.proto.label == "Go to Upload" for link in at.get("page_link"))


def _data(chart) -> list[dict]:
    """Rows of the chart's (first) dataset: Streamlit ships chart data as Arrow next to the spec."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
    return convert_arrow_bytes_to_pandas_df(chart.proto.datasets[0].data.data).to_dict("records")
