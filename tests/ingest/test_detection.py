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
# Etsy's payments CSV (still refused by name; the orders and order-items files are read)
ETSY_PAYMENTS = ("Payment ID,Buyer Username,Buyer Name,Order ID,Gross Amount,Fees,Net Amount,Posted Gross,Posted Fees,"
                 "Posted Net,Adjusted Gross,Adjusted Fees,Adjusted Net,Currency,Listing Amount,Listing Currency,"
                 "Exchange Rate,VAT Amount,Gift Card Applied?,Status,Funds Available,Order Date,Buyer,Order Type,"
                 "Payment Type,Refund Amount").split(",")
OTHERS = {"ebay transaction": EBAY_TRANSACTION, "amazon date range": AMAZON_DATE_RANGE, "flipkart": FLIPKART,
          "tiendanube": TIENDANUBE, "shopify products": SHOPIFY_PRODUCTS,
          "amazon v2 settlement": F.AMAZON_SETTLEMENT_V2, "walmart": list(F.WALMART), "ebay orders": list(F.EBAY_US),
          "shopify orders": list(F.SHOPIFY_79), "amazon all orders": list(F.AMAZON_ALL_ORDERS),
          "etsy payments": ETSY_PAYMENTS, "woocommerce aoe": F.WOO_AOE, "woocommerce aoe 2018": F.WOO_AOE_2018,
          "woocommerce analytics": F.WOO_ANALYTICS, "woocommerce analytics browser": F.WOO_ANALYTICS_BROWSER,
          "etsy items": F.ETSY_ITEMS, "etsy orders": F.ETSY_ORDERS, "amazon date range 2023": F.AMAZON_DATE_RANGE,
          "bigcommerce": F.BIGCOMMERCE, "tiktok": F.TIKTOK_US, "ebay transaction full": F.EBAY_TRANSACTIONS,
          "bigcommerce line items": F.BIGCOMMERCE_LINE_ITEMS, "magento": F.MAGENTO,
          "magento default columns": F.MAGENTO_DEFAULT_VISIBLE, "netsuite inventory": F.NETSUITE_INVENTORY,
          "netsuite fulfillments": F.NETSUITE_FULFILLMENTS}
# The channels read since the platforms issue, each header with the format it must be read as
CHANNELS = {"woocommerce aoe": "woocommerce_orders", "woocommerce aoe 2018": "woocommerce_orders",
            "woocommerce analytics": "woocommerce_analytics_orders",
            "woocommerce analytics browser": "woocommerce_analytics_orders",
            "etsy items": "etsy_order_items", "etsy orders": "etsy_orders",
            "amazon date range": "amazon_transactions", "amazon date range 2023": "amazon_transactions",
            "bigcommerce": "bigcommerce_orders", "tiktok": "tiktok_orders", "ebay transaction": "ebay_transactions",
            "ebay transaction full": "ebay_transactions", "bigcommerce line items": "bigcommerce_line_items",
            "magento": "magento_orders", "netsuite inventory": "netsuite_inventory",
            "netsuite fulfillments": "netsuite_fulfillments"}


def _write(tmp_path, name, header, rows=(), preamble=()):
    return F.write_rows(tmp_path / name, header, [dict(zip(header, r)) for r in rows], preamble=preamble)


@pytest.mark.parametrize("other", sorted(OTHERS))
def test_no_template_matches_another_platforms_report(other):
    m = match_header(OTHERS[other])
    assert m is None or not (m.spec.is_template and m.complete), f"{other} would load as {m.spec.label}"


@pytest.mark.parametrize("name", ["flipkart", "tiendanube", "shopify products", "etsy payments"])
def test_reports_we_do_not_read_are_refused_by_name(tmp_path, name):
    path = _write(tmp_path, "orders.csv", OTHERS[name], [["x"] * len(OTHERS[name])])
    with pytest.raises(IngestError) as e:
        sniff(path)
    assert "Opsdesk does not read" in str(e.value) and identify(OTHERS[name]).label in str(e.value)


def test_ebay_transaction_report_behind_its_preamble_is_read(tmp_path, empty_ws):
    preamble = ["--,--,--", "Notes", "Transaction report", "Seller,shop_x", "Start date,Aug 1 2026", "End date,Aug 31 2026"]
    path = _write(tmp_path, "report.csv", EBAY_TRANSACTION, [["Aug 15, 2026", "Order"] + ["--"] * 37], preamble)
    r = ingest_files(empty_ws, [path])[0]
    assert r.status == "loaded" and r.format == "ebay_transactions" and r.rows_quarantined == 0, r.message


def test_ebay_order_earnings_report_is_still_refused_by_name(tmp_path):
    header = ("Order creation date,Order number,Item ID,Item title,Buyer name,Transaction currency,Item price,Quantity,"
              "Item subtotal,Gross amount,Final Value Fee - fixed,Final Value Fee - variable,Shipping labels,"
              "Order earnings").split(",")
    path = _write(tmp_path, "earnings.csv", header, [["x"] * len(header)])
    with pytest.raises(IngestError) as e:
        sniff(path)
    assert "eBay Order earnings report" in str(e.value)


