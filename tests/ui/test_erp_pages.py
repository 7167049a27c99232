"""Pages on a workspace whose stock comes from NetSuite's inventory by location (item saved search): Inventory reads
its snapshot per SKU, Data health says the export has no date, Upload lists the format."""
from __future__ import annotations

import datetime as dt

import pytest

import appdriver
from appdriver import assert_clean, goto
from lib.ingest import ingest_files
from tests.ingest import fixtures as F


@pytest.fixture
def netsuite_ws(app_empty_ws, tmp_path):
    """NetSuite stock (dated the day it is loaded, today) and a fortnight of orders of the same SKUs up to today."""
    today = dt.date.today()
    header = ["order_id", "channel", "ordered_at", "sku", "quantity", "unit_price"]
    rows = [{"order_id": f"W-{i}-{sku}", "channel": "web", "ordered_at": f"{today - dt.timedelta(days=i)} 10:00:00",
             "sku": sku, "quantity": "2", "unit_price": "10"} for i in range(14) for sku in ("MUG-1", "PLATE-1")]
    orders = F.write_rows(tmp_path / "orders.csv", header, rows)
    (tmp_path / "ns").mkdir()
    reports = ingest_files(app_empty_ws, [orders, F.netsuite_inventory(tmp_path / "ns")])
    assert all(r.ok for r in reports), [r.message for r in reports]
    return app_empty_ws


def test_inventory_and_data_health_on_netsuite_stock(netsuite_ws):
    # the snapshot is today's: a period ending today (the quick picks end with the last complete week)
    today = dt.date.today()
    query = {"period": "custom", "start": str(today - dt.timedelta(days=13)), "end": str(today), "inventory_tab": "By SKU"}
    at = goto(appdriver.open_app(query, timeout=90), "inventory")
    assert_clean(at)
    by_sku = next(df.value for df in at.dataframe if "on_hand" in df.value.columns and "sku" in df.value.columns)
    on_hand = dict(zip(by_sku["sku"], by_sku["on_hand"]))
    # NetSuite's two locations add up per SKU: 1,250 + 40 of the mug, 12 + a blank (0) of the matrix plate
    assert on_hand == {"MUG-1": 1290.0, "PLATE-1": 12.0}
    at = goto(at, "data_health")
    assert_clean(at)
    limits = next(i.value for i in at.info if "cannot give" in i.value)
    assert "**NetSuite inventory by location (item saved search)**: no date" in limits


def test_upload_page_lists_the_netsuite_format(app_empty_ws):
    at = goto(appdriver.open_app(timeout=60), "upload")
    assert_clean(at)
    assert "**NetSuite inventory by location (item saved search)**" in " ".join(m.value for m in at.markdown)
