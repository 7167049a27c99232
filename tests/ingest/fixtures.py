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
                                shipping_charged_amount=3.2, ship_to_country="GB",  # "United Kingdom" in the file
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


def zendesk_tickets(d: Path, name: str = "orders_export.csv") -> Path:
    """Zendesk's CSV export (its help article's column list, with a `[list]` and a `[txt]` custom field): two
    tickets, one rated Good, times in the account's zone."""
    header = ["Id", "Requester", "Requester id", "Requester external id", "Requester email", "Requester domain",
              "Submitter", "Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Via", "Ticket type",
              "Created at", "Updated at", "Assigned at", "Organization", "Due date", "Initially assigned at",
              "Solved at", "Resolution time", "Satisfaction Score", "Group stations", "Assignee stations", "Reopens",
              "Replies", "First reply time in minutes", "First reply time in minutes within business hours",
              "First resolution time in minutes", "First resolution time in minutes within business hours",
              "Full resolution time in minutes", "Full resolution time in minutes within business hours",
              "Agent wait time in minutes", "Agent wait time in minutes within business hours",
              "Requester wait time in minutes", "Requester wait time in minutes within business hours",
              "On hold time in minutes", "On hold time in minutes within business hours", "Ticket Category [list]",
              "Order number [txt]"]
    rows = [{"Id": "5001", "Requester": "A. Rahman", "Subject": "Where is my order #1001?", "Tags": "wismo shipping",
             "Status": "solved", "Via": "Mail", "Created at": "2026-04-07 09:15:00", "Solved at": "2026-04-07 13:15:00",
             "Satisfaction Score": "Good", "Replies": "2", "First reply time in minutes": "45",
             "Full resolution time in minutes": "240", "Ticket Category [list]": "shipping"},
            {"Id": "5002", "Requester": "B. Khan", "Subject": "Exchange", "Tags": "", "Status": "open", "Via": "Web Form",
             "Created at": "2026-04-08 10:00:00", "Satisfaction Score": "Not Offered", "Replies": "0",
             "Order number [txt]": "1001"}]
    return write_rows(d / name, header, rows)


def gorgias_tickets(d: Path, name: str = "csat_responses.csv") -> Path:
    """Gorgias tickets flattened from its Ticket object (UTC times, survey score 1–5)."""
    header = ["id", "subject", "status", "channel", "via", "tags", "customer.email", "created_datetime",
              "closed_datetime", "satisfaction_survey.score"]
    rows = [{"id": "77", "subject": "Order 1001 late", "status": "closed", "channel": "email", "via": "email",
             "tags": "wismo, urgent", "created_datetime": "2026-04-07T08:00:00Z", "closed_datetime": "2026-04-08T08:00:00Z",
             "satisfaction_survey.score": "4"}]
    return write_rows(d / name, header, rows)


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


def tmpl_duties(d: Path, name: str = "invoice.csv") -> Path:
    header = ["order_id", "channel", "sku", "hs_code", "destination_country", "duty", "import_vat", "clearance_fee",
              "currency", "paid_by", "import_vat_recoverable"]
    rows = [{"order_id": "#1001", "channel": "shopify", "sku": "KURTI-RED-M", "hs_code": "6104.42",
             "destination_country": "GB", "duty": "£12.00", "import_vat": "26.40", "clearance_fee": "8",
             "currency": "GBP", "paid_by": "merchant", "import_vat_recoverable": "false"}]
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


# ------------------------------------------------------------------------------------------ WooCommerce, Etsy
# Headers from docs/known_reports.md (sources there): the Advanced Order Export plugin's default fields (current and a
# real 2018 file), WooCommerce core's Analytics → Orders export columns (current and before order attribution), Etsy's
# EtsySoldOrderItems / EtsySoldOrders. Rows made up, small and hand-checkable.

WOO_AOE = ("Order Number,Order Status,Order Date,Customer Note,First Name (Billing),Last Name (Billing),Company (Billing),"
           "Address 1&2 (Billing),City (Billing),State Code (Billing),Postcode (Billing),Country Code (Billing),"
           "Email (Billing),Phone (Billing),First Name (Shipping),Last Name (Shipping),Address 1&2 (Shipping),"
           "City (Shipping),State Code (Shipping),Postcode (Shipping),Country Code (Shipping),Payment Method Title,"
           "Cart Discount Amount,Order Subtotal Amount,Shipping Method Title,Order Shipping Amount,Order Refund Amount,"
           "Order Total Amount,Order Total Tax Amount,SKU,Item #,Item Name,Quantity (- Refund),Item Cost,Coupon Code,"
           "Discount Amount,Discount Amount Tax").split(",")
WOO_AOE_2018 = ("Order Number,Order Status,Order Date,Customer Note,First Name (Billing),Last Name (Billing),"
                "Company (Billing),Address 1&2 (Billing),City (Billing),State Code (Billing),Postcode (Billing),"
                "Country Code (Billing),Email (Billing),Phone (Billing),First Name (Shipping),Last Name (Shipping),"
                "Address 1&2 (Shipping),City (Shipping),State Code (Shipping),Postcode (Shipping),"
                "Country Code (Shipping),Item #,SKU,Name,Product Variation,Quantity,Quantity (- Refund),Item Cost,"
                "Order Line (w/o tax),Order Line Tax,Order Line Total,Order Line Total Refunded,"
                "Order Line Total (- Refund),Image URL,Coupon Code,Discount Amount,Discount Amount Tax,"
                "Payment Method Title,Coupons Used,Cart Discount Amount,Order Subtotal Amount,Order Tax Amount,"
                "Order Shipping Amount,Order Refund Amount,Order Total Amount,Order Total Tax Amount,Total items,"
                "Total products").split(",")
WOO_ANALYTICS = "Date,Order #,N. Revenue (formatted),Status,Customer,Customer type,Product(s),Items sold,Coupon(s),Net Sales,Attribution".split(",")
WOO_ANALYTICS_OLD = "Date,Order #,N. Revenue (formatted),Status,Customer,Customer type,Product(s),Items sold,Coupon(s),N. Revenue".split(",")
WOO_ANALYTICS_BROWSER = "Date,Order #,Status,Customer,Customer type,Product(s),Items sold,Coupon(s),Net sales,Origin".split(",")
ETSY_ITEMS = ("Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,"
              "Order Shipping,Order Sales Tax,Item Total,Currency,Transaction ID,Listing ID,Date Paid,Date Shipped,"
              "Ship Name,Ship Address1,Ship Address2,Ship City,Ship State,Ship Zipcode,Ship Country,Order ID,Variations,"
              "Order Type,Listings Type,Payment Type,InPerson Discount,InPerson Location,VAT Paid by Buyer,SKU").split(",")
ETSY_ORDERS = ("Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method,"
               "Date Shipped,Street 1,Street 2,Ship City,Ship State,Ship Zipcode,Ship Country,Currency,Order Value,"
               "Coupon Code,Coupon Details,Discount Amount,Shipping Discount,Shipping,Sales Tax,Order Total,Status,"
               "Card Processing Fees,Order Net,Adjusted Order Total,Adjusted Card Processing Fees,"
               "Adjusted Net Order Amount,Buyer,Order Type,Payment Type,InPerson Discount,InPerson Location,SKU").split(",")


