"""Export files built in temp dirs from the exact header rows of ../shared/FORMATS.md, with their quirks.

Nothing here is copied from ../shared: the header strings are transcribed from FORMATS.md (a `shared` test checks
them against it when it is present) and every data row is made up, small and hand-checkable.  Each builder takes
a directory and a file name (tests pass misleading names on purpose: detection is by header only) and returns
the written path.  The EXPECTED_* dicts hold the values the marts must show for these rows, worked out by hand.

Also: `dump_db` / `dump_snapshot` (full contents of every table, for before/after comparisons), and
`big_shopify_export` (a streaming generator of a large export, used by the SIGKILL test and the benchmark).
"""
from __future__ import annotations

import datetime as dt
import os
import random
import sys
from decimal import Decimal as D
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# ------------------------------------------------------------------------------------------ exact headers

SHOPIFY_79 = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,"
    "Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,"
    "Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,"
    "Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,"
    "Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,"
    "Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,"
    "Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,"
    "Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,"
    "Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,"
    "Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References"
).split(",")
SHOPIFY_75 = SHOPIFY_79[:SHOPIFY_79.index("Shipping Province Name") + 1]  # 2021 layout (ZA)

AMAZON_ALL_ORDERS = (
    "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\t"
    "sales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\t"
    "item-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\t"
    "ship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids\tis-business-order\t"
    "purchase-order-number\tprice-designation"
).split("\t")
AMAZON_ARCHIVED_ORDERS = (
    "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\t"
    "sales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\t"
    "item-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\t"
    "ship-promotion-discount\tship-country\tship-promotion-id\tpromotion-ids\tis-business-order\tpurchase-order-number\t"
    "price-designation\tcustomized-url\tcustomized-page\tis-heavy-or-bulky\tis-replacement-order"
).split("\t")
AMAZON_FBA_RETURNS = (
    "return-date\torder-id\tsku\tasin\tfnsku\tproduct-name\tquantity\tfulfillment-center-id\tdetailed-disposition\t"
    "reason\tstatus\tlicense-plate-number\tcustomer-comments"
).split("\t")
AMAZON_SETTLEMENT_V2 = (
    "settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\t"
    "order-id\tmerchant-order-id\tadjustment-id\tshipment-id\tmarketplace-name\tamount-type\tamount-description\tamount\t"
    "fulfillment-id\tposted-date\tposted-date-time\torder-item-code\tmerchant-order-item-id\t"
    "merchant-adjustment-item-id\tsku\tquantity-purchased\tpromotion-id"
).split("\t")
AMAZON_FULFILLED_SHIPMENTS = (
    "amazon-order-id\tmerchant-order-id\tshipment-id\tshipment-item-id\tamazon-order-item-id\tmerchant-order-item-id\t"
    "purchase-date\tpayments-date\tshipment-date\treporting-date\tbuyer-email\tbuyer-name\tbuyer-phone-number\tsku\t"
    "product-name\tquantity-shipped\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\t"
    "gift-wrap-tax\tship-service-level\trecipient-name\tship-address-1\tship-address-2\tship-address-3\tship-city\t"
    "ship-state\tship-postal-code\tship-country\tship-phone-number\tbill-address-1\tbill-address-2\tbill-address-3\t"
    "bill-city\tbill-state\tbill-postal-code\tbill-country\titem-promotion-discount\tship-promotion-discount\tcarrier\t"
    "tracking-number\testimated-arrival-date\tfulfillment-center-id\tfulfillment-channel\tsales-channel"
).split("\t")
AMAZON_MFN_RETURNS = (
    "Order ID\tOrder date\tReturn request date\tReturn request status\tAmazon RMA ID\tMerchant RMA ID\tLabel type\t"
    "Label cost\tCurrency code\tReturn carrier\tTracking ID\tLabel to be paid by\tA-to-Z Claim\tIs prime\tASIN\t"
    "Merchant SKU\tItem Name\tReturn quantity\tReturn Reason\tIn policy\tReturn type\tResolution\tInvoice number\t"
    "Return delivery date\tOrder Amount\tOrder quantity\tSafeT Action reason\tSafeT claim id\tSafeT claim state\t"
    "SafeT claim creation time\tSafeT claim reimbursement amount\tRefunded Amount"
).split("\t")
WALMART = (
    "PO#,Order#,Order Date,Ship By,Delivery Date,Customer Name,Customer Shipping Address,Customer Phone Number,"
    "Ship to Address 1,Ship to Address 2,City,State,Zip,Segment,FLIDS,Line#,UPC,Status,Item Description,"
    "Shipping Method,Shipping Tier,Shipping SLA,Shipping Config SOurce,Qty,SKU,Item Cost,Shipping Cost,Tax,"
    "Update Status,Update Qty,Carrier,Tracking Number,Tracking Url,Seller Order NO,Fulfillment Entity,"
    "Replacement Order,Original Customer Order Id"
).split(",")
EBAY_US = (
    "Sales Record Number,Order Number,Buyer Username,Buyer Name,Buyer Email,Buyer Note,Buyer Address 1,Buyer Address 2,"
    "Buyer City,Buyer State,Buyer Zip,Buyer Country,Ship To Name,Ship To Phone,Ship To Address 1,Ship To Address 2,"
    "Ship To City,Ship To State,Ship To Zip,Ship To Country,Item Number,Item Title,Custom Label,"
    "Sold Via Promoted Listings,Quantity,Sold For,Shipping And Handling,Seller Collected Tax,eBay Collected Tax,"
    "Total Price,eBay Collected Tax Included in Total,Payment Method,Sale Date,Paid On Date,Ship By Date,"
    "Minimum Estimated Delivery Date,Maximum Estimated Delivery Date,Shipped On Date,Feedback Left,Feedback Received,"
    "My Item Note,PayPal Transaction ID,Shipping Service,Tracking Number,Transaction ID,Variation Details,"
    "Global Shipping Program,Global Shipping Reference ID,Click And Collect,Click And Collect Reference Number,eBay Plus"
).split(",")
# FORMATS.md gives the first 11 UK columns verbatim; the rest follow the US columns in the UK's lower case.
EBAY_UK_START = ("Sales record number,Order number,Buyer username,Post to name,Post to phone,Post to address 1,"
                 "Post to address 2,Post to city,Post to county,Post to postcode,Post to country").split(",")
EBAY_UK = EBAY_UK_START + ["Item number", "Item title", "Custom label", "Quantity", "Sold for", "Postage and packaging",
                           "Total price", "Sale date", "Paid on date", "Delivery service", "Tracking number",
                           "Transaction ID"]
SHIPSTATION = [
    "Order - Number", "Date - Order Date", "Date - Paid Date", "Date - Shipped Date", "Market - Store Name",
    "Market - Markeplace Name", "Amount - Order Total", "Amount - Order Subtotal", "Amount - Order Tax",
    "Amount - Order Shipping", "Amount - Shipping Cost", "Amount - Paid by Customer", "Count - Number of Items",
    "Item - SKU", "Item - Name", "Item - Qty", "Item - Price", "Item - Options", "Item - Location", "Item - Fill SKU",
    "Ship To - Name", "Ship To - Address 1", "Ship To - Postal Code", "Bill To - Name", "Custom - Field 1",
    "Custom - Field 2", "Custom - Field 3", "Notes - From Buyer", "Carrier - Service Requested", "Tracking Number",
    "Source",
]

# The older settlement flat file (36 columns, FORMATS.md A2.3), verbatim.
AMAZON_SETTLEMENT_V1 = ("settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\t"
                        "transaction-type\torder-id\tmerchant-order-id\tadjustment-id\tshipment-id\tmarketplace-name\t"
                        "shipment-fee-type\tshipment-fee-amount\torder-fee-type\torder-fee-amount\tfulfillment-id\t"
                        "posted-date\torder-item-code\tmerchant-order-item-id\tmerchant-adjustment-item-id\tsku\t"
                        "quantity-purchased\tprice-type\tprice-amount\titem-related-fee-type\titem-related-fee-amount\t"
                        "misc-fee-amount\tother-fee-amount\tother-fee-reason-description\tpromotion-id\tpromotion-type\t"
                        "promotion-amount\tdirect-payment-type\tdirect-payment-amount\tother-amount").split("\t")


HEADERS_IN_FORMATS_MD = {  # name -> (header list, delimiter) as written in FORMATS.md
    "amazon_settlement_v1": (AMAZON_SETTLEMENT_V1, "\t"),
    "SHOPIFY_79": (SHOPIFY_79, ","), "AMAZON_ALL_ORDERS": (AMAZON_ALL_ORDERS, "\t"),
    "AMAZON_ARCHIVED_ORDERS": (AMAZON_ARCHIVED_ORDERS, "\t"), "AMAZON_FBA_RETURNS": (AMAZON_FBA_RETURNS, "\t"),
    "AMAZON_SETTLEMENT_V2": (AMAZON_SETTLEMENT_V2, "\t"), "AMAZON_FULFILLED_SHIPMENTS": (AMAZON_FULFILLED_SHIPMENTS, "\t"),
    "AMAZON_MFN_RETURNS": (AMAZON_MFN_RETURNS, "\t"), "WALMART": (WALMART, ","), "EBAY_US": (EBAY_US, ","),
    "EBAY_UK_START": (EBAY_UK_START, ","),
}

