"""The Data health page through Streamlit's AppTest: gaps listed (named by each channel's order number), a load
removed."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

import appdriver
from appdriver import assert_clean, goto


def open_app(query: dict | None = None) -> AppTest:
    return appdriver.open_app(query, timeout=60)


def test_data_health_lists_gaps_and_removes_a_load(app_ws):
    at = goto(open_app(), "data_health")
    assert_clean(at)
    assert {s.value for s in at.subheader} >= {"What is loaded", "Gaps between entities", "Revenue reconciliation",
                                                 "Load history"}
    assert {"Last order", "Last shipment", "Last file load"} <= {m.label for m in at.metric}
    before = app_ws.version()
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "Remove this file's data").click().run()
    assert_clean(at)
    assert "removed" in at.success[0].value and app_ws.version() == before + 1
    con = app_ws.reader()
    assert con.execute("SELECT count(*) FROM load_log WHERE status = 'removed'").fetchall()[0][0] == 1
    con.close()

def test_data_health_gaps_name_orders_by_the_channels_order_number(app_ws):
    """The gap tables show the order number a person looks up on the channel (Shopify "#1043", Amazon
    "111-…"), never Opsdesk's key ("amazon:111-…"), which only the CSV download keeps."""
    import json
    at = goto(open_app(), "data_health")
    assert_clean(at)
    shown = [d for d in at.dataframe if "source_order_ref" in d.value.columns]
    assert shown, "no gap table with orders on the sample"
    for d in shown:
        config = {k.removeprefix("col:"): v for k, v in json.loads(d.proto.columns or "{}").items()}
        assert config["order_id"].get("hidden") and config["source_order_ref"]["label"] == "Order"
        refs = d.value["source_order_ref"].dropna().astype(str)
        assert len(refs) and not refs.str.match(r"(amazon|shopify|walmart|ebay):").any()
        shopify = d.value[d.value["order_id"].str.startswith("shopify:")]
        assert len(shopify) and shopify["source_order_ref"].str.match(r"#\d+$").all()  # Shopify's order name