def woocommerce_aoe(d: Path, name: str = "shopify_orders.csv") -> Path:
    """Advanced Order Export default profile, products as rows, order columns on every row (the plugin's default), no
    Currency field. Item Cost is after coupons and without tax; only "Quantity (- Refund)"."""
    o1001 = {"Order Number": "1001", "Order Status": "Completed", "Order Date": "2026-03-02 10:15",
             "First Name (Billing)": "Ana", "Last Name (Billing)": "Li", "State Code (Shipping)": "CA",
             "Country Code (Shipping)": "US", "Payment Method Title": "Credit card", "Cart Discount Amount": "6.00",
             "Order Subtotal Amount": "50.00", "Shipping Method Title": "Flat rate", "Order Shipping Amount": "5.00",
             "Order Refund Amount": "0.00", "Order Total Amount": "52.92", "Order Total Tax Amount": "3.92"}
    o1002 = {"Order Number": "1002", "Order Status": "Completed", "Order Date": "2026-03-03 09:00",
             "First Name (Billing)": "Bo", "State Code (Shipping)": "NY", "Country Code (Shipping)": "US",
             "Cart Discount Amount": "0.00", "Order Subtotal Amount": "30.00", "Order Shipping Amount": "4.00",
             "Order Refund Amount": "10.80", "Order Total Amount": "36.72", "Order Total Tax Amount": "2.72"}
    o1003 = {"Order Number": "1003", "Order Status": "Cancelled", "Order Date": "2026-03-04 16:40",
             "First Name (Billing)": "Cy", "Cart Discount Amount": "0", "Order Subtotal Amount": "13.50",
             "Order Shipping Amount": "5.00", "Order Refund Amount": "0", "Order Total Amount": "19.98",
             "Order Total Tax Amount": "1.48"}
    o1005 = {"Order Number": "1005", "Order Status": "Processing", "Order Date": "2026-03-05 08:05",
             "First Name (Billing)": "Di", "Cart Discount Amount": "8.00", "Order Subtotal Amount": "23.00",
             "Order Shipping Amount": "0.00", "Order Refund Amount": "0.00", "Order Total Amount": "16.20",
             "Order Total Tax Amount": "1.20"}
    rows = [
        {**o1001, "SKU": "MUG-1", "Item #": "1", "Item Name": "Speckled mug", "Quantity (- Refund)": "2",
         "Item Cost": "12.00", "Coupon Code": "spring", "Discount Amount": "6.00", "Discount Amount Tax": "0.48"},
        {**o1001, "SKU": "PLATE-1", "Item #": "2", "Item Name": "Dinner plate", "Quantity (- Refund)": "1",
         "Item Cost": "20.00"},
        # 3 cups ordered, 1 refunded (10.00 + 0.80 tax): the row states the 2 kept
        {**o1002, "SKU": "CUP-1", "Item #": "1", "Item Name": "Cup", "Quantity (- Refund)": "2", "Item Cost": "10.00"},
        {**o1003, "SKU": "MUG-1", "Item #": "1", "Item Name": "Speckled mug", "Quantity (- Refund)": "1",
         "Item Cost": "13.50"},
        # two coupons, one product: the second row carries only the second coupon
        {**o1005, "SKU": "PLATE-1", "Item #": "1", "Item Name": "Dinner plate", "Quantity (- Refund)": "1",
         "Item Cost": "15.00", "Coupon Code": "five", "Discount Amount": "5.00"},
        {**o1005, "Coupon Code": "three", "Discount Amount": "3.00"},
    ]
    return write_rows(d / name, WOO_AOE, rows)


# net revenue = lines after coupons + shipping − refund without its tax (METRICS.md), worked by hand
EXPECTED_WOO_AOE = {
    "woocommerce:1001": dict(currency="USD", lines=2, units=3, order_total_amount=D("52.92"), tax_amount=3.92,
                             gross_sales_amount=44.0, shipping_charged_amount=5.0, net_revenue_amount=49.0),
    # the refund (10.80) is the kept-out cup (10.00) and its tax (0.80): nothing left to take off
    "woocommerce:1002": dict(units=2, gross_sales_amount=20.0, refund_amount=0.0, net_revenue_amount=24.0),
    "woocommerce:1003": dict(is_cancelled=True, is_in_revenue=False, net_revenue_amount=0.0),
    "woocommerce:1005": dict(lines=1, units=1, gross_sales_amount=15.0, net_revenue_amount=15.0),
}


def woocommerce_aoe_2018(d: Path, name: str = "orders.csv") -> Path:
    """The plugin's 2018 default (both quantities, `Name`), every field quoted, plus the optional Currency field."""
    header = WOO_AOE_2018 + ["Currency"]
    o = {"Order Number": "2001", "Order Status": "Refunded", "Order Date": "2026-03-06 11:30",
         "First Name (Billing)": "Eva", "Country Code (Shipping)": "DE", "Cart Discount Amount": "0.00",
         "Order Subtotal Amount": "30.00", "Order Tax Amount": "7.20", "Order Shipping Amount": "6.00",
         "Order Refund Amount": "12.00", "Order Total Amount": "43.20", "Order Total Tax Amount": "7.20",
         "Total items": "3", "Total products": "1", "Currency": "EUR"}
    rows = [{**o, "Item #": "1", "SKU": "MUG-1", "Name": "Speckled mug", "Quantity": "3", "Quantity (- Refund)": "2",
             "Item Cost": "10.00", "Order Line (w/o tax)": "30.00", "Order Line Tax": "6.00",
             "Order Line Total": "36.00", "Order Line Total Refunded": "12.00", "Order Line Total (- Refund)": "24.00"}]
    return write_rows(d / name, header, rows, quote_all=True)


EXPECTED_WOO_AOE_2018 = {  # 3 × 10.00 + 6.00 shipping − the refund without its VAT (12.00 × (1 − 7.20 / 43.20) = 10.00)
    "woocommerce:2001": dict(currency="EUR", units=3, gross_sales_amount=30.0, refund_amount=10.0,
                             net_revenue_amount=26.0),
}


def woocommerce_analytics(d: Path, name: str = "ebay_orders.csv") -> Path:
    """Analytics → Orders download (current core: Net Sales, Attribution); euro shop; a product name with a comma."""
    rows = [
        {"Date": "2026-03-02 10:15:00", "Order #": "3001", "N. Revenue (formatted)": "€45.00", "Status": "completed",
         "Customer": "Ana Li", "Customer type": "new", "Product(s)": "2× Mug, 1× Plate", "Items sold": "3",
         "Net Sales": "45.00", "Attribution": "Direct"},
        {"Date": "2026-03-03 12:00:00", "Order #": "3002", "N. Revenue (formatted)": "€20.00", "Status": "refunded",
         "Customer": "Bo Ek", "Customer type": "returning", "Product(s)": "1× Plate", "Items sold": "1",
         "Net Sales": "20.00", "Attribution": "Organic: Google"},
        {"Date": "2026-03-04 18:30:00", "Order #": "3003", "N. Revenue (formatted)": "€12.50", "Status": "cancelled",
         "Customer": "Cy Do", "Customer type": "new", "Product(s)": "1× Mug", "Items sold": "1", "Net Sales": "12.50"},
        {"Date": "2026-03-05 09:45:00", "Order #": "3004", "N. Revenue (formatted)": "€1,061.50", "Status": "processing",
         "Customer": "Di Fa", "Customer type": "returning", "Product(s)": "2× Candle, large, 1× Mug", "Items sold": "3",
         "Coupon(s)": "spring", "Net Sales": "1061.50", "Attribution": "Referral: example.com"},
    ]
    return write_rows(d / name, WOO_ANALYTICS, rows)


EXPECTED_WOO_ANALYTICS = {
    "woocommerce:3001": dict(currency="EUR", lines=1, units=3, order_total_amount=D("45.00"), net_revenue_amount=45.0),
    "woocommerce:3002": dict(refund_amount=20.0, net_revenue_amount=0.0),
    "woocommerce:3003": dict(is_cancelled=True, net_revenue_amount=0.0),
    "woocommerce:3004": dict(units=3, net_revenue_amount=1061.5, sub_channel="Referral: example.com"),
}


def woocommerce_analytics_old(d: Path, name: str = "walmart.csv") -> Path:
    """Analytics → Orders download before order attribution (`N. Revenue`), a dollar shop."""
    rows = [{"Date": "2026-03-07 14:00:00", "Order #": "3101", "N. Revenue (formatted)": "$1,250.00",
             "Status": "completed", "Customer": "Ed Go", "Customer type": "new", "Product(s)": "5× Lamp",
             "Items sold": "5", "N. Revenue": "1250"}]
    return write_rows(d / name, WOO_ANALYTICS_OLD, rows)