# ------------------------------------------------------------------------------------------ writing


def _field(v, delim: str, quote_empty: bool, quote_all: bool) -> str:
    s = "" if v is None else str(v)
    if quote_all or (quote_empty and s == "") or any(ch in s for ch in (delim, '"', "\n", "\r")):
        return '"' + s.replace('"', '""') + '"'
    return s


def write_rows(path: Path, header, rows, *, delimiter=",", encoding="utf-8", preamble=(), trailer=(),
               quote_empty=False, quote_all=False, newline="\n", header_text=None) -> Path:
    """Write `rows` (dicts keyed by header name; missing keys are empty) under `header`.

    Unknown keys raise, so a typo in a fixture cannot silently produce an empty column.  `header_text` replaces
    the written header cells (padding, case) while rows are still keyed by `header`.
    """
    lines = list(preamble)
    lines.append(delimiter.join(_field(h, delimiter, False, quote_all) for h in (header_text or header)))
    for r in rows:
        unknown = set(r) - set(header)
        if unknown:
            raise KeyError(f"{path.name}: not in header: {sorted(unknown)}")
        lines.append(delimiter.join(_field(r.get(h, ""), delimiter, quote_empty, quote_all) for h in header))
    lines += list(trailer)
    data = newline.join(lines) + newline
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode(encoding))
    return path


# ------------------------------------------------------------------------------------------ Shopify

_BD_NOTES = "UTM source: facebook\nUTM medium: paid"
_BD_ATTRS = "utm_source: facebook\nutm_campaign: eid, sale"


def shopify_orders_79(d: Path, name: str = "amazon_all_orders.csv") -> Path:
    """Current 79-column layout, BDT store, +0400/+0500 offsets, continuation rows, multi-line Notes and
    Note Attributes, order names `#1001`, `#glow3424` and `2518787`, numeric app-id Source."""
    base = {"Email": "cust-a1@example.invalid", "Accepts Marketing": "no", "Currency": "BDT",
            "Payment Method": "Cash on Delivery (COD)", "Risk Level": "Low", "Lineitem requires shipping": "true",
            "Lineitem taxable": "true", "Shipping City": "Dhaka", "Shipping Zip": "1207", "Shipping Country": "BD",
            "Billing Country": "BD", "Vendor": "Glow"}
    rows = [
        {**base, "Name": "#1001", "Financial Status": "paid", "Paid at": "2026-04-05 21:10:00 +0400",
         "Fulfillment Status": "fulfilled", "Fulfilled at": "2026-04-06 10:00:00 +0400", "Subtotal": "1400.00",
         "Shipping": "100.00", "Taxes": "0.00", "Total": "1500.00", "Discount Amount": "0.00",
         "Shipping Method": "Steadfast (2-4 days Shipping)", "Created at": "2026-04-05 21:06:21 +0400",
         "Lineitem quantity": "2", "Lineitem name": "Cotton Kurti - Red / M", "Lineitem price": "500.00",
         "Lineitem sku": "KURTI-RED-M", "Lineitem fulfillment status": "fulfilled", "Notes": _BD_NOTES,
         "Note Attributes": _BD_ATTRS, "Refunded Amount": "0.00", "Outstanding Balance": "0.00",
         "Id": "5500000001", "Source": "web", "Lineitem discount": "0.00", "Payment ID": "c1001.1",
         "Payment References": "#1001.1"},
        # continuation row: only Name, Email, Created at and the line-item fields
        {"Name": "#1001", "Email": "cust-a1@example.invalid", "Created at": "2026-04-05 21:06:21 +0400",
         "Lineitem quantity": "1", "Lineitem name": "Silk Scarf", "Lineitem price": "400.00", "Lineitem sku": "SCARF-1",
         "Lineitem requires shipping": "true", "Lineitem taxable": "true", "Lineitem fulfillment status": "fulfilled",
         "Vendor": "Glow", "Lineitem discount": "0.00"},
        {**base, "Name": "#glow3424", "Email": "cust-b2@example.invalid", "Financial Status": "voided",
         "Fulfillment Status": "unfulfilled", "Subtotal": "800.00", "Shipping": "0.00", "Taxes": "0.00",
         "Total": "800.00", "Discount Amount": "0.00", "Shipping Method": "standard shipping",
         "Created at": "2026-04-06 23:59:59 +0400", "Lineitem quantity": "1", "Lineitem name": "Glow Serum",
         "Lineitem price": "800.00", "Lineitem sku": "GLOW-SERUM", "Lineitem fulfillment status": "pending",
         "Cancelled at": "2026-04-07 09:00:00 +0400", "Refunded Amount": "0.00", "Outstanding Balance": "0.00",
         "Id": "5500000002", "Source": "shopify_draft_order", "Lineitem discount": "0.00"},
        {**base, "Name": "2518787", "Email": "cust-c3@example.invalid", "Financial Status": "pending",
         "Fulfillment Status": "unfulfilled", "Subtotal": "250.50", "Shipping": "0.00", "Taxes": "0.00",
         "Total": "250.50", "Discount Code": "RECOVERY DISCOUNT", "Discount Amount": "50.00",
         "Shipping Method": "Standard shipping", "Created at": "2026-04-07 08:15:00 +0500", "Lineitem quantity": "1",
         "Lineitem name": "Night Cream", "Lineitem price": "300.50", "Lineitem sku": "NIGHT-CREAM",
         "Lineitem fulfillment status": "pending", "Notes": "Call before delivery\nGate 2", "Refunded Amount": "0.00",
         "Outstanding Balance": "250.50", "Id": "5500000003", "Source": "5690175", "Lineitem discount": "50.00"},
    ]
    return write_rows(d / name, SHOPIFY_79, rows)


EXPECTED_SHOPIFY_79 = {  # order_id -> expected fct_orders values
    "shopify:5500000001": dict(source_order_ref="#1001", currency="BDT", order_total_amount=D("1500.00"), units=3,
                               lines=2, ordered_at=dt.datetime(2026, 4, 5, 21, 6, 21), is_cancelled=False,
                               financial_status="paid", sub_channel="web", shipping_charged_amount=100.0,
                               gross_sales_amount=1400.0),
    "shopify:5500000002": dict(source_order_ref="#glow3424", currency="BDT", order_total_amount=D("800.00"), units=1,
                               lines=1, ordered_at=dt.datetime(2026, 4, 6, 23, 59, 59), is_cancelled=True,
                               financial_status="voided", sub_channel="shopify_draft_order",
                               cancelled_at=dt.datetime(2026, 4, 7, 9, 0, 0)),
    "shopify:5500000003": dict(source_order_ref="2518787", currency="BDT", order_total_amount=D("250.50"), units=1,
                               lines=1, ordered_at=dt.datetime(2026, 4, 7, 8, 15, 0), is_cancelled=False,
                               financial_status="pending", sub_channel="5690175", discount_amount=50.0),
}


def shopify_orders_75_za(d: Path, name: str = "walmart_report.csv", encoding: str = "utf-8") -> Path:
    """2021 75-column layout (ZA): empties written as `""`, `'4001` zips, +0200, partial fulfilment, a gift note
    over two lines, a bundle line at 0.00 with a compare-at price."""
    base = {"Email": "cust-z1@example.invalid", "Accepts Marketing": "yes", "Currency": "ZAR", "Payment Method": "PayGate",
            "Lineitem requires shipping": "true", "Lineitem taxable": "true", "Billing Zip": "'4001",
            "Shipping Zip": "'4001", "Shipping City": "Durban", "Shipping Province": "KZN", "Shipping Country": "ZA",
            "Vendor": "Kids Living", "Tax 1 Name": "VAT 15%"}
    rows = [
        {**base, "Name": "#1101", "Financial Status": "paid", "Paid at": "2021-05-13 11:02:00 +0200",
         "Fulfillment Status": "partial", "Subtotal": "1150.00", "Shipping": "100.00", "Taxes": "163.04",
         "Total": "1250.00", "Discount Amount": "0.00", "Shipping Method": "Courier", "Created at": "2021-05-13 11:01:12 +0200",
         "Lineitem quantity": "1", "Lineitem name": "Baby Blanket", "Lineitem price": "650.00", "Lineitem sku": "BLK-01",
         "Lineitem fulfillment status": "fulfilled", "Notes": "Gift for Thandi\nHappy birthday!",
         "Note Attributes": "registry_id: 8812", "Refunded Amount": "0.00", "Outstanding Balance": "0.00",
         "Id": "3900000001", "Source": "web", "Lineitem discount": "0.00", "Tax 1 Value": "163.04"},
        {"Name": "#1101", "Email": "cust-z1@example.invalid", "Created at": "2021-05-13 11:01:12 +0200",
         "Lineitem quantity": "2", "Lineitem name": "Rattle", "Lineitem price": "250.00", "Lineitem sku": "RAT-02",
         "Lineitem requires shipping": "true", "Lineitem taxable": "true", "Lineitem fulfillment status": "pending",
         "Vendor": "Toy Co", "Lineitem discount": "0.00"},
        {**base, "Name": "#1102", "Email": "cust-z2@example.invalid", "Financial Status": "pending",
         "Fulfillment Status": "unfulfilled", "Subtotal": "499.00", "Shipping": "0.00", "Taxes": "65.09",
         "Total": "499.00", "Discount Amount": "0.00", "Shipping Method": "Collect", "Created at": "2021-05-14 08:30:00 +0200",
         "Lineitem quantity": "1", "Lineitem name": "Bundle Box", "Lineitem price": "499.00", "Lineitem sku": "BUNDLE-1",
         "Lineitem fulfillment status": "pending", "Refunded Amount": "0.00", "Outstanding Balance": "499.00",
         "Id": "3900000002", "Source": "web", "Lineitem discount": "0.00", "Tax 1 Value": "65.09"},
        {"Name": "#1102", "Email": "cust-z2@example.invalid", "Created at": "2021-05-14 08:30:00 +0200",
         "Lineitem quantity": "1", "Lineitem name": "Bundle Item", "Lineitem price": "0.00",
         "Lineitem compare at price": "199.00", "Lineitem sku": "BUNDLE-ITEM", "Lineitem requires shipping": "true",
         "Lineitem taxable": "true", "Lineitem fulfillment status": "pending", "Vendor": "Kids Living",
         "Lineitem discount": "0.00"},
    ]
    return write_rows(d / name, SHOPIFY_75, rows, quote_empty=True, encoding=encoding)


