"""Detection refuses instead of guessing: a template only when a file clearly is one, a report of a platform Opsdesk
does not read refused by name (headers from real exports, see lib/ingest/known_reports.py), and every template
checked against the headers of other platforms' reports."""
from __future__ import annotations

import pytest

from lib.ingest import ingest_files
from lib.ingest.formats import BY_NAME, TEMPLATES
from lib.ingest.known_reports import KNOWN_REPORTS, identify
from lib.ingest.reader import IngestError, match_header, sniff

from . import fixtures as F

# Real header rows of reports Opsdesk does not read (as the platforms write them).
EBAY_TRANSACTION = ("Transaction creation date,Type,Order number,Legacy order ID,Buyer username,Buyer name,Ship to city,"
                    "Ship to province/region/state,Ship to zip,Ship to country,Net amount,Payout currency,Payout date,"
                    "Payout ID,Payout method,Payout status,Reason for hold,Item ID,Transaction ID,Item title,Custom label,"
                    "Quantity,Item subtotal,Shipping and handling,Seller collected tax,eBay collected tax,"
                    "Final Value Fee - fixed,Final Value Fee - variable,Regulatory operating fee,Below standard "
                    "performance fee,International fee,Charity donation,Deposit processing fee,Gross transaction amount,"
                    "Transaction currency,Exchange rate,Reference ID,Description").split(",")
AMAZON_DATE_RANGE = ["date/time", "settlement id", "type", "order id", "sku", "description", "quantity", "marketplace",
                     "fulfillment", "order city", "order state", "order postal", "product sales", "shipping credits",
                     "gift wrap credits", "promotional rebates", "sales tax collected", "Marketplace Facilitator Tax",
                     "selling fees", "fba fees", "other transaction fees", "other", "total"]
FLIPKART = ["Ordered On", "Shipment ID", "ORDER ITEM ID", "Order Id", "HSN CODE", "Order State", "Order Type", "FSN",
            "SKU", "Product", "Invoice No.", "Quantity", "Dispatch After date", "Dispatch by date", "Order Ready for Dispatch on date",
            "Dispatched on date", "Delivered on date", "Cancelled on date", "Price inc. FKMP Contribution & Subsidy",
            "Tracking ID", "Buyer name", "Ship to name", "Address Line 1", "City", "State", "PIN Code"]
TIENDANUBE = ["Número de orden", "Email", "Fecha", "Estado de la orden", "Estado del pago", "Estado del envío", "Moneda",
              "Subtotal de productos", "Descuento", "Costo de envío", "Total", "Nombre del comprador", "Medio de envío",
              "Medio de pago", "Nombre del producto", "Precio del producto", "Cantidad del producto", "SKU",
              "Identificador de la orden"]
SHOPIFY_PRODUCTS = ["Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published",
                    "Option1 Name", "Option1 Value", "Variant SKU", "Variant Grams", "Variant Inventory Qty",
                    "Variant Price", "Variant Compare At Price", "Cost per item", "Status"]
OTHERS = {"ebay transaction": EBAY_TRANSACTION, "amazon date range": AMAZON_DATE_RANGE, "flipkart": FLIPKART,
          "tiendanube": TIENDANUBE, "shopify products": SHOPIFY_PRODUCTS,
          "amazon v2 settlement": F.AMAZON_SETTLEMENT_V2, "walmart": list(F.WALMART), "ebay orders": list(F.EBAY_US),
          "shopify orders": list(F.SHOPIFY_79), "amazon all orders": list(F.AMAZON_ALL_ORDERS)}


def _write(tmp_path, name, header, rows=(), preamble=()):
    return F.write_rows(tmp_path / name, header, [dict(zip(header, r)) for r in rows], preamble=preamble)


@pytest.mark.parametrize("other", sorted(OTHERS))
def test_no_template_matches_another_platforms_report(other):
    m = match_header(OTHERS[other])
    assert m is None or not (m.spec.is_template and m.complete), f"{other} would load as {m.spec.label}"