def etsy_order_items(d: Path, name: str = "amazon_settlement.csv") -> Path:
    """EtsySoldOrderItems: `$`-prefixed money, MM/DD/YY dates, order-level amounts repeated per row, an item without
    SKU (its Listing ID stands in), an order id written `#9005`, and order 9002 whose VAT Etsy collected is not in
    its Sales Tax (EtsySoldOrders states it in Order Total only)."""
    ship = {"Ship Name": "Jane Doe", "Ship Address1": "1 Main St", "Ship City": "Austin", "Ship State": "TX",
            "Ship Zipcode": "78701", "Ship Country": "United States", "Order Type": "online", "Listings Type": "listing",
            "Payment Type": "online_cc"}
    o9001 = {**ship, "Sale Date": "09/03/26", "Buyer": "coolbuyer42", "Order Shipping": "$4.50",
             "Order Sales Tax": "$0.62", "Currency": "USD", "Date Paid": "09/03/26", "Date Shipped": "09/04/26",
             "Order ID": "9001"}
    rows = [
        {**o9001, "Item Name": "Sunset Fox | Greeting Card", "Quantity": "2", "Price": "$5.00", "Item Total": "$10.00",
         "Transaction ID": "4001", "Listing ID": "7001", "SKU": "FOX-01", "Variations": "Style: Matte"},
        {**o9001, "Item Name": "Moon Bear | Greeting Card", "Quantity": "1", "Price": "$3.00", "Item Total": "$3.00",
         "Transaction ID": "4002", "Listing ID": "7003"},
        {"Sale Date": "09/05/26", "Item Name": "Print A4, framed", "Buyer": "kj7", "Quantity": "1", "Price": "82.27",
         "Coupon Code": "SAVE10", "Coupon Details": "10% off", "Discount Amount": "8.23", "Order Shipping": "0.00",
         "Order Sales Tax": "0.00", "Item Total": "82.27", "Currency": "EUR", "Transaction ID": "4003",
         "Listing ID": "7004", "Ship Country": "Germany", "Order ID": "9002", "SKU": "PRINT-A4"},
        {**ship, "Sale Date": "09/10/26", "Item Name": "Stoneware Mug", "Buyer": "mugfan", "Quantity": "1",
         "Price": "$30.00", "Order Shipping": "$6.00", "Order Sales Tax": "$2.16", "Item Total": "$30.00",
         "Currency": "USD", "Transaction ID": "4004", "Listing ID": "7005", "Date Shipped": "09/11/26",
         "Order ID": "9003", "SKU": "MUG-9"},
        {**ship, "Sale Date": "09/20/26", "Item Name": "Lavender Soap Bar", "Buyer": "bob", "Quantity": "1",
         "Price": "$25.00", "Order Shipping": "$3.00", "Order Sales Tax": "$0.00", "Item Total": "$25.00",
         "Currency": "USD", "Transaction ID": "4005", "Listing ID": "7006", "Order ID": "#9005", "SKU": "SOAP-1"},
    ]
    return write_rows(d / name, ETSY_ITEMS, rows)


def etsy_orders(d: Path, name: str = "shopify.csv") -> Path:
    """EtsySoldOrders: totals, card processing fees and net; 9003 partly refunded (Adjusted Order Total below Order
    Total), 9002 with Adjusted 0.00 (no adjustment), 9004 only in this file (no items loaded)."""
    base = {"Payment Method": "Credit Card", "Ship Country": "United States", "Buyer": "x", "Order Type": "online",
            "Payment Type": "online_cc"}
    rows = [
        {**base, "Sale Date": "09/03/26", "Order ID": "9001", "Buyer User ID": "777", "Full Name": "Jane Doe",
         "Number of Items": "3", "Date Shipped": "09/04/26", "Ship State": "TX", "Currency": "USD",
         "Order Value": "$13.00", "Shipping": "$4.50", "Sales Tax": "$0.62", "Order Total": "$18.12",
         "Status": "Completed", "Card Processing Fees": "$0.85", "Order Net": "$17.27",
         "Adjusted Order Total": "$18.12", "Adjusted Card Processing Fees": "$0.85",
         "Adjusted Net Order Amount": "$17.27", "SKU": "FOX-01"},
        {**base, "Sale Date": "09/05/26", "Order ID": "9002", "Buyer User ID": "888", "Number of Items": "1",
         "Ship Country": "Germany", "Currency": "EUR", "Order Value": "82.27", "Coupon Code": "SAVE10",
         "Discount Amount": "8.23", "Shipping Discount": "0.00", "Shipping": "0.00", "Sales Tax": "0.00",
         "Order Total": "80.85", "Status": "Completed", "Card Processing Fees": "3.53", "Order Net": "70.51",
         "Adjusted Order Total": "0.00", "Adjusted Card Processing Fees": "0.00", "Adjusted Net Order Amount": "0.00",
         "SKU": "PRINT-A4"},
        {**base, "Sale Date": "09/10/26", "Order ID": "9003", "Buyer User ID": "999", "Number of Items": "1",
         "Date Shipped": "09/11/26", "Currency": "USD", "Order Value": "30.00", "Shipping": "6.00", "Sales Tax": "2.16",
         "Order Total": "38.16", "Status": "Completed", "Card Processing Fees": "1.40", "Order Net": "36.76",
         "Adjusted Order Total": "19.08", "Adjusted Card Processing Fees": "0.90", "Adjusted Net Order Amount": "18.18",
         "SKU": "MUG-9"},
        {**base, "Sale Date": "09/15/26", "Order ID": "9004", "Buyer User ID": "1000", "Number of Items": "2",
         "Currency": "USD", "Order Value": "40.00", "Shipping": "5.00", "Sales Tax": "0.00", "Order Total": "45.00",
         "Status": "Completed", "Card Processing Fees": "1.50", "Order Net": "43.50", "SKU": "CANDLE-1,CANDLE-2"},
    ]
    return write_rows(d / name, ETSY_ORDERS, rows)


# both Etsy files loaded together; net revenue = items − discount + shipping − refund without its tax share
EXPECTED_ETSY = {
    "etsy:9001": dict(currency="USD", lines=2, units=3, order_total_amount=D("18.12"), tax_amount=0.62,
                      gross_sales_amount=13.0, net_revenue_amount=17.5),
    # Order Total 80.85 − (82.27 − 8.23) = 6.81 of VAT that Sales Tax (0.00) leaves out
    "etsy:9002": dict(currency="EUR", tax_amount=6.81, discount_amount=8.23,
                      net_revenue_amount=74.04, refund_amount=0.0),
    # refunded 38.16 − 19.08 = 19.08, of which tax 19.08 × 2.16 / 38.16 = 1.08
    "etsy:9003": dict(refund_amount=18.0, net_revenue_amount=18.0),
    "etsy:9004": dict(lines=1, units=2, gross_sales_amount=40.0, net_revenue_amount=45.0),
    "etsy:9005": dict(currency="USD", order_total_amount=D("28.00"), net_revenue_amount=28.0),
}


AMAZON_DATE_RANGE = ('"date/time","settlement id","type","order id","sku","description","quantity","marketplace",'
                     '"account type","fulfillment","order city","order state","order postal","tax collection model",'
                     '"product sales","product sales tax","shipping credits","shipping credits tax","gift wrap credits",'
                     '"giftwrap credits tax","Regulatory Fee","Tax On Regulatory Fee","promotional rebates",'
                     '"promotional rebates tax","marketplace withheld tax","selling fees","fba fees",'
                     '"other transaction fees","other","total"').replace('"', '').split(",")
AMAZON_DATE_RANGE_2017 = ("date/time,settlement id,type,order id,sku,description,quantity,marketplace,fulfillment,"
                          "order city,order state,order postal,product sales,shipping credits,gift wrap credits,"
                          "promotional rebates,sales tax collected,Marketplace Facilitator Tax,selling fees,fba fees,"
                          "other transaction fees,other,total").split(",")
AMAZON_DATE_RANGE_PREAMBLE = [
    '"Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions"',
    '"All amounts in USD, unless specified"', '"Definitions:"',
    '"Sales tax collected: Includes sales tax collected from buyers for product sales, shipping, and gift wrap."',
    '"Selling fees: Includes variable closing fees and referral fees."',
    '"Other transaction fees: Includes shipping chargebacks, shipping holdbacks, per-item fees  and sales tax collection fees."',
    '"Other: Includes non-order transaction amounts. For more details, see the ""Type"" and ""Description"" columns for each order ID."',
]