EXPECTED_SHOPIFY_75 = {
    "shopify:3900000001": dict(source_order_ref="#1101", currency="ZAR", order_total_amount=D("1250.00"), units=3,
                               lines=2, ordered_at=dt.datetime(2021, 5, 13, 11, 1, 12), fulfillment_status="partial",
                               tax_amount=163.04, ship_to_region="KZN"),
    "shopify:3900000002": dict(source_order_ref="#1102", currency="ZAR", order_total_amount=D("499.00"), units=2,
                               lines=2, ordered_at=dt.datetime(2021, 5, 14, 8, 30, 0), gross_sales_amount=499.0),
}


def shopify_orders_gb(d: Path, name: str = "ebay_orders.csv", encoding: str = "utf-8") -> Path:
    """79 columns, GBP TikTok-channel store: `+0100` in summer, `+0000` in winter, refund with Cancelled at,
    marketplace metadata in Tags, an extra column appended after the 79 (future layouts)."""
    header = SHOPIFY_79 + ["Lineitem weight"]  # an unknown column appended by a future layout
    base = {"Currency": "GBP", "Accepts Marketing": "no", "Payment Method": "tiktok_shop",
            "Shipping Method": "Shipped by Seller: Shipped by seller", "Lineitem requires shipping": "true",
            "Lineitem taxable": "true", "Vendor": "Dropshipman", "Shipping Country": "GB", "Source": "tiktok",
            "Lineitem weight": "0.4 kg"}
    rows = [
        {**base, "Name": "#1059", "Email": "relay1@scs3.tiktok.com", "Financial Status": "paid",
         "Paid at": "2025-08-10 12:00:05 +0100", "Fulfillment Status": "fulfilled",
         "Fulfilled at": "2025-08-11 09:30:00 +0100", "Subtotal": "29.99", "Shipping": "0.00", "Taxes": "5.00",
         "Total": "29.99", "Discount Amount": "0.00", "Created at": "2025-08-10 12:00:00 +0100",
         "Lineitem quantity": "1", "Lineitem name": "Satin Dress - Black / S", "Lineitem price": "29.99",
         "Lineitem sku": "DRESS-BLK-S", "Lineitem fulfillment status": "fulfilled", "Refunded Amount": "0.00",
         "Id": "6600000001", "Tags": "TikTokOrderID:5770000000000001", "Lineitem discount": "0.00",
         "Note Attributes": "Customer Payment: 29.99\nTikTok Shop Discount: 0.00", "Payment References": "#1059.1 + #1059.2"},
        {**base, "Name": "#1060", "Email": "relay2@scs3.tiktok.com", "Financial Status": "refunded",
         "Paid at": "2025-12-07 19:08:30 +0000", "Fulfillment Status": "unfulfilled", "Subtotal": "19.99",
         "Shipping": "0.00", "Taxes": "3.33", "Total": "19.99", "Discount Amount": "0.00",
         "Created at": "2025-12-07 19:08:24 +0000", "Lineitem quantity": "1", "Lineitem name": "Knit Top - Cream / M",
         "Lineitem price": "19.99", "Lineitem sku": "TOP-CRM-M", "Lineitem fulfillment status": "pending",
         "Cancelled at": "2025-12-08 10:00:00 +0000", "Refunded Amount": "19.99", "Id": "6600000002",
         "Tags": "Cancellation Synced from TikTok, Return Requested, TikTokOrderID:5770000000000002",
         "Lineitem discount": "0.00"},
    ]
    return write_rows(d / name, header, rows, encoding=encoding)


EXPECTED_SHOPIFY_GB = {
    "shopify:6600000001": dict(source_order_ref="#1059", currency="GBP", order_total_amount=D("29.99"), units=1,
                               ordered_at=dt.datetime(2025, 8, 10, 12, 0, 0), is_cancelled=False, sub_channel="tiktok"),
    "shopify:6600000002": dict(source_order_ref="#1060", currency="GBP", order_total_amount=D("19.99"), units=1,
                               ordered_at=dt.datetime(2025, 12, 7, 19, 8, 24), is_cancelled=True,
                               refunded_amount=19.99, financial_status="refunded",
                               cancelled_at=dt.datetime(2025, 12, 8, 10, 0, 0)),
}

# ------------------------------------------------------------------------------------------ Amazon


def amazon_all_orders(d: Path, name: str = "shopify_export.txt", encoding: str = "utf-8", extra_columns=False) -> Path:
    """All Orders report (Amazon.it): tab, ISO offsets, item-price is the LINE total and, on an EU marketplace,
    includes the 22 % VAT that item-tax states (Amazon: "the VAT-exclusive amount is the item price minus the item
    tax"), negative discounts, a Cancelled order with quantity 0 and no price, a non-ASCII product name (cp1252 when
    asked)."""
    header = list(AMAZON_ALL_ORDERS) + (["is-iba", "order-invoice-type", "signature-confirmation-recommended"]
                                        if extra_columns else [])
    base = {"sales-channel": "Amazon.it", "ship-service-level": "Expedited", "ship-city": "Milano", "ship-state": "MI",
            "ship-postal-code": "20121", "ship-country": "IT", "is-business-order": "false", "currency": "EUR"}
    if extra_columns:
        base.update({"is-iba": "false", "order-invoice-type": "Standard", "signature-confirmation-recommended": "false"})
    rows = [
        {**base, "amazon-order-id": "402-0000001-0000001", "purchase-date": "2017-06-17T08:04:21+00:00",
         "last-updated-date": "2017-06-18T10:00:00+00:00", "order-status": "Shipped", "fulfillment-channel": "Amazon",
         "product-name": "Tazza Caffè Espresso", "sku": "MUG-01", "asin": "B000000001", "item-status": "Shipped",
         "quantity": "2", "item-price": "30.00", "item-tax": "5.41", "shipping-price": "5.00", "shipping-tax": "0.90",
         "item-promotion-discount": "-6.5", "ship-promotion-discount": "0.00", "promotion-ids": "Sconto 10%"},
        {**base, "amazon-order-id": "402-0000001-0000001", "purchase-date": "2017-06-17T08:04:21+00:00",
         "last-updated-date": "2017-06-18T10:00:00+00:00", "order-status": "Shipped", "fulfillment-channel": "Amazon",
         "product-name": "Cucchiaino", "sku": "SPOON-01", "asin": "B000000002", "item-status": "Shipped",
         "quantity": "1", "item-price": "10.00", "item-tax": "1.80", "shipping-price": "0.00", "shipping-tax": "0.00",
         "item-promotion-discount": "0.00", "ship-promotion-discount": "0.00"},
        {**base, "amazon-order-id": "402-0000002-0000002", "purchase-date": "2017-06-19T22:15:00+00:00",
         "last-updated-date": "2017-06-20T07:00:00+00:00", "order-status": "Cancelled", "fulfillment-channel": "Merchant",
         "product-name": "Piatto fondo", "sku": "PLATE-01", "asin": "B000000003", "item-status": "Cancelled",
         "quantity": "0", "currency": ""},
        {**base, "amazon-order-id": "402-0000003-0000003", "purchase-date": "2017-06-20T12:00:00+00:00",
         "last-updated-date": "2017-06-22T12:00:00+00:00", "order-status": "Shipped", "fulfillment-channel": "Merchant",
         "product-name": "Ciotola", "sku": "BOWL-01", "asin": "B000000004", "item-status": "Shipped",
         "quantity": "1", "item-price": "25.00", "item-tax": "4.51", "shipping-price": "4.00", "shipping-tax": "0.72",
         "item-promotion-discount": "0.00", "ship-promotion-discount": "-4.00"},
    ]
    return write_rows(d / name, header, rows, delimiter="\t", encoding=encoding)


