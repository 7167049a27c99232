"""Every supported export: detected by its header (file names are misleading on purpose), parsed values checked
by hand in the raw tables and the marts, and one test per quirk listed in FORMATS.md."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest

from tests.ingest import fixtures as F
from lib.ingest import detect, ingest_files
from lib.ingest.formats import BY_NAME, TEMPLATES
from lib.workspace import Workspace

FORMATS_MD = F.REPO.parent / "shared" / "FORMATS.md"


# ------------------------------------------------------------------------------------------ workspaces


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return F.build_all(tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def loaded(built, tmp_path_factory):
    """One workspace holding every fixture, loaded through the real ingest path."""
    ws = Workspace.open(tmp_path_factory.mktemp("ws") / "ws")
    keys = list(built)
    reports = ingest_files(ws, [built[k][0] for k in keys])
    return ws, dict(zip(keys, reports))


def _crlf(path: Path) -> Path:
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return path


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    """The same exports in other encodings / line ends / shapes, each in the only workspace that holds it."""
    d = tmp_path_factory.mktemp("variants")
    files = {
        "amazon_cp1252": F.amazon_all_orders(d, "report.csv", encoding="cp1252", extra_columns=True),
        "shopify_utf16": F.shopify_orders_75_za(d, "export.txt", encoding="utf-16"),
        "shopify_bom_crlf": _crlf(F.shopify_orders_gb(d, "export (2).csv", encoding="utf-8-sig")),
        "tmpl_orders_utf16": F.tmpl_orders(d, "template.csv", encoding="utf-16"),
        "ebay_padded_trailer": F.ebay_us(d, "download.csv", trailer_style="padded"),
        "shipstation_subset": F.write_rows(d / "ss.csv", ["Tracking Number", "Order - Number", "Date - Shipped Date",
                                                          "Amount - Shipping Cost", "Carrier - Service Requested"],
                                           [{"Order - Number": "#1101", "Date - Shipped Date": "05/14/2021 09:30",
                                             "Amount - Shipping Cost": "$85.00", "Tracking Number": "ZA0000000001",
                                             "Carrier - Service Requested": "UPS Ground"}]),
        "csat_ambiguous": F.write_rows(d / "survey.csv", ["response_id", "responded_at", "score"],
                                       [{"response_id": "A-1", "responded_at": "03/04/2026 10:00", "score": "4"},
                                        {"response_id": "A-2", "responded_at": "05/06/2026 11:00", "score": "3"}]),
    }
    ws = Workspace.open(d / "ws")
    keys = list(files)
    reports = ingest_files(ws, [files[k] for k in keys])
    return ws, dict(zip(keys, reports)), files


def fct_order(ws, order_id: str) -> dict:
    rows = F.query_dicts(ws, "SELECT * FROM fct_orders WHERE order_id = $o", {"o": order_id})
    assert len(rows) == 1, f"{order_id}: {len(rows)} rows in fct_orders"
    return rows[0]


def check_expected(ws, expected: dict) -> None:
    for order_id, want in expected.items():
        got = fct_order(ws, order_id)
        for k, v in want.items():
            if k == "warehouse_hint":
                assert got["warehouse"] == v, (order_id, k)
            elif isinstance(v, float):
                assert got[k] == pytest.approx(v), (order_id, k, got[k], v)
            else:
                assert got[k] == v, (order_id, k, got[k], v)


# ------------------------------------------------------------------------------------------ headers and detection


@pytest.mark.shared
def test_fixture_headers_are_verbatim_from_formats_md():
    if not FORMATS_MD.exists():
        pytest.skip("../shared/FORMATS.md is absent")
    text = FORMATS_MD.read_text(encoding="utf-8")
    for name, (header, delim) in F.HEADERS_IN_FORMATS_MD.items():
        assert delim.join(header) in text, f"{name} is not written verbatim in FORMATS.md"
    assert len(F.SHOPIFY_79) == 79 and len(F.SHOPIFY_75) == 75 and F.SHOPIFY_75[-1] == "Shipping Province Name"
    assert len(F.AMAZON_ALL_ORDERS) == 32 and len(F.AMAZON_SETTLEMENT_V2) == 24
    assert len(F.AMAZON_FULFILLED_SHIPMENTS) == 48 and len(F.WALMART) == 37 and len(F.EBAY_US) == 51
    for col in ("Order - Number", "Market - Markeplace Name", "Amount - Shipping Cost", "Tracking Number"):
        assert f"`{col}`" in text


def test_every_format_has_a_fixture():
    assert set(TEMPLATES) <= {BY_NAME[n] for n in F.TEMPLATE_BUILDERS}
    platform = {fmt for _, fmt in F.PLATFORM_BUILDERS.values()}
    assert platform | set(F.TEMPLATE_BUILDERS) == set(BY_NAME)


@pytest.mark.parametrize("key", list(F.PLATFORM_BUILDERS) + list(F.TEMPLATE_BUILDERS))
def test_detected_by_header_not_by_name(built, key):
    path, fmt = built[key]
    sn = detect(path)
    assert sn.match is not None and sn.match.complete, key
    assert sn.match.spec.name == fmt, f"{key} ({path.name}) detected as {sn.match.spec.name}"
    # the name points elsewhere on purpose (e.g. a Shopify export called amazon_all_orders.csv)
    assert BY_NAME[fmt].source not in path.name.lower() or BY_NAME[fmt].is_template


def test_every_fixture_loads_without_quarantine(loaded, built):
    ws, reports = loaded
    for key, r in reports.items():
        assert r.status == "loaded", (key, r.message)
        assert r.format == built[key][1], key
        assert r.rows_quarantined == 0 and not r.errors, (key, r.errors)
    counts = dict(F.query(ws, "SELECT format, sum(rows_loaded) FROM load_log GROUP BY format"))
    assert counts["shopify_orders"] == 4 + 4 + 2
    assert counts["amazon_settlement"] == 8 + 4  # summary rows are loaded too (they carry the currency)
    assert counts["ebay_orders"] == 5 + 1  # trailer and blank rows are not data
    assert counts["walmart_orders"] == 3 + 3


# ------------------------------------------------------------------------------------------ Shopify


def test_shopify_order_values(loaded):
    ws, _ = loaded
    check_expected(ws, F.EXPECTED_SHOPIFY_79)
    check_expected(ws, F.EXPECTED_SHOPIFY_75)
    check_expected(ws, F.EXPECTED_SHOPIFY_GB)


def test_shopify_continuation_rows_inherit_order_fields_and_total_is_not_summed(loaded):
    ws, _ = loaded
    rows = F.query(ws, "SELECT line_no, sku, quantity, unit_price_amount, currency FROM fct_order_lines "
                       "WHERE order_id = 'shopify:5500000001' ORDER BY line_no")
    assert rows == [(1, "KURTI-RED-M", 2.0, 500.0, "BDT"), (2, "SCARF-1", 1.0, 400.0, "BDT")]
    raw = _raw(ws, "SELECT _line, id, currency, financial_status, total FROM raw_shopify_orders "
                   "WHERE name = '#1001' ORDER BY _line")
    # the continuation row gets the order's Id/currency/status by forward fill, but not its Total
    assert raw == [(1, "5500000001", "BDT", "paid", D("1500.0000")), (2, "5500000001", "BDT", "paid", None)]
    assert fct_order(ws, "shopify:5500000001")["order_total_amount"] == D("1500.00")


def _raw(ws, sql, params=None):
    import duckdb
    db = duckdb.connect(str(ws.db_path), read_only=True)
    try:
        return db.execute(sql, params or {}).fetchall()
    finally:
        db.close()


def test_shopify_multiline_notes_do_not_split_rows(loaded):
    ws, reports = loaded
    assert reports["shopify_79"].rows_read == 4  # 4 records although Notes/Note Attributes span 2 lines each
    rows = _raw(ws, "SELECT name, _row, lineitem_sku FROM raw_shopify_orders WHERE currency = 'BDT' OR name = '#1001' "
                    "ORDER BY _row")
    # row numbers are CSV record numbers, header = row 1
    assert rows == [("#1001", 2, "KURTI-RED-M"), ("#1001", 3, "SCARF-1"), ("#glow3424", 4, "GLOW-SERUM"),
                    ("2518787", 5, "NIGHT-CREAM")]


def test_shopify_apostrophe_zips_and_quoted_empties(loaded):
    ws, _ = loaded
    rows = _raw(ws, "SELECT shipping_zip, discount_code, lineitem_compare_at_price, cancelled_at FROM raw_shopify_orders "
                    "WHERE name = '#1101' AND _line = 1")
    assert rows == [("4001", None, None, None)]  # '4001 -> 4001, "" -> NULL
    assert _raw(ws, "SELECT lineitem_compare_at_price FROM raw_shopify_orders WHERE lineitem_sku = 'BUNDLE-ITEM'") == [
        (D("199.0000"),)]


def test_shopify_offsets_keep_store_wall_clock(loaded):
    ws, _ = loaded
    got = dict(F.query(ws, "SELECT order_id, ordered_at FROM fct_orders WHERE channel = 'shopify'"))
    assert got["shopify:5500000001"] == dt.datetime(2026, 4, 5, 21, 6, 21)  # +0400
    assert got["shopify:5500000003"] == dt.datetime(2026, 4, 7, 8, 15, 0)  # +0500
    assert got["shopify:6600000001"] == dt.datetime(2025, 8, 10, 12, 0, 0)  # +0100 (BST)
    assert got["shopify:6600000002"] == dt.datetime(2025, 12, 7, 19, 8, 24)  # +0000
    assert got["shopify:3900000001"] == dt.datetime(2021, 5, 13, 11, 1, 12)  # +0200 (2021 layout)


def test_shopify_75_and_79_layouts_and_appended_columns(loaded, built):
    ws, reports = loaded
    assert len(detect(built["shopify_75_za"][0]).header) == 75
    assert len(detect(built["shopify_gb"][0]).header) == 80  # 79 + an unknown future column, ignored
    assert reports["shopify_75_za"].status == reports["shopify_gb"].status == "loaded"
    assert {r[0] for r in F.query(ws, "SELECT currency FROM fct_orders WHERE channel = 'shopify'")} == {"BDT", "ZAR", "GBP"}


def test_shopify_source_totals_reconcile_per_currency(loaded):
    ws, _ = loaded
    rows = {r[1]: r for r in F.query(ws, "SELECT source, currency, source_orders, source_total_amount, mart_orders, "
                                         "gap_amount FROM rpt_source_totals WHERE source = 'shopify_orders'")}
    assert rows["BDT"][2:] == (3, pytest.approx(2550.50), 3, 0)
    assert rows["ZAR"][2:] == (2, pytest.approx(1749.00), 2, 0)
    assert rows["GBP"][2:] == (2, pytest.approx(49.98), 2, pytest.approx(0))


# ------------------------------------------------------------------------------------------ Amazon


def test_amazon_all_orders_values(loaded):
    ws, _ = loaded
    check_expected(ws, F.EXPECTED_AMAZON_ORDERS)


def test_amazon_item_price_is_the_line_total_and_discounts_are_negative(loaded):
    ws, _ = loaded
    rows = F.query(ws, "SELECT sku, quantity, unit_price_amount, gross_sales_amount, discount_amount, net_sales_amount "
                       "FROM fct_order_lines WHERE order_id = 'amazon:402-0000001-0000001' ORDER BY line_no")
    assert rows == [("MUG-01", 2.0, 15.0, 30.0, 6.5, 23.5), ("SPOON-01", 1.0, 10.0, 10.0, 0.0, 10.0)]
    assert _raw(ws, "SELECT item_promotion_discount FROM raw_amazon_orders WHERE sku = 'MUG-01'") == [(D("-6.5000"),)]


def test_amazon_cancelled_order(loaded):
    ws, _ = loaded
    o = fct_order(ws, "amazon:402-0000002-0000002")
    assert o["is_cancelled"] and o["financial_status"] == "Cancelled" and o["units"] == 0


def test_amazon_archived_variant_without_address_columns(loaded):
    ws, reports = loaded
    assert reports["amazon_archived_orders"].format == "amazon_orders"
    o = fct_order(ws, "amazon:402-0000009-0000009")
    assert o["ship_to_region"] is None and o["ship_to_country"] == "IT"
    assert o["order_total_amount"] == D("40.00") and o["ordered_at"] == dt.datetime(2016, 11, 25, 10, 0)


def test_amazon_fba_returns_iso_and_day_first_dates(loaded):
    ws, _ = loaded
    got = {r[0]: r[1:] for r in F.query(
        ws, "SELECT sku, returned_at, quantity, disposition, reason_group, order_id, has_order FROM fct_returns "
            "WHERE source = 'amazon_fba_returns'")}
    assert got["MUG-01"] == (dt.datetime(2017, 6, 25, 15, 31, 40), 1.0, "restock", "Changed mind",
                             "amazon:402-0000001-0000001", True)
    assert got["CASE-01"][0] == dt.datetime(2025, 6, 5)  # 05-06-2025 is 5 June (DD-MM-YYYY)
    assert got["CASE-02"][:2] == (dt.datetime(2025, 6, 7), 2.0)
    assert got["CASE-02"][3] == "Damaged in transit"
    assert fct_order(ws, "amazon:402-0000001-0000001")["returned_units"] == 1


def test_amazon_mfn_returns_title_case(loaded):
    ws, _ = loaded
    rows = F.query_dicts(ws, "SELECT * FROM fct_returns WHERE source = 'amazon_mfn_returns'")
    assert len(rows) == 1
    r = rows[0]
    assert (r["return_id"], r["order_id"], r["has_order"], r["sku"], r["quantity"]) == (
        "mfn:DqRMA0001:BOWL-01", "amazon:402-0000003-0000003", True, "BOWL-01", 1.0)
    assert (r["requested_at"], r["returned_at"]) == (dt.datetime(2017, 6, 25), dt.datetime(2017, 6, 29))
    assert (r["refund_amount"], r["return_label_cost_amount"], r["outcome"]) == (25.0, 6.5, "standardrefund")
    assert r["reason_group"] == "Defective or quality"


def test_amazon_fulfilled_shipments_promise_and_carrier(loaded):
    ws, _ = loaded
    rows = F.query_dicts(ws, "SELECT * FROM fct_shipments WHERE source = 'amazon_shipments'")
    assert len(rows) == 1  # two shipment items, one package
    s = rows[0]
    assert (s["shipment_id"], s["order_id"], s["has_order"], s["carrier"], s["tracking_number"]) == (
        "amazon:DxShp0001", "amazon:402-0000001-0000001", True, "AMZN_IT", "IT0000000001")
    assert s["shipped_at"] == dt.datetime(2017, 6, 18, 9, 0) and s["promised_delivery_date"] == dt.date(2017, 6, 21)
    assert s["promise_source"] == "shipment" and s["shipping_charged_amount"] == 5.0
    o = fct_order(ws, "amazon:402-0000001-0000001")
    assert o["shipments"] == 1 and o["first_shipped_at"] == dt.datetime(2017, 6, 18, 9, 0)
    assert o["promised_delivery_date"] == dt.date(2017, 6, 21)


def test_amazon_settlement_fee_pivot(loaded):
    ws, _ = loaded
    pivot = dict(F.query(ws, "SELECT fee_group, sum(amount) FROM fct_marketplace_fees WHERE settlement_id = '11111111111' "
                             "GROUP BY fee_group"))
    assert pivot.keys() == F.EXPECTED_SETTLEMENT_US.keys()
    for k, v in F.EXPECTED_SETTLEMENT_US.items():
        assert pivot[k] == pytest.approx(v), k
    rows = F.query(ws, "SELECT count(*), count(DISTINCT posted_at), any_value(posted_at), any_value(currency), "
                       "any_value(order_id), sum(amount) FROM fct_marketplace_fees WHERE settlement_id = '11111111111'")
    # 7 amounts (the summary row is not a fee), all posted 2025-06-09 05:23:19, currency from the summary row
    assert rows == [(7, 1, dt.datetime(2025, 6, 9, 5, 23, 19), "USD", "amazon:1211397397571528200", pytest.approx(12.43))]


def test_amazon_settlement_summary_row_and_posted_date_formats(loaded):
    ws, _ = loaded
    summary = _raw(ws, "SELECT settlement_id, total_amount, currency, settlement_start_date, deposit_date "
                       "FROM raw_amazon_settlement WHERE amount_type IS NULL ORDER BY 1")
    assert summary == [("11111111111", D("12.43"), "USD", dt.datetime(2025, 6, 1), dt.datetime(2025, 6, 17)),
                       ("22222222222", D("77.25"), "EUR", dt.datetime(2025, 6, 1), dt.datetime(2025, 6, 17))]
    # 09/06/25 is DD/MM/YY (matches posted-date-time 2025-06-09); 09.06.2025 is the EU dotted form
    posted = _raw(ws, "SELECT DISTINCT settlement_id, posted_date FROM raw_amazon_settlement WHERE amount_type IS NOT NULL "
                      "ORDER BY 1")
    assert posted == [("11111111111", dt.date(2025, 6, 9)), ("22222222222", dt.date(2025, 6, 9))]


def test_amazon_settlement_comma_decimals(loaded):
    ws, _ = loaded
    got = dict(F.query(ws, "SELECT amount_description, amount FROM fct_marketplace_fees WHERE settlement_id = '22222222222'"))
    assert got == {"Principal": 95.0, "Commission": -14.25, "FBAPerUnitFulfillmentFee": -3.5}
    assert {r[0] for r in F.query(ws, "SELECT currency FROM fct_marketplace_fees WHERE settlement_id = '22222222222'")} == {"EUR"}
    posted = F.query(ws, "SELECT DISTINCT posted_at FROM fct_marketplace_fees WHERE settlement_id = '22222222222'")
    assert posted == [(dt.datetime(2025, 6, 9),)]


# ------------------------------------------------------------------------------------------ Walmart, eBay, ShipStation


def test_walmart_csv_values(loaded):
    ws, _ = loaded
    check_expected(ws, F.EXPECTED_WALMART_CSV)
    rows = F.query(ws, "SELECT line_no, sku, quantity, unit_price_amount FROM fct_order_lines "
                       "WHERE order_id = 'walmart:4000000001' ORDER BY line_no")
    assert rows == [(1, "WID-1", 2.0, 10.0), (2, "WID-2", 1.0, 7.0)]
    ship = F.query(ws, "SELECT tracking_number, carrier, promised_delivery_date FROM fct_shipments WHERE source = 'walmart_orders'")
    assert ship == [("1Z999AA10123456784", "UPS", dt.date(2025, 7, 28))]


def test_walmart_xlsx_workbook(loaded):
    ws, reports = loaded
    r = reports["walmart_xlsx"]
    assert r.status == "loaded" and r.rows_loaded == 3
    assert "sheet 'Orders' read" in r.notes and "header found on row 2" in r.notes
    check_expected(ws, F.EXPECTED_WALMART_XLSX)
    assert F.query(ws, "SELECT sku, quantity, unit_price_amount FROM fct_order_lines WHERE order_id = 'walmart:4000000003' "
                       "ORDER BY line_no") == [("WID-3", 3.0, 4.25), ("WID-1", 1.0, 10.0)]
    assert F.query(ws, "SELECT encoding FROM load_log WHERE file_name = $n", {"n": Path(r.file_name).name}) == [("xlsx",)]


def test_ebay_us_money_dates_preamble_and_trailer(loaded):
    ws, reports = loaded
    r = reports["ebay_us"]
    assert r.rows_read == 5 and r.rows_loaded == 5 and r.rows_quarantined == 0
    assert any("preamble" in n for n in r.notes)
    check_expected(ws, F.EXPECTED_EBAY_US)
    raw = _raw(ws, "SELECT sold_for, total_price, sale_date FROM raw_ebay_orders WHERE order_number = '12-13245-67891'")
    assert raw == [(D("474.22"), D("1433.66"), dt.datetime(2025, 8, 2))]


def test_ebay_multi_item_parent_row(loaded):
    ws, _ = loaded
    o = fct_order(ws, "ebay:12-13245-67892")
    assert (o["lines"], o["units"], o["order_total_amount"], o["shipping_charged_amount"]) == (2, 2, D("25.00"), 5.0)
    assert F.query(ws, "SELECT sku FROM fct_order_lines WHERE order_id = 'ebay:12-13245-67892' ORDER BY line_no") == [
        ("HOOK-1",), ("HOOK-2",)]
    totals = F.query(ws, "SELECT currency, source_orders, source_total_amount, gap_amount FROM rpt_source_totals "
                         "WHERE source = 'ebay_orders' ORDER BY currency")
    # the UK file's £ amounts are pounds, never added to the US file's dollars
    assert totals == [("GBP", 1, pytest.approx(29.18), pytest.approx(0)),
                      ("USD", 3, pytest.approx(57.79 + 1433.66 + 25.00), pytest.approx(0))]


def test_ebay_uk_lower_case_post_to_variant(loaded):
    ws, reports = loaded
    assert reports["ebay_uk"].format == "ebay_orders"
    check_expected(ws, F.EXPECTED_EBAY_UK)
    assert _raw(ws, "SELECT ship_to_zip, shipping_service, sold_for FROM raw_ebay_orders WHERE order_number = '05-11111-22222'") == [
        ("LS1 4AP", "Royal Mail 2nd Class", D("12.99"))]


def test_shipstation_group_field_columns_and_markeplace_typo(loaded):
    ws, _ = loaded
    assert _raw(ws, "SELECT DISTINCT market_markeplace_name, item_location FROM raw_shipstation_shipments") == [
        ("Shopify", "Dhaka DC")]
    rows = F.query_dicts(ws, "SELECT * FROM fct_shipments WHERE source = 'shipstation_shipments'")
    assert len(rows) == 1  # two item rows, one package
    s, want = rows[0], F.EXPECTED_SHIPSTATION
    assert (s["order_id"], s["shipped_at"], s["label_cost_amount"], s["warehouse"], s["tracking_number"]) == (
        want["order_id"], want["shipped_at"], want["label_cost_amount"], want["warehouse"], want["tracking"])
    assert s["carrier"] == "USPS" and s["has_valid_tracking"]
    o = fct_order(ws, "shopify:5500000001")
    assert o["shipments"] == 1 and o["first_shipped_at"] == want["shipped_at"] and o["label_cost_amount"] == 7.25


# ------------------------------------------------------------------------------------------ Opsdesk templates


def test_template_orders_shipments_returns(loaded):
    ws, _ = loaded
    check_expected(ws, F.EXPECTED_TMPL_ORDERS)
    o = fct_order(ws, "wholesale:W-1")
    assert o["shipments"] == 1 and o["is_delivered"] and o["returned_units"] == 2
    s = F.query_dicts(ws, "SELECT * FROM fct_shipments WHERE shipment_id = 'PKG-1'")[0]
    # label 11.40 + carrier dim-weight adjustment 3.15; billed weight from the adjustment
    assert s["label_cost_amount"] == pytest.approx(14.55) and s["adjustments_amount"] == pytest.approx(3.15)
    assert s["billed_weight_lb"] == 7 and s["delivered_at"] == dt.datetime(2026, 3, 6, 11, 0)
    r = F.query_dicts(ws, "SELECT * FROM fct_returns WHERE return_id = 'R-1'")[0]
    assert (r["order_id"], r["refund_amount"], r["processing_cost_amount"], r["disposition"], r["outcome"]) == (
        "wholesale:W-1", 9.0, 2.0, "destroy", "refund")


def test_template_catalog_costs_and_cogs(loaded):
    ws, _ = loaded
    p = {r["sku"]: r for r in F.query_dicts(ws, "SELECT * FROM dim_products")}
    assert p["CUP-1"]["category"] == "Kitchen" and p["CUP-1"]["list_price_amount"] == 4.5 and p["CUP-1"]["is_active"]
    assert p["KURTI-RED-M"]["has_catalog"] and not p["KURTI-RED-M"]["has_cost"]
    assert not p["SCARF-1"]["has_catalog"]  # sold, not in the catalog
    costs = F.query(ws, "SELECT effective_from, effective_to, landed_unit_cost_amount FROM dim_product_costs "
                        "WHERE sku = 'CUP-1' ORDER BY 1")
    assert costs == [(dt.date(2026, 1, 1), dt.date(2026, 3, 4), pytest.approx(1.20 + 0.10 + 1.20 * 0.05)),
                     (dt.date(2026, 3, 5), dt.date(9999, 12, 31), pytest.approx(1.50))]
    # the W-1 order of 2026-03-02 uses the cost in force then: 10 x 1.36
    assert F.query(ws, "SELECT cogs_amount FROM fct_order_lines WHERE order_id = 'wholesale:W-1' AND sku = 'CUP-1'") == [
        (pytest.approx(13.6),)]


def test_template_inventory_padded_headers_and_day_first_dates(loaded):
    ws, _ = loaded
    # the NetSuite fixture adds stock dated the day it is loaded: the template's last snapshot holds until then
    rows = F.query(ws, "SELECT day, sku, location, on_hand, available FROM fct_inventory_daily "
                       "WHERE sku = 'CUP-1' AND day <= DATE '2026-03-15' ORDER BY day")
    assert F.query(ws, "SELECT max(day) FROM fct_inventory_daily WHERE sku = 'CUP-1'") == F.query(
        ws, "SELECT max(loaded_at)::DATE FROM load_log WHERE format = 'netsuite_inventory'")
    assert rows == [(dt.date(2026, 3, 13), "CUP-1", "East DC", 100.0, 90.0),
                    (dt.date(2026, 3, 14), "CUP-1", "East DC", 100.0, 90.0),
                    (dt.date(2026, 3, 15), "CUP-1", "East DC", 80.0, 80.0)]


def test_template_purchase_orders_day_first_and_month_first_columns(loaded):
    ws, _ = loaded
    rows = F.query(ws, "SELECT po_id, ordered_at, expected_at, received_at, quantity_open, is_open FROM fct_purchase_orders "
                       "ORDER BY 1")
    assert rows == [("PO-1", dt.date(2026, 2, 13), dt.date(2026, 2, 20), dt.date(2026, 2, 27), 20.0, False),
                    ("PO-2", dt.date(2026, 3, 1), dt.date(2026, 3, 10), None, 200.0, True)]


def test_template_3pl_csat_ads_promotions(loaded):
    ws, _ = loaded
    assert F.query(ws, "SELECT charge_type, order_id, amount FROM fct_fulfillment_charges ORDER BY 1") == [
        ("pick_pack", "wholesale:W-1", 7.5), ("storage", None, 120.0)]
    assert F.query(ws, "SELECT response_id, score, is_satisfied, order_id, comment FROM fct_csat ORDER BY 1") == [
        ("S-1", 5.0, True, "wholesale:W-1", "Great, thanks"), ("S-2", 2.0, False, None, 'Late, "broken" cup')]
    assert F.query(ws, "SELECT spend_date, spend_amount, clicks, impressions, attributed_sales_amount FROM fct_ad_spend "
                       "ORDER BY 1") == [(dt.date(2026, 3, 1), 25.0, 40.0, 1200.0, 90.0),
                                         (dt.date(2026, 3, 2), 30.0, 50.0, 1500.0, None)]
    assert F.query(ws, "SELECT name, start_date, end_date, event_type, discount_rate FROM dim_promotions ORDER BY 2") == [
        ("Black Friday", dt.date(2025, 11, 28), dt.date(2025, 12, 1), "peak", None),
        ("Spring Sale", dt.date(2026, 3, 1), dt.date(2026, 3, 7), "promotion", 0.1)]


# ------------------------------------------------------------------------------------------ encodings and shapes


def test_variants_all_load(variants):
    _, reports, _ = variants
    for key, r in reports.items():
        assert r.status == "loaded" and r.rows_quarantined == 0, (key, r.message, r.errors)


def test_cp1252_file(variants):
    ws, reports, files = variants
    assert detect(files["amazon_cp1252"]).encoding == "cp1252"
    check_expected(ws, F.EXPECTED_AMAZON_ORDERS)
    assert F.query(ws, "SELECT product_name FROM fct_order_lines WHERE sku = 'MUG-01'") == [("Tazza Caffè Espresso",)]
    assert F.query(ws, "SELECT encoding FROM load_log WHERE load_id = $l", {"l": reports["amazon_cp1252"].load_id}) == [
        ("cp1252",)]


def test_utf16_with_bom_files(variants):
    ws, reports, files = variants
    assert files["shopify_utf16"].read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert detect(files["shopify_utf16"]).encoding == "utf-16"
    check_expected(ws, F.EXPECTED_SHOPIFY_75)
    assert _raw(ws, "SELECT DISTINCT shipping_zip FROM raw_shopify_orders WHERE name = '#1101' AND _line = 1") == [("4001",)]
    assert reports["tmpl_orders_utf16"].format == "opsdesk_orders"
    check_expected(ws, F.EXPECTED_TMPL_ORDERS)


def test_utf8_bom_and_crlf(variants):
    ws, reports, files = variants
    assert files["shopify_bom_crlf"].read_bytes().startswith(b"\xef\xbb\xbf")
    assert reports["shopify_bom_crlf"].rows_loaded == 2
    check_expected(ws, F.EXPECTED_SHOPIFY_GB)


def test_ebay_trailer_rows_padded_with_delimiters(variants):
    ws, reports, _ = variants
    r = reports["ebay_padded_trailer"]
    assert (r.rows_loaded, r.rows_quarantined) == (5, 0)
    check_expected(ws, F.EXPECTED_EBAY_US)


def test_user_chosen_subset_of_columns(variants):
    ws, reports, _ = variants
    assert reports["shipstation_subset"].format == "shipstation_shipments"
    s = F.query_dicts(ws, "SELECT * FROM fct_shipments WHERE source = 'shipstation_shipments'")[0]
    # matched to Shopify #1101 by order number; $85.00 label; month-first 05/14/2021
    assert (s["order_id"], s["label_cost_amount"], s["shipped_at"], s["carrier"]) == (
        "shopify:3900000001", 85.0, dt.datetime(2021, 5, 14, 9, 30), "UPS")


def test_ambiguous_dates_default_to_month_first(variants):
    ws, _, _ = variants
    assert F.query(ws, "SELECT response_id, responded_at FROM fct_csat ORDER BY 1") == [
        ("A-1", dt.datetime(2026, 3, 4, 10, 0)), ("A-2", dt.datetime(2026, 5, 6, 11, 0))]


# ------------------------------------------------------------------------------------------ value parsing (SQL level)


@pytest.mark.parametrize("text,want", [
    ("2026-04-05 21:06:21 +0400", dt.datetime(2026, 4, 5, 21, 6, 21)),
    ("2017-06-17T08:04:21+00:00", dt.datetime(2017, 6, 17, 8, 4, 21)),
    ("2025-06-09 05:23:19 UTC", dt.datetime(2025, 6, 9, 5, 23, 19)),
    ("Dec 1, 2017 12:38:23 AM PST", dt.datetime(2017, 12, 1, 0, 38, 23)),
    ("Oct 1, 2026 11:30:00 PM PDT", dt.datetime(2026, 10, 1, 23, 30)),
    ("15 Mar 2026 3:22:08 PM UTC", dt.datetime(2026, 3, 15, 15, 22, 8)),
    ("01.09.2026 10:22:11 UTC", dt.datetime(2026, 9, 1, 10, 22, 11)),
    ("7/21/2025 2:15:00 PM", dt.datetime(2025, 7, 21, 14, 15)),  # PM is not a time zone
    ("05-06-2025", dt.datetime(2025, 6, 5)),  # "-2025" is not a UTC offset
    ("21-Jul-2025", dt.datetime(2025, 7, 21)),
    ("21-Jul-25", dt.datetime(2025, 7, 21)),
    ("Jul-21-25", dt.datetime(2025, 7, 21)),
    ("09.06.25", dt.datetime(2025, 6, 9)),
    ("45678", dt.datetime(2025, 1, 21)),  # Excel serial day
])
def test_timestamp_texts(text, want):
    import duckdb
    from lib.ingest.parse import choose_date_formats, ts_expr
    con = duckdb.connect()
    con.execute("CREATE TEMP TABLE t AS SELECT $v::VARCHAR AS c", {"v": text})
    fmts = choose_date_formats(con, "t", ["c"])["c"]
    assert con.execute(f"SELECT {ts_expr('c', fmts)} FROM t").fetchall()[0][0] == want


@pytest.mark.parametrize("text,want", [
    ("1400.00", D("1400")), ("$45.99", D("45.99")), ("$1,433.66", D("1433.66")), ("-1,052.64", D("-1052.64")),
    ("95,00", D("95")), ("-6.5", D("-6.5")), ("(12.50)", D("-12.5")), ("€1.234,56", D("1234.56")), ("£12.99", D("12.99")),
    ("-$3.00", D("-3")), ("12 USD", D("12")), ("", None), ("abc", None),
])
def test_money_texts(text, want):
    import duckdb
    from lib.ingest.parse import money_expr
    con = duckdb.connect()
    assert con.execute(f"SELECT {money_expr('$v')}", {"v": text}).fetchall()[0][0] == want


def test_two_digit_year_tie_goes_day_first_only_where_declared():
    import duckdb
    from lib.ingest.parse import DATE_FAMILIES, choose_date_formats
    con = duckdb.connect()
    con.execute("CREATE TEMP TABLE t AS SELECT * FROM (VALUES ('09/06/25'), ('10/06/25')) v(c)")
    assert choose_date_formats(con, "t", ["c"])["c"] == DATE_FAMILIES["month_first"]
    assert choose_date_formats(con, "t", ["c"], {"c"})["c"] == DATE_FAMILIES["day_first"]
    assert BY_NAME["amazon_settlement"].col("posted_date").day_first


def test_amazon_settlement_older_layout_reads_into_the_fee_model(tmp_path, empty_ws):
    """The 36-column settlement flat file: amounts in typed columns become the same amount types as V2, and a
    settlement's amounts add up to its total-amount."""
    from lib.ingest import ingest_files
    r = ingest_files(empty_ws, [F.amazon_settlement_v1_ca(tmp_path)])[0]
    assert r.ok and r.format == "amazon_settlement_v1" and r.rows_quarantined == 0, r.message
    rows = F.query(empty_ws, "SELECT fee_group, round(sum(amount), 2), min(currency) FROM fct_marketplace_fees "
                             "GROUP BY 1 ORDER BY 1")
    assert rows == [("fulfillment_fee", -6.49, "CAD"), ("other", pytest.approx(-29.99 - 2.25 + 49.99), "CAD"),
                    ("promotion", -5.0, "CAD"), ("referral_fee", -3.75, "CAD"), ("revenue", 30.0, "CAD")]
    total = F.query(empty_ws, "SELECT round(sum(amount), 2) FROM fct_marketplace_fees WHERE settlement_id = '6016502941'")
    assert total == [(32.51,)]  # = the summary row's total-amount
    # loading the same settlement again (a re-download) replaces it, never doubles it
    again = tmp_path / "again"
    again.mkdir()
    path = F.amazon_settlement_v1_ca(again, name="settlement_again.txt")
    path.write_text(path.read_text() + "\n")
    assert ingest_files(empty_ws, [path])[0].ok
    assert F.query(empty_ws, "SELECT round(sum(amount), 2) FROM fct_marketplace_fees") == [(32.51,)]