def amazon_date_range(d: Path, name: str = "etsy_orders.csv") -> Path:
    """US 2023+ layout behind its quoted preamble, every field quoted, `Mar 2, 2026 1:05:00 AM PST` dates, a
    thousands separator, a refund, a UK (VAT-inclusive) order, a service fee and a transfer without marketplace."""
    us = {"marketplace": "amazon.com", "account type": "Standard Orders", "tax collection model": "MarketplaceFacilitator"}
    rows = [
        {**us, "date/time": "Mar 2, 2026 1:05:00 AM PST", "settlement id": "9000000001", "type": "Order",
         "order id": "111-0000001-0000001", "sku": "MUG-1", "description": "Speckled mug", "quantity": "2",
         "fulfillment": "Amazon", "order city": "Austin", "order state": "TX", "order postal": "78701",
         "product sales": "24.00", "product sales tax": "1.98", "marketplace withheld tax": "-1.98",
         "selling fees": "-3.60", "fba fees": "-7.00", "total": "13.40"},
        {**us, "date/time": "Mar 2, 2026 1:05:00 AM PST", "settlement id": "9000000001", "type": "Order",
         "order id": "111-0000001-0000001", "sku": "PLATE-1", "description": "Dinner plate", "quantity": "1",
         "fulfillment": "Amazon", "order state": "TX", "product sales": "20.00", "product sales tax": "1.65",
         "shipping credits": "4.99", "shipping credits tax": "0.41", "promotional rebates": "-4.99",
         "promotional rebates tax": "-0.41", "marketplace withheld tax": "-1.65", "selling fees": "-3.00",
         "fba fees": "-5.50", "total": "11.50"},
        {**us, "date/time": "Mar 9, 2026 3:30:00 PM PDT", "settlement id": "9000000001", "type": "Refund",
         "order id": "111-0000001-0000001", "sku": "MUG-1", "description": "Speckled mug", "quantity": "1",
         "fulfillment": "Amazon", "product sales": "-12.00", "product sales tax": "-0.99",
         "marketplace withheld tax": "0.99", "selling fees": "1.44", "total": "-10.56"},
        {**us, "date/time": "Mar 3, 2026 10:00:00 AM PST", "settlement id": "9000000001", "type": "Order",
         "order id": "112-0000002-0000002", "sku": "CUP-1", "description": "Cup", "quantity": "3",
         "fulfillment": "Seller", "order state": "NY", "product sales": "30.00", "product sales tax": "2.48",
         "shipping credits": "5.00", "shipping credits tax": "0.41", "marketplace withheld tax": "-2.89",
         "selling fees": "-5.25", "other transaction fees": "-0.30", "total": "29.45"},
        {"date/time": "Mar 4, 2026 12:00:00 AM PST", "settlement id": "9000000001", "type": "Service Fee",
         "description": "Subscription", "other": "-39.99", "total": "-39.99"},
        {"date/time": "Mar 15, 2026 6:00:00 AM PDT", "settlement id": "9000000001", "type": "Transfer",
         "description": "To account ending in: 123", "other": "-1,004.20", "total": "-1,004.20"},
        {"date/time": "Mar 5, 2026 9:00:00 AM PST", "settlement id": "9000000002", "type": "Order",
         "order id": "203-0000003-0000003", "sku": "MUG-1", "description": "Speckled mug", "quantity": "1",
         "marketplace": "amazon.co.uk", "account type": "Standard Orders", "fulfillment": "Amazon",
         "product sales": "15.00", "product sales tax": "2.50", "selling fees": "-2.25", "fba fees": "-3.10",
         "total": "12.15"},
    ]
    return write_rows(d / name, AMAZON_DATE_RANGE, rows, preamble=AMAZON_DATE_RANGE_PREAMBLE, quote_all=True)


EXPECTED_AMAZON_DATE_RANGE = {
    # lines 2 × 12.00 + 20.00, the rebate 4.99 a discount, shipping 4.99; the refund's 12.00 without its tax
    "amazon:111-0000001-0000001": dict(currency="USD", lines=2, units=3, gross_sales_amount=44.0, discount_amount=4.99,
                                       shipping_charged_amount=4.99, tax_amount=3.63,
                                       order_total_amount=D("47.63"), refund_amount=12.0, net_revenue_amount=32.0,
                                       fulfillment_channel="FBA"),
    "amazon:112-0000002-0000002": dict(units=3, tax_amount=2.89, order_total_amount=D("37.89"), net_revenue_amount=35.0,
                                       fulfillment_channel="MFN"),
    # amazon.co.uk: the price holds its VAT, which comes out of revenue
    "amazon:203-0000003-0000003": dict(currency="GBP", prices_include_tax=True, order_total_amount=D("15.00"),
                                       net_revenue_amount=12.5),
}


BIGCOMMERCE = ("Order ID,Customer ID,Customer Name,Customer Email,Customer Phone,Order Date,Order Status,"
               "Subtotal (inc tax),Subtotal (ex tax),Tax Total,Shipping Cost (inc tax),Shipping Cost (ex tax),Ship Method,"
               "Handling Cost (inc tax),Handling Cost (ex tax),Store Credit Redeemed,Gift Certificate Amount Redeemed,"
               "Gift Certificate Code,Gift Certificate Expiration Date,Coupon Details,Order Total (inc tax),"
               "Order Total (ex tax),Payment Method,Total Quantity,Total Shipped,Date Shipped,Order Currency Code,"
               "Exchange Rate,Order Notes,Customer Message,Billing First Name,Billing Last Name,Billing Company,"
               "Billing Street 1,Billing Street 2,Billing Suburb,Billing State,Billing Zip,Billing Country,Billing Phone,"
               "Billing Email,Shipping First Name,Shipping Last Name,Shipping Company,Shipping Street 1,"
               "Shipping Street 2,Shipping Suburb,Shipping State,Shipping Zip,Shipping Country,Shipping Phone,"
               "Shipping Email,Product Details,Refund Amount,Channel ID,Channel Name").split(",")


def _bc_item(pid, qty, sku, name, unit, total, variation=""):
    return (f"Product ID: {pid}, Product Qty: {qty}, Product SKU: {sku}, Product Name: {name}, Product Weight: 1.0000, "
            f"Product Variation Details: {variation}, Product Unit Price: {unit}, Product Total Price: {total}")