EXPECTED_AMAZON_ORDERS = {
    # VAT inside the prices: 30 + 5 - 6.5 + 10 = 38.50 (tax 5.41 + 0.90 + 1.80 = 8.11 of it); units 3; 15.00 per mug
    "amazon:402-0000001-0000001": dict(order_total_amount=D("38.50"), units=3, lines=2, currency="EUR",
                                       ordered_at=dt.datetime(2017, 6, 17, 8, 4, 21), is_cancelled=False,
                                       fulfillment_channel="FBA", subtotal_amount=40.0, discount_amount=6.5,
                                       shipping_charged_amount=5.0, tax_amount=8.11, prices_include_tax=True,
                                       net_revenue_amount=30.39),
    "amazon:402-0000002-0000002": dict(order_total_amount=D("0"), units=0, is_cancelled=True,
                                       cancelled_at=dt.datetime(2017, 6, 20, 7, 0, 0), fulfillment_channel="MFN"),
    # 25 + 4 - 4 (shipping promotion) = 25.00, VAT 4.51 + 0.72 inside
    "amazon:402-0000003-0000003": dict(order_total_amount=D("25.00"), units=1, fulfillment_channel="MFN",
                                       shipping_charged_amount=0.0, prices_include_tax=True),
}


def amazon_archived_orders(d: Path, name: str = "orders_archive.csv") -> Path:
    """The archived-orders variant: no ship-city/state/postal-code (missing optional columns), extra unknown ones."""
    rows = [{"amazon-order-id": "402-0000009-0000009", "purchase-date": "2016-11-25T10:00:00+00:00",
             "last-updated-date": "2016-11-27T10:00:00+00:00", "order-status": "Shipped", "fulfillment-channel": "Amazon",
             "sales-channel": "Amazon.it", "product-name": "Teiera", "sku": "TEAPOT-01", "quantity": "1",
             "currency": "EUR", "item-price": "40.00", "item-tax": "0.00", "ship-country": "IT",
             "is-heavy-or-bulky": "false", "is-replacement-order": "false"}]
    return write_rows(d / name, AMAZON_ARCHIVED_ORDERS, rows, delimiter="\t")


def amazon_fba_returns_iso(d: Path, name: str = "settlement.txt") -> Path:
    rows = [{"return-date": "2017-06-25T15:31:40+00:00", "order-id": "402-0000001-0000001", "sku": "MUG-01",
             "asin": "B000000001", "fnsku": "X000000001", "product-name": "Tazza Caffè Espresso", "quantity": "1",
             "fulfillment-center-id": "MXP5", "detailed-disposition": "SELLABLE", "reason": "UNWANTED_ITEM",
             "status": "Unit returned to inventory", "license-plate-number": "LPNRR000000001",
             "customer-comments": "Non mi piace il colore"}]
    return write_rows(d / name, AMAZON_FBA_RETURNS, rows, delimiter="\t")


def amazon_fba_returns_ddmm(d: Path, name: str = "returns_iso.txt") -> Path:
    """DD-MM-YYYY dates as in the help text; every day <= 12, so only the column's format family decides."""
    rows = [{"return-date": "05-06-2025", "order-id": "171-0000005-0000005", "sku": "CASE-01", "fnsku": "X000000005",
             "quantity": "1", "detailed-disposition": "CUSTOMER_DAMAGED", "reason": "DEFECTIVE",
             "license-plate-number": "LPNRR000000005"},
            {"return-date": "07-06-2025", "order-id": "171-0000006-0000006", "sku": "CASE-02", "fnsku": "X000000006",
             "quantity": "2", "detailed-disposition": "CARRIER_DAMAGED", "reason": "DAMAGED_BY_CARRIER",
             "license-plate-number": "LPNRR000000006"}]
    return write_rows(d / name, AMAZON_FBA_RETURNS, rows, delimiter="\t")


def amazon_mfn_returns(d: Path, name: str = "fba_returns.txt") -> Path:
    rows = [{"Order ID": "402-0000003-0000003", "Order date": "2017-06-20", "Return request date": "2017-06-25",
             "Return request status": "Approved", "Amazon RMA ID": "DqRMA0001", "Label type": "AmazonUnPaidLabel",
             "Label cost": "6.50", "Currency code": "EUR", "Return carrier": "Poste Italiane", "Tracking ID": "PI00001",
             "A-to-Z Claim": "N", "Is prime": "N", "ASIN": "B000000004", "Merchant SKU": "BOWL-01",
             "Item Name": "Ciotola", "Return quantity": "1", "Return Reason": "Defective", "In policy": "Y",
             "Return type": "C-Returns", "Resolution": "StandardRefund", "Return delivery date": "2017-06-29",
             "Order Amount": "25.00", "Order quantity": "1", "Refunded Amount": "25.00"}]
    return write_rows(d / name, AMAZON_MFN_RETURNS, rows, delimiter="\t")


def amazon_fulfilled_shipments(d: Path, name: str = "shipstation.csv") -> Path:
    base = {"amazon-order-id": "402-0000001-0000001", "shipment-id": "DxShp0001", "purchase-date": "2017-06-17T08:04:21+00:00",
            "payments-date": "2017-06-17T08:10:00+00:00", "shipment-date": "2017-06-18T09:00:00+00:00",
            "reporting-date": "2017-06-18T10:00:00+00:00", "currency": "EUR", "ship-service-level": "Expedited",
            "ship-city": "Milano", "ship-state": "MI", "ship-postal-code": "20121", "ship-country": "IT",
            "carrier": "AMZN_IT", "tracking-number": "IT0000000001", "estimated-arrival-date": "2017-06-21T20:00:00+00:00",
            "fulfillment-center-id": "MXP5", "fulfillment-channel": "AFN", "sales-channel": "Amazon.it"}
    rows = [{**base, "shipment-item-id": "DxItem0001", "amazon-order-item-id": "11111111111111", "sku": "MUG-01",
             "product-name": "Tazza Caffè Espresso", "quantity-shipped": "2", "item-price": "30.00", "shipping-price": "5.00"},
            {**base, "shipment-item-id": "DxItem0002", "amazon-order-item-id": "11111111111112", "sku": "SPOON-01",
             "product-name": "Cucchiaino", "quantity-shipped": "1", "item-price": "10.00", "shipping-price": "0.00"}]
    return write_rows(d / name, AMAZON_FULFILLED_SHIPMENTS, rows, delimiter="\t")


def amazon_settlement_us(d: Path, name: str = "inventory.txt") -> Path:
    """Settlement flat file V2: a summary first row, then one amount per row; `09/06/25` (DD/MM/YY) posted-date
    and `2025-06-09 05:23:19 UTC` posted-date-time, as in the real 2025 US row."""
    sid = "11111111111"
    summary = {"settlement-id": sid, "settlement-start-date": "2025-06-01 00:00:00 UTC",
               "settlement-end-date": "2025-06-15 00:00:00 UTC", "deposit-date": "2025-06-17 00:00:00 UTC",
               "total-amount": "12.43", "currency": "USD"}
    line = {"settlement-id": sid, "transaction-type": "Order", "order-id": "1211397397571528200",
            "marketplace-name": "Amazon.com", "fulfillment-id": "AFN", "posted-date": "09/06/25",
            "posted-date-time": "2025-06-09 05:23:19 UTC", "order-item-code": "55555555555555", "sku": "13Z2Q8JWG710",
            "quantity-purchased": "1"}
    amounts = [("ItemPrice", "Principal", "14.9"), ("ItemPrice", "Shipping", "3.99"), ("ItemPrice", "Tax", "1.19"),
               ("ItemFees", "Commission", "-2.24"), ("ItemFees", "FBAPerUnitFulfillmentFee", "-3.22"),
               ("Promotion", "Shipping", "-1.00"), ("ItemWithheldTax", "MarketplaceFacilitatorTax-Principal", "-1.19")]
    rows = [summary] + [{**line, "amount-type": t, "amount-description": desc, "amount": a} for t, desc, a in amounts]
    return write_rows(d / name, AMAZON_SETTLEMENT_V2, rows, delimiter="\t")


EXPECTED_SETTLEMENT_US = {  # fee_group -> sum of amounts
    "revenue": 14.9 + 3.99 + 1.19, "referral_fee": -2.24, "fulfillment_fee": -3.22, "promotion": -1.00, "tax": -1.19,
}


def amazon_settlement_de(d: Path, name: str = "orders.txt") -> Path:
    """EU settlement: comma decimals (`95,00`), dotted posted-date `09.06.2025`, no posted-date-time values."""
    sid = "22222222222"
    rows = [{"settlement-id": sid, "settlement-start-date": "2025-06-01 00:00:00 UTC",
             "settlement-end-date": "2025-06-15 00:00:00 UTC", "deposit-date": "2025-06-17 00:00:00 UTC",
             "total-amount": "77,25", "currency": "EUR"}]
    line = {"settlement-id": sid, "transaction-type": "Order", "order-id": "302-0000007-0000007",
            "marketplace-name": "Amazon.de", "fulfillment-id": "AFN", "posted-date": "09.06.2025",
            "order-item-code": "66666666666666", "sku": "LAMP-DE", "quantity-purchased": "1"}
    for t, desc, a in [("ItemPrice", "Principal", "95,00"), ("ItemFees", "Commission", "-14,25"),
                       ("ItemFees", "FBAPerUnitFulfillmentFee", "-3,50")]:
        rows.append({**line, "amount-type": t, "amount-description": desc, "amount": a})
    return write_rows(d / name, AMAZON_SETTLEMENT_V2, rows, delimiter="\t")


