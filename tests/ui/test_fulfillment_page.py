"""The Fulfillment & delivery page through Streamlit's AppTest: every rate drills down to a table of failing
orders."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from appdriver import goto, open_app


def tile_values(at: AppTest) -> dict:
    return {m.label: m.value for m in at.metric}


def test_fulfillment_page_drills_down_to_failing_orders(app_ws):
    at = goto(open_app({"period": "last quarter"}), "fulfillment")
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["Fulfillment & delivery"]
    tiles = tile_values(at)
    assert {"On-time ship rate", "On-time delivery rate", "In full", "OTIF", "Perfect order rate", "Fulfillment accuracy",
            "Order cycle time (p90)", "Cost per order"} <= set(tiles)
    assert len(at.tabs) == 5
    at.radio(key="ff_dim").set_value("carrier").run()
    at.selectbox(key="ff_rate").set_value("on_time_delivery_rate").run()
    carriers = at.selectbox(key="ff_slice").options
    assert carriers[0] == "All" and len(carriers) > 2
    at.selectbox(key="ff_slice").set_value(carriers[1]).run()
    assert not at.exception
    assert any(f"in carrier {carriers[1]}" in m.value for m in at.markdown)
    assert any(b.label.startswith("Download CSV") for b in at.get("download_button"))
    specs = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert len(specs) >= 4 and all("tooltip" in s for s in specs)