def bigcommerce_orders(d: Path, name: str = "orders_export.csv") -> Path:
    """Default template with a BOM, day-first dates, items packed in Product Details (a name with a comma, a variation
    with a colon, a thousands separator); a US order with tax on top, a UK order whose prices include VAT, a coupon
    with a partial refund, a cancelled order."""
    base = {"Customer ID": "1", "Payment Method": "Credit Card", "Channel ID": "1", "Channel Name": "Storefront",
            "Exchange Rate": "1.0000000000", "Store Credit Redeemed": "0.0000", "Gift Certificate Amount Redeemed": "0.0000",
            "Handling Cost (inc tax)": "0.0000", "Handling Cost (ex tax)": "0.0000"}
    rows = [
        {**base, "Order ID": "100", "Order Date": "18/01/2026", "Order Status": "Shipped", "Subtotal (inc tax)": "1127.5200",
         "Subtotal (ex tax)": "1044.0000", "Tax Total": "83.9200", "Shipping Cost (inc tax)": "5.4000",
         "Shipping Cost (ex tax)": "5.0000", "Order Total (inc tax)": "1132.9200", "Order Total (ex tax)": "1049.0000",
         "Total Quantity": "3", "Total Shipped": "3", "Date Shipped": "20/01/2026", "Order Currency Code": "USD",
         "Shipping State": "Texas", "Shipping Country": "United States", "Refund Amount": "0.0000",
         "Product Details": _bc_item(77, 2, "MUG-1", "Speckled mug, large", "12.00", "24.00", "Colour: Blue") + "|"
                            + _bc_item(78, 1, "PLATE-1", "Dinner plate", "1,020.00", "1,020.00")},
        {**base, "Order ID": "101", "Order Date": "19/01/2026", "Order Status": "Completed", "Subtotal (inc tax)": "24.0000",
         "Subtotal (ex tax)": "20.0000", "Tax Total": "5.0000", "Shipping Cost (inc tax)": "6.0000",
         "Shipping Cost (ex tax)": "5.0000", "Order Total (inc tax)": "30.0000", "Order Total (ex tax)": "25.0000",
         "Total Quantity": "1", "Order Currency Code": "GBP", "Shipping Country": "United Kingdom", "Refund Amount": "0",
         "Product Details": _bc_item(79, 1, "CUP-1", "Cup", "24.00", "24.00")},
        {**base, "Order ID": "102", "Order Date": "21/01/2026", "Order Status": "Partially Refunded",
         "Subtotal (inc tax)": "12.0000", "Subtotal (ex tax)": "12.0000", "Tax Total": "0.0000",
         "Shipping Cost (inc tax)": "5.0000", "Shipping Cost (ex tax)": "5.0000",
         "Coupon Details": "Coupon ID: 3, Coupon Code: SAVE2, Coupon Value: 2.0000",
         "Order Total (inc tax)": "15.0000", "Order Total (ex tax)": "15.0000", "Total Quantity": "1",
         "Order Currency Code": "USD", "Refund Amount": "7.0000",
         "Product Details": _bc_item(77, 1, "MUG-1", "Speckled mug, large", "12.00", "12.00")},
        {**base, "Order ID": "103", "Order Date": "22/01/2026", "Order Status": "Cancelled", "Subtotal (inc tax)": "20.0000",
         "Subtotal (ex tax)": "20.0000", "Tax Total": "0.0000", "Shipping Cost (inc tax)": "0.0000",
         "Shipping Cost (ex tax)": "0.0000", "Order Total (inc tax)": "20.0000", "Order Total (ex tax)": "20.0000",
         "Total Quantity": "1", "Order Currency Code": "USD", "Refund Amount": "0.0000",
         "Product Details": _bc_item(78, 1, "PLATE-1", "Dinner plate", "20.00", "20.00")},
    ]
    return write_rows(d / name, BIGCOMMERCE, rows, encoding="utf-8-sig")


EXPECTED_BIGCOMMERCE = {
    "bigcommerce:100": dict(currency="USD", lines=2, units=3, gross_sales_amount=1044.0, shipping_charged_amount=5.0,
                            tax_amount=83.92, prices_include_tax=False, order_total_amount=D("1132.92"),
                            net_revenue_amount=1049.0),
    # the items add up to Subtotal (inc tax): VAT-inclusive prices, shipping with its VAT, the VAT out of revenue
    "bigcommerce:101": dict(currency="GBP", prices_include_tax=True, gross_sales_amount=24.0,
                            shipping_charged_amount=6.0, net_revenue_amount=25.0),
    # 12 + 5 − 15 = 2 of coupon; refund 7 (no tax)
    "bigcommerce:102": dict(discount_amount=2.0, refund_amount=7.0, net_revenue_amount=8.0),
    "bigcommerce:103": dict(is_cancelled=True, net_revenue_amount=0.0),
}



# BigCommerce's orders export with the Product Details fields as columns (the export template's field catalogue:
# Product ID, Product Qty, Product SKU, Product Name, Product Weight, Product Variation Details, Product Unit Price,
# Product Total Price, in that order, where the default template packs them into Product Details)
_BC_ITEM_FIELDS = ["Product ID", "Product Qty", "Product SKU", "Product Name", "Product Weight",
                   "Product Variation Details", "Product Unit Price", "Product Total Price"]
BIGCOMMERCE_LINE_ITEMS = [c for h in BIGCOMMERCE for c in (_BC_ITEM_FIELDS if h == "Product Details" else [h])]


def _bc_row(order: dict, pid, qty, sku, name, unit, total, variation="") -> dict:
    return {**order, "Product ID": pid, "Product Qty": qty, "Product SKU": sku, "Product Name": name,
            "Product Weight": "1.0000", "Product Variation Details": variation, "Product Unit Price": unit,
            "Product Total Price": total}


def bigcommerce_line_items(d: Path, name: str = "orders_line_items.csv") -> Path:
    """One row per product, the order's fields repeated: a US order with tax on top (a name with a comma, a thousands
    separator), a UK order whose two products' prices include VAT, a euro order with a coupon and a partial refund,
    a cancelled order; a BOM and day-first dates as the default template."""
    base = {"Customer ID": "7", "Payment Method": "Credit Card", "Channel ID": "1", "Channel Name": "Storefront",
            "Exchange Rate": "1.0000000000", "Handling Cost (inc tax)": "0.0000", "Handling Cost (ex tax)": "0.0000"}
    o200 = {**base, "Order ID": "200", "Order Date": "18/02/2026", "Order Status": "Shipped",
            "Subtotal (inc tax)": "1127.5200", "Subtotal (ex tax)": "1044.0000", "Tax Total": "83.9200",
            "Shipping Cost (inc tax)": "5.4000", "Shipping Cost (ex tax)": "5.0000", "Order Total (inc tax)": "1132.9200",
            "Order Total (ex tax)": "1049.0000", "Total Quantity": "3", "Date Shipped": "20/02/2026",
            "Order Currency Code": "USD", "Shipping State": "Texas", "Shipping Country": "United States",
            "Refund Amount": "0.0000"}
    o201 = {**base, "Customer ID": "0", "Order ID": "201", "Order Date": "19/02/2026", "Order Status": "Completed",
            "Subtotal (inc tax)": "60.0000", "Subtotal (ex tax)": "50.0000", "Tax Total": "11.0000",
            "Shipping Cost (inc tax)": "6.0000", "Shipping Cost (ex tax)": "5.0000", "Order Total (inc tax)": "66.0000",
            "Order Total (ex tax)": "55.0000", "Total Quantity": "3", "Order Currency Code": "GBP",
            "Shipping Country": "United Kingdom", "Refund Amount": "0"}
    o202 = {**base, "Order ID": "202", "Order Date": "21/02/2026", "Order Status": "Partially Refunded",
            "Subtotal (inc tax)": "30.0000", "Subtotal (ex tax)": "30.0000", "Tax Total": "0.0000",
            "Shipping Cost (inc tax)": "4.0000", "Shipping Cost (ex tax)": "4.0000",
            "Coupon Details": "Coupon ID: 4, Coupon Code: SAVE5, Coupon Value: 5.0000",
            "Order Total (inc tax)": "29.0000", "Order Total (ex tax)": "29.0000", "Total Quantity": "3",
            "Order Currency Code": "EUR", "Shipping Country": "Germany", "Refund Amount": "9.0000"}
    o203 = {**base, "Order ID": "203", "Order Date": "22/02/2026", "Order Status": "Cancelled",
            "Subtotal (inc tax)": "20.0000", "Subtotal (ex tax)": "20.0000", "Tax Total": "0.0000",
            "Shipping Cost (inc tax)": "0.0000", "Shipping Cost (ex tax)": "0.0000", "Order Total (inc tax)": "20.0000",
            "Order Total (ex tax)": "20.0000", "Total Quantity": "1", "Order Currency Code": "USD", "Refund Amount": "0"}
    rows = [
        _bc_row(o200, 77, 2, "MUG-1", "Speckled mug, large", "12.00", "24.00", "Colour: Blue"),
        _bc_row(o200, 78, 1, "PLATE-1", "Dinner plate", "1,020.00", "1,020.00"),
        _bc_row(o201, 79, 2, "CUP-1", "Cup", "12.00", "24.00"),
        _bc_row(o201, 78, 1, "PLATE-1", "Dinner plate", "36.00", "36.00"),
        _bc_row(o202, 77, 3, "MUG-1", "Speckled mug, large", "10.00", "30.00"),
        _bc_row(o203, 78, 1, "PLATE-1", "Dinner plate", "20.00", "20.00"),
    ]
    return write_rows(d / name, BIGCOMMERCE_LINE_ITEMS, rows, encoding="utf-8-sig")