def test_formats_we_read_are_never_taken_for_known_reports():
    for header in (F.SHOPIFY_79, F.SHOPIFY_75, F.AMAZON_ALL_ORDERS, F.AMAZON_SETTLEMENT_V2, F.AMAZON_FULFILLED_SHIPMENTS,
                   F.WALMART, F.EBAY_US, F.SHIPSTATION, F.WOO_AOE, F.WOO_AOE_2018, F.WOO_ANALYTICS,
                   F.WOO_ANALYTICS_OLD, F.WOO_ANALYTICS_BROWSER, F.ETSY_ITEMS, F.ETSY_ORDERS, F.AMAZON_DATE_RANGE,
                   F.AMAZON_DATE_RANGE_2017, F.BIGCOMMERCE, F.TIKTOK_US, F.EBAY_TRANSACTIONS,
                   F.BIGCOMMERCE_LINE_ITEMS, F.MAGENTO, F.NETSUITE_INVENTORY, F.NETSUITE_FULFILLMENTS):
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


@pytest.mark.parametrize("name", sorted(CHANNELS))
def test_channel_exports_are_read_as_their_format(name):
    m = match_header(list(OTHERS[name]))
    assert m is not None and m.complete and m.spec.name == CHANNELS[name], (name, m and m.spec.name)


@pytest.mark.parametrize("other", sorted(set(OTHERS) - set(CHANNELS)))
def test_channel_formats_do_not_take_other_files(other):
    """Another platform's report (read or refused) is never loaded as WooCommerce, Etsy, BigCommerce, Adobe Commerce,
    TikTok Shop, Amazon's Date Range report or eBay's Transaction report."""
    m = match_header(list(OTHERS[other]))
    assert m is None or not (m.complete and (m.spec.source in ("woocommerce", "etsy", "bigcommerce", "tiktok", "magento",
                                                                  "netsuite")
                                      or m.spec.name in ("amazon_transactions", "ebay_transactions"))), \
        (other, m.spec.name)


def test_etsy_payments_file_is_still_refused_by_name_with_the_files_to_download(tmp_path):
    path = _write(tmp_path, "EtsyPayments.csv", ETSY_PAYMENTS, [["1"] * len(ETSY_PAYMENTS)])
    with pytest.raises(IngestError) as e:
        sniff(path)
    assert "Etsy payments file" in str(e.value) and "Download Data" in str(e.value)


@pytest.mark.parametrize("header, closest, missing", [
    # an export profile without the item price: lines without amounts are not guessed
    ([h for h in F.WOO_AOE if h != "Item Cost"], "WooCommerce order export (Advanced Order Export)", "Item Cost"),
    # a trimmed Etsy items file (no Listing ID, no Item Total): not the download
    (["Sale Date", "Item Name", "Buyer", "Quantity", "Price", "Order ID", "SKU", "Transaction ID"],
     "Etsy sold order items (EtsySoldOrderItems)", "Item Total"),
    # a BigCommerce custom template without the packed items: no lines to read
    ([h for h in F.BIGCOMMERCE if h != "Product Details"], "BigCommerce orders export (default template)",
     "Product Details"),
    # BigCommerce's one-row-per-product layout without the products' prices: lines without amounts are not guessed
    ([h for h in F.BIGCOMMERCE_LINE_ITEMS if h not in ("Product Unit Price", "Product Total Price")],
     "BigCommerce orders export (one row per product)", "Product Unit Price"),
    # Adobe Commerce's grid with Subtotal but not Shipping and Handling: shipping would be taken for tax
    (F.MAGENTO_DEFAULT_VISIBLE + ["Subtotal"], "Adobe Commerce (Magento) order grid export", "Shipping and Handling"),
    # TikTok Shop without its discount columns (a custom export)
    ([h for h in F.TIKTOK_US if h not in ("SKU Subtotal After Discount", "SKU Seller Discount")],
     "TikTok Shop orders export", "SKU Subtotal After Discount"),
    # Etsy sold orders without the net / fees
    ([h for h in F.ETSY_ORDERS if h not in ("Order Net", "Card Processing Fees")], "Etsy sold orders (EtsySoldOrders)",
     "Order Net"),
    # a Date Range report cut down to its first columns
    (F.AMAZON_DATE_RANGE[:16] + ["total"], "Amazon Date Range transaction report", "selling fees"),
    # an eBay Transaction report without its payout columns
    ([h for h in F.EBAY_TRANSACTIONS if not h.startswith("Payout")], "eBay Transaction report", "Payout ID"),
    # WooCommerce Analytics without its product columns
    (["Date", "Order #", "Status", "Customer", "Customer type", "Net Sales"], "WooCommerce Analytics orders export",
     "Product(s)"),
])
def test_channel_near_misses_are_refused_with_the_closest_format(tmp_path, empty_ws, header, closest, missing):
    path = _write(tmp_path, "near.csv", header, [["1"] * len(header)])
    r = ingest_files(empty_ws, [path])[0]
    assert r.status == "refused" and r.format is None
    assert f"Closest known format: {closest}" in r.message and missing in r.message


def test_magento_grid_with_its_default_columns_is_refused_with_the_columns_to_show(tmp_path, empty_ws):
    """The grid's default visible columns state the grand total only, which holds the tax: refused by name, with
    the two columns to show before exporting."""
    path = _write(tmp_path, "export.csv", F.MAGENTO_DEFAULT_VISIBLE,
                  [["000000101", "Default Store View", "Jun 9, 2026 9:00:00 AM", "V C", "V C", "$226.50", "$226.50",
                    "Complete"]])
    r = ingest_files(empty_ws, [path])[0]
    assert r.status == "refused" and r.format is None
    assert "Adobe Commerce (Magento) order grid export without its Subtotal column" in r.message
    assert "Subtotal and Shipping and Handling columns" in r.message