def amazon_settlement_v1_ca(d: Path, name: str = "settlement.txt") -> Path:
    """Older layout, Amazon.ca: a summary row (id, dates, total, currency), then rows whose amounts sit in typed
    columns: an order (principal, shipping, commission, FBA fee, promotion), a refund, a storage fee (other-fee),
    an account-level subscription fee (misc). ISO dates with offsets as in the 2015 MWS settlement."""
    sid = "6016502941"
    summary = {"settlement-id": sid, "settlement-start-date": "2015-11-18T03:27:08+00:00",
               "settlement-end-date": "2015-12-02T03:27:08+00:00", "deposit-date": "2015-12-04T03:27:08+00:00",
               "total-amount": "32.51", "currency": "CAD"}
    order = {"settlement-id": sid, "transaction-type": "Order", "order-id": "701-1234567-1234567",
             "marketplace-name": "Amazon.ca", "fulfillment-id": "AFN", "posted-date": "2015-11-20T10:00:00+00:00",
             "order-item-code": "11111111111111", "sku": "CUP-CA", "quantity-purchased": "2", "shipment-id": "DABC123"}
    rows = [summary,
            {**order, "price-type": "Principal", "price-amount": "50.00"},
            {**order, "price-type": "Shipping", "price-amount": "5.00"},
            {**order, "item-related-fee-type": "Commission", "item-related-fee-amount": "-7.50"},
            {**order, "item-related-fee-type": "FBAPerUnitFulfillmentFee", "item-related-fee-amount": "-6.49"},
            {**order, "promotion-id": "PROMO-1", "promotion-type": "Shipping", "promotion-amount": "-5.00"},
            {**order, "transaction-type": "Refund", "adjustment-id": "ADJ-1", "posted-date": "2015-11-25T10:00:00+00:00",
             "quantity-purchased": "", "price-type": "Principal", "price-amount": "-25.00"},
            {**order, "transaction-type": "Refund", "adjustment-id": "ADJ-1", "posted-date": "2015-11-25T10:00:00+00:00",
             "quantity-purchased": "", "item-related-fee-type": "Commission", "item-related-fee-amount": "3.75"},
            {"settlement-id": sid, "transaction-type": "other-transaction", "posted-date": "2015-11-30T00:00:00+00:00",
             "other-fee-amount": "-2.25", "other-fee-reason-description": "Storage Fee"},
            {"settlement-id": sid, "transaction-type": "other-transaction", "posted-date": "2015-11-30T00:00:00+00:00",
             "misc-fee-amount": "-29.99"},
            {"settlement-id": sid, "transaction-type": "other-transaction", "posted-date": "2015-12-01T00:00:00+00:00",
             "other-amount": "49.99"}]
    return write_rows(d / name, AMAZON_SETTLEMENT_V1, rows, delimiter="\t")


# ------------------------------------------------------------------------------------------ Walmart


def _walmart_rows():
    base = {"Order#": "2000000001", "Customer Name": "Customer W1", "City": "Austin", "State": "TX", "Zip": "78701",
            "Shipping Method": "Standard", "Shipping Tier": "Value", "Shipping SLA": "3", "Shipping Config SOurce": "Seller",
            "Carrier": "UPS", "Tracking Number": "1Z999AA10123456784", "Fulfillment Entity": "Seller Fulfilled"}
    return [
        {**base, "PO#": "4000000001", "Order Date": "07/21/2025", "Ship By": "07/23/2025", "Delivery Date": "07/28/2025",
         "Line#": "1", "UPC": "000000000011", "Status": "Shipped", "Item Description": "Widget", "Qty": "2",
         "SKU": "WID-1", "Item Cost": "20.00", "Shipping Cost": "5.00", "Tax": "1.50"},  # line amounts: 2 x 10.00
        {**base, "PO#": "4000000001", "Order Date": "07/21/2025", "Ship By": "07/23/2025", "Delivery Date": "07/28/2025",
         "Line#": "2", "UPC": "000000000012", "Status": "Shipped", "Item Description": "Widget Mini", "Qty": "1",
         "SKU": "WID-2", "Item Cost": "7.00", "Shipping Cost": "0.00", "Tax": "0.50"},
        {**base, "PO#": "4000000002", "Order#": "2000000002", "Order Date": "07/22/2025", "Ship By": "07/24/2025",
         "Delivery Date": "07/29/2025", "Line#": "1", "Status": "Cancelled", "Item Description": "Widget", "Qty": "1",
         "SKU": "WID-1", "Item Cost": "10.00", "Shipping Cost": "0.00", "Tax": "0.75", "Carrier": "",
         "Tracking Number": ""},
    ]


def walmart_csv(d: Path, name: str = "shopify_orders.csv") -> Path:
    return write_rows(d / name, WALMART, _walmart_rows())


EXPECTED_WALMART_CSV = {
    # Item Cost, Shipping Cost and Tax are line amounts: 20.00 + 5.00 + 1.50 + 7.00 + 0.50 = 34.00 (unit prices 10, 7)
    "walmart:4000000001": dict(order_total_amount=D("34.00"), units=3, lines=2, currency="USD",
                               ordered_at=dt.datetime(2025, 7, 21), ship_by_at=dt.datetime(2025, 7, 23, 23, 59, 59),
                               promised_delivery_date=dt.date(2025, 7, 28), is_cancelled=False),
    "walmart:4000000002": dict(order_total_amount=D("10.75"), units=1, is_cancelled=True),
}


def walmart_xlsx(d: Path, name: str = "amazon_report.xlsx") -> Path:
    """The .xlsx download: a notes sheet first, a title row above the header, real Excel dates and numbers."""
    from openpyxl import Workbook
    wb = Workbook()
    notes = wb.active
    notes.title = "Read me"
    notes.append(["This report lists your orders."])
    notes.append(["Generated", dt.datetime(2025, 8, 1, 9, 0)])
    sheet = wb.create_sheet("Orders")
    sheet.append(["Walmart Seller Center - Order report"])
    sheet.append(WALMART)
    for po, line, qty, sku, cost, ship, tax, day in (("4000000003", 1, 3, "WID-3", 12.75, 2.0, 0.9, 2),
                                                    ("4000000003", 2, 1, "WID-1", 10.0, 0.0, 0.6, 2),
                                                    ("4000000004", 1, 2, "WID-2", 14.0, 3.5, 1.0, 3)):
        r = dict.fromkeys(WALMART)
        r.update({"PO#": po, "Order#": "2" + po[1:], "Order Date": dt.datetime(2025, 8, day, 13, 45),
                  "Ship By": dt.datetime(2025, 8, day + 2), "Delivery Date": dt.datetime(2025, 8, day + 6),
                  "Line#": line, "Status": "Acknowledged", "Qty": qty, "SKU": sku, "Item Cost": cost,
                  "Shipping Cost": ship, "Tax": tax, "State": "WA", "Zip": "98101",
                  "Fulfillment Entity": "Walmart Fulfillment Services"})
        sheet.append([r[h] for h in WALMART])
    path = d / name
    wb.save(path)
    return path


EXPECTED_WALMART_XLSX = {
    # line amounts: 12.75 (3 x 4.25) + 2.00 + 0.90 + 10.00 + 0.60 = 26.25
    "walmart:4000000003": dict(order_total_amount=D("26.25"), units=4, lines=2,
                               ordered_at=dt.datetime(2025, 8, 2, 13, 45), fulfillment_channel="WFS",
                               promised_delivery_date=dt.date(2025, 8, 8)),
    # 14.00 (2 x 7.00) + 3.50 + 1.00 = 18.50
    "walmart:4000000004": dict(order_total_amount=D("18.50"), units=2, lines=1),
}

# ------------------------------------------------------------------------------------------ eBay