EXPECTED_BIGCOMMERCE_LINE_ITEMS = {
    "bigcommerce:200": dict(currency="USD", lines=2, units=3, gross_sales_amount=1044.0, shipping_charged_amount=5.0,
                            tax_amount=83.92, prices_include_tax=False, order_total_amount=D("1132.92"),
                            net_revenue_amount=1049.0),
    # the products' totals (24 + 36) add up to Subtotal (inc tax): VAT-inclusive prices, shipping with its VAT,
    # the 11 of VAT out of revenue: 60 + 6 − 11; Customer ID 0 is a guest (no customer key)
    "bigcommerce:201": dict(currency="GBP", lines=2, units=3, prices_include_tax=True, gross_sales_amount=60.0,
                            shipping_charged_amount=6.0, net_revenue_amount=55.0, customer_key=None),
    # 30 + 4 − 29 = 5 of coupon; refund 9 (no tax): 30 − 5 + 4 − 9
    "bigcommerce:202": dict(currency="EUR", discount_amount=5.0, refund_amount=9.0, net_revenue_amount=20.0),
    "bigcommerce:203": dict(is_cancelled=True, net_revenue_amount=0.0),
}


# Adobe Commerce (Magento 2.4) Sales → Orders grid export, every column shown (docs/known_reports.md §9): money as
# the store formats it, dates as the admin locale writes them, Purchase Point on three lines
MAGENTO = ("ID,Purchase Point,Purchase Date,Bill-to Name,Ship-to Name,Grand Total (Base),Grand Total (Purchased),"
           "Status,Billing Address,Shipping Address,Shipping Information,Customer Email,Customer Group,Subtotal,"
           "Shipping and Handling,Customer Name,Payment Method,Total Refunded,Allocated sources,Pickup Location Code,"
           "Braintree Transaction Source,Dispute State").split(",")
# the grid's default visible columns (no Subtotal, no Shipping and Handling)
MAGENTO_DEFAULT_VISIBLE = ["ID", "Purchase Point", "Purchase Date", "Bill-to Name", "Ship-to Name",
                           "Grand Total (Base)", "Grand Total (Purchased)", "Status"]


def magento_orders(d: Path, name: str = "export.csv") -> Path:
    """A US store's orders (tax beyond subtotal and shipping; a discount with a refund; a cancelled order) and a
    euro website's order written the German way ("€1.234,50") that the buyer paid in dollars."""
    point = "Main Website\nMain Website Store\nDefault Store View"
    base = {"Purchase Point": point, "Bill-to Name": "Veronica Costello", "Ship-to Name": "Veronica Costello",
            "Customer Group": "General", "Payment Method": "Check / Money order", "Customer Email": "vc@example.com",
            "Shipping Information": "Flat Rate - Fixed", "Allocated sources": "Default Source"}
    rows = [
        {**base, "ID": "000000101", "Purchase Date": "Jun 9, 2026 9:00:00 AM", "Grand Total (Base)": "$226.50",
         "Grand Total (Purchased)": "$226.50", "Status": "Complete", "Subtotal": "$200.00",
         "Shipping and Handling": "$10.00", "Total Refunded": ""},
        {**base, "ID": "000000102", "Purchase Date": "Jun 10, 2026 2:15:00 PM", "Grand Total (Base)": "$95.00",
         "Grand Total (Purchased)": "$95.00", "Status": "Closed", "Subtotal": "$100.00",
         "Shipping and Handling": "$5.00", "Total Refunded": "$20.00"},
        {**base, "ID": "000000103", "Purchase Point": "Germany Website\nGermany Store\nDeutsch",
         "Purchase Date": "Jun 11, 2026 10:30:00 AM", "Grand Total (Base)": "€1.234,50",
         "Grand Total (Purchased)": "$1,400.00", "Status": "Processing", "Subtotal": "€1.200,00",
         "Shipping and Handling": "€10,00", "Total Refunded": ""},
        {**base, "ID": "000000104", "Purchase Date": "Jun 12, 2026 8:05:00 PM", "Grand Total (Base)": "$50.00",
         "Grand Total (Purchased)": "$50.00", "Status": "Canceled", "Subtotal": "$50.00",
         "Shipping and Handling": "$0.00", "Total Refunded": ""},
    ]
    return write_rows(d / name, MAGENTO, rows)


EXPECTED_MAGENTO = {
    # 226.50 − 200 − 10 = 16.50 beyond subtotal and shipping: tax, out of revenue; no lines' units (the grid has none)
    "magento:000000101": dict(currency="USD", lines=1, units=None, gross_sales_amount=200.0, tax_amount=16.5,
                              shipping_charged_amount=10.0, order_total_amount=D("226.50"), net_revenue_amount=210.0),
    # 95 is 10 short of 100 + 5: a discount; 20 refunded: 100 − 10 + 5 − 20
    "magento:000000102": dict(discount_amount=10.0, tax_amount=0.0, refund_amount=20.0, net_revenue_amount=75.0),
    # base amounts in euros (the buyer's dollars are not the order's currency): 1,234.50 − 1,200 − 10 = 24.50 of tax
    "magento:000000103": dict(currency="EUR", gross_sales_amount=1200.0, tax_amount=24.5, net_revenue_amount=1210.0,
                              sub_channel="Germany Website / Germany Store / Deutsch"),
    "magento:000000104": dict(is_cancelled=True, net_revenue_amount=0.0),
}



# NetSuite item saved search with location columns, exported as CSV: the result columns carry NetSuite's field labels
# (search.createColumn labels of itemid, displayname, inventorylocation, locationquantityonhand, …available,
# …committed, …onorder; docs/channel_formats.md)
NETSUITE_INVENTORY = ["Internal ID", "Name", "Display Name", "Inventory Location", "Location On Hand",
                      "Location Available", "Location Committed", "Location On Order"]


def netsuite_inventory(d: Path, name: str = "ItemsbyLocationResults.csv") -> Path:
    """Two locations; a matrix item ("Parent : Child"), thousands separators, a blank (zero) on-hand that NetSuite
    leaves empty, a location with nothing available."""
    rows = [
        {"Internal ID": "501", "Name": "MUG-1", "Display Name": "Speckled mug", "Inventory Location": "East DC",
         "Location On Hand": "1,250", "Location Available": "1,200", "Location Committed": "50", "Location On Order": "300"},
        {"Internal ID": "501", "Name": "MUG-1", "Display Name": "Speckled mug", "Inventory Location": "West DC",
         "Location On Hand": "40", "Location Available": "40", "Location Committed": "", "Location On Order": ""},
        {"Internal ID": "612", "Name": "Plates : PLATE-1", "Display Name": "Dinner plate", "Inventory Location": "East DC",
         "Location On Hand": "12", "Location Available": "0", "Location Committed": "12", "Location On Order": "100"},
        {"Internal ID": "612", "Name": "Plates : PLATE-1", "Display Name": "Dinner plate", "Inventory Location": "West DC",
         "Location On Hand": "", "Location Available": "", "Location Committed": "", "Location On Order": "24"},
    ]
    return write_rows(d / name, NETSUITE_INVENTORY, rows)



# NetSuite transaction saved search of type Item Fulfillment, exported as CSV (labels of trandate, tranid, createdfrom,
# statusref, shipdate, shipcarrier, shipmethod, trackingnumbers, location, item, quantity)
NETSUITE_FULFILLMENTS = ["Date", "Document Number", "Created From", "Status", "Ship Date", "Shipping Carrier", "Ship Via",
                         "Tracking Numbers", "Location", "Item", "Quantity"]