@pytest.mark.parametrize("name", ["ebay transaction", "amazon date range", "flipkart", "tiendanube", "shopify products"])
def test_reports_we_do_not_read_are_refused_by_name(tmp_path, name):
    path = _write(tmp_path, "orders.csv", OTHERS[name], [["x"] * len(OTHERS[name])])
    with pytest.raises(IngestError) as e:
        sniff(path)
    assert "Opsdesk does not read" in str(e.value) and identify(OTHERS[name]).label in str(e.value)


def test_ebay_transaction_report_behind_its_preamble_is_named(tmp_path, empty_ws):
    preamble = ["--,--,--", "Notes", "Transaction report", "Seller,shop_x", "Start date,Aug 1 2026", "End date,Aug 31 2026"]
    path = _write(tmp_path, "report.csv", EBAY_TRANSACTION, [["Aug 15, 2026", "Order"] + ["--"] * 37], preamble)
    r = ingest_files(empty_ws, [path])[0]
    assert r.status == "refused" and "eBay Transaction report" in r.message
    assert "Seller Hub → Orders → Download report" in r.message
    assert r.format is None  # the column mapper stays available for it


def test_formats_we_read_are_never_taken_for_known_reports():
    for header in (F.SHOPIFY_79, F.SHOPIFY_75, F.AMAZON_ALL_ORDERS, F.AMAZON_SETTLEMENT_V2, F.AMAZON_FULFILLED_SHIPMENTS,
                   F.WALMART, F.EBAY_US, F.SHIPSTATION):
        assert identify(list(header)) is None
    for spec in TEMPLATES:
        assert identify([c.name for c in spec.columns]) is None


def test_known_report_signatures_do_not_overlap():
    for a in KNOWN_REPORTS:
        keys = {s.lower() for s in a.signature}
        for b in KNOWN_REPORTS:
            if a is not b:
                assert not {s.lower() for s in b.signature} <= keys, (a.label, b.label)


@pytest.mark.parametrize("spec", TEMPLATES, ids=lambda s: s.name)
def test_a_complete_template_header_is_loaded_as_that_template(spec):
    m = match_header([c.name for c in spec.columns])
    assert m.spec is spec and m.complete


def test_template_needs_its_own_spellings_and_few_foreign_columns():
    # required columns in another spelling ("Shipment ID") are not the template
    m = match_header(["Shipment ID", "Order ID", "Carrier", "Tracking"])
    assert not (m and m.spec.is_template and m.complete)
    # a catalog-looking file with a sku and 20 columns the catalog template does not have
    m = match_header(["sku"] + [f"col {i}" for i in range(20)])
    assert not (m and m.complete)
    # the required columns alone (the other columns are optional) are still clearly the template
    m = match_header(["shipment_id", "order_id"])
    assert m.spec is BY_NAME["opsdesk_shipments"] and m.complete
    # a few of the template's columns and nothing else is the template; the user's own columns are welcome while the
    # template's outnumber them two to one
    m = match_header(["sku", "product_name", "category", "price"])
    assert m.spec is BY_NAME["opsdesk_products"] and m.complete
    m = match_header(["sku", "product_name", "category", "price", "my notes"])
    assert m.spec is BY_NAME["opsdesk_products"] and m.complete
    m = match_header(["sku", "qty", "warehouse"])  # a stock list of some tool: not a catalog
    assert m is None or not m.complete
    assert match_header(["sku", "qty", "warehouse"]).weak.startswith("2 of its 3 columns are not in the template")
    # Title Case is not the template's spelling: refused, with the reason (the mapper loads it on purpose)
    m = match_header(["Snapshot Date", "SKU", "Location", "On Hand"])
    assert m is None or not m.complete


def test_weak_template_match_is_refused_with_the_reason(tmp_path, empty_ws):
    header = ["shipment_id", "order_id"] + [f"Column {i}" for i in range(10)]
    path = _write(tmp_path, "x.csv", header, [["S1", "O1"] + [""] * 10])
    r = ingest_files(empty_ws, [path])[0]
    assert r.status == "refused" and "not loaded as the Opsdesk shipments template" in r.message
    assert "10 of its 12 columns are not in the template" in r.message
    con = empty_ws.reader()
    assert con.execute("SELECT count(*) FROM fct_shipments").fetchall() == [(0,)]
