"""NetSuite's inventory by location (an item saved search's CSV) and item fulfillments (a transaction saved search's
CSV) through the real ingest path: snapshots and shipments by hand, reconciled with an independent pandas reading,
detection both ways and near-miss refusals."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lib.ingest import ingest_files
from lib.ingest.reader import match_header
from lib.workspace import Workspace
from tests.ingest import fixtures as F


@pytest.fixture(scope="module")
def netsuite(tmp_path_factory):
    d = tmp_path_factory.mktemp("netsuite")
    path = F.netsuite_inventory(d)
    ws = Workspace.open(d / "ws")
    return ws, ingest_files(ws, [path])[0], path


def test_netsuite_inventory_by_hand(netsuite):
    ws, r, _ = netsuite
    assert r.status == "loaded" and r.format == "netsuite_inventory" and r.rows_loaded == 4, r.message
    assert r.rows_quarantined == 0, r.errors
    loaded = F.query(ws, "SELECT loaded_at::DATE FROM load_log")[0][0]
    # the matrix item's SKU is the child's part; a blank on-hand is 0; the day is the load's
    assert F.query(ws, "SELECT day, sku, location, on_hand, available, reserved, inbound, is_stockout "
                       "FROM fct_inventory_daily ORDER BY sku, location") == [
        (loaded, "MUG-1", "East DC", 1250.0, 1200.0, 50.0, 300.0, False),
        (loaded, "MUG-1", "West DC", 40.0, 40.0, 0.0, 0.0, False),
        (loaded, "PLATE-1", "East DC", 12.0, 0.0, 12.0, 100.0, True),
        (loaded, "PLATE-1", "West DC", 0.0, 0.0, 0.0, 24.0, True)]


def test_netsuite_inventory_reconciles_with_pandas(netsuite):
    ws, _, path = netsuite
    df = pd.read_csv(path, dtype=str)
    num = {c: pd.to_numeric(df[c].str.replace(",", "", regex=False), errors="coerce").fillna(0.0)
           for c in ("Location On Hand", "Location Available", "Location On Order")}
    want = pd.DataFrame({"location": df["Inventory Location"], **num}).groupby("location").sum()
    got = {loc: (oh, av, inb) for loc, oh, av, inb in F.query(
        ws, "SELECT location, sum(on_hand), sum(available), sum(inbound) FROM fct_inventory_daily GROUP BY 1")}
    assert got == {loc: (r["Location On Hand"], r["Location Available"], r["Location On Order"])
                   for loc, r in want.iterrows()}
    skus = set(df["Name"].str.split(":").str[-1].str.strip())
    assert {s for (s,) in F.query(ws, "SELECT DISTINCT sku FROM fct_inventory_daily")} == skus


def test_a_later_netsuite_load_is_a_new_snapshot_and_the_template_still_counts(tmp_path):
    ws = Workspace.open(tmp_path / "ws")
    tmpl = F.write_rows(tmp_path / "inv.csv", ["snapshot_date", "sku", "location", "on_hand"],
                        [{"snapshot_date": "2026-01-05", "sku": "CUP-1", "location": "East DC", "on_hand": "7"}])
    (tmp_path / "ns").mkdir()
    assert all(r.ok for r in ingest_files(ws, [tmpl, F.netsuite_inventory(tmp_path / "ns")]))
    rows = F.query(ws, "SELECT sku, min(day), max(day), max(on_hand) FROM fct_inventory_daily GROUP BY sku ORDER BY sku")
    loaded = F.query(ws, "SELECT max(loaded_at)::DATE FROM load_log")[0][0]
    assert rows[0] == ("CUP-1", dt.date(2026, 1, 5), loaded, 7.0)  # the template's snapshot holds until the last day
    assert [r[0] for r in rows] == ["CUP-1", "MUG-1", "PLATE-1"]


def test_netsuite_inventory_is_detected_and_takes_no_other_file():
    m = match_header(F.NETSUITE_INVENTORY)
    assert m.complete and m.spec.name == "netsuite_inventory"
    # a NetSuite search with only the essentials is still it
    m = match_header(["Name", "Inventory Location", "Location On Hand"])
    assert m.complete and m.spec.name == "netsuite_inventory"
    for header in (F.SHOPIFY_79, F.AMAZON_ALL_ORDERS, F.WALMART, F.EBAY_US, F.SHIPSTATION, F.BIGCOMMERCE, F.MAGENTO,
                   F.TIKTOK_US, F.WOO_AOE, F.ETSY_ITEMS):
        m = match_header(list(header))
        assert m is None or m.spec.name != "netsuite_inventory" or not m.complete


def test_a_netsuite_search_without_location_quantities_is_refused(tmp_path):
    """An item search without Location On Hand (e.g. the subsidiary-wide On Hand): not per location, not guessed."""
    ws = Workspace.open(tmp_path / "ws")
    header = ["Internal ID", "Name", "Display Name", "Inventory Location", "On Hand", "Available"]
    path = F.write_rows(tmp_path / "items.csv", header, [dict(zip(header, ["1", "MUG-1", "Mug", "East DC", "5", "5"]))])
    r = ingest_files(ws, [path])[0]
    assert r.status == "refused" and r.format is None
    assert "Closest known format: NetSuite inventory by location (item saved search)" in r.message
    assert "Location On Hand" in r.message


# ------------------------------------------------------------------------------------------ item fulfillments


@pytest.fixture(scope="module")
def fulfillments(tmp_path_factory):
    d = tmp_path_factory.mktemp("netsuite_if")
    ws = Workspace.open(d / "ws")
    header = ["order_id", "channel", "ordered_at", "sku", "quantity", "unit_price"]
    orders = F.write_rows(d / "orders.csv", header, [
        {"order_id": o, "channel": "web", "ordered_at": "2026-03-01 09:00:00", "sku": "MUG-1", "quantity": "2",
         "unit_price": "10"} for o in ("SO1001", "SO1002", "SO1003")])
    path = F.netsuite_fulfillments(d)
    reports = ingest_files(ws, [orders, path])
    return ws, reports[1], path


def test_netsuite_fulfillments_by_hand(fulfillments):
    ws, r, _ = fulfillments
    assert r.status == "loaded" and r.format == "netsuite_fulfillments" and r.rows_loaded == 5, r.message
    assert r.rows_quarantined == 0, r.errors
    # one package per shipped fulfillment, its first tracking number; Ship Via's carrier behind "FedEx/USPS/More";
    # the packed one is not shipped; the sales order no loaded order has is not matched
    assert F.query(ws, "SELECT shipment_id, order_id, has_order, carrier, service, tracking_number, warehouse, "
                       "shipped_at FROM fct_shipments ORDER BY 1") == [
        ("netsuite:IF1001", "web:SO1001", True, "UPS", "UPS Ground", "1Z999AA10123456784", "East DC",
         dt.datetime(2026, 3, 2)),
        ("netsuite:IF1002", "web:SO1002", True, "FedEx", "FedEx Ground", "794600000001", "West DC",
         dt.datetime(2026, 3, 4)),
        ("netsuite:IF1004", "unknown:SO9999", False, "UPS", "UPS 2nd Day Air", "1Z999AA10123456799", "East DC",
         dt.datetime(2026, 3, 5))]
    assert F.query(ws, "SELECT order_id, is_shipped FROM fct_orders ORDER BY 1") == [
        ("web:SO1001", True), ("web:SO1002", True), ("web:SO1003", False)]


def test_netsuite_fulfillments_reconcile_with_pandas(fulfillments):
    ws, _, path = fulfillments
    df = pd.read_csv(path, dtype=str)
    shipped = df[df["Status"].str.lower() == "shipped"]
    want = shipped.groupby("Location")["Document Number"].nunique().to_dict()
    assert dict(F.query(ws, "SELECT warehouse, count(*) FROM fct_shipments GROUP BY 1")) == want
    refs = set(shipped["Created From"].str.extract(r"#\s*(\S+)$")[0])
    got = {o.split(":", 1)[1] for (o,) in F.query(ws, "SELECT order_id FROM fct_shipments")}
    assert got == refs


def test_netsuite_fulfillments_are_detected_and_near_misses_refused(tmp_path):
    m = match_header(F.NETSUITE_FULFILLMENTS)
    assert m.complete and m.spec.name == "netsuite_fulfillments"
    # a fulfillment search without tracking numbers: no packages to read
    ws = Workspace.open(tmp_path / "ws")
    header = [h for h in F.NETSUITE_FULFILLMENTS if h != "Tracking Numbers"]
    path = F.write_rows(tmp_path / "if.csv", header, [dict(zip(header, ["3/2/2026", "IF1", "Sales Order #1"]))])
    r = ingest_files(ws, [path])[0]
    assert r.status == "refused" and "NetSuite item fulfillments (transaction saved search)" in r.message
    assert "Tracking Numbers" in r.message