def netsuite_fulfillments(d: Path, name: str = "ItemFulfillmentsResults.csv") -> Path:
    """A two-item fulfillment by UPS, one by FedEx with two tracking numbers (NetSuite's "FedEx/USPS/More"), one only
    packed (not shipped yet), one of a sales order no loaded order has; US dates."""
    rows = [
        {"Date": "3/2/2026", "Document Number": "IF1001", "Created From": "Sales Order #SO1001", "Status": "Shipped",
         "Ship Date": "3/2/2026", "Shipping Carrier": "UPS", "Ship Via": "UPS Ground",
         "Tracking Numbers": "1Z999AA10123456784", "Location": "East DC", "Item": "MUG-1", "Quantity": "2"},
        {"Date": "3/2/2026", "Document Number": "IF1001", "Created From": "Sales Order #SO1001", "Status": "Shipped",
         "Ship Date": "3/2/2026", "Shipping Carrier": "UPS", "Ship Via": "UPS Ground",
         "Tracking Numbers": "1Z999AA10123456784", "Location": "East DC", "Item": "Plates : PLATE-1", "Quantity": "1"},
        {"Date": "3/3/2026", "Document Number": "IF1002", "Created From": "Sales Order #SO1002", "Status": "Shipped",
         "Ship Date": "3/4/2026", "Shipping Carrier": "FedEx/USPS/More", "Ship Via": "FedEx Ground",
         "Tracking Numbers": "794600000001<BR>794600000002", "Location": "West DC", "Item": "MUG-1", "Quantity": "4"},
        {"Date": "3/4/2026", "Document Number": "IF1003", "Created From": "Sales Order #SO1003", "Status": "Packed",
         "Location": "East DC", "Item": "MUG-1", "Quantity": "1"},
        {"Date": "3/5/2026", "Document Number": "IF1004", "Created From": "Sales Order #SO9999", "Status": "Shipped",
         "Ship Date": "3/5/2026", "Shipping Carrier": "UPS", "Ship Via": "UPS 2nd Day Air",
         "Tracking Numbers": "1Z999AA10123456799", "Location": "East DC", "Item": "MUG-1", "Quantity": "1"},
    ]
    return write_rows(d / name, NETSUITE_FULFILLMENTS, rows)


TIKTOK_US = ("Order ID,Order Status,Order Substatus,Cancelation/Return Type,Normal or Pre-order,SKU ID,Seller SKU,"
             "Product Name,Variation,Quantity,Sku Quantity of return,SKU Unit Original Price,SKU Subtotal Before Discount,"
             "SKU Platform Discount,SKU Seller Discount,SKU Subtotal After Discount,Shipping Fee After Discount,"
             "Original Shipping Fee,Shipping Fee Seller Discount,Shipping Fee Platform Discount,Payment platform discount,"
             "Taxes,Order Amount,Order Refund Amount,Created Time,Paid Time,RTS Time,Shipped Time,Delivered Time,"
             "Cancelled Time,Cancel By,Cancel Reason,Fulfillment Type,Warehouse Name,Tracking ID,Delivery Option,"
             "Shipping Provider Name,Buyer Message,Buyer Username,Recipient,Phone #,Country,State,City,Zipcode,"
             "Detail Address,Additional address information,Payment Method,Weight(kg),Product Category,Package ID,"
             "Seller Note,Checked Status,Checked Marked by").split(",")


def tiktok_orders(d: Path, name: str = "bigcommerce_orders.csv") -> Path:
    """US orders export: the description row under the header, ids ending in a tab (as TikTok writes them to keep
    Excel from rounding), MM/DD/YYYY hh:mm:ss AM times; a delivered two-SKU order with seller and platform discounts,
    a cancelled order, a partly refunded order."""
    note = {"Order ID": "Platform unique order ID.", "Order Status": "Current order status.",
            "Seller SKU": "Seller SKU input.", "Quantity": "SKU sold quantity.", "Created Time": "Order created time."}
    us = {"Normal or Pre-order": "Normal", "Fulfillment Type": "Fulfillment by seller", "Warehouse Name": "Austin WH",
          "Delivery Option": "Standard shipping", "Shipping Provider Name": "USPS", "Buyer Username": "buyer",
          "Country": "United States", "State": "Texas", "City": "Austin", "Zipcode": "78701",
          "Payment Method": "Credit card"}
    o1 = {**us, "Order ID": "576400000000000001\t", "Order Status": "Completed", "Order Substatus": "Delivered",
          "Shipping Fee After Discount": "0.00", "Original Shipping Fee": "5.99", "Shipping Fee Seller Discount": "1.00",
          "Shipping Fee Platform Discount": "4.99", "Taxes": "3.60", "Order Amount": "48.60",
          "Order Refund Amount": "0.00", "Created Time": "03/01/2026 09:00:00 AM", "Paid Time": "03/01/2026 09:01:00 AM",
          "RTS Time": "03/02/2026 10:00:00 AM", "Shipped Time": "03/02/2026 04:00:00 PM",
          "Delivered Time": "03/05/2026 11:00:00 AM", "Tracking ID": "9400111899223197428490", "Weight(kg)": "1.2",
          "Package ID": "1150000000000001"}
    rows = [
        note,
        {**o1, "SKU ID": "1729000000000001\t", "Seller SKU": "MUG-1", "Product Name": "Speckled mug",
         "Variation": "Blue", "Quantity": "2", "Sku Quantity of return": "0", "SKU Unit Original Price": "15.00",
         "SKU Subtotal Before Discount": "30.00", "SKU Platform Discount": "3.00", "SKU Seller Discount": "2.00",
         "SKU Subtotal After Discount": "25.00"},
        {**o1, "SKU ID": "1729000000000002\t", "Seller SKU": "PLATE-1", "Product Name": "Dinner plate", "Quantity": "1",
         "Sku Quantity of return": "0", "SKU Unit Original Price": "20.00", "SKU Subtotal Before Discount": "20.00",
         "SKU Platform Discount": "0.00", "SKU Seller Discount": "0.00", "SKU Subtotal After Discount": "20.00"},
        {**us, "Order ID": "576400000000000002\t", "Order Status": "Canceled", "Order Substatus": "Canceled",
         "Cancelation/Return Type": "Cancel", "SKU ID": "1729000000000003\t", "Seller SKU": "CUP-1",
         "Product Name": "Cup", "Quantity": "1", "SKU Unit Original Price": "12.00",
         "SKU Subtotal Before Discount": "12.00", "SKU Subtotal After Discount": "12.00", "Taxes": "0.96",
         "Order Amount": "12.96", "Created Time": "03/03/2026 08:00:00 PM", "Cancelled Time": "03/03/2026 09:15:00 PM",
         "Cancel By": "Buyer", "Cancel Reason": "No longer needed"},
        {**us, "Order ID": "576400000000000003\t", "Order Status": "Shipped", "Order Substatus": "In transit",
         "Cancelation/Return Type": "Return/Refund", "SKU ID": "1729000000000004\t", "Seller SKU": "CUP-1",
         "Product Name": "Cup", "Quantity": "2", "Sku Quantity of return": "1", "SKU Unit Original Price": "10.00",
         "SKU Subtotal Before Discount": "20.00", "SKU Subtotal After Discount": "20.00",
         "Shipping Fee After Discount": "0.00", "Original Shipping Fee": "0.00", "Taxes": "1.60",
         "Order Amount": "21.60", "Order Refund Amount": "10.80", "Created Time": "03/04/2026 07:30:00 AM",
         "RTS Time": "03/04/2026 03:00:00 PM", "Shipped Time": "03/05/2026 09:00:00 AM",
         "Tracking ID": "1Z999AA10123456784", "Shipping Provider Name": "UPS"},
    ]
    return write_rows(d / name, TIKTOK_US, rows)


EXPECTED_TIKTOK = {
    # 2 × 15 + 20 gross, the seller's 2.00 off (TikTok's 3.00 is TikTok's), shipping 5.99 − 1.00, tax on top
    "tiktok:576400000000000001": dict(currency="USD", lines=2, units=3, gross_sales_amount=50.0, discount_amount=2.0,
                                      shipping_charged_amount=4.99, tax_amount=3.6, order_total_amount=D("48.60"),
                                      net_revenue_amount=52.99, is_delivered=True, carrier="USPS",
                                      delivered_at=dt.datetime(2026, 3, 5, 11, 0)),
    "tiktok:576400000000000002": dict(is_cancelled=True, is_in_revenue=False, net_revenue_amount=0.0),
    # refund 10.80 without its tax share (1.60 / 21.60): 10.00
    "tiktok:576400000000000003": dict(refund_amount=10.0, net_revenue_amount=10.0, is_shipped=True,
                                      is_delivered=False),
}


