"""Every page of the app through Streamlit's AppTest: renders on the sample and on an empty workspace, shows its
key elements, and the shared filters round-trip through the URL's query parameters."""
from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

import appdriver
from appdriver import assert_clean, goto

PAGES = {"overview": "Overview", "upload": "Upload", "data_health": "Data health", "settings": "Settings",
         "explorer": "SQL explorer"}


def open_app(query: dict | None = None) -> AppTest:
    return appdriver.open_app(query, timeout=60)


def test_every_page_renders_on_the_sample(app_ws):
    at = open_app()
    for noun, title in PAGES.items():
        goto(at, noun)
        assert_clean(at)
        assert [t.value for t in at.title] == [title]
        assert len(at.sidebar.multiselect) == 4 and at.sidebar.selectbox[0].label == "Period"
        assert "snapshot v" in " ".join(c.value for c in at.sidebar.caption)


@pytest.mark.parametrize("noun", list(PAGES))
def test_every_page_renders_on_an_empty_workspace(app_empty_ws, noun):
    at = goto(open_app(), noun)
    assert_clean(at)
    assert [t.value for t in at.title] == [PAGES[noun]]
    assert "No data loaded yet" in " ".join(c.value for c in at.sidebar.caption)
    if noun in ("overview", "data_health"):
        assert "Upload" in at.info[0].value


def test_overview_shows_headline_numbers_with_units_and_a_trend(app_ws):
    at = goto(open_app({"period": "all time"}), "overview")
    assert_clean(at)
    metrics = {m.label: m.value for m in at.metric}
    assert set(metrics) == {"Orders", "Units", "Net revenue (USD)", "On-time ship rate"}
    assert int(metrics["Orders"].replace(",", "")) > 100
    assert metrics["Net revenue (USD)"].startswith("$") and metrics["On-time ship rate"].endswith("%")
    chart = at.get("vega_lite_chart")[0]
    assert "tooltip" in chart.proto.spec
    assert not at.dataframe  # the tables behind the chart wait for their expander (a page switch costs less)
    opened = goto(open_app({"period": "all time", "overview_weeks": "true", "overview_currencies": "true"}), "overview")
    assert_clean(opened)  # a link opens them
    weekly = next(d.value for d in opened.dataframe if "net_revenue_amount" in d.value.columns)
    assert len(weekly) >= 13 and len(opened.dataframe) == 2


def test_filters_round_trip_through_query_params(app_ws):
    everything = goto(open_app({"period": "all time"}), "overview")
    all_orders = int(everything.metric[0].value.replace(",", ""))
    query = {"period": "custom", "start": "2026-01-05", "end": "2026-03-01", "channels": "amazon"}
    at = goto(open_app(query), "overview")
    assert_clean(at)
    assert at.session_state["filters"] == query  # the plain dict holds the link's filters
    assert dict(at.query_params) == query  # … and writes them back to the URL
    assert at.sidebar.multiselect(key="filter_channels").value == ["amazon"]
    assert at.sidebar.date_input(key="filter_dates").value == (dt.date(2026, 1, 5), dt.date(2026, 3, 1))
    assert 0 < int(at.metric[0].value.replace(",", "")) < all_orders
    goto(at, "data_health")  # the filters follow the user to another page
    assert dict(at.query_params) == query
    assert " ".join(c.value for c in at.sidebar.code).startswith("/data_health?period=custom&start=2026-01-05")


def test_a_quick_pick_without_dates_follows_the_data(app_ws):
    at = open_app({"period": "all time", "channels": "shopify,nonsense"})
    f = at.session_state["filters"]
    assert f["period"] == "all time" and f["channels"] == "shopify"  # unknown values are dropped
    assert f["start"] < f["end"] and dict(at.query_params) == f


def test_changing_a_filter_updates_the_url(app_ws):
    at = goto(open_app(), "overview")
    assert at.query_params["period"] == "last 4 weeks"
    at.sidebar.multiselect(key="filter_channels").select("amazon").run()
    at.sidebar.selectbox(key="filter_period").set_value("last 12 months").run()
    assert_clean(at)
    assert at.query_params["channels"] == "amazon" and at.query_params["period"] == "last 12 months"
    assert at.session_state["filters"]["channels"] == "amazon"


