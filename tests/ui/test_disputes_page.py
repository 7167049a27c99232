"""The Disputes page through Streamlit's AppTest: renders on the sample (tiles with units, five tabs, charts with
tooltips and display names, downloadable tables), says to widen on a short period, and says what to load on an empty
workspace."""
from __future__ import annotations

import pyarrow as pa

from appdriver import assert_clean, open_app


def _data(chart):
    return pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()


def test_renders_on_the_sample_with_its_key_elements(app_ws):
    at = open_app({"period": "all time"}, page="disputes")
    assert_clean(at)
    assert [t.value for t in at.title] == ["Disputes & fraud risk"]
    tiles = {m.label: m.value for m in at.metric}
    assert set(tiles) == {"Dispute rate", "Dispute loss", "Dispute win rate", "High-risk orders shipped"}
    assert tiles["Dispute rate"].endswith("%") and tiles["Dispute loss"].startswith("$")
    assert int(tiles["High-risk orders shipped"].replace(",", "")) >= 1
    assert [t.label for t in at.tabs] == ["By reason", "By channel", "By payment method", "Risk levels", "Disputes"]
    charts = at.get("vega_lite_chart")
    assert len(charts) == 4 and all("tooltip" in c.proto.spec for c in charts)
    assert "Fraudulent" in set(_data(charts[0])["slice"])  # display names, not codes
    assert list(_data(charts[3])["level"])[0] == "High"
    downloads = [b.label for b in at.get("download_button")]
    assert len(downloads) == 5 and all(d.startswith("Download CSV") for d in downloads)
    text = " ".join(str(x.value) for x in at.markdown) + " ".join(c.value for c in at.caption)
    assert "None" not in text and "high-risk orders were shipped" in text


def test_a_short_period_says_to_widen(app_ws):
    at = open_app({"period": "last 4 weeks"}, page="disputes")
    assert_clean(at)
    assert any("Widen to 12 months" in i.value for i in at.info)


def test_renders_on_an_empty_workspace(app_empty_ws):
    at = open_app(page="disputes")
    assert_clean(at)
    assert [t.value for t in at.title] == ["Disputes & fraud risk"]
    assert "Upload" in at.info[0].value