def ebay_us(d: Path, name: str = "walmart_orders.csv", trailer_style: str = "plain") -> Path:
    """`sep=,` line, `$` money with thousands separators, `Jul-21-25` dates, a multi-item order (parent summary
    row + item rows), trailer rows after a blank line."""
    base = {"Buyer Username": "buyer_1", "Ship To City": "Austin", "Ship To State": "TX", "Ship To Zip": "78701",
            "Ship To Country": "United States", "Payment Method": "PayPal", "Shipping Service": "USPS Ground Advantage"}
    rows = [
        {**base, "Sales Record Number": "1001", "Order Number": "12-13245-67890", "Item Number": "123456789012",
         "Item Title": "Vintage Lamp", "Custom Label": "LAMP-1", "Quantity": "1", "Sold For": "$45.99",
         "Shipping And Handling": "$8.00", "Seller Collected Tax": "$0.00", "eBay Collected Tax": "$3.80",
         "Total Price": "$57.79", "Sale Date": "Jul-21-25", "Paid On Date": "Jul-21-25", "Ship By Date": "Jul-23-25",
         "Minimum Estimated Delivery Date": "Jul-25-25", "Maximum Estimated Delivery Date": "Jul-29-25",
         "Shipped On Date": "Jul-22-25", "Tracking Number": "9400111899223197428490", "Transaction ID": "1000000000001"},
        {**base, "Sales Record Number": "1002", "Order Number": "12-13245-67891", "Item Number": "123456789013",
         "Item Title": "Oak Sideboard", "Custom Label": "SIDEBOARD-1", "Quantity": "3", "Sold For": "$474.22",
         "Shipping And Handling": "$11.00", "Seller Collected Tax": "$0.00", "eBay Collected Tax": "$0.00",
         "Total Price": "$1,433.66", "Sale Date": "Aug-02-25", "Paid On Date": "Aug-02-25", "Ship By Date": "Aug-05-25",
         "Transaction ID": "1000000000002"},
        # multi-item order: parent summary row (no item) + two item rows
        {**base, "Sales Record Number": "1003", "Order Number": "12-13245-67892", "Quantity": "2",
         "Shipping And Handling": "$5.00", "Total Price": "$25.00", "Sale Date": "Aug-05-25"},
        {**base, "Sales Record Number": "1004", "Order Number": "12-13245-67892", "Item Number": "123456789014",
         "Item Title": "Brass Hook", "Custom Label": "HOOK-1", "Quantity": "1", "Sold For": "$10.00",
         "Sale Date": "Aug-05-25", "Transaction ID": "1000000000003"},
        {**base, "Sales Record Number": "1005", "Order Number": "12-13245-67892", "Item Number": "123456789015",
         "Item Title": "Brass Hook Large", "Custom Label": "HOOK-2", "Quantity": "1", "Sold For": "$10.00",
         "Sale Date": "Aug-05-25", "Transaction ID": "1000000000004"},
    ]
    trailer = {"plain": ["", "5 record(s) downloaded", "Seller ID : shop_x"],
               "padded": [",,,,", '"5 record(s) downloaded",,,,,', '"Seller ID : shop_x",,,']}[trailer_style]
    return write_rows(d / name, EBAY_US, rows, preamble=["sep=,"], trailer=trailer)


EXPECTED_EBAY_US = {
    "ebay:12-13245-67890": dict(order_total_amount=D("57.79"), units=1, lines=1, ordered_at=dt.datetime(2025, 7, 21),
                                ship_by_at=dt.datetime(2025, 7, 23, 23, 59, 59), promised_delivery_date=dt.date(2025, 7, 29),
                                currency="USD"),
    "ebay:12-13245-67891": dict(order_total_amount=D("1433.66"), units=3, lines=1, ordered_at=dt.datetime(2025, 8, 2),
                                gross_sales_amount=1422.66),
    # items 2 x $10.00 + parent-row shipping $5.00 = the parent's Total Price $25.00
    "ebay:12-13245-67892": dict(order_total_amount=D("25.00"), units=2, lines=2, ordered_at=dt.datetime(2025, 8, 5)),
}


def ebay_uk(d: Path, name: str = "walmart_uk.csv") -> Path:
    """UK variant: lower-case headers with `Post to …`, `£` money, day-first `21-Jul-25` dates."""
    rows = [{"Sales record number": "501", "Order number": "05-11111-22222", "Buyer username": "uk_buyer",
             "Post to name": "Customer U1", "Post to city": "Leeds", "Post to county": "West Yorkshire",
             "Post to postcode": "LS1 4AP", "Post to country": "United Kingdom", "Item number": "223456789012",
             "Item title": "Tea Tin", "Custom label": "TIN-UK", "Quantity": "2", "Sold for": "£12.99",
             "Postage and packaging": "£3.20", "Total price": "£29.18", "Sale date": "21-Jul-25",
             "Paid on date": "21-Jul-25", "Delivery service": "Royal Mail 2nd Class", "Transaction ID": "2000000000001"}]
    return write_rows(d / name, EBAY_UK, rows)


EXPECTED_EBAY_UK = {
    "ebay:05-11111-22222": dict(order_total_amount=D("29.18"), units=2, ordered_at=dt.datetime(2025, 7, 21),
                                shipping_charged_amount=3.2, ship_to_country="United Kingdom",
                                ship_to_region="West Yorkshire", currency="GBP"),
}

# ------------------------------------------------------------------------------------------ ShipStation


def shipstation(d: Path, name: str = "amazon_settlement.csv") -> Path:
    """`Group - Field` columns (with the real `Markeplace` typo): one package for Shopify order #1001, item rows
    repeated, a 12-hour clock shipped time."""
    base = {"Order - Number": "#1001", "Date - Order Date": "4/5/2026 9:06:21 PM", "Date - Paid Date": "4/5/2026 9:10:00 PM",
            "Date - Shipped Date": "4/6/2026 2:05:00 PM", "Market - Store Name": "Glow BD",
            "Market - Markeplace Name": "Shopify", "Amount - Order Total": "1500.00", "Amount - Order Subtotal": "1400.00",
            "Amount - Order Tax": "0.00", "Amount - Order Shipping": "100.00", "Amount - Shipping Cost": "7.25",
            "Amount - Paid by Customer": "1500.00", "Count - Number of Items": "3", "Item - Location": "Dhaka DC",
            "Ship To - Name": "Customer A1", "Ship To - Postal Code": "1207", "Carrier - Service Requested": "USPS Priority Mail",
            "Tracking Number": "9400111899223197428491", "Source": "shopify"}
    rows = [{**base, "Item - SKU": "KURTI-RED-M", "Item - Name": "Cotton Kurti - Red / M", "Item - Qty": "2",
             "Item - Price": "500.00"},
            {**base, "Item - SKU": "SCARF-1", "Item - Name": "Silk Scarf", "Item - Qty": "1", "Item - Price": "400.00"}]
    return write_rows(d / name, SHIPSTATION, rows)


EXPECTED_SHIPSTATION = dict(order_id="shopify:5500000001", shipped_at=dt.datetime(2026, 4, 6, 14, 5, 0),
                            label_cost_amount=7.25, warehouse="Dhaka DC", tracking="9400111899223197428491")

# ------------------------------------------------------------------------------------------ Opsdesk templates


def tmpl_orders(d: Path, name: str = "shopify.csv", encoding: str = "utf-8") -> Path:
    header = ["order_id", "channel", "ordered_at", "line_no", "sku", "product_name", "category", "quantity",
              "unit_price", "line_discount", "shipping_charged", "currency", "status", "ship_by",
              "promised_delivery_date", "warehouse", "ship_to_region", "ship_to_country", "customer_id"]
    rows = [{"order_id": "W-1", "channel": "wholesale", "ordered_at": "2026-03-02 10:30", "line_no": "1", "sku": "CUP-1",
             "product_name": "Cup", "quantity": "10", "unit_price": "4.50", "line_discount": "5.00",
             "shipping_charged": "12.00", "currency": "USD", "status": "shipped", "ship_by": "2026-03-03 17:00",
             "promised_delivery_date": "2026-03-09", "warehouse": "East DC", "ship_to_region": "NY",
             "ship_to_country": "US", "customer_id": "C-9"},
            {"order_id": "W-1", "channel": "wholesale", "ordered_at": "2026-03-02 10:30", "line_no": "2", "sku": "SAUCER-1",
             "product_name": "Saucer", "quantity": "5", "unit_price": "3.00", "currency": "USD", "status": "shipped",
             "warehouse": "East DC"}]
    return write_rows(d / name, header, rows, encoding=encoding)


EXPECTED_TMPL_ORDERS = {
    # (10 x 4.50 - 5.00) + 5 x 3.00 + 12.00 shipping = 67.00
    "wholesale:W-1": dict(order_total_amount=D("67.00"), units=15, lines=2, ordered_at=dt.datetime(2026, 3, 2, 10, 30),
                          ship_by_at=dt.datetime(2026, 3, 3, 17, 0), promised_delivery_date=dt.date(2026, 3, 9),
                          warehouse_hint="East DC", currency="USD"),
}


def tmpl_shipments(d: Path, name: str = "orders.csv") -> Path:
    header = ["shipment_id", "order_id", "channel", "carrier", "service", "tracking_number", "warehouse",
              "label_created_at", "first_scan_at", "delivered_at", "promised_delivery_date", "status", "weight_lb",
              "length_in", "width_in", "height_in", "label_cost", "quoted_cost", "shipping_charged"]
    rows = [{"shipment_id": "PKG-1", "order_id": "W-1", "channel": "wholesale", "carrier": "UPS", "service": "Ground",
             "tracking_number": "1Z0000000000000001", "warehouse": "East DC", "label_created_at": "2026-03-02 15:00",
             "first_scan_at": "2026-03-02 18:00", "delivered_at": "2026-03-06 11:00", "status": "delivered",
             "weight_lb": "3.5", "length_in": "12", "width_in": "10", "height_in": "8", "label_cost": "11.40",
             "quoted_cost": "10.90", "shipping_charged": "12.00"}]
    return write_rows(d / name, header, rows)