EBAY_TRANSACTIONS = ['Transaction creation date', 'Type', 'Order number', 'Legacy order ID', 'Buyer username',
                     'Buyer name', 'Ship to city', 'Ship to province/region/state', 'Ship to zip', 'Ship to country',
                     'Net amount', 'Payout currency', 'Payout date', 'Payout ID', 'Payout method', 'Payout status',
                     'Reason for hold', 'Item ID', 'Transaction ID', 'Item title', 'Custom label', 'Quantity',
                     'Item subtotal', 'Shipping and handling', 'Seller collected tax', 'eBay collected tax',
                     'Final Value Fee - fixed', 'Final Value Fee - variable', 'Regulatory operating fee',
                     'Very high "item not as described" fee', 'Below standard performance fee', 'International fee',
                     'Charity donation', 'Deposit processing fee', 'Gross transaction amount', 'Transaction currency',
                     'Exchange rate', 'Reference ID', 'Description']
EBAY_TRANSACTIONS_PREAMBLE = ["--,--,--,--", "Notes", "\"Report is based upon the transaction creation date\"", "",
                              "Transaction report", "Seller,shop_x", "Start date,Aug 1 2026",
                              "End date,Aug 31 2026", "Report creation date,Sep 2 2026"]


def ebay_transactions(d: Path, name: str = "shopify_payouts.csv") -> Path:
    """Seller Hub → Payments → Transaction report: its notes preamble, `--` for empty, `"Aug 15, 2026"` dates; a
    one-item order, a multi-item order (summary row + item rows; the items' currency blank), a refund crediting fees
    back, a Promoted Listings "Other fee", a payout and a hold (no fees)."""
    e = {h: "--" for h in EBAY_TRANSACTIONS}
    rows = [
        {**e, "Transaction creation date": "Aug 15, 2026", "Type": "Order", "Order number": "12-13245-67890",
         "Legacy order ID": "12-13245-67890", "Ship to country": "US", "Net amount": "46.19", "Payout currency": "USD",
         "Item ID": "123456789012", "Transaction ID": "1000000000001", "Item title": "Vintage Lamp",
         "Custom label": "LAMP-1", "Quantity": "1", "Item subtotal": "45.99", "Shipping and handling": "8.00",
         "eBay collected tax": "3.80", "Final Value Fee - fixed": "-0.30", "Final Value Fee - variable": "-6.95",
         "Regulatory operating fee": "-0.19", "International fee": "-0.36", "Gross transaction amount": "57.79",
         "Transaction currency": "USD"},
        {**e, "Transaction creation date": "Aug 16, 2026", "Type": "Order", "Order number": "12-13245-67892",
         "Net amount": "19.40", "Payout currency": "USD", "Gross transaction amount": "25.00",
         "Transaction currency": "USD"},
        {**e, "Transaction creation date": "Aug 16, 2026", "Type": "Order", "Order number": "12-13245-67892",
         "Item ID": "123456789014", "Transaction ID": "1000000000003", "Item title": "Brass Hook",
         "Custom label": "HOOK-1", "Quantity": "1", "Item subtotal": "10.00", "Shipping and handling": "5.00",
         "Final Value Fee - fixed": "-0.30", "Final Value Fee - variable": "-1.99"},
        {**e, "Transaction creation date": "Aug 16, 2026", "Type": "Order", "Order number": "12-13245-67892",
         "Item ID": "123456789015", "Transaction ID": "1000000000004", "Item title": "Brass Hook Large",
         "Custom label": "HOOK-2", "Quantity": "1", "Item subtotal": "10.00", "Final Value Fee - fixed": "-0.30",
         "Final Value Fee - variable": "-1.33", "Very high \"item not as described\" fee": "-1.00"},
        {**e, "Transaction creation date": "Aug 20, 2026", "Type": "Refund", "Order number": "12-13245-67890",
         "Net amount": "-48.20", "Payout currency": "USD", "Item title": "Vintage Lamp", "Item subtotal": "-45.99",
         "Shipping and handling": "-8.00", "eBay collected tax": "-3.80", "Final Value Fee - variable": "6.95",
         "Regulatory operating fee": "0.19", "Gross transaction amount": "-57.79", "Transaction currency": "USD",
         "Reference ID": "5000000001"},
        {**e, "Transaction creation date": "Aug 21, 2026", "Type": "Other fee", "Order number": "12-13245-67892",
         "Net amount": "-0.89", "Payout currency": "USD", "Item ID": "123456789014", "Gross transaction amount": "-0.89",
         "Transaction currency": "USD", "Reference ID": "FEE-1", "Description": "Promoted Listings - General fee"},
        {**e, "Transaction creation date": "Aug 31, 2026", "Type": "Payout", "Net amount": "-1,004.20",
         "Payout currency": "USD", "Payout ID": "7593167856", "Payout method": "Bank account",
         "Payout status": "Funds sent", "Gross transaction amount": "-1,004.20", "Transaction currency": "USD",
         "Description": "Scheduled payout"},
        {**e, "Transaction creation date": "Aug 30, 2026", "Type": "Hold", "Order number": "01-00000-00001",
         "Net amount": "-152", "Payout currency": "USD", "Item subtotal": "162.26", "Gross transaction amount": "-152",
         "Transaction currency": "USD", "Description": "Hold placed"},
    ]
    return write_rows(d / name, EBAY_TRANSACTIONS, rows, preamble=EBAY_TRANSACTIONS_PREAMBLE)


EXPECTED_EBAY_FEES = {  # order -> Σ fees by hand (negative: charged)
    "ebay:12-13245-67890": -0.30 - 6.95 - 0.19 - 0.36 + 6.95 + 0.19,  # the refund credits the variable and regulatory fees
    "ebay:12-13245-67892": -0.30 - 1.99 - 0.30 - 1.33 - 1.00 - 0.89,
}


TEMPLATE_BUILDERS = {  # format name -> builder (every Opsdesk template)
    "opsdesk_orders": tmpl_orders, "opsdesk_shipments": tmpl_shipments, "opsdesk_returns": tmpl_returns,
    "opsdesk_inventory": tmpl_inventory_padded, "opsdesk_products": tmpl_products,
    "opsdesk_product_costs": tmpl_product_costs, "opsdesk_purchase_orders": tmpl_purchase_orders,
    "opsdesk_3pl_invoice": tmpl_3pl_invoice, "opsdesk_carrier_adjustments": tmpl_carrier_adjustments,
    "opsdesk_promotions": tmpl_promotions, "opsdesk_csat": tmpl_csat, "opsdesk_ad_spend": tmpl_ad_spend,
    "opsdesk_fx_rates": tmpl_fx_rates, "opsdesk_duties": tmpl_duties, "opsdesk_disputes": tmpl_disputes,
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
    "zendesk_tickets": (zendesk_tickets, "zendesk_tickets"),
    "gorgias_tickets": (gorgias_tickets, "gorgias_tickets"),
    "ecb_fx_history": (ecb_fx_history, "ecb_fx_rates"),
    "woocommerce_aoe": (woocommerce_aoe, "woocommerce_orders"),
    "woocommerce_aoe_2018": (woocommerce_aoe_2018, "woocommerce_orders"),
    "woocommerce_analytics": (woocommerce_analytics, "woocommerce_analytics_orders"),
    "woocommerce_analytics_old": (woocommerce_analytics_old, "woocommerce_analytics_orders"),
    "etsy_order_items": (etsy_order_items, "etsy_order_items"),
    "etsy_orders": (etsy_orders, "etsy_orders"),
    "amazon_date_range": (amazon_date_range, "amazon_transactions"),
    "bigcommerce": (bigcommerce_orders, "bigcommerce_orders"),
    "bigcommerce_line_items": (bigcommerce_line_items, "bigcommerce_line_items"),
    "magento": (magento_orders, "magento_orders"),
    "netsuite_inventory": (netsuite_inventory, "netsuite_inventory"),
    "netsuite_fulfillments": (netsuite_fulfillments, "netsuite_fulfillments"),
    "tiktok": (tiktok_orders, "tiktok_orders"),
    "ebay_transactions": (ebay_transactions, "ebay_transactions"),
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
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() ORDER BY 1"
        ).fetchall()  # the snapshot's views, not its attached part files
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
