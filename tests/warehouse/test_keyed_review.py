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


ORDER_HEADER = "order_id,channel,ordered_at,line_no,sku,product_name,quantity,unit_price,currency,status,customer_id\n"
SHIP_HEADER = ("shipment_id,order_id,channel,carrier,service,tracking_number,warehouse,label_created_at,first_scan_at,"
               "delivered_at,status\n")


def write(path, text):
    path.write_text(text)
    return path


def test_a_package_beyond_the_calendar_gets_its_promise_when_the_calendar_grows(empty_ws, tmp_path):
    # A history loaded year by year: 2024's orders, then the carrier's shipments file of 2024-2025 (its 2025 packages'
    # orders not loaded yet), then 2025's orders. The calendar ends 370 days after the last order, so the 2025 package
    # has no business-day index until 2025's orders extend it. int_shipments declares dim_calendar grow-only ("no older
    # row joins the new days"), but that package's row does join them: its promise and transit must be computed.
    ws = empty_ws
    load(ws, write(tmp_path / "orders_2024.csv", ORDER_HEADER + "A-1,wholesale,2024-01-10 10:00,1,CUP-1,Cup,1,5.00,USD,"
                   "shipped,C-1\n"))
    load(ws, write(tmp_path / "shipments.csv", SHIP_HEADER
                   + "PKG-A,A-1,wholesale,UPS,Ground,1Z0000000000000011,East,2024-01-10 15:00,2024-01-10 18:00,"
                     "2024-01-15 11:00,delivered\n"
                   + "PKG-B,B-1,wholesale,UPS,Ground,1Z0000000000000012,East,2025-06-02 15:00,2025-06-02 18:00,"
                     "2025-06-06 11:00,delivered\n"))
    assert_equals_full_rebuild(ws, "a shipments file with a package beyond the calendar")
    load(ws, write(tmp_path / "orders_2025.csv", ORDER_HEADER + "B-1,wholesale,2025-06-01 10:00,1,CUP-1,Cup,1,5.00,USD,"
                   "shipped,C-2\n"))
    con = ws.reader()
    got = con.execute("SELECT promised_delivery_date, transit_business_days FROM fct_shipments "
                      "WHERE shipment_id = 'PKG-B'").fetchall()
    con.close()
    assert got[0][0] is not None and got[0][1] is not None, got
    assert_equals_full_rebuild(ws, "the orders that extend the calendar past a loaded package")
