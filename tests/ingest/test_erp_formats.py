"""NetSuite's inventory by location (an item saved search's CSV) through the real ingest path: snapshots by hand,
on-hand and available per location reconciled with an independent pandas reading, detection both ways, a near-miss
refusal, and Data health saying what the export cannot give (a date)."""
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
