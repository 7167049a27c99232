"""The Incidents page through Streamlit's AppTest: on the sample's peak, the incident days (with links that open the
orders affected, or the all-clear); a carrier's exposure (tiles, chart with tooltips, the list for customer service); a warehouse's
backlog; an empty workspace."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from appdriver import assert_clean, open_app

PEAK = {"period": "custom", "start": "2025-11-20", "end": "2025-12-10"}


def test_peak_incidents_and_a_carriers_exposure(app_ws):
    at = open_app(PEAK, page="incidents")
    assert_clean(at)
    assert [t.value for t in at.title] == ["Incidents"]
    assert [s.value for s in at.subheader] == ["Incident days", "Orders affected"]
    if at.success:  # the small test sample ships a few parcels a day: too few for a measured jump
        assert "No carrier's late rate and no warehouse's backlog jumped" in at.success[0].value
    else:
        days = at.dataframe[0].value
        assert len(days) >= 1 and set(days["kind"]) <= {"Carrier", "Warehouse"}
        link = parse_qs(urlparse(days["open"].iloc[0]).query)
        assert link["period"] == ["custom"] and link["incidents_kind"][0] in ("Carrier", "Warehouse")
    tiles = {m.label: m.value for m in at.metric}
    assert {"Orders in scope", "In transit", "Promises at risk", "Customers to notify", "Revenue exposed"} <= set(tiles)
    assert tiles["Revenue exposed"].startswith("$")
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1 and "tooltip" in charts[0].proto.spec and "delivered late" in charts[0].proto.spec
    downloads = [b.label for b in at.get("download_button")]
    assert len(downloads) + len(at.success) == 2 and all(d.startswith("Download CSV") for d in downloads)


def test_a_warehouse_backlog(app_ws):
    at = open_app(PEAK, page="incidents")
    at.get("button_group")[0].set_value("Warehouse").run()
    assert_clean(at)
    box = at.selectbox(key="incidents_warehouse")
    assert box.value and "Unassigned" not in box.options
    assert "orders waiting" in at.get("vega_lite_chart")[0].proto.spec
    at.get("button_group")[0].set_value("Ship-to region").run()
    assert_clean(at)
    assert not at.get("vega_lite_chart") and at.selectbox(key="incidents_region").value


def test_renders_on_an_empty_workspace(app_empty_ws):
    at = open_app(page="incidents")
    assert_clean(at)
    assert [t.value for t in at.title] == ["Incidents"]
    assert "Upload" in at.info[0].value