def tmpl_returns(d: Path, name: str = "shipments.csv") -> Path:
    header = ["return_id", "order_id", "channel", "sku", "quantity", "requested_at", "returned_at", "reason_code",
              "reason", "disposition", "outcome", "refund_amount", "return_label_cost", "processing_cost"]
    rows = [{"return_id": "R-1", "order_id": "W-1", "channel": "wholesale", "sku": "CUP-1", "quantity": "2",
             "requested_at": "2026-03-10", "returned_at": "2026-03-14 09:00", "reason_code": "DAMAGED",
             "reason": "Arrived broken", "disposition": "Destroy", "outcome": "Refund", "refund_amount": "9.00",
             "return_label_cost": "6.10", "processing_cost": "2.00"}]
    return write_rows(d / name, header, rows)


def tmpl_inventory_padded(d: Path, name: str = "returns.csv") -> Path:
    """Padded and capitalised header names (`' Sku                      '`) and padded values; day-first snapshot dates.
    (Title Case with spaces, `Snapshot Date`, is not the template's spelling: tests/ingest/test_detection.py.)"""
    header = ["snapshot_date", "sku", "location", "on_hand", "available", "reserved", "inbound"]
    text = [" snapshot_date   ", " Sku                                 ", " Location  ", "on_hand ", " Available", "reserved", "INBOUND"]
    rows = [{"snapshot_date": "13/03/2026", "sku": "  CUP-1   ", "location": "East DC ", "on_hand": " 100 ",
             "available": "90", "reserved": "10", "inbound": "0"},
            {"snapshot_date": "15/03/2026", "sku": "CUP-1", "location": "East DC", "on_hand": "80", "available": "80"}]
    return write_rows(d / name, header, rows, header_text=text)


def tmpl_products(d: Path, name: str = "costs.csv") -> Path:
    """Extra unknown columns (`Notes`, `Barcode`) and most optional columns missing."""
    header = ["sku", "Barcode", "product_name", "category", "Notes", "price", "is_active"]
    rows = [{"sku": "CUP-1", "Barcode": "3.65275E+11", "product_name": "Cup", "category": "Kitchen",
             "Notes": "best seller", "price": "4.50", "is_active": "yes"},
            {"sku": "KURTI-RED-M", "product_name": "Cotton Kurti", "category": "Apparel", "price": "500", "is_active": "TRUE"}]
    return write_rows(d / name, header, rows)


def tmpl_product_costs(d: Path, name: str = "products.csv") -> Path:
    header = ["sku", "effective_from", "unit_cost", "inbound_freight_per_unit", "duty_rate", "other_cost_per_unit", "currency"]
    rows = [{"sku": "CUP-1", "effective_from": "2026-01-01", "unit_cost": "1.20", "inbound_freight_per_unit": "0.10",
             "duty_rate": "0.05", "currency": "USD"},
            {"sku": "CUP-1", "effective_from": "2026-03-05", "unit_cost": "1.50", "currency": "USD"}]
    return write_rows(d / name, header, rows)


def tmpl_purchase_orders(d: Path, name: str = "ads.csv") -> Path:
    """A day-first column (`13/02/2026`) and a month-first column (`02/20/2026`) in the same file."""
    header = ["po_id", "sku", "supplier", "location", "ordered_at", "expected_at", "received_at", "quantity_ordered",
              "quantity_received", "unit_cost"]
    rows = [{"po_id": "PO-1", "sku": "CUP-1", "supplier": "Acme", "location": "East DC", "ordered_at": "13/02/2026",
             "expected_at": "02/20/2026", "received_at": "02/27/2026", "quantity_ordered": "500",
             "quantity_received": "480", "unit_cost": "1.20"},
            {"po_id": "PO-2", "sku": "SAUCER-1", "supplier": "Acme", "location": "East DC", "ordered_at": "01/03/2026",
             "expected_at": "03/10/2026", "quantity_ordered": "200", "unit_cost": "0.80"}]
    return write_rows(d / name, header, rows)


def tmpl_3pl_invoice(d: Path, name: str = "carrier.csv") -> Path:
    header = ["invoice_id", "invoice_date", "provider", "warehouse", "order_id", "sku", "charge_type", "quantity", "amount"]
    rows = [{"invoice_id": "INV-1", "invoice_date": "2026-03-31", "provider": "ShipCo 3PL", "warehouse": "East DC",
             "order_id": "W-1", "charge_type": "pick_pack", "quantity": "15", "amount": "7.50"},
            {"invoice_id": "INV-1", "invoice_date": "2026-03-31", "provider": "ShipCo 3PL", "warehouse": "East DC",
             "charge_type": "storage", "amount": "120.00"}]
    return write_rows(d / name, header, rows)


def tmpl_carrier_adjustments(d: Path, name: str = "invoice.csv") -> Path:
    header = ["invoice_id", "carrier", "tracking_number", "adjustment_date", "adjustment_type", "amount", "billed_weight_lb"]
    rows = [{"invoice_id": "UPS-77", "carrier": "UPS", "tracking_number": "1Z0000000000000001",
             "adjustment_date": "2026-03-20", "adjustment_type": "dim_weight", "amount": "3.15", "billed_weight_lb": "7"}]
    return write_rows(d / name, header, rows)


def tmpl_promotions(d: Path, name: str = "csat.csv") -> Path:
    header = ["name", "start_date", "end_date", "event_type", "channel", "sku", "category", "discount_rate"]
    rows = [{"name": "Spring Sale", "start_date": "2026-03-01", "end_date": "2026-03-07", "event_type": "promotion",
             "channel": "wholesale", "discount_rate": "0.1"},
            {"name": "Black Friday", "start_date": "2025-11-28", "end_date": "2025-12-01", "event_type": "peak"}]
    return write_rows(d / name, header, rows)


def tmpl_csat(d: Path, name: str = "promotions.csv") -> Path:
    header = ["response_id", "responded_at", "score", "order_id", "channel", "comment"]
    rows = [{"response_id": "S-1", "responded_at": "2026-03-08 12:00", "score": "5", "order_id": "W-1",
             "channel": "wholesale", "comment": "Great, thanks"},
            {"response_id": "S-2", "responded_at": "2026-03-09 12:00", "score": "2", "comment": "Late, \"broken\" cup"}]
    return write_rows(d / name, header, rows)


def tmpl_disputes(d: Path, name: str = "csat_responses.csv") -> Path:
    header = ["dispute_id", "order_id", "channel", "opened_at", "reason", "amount", "currency", "fee", "status",
              "resolved_at", "payment_method"]
    rows = [{"dispute_id": "dp_1", "order_id": "W-1", "channel": "wholesale", "opened_at": "2026-03-20 09:00",
             "reason": "fraudulent", "amount": "$24.00", "currency": "USD", "fee": "15.00", "status": "lost",
             "resolved_at": "2026-04-30 10:00", "payment_method": "card"},
            {"dispute_id": "dp_2", "order_id": "#9999", "opened_at": "2026-03-22 09:00", "amount": "10",
             "status": "needs_response"}]
    return write_rows(d / name, header, rows)


def tmpl_ad_spend(d: Path, name: str = "purchase_orders.csv") -> Path:
    header = ["date", "sku", "channel", "spend", "clicks", "impressions", "attributed_sales"]
    rows = [{"date": "2026-03-01", "sku": "CUP-1", "channel": "wholesale", "spend": "$25.00", "clicks": "40",
             "impressions": "1,200", "attributed_sales": "90.00"},
            {"date": "2026-03-02", "sku": "CUP-1", "channel": "wholesale", "spend": "30", "clicks": "50",
             "impressions": "1500", "attributed_sales": ""}]
    return write_rows(d / name, header, rows)


def tmpl_fx_rates(d: Path, name: str = "rates.csv") -> Path:
    header = ["date", "from_currency", "to_currency", "rate"]
    rows = [{"date": "2026-03-01", "from_currency": "BDT", "to_currency": "USD", "rate": "0.0082"},
            {"date": "2026-03-15", "from_currency": "usd", "to_currency": "bdt", "rate": "125"}]
    return write_rows(d / name, header, rows)


# The ECB's eurofxref-hist.csv as downloaded: Date + one column per currency (units per 1 EUR), "N/A" where the ECB had
# no rate that day, a trailing empty column. Header and values as the ECB writes them (rates of 30 Oct 2026).
ECB_HIST_HEADER = ("Date,USD,JPY,BGN,CYP,CZK,DKK,EEK,GBP,HUF,LTL,LVL,MTL,PLN,ROL,RON,SEK,SIT,SKK,CHF,ISK,NOK,HRK,RUB,TRL,"
                   "TRY,AUD,BRL,CAD,CNY,HKD,IDR,ILS,INR,KRW,MXN,MYR,NZD,PHP,SGD,THB,ZAR,").split(",")


