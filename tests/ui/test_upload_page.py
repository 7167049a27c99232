"""Upload page: a file in no known format is loaded with a mapping preset chosen in the flow; a file missing a
heading the preset maps cannot be loaded with it; presets are listed, downloadable and importable."""
from __future__ import annotations

import json

from appdriver import assert_no_exception, goto, open_app, page_text

from lib.ingest import presets
from test_presets import CA, CA_ROWS


def _upload(at, name: str, data: bytes):
    at.file_uploader[0].set_value([(name, data, "text/csv")]).run()
    at.button[0].click().run()
    return at


def test_a_channeladvisor_file_is_loaded_with_the_preset_chosen_in_the_upload_flow(app_ws):
    at = _upload(goto(open_app(), "upload"), "ca_orders.csv", CA)
    assert_no_exception(at)
    picker = at.selectbox(key="map_0_preset")
    assert picker.value == "" and picker.options[0] == "No preset: map the columns by hand"
    assert picker.options[1] == "ChannelAdvisor (Rithum) orders, one row per item (Opsdesk, fits this file)"
    assert "NetSuite sales orders saved search, one row per item (Opsdesk)" in page_text(at)
    before = app_ws.reader().execute("SELECT count(*) FROM fct_order_lines WHERE channel = 'walmart'").fetchone()[0]
    picker.set_value("channeladvisor_orders").run()
    assert_no_exception(at)
    assert not [e for e in at.error if "does not fit" in e.value]
    assert "Rows go to the **Opsdesk orders template**." in [m.value for m in at.markdown]
    [table] = [d.value for d in at.dataframe if "Opsdesk column" in d.value.columns]  # the preset's mapping
    assert table["Opsdesk column"].tolist()[:3] == ["Order ID", "Channel", "Ordered at"]  # display names, not codes
    assert table["Column in the file"].tolist()[:3] == ["SiteOrderID", "SiteName", "CreatedDateUtc"]
    assert set(table["In this file"]) == {"yes"}
    at.button(key="map_0_preset_load").click().run()
    assert_no_exception(at)
    assert any(f"{len(CA_ROWS)} row(s) loaded" in s.value for s in at.success)
    assert any("mapped with the preset “ChannelAdvisor (Rithum) orders, one row per item”" in m.value
               for m in at.markdown)
    con = app_ws.reader()
    assert con.execute("SELECT count(*) FROM fct_order_lines WHERE channel = 'walmart'").fetchone()[0] == before + 1
    assert con.execute("SELECT count(*) FROM fct_order_lines WHERE channel = 'channeladvisor'").fetchone()[0] == 0


def test_a_near_miss_file_cannot_be_loaded_with_the_preset(app_ws):
    at = _upload(goto(open_app(), "upload"), "orders.csv", CA.replace(b"SiteName,", b"Site,", 1))
    at.selectbox(key="map_0_preset").set_value("channeladvisor_orders").run()
    assert_no_exception(at)
    assert any("it has no column “SiteName”" in e.value for e in at.error)
    assert at.button(key="map_0_preset_load").disabled


def test_presets_are_listed_downloadable_and_a_hand_mapping_is_saved_as_one(app_ws):
    at = goto(open_app(), "upload")
    assert "Mapping presets" in [s.value for s in at.subheader]
    assert {f"preset_json_{p.name}" for p in presets.builtin()} <= {b.key for b in at.get("download_button")}
    header = b"Return No,Order Ref,Item,Units,Date Back\n"
    at = _upload(at, "rma.csv", header + b"R-1,#1001,APP-001,1,2026-02-01\n")
    at.selectbox(key="map_0_template").set_value("opsdesk_returns").run()
    for col, head in {"return_id": "Return No", "order_id": "Order Ref", "sku": "Item", "quantity": "Units",
                      "returned_at": "Date Back"}.items():
        at.selectbox(key=f"map_0_opsdesk_returns_{col}").set_value(head)
    at.text_input(key="map_0_save_as").set_value("Our RMA tool")
    at.run()
    at.button(key="map_0_load").click().run()
    assert_no_exception(at)
    saved = presets.by_name(app_ws, "our_rma_tool")
    assert saved.label == "Our RMA tool" and saved.columns["order_id"] == "Order Ref"
    assert json.loads((presets.folder(app_ws) / "our_rma_tool.json").read_text())["template"] == "opsdesk_returns"
    at.run()
    assert "preset_delete_our_rma_tool" in {b.key for b in at.button}


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
