"""Review of builds by key (session 7): load sequences where a keyed build could diverge from a full rebuild. Each test
loads files into a workspace one at a time and compares every published mart with a full rebuild of the same raw
tables (`tests/warehouse/test_incremental.full_rebuild`)."""
from __future__ import annotations

from lib.ingest import ingest_files

from tests.warehouse.test_keyed import assert_equals_full_rebuild, last_build


def load(ws, path):
    [rep] = ingest_files(ws, [path], loaded_by="test")
    assert rep.ok, rep.message
    return rep


def test_an_all_orders_load_keeps_the_other_orders_that_both_amazon_reports_hold(empty_ws, tmp_path):
    # An order in both the All Orders report and the Date Range report is read from All Orders
    # (stg_amazon_date_range_orders leaves out the orders latest_amazon_orders holds). A later All Orders file naming
    # other orders must not hand that order to the Date Range report: the keyed build narrows latest_amazon_orders
    # to the new file's orders, so the Date Range model sees every other order as missing from All Orders.
    from tests.ingest.fixtures import amazon_all_orders, amazon_date_range
    ws = empty_ws
    load(ws, amazon_date_range(tmp_path, "date_range.csv"))
    both = amazon_all_orders(tmp_path, "all_orders_1.txt")  # 111-0000001-0000001 in both reports
    both.write_text(both.read_text().replace("402-0000001-0000001", "111-0000001-0000001"))
    load(ws, both)
    assert_equals_full_rebuild(ws, "an All Orders file naming an order of the Date Range report")
    load(ws, amazon_all_orders(tmp_path, "all_orders_2.txt"))  # other orders only
    assert "int_order_lines" not in last_build(ws)  # the order lines are rebuilt whole, not by key
    con = ws.reader()
    sources = con.execute("SELECT DISTINCT source FROM fct_orders WHERE order_id = 'amazon:111-0000001-0000001'").fetchall()
    con.close()
    assert sources == [("amazon_orders",)]
    assert_equals_full_rebuild(ws, "a second All Orders file naming other orders")