def ecb_fx_history(d: Path, name: str = "eurofxref-hist.csv", rows: dict | None = None) -> Path:
    """rows: date -> {currency: per_eur}; every other currency N/A."""
    rows = rows or {"2026-10-30": {"USD": "1.1172", "JPY": "175.68", "GBP": "0.8338", "CHF": "0.9194", "TRY": "55.8015",
                                   "AUD": "1.5904", "CAD": "1.5606", "ZAR": "18.6455"},
                    "2026-10-29": {"USD": "1.113", "JPY": "175.92", "GBP": "0.83578", "CHF": "0.9222", "TRY": "55.4691",
                                   "AUD": "1.5842", "CAD": "1.5577", "ZAR": "18.5218"}}
    out = [{c: (day if c == "Date" else rates.get(c, "N/A" if c else "")) for c in ECB_HIST_HEADER}
           for day, rates in rows.items()]
    return write_rows(d / name, ECB_HIST_HEADER, out)


TEMPLATE_BUILDERS = {  # format name -> builder (every Opsdesk template)
    "opsdesk_orders": tmpl_orders, "opsdesk_shipments": tmpl_shipments, "opsdesk_returns": tmpl_returns,
    "opsdesk_inventory": tmpl_inventory_padded, "opsdesk_products": tmpl_products,
    "opsdesk_product_costs": tmpl_product_costs, "opsdesk_purchase_orders": tmpl_purchase_orders,
    "opsdesk_3pl_invoice": tmpl_3pl_invoice, "opsdesk_carrier_adjustments": tmpl_carrier_adjustments,
    "opsdesk_promotions": tmpl_promotions, "opsdesk_csat": tmpl_csat, "opsdesk_ad_spend": tmpl_ad_spend,
    "opsdesk_fx_rates": tmpl_fx_rates, "opsdesk_disputes": tmpl_disputes,
}

# Every platform fixture: key -> (builder, expected format). File names are misleading on purpose.
PLATFORM_BUILDERS = {
    "shopify_79": (shopify_orders_79, "shopify_orders"),
    "shopify_75_za": (shopify_orders_75_za, "shopify_orders"),
    "shopify_gb": (shopify_orders_gb, "shopify_orders"),
    "amazon_all_orders": (amazon_all_orders, "amazon_orders"),
    "amazon_archived_orders": (amazon_archived_orders, "amazon_orders"),
    "amazon_fba_returns_iso": (amazon_fba_returns_iso, "amazon_fba_returns"),
    "amazon_fba_returns_ddmm": (amazon_fba_returns_ddmm, "amazon_fba_returns"),
    "amazon_mfn_returns": (amazon_mfn_returns, "amazon_mfn_returns"),
    "amazon_fulfilled_shipments": (amazon_fulfilled_shipments, "amazon_shipments"),
    "amazon_settlement_us": (amazon_settlement_us, "amazon_settlement"),
    "amazon_settlement_de": (amazon_settlement_de, "amazon_settlement"),
    "amazon_settlement_v1_ca": (amazon_settlement_v1_ca, "amazon_settlement_v1"),
    "walmart_csv": (walmart_csv, "walmart_orders"),
    "walmart_xlsx": (walmart_xlsx, "walmart_orders"),
    "ebay_us": (ebay_us, "ebay_orders"),
    "ebay_uk": (ebay_uk, "ebay_orders"),
    "shipstation": (shipstation, "shipstation_shipments"),
    "ecb_fx_history": (ecb_fx_history, "ecb_fx_rates"),
}


def build_all(d: Path) -> dict[str, tuple[Path, str]]:
    """Every fixture in its own sub-folder of `d` (names collide on purpose): key -> (path, expected format)."""
    out = {}
    for key, (fn, fmt) in PLATFORM_BUILDERS.items():
        sub = d / key
        sub.mkdir(parents=True, exist_ok=True)
        out[key] = (fn(sub), fmt)
    for fmt, fn in TEMPLATE_BUILDERS.items():
        sub = d / fmt
        sub.mkdir(parents=True, exist_ok=True)
        out[fmt] = (fn(sub), fmt)
    return out


# ------------------------------------------------------------------------------------------ large generated export


def big_shopify_export(path: Path, orders: int, seed: int = 1, first_id: int = 7_000_000_000) -> tuple[int, int]:
    """Stream a Shopify 79-column export of `orders` orders (1–4 line items, every 25th with a two-line note).
    Returns (orders, rows)."""
    rnd = random.Random(seed)
    idx = {h: i for i, h in enumerate(SHOPIFY_79)}
    n = len(SHOPIFY_79)
    t0 = dt.datetime(2025, 1, 1)
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(SHOPIFY_79) + "\n")
        buf = []
        for k in range(orders):
            oid = first_id + k
            created = (t0 + dt.timedelta(seconds=k * 97)).strftime("%Y-%m-%d %H:%M:%S") + " -0500"
            lines = rnd.choice((1, 1, 2, 2, 3, 4))
            items = [(rnd.randint(1, 3), rnd.randint(500, 9000) / 100.0, rnd.randint(1, 400)) for _ in range(lines)]
            subtotal = sum(q * p for q, p, _ in items)
            ship = 5.0 if subtotal < 50 else 0.0
            tax = round(subtotal * 0.08, 2)
            for li, (q, p, s) in enumerate(items):
                r = [""] * n
                r[idx["Name"]] = f"#{1000 + k}"
                r[idx["Email"]] = f"c{k % 9973}@example.invalid"
                r[idx["Created at"]] = created
                r[idx["Lineitem quantity"]] = str(q)
                r[idx["Lineitem name"]] = f"Product {s} - Blue / M"
                r[idx["Lineitem price"]] = f"{p:.2f}"
                r[idx["Lineitem sku"]] = f"SKU-{s:04d}"
                r[idx["Lineitem requires shipping"]] = "true"
                r[idx["Lineitem taxable"]] = "true"
                r[idx["Lineitem fulfillment status"]] = "fulfilled"
                r[idx["Lineitem discount"]] = "0.00"
                r[idx["Vendor"]] = "Opsdesk Test"
                if li == 0:
                    r[idx["Financial Status"]] = "paid" if k % 17 else "refunded"
                    r[idx["Paid at"]] = created
                    r[idx["Fulfillment Status"]] = "fulfilled"
                    r[idx["Accepts Marketing"]] = "no"
                    r[idx["Currency"]] = "USD"
                    r[idx["Subtotal"]] = f"{subtotal:.2f}"
                    r[idx["Shipping"]] = f"{ship:.2f}"
                    r[idx["Taxes"]] = f"{tax:.2f}"
                    r[idx["Total"]] = f"{subtotal + ship + tax:.2f}"
                    r[idx["Discount Amount"]] = "0.00"
                    r[idx["Shipping Method"]] = "Standard"
                    r[idx["Shipping City"]] = "Springfield"
                    r[idx["Shipping Zip"]] = f"{10000 + k % 89999}"
                    r[idx["Shipping Province"]] = "IL"
                    r[idx["Shipping Country"]] = "US"
                    r[idx["Payment Method"]] = "Shopify Payments"
                    r[idx["Refunded Amount"]] = "0.00"
                    r[idx["Outstanding Balance"]] = "0.00"
                    r[idx["Id"]] = str(oid)
                    r[idx["Risk Level"]] = "Low"
                    r[idx["Source"]] = "web"
                    if k % 25 == 0:
                        r[idx["Notes"]] = '"Leave at door\nRing twice"'
                buf.append(",".join(r))
                rows += 1
            if len(buf) >= 5000:
                f.write("\n".join(buf) + "\n")
                buf.clear()
        if buf:
            f.write("\n".join(buf) + "\n")
    return orders, rows


# ------------------------------------------------------------------------------------------ table dumps


def _dump(con, tables) -> dict:
    out = {}
    for t in tables:
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position",
            {"t": t}).fetchall()]
        rows = con.execute(f'SELECT * FROM "{t}"').fetchall()
        out[t] = (tuple(cols), sorted(rows, key=repr))
    return out


def dump_db(ws, exclude=("snapshot_info",)) -> dict:
    """Full contents of every table of the workspace database (raw, meta, cfg, seeds, marts)."""
    import duckdb
    con = duckdb.connect(str(ws.db_path), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
            "AND table_schema = 'main' ORDER BY 1").fetchall() if r[0] not in exclude]
        return _dump(con, tables)
    finally:
        con.close()


def dump_snapshot(ws, exclude=("snapshot_info",)) -> dict:
    """Full contents of every table of the current published snapshot."""
    con = ws.reader()
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()
            if r[0] not in exclude]
        return _dump(con, tables)
    finally:
        con.close()


def marts_only(dump: dict) -> dict:
    from lib.warehouse import MARTS
    return {t: v for t, v in dump.items() if t in MARTS}


def diff_tables(a: dict, b: dict) -> list[str]:
    """Names of tables whose columns or rows differ (or that exist on one side only)."""
    return sorted(t for t in set(a) | set(b) if a.get(t) != b.get(t))


def query(ws, sql: str, params=None) -> list[tuple]:
    con = ws.reader()
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


def query_dicts(ws, sql: str, params=None) -> list[dict]:
    con = ws.reader()
    try:
        cur = con.execute(sql, params or {})
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]
    finally:
        con.close()


def env_for_subprocess() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env
