"""The Customers page through Streamlit's AppTest: renders on the sample (tiles with units, the five tabs, charts with
tooltips, downloadable tables, the cohort triangle with blank young cells), its controls bound to the URL, the
short-period note, and an empty workspace."""
from __future__ import annotations

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from appdriver import assert_clean, open_app


def _data(chart):
    """The rows a chart draws (Streamlit ships them as Arrow next to the spec)."""
    return pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()


def open_customers(query: dict | None = None) -> AppTest:
    return open_app(query, page="customers")


def test_renders_on_the_sample_with_its_key_elements(app_ws):
    at = open_customers({"period": "all time"})
    assert_clean(at)
    assert [t.value for t in at.title] == ["Customers & repeat purchase"]
    tiles = {m.label: m.value for m in at.metric}
    assert set(tiles) == {"Returning orders", "Repeat-purchase rate (90 days)", "Time to second order",
                          "Orders not identifiable"}
    assert tiles["Returning orders"].endswith("%") and tiles["Repeat-purchase rate (90 days)"].endswith("%")
    assert tiles["Time to second order"].endswith("days") and int(tiles["Orders not identifiable"].replace(",", "")) > 0
    assert [t.label for t in at.tabs] == ["New vs returning", "Cohorts", "By first order", "Time to second order",
                                         "Identification"]
    charts = at.get("vega_lite_chart")
    assert len(charts) == 4 and all("tooltip" in c.proto.spec for c in charts)
    triangle = charts[1].proto.spec
    assert "First-order month" in triangle and "within 365 days" in triangle
    downloads = [b.label for b in at.get("download_button")]
    assert len(downloads) == 5 and all(d.startswith("Download CSV") for d in downloads)
    text = " ".join(str(x.value) for x in at.markdown) + " ".join(c.value for c in at.caption)
    assert "None" not in text and "not identifiable" in text.lower()
    assert not at.info  # all time: no short-period note


def test_controls_change_the_view(app_ws):
    # (AppTest neither seeds bound widgets from the URL nor shows them in query_params: the browser test opens a
    # link with them and checks the URL follows the controls)
    at = open_customers({"period": "all time"})
    at.get("button_group")[0].set_value("30 days").run()  # the repeat window
    at.selectbox(key="customers_split").set_value("First delivery").run()
    at.get("button_group")[1].set_value("Net revenue").run()  # the weekly measure
    assert_clean(at)
    assert "Repeat-purchase rate (30 days)" in [m.label for m in at.metric]
    chart = at.get("vega_lite_chart")[2]
    assert "Repeat-purchase rate within 30 days" in chart.proto.spec and "First delivery" in chart.proto.spec
    assert {"On time", "Late", "Damaged or lost"} <= set(_data(chart)["slice"])
    assert "Net revenue (USD)" in at.get("vega_lite_chart")[0].proto.spec
    at.selectbox(key="customers_split").set_value("First channel").run()
    assert_clean(at)
    assert set(_data(at.get("vega_lite_chart")[2])["slice"]) == {"Shopify", "eBay"}  # display names, not codes


def test_a_short_period_says_to_widen(app_ws):
    at = open_customers({"period": "last 4 weeks"})
    assert_clean(at)
    assert any("Widen to 12 months" in i.value for i in at.info)
    assert [b.label for b in at.button if b.key == "customers_widen"] == ["Widen to 12 months"]


def test_renders_on_an_empty_workspace(app_empty_ws):
    at = open_customers()
    assert_clean(at)
    assert [t.value for t in at.title] == ["Customers & repeat purchase"]
    assert "Upload" in at.info[0].value


def test_the_glossary_defines_the_customer_figures(app_ws):
    from appdriver import goto
    at = goto(open_app(), "glossary")
    at.text_input(key="glossary_search").input("repeat").run()
    assert_clean(at)
    assert "Customers and retention" in [s.value for s in at.subheader]
    labels = " ".join(e.label for e in at.expander)
    assert "Repeat-purchase rate (90 days)" in labels and "Repeat rate by first delivery" in labels