def test_upload_reports_each_file(app_ws):
    at = goto(open_app(), "upload")
    good = b"name,start_date,end_date,event_type\nSummer sale,2026-06-01,2026-06-14,promotion\n"
    bad = b"\x00\x01binary"
    at.file_uploader[0].set_value([("promotions.csv", good, "text/csv"), ("junk.csv", bad, "text/csv")]).run()
    at.button[0].click().run()
    assert not at.exception
    assert any("1 row(s) loaded" in s.value for s in at.success)
    assert [e.value for e in at.error if "junk.csv" in e.value]  # refused, with the reason
    assert "Rows loaded" in [m.label for m in at.metric]
    assert any(b.label == "XLSX" for b in at.get("download_button"))


def test_an_unknown_csv_is_mapped_once_and_the_profile_reused(app_ws):
    header = b"Return No,Order Ref,Item,Units,Date Back,Why\n"  # shares no column with a known format
    rows = [b"R-1,#1001,APP-001,1,2026-02-01,Too small\n", b"R-2,#1002,APP-002,2,2026-02-03,Changed mind\n"]
    at = goto(open_app(), "upload")
    at.file_uploader[0].set_value([("rma_export.csv", header + rows[0], "text/csv")]).run()
    at.button[0].click().run()
    assert at.selectbox(key="map_0_template")
    at.selectbox(key="map_0_template").set_value("opsdesk_returns").run()
    for col, head in {"return_id": "Return No", "order_id": "Order Ref", "sku": "Item", "quantity": "Units",
                      "returned_at": "Date Back", "reason": "Why"}.items():
        at.selectbox(key=f"map_0_opsdesk_returns_{col}").set_value(head)
    at.run()
    at.button(key="map_0_load").click().run()
    assert not at.exception
    assert any("1 row(s) loaded" in s.value for s in at.success)
    assert app_ws.read_state("mapping_profiles")
    at.file_uploader[0].set_value([("rma_export_2.csv", header + rows[1], "text/csv")]).run()
    at.button[0].click().run()
    assert any("rma_export_2.csv" in s.value and "1 row(s) loaded" in s.value for s in at.success)
    assert any("saved profile" in m.value for m in at.markdown)


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


def test_settings_save_rebuilds_with_the_new_rules(app_ws):
    at = goto(open_app(), "settings")
    assert_clean(at)
    assert len(at.data_editor) == 13
    at.session_state["settings_sla"] = {"edited_rows": {0: {"value": 11}}, "added_rows": [], "deleted_rows": []}
    at.run()
    save = next(b for b in at.button if b.label == "Save settings")
    before = app_ws.version()
    save.click().run()
    assert_clean(at)
    assert app_ws.settings()["sla"]["cutoff_hour"] == 11 and app_ws.version() == before + 1


def test_explorer_runs_saves_and_refuses(app_ws):
    at = goto(open_app(), "explorer")
    assert_clean(at)
    next(b for b in at.button if b.label == "Run").click().run()
    assert_clean(at)
    assert at.subheader[-1].value == "Result" and len(at.dataframe[-1].value) > 0
    at.text_area(key="explorer_sql").set_value("DROP TABLE fct_orders").run()
    next(b for b in at.button if b.label == "Run").click().run()
    assert "only SELECT" in at.error[0].value
    at.text_area(key="explorer_sql").set_value("SELECT count(*) AS n FROM fct_orders").run()
    at.text_input[0].set_value("Order count").run()
    next(b for b in at.button if b.label == "Save").click().run()
    assert app_ws.read_state("saved_queries") == {"Order count": "SELECT count(*) AS n FROM fct_orders"}


def test_with_auth_configured_nothing_renders_before_login(app_ws):
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "id", "client_secret": "secret",
                          "server_metadata_url": "https://accounts.example.com/.well-known/openid-configuration"}
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Opsdesk"] and [b.label for b in at.button] == ["Log in"]
    assert not at.sidebar.multiselect and not at.metric


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
