"""The registry of file formats Opsdesk reads.

Each `FormatSpec` names the header columns a platform export carries (by name, never by position; see
FORMATS.md), the type each column is parsed to, which columns must be present for the file to be recognised
(`signature`), which must hold a value on every data row (`required`), and the natural key used to merge
overlapping exports (latest load wins).  Columns not listed are ignored; listed optional columns that are
missing from a file load as NULL.

Raw tables are named ``raw_<format name>`` and hold one column per listed column (snake-cased, typed) plus
``_load_id`` (the load log entry), ``_row`` (the row number in the source file, header = its own row) and
``_seq`` (occurrence number of the natural key inside the file, so that repeated keys in one file survive).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

TYPES = ("text", "money", "number", "int", "ts", "date", "bool", "currency")  # currency: the ISO code a money cell states


@dataclass(frozen=True)
class Col:
    header: str  # header name as written in the export
    type: str = "text"
    required: bool = False  # a value must be present on every data row
    signature: bool = False  # must be present in the header for detection
    aliases: tuple[str, ...] = ()  # other spellings seen in real files (case/locale variants)
    doc: str = ""
    day_first: bool = False  # ambiguous dates (09/06/25) are day-first in this column, whatever the marketplace
    as_name: str = ""  # a second reading of the same header gets its own name (e.g. the currency of "Sold For")

    @property
    def name(self) -> str:
        return self.as_name or snake(self.header)


@dataclass(frozen=True)
class FormatSpec:
    name: str  # e.g. "shopify_orders"; raw table is raw_<name>
    label: str  # shown to users
    source: str  # shopify, amazon, walmart, ebay, woocommerce, etsy, bigcommerce, tiktok, shipstation, opsdesk
    entity: str  # orders, returns, shipments, fees, inventory, ...
    columns: tuple[Col, ...]
    key: tuple[str, ...] = ()  # snake names forming the natural key
    forward_fill: tuple[str, ...] = ()  # order-level columns blank on continuation rows (Shopify)
    fill_group: str = ""  # column that groups continuation rows (Shopify `Name`)
    is_template: bool = False
    doc: str = ""
    # The entity a later load replaces whole ("latest load wins"): an order re-exported with fewer lines loses the
    # lines it no longer has. The warehouse generates `latest_<name>` (the raw rows of each entity's latest load)
    # from it; staging models read that instead of writing the rule again.
    replaces: tuple[str, ...] = ()
    # An explanatory row some exports write under the header (TikTok Shop: "Platform unique order ID.", …): the snake
    # name of a column and the text its cell starts with (case aside) on that row, which is then not data.
    note_row: tuple[str, str] = ()
    # What the export cannot give (said on Data health when a file of this format is loaded), e.g. an order grid
    # without items: "no SKUs and no units, so …". Empty when the export carries orders, lines and amounts.
    lacks: str = ""

    @property
    def table(self) -> str:
        return f"raw_{self.name}"

    @property
    def latest(self) -> str:
        return f"latest_{self.name}"

    def col(self, name: str) -> Col:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


@functools.lru_cache(maxsize=65536)  # pure; detection compares every header of a file with every format's columns
def snake(header: str) -> str:
    s = header.strip().lower().replace("#", " no ")
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s or "col"


@functools.lru_cache(maxsize=65536)
def norm_header(h: str) -> str:
    """Header comparison key: case, padding, BOM and punctuation-insensitive."""
    return snake(h.replace("\ufeff", ""))


def C(header, type="text", required=False, signature=None, aliases=(), doc="", day_first=False, name=""):
    return Col(header, type, required, required if signature is None else signature, tuple(aliases), doc, day_first, name)


# ---------------------------------------------------------------- platform exports (FORMATS.md)

SHOPIFY_ORDERS = FormatSpec(
    "shopify_orders", "Shopify orders export", "shopify", "orders",
    (
        C("Name", required=True), C("Financial Status", signature=True), C("Paid at", "ts"),
        C("Email", doc="The buyer's e-mail: hashed (normalised) into the order's customer key, never shown"),
        C("Fulfillment Status", signature=True), C("Fulfilled at", "ts"), C("Currency"),
        C("Subtotal", "money"), C("Shipping", "money"), C("Taxes", "money"), C("Total", "money", signature=True),
        C("Discount Code"), C("Discount Amount", "money"), C("Shipping Method"),
        C("Created at", "ts", required=True), C("Lineitem quantity", "int", required=True),
        C("Lineitem name", signature=True), C("Lineitem price", "money", required=True),
        C("Lineitem compare at price", "money"), C("Lineitem sku", signature=True),
        C("Lineitem requires shipping", "bool"), C("Lineitem fulfillment status"),
        C("Shipping City"), C("Shipping Zip"), C("Shipping Province"), C("Shipping Country"),
        C("Cancelled at", "ts"), C("Payment Method"), C("Refunded Amount", "money"), C("Vendor"),
        C("Outstanding Balance", "money"), C("Location"), C("Id", signature=True), C("Tags"), C("Risk Level"),
        C("Source"), C("Lineitem discount", "money"),
    ),
    key=("id", "_line"),
    forward_fill=("id", "currency", "financial_status", "fulfillment_status", "source", "cancelled_at",
                  "fulfilled_at", "shipping_method", "shipping_country", "shipping_province", "location"),
    fill_group="name",
    doc="Shopify admin → Orders → Export. One row per line item; order fields only on the first row.",
    replaces=("id",),
)

AMAZON_ORDERS = FormatSpec(
    "amazon_orders", "Amazon All Orders report", "amazon", "orders",
    (
        C("amazon-order-id", required=True), C("merchant-order-id"), C("purchase-date", "ts", required=True),
        C("last-updated-date", "ts"), C("order-status", signature=True), C("fulfillment-channel", signature=True),
        C("sales-channel"), C("ship-service-level"), C("product-name"), C("sku", required=True), C("asin"),
        C("item-status"), C("quantity", "int", required=True, aliases=("quantity-purchased",)), C("currency"),
        C("item-price", "money", signature=True), C("item-tax", "money"), C("shipping-price", "money"),
        C("shipping-tax", "money"), C("item-promotion-discount", "money"), C("ship-promotion-discount", "money"),
        C("ship-city"), C("ship-state"), C("ship-postal-code"), C("ship-country"), C("is-business-order"),
    ),
    key=("amazon_order_id", "sku"),
    doc="Seller Central → Reports → Order reports → All Orders (tab-delimited). item-price is the line total.",
    replaces=("amazon_order_id",),
)

AMAZON_FBA_RETURNS = FormatSpec(
    "amazon_fba_returns", "Amazon FBA customer returns", "amazon", "returns",
    (
        C("return-date", "ts", required=True), C("order-id", required=True), C("sku", required=True),
        C("asin"), C("fnsku", signature=True), C("product-name"), C("quantity", "int", required=True),
        C("fulfillment-center-id"), C("detailed-disposition", signature=True), C("reason", signature=True),
        C("status"), C("license-plate-number"), C("customer-comments"),
    ),
    key=("order_id", "sku", "license_plate_number", "return_date"),
    doc="Reports → Fulfillment → Customer returns. Dates are FC processing dates.",
)

AMAZON_MFN_RETURNS = FormatSpec(
    "amazon_mfn_returns", "Amazon seller-fulfilled returns", "amazon", "returns",
    (
        C("Order ID", required=True), C("Order date", "ts"), C("Return request date", "ts", required=True),
        C("Return request status", signature=True), C("Amazon RMA ID", signature=True), C("Label cost", "money"),
        C("Currency code"), C("Return carrier"), C("Tracking ID"), C("A-to-Z Claim"), C("ASIN"),
        C("Merchant SKU", required=True), C("Item Name"), C("Return quantity", "int", required=True),
        C("Return Reason", signature=True), C("In policy"), C("Return type"), C("Resolution"),
        C("Return delivery date", "ts"), C("Order Amount", "money"), C("Order quantity", "int"),
        C("Refunded Amount", "money"),
    ),
    key=("amazon_rma_id", "merchant_sku"),
    doc="Returns by return date flat file (Title Case columns).",
)

AMAZON_SHIPMENTS = FormatSpec(
    "amazon_shipments", "Amazon Fulfilled Shipments", "amazon", "shipments",
    (
        C("amazon-order-id", required=True), C("merchant-order-id"), C("shipment-id", required=True),
        C("shipment-item-id", signature=True), C("amazon-order-item-id"), C("purchase-date", "ts"),
        C("payments-date", "ts"), C("shipment-date", "ts", required=True), C("reporting-date", "ts"),
        C("sku", required=True), C("product-name"), C("quantity-shipped", "int", required=True),
        C("currency"), C("item-price", "money"), C("item-tax", "money"), C("shipping-price", "money"),
        C("ship-service-level"), C("ship-city"), C("ship-state"), C("ship-postal-code"), C("ship-country"),
        C("item-promotion-discount", "money"), C("ship-promotion-discount", "money"), C("carrier", signature=True),
        C("tracking-number"), C("estimated-arrival-date", "ts", signature=True), C("fulfillment-center-id"),
        C("fulfillment-channel"), C("sales-channel"),
    ),
    key=("shipment_item_id",),
    doc="Reports → Fulfillment → Amazon Fulfilled Shipments. The only Amazon source of promised dates.",
)

AMAZON_SETTLEMENT = FormatSpec(
    "amazon_settlement", "Amazon settlement report (flat file V2)", "amazon", "fees",
    (
        C("settlement-id", required=True), C("settlement-start-date", "ts"), C("settlement-end-date", "ts"),
        C("deposit-date", "ts"), C("total-amount", "money"), C("currency"), C("transaction-type", signature=True),
        C("order-id"), C("merchant-order-id"), C("adjustment-id"), C("shipment-id"), C("marketplace-name"),
        C("amount-type", signature=True), C("amount-description", signature=True), C("amount", "money", signature=True),
        C("fulfillment-id"), C("posted-date", "date", day_first=True), C("posted-date-time", "ts"), C("order-item-code"),
        C("merchant-order-item-id"), C("sku"), C("quantity-purchased", "int"), C("promotion-id"),
    ),
    key=("settlement_id", "order_id", "order_item_code", "sku", "amount_type", "amount_description", "posted_date_time"),
    doc="Payments → Reports repository → Settlement (flat file V2): one amount per row.",
)

AMAZON_SETTLEMENT_V1 = FormatSpec(
    "amazon_settlement_v1", "Amazon settlement report (flat file, older 36-column layout)", "amazon", "fees",
    (
        C("settlement-id", required=True), C("settlement-start-date", "ts"), C("settlement-end-date", "ts"),
        C("deposit-date", "ts"), C("total-amount", "money"), C("currency"), C("transaction-type", signature=True),
        C("order-id"), C("merchant-order-id"), C("adjustment-id"), C("shipment-id"), C("marketplace-name"),
        C("shipment-fee-type"), C("shipment-fee-amount", "money"), C("order-fee-type"), C("order-fee-amount", "money"),
        C("fulfillment-id"), C("posted-date", "ts", day_first=True), C("order-item-code"), C("merchant-order-item-id"),
        C("merchant-adjustment-item-id"), C("sku"), C("quantity-purchased", "int"),
        C("price-type", signature=True), C("price-amount", "money", signature=True),
        C("item-related-fee-type", signature=True), C("item-related-fee-amount", "money"), C("misc-fee-amount", "money"),
        C("other-fee-amount", "money"), C("other-fee-reason-description"), C("promotion-id"), C("promotion-type"),
        C("promotion-amount", "money"), C("direct-payment-type"), C("direct-payment-amount", "money"),
        C("other-amount", "money"),
    ),
    key=("settlement_id",), replaces=("settlement_id",),
    doc="Payments → Reports repository → Settlement (flat file, the older layout): each row carries its amounts in "
        "typed columns (price, item fee, promotion, shipment/order fee, misc, other, direct payment). A settlement "
        "is replaced whole by a later load of the same settlement.",
)

AMAZON_TRANSACTIONS = FormatSpec(
    "amazon_transactions", "Amazon Date Range transaction report", "amazon", "fees",
    (
        C("date/time", "ts", required=True), C("settlement id", signature=True), C("type"), C("order id"),
        C("sku"), C("description"), C("quantity", "int"), C("marketplace"), C("account type"),
        C("fulfillment"), C("order city"), C("order state"), C("order postal"), C("tax collection model"),
        C("product sales", "money", signature=True), C("product sales tax", "money"),
        C("shipping credits", "money"), C("shipping credits tax", "money"), C("gift wrap credits", "money"),
        C("giftwrap credits tax", "money"), C("Regulatory Fee", "money"), C("Tax On Regulatory Fee", "money"),
        C("promotional rebates", "money"), C("promotional rebates tax", "money"),
        C("marketplace withheld tax", "money"), C("sales tax collected", "money"),
        C("Marketplace Facilitator Tax", "money"), C("selling fees", "money", signature=True),
        C("fba fees", "money", signature=True), C("other transaction fees", "money"), C("other", "money"),
        C("total", "money", signature=True), C("Transaction Status"),
    ),
    key=("date_time", "settlement_id", "type", "order_id", "sku", "description", "total"),
    doc="Seller Central → Payments → Reports Repository → Transaction (Date Range) report: quoted preamble lines, "
        "then one row per transaction with its amounts in typed columns (product sales, credits, rebates, taxes, "
        "selling/FBA/other fees, total). Currency: the marketplace's (amazon.com → USD, amazon.co.uk → GBP…).",
)

WALMART_ORDERS = FormatSpec(
    "walmart_orders", "Walmart Seller Center order report", "walmart", "orders",
    (
        C("PO#", required=True), C("Order#", signature=True), C("Order Date", "ts", required=True),
        C("Ship By", "ts"), C("Delivery Date", "ts"), C("City"), C("State"), C("Zip"), C("Line#", "int", signature=True),
        C("UPC"), C("Status", signature=True), C("Item Description"), C("Shipping Method"), C("Shipping Tier"),
        C("Shipping SLA"), C("Qty", "int", required=True), C("SKU", required=True), C("Item Cost", "money", signature=True),
        C("Shipping Cost", "money"), C("Tax", "money"), C("Carrier"), C("Tracking Number"),
        C("Seller Order NO"), C("Fulfillment Entity"),
        C("Item Cost", "currency", name="item_cost_currency", doc="Currency written with the amount, if any"),
    ),
    key=("po_no", "line_no"), replaces=("po_no",),
    doc="Seller Center → Orders → Download (xlsx or csv). One row per PO line. Item Cost, Shipping Cost and Tax "
        "are read as line amounts (not per unit; unverified publicly, the same reading as Amazon's item-price). "
        "Amounts are in the currency written with them, else US dollars (the report of Walmart's US Seller Center).",
)

EBAY_ORDERS = FormatSpec(
    "ebay_orders", "eBay Seller Hub orders report", "ebay", "orders",
    (
        C("Sales Record Number", signature=True), C("Order Number", required=True),
        C("Buyer Username", doc="eBay's stable buyer id (Buyer Email is a per-order relay address): hashed into the "
                                "order's customer key, never shown"),
        C("Ship To City", aliases=("Post to city",)), C("Ship To State", aliases=("Post to county",)),
        C("Ship To Zip", aliases=("Post to postcode",)), C("Ship To Country", aliases=("Post to country",)),
        C("Item Number"), C("Item Title"), C("Custom Label", signature=True), C("Quantity", "int", required=True),
        C("Sold For", "money", signature=True), C("Shipping And Handling", "money", aliases=("Postage and packaging",)),
        C("Seller Collected Tax", "money"), C("eBay Collected Tax", "money"), C("Total Price", "money"),
        C("Sale Date", "ts", required=True), C("Paid On Date", "ts"), C("Ship By Date", "ts"),
        C("Minimum Estimated Delivery Date", "ts"), C("Maximum Estimated Delivery Date", "ts"),
        C("Shipped On Date", "ts"), C("Feedback Received"), C("Shipping Service", aliases=("Delivery service",)),
        C("Tracking Number"), C("Transaction ID"), C("Variation Details"),
        C("Sold For", "currency", name="sold_for_currency", doc="Currency written with the price (US $, £, C $…)"),
        C("Total Price", "currency", name="total_price_currency", doc="Currency written with the total"),
    ),
    key=("order_number", "transaction_id", "item_number"), replaces=("order_number",),
    doc="Seller Hub → Orders → Download report. Money with its site's currency (`$`, `US $`, `£`, `C $`…), "
        "`Jul-21-25` dates, trailer rows. A bare `$` is US dollars (eBay prefixes other dollars: C $, AU $).",
)

# WooCommerce: amounts are stored without tax whatever the shop's "prices entered with tax" setting (WooCommerce keeps
# line and shipping totals ex-tax and the tax beside them), so no WooCommerce amount below includes tax.
WOOCOMMERCE_ORDERS = FormatSpec(
    "woocommerce_orders", "WooCommerce order export (Advanced Order Export)", "woocommerce", "orders",
    (
        C("Order Number", required=True), C("Order Status", signature=True), C("Order Date", "ts", required=True),
        C("First Name (Billing)", signature=True), C("State Code (Shipping)"), C("Country Code (Shipping)"),
        C("Payment Method Title"), C("Cart Discount Amount", "money"), C("Order Subtotal Amount", "money"),
        C("Shipping Method Title"), C("Order Shipping Amount", "money"), C("Order Refund Amount", "money"),
        C("Order Total Amount", "money", signature=True), C("Order Total Tax Amount", "money"),
        C("SKU"), C("Item #", "int"), C("Item Name", aliases=("Name",)), C("Quantity", "int"),
        C("Quantity (- Refund)", "int"), C("Item Cost", "money", signature=True), C("Currency"),
    ),
    key=("order_number", "item_no"), replaces=("order_number",),
    doc="WooCommerce → Export Orders (the Advanced Order Export For WooCommerce plugin, default fields, products "
        "as rows). Item Cost is the unit price after coupons and without tax (the plugin's get_item_total). No "
        "currency unless the profile adds the Currency field: the workspace's reporting currency then.",
)

WOOCOMMERCE_ANALYTICS_ORDERS = FormatSpec(
    "woocommerce_analytics_orders", "WooCommerce Analytics orders export", "woocommerce", "orders",
    (
        C("Date", "ts", required=True), C("Order #", required=True), C("N. Revenue (formatted)", "money"),
        C("Status", signature=True), C("Customer"), C("Customer type", signature=True),
        C("Product(s)", signature=True), C("Items sold", "int", signature=True), C("Coupon(s)"),
        C("Net Sales", "money", required=True, signature=False, aliases=("N. Revenue",)), C("Attribution"),
        C("N. Revenue (formatted)", "currency", name="revenue_currency", doc="Currency written with the revenue"),
        C("Net Sales", "currency", name="net_sales_currency", aliases=("N. Revenue",)),
    ),
    key=("order_no",), replaces=("order_no",),
    doc="WP Admin → Analytics → Orders → Download. One row per order: no SKUs and no line prices (Product(s) is "
        "`2× Name, 1× Name`); Net Sales is after coupons, without tax and shipping.",
    lacks="no SKUs, no line prices, no shipping and no tax (its orders are left out of product and SKU figures). "
          "The Advanced Order Export plugin's file has them.",
)

BIGCOMMERCE_ORDERS = FormatSpec(
    "bigcommerce_orders", "BigCommerce orders export (default template)", "bigcommerce", "orders",
    (
        C("Order ID", required=True), C("Customer ID"), C("Order Date", "ts", required=True, day_first=True),
        C("Order Status", signature=True), C("Subtotal (inc tax)", "money", signature=True),
        C("Subtotal (ex tax)", "money", signature=True), C("Tax Total", "money"),
        C("Shipping Cost (inc tax)", "money"), C("Shipping Cost (ex tax)", "money"), C("Ship Method"),
        C("Handling Cost (inc tax)", "money"), C("Handling Cost (ex tax)", "money"), C("Coupon Details"),
        C("Order Total (inc tax)", "money", signature=True), C("Order Total (ex tax)", "money"),
        C("Payment Method"), C("Total Quantity", "int"), C("Total Shipped", "int"),
        C("Date Shipped", "ts", day_first=True), C("Order Currency Code"), C("Shipping State"),
        C("Shipping Country"), C("Product Details", signature=True), C("Refund Amount", "money"), C("Channel Name"),
    ),
    key=("order_id",), replaces=("order_id",),
    doc="Control Panel → Orders → Export → template Default (CSV). One row per order; its items packed in Product "
        "Details (`Product Qty: 2, Product SKU: …, Product Name: …, Product Unit Price: …, Product Total Price: …`, "
        "items separated by `|`). Amounts with and without tax side by side.",
)

TIKTOK_ORDERS = FormatSpec(
    "tiktok_orders", "TikTok Shop orders export", "tiktok", "orders",
    (
        C("Order ID", required=True), C("Order Status", signature=True), C("Order Substatus", signature=True),
        C("Cancelation/Return Type", signature=True), C("SKU ID"), C("Seller SKU", signature=True),
        C("Product Name"), C("Variation"), C("Quantity", "int", required=True), C("Sku Quantity of return", "int"),
        C("SKU Unit Original Price", "money"), C("SKU Subtotal Before Discount", "money"),
        C("SKU Platform Discount", "money"), C("SKU Seller Discount", "money"),
        C("SKU Subtotal After Discount", "money", signature=True), C("Shipping Fee After Discount", "money"),
        C("Original Shipping Fee", "money"), C("Shipping Fee Seller Discount", "money"),
        C("Shipping Fee Platform Discount", "money"), C("Taxes", "money"), C("Order Amount", "money"),
        C("Order Refund Amount", "money"), C("Created Time", "ts", required=True), C("Paid Time", "ts"),
        C("RTS Time", "ts"), C("Shipped Time", "ts"), C("Delivered Time", "ts"), C("Cancelled Time", "ts"),
        C("Fulfillment Type"), C("Warehouse Name"), C("Tracking ID"), C("Delivery Option"),
        C("Shipping Provider Name"), C("Country"), C("State", aliases=("Province",)), C("Weight(kg)", "number"),
        C("Package ID"),
        C("SKU Unit Original Price", "currency", name="price_currency", doc="Currency written with the price, if any"),
    ),
    key=("order_id", "sku_id", "seller_sku", "variation"), replaces=("order_id",),
    note_row=("order_id", "platform unique order id"),
    doc="Seller Center → Orders → Manage orders → Export (Order / SKU list). One row per SKU line, order amounts "
        "repeated on each; many files carry a description row under the header (`Platform unique order ID.`, …).",
)

BIGCOMMERCE_LINE_ITEMS = FormatSpec(
    "bigcommerce_line_items", "BigCommerce orders export (one row per product)", "bigcommerce", "orders",
    (
        C("Order ID", required=True), C("Customer ID"), C("Order Date", "ts", required=True, day_first=True),
        C("Order Status", signature=True), C("Subtotal (inc tax)", "money", signature=True),
        C("Subtotal (ex tax)", "money", signature=True), C("Tax Total", "money"),
        C("Shipping Cost (inc tax)", "money"), C("Shipping Cost (ex tax)", "money"), C("Ship Method"),
        C("Handling Cost (inc tax)", "money"), C("Handling Cost (ex tax)", "money"), C("Coupon Details"),
        C("Order Total (inc tax)", "money", signature=True), C("Order Total (ex tax)", "money"),
        C("Payment Method"), C("Total Quantity", "int"), C("Date Shipped", "ts", day_first=True),
        C("Order Currency Code"), C("Shipping State"), C("Shipping Country"), C("Product ID"),
        C("Product Qty", "number", required=True), C("Product SKU", signature=True),
        C("Product Name", signature=True), C("Product Variation Details"),
        C("Product Unit Price", "money", signature=True), C("Product Total Price", "money"),
        C("Refund Amount", "money"), C("Channel Name"),
    ),
    key=("order_id",), replaces=("order_id",),
    doc="Control Panel → Orders → Export with an export template whose Product Details fields (Product ID, Product "
        "Qty, Product SKU, Product Name, Product Variation Details, Product Unit Price, Product Total Price) are "
        "columns of their own: one row per product, the order's fields repeated on each.",
)

# Adobe Commerce / Magento 2 (Admin → Sales → Orders → Export → CSV): the order grid's visible columns, one row per
# order, money written as the store formats it ("$219.40", "€1.234,50"), dates as "Jun 9, 2023 9:00:00 AM".
MAGENTO_ORDERS = FormatSpec(
    "magento_orders", "Adobe Commerce (Magento) order grid export", "magento", "orders",
    (
        C("ID", required=True), C("Purchase Point", signature=True), C("Purchase Date", "ts", required=True),
        C("Bill-to Name", signature=True), C("Grand Total (Base)", "money", required=True),
        C("Grand Total (Base)", "currency", name="base_currency",
          doc="Currency written with the grand total in the store's base currency"),
        C("Grand Total (Purchased)", "money", signature=True),
        C("Grand Total (Purchased)", "currency", name="purchased_currency",
          doc="Currency written with the grand total the buyer paid"),
        C("Status"), C("Shipping Information"), C("Customer Group"),
        C("Subtotal", "money", required=True), C("Shipping and Handling", "money", signature=True),
        C("Payment Method"), C("Total Refunded", "money"), C("Allocated sources"),
    ),
    key=("id",), replaces=("id",),
    doc="Admin → Sales → Orders → Export → CSV, with the Subtotal and Shipping and Handling columns shown in the grid "
        "(Columns). One row per order: no SKUs, no units and no tax column (the tax, net of any discount, is what "
        "the grand total holds beyond subtotal and shipping). Subtotal, Shipping and Handling and Total Refunded are "
        "written in the base currency, like Grand Total (Base).",
    lacks="no SKUs and no units (its orders are left out of product, SKU and unit figures), and no tax or discount "
          "column (tax is what the grand total holds beyond subtotal and shipping, so an order with both a discount "
          "and tax shows their difference only). Load a line-level export of the same orders for products.",
)

# NetSuite (Reports → Saved Searches → an Item search with location columns → Export → CSV): the result columns carry
# NetSuite's own field labels ("Inventory Location", "Location On Hand", …), one row per item and location.
NETSUITE_INVENTORY = FormatSpec(
    "netsuite_inventory", "NetSuite inventory by location (item saved search)", "netsuite", "inventory",
    (
        C("Name", required=True, doc="The item's name (its SKU; a matrix item's is written 'Parent : Child')"),
        C("Display Name"), C("Inventory Location", required=True),
        C("Location On Hand", "number", signature=True), C("Location Available", "number"),
        C("Location Committed", "number"), C("Location On Order", "number"),
    ),
    key=("name", "inventory_location"),
    doc="An item saved search's results with the location columns (Inventory Location, Location On Hand, Location "
        "Available, Location Committed, Location On Order), exported as CSV: today's quantities per item and location, "
        "without a date.",
    lacks="no date: its quantities are the stock on the day the file was loaded (export and load it the same day; an "
          "older file loaded later is dated the day of its load).",
)

NETSUITE_FULFILLMENTS = FormatSpec(
    "netsuite_fulfillments", "NetSuite item fulfillments (transaction saved search)", "netsuite", "shipments",
    (
        C("Date", "date", required=True), C("Document Number", required=True),
        C("Created From", signature=True, doc="The sales order fulfilled, written 'Sales Order #SO1001'"),
        C("Status"), C("Ship Date", "date"), C("Shipping Carrier"), C("Ship Via"),
        C("Tracking Numbers", signature=True), C("Location"), C("Item"), C("Quantity", "number"),
    ),
    key=("document_number", "item"),
    doc="A transaction saved search of type Item Fulfillment with its shipping columns (Created From, Ship Date, "
        "Shipping Carrier, Ship Via, Tracking Numbers, Location), exported as CSV: one row per fulfillment (main line) "
        "or per fulfilled item.",
    lacks="no delivery dates (only the day each fulfillment shipped), and sales order numbers rather than the "
          "channels' order numbers: a fulfillment counts against an order only when its sales order number is that "
          "order's number (Data health → shipments not matched to an order).",
)

# Etsy (Shop Manager → Settings → Options → Download Data): two monthly CSVs joined on Order ID.
ETSY_ORDER_ITEMS = FormatSpec(
    "etsy_order_items", "Etsy sold order items (EtsySoldOrderItems)", "etsy", "orders",
    (
        C("Sale Date", "ts", required=True), C("Item Name", signature=True), C("Buyer"),
        C("Quantity", "int", required=True), C("Price", "money", required=True), C("Coupon Code"),
        C("Discount Amount", "money"), C("Shipping Discount", "money"), C("Order Shipping", "money"),
        C("Order Sales Tax", "money"), C("Item Total", "money", signature=True), C("Currency"),
        C("Transaction ID", required=True), C("Listing ID", signature=True), C("Date Paid", "ts"),
        C("Date Shipped", "ts"), C("Ship State"), C("Ship Country"), C("Order ID", required=True), C("Variations"),
        C("Order Type"), C("VAT Paid by Buyer", "money"), C("SKU"),
    ),
    key=("order_id", "transaction_id"), replaces=("order_id",),
    doc="Download Data → Order Items: one row per transaction (line); order-level amounts (shipping, sales tax, "
        "discount) repeated on each of the order's rows.",
)

ETSY_ORDERS = FormatSpec(
    "etsy_orders", "Etsy sold orders (EtsySoldOrders)", "etsy", "orders",
    (
        C("Sale Date", "ts", required=True), C("Order ID", required=True), C("Buyer User ID", signature=True),
        C("Number of Items", "int", signature=True), C("Payment Method"), C("Date Shipped", "ts"), C("Ship State"),
        C("Ship Country"), C("Currency"), C("Order Value", "money", signature=True), C("Coupon Code"),
        C("Discount Amount", "money"), C("Shipping Discount", "money"), C("Shipping", "money"),
        C("Sales Tax", "money"), C("Order Total", "money", signature=True), C("Status"),
        C("Card Processing Fees", "money"), C("Order Net", "money", signature=True),
        C("Adjusted Order Total", "money"), C("Adjusted Card Processing Fees", "money"),
        C("Adjusted Net Order Amount", "money"), C("Order Type"), C("SKU"),
    ),
    key=("order_id",), replaces=("order_id",),
    doc="Download Data → Orders: one row per order with its totals, card processing fees and net.",
)

EBAY_TRANSACTIONS = FormatSpec(
    "ebay_transactions", "eBay Transaction report", "ebay", "fees",
    (
        C("Transaction creation date", "ts", required=True), C("Type", signature=True), C("Order number"),
        C("Ship to country"), C("Net amount", "money", signature=True), C("Payout currency"),
        C("Payout ID", signature=True), C("Item ID"), C("Transaction ID"), C("Item title"), C("Custom label"),
        C("Quantity", "int"), C("Item subtotal", "money"), C("Shipping and handling", "money"),
        C("Seller collected tax", "money"), C("eBay collected tax", "money"), C("Final Value Fee - fixed", "money"),
        C("Final Value Fee - variable", "money", signature=True), C("Regulatory operating fee", "money"),
        C('Very high "item not as described" fee', "money"), C("Below standard performance fee", "money"),
        C("International fee", "money"), C("Charity donation", "money"), C("Deposit processing fee", "money"),
        C("Promoted Listing Standard fee", "money"), C("Gross transaction amount", "money", signature=True),
        C("Transaction currency"), C("Reference ID"), C("Description"),
    ),
    key=("transaction_creation_date", "type", "order_number", "item_id", "transaction_id", "reference_id",
         "net_amount", "gross_transaction_amount"),
    doc="Seller Hub → Payments → Reports → Transaction report (CSV): notes lines before the header, one row per "
        "order item, refund, fee, hold or payout; fees negative, `--` for empty. Read for its fees per order.",
)

SHIPSTATION_SHIPMENTS = FormatSpec(
    "shipstation_shipments", "ShipStation shipments export", "shipstation", "shipments",
    (
        C("Order - Number", required=True), C("Date - Order Date", "ts"), C("Date - Shipped Date", "ts", required=True),
        C("Market - Store Name"), C("Market - Markeplace Name", aliases=("Market - Marketplace Name",)),
        C("Amount - Order Total", "money"), C("Amount - Order Shipping", "money"),
        C("Amount - Shipping Cost", "money", signature=True), C("Item - SKU"), C("Item - Qty", "int"),
        C("Item - Location"), C("Ship To - Postal Code"), C("Ship To - State"), C("Ship To - Country"),
        C("Carrier - Service Requested"), C("Carrier"), C("Service"), C("Tracking Number", signature=True),
        C("Source"),
    ),
    key=("order_number", "tracking_number", "item_sku"),
    doc="ShipStation → Shipments → Export (columns are user-chosen; `Group - Field` names).",
)

# ---------------------------------------------------------------- help desks (tickets; see docs/formats_support.md)

ZENDESK_TICKETS = FormatSpec(
    "zendesk_tickets", "Zendesk tickets CSV export", "zendesk", "tickets",
    (
        C("Id", required=True, doc="Ticket number"), C("Requester"), C("Requester email"), C("Assignee"), C("Group", name="group_name"),
        C("Subject"), C("Tags", doc="Space-separated tags at export time"), C("Status"), C("Priority"),
        C("Via", signature=True, doc="Channel the ticket came in by (Mail, Web Form, Chat…)"), C("Ticket type"),
        C("Created at", "ts", required=True), C("Updated at", "ts"), C("Solved at", "ts"),
        C("Satisfaction Score", signature=True, doc="Not Offered, Offered, Good or Bad"),
        C("Replies", "number", signature=True), C("Reopens", "number"),
        C("First reply time in minutes", "number", signature=True),
        C("First reply time in minutes within business hours", "number"),
        C("First resolution time in minutes", "number"), C("Full resolution time in minutes", "number"),
        C("Full resolution time in minutes within business hours", "number"),
        C("Order number", aliases=("Order number [txt]", "Order Number [int]", "Order number [int]", "Order ID [txt]",
                                   "Order id", "Order [txt]", "Order #", "Order # [txt]"),
          doc="A ticket field holding the order number (a Zendesk custom field exports as `Name [type]`)"),
    ),
    key=("id",),
    doc="Admin Center → Account → Tools → Reports → CSV export (also the Explore tickets report with the same "
        "names). One row per ticket; times in the account's time zone. Custom fields export as `Name [type]`.",
)

GORGIAS_TICKETS = FormatSpec(
    "gorgias_tickets", "Gorgias tickets export", "gorgias", "tickets",
    (
        C("id", required=True, aliases=("ticket_id", "Ticket ID")), C("subject"), C("status", signature=True),
        C("channel", signature=True, doc="email, chat, phone, sms, facebook…"), C("via", signature=True),
        C("tags", doc="Tag names, comma-separated"), C("customer.email", aliases=("customer_email",)),
        C("assignee_user.email", aliases=("assignee_email",)), C("assignee_team.name", aliases=("assignee_team",)),
        C("created_datetime", "ts", required=True), C("opened_datetime", "ts"),
        C("first_response_datetime", "ts", doc="First agent reply, when the export carries it"),
        C("last_message_datetime", "ts"), C("closed_datetime", "ts"), C("updated_datetime", "ts"),
        C("satisfaction_survey.score", "number", aliases=("satisfaction_survey_score", "satisfaction_score"),
          doc="1–5"),
        C("external_id"), C("order_number", aliases=("order_id", "shopify_order_number"),
                            doc="A column holding the order number, when the export carries one"),
    ),
    key=("id",),
    doc="Gorgias tickets flattened from the documented Ticket object (developers.gorgias.com → The Ticket object): "
        "one row per ticket, `created_datetime` / `closed_datetime` in UTC, the survey score 1–5.",
)

# ---------------------------------------------------------------- Opsdesk templates (what platforms don't export)


def T(name, label, entity, columns, key, doc, replaces=()):
    return FormatSpec(name, label, "opsdesk", entity, tuple(columns), key=tuple(key), is_template=True, doc=doc,
                      replaces=tuple(replaces))


OPSDESK_ORDERS = T("opsdesk_orders", "Opsdesk orders template", "orders", [
    C("order_id", required=True, doc="Your order number (unique per channel)"),
    C("channel", doc="Sales channel, e.g. web, amazon, wholesale"),
    C("ordered_at", "ts", required=True, doc="Order time (store time zone)"),
    C("line_no", "int", doc="Line number inside the order (default: order of rows)"),
    C("sku", required=True), C("product_name"), C("category"),
    C("quantity", "number", required=True, doc="Units ordered (negative quantities are refused; load returns separately)"),
    C("unit_price", "money", required=True, doc="Price per unit before discount"),
    C("line_discount", "money", doc="Discount on the line (positive amount)"),
    C("shipping_charged", "money", doc="Shipping charged to the customer (order level, first line)"),
    C("currency", doc="ISO currency code (empty: the workspace's reporting currency)"),
    C("tax", "money", doc="Tax on the line (sales tax or VAT)"),
    C("prices_include_tax", "bool", doc="true when unit_price includes the tax (VAT/GST prices); default false"),
    C("status", doc="open, shipped, delivered, cancelled"),
    C("cancelled_at", "ts"), C("refunded_amount", "money", doc="Total refunded on the order (order level)"),
    C("ship_by", "ts", doc="Promised ship-by time"), C("promised_delivery_date", "date"),
    C("warehouse"), C("customer_id"), C("ship_to_region"), C("ship_to_country"),
], ["order_id", "line_no"], "One row per order line, for channels without a supported export.",
   replaces=("lower(coalesce(channel, 'other'))", "order_id"))

OPSDESK_SHIPMENTS = T("opsdesk_shipments", "Opsdesk shipments template", "shipments", [
    C("shipment_id", required=True, doc="Package / label id (unique)"), C("order_id", required=True),
    C("channel", doc="Channel of the order, to match order ids across channels"),
    C("carrier"), C("service"), C("tracking_number"), C("warehouse", doc="Ship-from warehouse or 3PL"),
    C("label_created_at", "ts", doc="Label printed"), C("first_scan_at", "ts", doc="Carrier pickup / first scan"),
    C("delivered_at", "ts"), C("promised_delivery_date", "date"), C("status", doc="delivered, in_transit, exception, damaged, lost"),
    C("zone"), C("destination_region"), C("destination_country"),
    C("weight_lb", "number"), C("length_in", "number"), C("width_in", "number"), C("height_in", "number"),
    C("billed_weight_lb", "number"), C("label_cost", "money", doc="Billed label cost"),
    C("quoted_cost", "money", doc="Label quote at purchase"), C("shipping_charged", "money"),
    C("sku", doc="Optional: item in the package"), C("quantity", "number", doc="Optional: units of sku in the package"),
], ["shipment_id", "sku"], "One row per package (or per package item when sku is given).")

OPSDESK_RETURNS = T("opsdesk_returns", "Opsdesk returns / RMA template", "returns", [
    C("return_id", required=True), C("order_id", required=True), C("channel"), C("sku", required=True),
    C("quantity", "number", required=True), C("requested_at", "ts"), C("returned_at", "ts", required=True),
    C("reason_code"), C("reason"), C("comment"), C("disposition", doc="restock, refurbish, liquidate, destroy"),
    C("outcome", doc="refund, exchange, store_credit"), C("refund_amount", "money"),
    C("return_label_cost", "money"), C("processing_cost", "money"), C("recovered_amount", "money"),
    C("warehouse"), C("carrier"),
], ["return_id", "sku"], "One row per returned SKU of an RMA.")

OPSDESK_INVENTORY = T("opsdesk_inventory", "Opsdesk inventory snapshot template", "inventory", [
    C("snapshot_date", "date", required=True), C("sku", required=True), C("location", required=True),
    C("on_hand", "number", required=True), C("available", "number"), C("reserved", "number"), C("inbound", "number"),
], ["snapshot_date", "sku", "location"], "On-hand units per SKU, location and day.")

OPSDESK_PRODUCTS = T("opsdesk_products", "Opsdesk product catalog template", "products", [
    C("sku", required=True), C("product_name"), C("category"), C("subcategory"), C("family"), C("size"), C("colour"),
    C("brand"), C("supplier"), C("price", "money"), C("weight_lb", "number"), C("length_in", "number"),
    C("width_in", "number"), C("height_in", "number"), C("lead_time_days", "number"), C("moq", "number"),
    C("case_pack", "number"), C("fba_size_tier"), C("is_active", "bool"),
], ["sku"], "One row per SKU.")

OPSDESK_PRODUCT_COSTS = T("opsdesk_product_costs", "Opsdesk cost history template", "product_costs", [
    C("sku", required=True), C("effective_from", "date", required=True), C("unit_cost", "money", required=True),
    C("inbound_freight_per_unit", "money"), C("duty_rate", "number", doc="Share of unit cost, 0.05 = 5 %"),
    C("other_cost_per_unit", "money"), C("currency"),
], ["sku", "effective_from"], "Landed-cost history: the row in force on the order date applies.")

OPSDESK_PURCHASE_ORDERS = T("opsdesk_purchase_orders", "Opsdesk purchase orders template", "purchase_orders", [
    C("po_id", required=True), C("sku", required=True), C("supplier"), C("location"),
    C("ordered_at", "date", required=True), C("expected_at", "date"), C("received_at", "date"),
    C("quantity_ordered", "number", required=True), C("quantity_received", "number"), C("unit_cost", "money"),
], ["po_id", "sku"], "One row per PO line; received_at empty while open.")

OPSDESK_3PL_INVOICE = T("opsdesk_3pl_invoice", "Opsdesk 3PL invoice template", "fulfillment_charges", [
    C("invoice_id", required=True), C("invoice_date", "date", required=True), C("provider", required=True),
    C("warehouse"), C("order_id"), C("sku"), C("charge_type", required=True, doc="pick_pack, packaging, storage, receiving, other"),
    C("quantity", "number"), C("amount", "money", required=True),
], ["invoice_id", "order_id", "sku", "charge_type"], "One row per invoice line.")

OPSDESK_CARRIER_ADJUSTMENTS = T("opsdesk_carrier_adjustments", "Opsdesk carrier invoice adjustments template", "carrier_adjustments", [
    C("invoice_id"), C("carrier", required=True), C("tracking_number", required=True),
    C("adjustment_date", "date"), C("adjustment_type", required=True, doc="dim_weight, address_correction, residential, fuel, other"),
    C("amount", "money", required=True), C("billed_weight_lb", "number"),
], ["tracking_number", "adjustment_type", "invoice_id"], "Carrier invoice lines beyond the label quote.")

OPSDESK_PROMOTIONS = T("opsdesk_promotions", "Opsdesk promotions & peak calendar template", "promotions", [
    C("name", required=True), C("start_date", "date", required=True), C("end_date", "date", required=True),
    C("event_type", doc="promotion or peak"), C("channel"), C("sku"), C("category"), C("discount_rate", "number"),
], ["name", "start_date"], "Promotions and peak events (Black Friday, Prime Day, …).")

OPSDESK_CSAT = T("opsdesk_csat", "Opsdesk CSAT responses template", "csat", [
    C("response_id", required=True), C("responded_at", "ts", required=True), C("score", "number", required=True, doc="1–5"),
    C("order_id"), C("channel"), C("comment"),
], ["response_id"], "Customer satisfaction survey responses on a 1–5 scale.")

OPSDESK_AD_SPEND = T("opsdesk_ad_spend", "Opsdesk ad spend template", "ad_spend", [
    C("date", "date", required=True), C("sku", required=True), C("channel"), C("spend", "money", required=True),
    C("clicks", "number"), C("impressions", "number"), C("attributed_sales", "money"),
], ["date", "sku", "channel"], "Advertising spend by SKU and day.")

OPSDESK_FX_RATES = T("opsdesk_fx_rates", "Opsdesk exchange rates template", "fx_rates", [
    C("date", "date", required=True, doc="Day the rate applies from (it applies until the next rate)"),
    C("from_currency", required=True, doc="ISO code, e.g. BDT"), C("to_currency", required=True, doc="ISO code, e.g. USD"),
    C("rate", "number", required=True, doc="1 from_currency = rate to_currency"),
], ["date", "from_currency", "to_currency"], "Your own exchange rates (e.g. your bank's or your accountant's): they take "
   "precedence over the ECB reference rates Opsdesk ships with.")

OPSDESK_DUTIES = T("opsdesk_duties", "Opsdesk duties & import taxes template", "duties", [
    C("order_id", required=True, doc="The order the consignment belongs to (your order number)"),
    C("channel", doc="Channel of the order, to match order ids across channels"),
    C("sku", doc="Optional: the item the row is for (one row per consignment is enough)"),
    C("hs_code", doc="Harmonized System code declared, e.g. 6109.10"), C("country_of_origin", doc="ISO code"),
    C("destination_country", doc="ISO code of the importing country"),
    C("duty", "money", required=True, doc="Customs duty assessed"),
    C("import_vat", "money", doc="Import VAT / GST / sales tax assessed at the border"),
    C("clearance_fee", "money", doc="Brokerage, clearance or disbursement fee"),
    C("currency", doc="ISO code of the amounts (empty: the workspace's reporting currency)"),
    C("paid_by", doc="merchant (DDP, the default) or customer (DAP: the buyer paid on delivery, not your cost)"),
    C("import_vat_recoverable", "bool", doc="true when you reclaim the import VAT (it is then not a cost)"),
    C("assessed_at", "date", doc="Day customs assessed the amounts"),
], ["order_id", "sku", "hs_code"], "Duties, import taxes and clearance fees of cross-border orders: a cost in the "
   "order's landed cost, never revenue. A later load of an order replaces its rows.",
   replaces=("lower(coalesce(channel, 'other'))", "order_id"))
OPSDESK_DISPUTES = T("opsdesk_disputes", "Opsdesk disputes & chargebacks template", "disputes", [
    C("dispute_id", required=True, doc="The processor's dispute / chargeback id (unique)"),
    C("order_id", required=True, doc="Your order number, as in the orders export (Shopify: the order name, e.g. #1001)"),
    C("channel", doc="Channel of the order, to match order ids across channels"),
    C("opened_at", "ts", required=True, doc="When the dispute was opened (the bank's chargeback date)"),
    C("reason", doc="fraudulent, product_not_received, not_as_described, duplicate, credit_not_processed, "
                    "subscription_canceled, unrecognized, general"),
    C("amount", "money", required=True, doc="Disputed amount (positive)"), C("currency", doc="ISO code of the amount"),
    C("fee", "money", doc="Dispute / chargeback fee charged by the processor (positive)"),
    C("status", doc="needs_response, under_review, won, lost, accepted (accepted: you did not contest it)"),
    C("resolved_at", "ts"), C("payment_method", doc="e.g. card, paypal, shop_pay"),
], ["dispute_id"], "One row per dispute or chargeback (Shopify Payments, Stripe, PayPal… exported into these columns).")

# The ECB's euro reference-rate history as downloaded (eurofxref-hist.csv, or eurofxref.csv for one day): units of
# each currency per 1 EUR, "N/A" where the ECB had no rate. Currencies the ECB dropped (CYP, TRL…) stay readable.
ECB_CURRENCIES = ("USD", "JPY", "BGN", "CYP", "CZK", "DKK", "EEK", "GBP", "HUF", "LTL", "LVL", "MTL", "PLN", "ROL",
                  "RON", "SEK", "SIT", "SKK", "CHF", "ISK", "NOK", "HRK", "RUB", "TRL", "TRY", "AUD", "BRL", "CAD",
                  "CNY", "HKD", "IDR", "ILS", "INR", "KRW", "MXN", "MYR", "NZD", "PHP", "SGD", "THB", "ZAR")
ECB_FX_RATES = FormatSpec(
    "ecb_fx_rates", "ECB euro reference rates", "ecb", "fx_rates",
    (C("Date", "date", required=True),
     *(C(code, "number", signature=code in ("USD", "JPY", "GBP", "CHF", "AUD", "CAD")) for code in ECB_CURRENCIES)),
    key=("date",),
    doc="ecb.europa.eu → Euro foreign exchange reference rates → time series (eurofxref-hist.csv): units per 1 EUR.",
)

FORMATS: tuple[FormatSpec, ...] = (
    SHOPIFY_ORDERS, AMAZON_ORDERS, AMAZON_FBA_RETURNS, AMAZON_MFN_RETURNS, AMAZON_SHIPMENTS, AMAZON_SETTLEMENT,
    AMAZON_SETTLEMENT_V1, AMAZON_TRANSACTIONS,
    WALMART_ORDERS, EBAY_ORDERS, WOOCOMMERCE_ORDERS, WOOCOMMERCE_ANALYTICS_ORDERS, ETSY_ORDER_ITEMS, ETSY_ORDERS,
    BIGCOMMERCE_ORDERS, BIGCOMMERCE_LINE_ITEMS, MAGENTO_ORDERS, TIKTOK_ORDERS, EBAY_TRANSACTIONS,
    SHIPSTATION_SHIPMENTS, ZENDESK_TICKETS, GORGIAS_TICKETS, NETSUITE_INVENTORY, NETSUITE_FULFILLMENTS,
    OPSDESK_ORDERS, OPSDESK_SHIPMENTS, OPSDESK_RETURNS, OPSDESK_INVENTORY, OPSDESK_PRODUCTS, OPSDESK_PRODUCT_COSTS,
    OPSDESK_PURCHASE_ORDERS, OPSDESK_3PL_INVOICE, OPSDESK_CARRIER_ADJUSTMENTS, OPSDESK_PROMOTIONS, OPSDESK_CSAT,
    OPSDESK_AD_SPEND, OPSDESK_FX_RATES, ECB_FX_RATES, OPSDESK_DUTIES, OPSDESK_DISPUTES,
)
BY_NAME = {f.name: f for f in FORMATS}
TEMPLATES = tuple(f for f in FORMATS if f.is_template)


def signature_of(spec: FormatSpec) -> list[Col]:
    """Columns whose presence identifies the format: the declared signature, or for templates every required column."""
    return [c for c in spec.columns if c.signature or (spec.is_template and c.required)]
