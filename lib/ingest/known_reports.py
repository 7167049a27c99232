"""Reports of platforms that Opsdesk does not read, recognised by their header so that such a file is refused by
name ("this looks like an eBay Transaction report; Opsdesk reads …") instead of being mistaken for something else.

Each signature is a set of columns that, all present (compared like every header: case, spacing and punctuation
folded), identify the report and never all appear in a format Opsdesk reads. The headers were taken from real
exports, parsers and fixtures built against real files, and platform documentation (see FORMATS.md and the closing
notes of the trust issue). Refusing is the safe side: the column mapper on the Upload page stays the deliberate way
to load such a file onto a template.
"""
from __future__ import annotations

from dataclasses import dataclass

from .formats import norm_header


@dataclass(frozen=True)
class KnownReport:
    label: str  # what the file is
    signature: tuple[str, ...]  # header names, all present
    instead: str  # what Opsdesk reads instead, and where to download it
    absent: tuple[str, ...] = ()  # header names that must NOT be present (to tell it from a report we read)

    def matches(self, keys: set[str]) -> bool:
        return all(norm_header(c) in keys for c in self.signature) and not any(norm_header(c) in keys for c in self.absent)

    def message(self) -> str:
        return (f"this looks like {self.label}, which Opsdesk does not read. {self.instead} "
                "To load this file anyway, map its columns onto an Opsdesk template on the Upload page.")


_ORDERS_TEMPLATE = "For orders of this channel, fill in the Opsdesk orders template (Upload → Templates)."
_AMAZON_ORDERS = "Opsdesk reads Amazon's All Orders report (Seller Central → Reports → Fulfillment → All Orders) and, " \
                 "for fees, the Settlement flat file V2 (Payments → Reports repository)."
_SHOPIFY_ORDERS = "Opsdesk reads the Shopify orders export (Shopify admin → Orders → Export)."
_STORE_ORDERS = "Opsdesk reads your store's orders export (e.g. Shopify admin → Orders → Export), not payment reports."
_WOOCOMMERCE = "Opsdesk reads WooCommerce's Analytics → Orders download and the Advanced Order Export plugin's file " \
               "(WooCommerce → Export Orders, products as rows)."
_ETSY = "Opsdesk reads Etsy's Orders and Order Items CSVs (Shop Manager → Settings → Options → Download Data)."

KNOWN_REPORTS: tuple[KnownReport, ...] = (
    KnownReport("an eBay Order earnings report", ("Order creation date", "Order earnings", "Gross amount", "Shipping labels"),
                "Opsdesk reads the eBay Orders report: Seller Hub → Orders → Download report."),
    KnownReport("an Amazon Unshipped / New Orders report", ("order-id", "order-item-id", "quantity-to-ship"),
                _AMAZON_ORDERS, absent=("amazon-order-id", "settlement-id")),
    KnownReport("an Amazon Easy Ship pickup template", ("schedule_pickup_date", "package_weight"), _AMAZON_ORDERS),
    KnownReport("an Amazon Sale Report (India)", ("Courier Status", "Fulfilment", "Sales Channel", "fulfilled-by"),
                _AMAZON_ORDERS),
    KnownReport("an Amazon Manage FBA Inventory report", ("afn-fulfillable-quantity", "afn-total-quantity", "mfn-listing-exists"),
                "Opsdesk reads inventory through the Opsdesk inventory snapshot template, and orders from Amazon's All Orders report."),
    KnownReport("an Amazon Business Report (Detail Page Sales and Traffic)", ("Unit Session Percentage", "Ordered Product Sales"),
                _AMAZON_ORDERS),
    KnownReport("a Flipkart orders export", ("ORDER ITEM ID", "FSN", "Dispatch by date"), _ORDERS_TEMPLATE),
    KnownReport("a Tiendanube sales export", ("Número de orden", "Estado del pago", "Medio de envío"), _ORDERS_TEMPLATE),
    KnownReport("a Nuvemshop sales export", ("Número do Pedido", "Status do Pagamento", "Forma de Entrega"), _ORDERS_TEMPLATE),
    KnownReport("a WooCommerce order export (WebToffee)", ("wt_import_key", "order_total"), _WOOCOMMERCE),
    KnownReport("an Etsy payments file", ("Payment ID", "Posted Net", "Funds Available"), _ETSY),
    # read (magento_orders) once the grid shows Subtotal: without it the grand total's tax cannot be told from revenue
    KnownReport("an Adobe Commerce (Magento) order grid export without its Subtotal column",
                ("Purchase Point", "Bill-to Name", "Grand Total (Purchased)"),
                "Opsdesk reads the order grid export once it shows the Subtotal and Shipping and Handling columns "
                "(Sales → Orders → Columns: tick both, then Export → CSV): the grand total alone holds the tax, "
                "which is never revenue.", absent=("Subtotal",)),
    KnownReport("a Magento order grid export", ("Bill to Name", "G.T. (Purchased)"), _ORDERS_TEMPLATE),
    KnownReport("a Shopify products export", ("Handle", "Body (HTML)", "Variant SKU"),
                _SHOPIFY_ORDERS + " For your catalog, use the Opsdesk product catalog template."),
    KnownReport("a Shopify customers export", ("Total Spent", "Total Orders", "Tax Exempt"), _SHOPIFY_ORDERS),
    KnownReport("a Shopify inventory export", ("Handle", "Location", "On hand (current)"),
                _SHOPIFY_ORDERS + " For stock, use the Opsdesk inventory snapshot template."),
    KnownReport("a Shopify Payments transactions export", ("Transaction Date", "Card Brand", "Payout Status", "Available On"),
                _SHOPIFY_ORDERS),
    KnownReport("a Shopify Payments payouts export", ("Payout Date", "Charges", "Reserved Funds", "Retried Amount"),
                _SHOPIFY_ORDERS),
    KnownReport("a PayPal activity download", ("Gross", "Fee", "Net", "Transaction ID", "Balance"), _STORE_ORDERS),
    KnownReport("a Stripe payments export", ("Created date (UTC)", "Amount Refunded", "Captured"), _STORE_ORDERS),
    KnownReport("a Stripe balance export", ("Created (UTC)", "Available On (UTC)", "Source", "Net"), _STORE_ORDERS),
    KnownReport("a Walmart reconciliation report", ("Transaction Posted Timestamp", "Amount Type", "Partner Item Id"),
                "Opsdesk reads the Walmart Seller Center order report (Order Management → Orders → Download)."),
)


def identify(header) -> KnownReport | None:
    """The known, unsupported report this header row belongs to, if any."""
    keys = {norm_header(h) for h in header if h}
    return next((r for r in KNOWN_REPORTS if r.matches(keys)), None)
