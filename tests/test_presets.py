"""lib.ingest.presets: mapping presets are data (JSON files), built-in or the workspace's own; a file is loaded with one
only when it has every heading the preset maps; ChannelAdvisor orders land under their real marketplaces."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from lib.ingest import presets
from lib.ingest import intake
from lib.metrics.names import display

# ChannelAdvisor / Rithum orders, one row per item, headed with the Orders API's field names (docs/channel_formats.md)
CA_HEADER = ("SiteOrderID,SiteName,CreatedDateUtc,Currency,ShippingStatus,ShippingCountry,ShippingStateOrProvince,"
             "Sku,Title,Quantity,UnitPrice,TaxPrice,ShippingPrice,DistributionCenterCode")
CA_ROWS = [
    "112-0000001-1,Amazon Seller Central - US,2026-03-02T10:00:00Z,USD,Shipped,US,NC,TR-1,Trail shoe,2,50.00,8.00,0,RDU",
    "112-0000001-1,Amazon Seller Central - US,2026-03-02T10:00:00Z,USD,Shipped,US,NC,TR-2,Wool sock,1,10.00,0.80,0,RDU",
    "W-90001,Walmart Marketplace,2026-03-03T11:00:00Z,USD,Unshipped,US,TX,TR-1,Trail shoe,1,55.00,4.40,5.00,RDU",
    "17-1234-5678,eBay Fixed Price,2026-03-04T12:00:00Z,USD,Shipped,US,CA,TR-3,Cap,3,12.00,0,3.50,RDU",
    "17-1234-9999,eBay Auctions,2026-03-05T12:00:00Z,USD,Shipped,US,OR,TR-3,Cap,1,9.50,0,3.50,RDU",
    "NE-55,Newegg,2026-03-05T13:00:00Z,USD,Shipped,US,WA,TR-2,Wool sock,4,9.00,0,0,RDU",
]
CA = (CA_HEADER + "\n" + "\n".join(CA_ROWS) + "\n").encode()


def _unknown(ws, tmp_path, data: bytes, name: str):
    result = intake.load_files(ws, [(intake.save_upload(data, name, tmp_path / "up"), name)])[0]
    assert result.needs_mapping, result.report.message
    return result


def test_every_built_in_preset_is_valid_data_and_maps_its_templates_required_columns():
    found = {p.name: p for p in presets.builtin()}
    assert {"channeladvisor_orders", "netsuite_sales_orders", "wms_inventory_snapshot"} <= set(found)
    for p in found.values():
        assert p.builtin and p.label and p.doc and p.source
        assert presets.parse(p.to_json()) == presets.Preset(**{**p.__dict__, "builtin": False})


@pytest.mark.parametrize("change, says", [
    ({"template": "shopify_orders"}, "not an Opsdesk template"),
    ({"columns": {"order_id": "SiteOrderID"}}, "required column(s)"),
    ({"columns": {"order_id": "A", "ordered_at": "B", "sku": "C", "quantity": "D", "unit_price": "E", "nope": "F"}},
     "does not have: nope"),
    ({"name": "Bad Name"}, "lower-case"),
    ({"values": {"channel": {"rules": [{"contains": "Amazon", "value": "amazon"}]}}}, "'equals' or 'starts_with'"),
    ({"script": "import os"}, "unknown key(s)"),
    ({"columns": {"order_id": "A", "ordered_at": "B", "sku": "Item", "product_name": "item", "quantity": "D",
                  "unit_price": "E"}}, "mapped to both sku and product_name"),
])
def test_a_preset_file_that_cannot_be_used_is_refused_saying_why(change, says):
    data = {**json.loads(presets.builtin_preset("channeladvisor_orders").to_json()), **change}
    with pytest.raises(presets.PresetError, match=None) as e:
        presets.parse(json.dumps(data))
    assert says in str(e.value)
    with pytest.raises(presets.PresetError, match="JSON"):
        presets.parse(b"{not json")


def test_site_names_become_the_marketplaces_channels():
    p = presets.builtin_preset("channeladvisor_orders")
    assert presets.rewrite(p, "channel", "Amazon Seller Central - UK") == "amazon"
    assert presets.rewrite(p, "channel", "eBay Auctions") == "ebay"
    assert presets.rewrite(p, "channel", "Walmart Marketplace") == "walmart"
    assert presets.rewrite(p, "channel", "Newegg") == "Newegg"  # a marketplace Opsdesk has no code for: its own name
    assert presets.rewrite(p, "sku", "Amazon-thing") == "Amazon-thing"  # rules only touch the column they name
    strict = presets.parse({**p.as_dict(), "values": {"channel": {**p.values["channel"], "otherwise": "refuse"}}})
    with pytest.raises(presets.PresetError, match="'Newegg' in SiteName matches no rule"):
        presets.rewrite(strict, "channel", "Newegg")


def test_channeladvisor_orders_reconcile_with_pandas_by_marketplace(app_empty_ws, tmp_path):
    result = _unknown(app_empty_ws, tmp_path, CA, "ChannelAdvisor orders.csv")
    loaded = intake.load_with_preset(app_empty_ws, result, presets.by_name(app_empty_ws, "channeladvisor_orders"))
    assert loaded.report.status == "loaded" and loaded.report.rows_loaded == len(CA_ROWS)
    assert loaded.preset_label == "ChannelAdvisor (Rithum) orders, one row per item"

    # independent: the marketplace is the site name's first word, the code the model uses for it
    df = pd.read_csv(io.BytesIO(CA), dtype={"SiteOrderID": str})
    df["channel"] = df["SiteName"].str.split().str[0].str.lower()
    df["sales"] = df["Quantity"] * df["UnitPrice"]
    want = df.groupby("channel").agg(orders=("SiteOrderID", "nunique"), units=("Quantity", "sum"),
                                     sales=("sales", "sum")).sort_index()
    got = app_empty_ws.reader().sql(
        "SELECT channel, count(DISTINCT order_id) AS orders, sum(quantity) AS units, "
        "sum(gross_sales_amount) AS sales FROM fct_order_lines GROUP BY 1 ORDER BY 1").df().set_index("channel")
    assert list(got.index) == ["amazon", "ebay", "newegg", "walmart"]  # never "channeladvisor"
    assert got["orders"].tolist() == want["orders"].tolist() == [1, 2, 1, 1]
    assert got["units"].tolist() == want["units"].tolist() == [3, 4, 4, 1]
    assert got["sales"].round(2).tolist() == want["sales"].round(2).tolist() == [110.0, 45.5, 36.0, 55.0]
    assert [display("channel", c) for c in got.index] == ["Amazon", "eBay", "Newegg", "Walmart"]


def test_a_near_miss_file_is_refused_naming_the_missing_heading_and_nothing_is_loaded(app_empty_ws, tmp_path):
    near = CA.replace(b"SiteName,", b"Site,", 1)  # an export without the marketplace column
    result = _unknown(app_empty_ws, tmp_path, near, "orders.csv")
    p = presets.by_name(app_empty_ws, "channeladvisor_orders")
    assert presets.missing_headings(p, result.header) == ["SiteName"] and not presets.fits(p, result.header)
    with pytest.raises(presets.PresetError, match="has no column 'SiteName'"):
        intake.load_with_preset(app_empty_ws, result, p)
    assert app_empty_ws.reader().execute("SELECT count(*) FROM fct_order_lines").fetchone()[0] == 0
    assert result.path.exists()  # still there: the operator can map it by hand


def test_netsuite_sales_orders_take_the_presets_fixed_channel(app_empty_ws, tmp_path):
    ns = ("Date,Document Number,Name,Status,Item,Quantity,Item Rate,Amount,Currency,Location\n"
          "3/2/2026,SO1001,Acme Retail,Pending Fulfillment,TR-1,2,50.00,100.00,USD,Raleigh DC\n"
          "3/2/2026,SO1001,Acme Retail,Pending Fulfillment,TR-2,1,10.00,10.00,USD,Raleigh DC\n"
          "3/3/2026,SO1002,Beta Stores,Billed,TR-1,5,48.00,240.00,USD,Reno DC\n").encode()
    result = _unknown(app_empty_ws, tmp_path, ns, "SalesOrders.csv")
    loaded = intake.load_with_preset(app_empty_ws, result, presets.by_name(app_empty_ws, "netsuite_sales_orders"))
    assert loaded.report.status == "loaded" and loaded.report.rows_loaded == 3
    got = app_empty_ws.reader().sql("SELECT channel, count(DISTINCT order_id), sum(gross_sales_amount) "
                                    "FROM fct_order_lines GROUP BY 1").fetchall()
    assert got == [("netsuite", 2, 100.0 + 10.0 + 240.0)]
    assert display("channel", "netsuite") == "NetSuite"


def test_a_preset_is_exported_imported_and_used_from_the_workspace(app_empty_ws, tmp_path):
    wms = presets.by_name(app_empty_ws, "wms_inventory_snapshot")
    mine = json.loads(wms.to_json())  # the operator's WMS says "Qty On Hand" and "Bin Zone": edit the file
    mine.update(name="acme_wms", label="Acme WMS stock report")
    mine["columns"].update(on_hand="Qty On Hand", location="Bin Zone")
    with pytest.raises(presets.PresetError, match="built-in preset"):
        presets.import_file(app_empty_ws, wms.to_json().encode())
    saved = presets.import_file(app_empty_ws, json.dumps(mine).encode())
    assert (presets.folder(app_empty_ws) / "acme_wms.json").is_file() and not saved.builtin
    assert presets.by_name(app_empty_ws, "acme_wms") == saved
    assert [p.name for p in presets.saved(app_empty_ws)] == ["acme_wms"]

    stock = ("Snapshot Date,SKU,Bin Zone,Qty On Hand,Available,Allocated,Inbound\n"
             "2026-03-01,TR-1,Reno,40,35,5,10\n2026-03-01,TR-2,Reno,12,12,0,0\n").encode()
    result = _unknown(app_empty_ws, tmp_path, stock, "stock.csv")
    assert not presets.fits(wms, result.header) and presets.fits(saved, result.header)
    loaded = intake.load_with_preset(app_empty_ws, result, saved)
    assert loaded.report.status == "loaded" and loaded.report.rows_loaded == 2
    assert presets.delete(app_empty_ws, "acme_wms") and presets.by_name(app_empty_ws, "acme_wms") is None


def test_a_hand_mapping_becomes_a_preset():
    p = presets.from_mapping("rma_tool", "Our RMA tool", "opsdesk_returns",
                             {"return_id": "Return No", "order_id": "Order Ref", "sku": "Item", "quantity": "Units",
                              "returned_at": "Date Back", "reason": None})
    assert p.columns == {"return_id": "Return No", "order_id": "Order Ref", "sku": "Item", "quantity": "Units",
                         "returned_at": "Date Back"}
    assert presets.fits(p, ["return no", "ORDER REF", "Item", "Units", "Date Back", "Extra"])


def test_the_command_line_loads_files_with_a_preset_and_refuses_a_near_miss(empty_ws, tmp_path, capsys):
    from lib.__main__ import main
    good, near = tmp_path / "ca.csv", tmp_path / "ca_near.csv"
    good.write_bytes(CA)
    near.write_bytes(CA.replace(b"SiteName,", b"Site,", 1))
    ws = ["--workspace", str(empty_ws.root)]
    assert main(["ingest", *ws, "--preset", "channeladvisor_orders", str(near)]) == 1
    assert "has no column 'SiteName'" in capsys.readouterr().err
    assert main(["ingest", *ws, "--preset", "no_such_preset", str(good)]) == 1
    assert "no mapping preset 'no_such_preset'" in capsys.readouterr().err
    exported = tmp_path / "mine.json"  # a preset file given by path works too
    exported.write_text(presets.builtin_preset("channeladvisor_orders").to_json())
    assert main(["ingest", *ws, "--preset", str(exported), str(good)]) == 0
    assert f"{len(CA_ROWS)} row(s) loaded" in capsys.readouterr().out
    assert good.read_bytes() == CA  # the operator's file is left as it was
    got = empty_ws.reader().execute("SELECT count(DISTINCT channel) FROM fct_order_lines").fetchone()[0]
    assert got == 4
