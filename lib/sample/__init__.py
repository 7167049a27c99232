"""Deterministic sample business for Opsdesk, written in the platforms' real export layouts.

`generate()` simulates two years of "Acme Outfitters", a US e-commerce brand (apparel, footwear, home, outdoor,
accessories; 243 SKUs) selling on Shopify (45 % of orders), Amazon (35 %, ~60 % of them FBA, the rest
merchant-fulfilled), Walmart (12 %) and eBay (8 %). It ships from two own warehouses (`WH-East`, Edison NJ;
`WH-West`, Reno NV) and one 3PL (`3PL-Central`, Kansas City) with UPS, FedEx, USPS and DHL eCommerce. Everything is in
USD; store time is US Eastern (`-0500`, or `-0400` under daylight saving).

The files are the raw exports a customer would upload (see FORMATS.md): the 79-column Shopify orders export; the
Amazon All Orders, Fulfilled Shipments, FBA customer returns and settlement V2 flat files (tab-delimited); the
Walmart order report; the eBay Seller Hub orders report (preamble, `$` money, `Jul-21-25` dates, trailer rows).
The Opsdesk templates cover what platforms don't export: shipments, returns, inventory, products, landed-cost
history, purchase orders, 3PL invoice, carrier adjustments, promotions, CSAT and ad spend. So the sample travels
the same ingest path as real files. `FILES` maps each file to its format name in lib/ingest/formats.py.

Shape of the business
- Demand: +25 %/year trend, a weekly pattern (Sunday and Monday high) and yearly seasonality (Jan–Feb low, Nov–Dec
  high), with per-family seasons (outdoor in summer, fleece in winter, cast iron and gifts in Q4). Black
  Friday / Cyber Monday spikes every channel; Prime Day and Prime Big Deal Days spike Amazon; Shopify runs
  promotions with discount codes. `opsdesk_promotions.csv` is the calendar of all of them, with peaks as
  event_type `peak`.
- Stockouts: 16 popular SKUs go out of stock at every location for 2–6 weeks because a purchase order lands
  late. Their sales stop meanwhile (lost sales), and the inventory snapshots show on_hand = 0. 8 of these
  windows fall inside the inventory snapshot horizon. A few short natural stockouts happen at single
  locations. A few SKUs launch mid-way; a few are discontinued (clearance at 30 % off with a compare-at
  price, then `is_active` false).
- Routing: the nearest warehouse that stocks every line of the order (WH-East stocks all SKUs, WH-West the top
  60 % by popularity, the 3PL the top 30 %), with 12 % re-routed for balancing. Zones 1–8 come from the
  distance. Carriers are rate-shopped: DHL eCommerce and USPS for light parcels (DHL favoured on long zones),
  UPS and FedEx for heavier ones, 2-day services for expedited orders.
- Carrier profiles: UPS is the fastest and most reliable, FedEx close behind, USPS slower, DHL eCommerce the
  cheapest and slowest (USPS last mile).
- Returns: category base rates (apparel 12 %, footwear 9 %, outdoor 5 %, accessories 6 %, home 4 %) with
  channel multipliers, reason codes and free-text comments. Amazon FBA returns go to the FBA returns report
  and are refunded in the settlement; all other returns go to the Opsdesk RMA template. Shopify refunds show
  as `Refunded Amount` / `Financial Status`.

Planted stories (what the analysis pages should find on their own)
a. A size-runs-small family: footwear family "Trail Runner" (SKUs `TR-*`) is returned ~3x as often as the rest
   of Footwear (~2x the category average that includes it). The excess reason is "too small" (`too_small` /
   `APPAREL_TOO_SMALL`), with comments like "runs small", "size up", "too tight".
b. Mis-picks: `WH-West` ships a wrong item ~6x as often as the other sites (3.5 % vs 0.6 % of orders). These
   become returns with reason `wrong_item` and comments "received wrong item" / "wrong size sent", and they
   drag down CSAT.
c. Carrier damage in one lane: `DHL eCommerce` damages ~8 % of its parcels in zones 7–8, against ~0.5 %
   elsewhere. The shipment status is `damaged`, and the returns carry `damaged_in_transit` with "box crushed"
   comments.
d. A 3PL that misses its ship SLA at peak: from Nov 15 to Dec 24, `3PL-Central` prints labels on time, but the
   carrier's first scan comes 2–4 days after the label (otherwise it is the same evening). Its peak orders
   therefore ship late and arrive late.
e. SKUs that lose money on one channel: the cast iron items (`CS-*`, `DO-*`, `GR-*`: cheap and heavy) are
   priced 20 % lower on Amazon to hold the Buy Box and sold via FBA. There, referral fee + FBA fulfilment fee +
   landed cost exceed the price (about -$6 to -$10 a unit before storage and returns), while the same SKUs
   stay profitable on Shopify.
f. Delivery experience drives repeat purchase: on Shopify and eBay (the exports that name the buyer: e-mail, buyer
   username), ~30 % of customers whose first order arrived on time order again (after ~50 days on average, within
   a year), against ~14 % after a late first delivery and ~8 % after a damaged or lost one. Amazon and Walmart name
   no buyer, so their orders are not identifiable.

g. High-risk orders shipped anyway: Shopify rates ~0.5 % of orders high fraud risk and ~2.5 % medium. Of the high-risk
   orders that ship, ~45 % come back as "fraudulent" chargebacks (medium ~5 %, low ~0.3 %), most of them lost; ~40 %
   of lost parcels become "product not received" disputes (`opsdesk_disputes.csv`, Shopify Payments, $15 fee each).

Quirks worth knowing
- Shopify: `Subtotal` is after discounts, and `Total = Subtotal + Shipping + Taxes` (as in the real exports in
  datasets/exports). Order-level fields appear only on an order's first row; zips are apostrophe-prefixed;
  some `Note Attributes` span several lines.
- Amazon: `item-price` is the line total; money is written the way Amazon writes it (`14.9`, `-6.5`);
  cancelled lines have quantity 0 and no price. Settlement rows carry ItemPrice/Principal, ItemPrice/Shipping,
  Promotion/Principal, ItemFees/Commission, ItemFees/FBAPerUnitFulfillmentFee, Refund rows, and the monthly
  Subscription and Storage fees. Tax rows are left out because marketplace-facilitator tax nets to zero.
  Settlements are biweekly, each starting with its summary row.
- Walmart: `Item Cost`, `Shipping Cost` and `Tax` are line amounts; dates are `MM/DD/YYYY`.
- eBay: a multi-item order has a parent summary row (order totals, no item) followed by one row per item.
- Opsdesk shipments: `label_cost` is the billed cost, equal to `quoted_cost` plus that parcel's lines in
  `opsdesk_carrier_adjustments.csv`. Billed weight = max(actual, L x W x H / 139), rounded up.
- Template timestamps are store-local `YYYY-MM-DD HH:MM:SS`.
- Size budget: the default sample stays under 6 MB. To fit, three files cover a shorter window than the
  order reports' two years: `opsdesk_inventory.csv` holds weekly (Monday) snapshots per SKU x stocking
  location for the last 13 weeks; `amazon_settlement.txt` the last 26 settlements (one year);
  `amazon_fulfilled_shipments.txt` the last 364 days.

More channels (`generate(..., more_channels=True)`, what `lib seed` loads): Acme also runs a WooCommerce store and an
Etsy shop. About 16 % of the low-risk own-store orders (Shopify's draw) are sold on WooCommerce instead and 10 % (of
at most three lines) on Etsy, in USD like the rest (a US brand's store and Etsy shop; every address, carrier and zone
of the business is American). Their exports: `woocommerce_orders.csv` (the Advanced Order Export plugin's default
profile: products as rows, Item Cost after coupons, the kept units in `Quantity (- Refund)`, no Currency field), and
`EtsySoldOrders.csv` + `EtsySoldOrderItems.csv` (Etsy collects the sales tax on top and remits it; card processing
fees 3 % + $0.25 of the order total; `Adjusted …` columns after a partial refund, status `Fully refunded` /
`Canceled`). The same warehouses ship them, so the shipments, returns and CSAT templates name the new channels.
The choice uses its own random stream: every other draw is unchanged, so without the flag the files are
byte-identical to before (the committed sample_data/, whose figures many tests assert). Medium/high-risk orders
stay on Shopify (story g needs its risk column); the moved orders name no buyer Opsdesk reads and are left out of
story f without changing its draws.

`generate(out_dir)` (6,000 orders) writes ~5.7 MB in about a second; the same arguments give the same bytes.
`generate(out_dir, orders_per_week=1500)` is the scale `python -m lib seed` (and so `make run`) loads: 156,429 orders,
~144 MB in ~5 s, into a temporary folder that the workspace's archive keeps (lib/workspace/seed.py); the committed
`sample_data/` stays the small set the tests load. The stories hold at both scales (tests/scale).
"""
from __future__ import annotations

import csv
import math
import zlib
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace as NS

import numpy as np

__all__ = ["generate", "orders_for", "FILES", "MORE_CHANNEL_FILES", "HEADERS", "REALISTIC_ORDERS_PER_WEEK"]

# ---------------------------------------------------------------- layouts (real export headers, FORMATS.md)

_SHOPIFY = (
    "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,"
    "Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,"
    "Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,"
    "Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,"
    "Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,"
    "Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,"
    "Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,"
    "Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,"
    "Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,"
    "Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,"
    "Payment ID,Payment Terms Name,Next Payment Due At,Payment References"
).split(",")
_AMAZON_ORDERS = (
    "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\t"
    "sales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\t"
    "item-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\t"
    "ship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids\t"
    "is-business-order\tpurchase-order-number\tprice-designation"
).split("\t")
_AMAZON_SHIPMENTS = (
    "amazon-order-id\tmerchant-order-id\tshipment-id\tshipment-item-id\tamazon-order-item-id\t"
    "merchant-order-item-id\tpurchase-date\tpayments-date\tshipment-date\treporting-date\tbuyer-email\tbuyer-name\t"
    "buyer-phone-number\tsku\tproduct-name\tquantity-shipped\tcurrency\titem-price\titem-tax\tshipping-price\t"
    "shipping-tax\tgift-wrap-price\tgift-wrap-tax\tship-service-level\trecipient-name\tship-address-1\t"
    "ship-address-2\tship-address-3\tship-city\tship-state\tship-postal-code\tship-country\tship-phone-number\t"
    "bill-address-1\tbill-address-2\tbill-address-3\tbill-city\tbill-state\tbill-postal-code\tbill-country\t"
    "item-promotion-discount\tship-promotion-discount\tcarrier\ttracking-number\testimated-arrival-date\t"
    "fulfillment-center-id\tfulfillment-channel\tsales-channel"
).split("\t")
_AMAZON_RETURNS = (
    "return-date\torder-id\tsku\tasin\tfnsku\tproduct-name\tquantity\tfulfillment-center-id\tdetailed-disposition\t"
    "reason\tstatus\tlicense-plate-number\tcustomer-comments"
).split("\t")
_AMAZON_SETTLEMENT = (
    "settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\t"
    "transaction-type\torder-id\tmerchant-order-id\tadjustment-id\tshipment-id\tmarketplace-name\tamount-type\t"
    "amount-description\tamount\tfulfillment-id\tposted-date\tposted-date-time\torder-item-code\t"
    "merchant-order-item-id\tmerchant-adjustment-item-id\tsku\tquantity-purchased\tpromotion-id"
).split("\t")
_WALMART = (
    "PO#,Order#,Order Date,Ship By,Delivery Date,Customer Name,Customer Shipping Address,Customer Phone Number,"
    "Ship to Address 1,Ship to Address 2,City,State,Zip,Segment,FLIDS,Line#,UPC,Status,Item Description,"
    "Shipping Method,Shipping Tier,Shipping SLA,Shipping Config SOurce,Qty,SKU,Item Cost,Shipping Cost,Tax,"
    "Update Status,Update Qty,Carrier,Tracking Number,Tracking Url,Seller Order NO,Fulfillment Entity,"
    "Replacement Order,Original Customer Order Id"
).split(",")
_EBAY = (
    "Sales Record Number,Order Number,Buyer Username,Buyer Name,Buyer Email,Buyer Note,Buyer Address 1,"
    "Buyer Address 2,Buyer City,Buyer State,Buyer Zip,Buyer Country,Ship To Name,Ship To Phone,Ship To Address 1,"
    "Ship To Address 2,Ship To City,Ship To State,Ship To Zip,Ship To Country,Item Number,Item Title,Custom Label,"
    "Sold Via Promoted Listings,Quantity,Sold For,Shipping And Handling,Seller Collected Tax,eBay Collected Tax,"
    "Total Price,eBay Collected Tax Included in Total,Payment Method,Sale Date,Paid On Date,Ship By Date,"
    "Minimum Estimated Delivery Date,Maximum Estimated Delivery Date,Shipped On Date,Feedback Left,"
    "Feedback Received,My Item Note,PayPal Transaction ID,Shipping Service,Tracking Number,Transaction ID,"
    "Variation Details,Global Shipping Program,Global Shipping Reference ID,Click And Collect,"
    "Click And Collect Reference Number,eBay Plus"
).split(",")

# The channels `generate(..., more_channels=True)` adds (docs/channel_formats.md): the WooCommerce Advanced Order Export
# plugin's current default profile (products as rows) and Etsy's two Download Data CSVs (current headers).
_WOO = (
    "Order Number,Order Status,Order Date,Customer Note,First Name (Billing),Last Name (Billing),Company (Billing),"
    "Address 1&2 (Billing),City (Billing),State Code (Billing),Postcode (Billing),Country Code (Billing),"
    "Email (Billing),Phone (Billing),First Name (Shipping),Last Name (Shipping),Address 1&2 (Shipping),"
    "City (Shipping),State Code (Shipping),Postcode (Shipping),Country Code (Shipping),Payment Method Title,"
    "Cart Discount Amount,Order Subtotal Amount,Shipping Method Title,Order Shipping Amount,Order Refund Amount,"
    "Order Total Amount,Order Total Tax Amount,SKU,Item #,Item Name,Quantity (- Refund),Item Cost,Coupon Code,"
    "Discount Amount,Discount Amount Tax"
).split(",")
_ETSY_ITEMS = (
    "Sale Date,Item Name,Buyer,Quantity,Price,Coupon Code,Coupon Details,Discount Amount,Shipping Discount,"
    "Order Shipping,Order Sales Tax,Item Total,Currency,Transaction ID,Listing ID,Date Paid,Date Shipped,Ship Name,"
    "Ship Address1,Ship Address2,Ship City,Ship State,Ship Zipcode,Ship Country,Order ID,Variations,Order Type,"
    "Listings Type,Payment Type,InPerson Discount,InPerson Location,VAT Paid by Buyer,SKU"
).split(",")
_ETSY_ORDERS = (
    "Sale Date,Order ID,Buyer User ID,Full Name,First Name,Last Name,Number of Items,Payment Method,Date Shipped,"
    "Street 1,Street 2,Ship City,Ship State,Ship Zipcode,Ship Country,Currency,Order Value,Coupon Code,"
    "Coupon Details,Discount Amount,Shipping Discount,Shipping,Sales Tax,Order Total,Status,Card Processing Fees,"
    "Order Net,Adjusted Order Total,Adjusted Card Processing Fees,Adjusted Net Order Amount,Buyer,Order Type,"
    "Payment Type,InPerson Discount,InPerson Location,SKU"
).split(",")

# Opsdesk templates: exactly the template columns of lib/ingest/formats.py (the tests check they agree).
_T_SHIPMENTS = ("shipment_id,order_id,channel,carrier,service,tracking_number,warehouse,label_created_at,"
                "first_scan_at,delivered_at,promised_delivery_date,status,zone,destination_region,"
                "destination_country,weight_lb,length_in,width_in,height_in,billed_weight_lb,label_cost,"
                "quoted_cost,shipping_charged,sku,quantity").split(",")
_T_RETURNS = ("return_id,order_id,channel,sku,quantity,requested_at,returned_at,reason_code,reason,comment,"
              "disposition,outcome,refund_amount,return_label_cost,processing_cost,recovered_amount,warehouse,"
              "carrier").split(",")
_T_INVENTORY = "snapshot_date,sku,location,on_hand,available,reserved,inbound".split(",")
_T_PRODUCTS = ("sku,product_name,category,subcategory,family,size,colour,brand,supplier,price,weight_lb,length_in,"
               "width_in,height_in,lead_time_days,moq,case_pack,fba_size_tier,is_active").split(",")
_T_COSTS = ("sku,effective_from,unit_cost,inbound_freight_per_unit,duty_rate,other_cost_per_unit,"
            "currency").split(",")
_T_POS = ("po_id,sku,supplier,location,ordered_at,expected_at,received_at,quantity_ordered,quantity_received,"
          "unit_cost").split(",")
_T_3PL = "invoice_id,invoice_date,provider,warehouse,order_id,sku,charge_type,quantity,amount".split(",")
_T_ADJ = "invoice_id,carrier,tracking_number,adjustment_date,adjustment_type,amount,billed_weight_lb".split(",")
_T_PROMOS = "name,start_date,end_date,event_type,channel,sku,category,discount_rate".split(",")
_T_CSAT = "response_id,responded_at,score,order_id,channel,comment".split(",")
_T_ADS = "date,sku,channel,spend,clicks,impressions,attributed_sales".split(",")
# Zendesk's CSV export (Admin Center → Account → Tools → Reports), as its help article lists the columns, plus one
# custom text field holding the order number (custom fields export as `Name [type]`)
_ZENDESK = ("Id,Requester,Requester id,Requester external id,Requester email,Requester domain,Submitter,Assignee,Group,"
            "Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Assigned at,Organization,Due date,"
            "Initially assigned at,Solved at,Resolution time,Satisfaction Score,Group stations,Assignee stations,Reopens,"
            "Replies,First reply time in minutes,First reply time in minutes within business hours,"
            "First resolution time in minutes,First resolution time in minutes within business hours,"
            "Full resolution time in minutes,Full resolution time in minutes within business hours,"
            "Agent wait time in minutes,Agent wait time in minutes within business hours,Requester wait time in minutes,"
            "Requester wait time in minutes within business hours,On hold time in minutes,"
            "On hold time in minutes within business hours,Order number [txt]").split(",")
_T_DISPUTES = "dispute_id,order_id,channel,opened_at,reason,amount,currency,fee,status,resolved_at,payment_method".split(",")

#: file name -> (format name in lib/ingest/formats.py, header written)
FILES: dict[str, tuple[str, list[str]]] = {
    "shopify_orders_export.csv": ("shopify_orders", _SHOPIFY),
    "amazon_all_orders.txt": ("amazon_orders", _AMAZON_ORDERS),
    "amazon_fulfilled_shipments.txt": ("amazon_shipments", _AMAZON_SHIPMENTS),
    "amazon_fba_returns.txt": ("amazon_fba_returns", _AMAZON_RETURNS),
    "amazon_settlement.txt": ("amazon_settlement", _AMAZON_SETTLEMENT),
    "walmart_orders.csv": ("walmart_orders", _WALMART),
    "ebay_orders.csv": ("ebay_orders", _EBAY),
    "opsdesk_shipments.csv": ("opsdesk_shipments", _T_SHIPMENTS),
    "opsdesk_returns.csv": ("opsdesk_returns", _T_RETURNS),
    "opsdesk_inventory.csv": ("opsdesk_inventory", _T_INVENTORY),
    "opsdesk_products.csv": ("opsdesk_products", _T_PRODUCTS),
    "opsdesk_product_costs.csv": ("opsdesk_product_costs", _T_COSTS),
    "opsdesk_purchase_orders.csv": ("opsdesk_purchase_orders", _T_POS),
    "opsdesk_3pl_invoice.csv": ("opsdesk_3pl_invoice", _T_3PL),
    "opsdesk_carrier_adjustments.csv": ("opsdesk_carrier_adjustments", _T_ADJ),
    "opsdesk_promotions.csv": ("opsdesk_promotions", _T_PROMOS),
    "opsdesk_csat.csv": ("opsdesk_csat", _T_CSAT),
    "opsdesk_ad_spend.csv": ("opsdesk_ad_spend", _T_ADS),
    "zendesk_tickets.csv": ("zendesk_tickets", _ZENDESK),
    "opsdesk_disputes.csv": ("opsdesk_disputes", _T_DISPUTES),
}
#: the files `generate(..., more_channels=True)` writes besides FILES (the run path's business, `lib seed`)
MORE_CHANNEL_FILES: dict[str, tuple[str, list[str]]] = {
    "woocommerce_orders.csv": ("woocommerce_orders", _WOO),
    "EtsySoldOrders.csv": ("etsy_orders", _ETSY_ORDERS),
    "EtsySoldOrderItems.csv": ("etsy_order_items", _ETSY_ITEMS),
}
HEADERS = {name: header for name, (_, header) in {**FILES, **MORE_CHANNEL_FILES}.items()}

# ---------------------------------------------------------------- the business

BRAND = "Acme Outfitters"
SELLER_ID = "acme_outfitters"
CHANNELS = ("shopify", "amazon", "walmart", "ebay")
SHOPIFY, AMAZON, WALMART, EBAY = range(4)
CHANNEL_SHARE = (0.45, 0.35, 0.12, 0.08)
FBA_SHARE = 0.60
WAREHOUSES = ("WH-East", "WH-West", "3PL-Central")
EAST, WEST, TPL = range(3)
WH_COORD = ((40.52, -74.41), (39.53, -119.81), (39.10, -94.58))
TPL_PROVIDER = "Heartland Fulfillment Co"
CARRIERS = ("UPS", "FedEx", "USPS", "DHL eCommerce")
UPS, FEDEX, USPS, DHL = range(4)
DIM_DIVISOR = 139
INVENTORY_WEEKS = 13
SETTLEMENT_PERIODS = 26  # biweekly settlements kept (the last year)
REPORT_DAYS = 364  # Amazon Fulfilled Shipments: the last year
SAMPLE_DAYS = 730  # the order reports cover two years ending on `end_date`
REALISTIC_ORDERS_PER_WEEK = 1500  # the scale `python -m lib seed` (and so `make run`) loads
CATEGORIES = ("Apparel", "Footwear", "Home", "Outdoor", "Accessories")

_SHOE = (("7", "8", "9", "10", "11", "12"), (.10, .17, .23, .23, .17, .10))
_APP = (("S", "M", "L", "XL"), (.20, .33, .30, .17))
_APPX = (("XS", "S", "M", "L"), (.15, .30, .33, .22))
_WAIST = (("30", "32", "34", "36"), (.20, .30, .30, .20))
_BELT = (("30", "32", "34", "36", "38", "40"), (.10, .20, .25, .22, .15, .08))
_SML = (("S", "M", "L"), (.30, .40, .30))
_ONE = (("",), (1.0,))

_SUPPLIERS = {  # name: (lead_time_days, country)
    "Saigon Footwear Co.": (70, "VN"), "Dhaka Knit Works": (55, "BD"), "Porto Textiles": (45, "PT"),
    "Foshan Home Goods": (60, "CN"), "Shandong Ironworks": (75, "CN"), "Cascade Outdoor Supply": (28, "US"),
    "Ningbo Gear Factory": (50, "CN"), "Leon Leather Works": (40, "MX"), "Hangzhou Knit Accessories": (45, "CN"),
}
_MOQ = {"Footwear": (24, 6), "Apparel": (36, 12), "Home": (24, 4), "Outdoor": (12, 6), "Accessories": (24, 12)}
_COST_RATIO = {"Footwear": .31, "Apparel": .28, "Home": .33, "Outdoor": .35, "Accessories": .25}
_DUTY = {"Footwear": .20, "Apparel": .16, "Home": .05, "Outdoor": .07, "Accessories": .08}
_RETURN_BASE = {"Apparel": .12, "Footwear": .09, "Home": .04, "Outdoor": .05, "Accessories": .06}

# code, category, subcategory, family, (sizes, weights), colours, price, weight, dims, supplier, popularity,
# season, (fba, walmart, ebay), extras
_FAMILIES = [
    ("TR", "Footwear", "Running", "Trail Runner", _SHOE, ("Black", "Slate"), 119.0, 2.4, (13, 8, 5),
     "Saigon Footwear Co.", 7, "spring", (1, 1, 1), {}),
    ("CC", "Footwear", "Sneakers", "Court Classic", _SHOE, ("White", "Black"), 89.0, 2.2, (13, 8, 5),
     "Saigon Footwear Co.", 6, "flat", (1, 1, 1), {}),
    ("WR", "Footwear", "Running", "Wool Runner", _SHOE, ("Grey", "Navy"), 98.0, 1.8, (13, 8, 5),
     "Saigon Footwear Co.", 5, "flat", (0, 0, 0), {"launch": 330}),
    ("SO", "Footwear", "Casual", "Canvas Slip-On", _SHOE, ("Navy", "Sand"), 59.0, 1.6, (12, 7, 4.5),
     "Saigon Footwear Co.", 4, "summer", (0, 1, 1), {"discontinue": ("Sand", 520)}),
    ("HB", "Footwear", "Boots", "Ridge Hiking Boot", _SHOE, ("Brown",), 159.0, 3.6, (14, 9, 6),
     "Saigon Footwear Co.", 3, "winter", (0, 1, 1), {}),
    ("RS", "Footwear", "Sandals", "Recovery Slide", _APP, ("Black", "Olive"), 39.0, 1.0, (12, 6, 4),
     "Saigon Footwear Co.", 3, "summer", (0, 1, 0), {}),
    ("MT", "Apparel", "Tops", "Merino Crew Tee", _APP, ("Black", "Heather Grey", "Navy"), 48.0, 0.5, (11, 9, 1.5),
     "Dhaka Knit Works", 9, "flat", (1, 1, 0), {}),
    ("FH", "Apparel", "Tops", "Fleece Hoodie", _APP, ("Charcoal", "Forest"), 74.0, 1.4, (13, 11, 3),
     "Dhaka Knit Works", 7, "winter", (1, 1, 1), {}),
    ("RJ", "Apparel", "Outerwear", "Rain Shell Jacket", _APP, ("Black", "Red"), 139.0, 1.2, (14, 11, 3),
     "Porto Textiles", 4, "spring", (0, 1, 1), {}),
    ("CH", "Apparel", "Bottoms", "Everyday Chino", _WAIST, ("Khaki", "Navy"), 68.0, 1.1, (13, 10, 2),
     "Porto Textiles", 4, "flat", (0, 1, 0), {}),
    ("BL", "Apparel", "Bottoms", "Base Layer Legging", _APPX, ("Black", "Charcoal"), 58.0, 0.5, (11, 9, 1.5),
     "Dhaka Knit Works", 4, "winter", (0, 0, 0), {}),
    ("SK", "Apparel", "Socks", "Performance Sock 3-Pack", _SML, ("White", "Black"), 18.0, 0.35, (8, 5, 1.5),
     "Dhaka Knit Works", 8, "flat", (1, 1, 1), {"multi": True}),
    ("PV", "Apparel", "Outerwear", "Puffer Vest", _APP, ("Black", "Olive"), 98.0, 0.9, (13, 11, 3),
     "Porto Textiles", 3, "winter", (0, 1, 1), {}),
    ("FS", "Apparel", "Tops", "Flannel Shirt", _APP, ("Red Plaid", "Blue Plaid"), 64.0, 0.8, (12, 10, 2),
     "Dhaka Knit Works", 4, "winter", (0, 1, 0), {"discontinue": ("Blue Plaid", 450)}),
    ("TS", "Apparel", "Bottoms", "Trail Short", _APP, ("Black", "Olive"), 54.0, 0.4, (11, 9, 1.5),
     "Dhaka Knit Works", 4, "summer", (0, 0, 0), {"launch": 150}),
    ("CS", "Home", "Cookware", "Cast Iron Skillet", (("8 in", "10 in", "12 in"), (.3, .45, .25)), ("Black",),
     (24.99, 29.99, 36.99), (6.4, 8.4, 10.9), ((13, 10, 3), (15, 11, 3), (18, 13, 3.5)),
     "Shandong Ironworks", 4, "q4", (1, 1, 0), {"amazon_price": 0.8}),
    ("DO", "Home", "Cookware", "Cast Iron Dutch Oven", (("5 qt", "7 qt"), (.6, .4)), ("Black",), (44.99, 54.99),
     (14.6, 17.8), ((14, 13, 8), (15, 14, 9)), "Shandong Ironworks", 2, "q4", (1, 1, 0), {"amazon_price": 0.8}),
    ("GR", "Home", "Cookware", "Cast Iron Griddle", (("20 in",), (1.0,)), ("Black",), 34.99, 9.6, (22, 11, 2.5),
     "Shandong Ironworks", 1.5, "q4", (1, 0, 0), {"amazon_price": 0.8}),
    ("LT", "Home", "Textiles", "Linen Throw Blanket", _ONE, ("Oat", "Charcoal", "Sage", "Rust"), 79.0, 2.0,
     (14, 12, 4), "Foshan Home Goods", 2, "q4", (0, 1, 0), {}),
    ("MS", "Home", "Kitchen", "Stoneware Mug Set", _ONE, ("White", "Speckled", "Blue"), 42.0, 4.2, (12, 12, 6),
     "Foshan Home Goods", 2, "q4", (0, 1, 1), {"fragile": True}),
    ("TW", "Home", "Bath", "Organic Towel Set", _ONE, ("White", "Grey", "Sage", "Navy"), 58.0, 3.0, (14, 12, 6),
     "Foshan Home Goods", 2, "flat", (0, 1, 0), {}),
    ("SC", "Home", "Decor", "Soy Candle", _ONE, ("Cedar", "Sea Salt", "Fig", "Amber"), 28.0, 1.3, (5, 5, 5),
     "Foshan Home Goods", 3, "q4", (0, 0, 0), {"fragile": True, "multi": True}),
    ("PC", "Home", "Decor", "Wool Pillow Cover", (("18 in", "20 in"), (.5, .5)), ("Oat", "Charcoal", "Rust"),
     36.0, 0.7, (12, 10, 2), "Foshan Home Goods", 1.5, "q4", (0, 0, 0), {}),
    ("CB", "Home", "Kitchen", "Bamboo Cutting Board", _SML, ("Natural",), (26.0, 34.0, 42.0), (1.5, 2.4, 3.4),
     ((12, 8, 1.5), (15, 10, 1.5), (18, 12, 1.5)), "Foshan Home Goods", 1.5, "q4", (0, 1, 1), {}),
    ("IB", "Outdoor", "Hydration", "Insulated Bottle", (("18 oz", "32 oz", "40 oz"), (.35, .4, .25)),
     ("Black", "Sage", "Sand", "Navy"), (29.0, 36.0, 42.0), (0.8, 1.1, 1.3), ((10, 4, 4), (11, 4, 4), (12, 5, 5)),
     "Ningbo Gear Factory", 9, "summer", (1, 1, 1), {}),
    ("CA", "Outdoor", "Camp", "Camp Chair", _ONE, ("Black", "Olive", "Navy"), 69.0, 6.5, (34, 7, 7),
     "Cascade Outdoor Supply", 2, "summer", (0, 1, 1), {}),
    ("TP", "Outdoor", "Hiking", "Trekking Poles", _ONE, ("Black", "Blue"), 89.0, 1.4, (26, 5, 4),
     "Cascade Outdoor Supply", 1.5, "summer", (0, 0, 1), {}),
    ("HL", "Outdoor", "Lighting", "LED Headlamp", _ONE, ("Black", "Orange", "Blue"), 34.0, 0.4, (6, 4, 3),
     "Ningbo Gear Factory", 3, "winter", (1, 1, 1), {}),
    ("DP", "Outdoor", "Packs", "Daypack 20L", _ONE, ("Black", "Slate", "Rust"), 79.0, 1.6, (18, 12, 4),
     "Ningbo Gear Factory", 3, "flat", (1, 1, 0), {}),
    ("BP", "Outdoor", "Packs", "Trail Backpack 35L", (("S/M", "M/L"), (.45, .55)), ("Black", "Forest"), 149.0, 3.0,
     (22, 14, 6), "Ningbo Gear Factory", 2, "summer", (0, 0, 1), {}),
    ("TN", "Outdoor", "Camp", "Two-Person Tent", _ONE, ("Green", "Orange"), 249.0, 6.8, (22, 8, 8),
     "Cascade Outdoor Supply", 1, "summer", (0, 1, 0), {}),
    ("SB", "Outdoor", "Camp", "Down Sleeping Bag", (("Regular", "Long"), (.65, .35)), ("Navy",), 219.0, 3.2,
     (16, 9, 9), "Cascade Outdoor Supply", 1, "winter", (0, 0, 1), {}),
    ("EM", "Outdoor", "Camp", "Enamel Camp Mug", _ONE, ("White", "Blue", "Red", "Green"), 16.0, 0.8, (5, 5, 5),
     "Ningbo Gear Factory", 2, "flat", (0, 0, 0), {"multi": True}),
    ("HM", "Outdoor", "Camp", "Packable Hammock", _ONE, ("Blue", "Orange", "Olive"), 59.0, 1.3, (9, 7, 5),
     "Ningbo Gear Factory", 1.5, "summer", (0, 1, 1), {}),
    ("LB", "Accessories", "Belts", "Leather Belt", _BELT, ("Brown", "Black"), 55.0, 0.6, (8, 6, 2),
     "Leon Leather Works", 3, "flat", (0, 1, 1), {}),
    ("BN", "Accessories", "Hats", "Merino Beanie", _ONE, ("Black", "Charcoal", "Forest", "Rust", "Navy"), 32.0,
     0.2, (9, 7, 1), "Hangzhou Knit Accessories", 4, "winter", (1, 1, 0), {}),
    ("TC", "Accessories", "Hats", "Trucker Cap", _ONE, ("Black", "Navy", "Olive", "Khaki", "Red"), 30.0, 0.3,
     (10, 8, 6), "Hangzhou Knit Accessories", 3, "summer", (0, 0, 1), {}),
    ("SG", "Accessories", "Eyewear", "Polarized Sunglasses", _ONE, ("Black", "Tortoise", "Blue"), 79.0, 0.3,
     (7, 3, 2), "Hangzhou Knit Accessories", 2, "summer", (1, 0, 1), {}),
    ("WL", "Accessories", "Wallets", "Bifold Wallet", _ONE, ("Brown", "Black", "Tan"), 49.0, 0.25, (5, 4, 1),
     "Leon Leather Works", 2, "q4", (1, 1, 1), {}),
    ("CT", "Accessories", "Bags", "Canvas Tote", _ONE, ("Natural", "Black", "Olive"), 38.0, 0.8, (12, 10, 2),
     "Hangzhou Knit Accessories", 2, "summer", (0, 0, 0), {}),
    ("GL", "Accessories", "Gloves", "Touchscreen Gloves", (("S/M", "L/XL"), (.5, .5)), ("Black", "Grey"), 28.0,
     0.2, (9, 5, 1), "Hangzhou Knit Accessories", 2, "winter", (0, 0, 0), {}),
    ("NG", "Accessories", "Hats", "Neck Gaiter", _ONE, ("Black", "Blue", "Camo", "Grey"), 19.0, 0.1, (7, 5, 1),
     "Hangzhou Knit Accessories", 2, "winter", (0, 0, 0), {"multi": True}),
]
_COLOUR_CODE = {
    "Black": "BLK", "Slate": "SLT", "Orange": "ORG", "White": "WHT", "Grey": "GRY", "Navy": "NVY", "Sand": "SND",
    "Brown": "BRN", "Olive": "OLV", "Heather Grey": "HGR", "Charcoal": "CHR", "Forest": "FST", "Red": "RED",
    "Khaki": "KHK", "Red Plaid": "RPL", "Blue Plaid": "BPL", "Oat": "OAT", "Sage": "SGE", "Rust": "RST",
    "Speckled": "SPK", "Blue": "BLU", "Cedar": "CDR", "Sea Salt": "SSL", "Fig": "FIG", "Amber": "AMB",
    "Natural": "NAT", "Green": "GRN", "Tortoise": "TRT", "Tan": "TAN", "Camo": "CAM",
}
_SEASON = {
    "flat": (1,) * 12,
    "summer": (.6, .65, .85, 1.05, 1.3, 1.45, 1.45, 1.3, 1.0, .8, .8, 1.0),
    "winter": (1.3, 1.1, .85, .6, .45, .4, .4, .5, .8, 1.2, 1.5, 1.6),
    "spring": (.8, .9, 1.2, 1.3, 1.25, 1.05, 1.0, 1.0, 1.05, 1.0, .9, .95),
    "q4": (.8, .8, .85, .9, .9, .85, .85, .9, .95, 1.1, 1.5, 1.8),
}
_MONTH = (.82, .80, .92, .96, 1.0, .97, 1.0, 1.02, .95, 1.0, 1.12, 1.30)
_DOW = (1.08, 1.04, 1.0, .98, .95, .92, 1.03)  # Mon..Sun
_HOUR = (1.2, .7, .4, .3, .3, .5, 1.0, 2.0, 3.0, 3.6, 4.0, 4.2, 4.5, 4.4, 4.2, 4.1, 4.2, 4.5, 5.0, 5.6, 6.0, 5.8,
         4.5, 2.6)

# state, name, tax rate, population (millions), cities: (city, zip3, lat, lon)
_STATES = [
    ("AL", "Alabama", .0925, 5.1, [("Birmingham", "352", 33.52, -86.80), ("Huntsville", "358", 34.73, -86.59)]),
    ("AK", "Alaska", .0176, .7, [("Anchorage", "995", 61.22, -149.90)]),
    ("AZ", "Arizona", .0840, 7.4, [("Phoenix", "850", 33.45, -112.07), ("Tucson", "857", 32.22, -110.97)]),
    ("AR", "Arkansas", .0946, 3.1, [("Little Rock", "722", 34.75, -92.29)]),
    ("CA", "California", .0882, 39.0, [("Los Angeles", "900", 34.05, -118.24), ("San Diego", "921", 32.72, -117.16),
                                       ("San Jose", "951", 37.34, -121.89), ("Sacramento", "958", 38.58, -121.49),
                                       ("San Francisco", "941", 37.77, -122.42)]),
    ("CO", "Colorado", .0781, 5.9, [("Denver", "802", 39.74, -104.99), ("Colorado Springs", "809", 38.83, -104.82)]),
    ("CT", "Connecticut", .0635, 3.6, [("Hartford", "061", 41.76, -72.67), ("New Haven", "065", 41.31, -72.92)]),
    ("DE", "Delaware", 0.0, 1.0, [("Wilmington", "198", 39.74, -75.55)]),
    ("DC", "District of Columbia", .06, .7, [("Washington", "200", 38.91, -77.04)]),
    ("FL", "Florida", .0702, 22.6, [("Miami", "331", 25.76, -80.19), ("Orlando", "328", 28.54, -81.38),
                                    ("Tampa", "336", 27.95, -82.46), ("Jacksonville", "322", 30.33, -81.66)]),
    ("GA", "Georgia", .0738, 11.0, [("Atlanta", "303", 33.75, -84.39), ("Savannah", "314", 32.08, -81.09)]),
    ("HI", "Hawaii", .045, 1.4, [("Honolulu", "968", 21.31, -157.86)]),
    ("ID", "Idaho", .0603, 2.0, [("Boise", "837", 43.62, -116.20)]),
    ("IL", "Illinois", .0886, 12.5, [("Chicago", "606", 41.88, -87.63), ("Springfield", "627", 39.78, -89.65)]),
    ("IN", "Indiana", .07, 6.9, [("Indianapolis", "462", 39.77, -86.16), ("Fort Wayne", "468", 41.08, -85.14)]),
    ("IA", "Iowa", .0694, 3.2, [("Des Moines", "503", 41.59, -93.62)]),
    ("KS", "Kansas", .0865, 2.9, [("Wichita", "672", 37.69, -97.34), ("Overland Park", "662", 38.98, -94.67)]),
    ("KY", "Kentucky", .06, 4.5, [("Louisville", "402", 38.25, -85.76), ("Lexington", "405", 38.04, -84.50)]),
    ("LA", "Louisiana", .0956, 4.6, [("New Orleans", "701", 29.95, -90.07), ("Baton Rouge", "708", 30.45, -91.19)]),
    ("ME", "Maine", .055, 1.4, [("Portland", "041", 43.66, -70.26)]),
    ("MD", "Maryland", .06, 6.2, [("Baltimore", "212", 39.29, -76.61)]),
    ("MA", "Massachusetts", .0625, 7.0, [("Boston", "021", 42.36, -71.06), ("Worcester", "016", 42.26, -71.80)]),
    ("MI", "Michigan", .06, 10.0, [("Detroit", "482", 42.33, -83.05), ("Grand Rapids", "495", 42.96, -85.67)]),
    ("MN", "Minnesota", .0804, 5.7, [("Minneapolis", "554", 44.98, -93.27), ("Saint Paul", "551", 44.95, -93.09)]),
    ("MS", "Mississippi", .0707, 2.9, [("Jackson", "392", 32.30, -90.18)]),
    ("MO", "Missouri", .0841, 6.2, [("Saint Louis", "631", 38.63, -90.20), ("Springfield", "658", 37.21, -93.29)]),
    ("MT", "Montana", 0.0, 1.1, [("Billings", "591", 45.78, -108.50)]),
    ("NE", "Nebraska", .0697, 2.0, [("Omaha", "681", 41.26, -95.93)]),
    ("NV", "Nevada", .0823, 3.2, [("Las Vegas", "891", 36.17, -115.14), ("Henderson", "890", 36.04, -114.98)]),
    ("NH", "New Hampshire", 0.0, 1.4, [("Manchester", "031", 42.99, -71.46)]),
    ("NJ", "New Jersey", .066, 9.3, [("Newark", "071", 40.74, -74.17), ("Jersey City", "073", 40.73, -74.08)]),
    ("NM", "New Mexico", .0772, 2.1, [("Albuquerque", "871", 35.08, -106.65)]),
    ("NY", "New York", .0852, 19.6, [("New York", "100", 40.71, -74.01), ("Brooklyn", "112", 40.68, -73.94),
                                     ("Buffalo", "142", 42.89, -78.88), ("Rochester", "146", 43.16, -77.61)]),
    ("NC", "North Carolina", .07, 10.8, [("Charlotte", "282", 35.23, -80.84), ("Raleigh", "276", 35.78, -78.64)]),
    ("ND", "North Dakota", .0704, .8, [("Fargo", "581", 46.88, -96.79)]),
    ("OH", "Ohio", .0724, 11.8, [("Columbus", "432", 39.96, -83.00), ("Cleveland", "441", 41.50, -81.69),
                                 ("Cincinnati", "452", 39.10, -84.51)]),
    ("OK", "Oklahoma", .0899, 4.0, [("Oklahoma City", "731", 35.47, -97.52), ("Tulsa", "741", 36.15, -95.99)]),
    ("OR", "Oregon", 0.0, 4.2, [("Portland", "972", 45.52, -122.68), ("Eugene", "974", 44.05, -123.09)]),
    ("PA", "Pennsylvania", .0634, 13.0, [("Philadelphia", "191", 39.95, -75.17), ("Pittsburgh", "152", 40.44, -80.00)]),
    ("RI", "Rhode Island", .07, 1.1, [("Providence", "029", 41.82, -71.41)]),
    ("SC", "South Carolina", .0749, 5.4, [("Columbia", "292", 34.00, -81.03), ("Charleston", "294", 32.78, -79.93)]),
    ("SD", "South Dakota", .0611, .9, [("Sioux Falls", "571", 43.54, -96.73)]),
    ("TN", "Tennessee", .0955, 7.1, [("Nashville", "372", 36.16, -86.78), ("Memphis", "381", 35.15, -90.05)]),
    ("TX", "Texas", .082, 30.5, [("Houston", "770", 29.76, -95.37), ("Dallas", "752", 32.78, -96.80),
                                 ("Austin", "787", 30.27, -97.74), ("San Antonio", "782", 29.42, -98.49)]),
    ("UT", "Utah", .0719, 3.4, [("Salt Lake City", "841", 40.76, -111.89)]),
    ("VT", "Vermont", .0636, .6, [("Burlington", "054", 44.48, -73.21)]),
    ("VA", "Virginia", .0577, 8.7, [("Richmond", "232", 37.54, -77.44), ("Arlington", "222", 38.88, -77.10)]),
    ("WA", "Washington", .0938, 7.8, [("Seattle", "981", 47.61, -122.33), ("Spokane", "992", 47.66, -117.43)]),
    ("WV", "West Virginia", .0655, 1.8, [("Charleston", "253", 38.35, -81.63)]),
    ("WI", "Wisconsin", .0543, 5.9, [("Milwaukee", "532", 43.04, -87.91), ("Madison", "537", 43.07, -89.40)]),
    ("WY", "Wyoming", .0544, .6, [("Cheyenne", "820", 41.14, -104.82)]),
]
_FC_BY_STATE = {  # Amazon fulfilment centre serving each state (FBA)
    "CA": "ONT8", "NV": "LAS1", "AZ": "PHX7", "OR": "PDX9", "WA": "BFI4", "ID": "BFI4", "UT": "SLC1", "HI": "ONT8",
    "AK": "BFI4", "CO": "DEN4", "NM": "PHX7", "MT": "BFI4", "WY": "DEN4", "TX": "DFW7", "OK": "DFW7",
    "KS": "MCI7", "MO": "MCI7", "NE": "MCI7", "IA": "MCI7", "IL": "MDW2", "WI": "MDW2", "MN": "MSP1",
    "ND": "MSP1", "SD": "MSP1", "IN": "IND9", "MI": "DTW1", "OH": "CMH1", "KY": "SDF8", "TN": "BNA3",
    "AR": "DFW7", "LA": "MSY1", "MS": "BNA3", "AL": "BNA3", "GA": "ATL6", "FL": "TPA1", "SC": "CLT2", "NC": "CLT2",
    "VA": "RIC2", "WV": "RIC2", "DC": "BWI2", "MD": "BWI2", "DE": "PHL6", "PA": "PHL6", "NJ": "EWR4", "NY": "EWR4",
    "CT": "BDL2", "RI": "BDL2", "MA": "BOS7", "VT": "BOS7", "NH": "BOS7", "ME": "BOS7",
}
_FIRST = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan "
          "Joseph Jessica Thomas Sarah Chris Karen Daniel Lisa Matthew Nancy Anthony Betty Mark Sandra Steven "
          "Ashley Paul Emily Andrew Kimberly Joshua Donna Kevin Michelle Brian Carol George Amanda Tim Melissa "
          "Jason Deborah Ryan Stephanie Jacob Rebecca Gary Laura Nick Sharon Eric Cynthia Jon Kathleen Maria "
          "Luis Wei Priya Omar Aisha Mateo Sofia Hiro Yuki").split()
_LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson "
         "Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis "
         "Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall "
         "Rivera Campbell Mitchell Carter Roberts Patel Kim Chen Shah Cohen Murphy Reyes Ortiz Brooks").split()
_STREETS = ("Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Pine St", "Elm St", "Washington Ave", "Lake Rd",
            "Hill St", "Park Ave", "2nd St", "3rd St", "Sunset Blvd", "River Rd", "Church St", "Highland Ave",
            "Spring St", "Forest Dr", "Meadow Ln", "Ridge Rd", "Willow Way", "Jackson St", "Lincoln Ave", "Bay St")

# returns: reason code -> (label, Amazon reason, comments)
_REASONS = {
    "too_small": ("Too small", "APPAREL_TOO_SMALL",
                  ("A bit snug", "Too small", "Smaller than expected", "Needed the next size up")),
    "too_large": ("Too large", "APPAREL_TOO_LARGE",
                  ("Too big", "Runs large", "Too roomy, sizing down", "Loose everywhere")),
    "defective": ("Defective", "DEFECTIVE",
                  ("Stopped working after a week", "Seam split on first wear", "Zipper broke", "Arrived faulty",
                   "Stitching coming apart")),
    "not_as_described": ("Not as described", "NOT_AS_DESCRIBED",
                         ("Colour is different from the photos", "Material feels cheaper than described",
                          "Not as pictured", "Smaller than it looks online")),
    "changed_mind": ("Changed mind", "UNWANTED_ITEM",
                     ("No longer needed", "Changed my mind", "Gift not needed", "Bought something else")),
    "ordered_wrong_item": ("Ordered wrong item", "ORDERED_WRONG_ITEM",
                           ("Ordered the wrong size", "Picked the wrong colour by mistake", "My mistake")),
    "better_price": ("Found better price", "FOUND_BETTER_PRICE",
                     ("Found it cheaper elsewhere", "Price dropped right after I bought")),
    "missing_parts": ("Missing parts", "MISSING_PARTS",
                      ("Parts missing from the box", "Lid missing", "Missing one piece")),
    "wrong_item": ("Wrong item received", "SWITCHEROO",
                   ("Received wrong item", "Wrong size sent", "Received wrong item, not what I ordered",
                    "Wrong size sent, ordered M and got L", "Wrong colour sent")),
    "damaged_in_transit": ("Damaged in transit", "DAMAGED_BY_CARRIER",
                           ("Box crushed, item damaged", "Box crushed on arrival", "Package arrived torn open",
                            "Item broken in shipping, box crushed")),
}
_REASON_CODES = tuple(_REASONS)
_TRAIL_SMALL = ("Runs small, size up", "Runs at least half a size small", "Way too tight in the toe box",
                "Too tight, need to size up", "Runs small compared to my other running shoes",
                "Runs small - order a size up", "Too tight across the top of the foot")
_REASON_MIX = {  # regular (non-story) returns by category
    "Apparel": {"too_small": .24, "too_large": .24, "not_as_described": .15, "changed_mind": .15, "defective": .08,
                "ordered_wrong_item": .08, "better_price": .06},
    "Footwear": {"too_small": .27, "too_large": .25, "changed_mind": .15, "defective": .13, "not_as_described": .10,
                 "ordered_wrong_item": .10},
    "Home": {"defective": .30, "not_as_described": .20, "changed_mind": .25, "missing_parts": .10,
             "better_price": .15},
    "Outdoor": {"defective": .30, "changed_mind": .25, "not_as_described": .20, "better_price": .10,
                "missing_parts": .15},
    "Accessories": {"changed_mind": .35, "not_as_described": .25, "defective": .20, "better_price": .10,
                    "ordered_wrong_item": .10},
}
_CSAT_COMMENTS = {
    "good": ("Fast shipping, great quality", "Love it", "Exactly as described", "Great fit", "Will buy again",
             "Arrived quickly and well packed", "Super comfortable"),
    "late": ("Arrived later than promised", "Took forever to ship", "Delivery was late", "Slow shipping"),
    "bad": ("Box was crushed", "Wrong item sent", "Item arrived damaged", "Had to return it, not happy",
            "Received the wrong size"),
    "meh": ("It's okay", "Fine, nothing special", "Runs small", "Colour a bit off"),
}


# ---------------------------------------------------------------- helpers


def _rng(seed: int, name: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def _unique_ids(rng: np.random.Generator, n: int, digits: int) -> np.ndarray:
    """n distinct pseudo-random integers with exactly `digits` digits (an affine bijection mod 9*10^(d-1))."""
    span = 9 * 10 ** (digits - 1)
    mult = int(rng.integers(span // 3, span // 2)) | 1
    while math.gcd(mult, span) != 1:
        mult += 2
    off = int(rng.integers(0, span))
    idx = np.arange(n, dtype=object)
    return np.array([(int(i) * mult + off) % span + 10 ** (digits - 1) for i in idx], dtype=np.int64)


def _choice_idx(rng, n, p):
    p = np.asarray(p, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def _cents_str(c) -> list[str]:
    """Money from integer cents, `1400.00`; each distinct value is formatted once."""
    c = np.asarray(c)
    if len(c) < 2000:
        return [f"{x / 100:.2f}" for x in c.tolist()]
    u, inv = np.unique(c, return_inverse=True)
    return np.array([f"{x / 100:.2f}" for x in u.tolist()], dtype=object)[inv].tolist()


def _amz_money(c) -> list[str]:
    """Amazon style: 14.9, 30.0, -6.5, 29.99."""
    out = []
    for x in np.asarray(c).tolist():
        s = f"{x / 100:.2f}"
        out.append(s[:-1] if s.endswith("0") else s)
    return out


def _usd(c) -> list[str]:
    """eBay style: $45.99, $1,433.66."""
    return [f"${x / 100:,.2f}" for x in np.asarray(c).tolist()]


def _dt64(sec) -> np.ndarray:
    return np.asarray(sec, dtype=np.int64).astype("datetime64[s]")


def _ts_local(sec) -> list[str]:
    """Store-local naive timestamp `YYYY-MM-DD HH:MM:SS`."""
    return [s.replace("T", " ") for s in np.datetime_as_string(_dt64(sec), unit="s").tolist()]


def _ymd(days) -> list[str]:
    return np.datetime_as_string(np.asarray(days, dtype=np.int64).astype("datetime64[D]")).tolist()


def _num1(x) -> list[str]:
    return [f"{v:.1f}" for v in np.asarray(x, dtype=float).tolist()]


def _numg(x) -> list[str]:
    return [f"{v:g}" for v in np.asarray(x, dtype=float).tolist()]


def _seg_starts(counts: np.ndarray) -> np.ndarray:
    return np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)


def _write(path: Path, header, cols, delimiter=",") -> None:
    """Write a delimited file from equally long columns (lists of str)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\n")
        w.writerow(header)
        w.writerows(zip(*cols))


def _merge_masked(base: list[str], vals: list[str], mask) -> list[str]:
    """`base` with the positions where `mask` is true replaced, in order, by `vals`."""
    out = np.array(base, dtype=object)
    out[np.asarray(mask)] = vals
    return out.tolist()


def _mask_strings(vals: list[str], keep) -> list[str]:
    return [v if k else "" for v, k in zip(vals, np.asarray(keep).tolist())]


# ---------------------------------------------------------------- calendar


def _nth_weekday(y, m, wd, n):
    if n > 0:
        d = date(y, m, 1)
        return d + timedelta(days=(wd - d.weekday()) % 7 + 7 * (n - 1))
    d = (date(y, m + 1, 1) if m < 12 else date(y + 1, 1, 1)) - timedelta(days=1)
    return d - timedelta(days=(d.weekday() - wd) % 7)


_PRIME_DAY = {2024: (date(2024, 7, 16), 2), 2025: (date(2025, 7, 8), 4)}
_PRIME_FALL = {2024: (date(2024, 10, 8), 2), 2025: (date(2025, 10, 7), 2)}


def _calendar(end_date: date) -> NS:
    ndays = SAMPLE_DAYS
    start = end_date - timedelta(days=ndays - 1)
    epoch = date(1970, 1, 1)
    day0 = (start - epoch).days
    dnum = day0 + np.arange(ndays)  # epoch day numbers
    dts = dnum.astype("datetime64[D]")
    years = range(start.year, end_date.year + 1)
    hol = []
    for y in range(start.year, end_date.year + 2):
        hol += [date(y, 1, 1), _nth_weekday(y, 5, 0, -1), date(y, 7, 4), _nth_weekday(y, 9, 0, 1),
                _nth_weekday(y, 11, 3, 4), date(y, 12, 25)]
    holidays = np.array(sorted(hol), dtype="datetime64[D]")
    month = (dts.astype("datetime64[M]").astype(int) % 12)
    dow = (dnum + 3) % 7  # Monday = 0
    # daylight saving (US): 2nd Sunday of March 02:00 .. 1st Sunday of November 02:00 (local)
    dst = {}
    for y in range(start.year - 1, end_date.year + 2):
        a = (_nth_weekday(y, 3, 6, 2) - epoch).days * 86400 + 7200
        b = (_nth_weekday(y, 11, 6, 1) - epoch).days * 86400 + 7200
        dst[y] = (a, b)
    events = _events(start, end_date, years)
    mon0 = day0 - int(dow[0])  # Monday on/before start (epoch day)
    return NS(start=start, end=end_date, ndays=ndays, day0=day0, dnum=dnum, dts=dts, month=month, dow=dow,
              holidays=holidays, dst=dst, events=events, mon0=mon0, now=(day0 + ndays) * 86400,
              week=(dnum - mon0) // 7, nweeks=int((dnum[-1] - mon0) // 7 + 1))


def _events(start: date, end: date, years) -> list[dict]:
    ev = []

    def add(name, a, b, kind, channel, rate, code="", category="", promo_id=""):
        if b < start or a > end:
            return
        ev.append(dict(name=name, start=max(a, start), end=min(b, end), kind=kind, channel=channel, rate=rate,
                       code=code, category=category, promo_id=promo_id))

    for y in years:
        pd_ = _nth_weekday(y, 2, 0, 3)
        add(f"Presidents Day Sale {y}", pd_ - timedelta(days=3), pd_, "promotion", "shopify", .15, "PRESIDENTS15")
        sp = _nth_weekday(y, 4, 3, 2)
        add(f"Spring Sale {y}", sp, sp + timedelta(days=4), "promotion", "shopify", .15, "SPRING15")
        md = _nth_weekday(y, 5, 0, -1)
        add(f"Memorial Day Sale {y}", md - timedelta(days=3), md, "promotion", "shopify", .20, "MEMORIAL20")
        tw = _nth_weekday(y, 6, 0, 2)
        add(f"Trail Week {y}", tw, tw + timedelta(days=6), "promotion", "shopify", .20, "TRAIL20", "Outdoor")
        p0, n = _PRIME_DAY.get(y, (_nth_weekday(y, 7, 1, 2), 2))
        add(f"Prime Day {y}", p0, p0 + timedelta(days=n - 1), "peak", "amazon", .20, promo_id="Prime Day Deal")
        ld = _nth_weekday(y, 9, 0, 1)
        add(f"Labor Day Sale {y}", ld - timedelta(days=3), ld, "promotion", "shopify", .20, "LABORDAY20")
        f0, n = _PRIME_FALL.get(y, (_nth_weekday(y, 10, 1, 2), 2))
        add(f"Prime Big Deal Days {y}", f0, f0 + timedelta(days=n - 1), "peak", "amazon", .15,
            promo_id="Prime Big Deal Days Deal")
        bf = _nth_weekday(y, 11, 3, 4) + timedelta(days=1)
        add(f"Black Friday / Cyber Monday {y}", bf, bf + timedelta(days=3), "peak", "", .25, "BFCM25",
            promo_id="Black Friday Deal")
        add(f"Holiday Gift Sale {y}", date(y, 12, 5), date(y, 12, 14), "promotion", "shopify", .15, "GIFT15")
    ev.sort(key=lambda e: (e["start"], e["name"]))
    return ev


def _dst_offset_hours(cal, sec) -> np.ndarray:
    """UTC offset (hours, negative) of store-local seconds."""
    sec = np.asarray(sec, dtype=np.int64)
    yrs = sec.astype("datetime64[s]").astype("datetime64[Y]").astype(int) + 1970
    a = np.zeros_like(sec)
    b = np.zeros_like(sec)
    for y, (s0, s1) in cal.dst.items():
        m = yrs == y
        a[m], b[m] = s0, s1
    return np.where((sec >= a) & (sec < b), -4, -5)


def _ts_shopify(cal, sec) -> list[str]:
    off = _dst_offset_hours(cal, sec).tolist()
    base = np.datetime_as_string(_dt64(sec), unit="s").tolist()
    return [s.replace("T", " ") + (" -0400" if o == -4 else " -0500") for s, o in zip(base, off)]


def _utc(cal, sec) -> np.ndarray:
    return np.asarray(sec, dtype=np.int64) - _dst_offset_hours(cal, sec) * 3600


def _ts_iso_utc(cal, local_sec) -> list[str]:
    return [s + "+00:00" for s in np.datetime_as_string(_dt64(_utc(cal, local_sec)), unit="s").tolist()]


def _busday(days, n, cal, weekmask="1111100"):
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    return np.busday_offset(d, n, roll="forward", weekmask=weekmask, holidays=cal.holidays).astype(np.int64)


def _day_multipliers(cal) -> np.ndarray:
    """Order-volume multipliers per channel and day (4 x ndays)."""
    d = np.arange(cal.ndays)
    base = np.exp(np.log(1.25) * d / 365.0) * np.take(_DOW, cal.dow) * np.take(_MONTH, cal.month)
    mult = np.ones((4, cal.ndays))
    md = cal.dts.astype("datetime64[D]")
    mm = cal.month + 1
    dom = (md - md.astype("datetime64[M]")).astype(int) + 1
    dec = mm == 12
    mult[:, dec & (dom >= 3) & (dom <= 18)] *= 1.25
    mult[:, dec & (dom >= 19) & (dom <= 23)] *= .85
    mult[:, dec & (dom >= 24) & (dom <= 26)] *= .5
    mult[:, (mm == 1) & (dom <= 10)] *= .9
    bfcm = {SHOPIFY: (4.5, 2.7, 2.4, 3.6, 1.8, 1.5), AMAZON: (3.2, 2.2, 2.0, 2.8, 1.6, 1.4),
            WALMART: (3.2, 2.0, 1.8, 2.4, 1.5, 1.3), EBAY: (2.0, 1.6, 1.5, 1.8, 1.3, 1.2)}
    for e in cal.events:
        a = (e["start"] - cal.start).days
        b = (e["end"] - cal.start).days
        if e["name"].startswith("Black Friday"):
            for c, f in bfcm.items():
                for k in range(-7, 9):
                    i = a + k
                    if 0 <= i < cal.ndays:
                        mult[c, i] *= f[k] if 0 <= k < len(f) else 1.25
        elif e["name"].startswith("Prime Day"):
            mult[AMAZON, a:b + 1] *= 3.5
            mult[WALMART, a:b + 1] *= 1.6
            mult[SHOPIFY, a:b + 1] *= 1.1
        elif e["name"].startswith("Prime Big Deal"):
            mult[AMAZON, a:b + 1] *= 2.0
        elif e["channel"] == "shopify":
            mult[SHOPIFY, a:b + 1] *= 1.3 if e["category"] else (1.5 + (e["rate"] - .15) * 4)
    return base[None, :] * mult


# ---------------------------------------------------------------- catalog


def _catalog(seed: int, cal) -> NS:
    rng = _rng(seed, "catalog")
    rows = []
    for fi, (code, cat, sub, fam, (sizes, sw), cols, price, wt, dims, sup, pop, season, (fba, wm, eb), ex) in \
            enumerate(_FAMILIES):
        for ci, col in enumerate(cols):
            for si, size in enumerate(sizes):
                p = price[si] if isinstance(price, tuple) else price
                w = wt[si] if isinstance(wt, tuple) else wt
                dm = dims[si] if isinstance(dims[0], tuple) else dims
                szc = (size.zfill(2) if size.isdigit() else
                       size.upper().replace(" ", "").replace("/", "").replace("REGULAR", "REG").replace("LONG", "LNG"))
                sku = f"{code}-{_COLOUR_CODE[col]}" + (f"-{szc}" if size else "")
                name = f"{fam} - {col}" + (f" / {size}" if size else "")
                launch = ex.get("launch", 0)
                disc = ex.get("discontinue")
                end = disc[1] if disc and disc[0] == col else 10 ** 6
                rows.append(dict(
                    sku=sku, name=name, fam_i=fi, code=code, cat=cat, sub=sub, fam=fam, size=size, colour=col,
                    price=int(round(p * 100)), weight=w, dims=dm, supplier=sup, lead=_SUPPLIERS[sup][0],
                    country=_SUPPLIERS[sup][1], pop=pop * sw[si] * (0.72 ** ci), season=season, fba=bool(fba),
                    walmart=bool(wm), ebay=bool(eb), launch=launch, end=end, amz=ex.get("amazon_price", 1.0),
                    fragile=ex.get("fragile", False), multi=ex.get("multi", False)))
    S = len(rows)
    P = NS(n=S, rows=rows)
    for k in rows[0]:
        setattr(P, k, np.array([r[k] for r in rows], dtype=object if k in ("dims",) else None))
    P.dims = np.array([r["dims"] for r in rows], dtype=float)
    P.vol = P.dims.prod(axis=1)
    P.cat_i = np.array([CATEGORIES.index(c) for c in P.cat])
    P.fam_n = len(_FAMILIES)
    # popularity rank -> which warehouses stock the SKU
    rank = np.argsort(np.argsort(-P.pop, kind="stable"), kind="stable")
    P.stocked = np.stack([np.ones(S, bool), rank < int(.6 * S), rank < int(.3 * S)])
    P.rank = rank
    # cost basis
    ratio = np.array([_COST_RATIO[c] for c in P.cat]) * rng.uniform(.92, 1.08, S)
    ratio[P.amz < 1] = rng.uniform(.37, .40, int((P.amz < 1).sum()))  # cast iron: heavy, thin margin
    P.unit_cost = np.round(P.price * ratio).astype(np.int64)
    P.freight = np.round((0.30 * P.weight + 0.15) * 100).astype(np.int64)
    P.duty = np.array([_DUTY[c] for c in P.cat])
    P.moq = np.array([_MOQ[c][0] for c in P.cat]) * np.where(P.amz < 1, 2, 1)
    P.case_pack = np.array([_MOQ[c][1] for c in P.cat])
    # identifiers
    P.asin = np.array(["B0" + _b36(x, 8) for x in _unique_ids(rng, S, 12)])
    P.fnsku = np.array(["X00" + _b36(x, 7) for x in _unique_ids(rng, S, 10)])
    upc = _unique_ids(rng, S, 11)
    P.upc = np.array([_upc(f"{u:011d}") for u in upc])
    fam_item = _unique_ids(rng, len(_FAMILIES), 12)
    P.ebay_item = np.array([str(fam_item[i]) for i in P.fam_i])
    P.tier = np.array([_size_tier(w, d) for w, d in zip(P.weight, P.dims)])
    P.fba_fee = np.array([_fba_fee(t, w) for t, w in zip(P.tier, P.weight)])
    P.referral = np.where(P.cat_i == 0, .17, .15)
    # availability windows (days): launch, discontinuation and planted stockouts
    P.window = np.full((S, 2), -1)
    return P


def _b36(x: int, width: int) -> str:
    chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    s = ""
    x = int(x)
    for _ in range(width):
        s = chars[x % 36] + s
        x //= 36
    return s


def _upc(body11: str) -> str:
    d = [int(c) for c in body11]
    chk = (10 - (3 * sum(d[0::2]) + sum(d[1::2])) % 10) % 10
    return body11 + str(chk)


def _size_tier(w, dims) -> str:
    L, W, H = sorted(dims, reverse=True)
    if w <= 1 and L <= 15 and W <= 12 and H <= .75:
        return "Small standard"
    if w <= 20 and L <= 18 and W <= 14 and H <= 8:
        return "Large standard"
    return "Large bulky"


def _fba_fee(tier, w) -> int:
    """US FBA per-unit fulfilment fee (2024 schedule, simplified), cents."""
    if tier == "Small standard":
        f = 3.06 + 0.27 * min(3, max(0, math.ceil(w * 4) - 1))
    elif tier == "Large standard":
        if w <= 1:
            f = 3.68 + 0.87 * w
        elif w <= 3:
            f = 4.55 + 0.60 * (w - 1)
        else:
            f = 6.92 + 0.32 * (w - 3)
    else:
        f = 9.61 + 0.38 * max(0, w - 1)
    return int(round(f * 100))


# ---------------------------------------------------------------- orders


def _orders(seed: int, cal, P, n_orders: int, shopify_only: bool) -> NS:
    rng = _rng(seed, "orders")
    mult = _day_multipliers(cal)
    share = (1.0, 0, 0, 0) if shopify_only else CHANNEL_SHARE
    raw = np.array(share) * n_orders
    counts = np.floor(raw).astype(int)
    counts[np.argsort(-(raw - counts), kind="stable")[: n_orders - counts.sum()]] += 1
    chs, days = [], []
    for c in range(4):
        p = mult[c] / mult[c].sum()
        chs.append(np.full(counts[c], c, np.int8))
        days.append(rng.choice(cal.ndays, size=counts[c], p=p))
    ch = np.concatenate(chs)
    day = np.concatenate(days)
    hour = _choice_idx(rng, len(ch), _HOUR)
    tod = hour * 3600 + rng.integers(0, 3600, len(ch))
    sec = (cal.day0 + day).astype(np.int64) * 86400 + tod
    o = np.lexsort((sec, ch))
    ch, day, sec = ch[o], day[o], sec[o]
    N = len(ch)
    O = NS(n=N, ch=ch, day=day, sec=sec)
    # events active per day
    prime = np.zeros(cal.ndays, bool)
    amz_promo = np.full(cal.ndays, -1)
    shop_promo = np.full(cal.ndays, -1)
    bfcm = np.zeros(cal.ndays, bool)
    for i, e in enumerate(cal.events):
        a, b = (e["start"] - cal.start).days, (e["end"] - cal.start).days + 1
        if e["name"].startswith("Prime Day"):
            prime[a:b] = True
        if e["promo_id"]:
            amz_promo[a:b] = i
        if e["code"]:
            shop_promo[a:b] = i
        if e["name"].startswith("Black Friday"):
            bfcm[a:b] = True
    O.bfcm_day = bfcm
    is_amz = ch == AMAZON
    O.fba = is_amz & (rng.random(N) < np.where(prime[day], .8, FBA_SHARE - .01))
    # expedited / service level
    u = rng.random(N)
    O.expedited = np.select([ch == SHOPIFY, is_amz & ~O.fba, ch == WALMART, ch == EBAY],
                            [u < .08, u < .10, u < .06, u < .05], False)
    O.fba_level = np.where(u < .45, 0, np.where(u < .80, 1, np.where(u < .95, 2, 3)))  # Std/Exp/2nd/Next
    # customer and address
    cities = [(si, c) for si, s in enumerate(_STATES) for c in s[4]]
    cw = np.array([_STATES[si][3] / len(_STATES[si][4]) for si, _ in cities])
    ci = _choice_idx(rng, N, cw)
    O.city_i = ci
    O.state_i = np.array([cities[i][0] for i in range(len(cities))])[ci]
    O.city_lat = np.array([c[2] for _, c in cities])[ci]
    O.city_lon = np.array([c[3] for _, c in cities])[ci]
    O.cities = cities
    zip3 = np.array([c[1] for _, c in cities])[ci]
    O.zip = np.array([z + f"{x:02d}" for z, x in zip(zip3.tolist(), rng.integers(1, 99, N).tolist())])
    O.first = rng.integers(0, len(_FIRST), N)
    O.last = rng.integers(0, len(_LAST), N)
    O.street_no = rng.integers(12, 9900, N)
    O.street = rng.integers(0, len(_STREETS), N)
    O.email_no = rng.integers(1, 999, N)
    # lines per order
    nl_p = {SHOPIFY: (.40, .27, .15, .09, .05, .02, .01, .01), AMAZON: (.935, .055, .01),
            WALMART: (.80, .15, .05), EBAY: (.92, .08)}
    nl = np.ones(N, np.int64)
    for c, p in nl_p.items():
        m = ch == c
        nl[m] = 1 + _choice_idx(rng, int(m.sum()), p)
    grp = np.select([ch == SHOPIFY, O.fba, is_amz, ch == WALMART], [0, 1, 2, 3], 4)
    week = cal.week[day]
    # SKU weights per (week, group)
    S = P.n
    wk_days = cal.mon0 + 7 * np.arange(cal.nweeks) + 3
    wk_month = ((wk_days.astype("datetime64[D]").astype("datetime64[M]").astype(int)) % 12)
    season = np.array([_SEASON[s] for s in P.season]).T[wk_month]  # (W, S)
    avail = _availability(seed, cal, P)  # (W, S) of 0/1
    listed = np.stack([np.ones(S, bool), P.fba, ~P.fba, P.walmart, P.ebay]).astype(float)
    boost = np.ones((cal.nweeks, 5, S))
    for e in cal.events:  # category promotions lift their category on Shopify
        if e["category"]:
            a = cal.week[(e["start"] - cal.start).days]
            b = cal.week[(e["end"] - cal.start).days]
            boost[a:b + 1, 0, P.cat == e["category"]] *= 2.0
    clear_from = P.end - 60
    wk_day_idx = wk_days - cal.day0
    clearance = (wk_day_idx[:, None] >= clear_from[None, :]) & (wk_day_idx[:, None] < P.end[None, :])
    boost *= np.where(clearance, 1.6, 1.0)[:, None, :]
    Wt = P.pop[None, None, :] * season[:, None, :] * avail[:, None, :] * listed[None, :, :] * boost
    Wt = Wt.reshape(-1, S)
    cdf = np.cumsum(Wt, axis=1)
    cdf = cdf / cdf[:, -1:]
    cdf[:, -1] = 1.0
    flat = (cdf + np.arange(cdf.shape[0])[:, None]).ravel()
    l_ord = np.repeat(np.arange(N), nl)
    row = (week * 5 + grp)[l_ord]
    pos = np.searchsorted(flat, row + rng.random(len(l_ord)), side="right")
    sku = np.clip(pos - row * S, 0, S - 1)
    # quantities
    u = rng.random(len(l_ord))
    multi = P.multi[sku]
    qty = 1 + (u > np.where(multi, .70, .90)) + (u > np.where(multi, .92, .985))
    # merge duplicate SKUs inside an order
    key = l_ord.astype(np.int64) * S + sku
    uk, first, inv = np.unique(key, return_index=True, return_inverse=True)
    qsum = np.bincount(inv, weights=qty).astype(np.int64)
    keep = np.sort(first)
    qty = qsum[np.searchsorted(uk, key[keep])]
    l_ord, sku = l_ord[keep], sku[keep]
    L = len(l_ord)
    O.nl = np.bincount(l_ord, minlength=N)
    O.lstart = _seg_starts(O.nl)
    O.l_no = np.arange(L) - O.lstart[l_ord] + 1
    O.l_ord, O.l_sku, O.l_qty, O.L = l_ord, sku, qty, L
    # prices (cents)
    lch = ch[l_ord]
    lday = day[l_ord]
    price = P.price[sku].astype(np.int64)
    price = np.where((lch == AMAZON), np.round(price * P.amz[sku]), price).astype(np.int64)
    on_clear = (lday >= clear_from[sku]) & (lday < P.end[sku])
    O.l_compare = np.where(on_clear & (lch == SHOPIFY), price, 0)
    price = np.where(on_clear, np.round(price * .7), price).astype(np.int64)
    deal = bfcm[lday] & ((lch == WALMART) | (lch == EBAY)) & (P.cat_i[sku] != 2)
    price = np.where(deal, np.round(price * .85), price).astype(np.int64)
    changed = price != P.price[sku]
    price = np.where(changed, np.maximum(np.round(price / 100) * 100 - 1, 99), price).astype(np.int64)
    O.l_price = price  # unit price; marked-down prices end in .99 like real listings
    gross = price * qty
    # Shopify discount codes
    o_promo = shop_promo[day]
    use = (ch == SHOPIFY) & (o_promo >= 0) & (rng.random(N) < np.where(bfcm[day], .75, .6))
    welcome = (ch == SHOPIFY) & ~use & (rng.random(N) < .05)
    O.code = np.full(N, "", dtype=object)
    rate = np.zeros(N)
    cat_only = np.full(N, "", dtype=object)
    for i in np.unique(o_promo[use]):
        m = use & (o_promo == i)
        O.code[m] = cal.events[i]["code"]
        rate[m] = cal.events[i]["rate"]
        cat_only[m] = cal.events[i]["category"]
    O.code[welcome] = "WELCOME10"
    rate[welcome] = .10
    lrate = rate[l_ord] * ((cat_only[l_ord] == "") | (cat_only[l_ord] == P.cat[sku])) * (O.l_compare == 0)
    O.l_disc = np.round(gross * lrate).astype(np.int64)
    # Amazon promotions (negative in the report)
    ap = amz_promo[lday]
    apromo = (lch == AMAZON) & (ap >= 0) & (rng.random(L) < .5)
    coupon = (lch == AMAZON) & ~apromo & (rng.random(L) < .04)
    arate = np.zeros(L)
    O.l_promo_id = np.full(L, "", dtype=object)
    for i in np.unique(ap[apromo]):
        m = apromo & (ap == i)
        arate[m] = cal.events[i]["rate"]
        O.l_promo_id[m] = cal.events[i]["promo_id"]
    arate[coupon] = .10
    O.l_promo_id[coupon] = "Coupon 10% off"
    O.l_disc = np.where(lch == AMAZON, np.round(gross * arate).astype(np.int64), O.l_disc)
    O.l_gross = gross
    O.l_net = gross - O.l_disc
    O.net = np.add.reduceat(O.l_net, O.lstart)
    O.gross = np.add.reduceat(gross, O.lstart)
    O.disc = O.gross - O.net
    # weights / volume for shipping
    O.l_weight = P.weight[sku] * qty
    O.weight = np.add.reduceat(O.l_weight, O.lstart)
    # shipping charged (order level, cents)
    ship = np.zeros(N, np.int64)
    s = ch == SHOPIFY
    ship[s] = np.where(O.expedited[s], 1495, np.where(O.net[s] >= 7500, 0, 695 + np.where(O.weight[s] > 10, 800, 0)))
    m = is_amz & ~O.fba
    ship[m] = np.where(O.expedited[m], 999, np.where(O.net[m] >= 3500, 0, 499))
    m = ch == WALMART
    ship[m] = np.where(O.expedited[m], 899, np.where(O.net[m] >= 3500, 0, 599))
    m = ch == EBAY
    ship[m] = np.where(rng.random(int(m.sum())) < .7, 0, 595)
    O.ship = ship
    O.tax_rate = np.array([s[2] for s in _STATES])[O.state_i]
    O.l_tax = np.round(O.l_net * O.tax_rate[l_ord]).astype(np.int64)
    O.tax = np.add.reduceat(O.l_tax, O.lstart)
    O.total = O.net + O.ship + O.tax
    # risk, cancellations, short shipments
    ur = rng.random(N)
    O.risk = np.where(ur < .005, 2, np.where(ur < .03, 1, 0))
    pc = np.select([ch == SHOPIFY, is_amz, ch == WALMART], [.018, .015, .01], 0.0)
    pc = np.where(O.risk == 2, .4, pc)
    O.cancelled = rng.random(N) < pc
    O.cancel_sec = sec + rng.integers(600, 20 * 3600, N)
    short = (ch == SHOPIFY) & (O.nl > 1) & ~O.cancelled & (rng.random(N) < .02)
    pick = np.minimum((rng.random(N) * O.nl).astype(np.int64), O.nl - 1)
    O.l_short = np.zeros(L, bool)
    O.l_short[(O.lstart + pick)[short]] = True
    wl = (lch == WALMART) & (O.nl[l_ord] > 1) & (rng.random(L) < .03) & (O.l_no > 1)
    O.l_short |= wl & ~O.cancelled[l_ord]
    O.partial = np.add.reduceat(O.l_short.astype(np.int64), O.lstart) > 0
    # payment etc.
    O.accepts = rng.random(N) < .42
    O.pay = _choice_idx(rng, N, (.78, .14, .08))
    O.note_kind = _choice_idx(rng, N, (.86, .10, .04))
    return O


REPEAT_SHARE = {"on_time": .30, "late": .14, "damaged": .08}  # story f: customers who order again, by first delivery
REPEAT_GAP_DAYS = 50  # mean days from the first to the second order (exponential, at most a year)


def _repeat_customers(seed: int, O, F) -> None:
    """Story f: give some later Shopify / eBay orders the identity (name, e-mail number) of an earlier first-time
    customer of the same channel, with a probability set by how that first order was delivered. Only the buyer's
    identity columns change; orders, dates, routing and money are untouched."""
    rng = _rng(seed, "customers")
    for ch in (SHOPIFY, EBAY):
        idx = np.where(O.ch == ch)[0]
        idx = idx[np.argsort(O.sec[idx], kind="stable")]
        secs = O.sec[idx]
        late = F.shipped[idx] & (F.delivered[idx] // 86400 > F.promised_day[idx])
        bad = F.shipped[idx] & (F.damaged[idx] | F.lost[idx])
        p = np.where(bad, REPEAT_SHARE["damaged"], np.where(late, REPEAT_SHARE["late"], REPEAT_SHARE["on_time"]))
        comes_back = rng.random(len(idx)) < p
        gap = np.minimum(np.ceil(rng.exponential(REPEAT_GAP_DAYS, len(idx))), 365).astype(np.int64) * 86400
        # orders already given an earlier customer's identity; the own-store orders sold on WooCommerce or Etsy
        # (more_channels) name no buyer that Opsdesk reads, so they neither start nor continue a story (same draws)
        taken = O.alt[idx] > 0
        comes_back &= ~taken
        for k in np.where(comes_back)[0].tolist():
            if taken[k]:
                continue  # a returning order does not start a new customer
            j = int(np.searchsorted(secs, secs[k] + gap[k]))
            while j < len(idx) and taken[j]:
                j += 1
            if j >= len(idx):
                continue  # the second order would fall after the data's end
            taken[j] = True
            a, b = idx[k], idx[j]
            O.first[b], O.last[b], O.email_no[b] = O.first[a], O.last[a], O.email_no[a]


def _availability(seed, cal, P) -> np.ndarray:
    """(weeks x SKUs) 1 where the SKU can sell: launched, not discontinued, not in a planted stockout."""
    rng = _rng(seed, "stockouts")
    W, S = cal.nweeks, P.n
    wk_day = cal.mon0 + 7 * np.arange(W) - cal.day0  # day index of each week's Monday
    av = ((wk_day[:, None] + 6 >= P.launch[None, :]) & (wk_day[:, None] < P.end[None, :])).astype(float)
    # planted stockouts on popular, always-available SKUs (all locations; supplier PO late)
    cand = np.where((P.rank < int(.6 * S)) & (P.launch == 0) & (P.end > 10 ** 5))[0]
    cand = cand[np.argsort(P.rank[cand], kind="stable")]
    picks = rng.choice(cand, size=min(16, len(cand)), replace=False)
    windows = []
    for k, s in enumerate(picks):
        length = int(rng.integers(2, 7))
        if k < 8:  # inside the inventory snapshot horizon
            w0 = int(rng.integers(W - INVENTORY_WEEKS + 1, W - length))
        else:
            w0 = int(rng.integers(4, W - INVENTORY_WEEKS - length))
        av[w0:w0 + length, s] = 0
        windows.append((int(s), w0, w0 + length))
    P.stockouts = windows
    return av


# ---------------------------------------------------------------- fulfilment


def _haversine(lat1, lon1, lat2, lon2):
    r = 3958.8
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(lon2 - lon1)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * r * np.arcsin(np.sqrt(a))


_BOXES = np.array([(10, 8, 4), (12, 10, 6), (14, 12, 8), (16, 14, 10), (18, 16, 12), (22, 18, 14), (36, 18, 14)],
                  dtype=float)
_UPS_T = np.array([1, 1, 1, 2, 3, 3, 4, 4, 5])  # by zone (index 0 unused)
_QUOTE = np.array([3, 3, 3, 3, 4, 4, 5, 5, 6])


def _fulfil(seed: int, cal, P, O) -> NS:
    rng = _rng(seed, "fulfil")
    N = O.n
    F = NS()
    ships = ~O.cancelled & ~O.fba
    F.ships = ships
    # --- warehouse routing
    dist = np.stack([_haversine(O.city_lat, O.city_lon, la, lo) for la, lo in WH_COORD], axis=1)
    stocked = np.stack([np.minimum.reduceat(P.stocked[w][O.l_sku].astype(np.int64), O.lstart) > 0
                        for w in range(3)], axis=1)
    d = np.where(stocked, dist, np.inf)
    order = np.argsort(d, axis=1, kind="stable")
    first, second = order[:, 0], order[:, 1]
    has2 = np.isfinite(d[np.arange(N), second])
    reroute = has2 & (rng.random(N) < .12)
    wh = np.where(reroute, second, first)
    F.wh = wh
    dd = dist[np.arange(N), wh] * rng.uniform(.85, 1.15, N)
    zone = np.select([dd < 150, dd < 300, dd < 600, dd < 1000, dd < 1400, dd < 1800], [2, 3, 4, 5, 6, 7], 8)
    zone = np.where(np.isin(O.state_i, [1, 11]), 8, zone)  # AK, HI
    zone = np.where(dd < 50, 1, zone)
    F.zone = zone
    # --- package
    lvol = P.vol[O.l_sku] * O.l_qty
    vol = np.add.reduceat(lvol, O.lstart)
    longest = np.maximum.reduceat(P.dims[O.l_sku, 0], O.lstart)
    units = np.add.reduceat(O.l_qty, O.lstart)
    single = units == 1
    bvol = _BOXES.prod(axis=1)
    fits = (bvol[None, :] >= 1.25 * vol[:, None]) & (_BOXES[None, :, 0] >= longest[:, None])
    bi = np.where(fits.any(axis=1), fits.argmax(axis=1), len(_BOXES) - 1)
    one_sku = O.l_sku[O.lstart]
    dims = np.where(single[:, None], P.dims[one_sku], _BOXES[bi])
    F.dims = dims
    F.box = np.where(single, -1, bi)
    tare = np.where(single, .1, .35 + bvol[bi] / 8000)
    F.weight = np.round(O.weight + tare, 1)
    dimw = np.ceil(dims.prod(axis=1) / DIM_DIVISOR)
    F.billed = np.maximum(np.ceil(F.weight), dimw)
    # --- carrier choice (rate shopping)
    u = rng.random(N)
    bw = F.billed
    p_dhl = np.where(bw <= 1, np.where(zone >= 6, .50, .35), np.where(bw <= 10, np.where(zone >= 6, .45, .18), 0))
    p_usps = np.where(bw <= 1, .45, np.where(bw <= 5, .15, np.where(bw <= 10, .06, 0)))
    p_usps = np.minimum(p_usps, 1 - p_dhl)
    rest = 1 - p_dhl - p_usps
    p_ups = rest * np.where(bw > 5, .55, .55)
    carrier = np.where(u < p_dhl, DHL, np.where(u < p_dhl + p_usps, USPS, np.where(u < p_dhl + p_usps + p_ups,
                                                                                    UPS, FEDEX)))
    ue = rng.random(N)
    carrier = np.where(O.expedited, np.where(ue < .5, UPS, np.where(ue < .85, FEDEX, USPS)), carrier)
    F.carrier = carrier
    svc = np.array(["Ground", "Home Delivery", "Ground Advantage", "SmartMail Parcel Expedited"], dtype=object)[carrier]
    svc = np.where((carrier == DHL) & (bw > 1), "SmartMail Parcel Plus Expedited", svc)
    svc = np.where(O.expedited, np.array(["2nd Day Air", "2Day", "Priority Mail", ""], dtype=object)[carrier], svc)
    F.service = svc
    # --- timeline (store-local seconds)
    oday = O.sec // 86400
    tod = O.sec % 86400
    isbd = np.is_busday(oday.astype("datetime64[D]"), holidays=cal.holidays)
    same = isbd & (tod < 14 * 3600)
    exp_ship = np.where(same, oday, _busday(oday + 1, 0, cal))
    F.exp_ship_day = exp_ship
    peak_day = _peak_mask(cal, oday)
    backlog = (wh != TPL) & peak_day & (rng.random(N) < .25)
    label_day = np.where(backlog, _busday(exp_ship + 1, 0, cal), exp_ship)
    ltod = np.where(same & ~backlog, np.minimum(tod + rng.integers(1800, 4 * 3600, N), 17 * 3600 + 1800),
                    9 * 3600 + rng.integers(0, 5 * 3600, N))
    F.label = label_day * 86400 + ltod
    pick_day = np.where(ltod < 16 * 3600 + 1800, label_day, _busday(label_day + 1, 0, cal))
    sla_miss = (wh == TPL) & _peak_mask(cal, label_day, tpl=True)
    lag = rng.integers(2, 5, N)
    pick_day = np.where(sla_miss, pick_day + lag, pick_day)
    pick_day = np.where(sla_miss, _busday(pick_day, 0, cal, "1111110"), pick_day)
    F.first_scan = pick_day * 86400 + 17 * 3600 + 1800 + rng.integers(0, 2 * 3600, N)
    # transit (business days Mon-Sat)
    t = _UPS_T[zone].copy()
    t = np.where(carrier == USPS, t + (zone >= 7) + (zone <= 2), t)
    t = np.where(carrier == DHL, t + 1 + (zone >= 7), t)
    t = np.where(O.expedited, np.where((carrier == USPS) & (zone > 4), 3, 2), t)
    p_late = np.array([.04, .07, .10, .14])[carrier] * np.where(peak_day, 2.0, 1.0)
    late = rng.random(N) < p_late
    t = t + late * (1 + (rng.random(N) < .35) + (rng.random(N) < .1))
    early = (carrier <= FEDEX) & (t >= 3) & ~late & (rng.random(N) < .15)
    t = t - early
    deliv_day = _busday(pick_day, t, cal, "1111110")
    F.delivered = deliv_day * 86400 + 10 * 3600 + rng.integers(0, 9 * 3600, N)
    quote = np.where(O.expedited, 2, _QUOTE[zone])
    F.promised_day = _busday(exp_ship, quote, cal)
    # damage / loss
    p_dmg = np.array([.004, .005, .006, .005])[carrier]
    p_dmg = np.where((carrier == DHL) & (zone >= 7), .08, p_dmg)
    frag = np.maximum.reduceat(P.fragile[O.l_sku].astype(np.int64), O.lstart) > 0
    p_dmg = p_dmg * np.where(frag, 2.0, 1.0)
    F.damaged = rng.random(N) < p_dmg
    F.lost = ~F.damaged & (rng.random(N) < np.where(carrier == DHL, .004, .0015))
    now = cal.now
    F.shipped = ships & (F.label < now)
    # --- label cost (cents): rate card by carrier, zone and billed weight
    base = np.array([760, 735, 475, 390])[carrier] + np.array([45, 44, 35, 25])[carrier] * zone
    per = np.array([38, 37, 55, 50])[carrier] + np.array([10, 10, 15, 14])[carrier] * zone
    rate = base + per * np.maximum(bw - 1, 0)
    rate = np.where(O.expedited, rate * 2.2, rate)
    # declared vs actual: 6 % of UPS/FedEx parcels were quoted without the dim weight -> dim_weight adjustment
    under = (carrier <= FEDEX) & (dimw > np.ceil(F.weight)) & (rng.random(N) < .12)
    under |= (carrier <= FEDEX) & (bw >= 3) & (rng.random(N) < .01)
    qbw = np.where(under, np.maximum(np.where(dimw > np.ceil(F.weight), np.ceil(F.weight), bw - 1), 1), bw)
    qrate = base + per * np.maximum(qbw - 1, 0)
    qrate = np.where(O.expedited, qrate * 2.2, qrate)
    F.quoted = np.round(qrate).astype(np.int64)
    adj_dim = np.round(rate - qrate).astype(np.int64)
    F.adj_dim = np.where(under & (adj_dim > 0), adj_dim, 0)
    ua = rng.random(N)
    F.adj_addr = np.where((carrier <= FEDEX) & (ua < .008), np.where(carrier == UPS, 2300, 2250), 0)
    F.adj_das = np.where((carrier <= FEDEX) & (ua >= .008) & (ua < .04), np.where(carrier == UPS, 445, 430), 0)
    F.label_cost = F.quoted + F.adj_dim + F.adj_addr + F.adj_das
    # --- tracking numbers and ids
    acct = np.array(["1Z4E8A71", "1Z9V2W36", "1Z07XK55"])[wh]
    tr = np.empty(N, dtype=object)
    for c, digits, fmt in ((UPS, 8, "{}03{}"), (FEDEX, 11, "7{1}"), (USPS, 15, "9400111{1}"), (DHL, 14, "GM2951{1}")):
        m = carrier == c
        serial = _unique_ids(rng, int(m.sum()), digits)  # distinct per carrier
        tr[m] = [fmt.format(a, x) for a, x in zip(acct[m].tolist(), serial.tolist())]
    F.tracking = tr
    # --- Amazon FBA shipments
    fba = O.fba & ~O.cancelled
    F.fba_ship = O.sec + rng.integers(4 * 3600, 30 * 3600, N) + np.where(peak_day, rng.integers(0, 24 * 3600, N), 0)
    uc = rng.random(N)
    F.fba_carrier = np.where(uc < .7, 0, np.where(uc < .9, 1, 2))  # AMZN_US, UPS, USPS
    F.fba_eta_day = _busday(oday + 1, np.array([4, 2, 1, 0])[O.fba_level] + 1, cal, "1111110")
    F.fba_delivered = (F.fba_ship // 86400 + rng.integers(1, 4, N)) * 86400 + 14 * 3600
    F.fba_damaged = fba & (rng.random(N) < .004)
    F.fba_shipped = fba & (F.fba_ship < now)
    F.fc = np.array([_FC_BY_STATE[s[0]] for s in _STATES])[O.state_i]
    return F


def _peak_mask(cal, day, tpl=False) -> np.ndarray:
    """Peak season: Nov 15 - Dec 24 (3PL SLA story), or BF week - Dec 20 for the general backlog."""
    d = np.asarray(day, dtype=np.int64).astype("datetime64[D]")
    m = d.astype("datetime64[M]").astype(int) % 12 + 1
    dom = (d - d.astype("datetime64[M]")).astype(int) + 1
    if tpl:
        return ((m == 11) & (dom >= 15)) | ((m == 12) & (dom <= 24))
    return ((m == 11) & (dom >= 22)) | ((m == 12) & (dom <= 20))


# ---------------------------------------------------------------- returns


def _returns(seed: int, cal, P, O, F) -> NS:
    rng = _rng(seed, "returns")
    L = O.L
    lo = O.l_ord
    lch = O.ch[lo]
    sku = O.l_sku
    fba = O.fba[lo]
    shipped = np.where(fba, F.fba_shipped[lo], F.shipped[lo]) & ~O.l_short
    delivered_at = np.where(fba, F.fba_delivered[lo], F.delivered[lo])
    ok = shipped & ~np.where(fba, False, F.lost[lo])
    cats = P.cat[sku]
    base = np.array([_RETURN_BASE[c] for c in CATEGORIES])[P.cat_i[sku]]
    base = base * np.array([1.0, 1.15, .8, .6])[lch]
    reason = np.full(L, -1)
    u = rng.random(L)
    regular = ok & (u < base)
    # regular reasons by category mix
    for c in CATEGORIES:
        m = regular & (cats == c)
        mix = _REASON_MIX[c]
        codes = [_REASON_CODES.index(k) for k in mix]
        reason[m] = np.array(codes)[_choice_idx(rng, int(m.sum()), list(mix.values()))]
    # (a) Trail Runner runs small
    trail = P.code[sku] == "TR"
    extra = ok & trail & (reason < 0) & (rng.random(L) < .25)
    reason[extra] = _REASON_CODES.index("too_small")
    # (b) mis-picks by warehouse (non-FBA)
    p_mis = np.array([.006, .035, .006])[F.wh]
    mis = F.shipped & ~O.fba & (rng.random(O.n) < p_mis)
    mis_line = O.lstart + np.minimum((rng.random(O.n) * O.nl).astype(np.int64), O.nl - 1)
    ml = np.zeros(L, bool)
    ml[mis_line[mis]] = True
    ml &= ok & ~fba & (rng.random(L) < .9)
    reason[ml] = _REASON_CODES.index("wrong_item")
    F.mispick = mis
    # (c) carrier damage: most lines of damaged parcels come back
    dmg = np.where(fba, F.fba_damaged[lo], F.damaged[lo]) & ok & (rng.random(L) < .85)
    reason[dmg] = _REASON_CODES.index("damaged_in_transit")
    ret = reason >= 0
    # quantities and timing
    rq = np.where((O.l_qty > 1) & (rng.random(L) < .5), 1, O.l_qty)
    fast = ml | dmg
    lag = np.where(fast, rng.uniform(.5, 4, L), np.minimum(rng.lognormal(np.log(8), .6, L), 45))
    req = delivered_at + (lag * 86400).astype(np.int64)
    back = req + (rng.uniform(3, 9, L) * 86400).astype(np.int64) + np.where(fba, 86400 * rng.integers(0, 14, L), 0)
    ret &= back < cal.now
    idx = np.where(ret)[0]
    R = NS(line=idx, reason=reason[idx], qty=rq[idx], requested=req[idx], returned=back[idx])
    n = len(idx)
    code = np.array(_REASON_CODES, dtype=object)[R.reason]
    R.code = code
    # outcome
    ch = lch[idx]
    uo = rng.random(n)
    sizing = np.isin(code, ["too_small", "too_large", "wrong_item"])
    R.outcome = np.where(ch == SHOPIFY,
                         np.where(uo < np.where(sizing, .45, .70), 0, np.where(uo < np.where(sizing, .85, .88), 1, 2)),
                         np.where(uo < .95, 0, 1))  # 0 refund 1 exchange 2 store credit
    unit_net = O.l_net[idx] / O.l_qty[idx]
    tax = O.tax_rate[lo[idx]]
    R.refund = np.where(R.outcome == 0, np.round(unit_net * R.qty * (1 + tax)), 0).astype(np.int64)
    # disposition
    ud = rng.random(n)
    disp = np.where(ud < .9, 0, 1)  # restock / refurbish
    disp = np.where(code == "defective", np.where(ud < .3, 1, np.where(ud < .6, 2, 3)), disp)
    disp = np.where(code == "damaged_in_transit", np.where(ud < .6, 3, 2), disp)
    disp = np.where(code == "not_as_described", np.where(ud < .7, 0, 2), disp)
    disp = np.where(code == "missing_parts", np.where(ud < .7, 1, 2), disp)
    R.disp = disp
    landed = P.unit_cost[sku[idx]] + P.freight[sku[idx]]
    R.recovered = np.select([disp == 0, disp == 1, disp == 2], [landed * R.qty, np.round(.6 * landed) * R.qty,
                                                                np.round(.15 * O.l_price[idx]) * R.qty], 0)
    R.recovered = R.recovered.astype(np.int64)
    free_label = (ch != EBAY) | ~np.isin(code, ["changed_mind", "ordered_wrong_item", "better_price",
                                                 "too_small", "too_large"])
    R.label_cost = np.where(free_label & ~fba[idx], rng.integers(650, 1150, n), 0)
    R.label_cost = np.where(code == "damaged_in_transit", 0, R.label_cost)
    R.processing = np.where(F.wh[lo[idx]] == TPL, 350, rng.integers(200, 320, n))
    R.carrier = np.where(rng.random(n) < .7, USPS, UPS)
    # comments
    cm = np.empty(n, dtype=object)
    has = rng.random(n) < np.where(fast[idx], .9, .55)
    pick = rng.integers(0, 100, n)
    for i, c in enumerate(code.tolist()):
        if c == "too_small" and trail[idx[i]]:
            pool = _TRAIL_SMALL
        else:
            pool = _REASONS[c][2]
        cm[i] = pool[pick[i] % len(pool)] if (has[i] or (c == "too_small" and trail[idx[i]])) else ""
    R.comment = cm
    R.fba = fba[idx]
    # refunds per order (Shopify): refunded returns + lost parcels + short-shipped lines + cancellations
    ref_o = np.bincount(lo[idx], weights=R.refund, minlength=O.n)
    short_ref = np.round(O.l_net * (1 + O.tax_rate[lo]) * O.l_short)
    ref_o += np.bincount(lo, weights=short_ref, minlength=O.n)
    lost_o = F.lost & F.shipped & (F.delivered < cal.now + 7 * 86400)
    ref_o = np.where(lost_o, O.total, ref_o)
    ref_o = np.where(O.cancelled, O.total, ref_o)
    R.order_refund = np.minimum(np.round(ref_o), O.total).astype(np.int64)
    return R


# ---------------------------------------------------------------- inventory and purchase orders


def _inventory(seed: int, cal, P, O, F, R) -> NS:
    rng = _rng(seed, "inventory")
    S, W = P.n, cal.nweeks
    locs = ("WH-East", "WH-West", "3PL-Central", "FBA")
    pairs = [(s, l) for l in range(4) for s in range(S) if (P.stocked[l][s] if l < 3 else P.fba[s])]
    ps = np.array([p[0] for p in pairs])
    pl = np.array([p[1] for p in pairs])
    pid = -np.ones((4, S), np.int64)
    pid[pl, ps] = np.arange(len(pairs))
    NP = len(pairs)
    lo = O.l_ord
    fba = O.fba[lo]
    shipped = np.where(fba, F.fba_shipped[lo], F.shipped[lo]) & ~O.l_short
    loc = np.where(fba, 3, F.wh[lo])
    sday = np.where(fba, F.fba_ship[lo], F.label[lo]) // 86400
    wk = (sday - cal.mon0) // 7
    m = shipped & (wk < W)
    dem = np.zeros((W + 1, NP))
    np.add.at(dem, (wk[m], pid[loc[m], O.l_sku[m]]), O.l_qty[m])
    rl = R.line
    rest = R.disp == 0
    rloc = np.where(R.fba, 3, F.wh[lo[rl]])
    rwk = (R.returned // 86400 - cal.mon0) // 7
    ok = rest & (rwk < W) & (pid[rloc, O.l_sku[rl]] >= 0)
    back = np.zeros((W + 1, NP))
    np.add.at(back, (rwk[ok], pid[rloc[ok], O.l_sku[rl][ok]]), R.qty[ok])
    # forecast: centred 13-week mean, floor so that slow movers still hold stock
    cs = np.cumsum(np.vstack([np.zeros((1, NP)), dem[:W]]), axis=0)
    lo_i = np.clip(np.arange(W) - 6, 0, W)
    hi_i = np.clip(np.arange(W) + 7, 0, W)
    fc = (cs[hi_i] - cs[lo_i]) / np.maximum(hi_i - lo_i, 1)[:, None] * 1.1
    fc = np.maximum(fc, .15)
    lead_w = np.ceil(P.lead[ps] / 7).astype(int) + np.where(pl == 3, 2, 0)
    moq, cp = P.moq[ps], P.case_pack[ps]
    out = {s: (a, b) for s, a, b in P.stockouts}  # planted stockout windows (weeks), all locations of a SKU
    win = np.zeros((W + 1, NP), bool)
    wbeg = -np.ones(NP, np.int64)
    wend = -np.ones(NP, np.int64)
    for p in range(NP):
        if ps[p] in out:
            wbeg[p], wend[p] = out[ps[p]]
            win[wbeg[p]:wend[p], p] = True
    on = np.ceil(fc[0] * (lead_w + 6)) + rng.integers(0, 6, NP)
    on = np.maximum(on, np.minimum(moq, 12)).astype(float)
    open_qty = np.zeros(NP)
    arrive = np.full(NP, -1)
    ponum = np.zeros(NP, np.int64)
    po_rows = []  # [week placed, pair, qty, planned lead weeks, actual lead weeks, week received]
    snap_on = np.zeros((W, NP))
    snap_in = np.zeros((W, NP))
    delay = rng.random((W, NP))
    slip = rng.integers(2, 5, (W, NP))
    jitter = rng.choice([-1, 0, 0, 1], (W, NP))
    for w in range(W):
        inw = win[w]
        # planted stockout: the PO due in the window is late and only lands when the window ends
        push = inw & (arrive >= 0) & (arrive < wend)
        arrive[push] = wend[push]
        land = arrive == w
        on = on + np.where(land, open_qty, 0)
        for p in np.where(land)[0].tolist():
            po_rows[int(ponum[p])][5] = w
        open_qty = np.where(land, 0, open_qty)
        arrive = np.where(land, -1, arrive)
        on[inw] = 0
        snap_on[w] = on
        snap_in[w] = open_qty
        on = np.maximum(on - dem[w], 0) + back[w]
        rop = fc[w] * (lead_w + 3)
        blocked = (wbeg >= 0) & (w >= wbeg - lead_w - 2) & (w < wend)
        need = (on + open_qty < rop) & (arrive < 0) & ~blocked
        late_po = blocked & (arrive < 0)  # the PO that causes a planted stockout: lands when the window ends
        need |= late_po
        if need.any():
            qty = np.maximum(moq, np.ceil((fc[w] * (lead_w + 12) - on) / cp) * cp)
            qty = np.ceil(qty / cp) * cp
            actual = lead_w + np.where(delay[w] < .1, slip[w], jitter[w])
            actual = np.where(late_po, wend - w, actual)
            for p in np.where(need)[0].tolist():
                aw = max(int(actual[p]), 1)
                arrive[p] = w + aw
                open_qty[p] = qty[p]
                ponum[p] = len(po_rows)
                po_rows.append([w, p, int(qty[p]), int(lead_w[p]), aw, -1])
    # POs placed in a window's lead-up but pushed: record the real arrival lag
    for r in po_rows:
        if r[5] >= 0:
            r[4] = r[5] - r[0]
    I = NS(pairs=pairs, ps=ps, pl=pl, locs=locs, snap_on=snap_on, snap_in=snap_in, dem=dem[:W], po_rows=po_rows)
    return I


# ---------------------------------------------------------------- writers


def _names(O, idx):
    f = np.array(_FIRST, dtype=object)[O.first[idx]]
    l_ = np.array(_LAST, dtype=object)[O.last[idx]]
    return f, l_


def _street(O, idx):
    return [f"{n} {_STREETS[s]}" for n, s in zip(O.street_no[idx].tolist(), O.street[idx].tolist())]


def _csvq(vals) -> list[str]:
    """CSV-quote the values that need it (comma, quote, newline)."""
    out = []
    for v in vals:
        if "," in v or '"' in v or "\n" in v or "\r" in v:
            v = '"' + v.replace('"', '""') + '"'
        out.append(v)
    return out


def _row_format(header, spec) -> tuple[str, list]:
    """A %-template for a delimited row: constant columns are baked in, varying ones become %s."""
    parts, cols = [], []
    for h in header:
        v = spec.get(h, "")
        if isinstance(v, str):
            parts.append(v.replace("%", "%%"))
        else:
            parts.append("%s")
            cols.append(v)
    return ",".join(parts) + "\n", cols


def _write_shopify(path, cal, P, O, F, R, chunk=50000):
    oi = np.where((O.ch == SHOPIFY) & (O.alt == 0))[0]  # in order, as are their lines
    names = np.array([f"#{1001 + i}" for i in range(len(oi))], dtype=object)
    ids = 5_600_000_000_000 + np.cumsum(_rng(len(oi), "shopify-id").integers(900_000, 4_000_000, len(oi)))
    st_code = np.array([s[0] for s in _STATES], dtype=object)
    st_name = np.array([s[1] for s in _STATES], dtype=object)
    city_name = np.array([c[1][0] for c in O.cities], dtype=object)
    pay_name = np.array(["Shopify Payments", "PayPal Express Checkout", "Shop Pay Installments"], dtype=object)
    note_text = np.array(["", '"UTM source: google\nUTM medium: cpc\nUTM campaign: brand"',
                          "Please leave at the side door"], dtype=object)
    risk_name = np.array(["Low", "Medium", "High"], dtype=object)
    wh_name = np.array(WAREHOUSES, dtype=object)
    sku_name = np.array(_csvq(P.name.tolist()), dtype=object)
    sku_code = P.sku.astype(object)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        fh.write(",".join(_SHOPIFY) + "\n")
        for a in range(0, len(oi), chunk):
            o = oi[a:a + chunk]
            n = len(o)
            nm = names[a:a + chunk].tolist()
            first, last = _names(O, o)
            full = [f"{x} {y}" for x, y in zip(first.tolist(), last.tolist())]
            email = [f"{x[0].lower()}{y.lower()}{k}@example.com" for x, y, k in
                     zip(first.tolist(), last.tolist(), O.email_no[o].tolist())]
            created = _ts_shopify(cal, O.sec[o])
            later = O.sec[o] % 3 == 0  # payment captured a second after checkout
            paid = _merge_masked(created, _ts_shopify(cal, O.sec[o][later] + 1), later)
            fulfilled = F.shipped[o] & ~O.partial[o]
            status = np.where(O.cancelled[o] | ~F.shipped[o], "unfulfilled",
                              np.where(O.partial[o], "partial", "fulfilled"))
            refund = R.order_refund[o]
            fin = np.where(refund <= 0, "paid", np.where(refund >= O.total[o], "refunded", "partially_refunded"))
            method = np.where(O.expedited[o], "Expedited (2-Day)", np.where(O.ship[o] == 0, "Free Shipping",
                                                                            "Standard Shipping"))
            street = _street(O, o)
            city = city_name[O.city_i[o]].tolist()
            zips = ["'" + z for z in O.zip[o].tolist()]
            prov = st_code[O.state_i[o]].tolist()
            provn = st_name[O.state_i[o]].tolist()
            rate = O.tax_rate[o]
            taxname = [f"{p} State Tax {r * 100:.4g}%" if r > 0 else "" for p, r in zip(prov, rate.tolist())]
            bill = (O.pay[o] != 0) | (O.email_no[o] % 10 == 0)  # express checkouts collect no billing address
            nk = O.note_kind[o]
            spec = {
                "Name": nm, "Email": email, "Financial Status": fin.tolist(), "Paid at": paid,
                "Fulfillment Status": status.tolist(),
                "Fulfilled at": _merge_masked([""] * n, _ts_shopify(cal, F.label[o][fulfilled]), fulfilled),
                "Accepts Marketing": np.where(O.accepts[o], "yes", "no").tolist(), "Currency": "USD",
                "Subtotal": _cents_str(O.net[o]), "Shipping": _cents_str(O.ship[o]), "Taxes": _cents_str(O.tax[o]),
                "Total": _cents_str(O.total[o]), "Discount Code": O.code[o].tolist(),
                "Discount Amount": _cents_str(O.disc[o]), "Shipping Method": method.tolist(), "Created at": created,
                "Billing Name": full, "Billing Street": _mask_strings(street, bill),
                "Billing Address1": _mask_strings(street, bill), "Billing City": _mask_strings(city, bill),
                "Billing Zip": _mask_strings(zips, bill), "Billing Province": _mask_strings(prov, bill),
                "Billing Country": _mask_strings(["US"] * n, bill),
                "Shipping Name": full, "Shipping Street": street, "Shipping Address1": street, "Shipping City": city,
                "Shipping Zip": zips, "Shipping Province": prov, "Shipping Country": "US",
                "Notes": np.where(nk == 2, note_text[nk], "").tolist(),
                "Note Attributes": np.where(nk == 1, note_text[nk], "").tolist(),
                "Cancelled at": _merge_masked([""] * n, _ts_shopify(cal, O.cancel_sec[o][O.cancelled[o]]),
                                              O.cancelled[o]),
                "Payment Method": pay_name[O.pay[o]].tolist(), "Refunded Amount": _cents_str(refund),
                "Outstanding Balance": "0.00", "Location": wh_name[F.wh[o]].tolist(),
                "Id": [str(x) for x in ids[a:a + chunk].tolist()],
                "Tags": np.where(O.code[o] == "BFCM25", "BFCM", "").tolist(),
                "Risk Level": risk_name[O.risk[o]].tolist(), "Source": "web", "Tax 1 Name": taxname,
                "Tax 1 Value": _mask_strings(_cents_str(O.tax[o]), rate > 0),
                "Billing Province Name": _mask_strings(provn, bill), "Shipping Province Name": provn,
                "Payment ID": [f"{x}.1" for x in nm], "Payment References": [f"{x}.1" for x in nm],
            }
            # line items of these orders
            ls = _lines_of(O, o)
            rel = np.repeat(np.arange(n), O.nl[o])
            firstrow = O.l_no[ls] == 1
            lo = O.l_ord[ls]
            lfs = np.where(F.shipped[lo] & ~O.l_short[ls] & ~O.cancelled[lo], "fulfilled", "pending")
            sku = O.l_sku[ls]
            line = {
                "Lineitem quantity": O.l_qty[ls].astype(str).tolist(), "Lineitem name": sku_name[sku].tolist(),
                "Lineitem price": _cents_str(O.l_price[ls]),
                "Lineitem compare at price": _mask_strings(_cents_str(O.l_compare[ls]), O.l_compare[ls] > 0),
                "Lineitem sku": sku_code[sku].tolist(), "Lineitem requires shipping": "true",
                "Lineitem taxable": "true", "Lineitem fulfillment status": lfs.tolist(), "Vendor": BRAND,
                "Lineitem discount": _cents_str(O.l_disc[ls]),
            }
            fi = np.where(firstrow)[0]
            ci = np.where(~firstrow)[0]
            # first rows: order fields + their line fields
            spec1 = dict(spec)
            for k, v in line.items():
                spec1[k] = v if isinstance(v, str) else [v[i] for i in fi.tolist()]
            fmt1, cols1 = _row_format(_SHOPIFY, spec1)
            rows = np.empty(len(ls), dtype=object)
            rows[fi] = [fmt1 % t for t in zip(*cols1)]
            # continuation rows: Name, Email, Created at and the line fields only
            rc = rel[ci].tolist()
            spec2 = {"Name": [nm[r] for r in rc], "Email": [email[r] for r in rc],
                     "Created at": [created[r] for r in rc]}
            for k, v in line.items():
                spec2[k] = v if isinstance(v, str) else [v[i] for i in ci.tolist()]
            fmt2, cols2 = _row_format(_SHOPIFY, spec2)
            rows[ci] = [fmt2 % t for t in zip(*cols2)]
            fh.write("".join(rows.tolist()))
    return names, ids


def _write_amazon(out, cal, P, O, F, R, I, seed):
    rng = _rng(seed, "amazon")
    oi = np.where(O.ch == AMAZON)[0]
    n = len(oi)
    ids = _unique_ids(rng, n, 14)
    pre = rng.choice([111, 112, 113, 114], n)
    oid = np.array([f"{p}-{x // 10 ** 7:07d}-{x % 10 ** 7:07d}" for p, x in zip(pre.tolist(), ids.tolist())],
                   dtype=object)
    oid_of = np.full(O.n, "", dtype=object)
    oid_of[oi] = oid
    ls = np.where(O.ch[O.l_ord] == AMAZON)[0]
    lo = O.l_ord[ls]
    sku = O.l_sku[ls]
    item_code = _unique_ids(rng, len(ls), 14)
    now = cal.now
    fba = O.fba[lo]
    canc = O.cancelled[lo]
    shipped = np.where(fba, F.fba_shipped[lo], F.shipped[lo])
    status = np.where(canc, "Cancelled", np.where(shipped, "Shipped", "Pending"))
    istatus = np.where(canc, "Cancelled", np.where(shipped, "Shipped", "Unshipped"))
    ship_sec = np.where(fba, F.fba_ship[lo], F.first_scan[lo])
    upd = np.where(canc, O.cancel_sec[lo], np.where(shipped, np.minimum(ship_sec + 3600, now - 60), O.sec[lo] + 300))
    lvl_fba = np.array(["Standard", "Expedited", "SecondDay", "NextDay"], dtype=object)[O.fba_level[lo]]
    lvl = np.where(fba, lvl_fba, np.where(O.expedited[lo], "Expedited", "Standard"))
    first_line = O.l_no[ls] == 1
    shipprice = np.where(first_line, O.ship[lo], 0)
    city = [O.cities[c][1][0] for c in O.city_i[lo].tolist()]
    st = np.array([s[0] for s in _STATES], dtype=object)[O.state_i[lo]]
    title = [f"{BRAND} {P.fam[s]}, {P.colour[s]}" + (f", Size {P.size[s]}" if P.size[s] else "")
             for s in sku.tolist()]
    biz = rng.random(len(ls)) < .03
    price = O.l_gross[ls]
    cols = [
        oid_of[lo].tolist(), [""] * len(ls), _ts_iso_utc(cal, O.sec[lo]), _ts_iso_utc(cal, upd), status.tolist(),
        np.where(fba, "Amazon", "Merchant").tolist(), ["Amazon.com"] * len(ls), [""] * len(ls), [""] * len(ls),
        lvl.tolist(), title, P.sku[sku].tolist(), P.asin[sku].tolist(), istatus.tolist(),
        [str(q) for q in np.where(canc, 0, O.l_qty[ls]).tolist()], ["USD"] * len(ls),
        _mask_strings(_amz_money(price), ~canc), _mask_strings(_amz_money(O.l_tax[ls]), ~canc),
        _mask_strings(_amz_money(shipprice), ~canc), _mask_strings(_amz_money(np.zeros(len(ls))), ~canc),
        [""] * len(ls), [""] * len(ls),
        _mask_strings(_amz_money(-O.l_disc[ls]), ~canc), _mask_strings(_amz_money(np.zeros(len(ls))), ~canc),
        city, st.tolist(), O.zip[lo].tolist(), ["US"] * len(ls), O.l_promo_id[ls].tolist(),
        np.where(biz, "true", "false").tolist(), _mask_strings([f"PO-{x % 100000:05d}" for x in item_code.tolist()],
                                                              biz),
        np.where(biz, "BusinessPrice", "").tolist(),
    ]
    _write(out / "amazon_all_orders.txt", _AMAZON_ORDERS, cols, "\t")

    # --- fulfilled shipments (FBA)
    m = fba & F.fba_shipped[lo] & ~canc & (F.fba_ship[lo] >= cal.now - REPORT_DAYS * 86400)
    sl = ls[m]
    slo = lo[m]
    ssku = sku[m]
    nS = len(sl)
    shp_ids = _unique_ids(rng, O.n, 12)
    sid = ["D" + _b36(x, 8) for x in shp_ids[slo].tolist()]
    siid = ["D" + _b36(x, 8) for x in _unique_ids(rng, nS, 12).tolist()]
    fcar = F.fba_carrier[slo]
    tn_ids = _unique_ids(rng, O.n, 12)
    ups_ids = _unique_ids(rng, O.n, 8)
    trk = [f"TBA3{t}" if c == 0 else (f"1Z9A2R4303{u}" if c == 1 else f"9300110{t:015d}")
           for c, t, u in zip(fcar.tolist(), tn_ids[slo].tolist(), ups_ids[slo].tolist())]
    eta = [d + "T23:59:59+00:00" for d in _ymd(F.fba_eta_day[slo])]
    fship = F.fba_ship[slo]
    fb = np.where(m)[0]
    city_s = [city[i] for i in fb.tolist()]
    cols = [
        oid_of[slo].tolist(), [""] * nS, sid, siid, [str(x) for x in item_code[m].tolist()], [""] * nS,
        _ts_iso_utc(cal, O.sec[slo]), _ts_iso_utc(cal, O.sec[slo] + 40), _ts_iso_utc(cal, fship),
        _ts_iso_utc(cal, fship + 5400), [""] * nS, [""] * nS, [""] * nS, P.sku[ssku].tolist(),
        [title[i] for i in fb.tolist()], [str(q) for q in O.l_qty[sl].tolist()], ["USD"] * nS,
        _amz_money(O.l_gross[sl]), _amz_money(O.l_tax[sl]), _amz_money(np.zeros(nS)), _amz_money(np.zeros(nS)),
        [""] * nS, [""] * nS, lvl[m].tolist(), [""] * nS, [""] * nS, [""] * nS, [""] * nS, city_s, st[m].tolist(),
        O.zip[slo].tolist(), ["US"] * nS, [""] * nS, [""] * nS, [""] * nS, [""] * nS, [""] * nS, [""] * nS,
        [""] * nS, [""] * nS, _amz_money(-O.l_disc[sl]), _amz_money(np.zeros(nS)),
        np.array(["AMZN_US", "UPS", "USPS"], dtype=object)[fcar].tolist(), trk, eta, F.fc[slo].tolist(),
        ["AFN"] * nS, ["Amazon.com"] * nS,
    ]
    _write(out / "amazon_fulfilled_shipments.txt", _AMAZON_SHIPMENTS, cols, "\t")

    # --- FBA customer returns
    rm = R.fba
    rl = R.line[rm]
    rlo = O.l_ord[rl]
    rs = O.l_sku[rl]
    code = R.code[rm]
    disp = np.where(code == "damaged_in_transit", "CARRIER_DAMAGED",
                    np.where(code == "defective", "DEFECTIVE",
                             np.where(rng.random(len(rl)) < .8, "SELLABLE", "CUSTOMER_DAMAGED")))
    rstat = np.where(disp == "SELLABLE", "Unit returned to inventory", "Reimbursed")
    rstat = np.where(disp == "CUSTOMER_DAMAGED", "Unit returned to inventory", rstat)
    lpn = ["LPN" + _b36(x, 10) for x in _unique_ids(rng, len(rl), 15).tolist()]
    amz_reason = np.array([_REASONS[c][1] for c in _REASON_CODES], dtype=object)[R.reason[rm]]
    order_r = np.argsort(R.returned[rm], kind="stable")
    cols = [
        _ts_iso_utc(cal, R.returned[rm]), oid_of[rlo].tolist(), P.sku[rs].tolist(), P.asin[rs].tolist(),
        P.fnsku[rs].tolist(), [P.name[s] for s in rs.tolist()], [str(q) for q in R.qty[rm].tolist()],
        F.fc[rlo].tolist(), disp.tolist(), amz_reason.tolist(), rstat.tolist(), lpn, R.comment[rm].tolist(),
    ]
    cols = [[c[i] for i in order_r.tolist()] for c in cols]
    _write(out / "amazon_fba_returns.txt", _AMAZON_RETURNS, cols, "\t")

    # --- settlement V2
    _write_settlement(out, cal, P, O, F, R, I, rng, ls, lo, sku, item_code, oid_of, fba, canc, shipped, ship_sec,
                      shipprice)
    return oid_of


def _write_settlement(out, cal, P, O, F, R, I, rng, ls, lo, sku, item_code, oid_of, fba, canc, shipped, ship_sec,
                      shipprice):
    # periods: 14 days, starting on the first Tuesday on/after the start date
    t0 = cal.day0 + ((1 - (cal.day0 + 3) % 7) % 7)
    starts = np.arange(t0, cal.day0 + cal.ndays, 14) * 86400 + 8 * 3600  # UTC seconds
    ends = starts + 14 * 86400
    closed = ends <= _utc(cal, np.array([cal.now]))[0]
    starts, ends = starts[closed][-SETTLEMENT_PERIODS:], ends[closed][-SETTLEMENT_PERIODS:]
    K = len(starts)
    if K == 0:
        _write(out / "amazon_settlement.txt", _AMAZON_SETTLEMENT, [[] for _ in _AMAZON_SETTLEMENT], "\t")
        return
    sids = _unique_ids(rng, K, 11)
    rows_k, rows_t, rows_line, rows_type, rows_desc, rows_amt, rows_tx, rows_promo, rows_adj = ([] for _ in range(9))
    ok = shipped & ~canc
    post = ship_sec + np.where(fba, 0, 3600 * 2)
    li = np.arange(len(ls))
    comm_base = O.l_gross[ls] - O.l_disc[ls] + shipprice
    commission = -np.maximum(np.round(comm_base * P.referral[sku]), 30 * O.l_qty[ls]).astype(np.int64)
    comps = [
        ("ItemPrice", "Principal", O.l_gross[ls], ok),
        ("ItemPrice", "Shipping", shipprice, ok & (shipprice > 0)),
        ("Promotion", "Principal", -O.l_disc[ls], ok & (O.l_disc[ls] > 0)),
        ("ItemFees", "Commission", commission, ok),
        ("ItemFees", "FBAPerUnitFulfillmentFee", -P.fba_fee[sku] * O.l_qty[ls], ok & fba),
    ]
    for order_i, (t, d, amt, m) in enumerate(comps):
        rows_t.append(np.full(int(m.sum()), order_i))
        rows_line.append(li[m])
        rows_amt.append(np.asarray(amt)[m])
        rows_type.append(np.full(int(m.sum()), t, dtype=object))
        rows_desc.append(np.full(int(m.sum()), d, dtype=object))
        rows_tx.append(np.full(int(m.sum()), "Order", dtype=object))
        rows_k.append(post[m])
        rows_promo.append(np.where(t == "Promotion", O.l_promo_id[ls][m], ""))
        rows_adj.append(np.full(int(m.sum()), "", dtype=object))
    # refunds of Amazon returns (refund outcome)
    pos_of_line = -np.ones(O.L, np.int64)
    pos_of_line[ls] = li
    am = (O.ch[O.l_ord[R.line]] == AMAZON) & (R.outcome == 0)
    rli = pos_of_line[R.line[am]]
    rpost = np.where(R.fba[am], R.requested[am] + 2 * 86400, R.returned[am])
    unit = O.l_net[ls][rli] // O.l_qty[ls][rli]
    principal = -(unit * R.qty[am])
    rcomm = np.round(-commission[rli] * R.qty[am] / O.l_qty[ls][rli]).astype(np.int64)
    radmin = -np.minimum(np.round(rcomm * .2), 500).astype(np.int64)
    adj = _unique_ids(rng, int(am.sum()), 14)
    for order_i, (d, t, amt) in enumerate([("Principal", "ItemPrice", principal), ("Commission", "ItemFees", rcomm),
                                           ("RefundCommission", "ItemFees", radmin)]):
        rows_t.append(np.full(len(rli), 10 + order_i))
        rows_line.append(rli)
        rows_amt.append(amt)
        rows_type.append(np.full(len(rli), t, dtype=object))
        rows_desc.append(np.full(len(rli), d, dtype=object))
        rows_tx.append(np.full(len(rli), "Refund", dtype=object))
        rows_k.append(rpost)
        rows_promo.append(np.full(len(rli), "", dtype=object))
        rows_adj.append(np.array([str(x) for x in adj], dtype=object))
    # monthly subscription and FBA storage fees
    months = np.unique((np.arange(cal.day0, cal.day0 + cal.ndays)).astype("datetime64[D]").astype("datetime64[M]"))
    fba_pairs = I.pl == 3
    vol_ft3 = P.vol[I.ps[fba_pairs]] / 1728.0
    for mo in months:
        d1 = mo.astype("datetime64[D]").astype(np.int64)
        wk = int(np.clip((d1 - cal.mon0) // 7, 0, cal.nweeks - 1))
        units = I.snap_on[wk, fba_pairs]
        mnum = int(mo.astype(int) % 12) + 1
        rate_ft3 = 2.40 if mnum >= 10 else .78
        storage = -int(round((units * vol_ft3).sum() * rate_ft3 * 100))
        for desc, amt, day_off in (("Subscription Fee", -3999, 1), ("Storage Fee", storage, 8)):
            rows_t.append(np.array([20]))
            rows_line.append(np.array([-1]))
            rows_amt.append(np.array([amt]))
            rows_type.append(np.array(["other-transaction"], dtype=object))
            rows_desc.append(np.array([desc], dtype=object))
            rows_tx.append(np.array(["other-transaction"], dtype=object))
            rows_k.append(np.array([(d1 + day_off) * 86400 + 9 * 3600]))
            rows_promo.append(np.array([""], dtype=object))
            rows_adj.append(np.array([""], dtype=object))
    t_ = np.concatenate(rows_t)
    line = np.concatenate(rows_line)
    amt = np.concatenate(rows_amt).astype(np.int64)
    typ = np.concatenate(rows_type)
    desc = np.concatenate(rows_desc)
    tx = np.concatenate(rows_tx)
    psec = np.concatenate(rows_k).astype(np.int64)
    promo = np.concatenate(rows_promo)
    adjid = np.concatenate(rows_adj)
    psec = _utc(cal, psec)
    k = np.searchsorted(starts, psec, side="right") - 1
    keep = (k >= 0) & (psec < ends[np.clip(k, 0, K - 1)])
    order = np.lexsort((t_[keep], line[keep], psec[keep], k[keep]))
    sel = np.where(keep)[0][order]
    k = k[sel]
    totals = np.bincount(k, weights=amt[sel], minlength=K).astype(np.int64)
    utc_s = np.datetime_as_string(_dt64(psec[sel]), unit="s").tolist()
    pdt = [s.replace("T", " ") + " UTC" for s in utc_s]
    pdate = [f"{s[8:10]}/{s[5:7]}/{s[2:4]}" for s in utc_s]
    lsel = line[sel]
    has = lsel >= 0
    if len(ls):
        lsafe = np.where(has, lsel, 0)
        oids = _mask_strings(oid_of[lo[lsafe]].tolist(), has)
        skus = _mask_strings(P.sku[sku[lsafe]].tolist(), has)
        icode = _mask_strings([str(x) for x in item_code[lsafe].tolist()], has)
        qty = _mask_strings([str(x) for x in O.l_qty[ls][lsafe].tolist()], has)
        ful = _mask_strings(np.where(fba[lsafe], "AFN", "MFN").tolist(), has)
    else:  # no Amazon orders: only the monthly fees
        oids = skus = icode = qty = ful = [""] * len(sel)
    mkt = _mask_strings(["Amazon.com"] * len(sel), has)
    money = _amz_money(amt[sel])
    hdr_fmt = lambda s: np.datetime_as_string(_dt64(np.array([s])), unit="s")[0].replace("T", " ") + " UTC"
    with open(out / "amazon_settlement.txt", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(_AMAZON_SETTLEMENT)
        bounds = np.searchsorted(k, np.arange(K + 1))
        for j in range(K):
            sid = str(sids[j])
            w.writerow([sid, hdr_fmt(starts[j]), hdr_fmt(ends[j]), hdr_fmt(ends[j] + 2 * 86400),
                        _amz_money([totals[j]])[0], "USD"] + [""] * 18)
            rows = []
            for i in range(bounds[j], bounds[j + 1]):
                rows.append([sid, "", "", "", "", "", tx[sel[i]], oids[i], "", adjid[sel[i]], "", mkt[i],
                             typ[sel[i]], desc[sel[i]], money[i], ful[i], pdate[i], pdt[i], icode[i], "",
                             "", skus[i], qty[i], promo[sel[i]]])
            w.writerows(rows)


def _write_walmart(out, cal, P, O, F, R, seed):
    rng = _rng(seed, "walmart")
    oi = np.where(O.ch == WALMART)[0]
    po = _unique_ids(rng, len(oi), 13)
    co = _unique_ids(rng, len(oi), 15)
    po_of = np.full(O.n, "", dtype=object)
    po_of[oi] = [str(x) for x in po.tolist()]
    co_of = np.full(O.n, "", dtype=object)
    co_of[oi] = [str(x) for x in co.tolist()]
    ls = np.where(O.ch[O.l_ord] == WALMART)[0]
    lo = O.l_ord[ls]
    sku = O.l_sku[ls]
    n = len(ls)
    mdY = lambda days: [f"{s[5:7]}/{s[8:10]}/{s[0:4]}" for s in _ymd(days)]
    oday = O.sec[lo] // 86400
    shipby = _busday(oday + 1, 0, cal)
    first, last = _names(O, lo)
    full = [f"{x} {y}" for x, y in zip(first.tolist(), last.tolist())]
    street = _street(O, lo)
    city = [O.cities[c][1][0] for c in O.city_i[lo].tolist()]
    st = np.array([s[0] for s in _STATES], dtype=object)[O.state_i[lo]]
    addr = [f"{a}, {c}, {s} {z}" for a, c, s, z in zip(street, city, st.tolist(), O.zip[lo].tolist())]
    canc = O.cancelled[lo] | O.l_short[ls]
    shipped = F.shipped[lo] & ~canc
    delivered = shipped & (F.delivered[lo] < cal.now) & ~F.lost[lo]
    status = np.where(canc, "Cancelled", np.where(delivered, "Delivered", np.where(shipped, "Shipped",
                                                                                   "Acknowledged")))
    car = np.array(CARRIERS, dtype=object)[F.carrier[lo]]
    urls = {"UPS": "https://www.ups.com/track?tracknum=", "FedEx": "https://www.fedex.com/fedextrack/?trknbr=",
            "USPS": "https://tools.usps.com/go/TrackConfirmAction?tLabels=",
            "DHL eCommerce": "https://webtrack.dhlecs.com/?trackingnumber="}
    trk = F.tracking[lo]
    cols = [
        po_of[lo].tolist(), co_of[lo].tolist(), mdY(oday), mdY(shipby), mdY(F.promised_day[lo]), full, addr,
        [""] * n, street, [""] * n, city, st.tolist(), O.zip[lo].tolist(), [""] * n, [""] * n,
        [str(x) for x in O.l_no[ls].tolist()], P.upc[sku].tolist(), status.tolist(), P.name[sku].tolist(),
        np.where(O.expedited[lo], "Express", "Standard").tolist(),
        np.where(O.expedited[lo], "2-Day", "Standard").tolist(), np.where(O.expedited[lo], "2", "3").tolist(),
        ["Seller"] * n, [str(q) for q in O.l_qty[ls].tolist()], P.sku[sku].tolist(), _cents_str(O.l_net[ls]),
        _cents_str(np.where(O.l_no[ls] == 1, O.ship[lo], 0)), _cents_str(O.l_tax[ls]), [""] * n, [""] * n,
        _mask_strings(car.tolist(), shipped), _mask_strings(trk.tolist(), shipped),
        _mask_strings([urls[c] + t for c, t in zip(car.tolist(), trk.tolist())], shipped),
        [f"AO-W{100000 + i}" for i in np.searchsorted(oi, lo).tolist()], ["Seller Fulfilled"] * n, ["N"] * n,
        [""] * n,
    ]
    _write(out / "walmart_orders.csv", _WALMART, cols)
    return po_of


def _write_ebay(out, cal, P, O, F, R, seed):
    rng = _rng(seed, "ebay")
    oi = np.where(O.ch == EBAY)[0]
    n = len(oi)
    on = _unique_ids(rng, n, 12)
    onum = np.full(O.n, "", dtype=object)
    onum[oi] = [f"{x // 10 ** 10:02d}-{x // 10 ** 5 % 10 ** 5:05d}-{x % 10 ** 5:05d}" for x in on.tolist()]
    rec = np.full(O.n, 0)
    rec[oi] = 10001 + np.arange(n)
    ls = np.where(O.ch[O.l_ord] == EBAY)[0]
    txn = _unique_ids(rng, len(ls), 13)
    ebd = lambda days: [np.datetime64(int(d), "D").item().strftime("%b-%d-%y") for d in np.asarray(days).tolist()]
    oday = O.sec[oi] // 86400
    shipby = _busday(oday + 1, 0, cal)
    zone = F.zone[oi]
    quote = np.where(O.expedited[oi], 2, _QUOTE[zone])
    est_min = _busday(shipby, quote - 1, cal)
    est_max = _busday(shipby, quote + 1, cal)
    first, last = _names(O, oi)
    full = [f"{x} {y}" for x, y in zip(first.tolist(), last.tolist())]
    user = [f"{x.lower()}_{y.lower()}{k % 100}" for x, y, k in zip(first.tolist(), last.tolist(), O.email_no[oi])]
    email = [f"{_b36((i * 7919 + k) * 2654435761 % 36 ** 10, 10).lower()}@members.ebay.com"
             for i, k in enumerate(O.email_no[oi].tolist())]
    street = _street(O, oi)
    city = [O.cities[c][1][0] for c in O.city_i[oi].tolist()]
    st = np.array([s[0] for s in _STATES], dtype=object)[O.state_i[oi]].tolist()
    shipped = F.shipped[oi]
    bad = (F.damaged[oi] | F.mispick[oi]) & shipped
    late = shipped & (F.delivered[oi] // 86400 > F.promised_day[oi])
    uf = rng.random(n)
    fb = np.where(shipped & (uf < .35), np.where(bad & (uf < .25), "Negative", np.where(late & (uf < .08),
                                                                                         "Neutral", "Positive")), "")
    svc = [f"{CARRIERS[c]} {s}" if c != DHL else f"DHL {s}" for c, s in zip(F.carrier[oi].tolist(),
                                                                           F.service[oi].tolist())]
    sale = ebd(oday)
    order_vals = {
        "Sales Record Number": [str(x) for x in rec[oi].tolist()], "Order Number": onum[oi].tolist(),
        "Buyer Username": user, "Buyer Name": full, "Buyer Email": email, "Ship To Name": full,
        "Ship To Address 1": street, "Ship To City": city, "Ship To State": st, "Ship To Zip": O.zip[oi].tolist(),
        "Ship To Country": ["United States"] * n, "Shipping And Handling": _usd(O.ship[oi]),
        "Seller Collected Tax": ["$0.00"] * n, "eBay Collected Tax": _usd(O.tax[oi]),
        "Total Price": _usd(O.total[oi]), "eBay Collected Tax Included in Total": ["Yes"] * n,
        "Payment Method": ["Managed payments"] * n, "Sale Date": sale, "Paid On Date": sale,
        "Ship By Date": ebd(shipby), "Minimum Estimated Delivery Date": ebd(est_min),
        "Maximum Estimated Delivery Date": ebd(est_max),
        "Shipped On Date": _mask_strings(ebd(F.first_scan[oi] // 86400), shipped & (F.first_scan[oi] < cal.now)),
        "Feedback Left": np.where(fb != "", "Positive", "").tolist(), "Feedback Received": fb.tolist(),
        "Shipping Service": svc, "Tracking Number": _mask_strings(F.tracking[oi].tolist(), shipped),
        "Global Shipping Program": ["No"] * n, "Click And Collect": ["No"] * n, "eBay Plus": ["No"] * n,
        "Quantity": [str(x) for x in np.add.reduceat(O.l_qty, O.lstart)[oi].tolist()],
    }
    item_keys = ("Item Number", "Item Title", "Custom Label", "Sold Via Promoted Listings", "Quantity", "Sold For",
                 "Transaction ID", "Variation Details")
    promoted = rng.random(len(ls)) < .2
    sk = O.l_sku[ls]
    var = [("[Size:" + P.size[s] + ",Color:" + P.colour[s] + "]") if P.size[s] else f"[Color:{P.colour[s]}]"
           for s in sk.tolist()]
    line_vals = {
        "Item Number": P.ebay_item[sk].tolist(), "Item Title": [f"{BRAND} {P.fam[s]}" for s in sk.tolist()],
        "Custom Label": P.sku[sk].tolist(), "Sold Via Promoted Listings": np.where(promoted, "Yes", "No").tolist(),
        "Quantity": [str(x) for x in O.l_qty[ls].tolist()], "Sold For": _usd(O.l_price[ls]),
        "Transaction ID": [str(x) for x in txn.tolist()], "Variation Details": var,
    }
    rows = []
    j = 0
    for i, o in enumerate(oi.tolist()):
        k = O.nl[o]
        if k == 1:
            rows.append([line_vals[h][j] if h in item_keys else (order_vals[h][i] if h in order_vals else "")
                         for h in _EBAY])
        else:
            rows.append([order_vals[h][i] if (h in order_vals and h not in item_keys[:4] + item_keys[5:]) else ""
                         for h in _EBAY])
            for jj in range(j, j + k):
                keep = ("Sales Record Number", "Order Number", "Sale Date", "Paid On Date")
                rows.append([line_vals[h][jj] if h in item_keys else (order_vals[h][i] if h in keep else "")
                             for h in _EBAY])
        j += k
    with open(out / "ebay_orders.csv", "w", newline="", encoding="utf-8") as fh:
        fh.write("\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(_EBAY)
        w.writerows(rows)
        fh.write("\n")
        fh.write(f"{len(rows)} record(s) downloaded\n")
        fh.write(f"Seller ID : {SELLER_ID}\n")
    return onum


# ---------------------------------------------------------------- more channels (the run path's business)

MORE_CHANNELS = ("woocommerce", "etsy")  # O.alt 1 and 2
#: share of the own-store orders (Shopify's draw, low fraud risk) sold instead on the WooCommerce store and on Etsy
MORE_CHANNEL_SHARE = (.16, .10)
ETSY_FEE = (.03, 25)  # Etsy Payments, US shop: 3 % of the order total + $0.25


def _more_channels(seed: int, O) -> np.ndarray:
    """Which own-store orders are sold on WooCommerce (1) or Etsy (2) instead of Shopify (0): drawn from their own
    stream, so that every other draw of the business stays the same. Medium and high fraud-risk orders stay on
    Shopify (only its export rates risk: story g); Etsy takes baskets of at most three lines."""
    u = _rng(seed, "more-channels").random(O.n)
    own = (O.ch == SHOPIFY) & (O.risk == 0)
    woo, etsy = MORE_CHANNEL_SHARE
    alt = np.where(own & (u < woo), 1, np.where(own & (u < woo + etsy) & (O.nl <= 3), 2, 0))
    return alt.astype(np.int8)


def _channel_names(O) -> np.ndarray:
    """Each order's channel as the templates write it."""
    names = np.array(CHANNELS + MORE_CHANNELS, dtype=object)
    return names[np.where(O.alt > 0, len(CHANNELS) - 1 + O.alt, O.ch)]


def _lines_of(O, o) -> np.ndarray:
    """The line indices of orders `o` (ascending), in order."""
    nl = O.nl[o]
    return np.repeat(O.lstart[o], nl) + np.arange(int(nl.sum())) - np.repeat(_seg_starts(nl), nl)


def _refunded_units(O, R) -> np.ndarray:
    """Units refunded per line: refunded returns and short-shipped lines (what a platform that refunds by line
    item takes out of the line's quantity). Cancellations and lost parcels are refunded as amounts."""
    units = np.bincount(R.line[R.refund > 0], weights=R.qty[R.refund > 0], minlength=O.L).astype(np.int64)
    units = np.where(O.l_short, O.l_qty, units)
    units = np.where(O.cancelled[O.l_ord], 0, units)
    return np.minimum(units, O.l_qty)


def _money(c) -> list[str]:
    return [f"{x / 100:.2f}" for x in np.asarray(c).tolist()]


def _write_woocommerce(out, cal, P, O, F, R, seed):
    """WooCommerce → Export Orders (Advanced Order Export, default profile): one row per product with the order's
    columns on every row, amounts without tax, Item Cost after coupons, only the kept units (`Quantity (- Refund)`),
    no Currency field (a USD store: the workspace's reporting currency)."""
    rng = _rng(seed, "woocommerce")
    oi = np.where(O.alt == 1)[0]
    n = len(oi)
    # WordPress post ids: increasing, with gaps, and above every Shopify order name (#1001…) so that a help-desk
    # ticket's "#1234" names one order (20001… at the committed sample's size)
    num = 2 * 10 ** len(str(O.n + 1001)) + np.cumsum(rng.integers(1, 4, n))
    onum = np.array([str(x) for x in num.tolist()], dtype=object)
    refund = R.order_refund[oi]
    done = F.shipped[oi]
    status = np.where(O.cancelled[oi], "Cancelled", np.where(refund >= O.total[oi], "Refunded",
                                                             np.where(done, "Completed", "Processing")))
    refund = np.where(O.cancelled[oi], 0, refund)  # cancelled before capture: nothing was charged
    first, last = _names(O, oi)
    email = [f"{x.lower()}.{y.lower()}{k}@example.com" for x, y, k in
             zip(first.tolist(), last.tolist(), O.email_no[oi].tolist())]
    street = _street(O, oi)
    city = [O.cities[c][1][0] for c in O.city_i[oi].tolist()]
    st = np.array([x[0] for x in _STATES], dtype=object)[O.state_i[oi]].tolist()
    method = np.where(O.expedited[oi], "Expedited (2-Day)", np.where(O.ship[oi] == 0, "Free shipping", "Flat rate"))
    pay = np.array(["Credit Card (Stripe)", "PayPal", "Credit Card (Stripe)"], dtype=object)[O.pay[oi]]
    note = np.where(O.note_kind[oi] == 2, "Please leave at the side door", "")
    order_vals = {
        "Order Number": onum.tolist(), "Order Status": status.tolist(),
        "Order Date": [t[:16] for t in _ts_local(O.sec[oi])], "Customer Note": note.tolist(),
        "First Name (Billing)": first.tolist(), "Last Name (Billing)": last.tolist(),
        "Address 1&2 (Billing)": street, "City (Billing)": city, "State Code (Billing)": st,
        "Postcode (Billing)": O.zip[oi].tolist(), "Country Code (Billing)": ["US"] * n, "Email (Billing)": email,
        "First Name (Shipping)": first.tolist(), "Last Name (Shipping)": last.tolist(),
        "Address 1&2 (Shipping)": street, "City (Shipping)": city, "State Code (Shipping)": st,
        "Postcode (Shipping)": O.zip[oi].tolist(), "Country Code (Shipping)": ["US"] * n,
        "Payment Method Title": pay.tolist(), "Cart Discount Amount": _money(O.disc[oi]),
        "Order Subtotal Amount": _money(O.gross[oi]), "Shipping Method Title": method.tolist(),
        "Order Shipping Amount": _money(O.ship[oi]), "Order Refund Amount": _money(refund),
        "Order Total Amount": _money(O.total[oi]), "Order Total Tax Amount": _money(O.tax[oi]),
    }
    ls = _lines_of(O, oi)
    rel = np.repeat(np.arange(n), O.nl[oi])
    kept = O.l_qty[ls] - _refunded_units(O, R)[ls]
    first_row = O.l_no[ls] == 1
    code = O.code[oi][rel]
    disc = O.disc[oi][rel]
    line_vals = {
        "SKU": P.sku[O.l_sku[ls]].tolist(), "Item #": [str(x) for x in O.l_no[ls].tolist()],
        "Item Name": P.name[O.l_sku[ls]].tolist(), "Quantity (- Refund)": [str(x) for x in kept.tolist()],
        "Item Cost": _money(np.round(O.l_net[ls] / O.l_qty[ls])),  # the plugin's get_item_total, rounded
        "Coupon Code": _mask_strings([c.lower() for c in code.tolist()], first_row & (code != "")),
        "Discount Amount": _mask_strings(_money(disc), first_row & (code != "")),
        "Discount Amount Tax": _mask_strings(_money(np.round(disc * O.tax_rate[oi][rel])), first_row & (code != "")),
    }
    cols = [line_vals[h] if h in line_vals else
            ([order_vals[h][r] for r in rel.tolist()] if h in order_vals else [""] * len(ls)) for h in _WOO]
    _write(out / "woocommerce_orders.csv", _WOO, cols)
    return onum


def _write_etsy(out, cal, P, O, F, R, seed):
    """Etsy Download Data: EtsySoldOrders (one row per order: totals, status, card processing fees, net) and
    EtsySoldOrderItems (one row per transaction, order amounts repeated). A US shop in USD: Etsy collects the sales
    tax on top of the prices and remits it (Order Net = Order Total − Sales Tax − Card Processing Fees); a refund
    states the Adjusted columns, a full refund or a cancellation the status."""
    rng = _rng(seed, "etsy")
    oi = np.where(O.alt == 2)[0]
    n = len(oi)
    oid = _unique_ids(rng, n, 10)
    oid = np.sort(oid)  # receipt ids grow with time, as the orders are sorted
    onum = np.array([str(x) for x in oid.tolist()], dtype=object)
    etd = lambda days: [np.datetime64(int(d), "D").item().strftime("%m/%d/%y") for d in np.asarray(days).tolist()]
    sale = etd(O.sec[oi] // 86400)
    shipped = F.shipped[oi]
    shipped_on = _mask_strings(etd(F.label[oi] // 86400), shipped)
    total, tax = O.total[oi], O.tax[oi]
    refund = R.order_refund[oi]
    full = O.cancelled[oi] | (refund >= total)
    partial = (refund > 0) & ~full
    rate, fixed = ETSY_FEE
    fee = np.round(total * rate).astype(np.int64) + fixed
    adj_total = np.where(partial, total - refund, 0)
    adj_fee = np.where(partial, np.round(adj_total * rate).astype(np.int64) + fixed, 0)
    net = total - tax - fee
    adj_net = np.where(partial, adj_total - np.round(tax * adj_total / np.maximum(total, 1)).astype(np.int64)
                       - adj_fee, 0)
    status = np.where(O.cancelled[oi], "Canceled", np.where(full, "Fully refunded",
                                                            np.where(shipped, "Completed", "Open")))
    first, last = _names(O, oi)
    fulln = [f"{x} {y}" for x, y in zip(first.tolist(), last.tolist())]
    buyer = [f"{x.lower()}{y.lower()[:3]}{k}" for x, y, k in zip(first.tolist(), last.tolist(),
                                                                  O.email_no[oi].tolist())]
    buyer_id = (O.first[oi] * 1_000_003 + O.last[oi] * 7919 + O.email_no[oi]) % 900_000_000 + 100_000_000
    street = _street(O, oi)
    city = [O.cities[c][1][0] for c in O.city_i[oi].tolist()]
    st = np.array([x[0] for x in _STATES], dtype=object)[O.state_i[oi]].tolist()
    code = O.code[oi]
    rates = {e["code"]: e["rate"] for e in cal.events if e["code"]}
    rates["WELCOME10"] = .10
    details = [f"{round(rates[c] * 100)}% off" if c else "" for c in code.tolist()]
    units = np.add.reduceat(O.l_qty, O.lstart)[oi]
    ls = _lines_of(O, oi)
    rel = np.repeat(np.arange(n), O.nl[oi])
    pay = np.where(O.pay[oi] == 1, "PayPal", "Credit Card")
    order_vals = {
        "Sale Date": sale, "Order ID": onum.tolist(), "Buyer User ID": [str(x) for x in buyer_id.tolist()],
        "Full Name": fulln, "First Name": first.tolist(), "Last Name": last.tolist(),
        "Number of Items": [str(x) for x in units.tolist()], "Payment Method": pay.tolist(),
        "Date Shipped": shipped_on, "Street 1": street, "Ship City": city, "Ship State": st,
        "Ship Zipcode": O.zip[oi].tolist(), "Ship Country": ["United States"] * n, "Currency": ["USD"] * n,
        "Order Value": _money(O.gross[oi]), "Coupon Code": code.tolist(), "Coupon Details": details,
        "Discount Amount": _money(O.disc[oi]), "Shipping Discount": ["0.00"] * n, "Shipping": _money(O.ship[oi]),
        "Sales Tax": _money(tax), "Order Total": _money(total), "Status": status.tolist(),
        "Card Processing Fees": _money(fee), "Order Net": _money(net), "Adjusted Order Total": _money(adj_total),
        "Adjusted Card Processing Fees": _money(adj_fee), "Adjusted Net Order Amount": _money(adj_net),
        "Buyer": buyer, "Order Type": ["online"] * n, "Payment Type": ["online_cc"] * n,
        "SKU": [",".join(P.sku[O.l_sku[_lines_of(O, oi[i:i + 1])]].tolist()) for i in range(n)],
    }
    _write(out / "EtsySoldOrders.csv", _ETSY_ORDERS,
           [order_vals.get(h, [""] * n) for h in _ETSY_ORDERS])
    sk = O.l_sku[ls]
    txn = np.sort(_unique_ids(rng, len(ls), 10))
    listing = 1_000_000_000 + (np.array([zlib.crc32(f.encode()) for f in P.fam.tolist()], dtype=np.int64)
                               % 900_000_000)  # one listing per family, its sizes and colours as variations
    var = [f"Size: {P.size[s]}, Color: {P.colour[s]}" if P.size[s] else f"Color: {P.colour[s]}" for s in sk.tolist()]
    at = lambda k: [order_vals[k][r] for r in rel.tolist()]
    item_vals = {
        "Sale Date": at("Sale Date"), "Item Name": P.name[sk].tolist(), "Buyer": at("Buyer"),
        "Quantity": [str(x) for x in O.l_qty[ls].tolist()], "Price": _money(O.l_price[ls]),
        "Coupon Code": at("Coupon Code"), "Coupon Details": at("Coupon Details"),
        "Discount Amount": at("Discount Amount"), "Shipping Discount": at("Shipping Discount"),
        "Order Shipping": at("Shipping"), "Order Sales Tax": at("Sales Tax"), "Item Total": _money(O.l_gross[ls]),
        "Currency": at("Currency"), "Transaction ID": [str(x) for x in txn.tolist()],
        "Listing ID": [str(x) for x in listing[sk].tolist()],
        "Date Paid": at("Sale Date"), "Date Shipped": at("Date Shipped"), "Ship Name": at("Full Name"),
        "Ship Address1": at("Street 1"), "Ship City": at("Ship City"), "Ship State": at("Ship State"),
        "Ship Zipcode": at("Ship Zipcode"), "Ship Country": at("Ship Country"), "Order ID": at("Order ID"),
        "Variations": var, "Order Type": at("Order Type"), "Listings Type": ["listing"] * len(ls),
        "Payment Type": at("Payment Type"), "SKU": P.sku[sk].tolist(),
    }
    _write(out / "EtsySoldOrderItems.csv", _ETSY_ITEMS, [item_vals.get(h, [""] * len(ls)) for h in _ETSY_ITEMS])
    return onum


def _order_ids(O, shop_names, amz, wm, eb, more=None):
    oid = np.full(O.n, "", dtype=object)
    oid[(O.ch == SHOPIFY) & (O.alt == 0)] = shop_names
    for k, ids in enumerate(more or (), start=1):  # WooCommerce, Etsy
        oid[O.alt == k] = ids
    m = O.ch == AMAZON
    oid[m] = amz[m]
    m = O.ch == WALMART
    oid[m] = wm[m]
    m = O.ch == EBAY
    oid[m] = eb[m]
    return oid


def _write_shipments(out, cal, P, O, F, oid):
    s = np.where(F.shipped)[0]
    s = s[np.argsort(F.label[s], kind="stable")]
    n = len(s)
    now = cal.now
    scanned = F.first_scan[s] < now
    deliv = (F.delivered[s] < now) & ~F.lost[s]
    status = np.where(F.lost[s] & scanned, "lost", np.where(deliv & F.damaged[s], "damaged",
                                                             np.where(deliv, "delivered", "in_transit")))
    dims = F.dims[s]
    cols = [
        [f"SH{1_000_000 + i}" for i in range(n)], oid[s].tolist(), _channel_names(O)[s].tolist(),
        np.array(CARRIERS, dtype=object)[F.carrier[s]].tolist(), F.service[s].tolist(), F.tracking[s].tolist(),
        np.array(WAREHOUSES, dtype=object)[F.wh[s]].tolist(), _ts_local(F.label[s]),
        _mask_strings(_ts_local(F.first_scan[s]), scanned), _mask_strings(_ts_local(F.delivered[s]), deliv),
        _ymd(F.promised_day[s]), status.tolist(), [str(z) for z in F.zone[s].tolist()],
        np.array([x[0] for x in _STATES], dtype=object)[O.state_i[s]].tolist(), ["US"] * n, _num1(F.weight[s]),
        _numg(dims[:, 0]), _numg(dims[:, 1]), _numg(dims[:, 2]), _numg(F.billed[s]), _cents_str(F.label_cost[s]),
        _cents_str(F.quoted[s]), _cents_str(O.ship[s]), [""] * n, [""] * n,
    ]
    _write(out / "opsdesk_shipments.csv", _T_SHIPMENTS, cols)
    return s


def _write_returns(out, cal, P, O, F, R, oid):
    m = ~R.fba
    idx = np.where(m)[0]
    idx = idx[np.argsort(R.returned[idx], kind="stable")]
    n = len(idx)
    line = R.line[idx]
    lo = O.l_ord[line]
    code = R.code[idx]
    cols = [
        [f"RMA-{100001 + i}" for i in range(n)], oid[lo].tolist(), _channel_names(O)[lo].tolist(),
        P.sku[O.l_sku[line]].tolist(), [str(q) for q in R.qty[idx].tolist()], _ts_local(R.requested[idx]),
        _ts_local(R.returned[idx]), code.tolist(), [_REASONS[c][0] for c in code.tolist()], R.comment[idx].tolist(),
        np.array(["restock", "refurbish", "liquidate", "destroy"], dtype=object)[R.disp[idx]].tolist(),
        np.array(["refund", "exchange", "store_credit"], dtype=object)[R.outcome[idx]].tolist(),
        _cents_str(R.refund[idx]), _cents_str(R.label_cost[idx]), _cents_str(R.processing[idx]),
        _cents_str(R.recovered[idx]), np.array(WAREHOUSES, dtype=object)[F.wh[lo]].tolist(),
        np.array(CARRIERS, dtype=object)[R.carrier[idx]].tolist(),
    ]
    _write(out / "opsdesk_returns.csv", _T_RETURNS, cols)


def _write_inventory(out, cal, P, I, seed):
    rng = _rng(seed, "inv-out")
    W = cal.nweeks
    first_w = max(1, W - INVENTORY_WEEKS)
    weeks = np.arange(first_w, W)
    rows = []
    order = np.lexsort((I.ps, I.pl))
    for w in weeks.tolist():
        d = _ymd([cal.mon0 + 7 * w])[0]
        on = I.snap_on[w].astype(np.int64)
        res = np.minimum(np.round(I.dem[w - 1] * rng.uniform(.05, .25, len(on))).astype(np.int64), on)
        inb = I.snap_in[w].astype(np.int64)
        for p in order.tolist():
            rows.append((d, P.sku[I.ps[p]], I.locs[I.pl[p]], str(on[p]), str(on[p] - res[p]), str(res[p]),
                         str(inb[p])))
    with open(out / "opsdesk_inventory.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(_T_INVENTORY)
        w.writerows(rows)


def _cost_history(seed, cal, P):
    rng = _rng(seed, "costs")
    rows = []  # (sku index, day number, unit_cost, freight, duty, other)
    d0 = (cal.start.replace(day=1) - timedelta(days=92)).replace(day=1)
    d0n = (d0 - date(1970, 1, 1)).days
    fam_changes = {}
    for fi in range(len(_FAMILIES)):
        k = int(rng.integers(1, 4))
        slots = np.arange(30, cal.ndays - 40, 80)  # changes at least ~2 months apart
        days = np.sort(rng.choice(slots, size=k, replace=False)) + rng.integers(0, 20, k)
        kinds = rng.integers(0, 3, k)
        sizes = rng.uniform(.03, .09, k)
        fam_changes[fi] = list(zip(days.tolist(), kinds.tolist(), sizes.tolist()))
    for s in range(P.n):
        uc, fr, du, ot = int(P.unit_cost[s]), int(P.freight[s]), float(P.duty[s]), 20
        rows.append((s, d0n, uc, fr, du, ot))
        for day, kind, size in fam_changes[P.fam_i[s]]:
            if kind == 0:
                uc = int(round(uc * (1 + size)))
            elif kind == 1:
                fr = int(round(fr * (1 + 3 * size)))
            else:
                du = round(du + (.10 if P.country[s] == "CN" else .02), 3)
            rows.append((s, cal.day0 + day, uc, fr, du, ot))
    return rows


def _write_catalog_files(out, cal, P, I, cost_rows, seed):
    S = P.n
    active = P.end > cal.ndays
    cols = [
        P.sku.tolist(), P.name.tolist(), P.cat.tolist(), P.sub.tolist(), P.fam.tolist(), P.size.tolist(),
        P.colour.tolist(), [BRAND] * S, P.supplier.tolist(), _cents_str(P.price), _numg(P.weight),
        _numg(P.dims[:, 0]), _numg(P.dims[:, 1]), _numg(P.dims[:, 2]), [str(x) for x in P.lead.tolist()],
        [str(x) for x in P.moq.tolist()], [str(x) for x in P.case_pack.tolist()], P.tier.tolist(),
        np.where(active, "true", "false").tolist(),
    ]
    _write(out / "opsdesk_products.csv", _T_PRODUCTS, cols)
    rows = [(P.sku[s], _ymd([d])[0], f"{uc / 100:.2f}", f"{fr / 100:.2f}", f"{du:g}", f"{ot / 100:.2f}", "USD")
            for s, d, uc, fr, du, ot in cost_rows]
    _write(out / "opsdesk_product_costs.csv", _T_COSTS, list(zip(*rows)))
    # purchase orders: one PO per supplier, location and week
    rng = _rng(seed, "po")
    cost_of = {}
    for cs, d, c, *_ in cost_rows:
        cost_of.setdefault(cs, []).append((d, c))
    rec = sorted(I.po_rows, key=lambda r: (r[0], P.supplier[I.ps[r[1]]], I.pl[r[1]], r[1]))
    po_ids = {}
    rows = []
    for wk, p, qty, lw, aw, rw in rec:
        s, l = int(I.ps[p]), int(I.pl[p])
        key = (wk, P.supplier[s], l)
        if key not in po_ids:
            po_ids[key] = f"PO-{2400 + len(po_ids)}"
        od = cal.mon0 + 7 * wk - 3  # placed the Friday before the simulated week
        exp = od + int(P.lead[s]) + (14 if l == 3 else 0)
        rcv = cal.mon0 + 7 * rw - int(rng.integers(1, 5))  # lands in the days before the snapshot Monday
        received = rw >= 0 and rcv < cal.day0 + cal.ndays
        short = received and rng.random() < .06
        qr = int(qty * rng.uniform(.9, .99)) if short else qty
        uc = cost_of[s][0][1]
        for d, c in cost_of[s]:
            if d <= od:
                uc = c
        rows.append((po_ids[key], P.sku[s], P.supplier[s], I.locs[l], _ymd([od])[0], _ymd([exp])[0],
                     _ymd([rcv])[0] if received else "", str(qty), str(qr) if received else "", f"{uc / 100:.2f}"))
    _write(out / "opsdesk_purchase_orders.csv", _T_POS, list(zip(*rows)) if rows else [[] for _ in _T_POS])


def _write_3pl(out, cal, P, O, F, I, oid):
    s = np.where(F.shipped & (F.wh == TPL))[0]
    lab_day = F.label[s] // 86400
    mon = lab_day.astype("datetime64[D]").astype("datetime64[M]")
    months = np.unique(mon)
    now_day = cal.day0 + cal.ndays
    units = np.add.reduceat(O.l_qty, O.lstart)[s]
    rows = []
    box_cost = np.array([45, 60, 80, 105, 130, 160, 210])
    pk = np.where(F.box[s] < 0, 35, box_cost[np.maximum(F.box[s], 0)])
    peak = _peak_mask(cal, lab_day, tpl=True)
    tpl_pairs = I.pl == TPL
    vol_ft3 = P.vol[I.ps[tpl_pairs]] / 1728.0
    for mo in months:
        inv_day = (mo + 1).astype("datetime64[D]").astype(np.int64)
        if inv_day >= now_day:
            continue
        inv_id = f"HFC-{str(mo).replace('-', '')}"
        inv_date = _ymd([inv_day])[0]
        m = np.where(mon == mo)[0]
        for i in m.tolist():
            o = s[i]
            rows.append((inv_id, inv_date, TPL_PROVIDER, "3PL-Central", oid[o], "", "pick_pack", str(units[i]),
                         f"{(325 + 75 * (units[i] - 1)) / 100:.2f}"))
            rows.append((inv_id, inv_date, TPL_PROVIDER, "3PL-Central", oid[o], "", "packaging", "1",
                         f"{pk[i] / 100:.2f}"))
            if peak[i]:
                rows.append((inv_id, inv_date, TPL_PROVIDER, "3PL-Central", oid[o], "", "other", "1", "0.50"))
        d1 = mo.astype("datetime64[D]").astype(np.int64)
        wk = int(np.clip((d1 + 14 - cal.mon0) // 7, 0, cal.nweeks - 1))
        ft3 = float((I.snap_on[wk, tpl_pairs] * vol_ft3).sum())
        rows.append((inv_id, inv_date, TPL_PROVIDER, "3PL-Central", "", "", "storage", f"{ft3:.1f}",
                     f"{ft3 * .55:.2f}"))
    # receiving, per SKU and month
    rec = {}
    for wk, p, qty, lw, aw, rw in I.po_rows:
        if I.pl[p] != TPL or rw < 0:
            continue
        d = cal.mon0 + 7 * rw
        mo = np.datetime64(int(d), "D").astype("datetime64[M]")
        if (mo + 1).astype("datetime64[D]").astype(np.int64) >= now_day:
            continue
        key = (str(mo), P.sku[I.ps[p]])
        rec[key] = rec.get(key, 0) + qty
    for (mo, sk), q in sorted(rec.items()):
        inv_day = (np.datetime64(mo, "M") + 1).astype("datetime64[D]")
        rows.append((f"HFC-{mo.replace('-', '')}", str(inv_day), TPL_PROVIDER, "3PL-Central", "", sk, "receiving",
                     str(q), f"{q * .30:.2f}"))
    grp = {"pick_pack": 0, "packaging": 0, "other": 0, "storage": 1, "receiving": 2}
    rows.sort(key=lambda r: (r[0], grp[r[6]]))
    _write(out / "opsdesk_3pl_invoice.csv", _T_3PL, list(zip(*rows)) if rows else [[] for _ in _T_3PL])


def _write_adjustments(out, cal, P, F):
    s = np.where(F.shipped & ((F.adj_dim > 0) | (F.adj_addr > 0) | (F.adj_das > 0)))[0]
    scan_day = F.first_scan[s] // 86400
    inv_day = scan_day + (5 - (scan_day + 3) % 7) % 7 + 7  # the Saturday a week after pickup
    keep = inv_day < cal.day0 + cal.ndays
    s, inv_day = s[keep], inv_day[keep]
    order = np.lexsort((s, inv_day))
    s, inv_day = s[order], inv_day[order]
    rows = []
    pref = {UPS: "UPS-INV-", FEDEX: "FDX-"}
    for i, d in zip(s.tolist(), inv_day.tolist()):
        c = int(F.carrier[i])
        iid = pref[c] + _ymd([d])[0].replace("-", "")
        day = _ymd([d])[0]
        for typ, amt, bw in (("dim_weight", F.adj_dim[i], f"{F.billed[i]:g}"), ("address_correction", F.adj_addr[i], ""),
                             ("other", F.adj_das[i], "")):
            if amt > 0:
                rows.append((iid, CARRIERS[c], F.tracking[i], day, typ, f"{amt / 100:.2f}", bw))
    _write(out / "opsdesk_carrier_adjustments.csv", _T_ADJ, list(zip(*rows)) if rows else [[] for _ in _T_ADJ])


def _write_promotions(out, cal):
    rows = [(e["name"], e["start"].isoformat(), e["end"].isoformat(), e["kind"], e["channel"], "", e["category"],
             f"{e['rate']:g}") for e in cal.events]
    _write(out / "opsdesk_promotions.csv", _T_PROMOS, list(zip(*rows)))


def _write_csat(out, cal, O, F, oid, seed):
    rng = _rng(seed, "csat")
    p = np.select([O.ch == SHOPIFY, O.ch == AMAZON, O.ch == WALMART], [.12, .03, .05], .05)
    m = F.shipped & ~F.lost & (F.delivered < cal.now) & (rng.random(O.n) < p)
    m &= ~O.fba
    idx = np.where(m)[0]
    resp = F.delivered[idx] + rng.integers(86400, 6 * 86400, len(idx))
    keep = resp < cal.now
    idx, resp = idx[keep], resp[keep]
    order = np.argsort(resp, kind="stable")
    idx, resp = idx[order], resp[order]
    bad = F.damaged[idx] | F.mispick[idx]
    late = F.delivered[idx] // 86400 > F.promised_day[idx]
    u = rng.random(len(idx))
    good_p = np.cumsum([.03, .04, .08, .30, .55])
    late_p = np.cumsum([.08, .12, .25, .35, .20])
    bad_p = np.cumsum([.45, .30, .15, .07, .03])
    cdf = np.where(bad[:, None], bad_p, np.where(late[:, None], late_p, good_p))
    score = (u[:, None] > cdf).sum(axis=1) + 1
    score = np.minimum(score, 5)
    kind = np.where(bad & (score <= 3), "bad", np.where(late & (score <= 3), "late",
                                                        np.where(score >= 4, "good", "meh")))
    has = rng.random(len(idx)) < .4
    pick = rng.integers(0, 100, len(idx))
    com = [(_CSAT_COMMENTS[k][p_ % len(_CSAT_COMMENTS[k])] if h else "")
           for k, p_, h in zip(kind.tolist(), pick.tolist(), has.tolist())]
    cols = [[f"CS-{200001 + i}" for i in range(len(idx))], _ts_local(resp), [str(x) for x in score.tolist()],
            oid[idx].tolist(), _channel_names(O)[idx].tolist(), com]
    _write(out / "opsdesk_csat.csv", _T_CSAT, cols)


_OTHER_SUBJECTS = ("Return request", "Change my shipping address", "Wrong size received", "Cancel my order",
                   "Discount code not working", "Missing item in my package", "Invoice request")
_PRESALE_SUBJECTS = ("Question about sizing", "Do you ship to Canada?", "Restock date?", "Gift wrapping")
_AGENTS = ("Maya Lopez", "Sam Carter", "Priya Nair", "Tom Becker")


def _write_zendesk(out, cal, O, F, oid, seed):
    """Help desk tickets: "where is my order" contacts from late and lost packages (and a few impatient customers),
    other order questions and pre-sale questions; the order number in the subject, a tag or the order field."""
    rng = _rng(seed, "zendesk")
    now = cal.now
    own = O.ch == SHOPIFY
    late = F.shipped & (F.lost | (F.delivered // 86400 > F.promised_day))
    p_late = np.where(own, .45, .12)
    wismo_late = late & (rng.random(O.n) < p_late)
    impatient = F.shipped & ~late & (rng.random(O.n) < np.where(own, .025, .006))
    other = rng.random(O.n) < np.where(own, .035, .008)
    t_late = (F.promised_day + 1) * 86400 + rng.integers(8 * 3600, 3 * 86400, O.n)
    t_imp = F.label + rng.integers(86400, 4 * 86400, O.n)
    t_other = O.sec + rng.integers(3600, 10 * 86400, O.n)
    kinds, idx, created = [], [], []
    for name, m, t in (("late", wismo_late, t_late), ("impatient", impatient & ~wismo_late, t_imp),
                       ("other", other, t_other)):
        i = np.where(m & (t < now))[0]
        kinds += [name] * len(i)
        idx.append(i)
        created.append(t[i])
    idx, created, kinds = np.concatenate(idx), np.concatenate(created), np.array(kinds, dtype=object)
    n_pre = O.n // 20  # pre-sale questions, about one per 20 orders
    pre_t = cal.day0 * 86400 + rng.integers(0, cal.ndays * 86400, n_pre)
    idx = np.concatenate([idx, np.full(n_pre, -1)])
    created = np.concatenate([created, pre_t])
    kinds = np.concatenate([kinds, np.array(["presale"] * n_pre, dtype=object)])
    order = np.argsort(created, kind="stable")
    idx, created, kinds = idx[order], created[order], kinds[order]
    n = len(idx)
    # first reply: minutes, lognormal around 1.5 h, three times slower in the busiest weeks (Nov–Dec)
    month = created.astype("datetime64[s]").astype("datetime64[M]").astype(int) % 12
    slow = np.where(month >= 10, 3.0, 1.0)
    reply = np.round(rng.lognormal(np.log(90), .9, n) * slow).astype(np.int64)
    resolve = reply + np.round(rng.lognormal(np.log(16 * 60), .8, n) * slow).astype(np.int64)
    replied = created + reply * 60 < now
    solved = created + resolve * 60 < now - 86400
    status = np.where(solved, np.where(rng.random(n) < .8, "closed", "solved"),
                      np.where(replied, np.where(rng.random(n) < .5, "pending", "open"), "new"))
    bad_p = np.where(kinds == "late", .45, .12)
    u = rng.random(n)
    rating = np.where(~solved | (u < .55), "Not Offered",
                      np.where(u < .75, "Offered", np.where(rng.random(n) < bad_p, "Bad", "Good")))
    place = rng.random(n)  # where the order number is written
    ref = np.where(idx >= 0, oid[np.maximum(idx, 0)], "")
    bare = np.array([r.lstrip("#") for r in ref.tolist()], dtype=object)
    subject, tags, field = [], [], []
    pick = rng.integers(0, 1000, n)
    for k, r, b, p_, q in zip(kinds.tolist(), ref.tolist(), bare.tolist(), place.tolist(), pick.tolist()):
        tag = []
        if k in ("late", "impatient"):
            tag.append("wismo")
            text = ("Where is my order", "Order not arrived yet", "Tracking hasn't updated")[q % 3]
        elif k == "other":
            text = _OTHER_SUBJECTS[q % len(_OTHER_SUBJECTS)]
        else:
            text = _PRESALE_SUBJECTS[q % len(_PRESALE_SUBJECTS)]
            tag.append("presale")
        f = ""
        if r and p_ < .45:
            text = f"{text} - order {r}"
        elif r and p_ < .75:
            tag.append(f"order_{b}")
        elif r:
            f = b
        subject.append(text)
        tags.append(" ".join(tag))
        field.append(f)
    who = rng.integers(0, 10 ** 6, n)
    agent = np.array(_AGENTS, dtype=object)[rng.integers(0, len(_AGENTS), n)]
    ts = _ts_local(created)
    solved_ts = _mask_strings(_ts_local(created + resolve * 60), solved)
    empty = [""] * n
    minutes = [str(x) for x in reply.tolist()]
    cols = [
        [str(10001 + i) for i in range(n)], [f"Customer {w}" for w in who.tolist()], [str(w) for w in who.tolist()],
        empty, [f"customer{w}@example.com" for w in who.tolist()], ["example.com"] * n, [f"Customer {w}" for w in who.tolist()],
        agent.tolist(), ["Customer care"] * n, subject, tags, status.tolist(),
        np.where(kinds == "late", "high", "normal").tolist(),
        np.array(["Mail", "Web Form", "Chat"], dtype=object)[rng.integers(0, 3, n)].tolist(),
        np.where(kinds == "presale", "question", "problem").tolist(), ts,
        _ts_local(np.minimum(created + resolve * 60, now - 1)), ts, empty, empty, ts, solved_ts,
        _mask_strings([str(int(round(x / 60))) for x in resolve.tolist()], solved), rating.tolist(),
        ["1"] * n, ["1"] * n, ["0"] * n, ["1"] * n,
        _mask_strings(minutes, replied), _mask_strings(minutes, replied),
        _mask_strings([str(x) for x in resolve.tolist()], solved), _mask_strings([str(x) for x in resolve.tolist()], solved),
        _mask_strings([str(x) for x in resolve.tolist()], solved), _mask_strings([str(x) for x in resolve.tolist()], solved),
        ["0"] * n, ["0"] * n, _mask_strings(minutes, replied), _mask_strings(minutes, replied), ["0"] * n, ["0"] * n, field,
    ]
    _write(out / "zendesk_tickets.csv", _ZENDESK, cols)


DISPUTE_P = {"high": .45, "medium": .05, "low": .003, "lost_parcel": .40}  # story g


def _write_disputes(out, cal, O, F, oid, seed):
    """Story g: chargebacks on Shopify Payments orders: fraud on shipped high-risk orders, "not received" on lost
    parcels; resolved (mostly lost for fraud) once 75 days old, else still open."""
    rng = _rng(seed, "disputes")
    shop = (O.ch == SHOPIFY) & (O.alt == 0) & F.shipped & ~O.cancelled
    u = rng.random(O.n)
    fraud = shop & (u < np.select([O.risk == 2, O.risk == 1], [DISPUTE_P["high"], DISPUTE_P["medium"]], DISPUTE_P["low"]))
    pnr = shop & ~fraud & F.lost & (rng.random(O.n) < DISPUTE_P["lost_parcel"])
    idx = np.where(fraud | pnr)[0]
    opened = O.sec[idx] + rng.integers(12, 60, len(idx)) * 86400 + rng.integers(0, 86400, len(idx))
    keep = opened < cal.now
    idx, opened = idx[keep], opened[keep]
    order = np.argsort(opened, kind="stable")
    idx, opened = idx[order], opened[order]
    is_fraud = fraud[idx]
    age = (cal.now - opened) // 86400
    uo = rng.random(len(idx))
    status = np.where(age < 20, "needs_response", np.where(age < 75, "under_review", np.where(
        is_fraud, np.where(uo < .75, "lost", np.where(uo < .85, "accepted", "won")), np.where(uo < .5, "won", "lost"))))
    resolved = np.isin(status, ["won", "lost", "accepted"])
    res_sec = opened + rng.integers(30, 75, len(idx)) * 86400
    method = np.array(["card", "paypal", "shop_pay"], dtype=object)[O.pay[idx]]
    cols = [[f"DP-{300001 + i}" for i in range(len(idx))], oid[idx].tolist(), ["shopify"] * len(idx), _ts_local(opened),
            np.where(is_fraud, "fraudulent", "product_not_received").tolist(), _cents_str(O.total[idx]),
            ["USD"] * len(idx), ["15.00"] * len(idx), status.tolist(),
            [t if r else "" for t, r in zip(_ts_local(res_sec), resolved.tolist())], method.tolist()]
    _write(out / "opsdesk_disputes.csv", _T_DISPUTES, cols)


def _write_ads(out, cal, P, O, seed):
    rng = _rng(seed, "ads")
    lo = O.l_ord
    W = cal.nweeks
    wk = cal.week[O.day[lo]]
    rows = []
    for ch, pool, k in ((AMAZON, P.fba, 14), (SHOPIFY, np.ones(P.n, bool), 12)):
        m = O.ch[lo] == ch
        units = np.bincount(O.l_sku[m], weights=O.l_qty[m], minlength=P.n)
        units = np.where(pool, units, -1)
        top = list(np.argsort(-units, kind="stable")[:k])
        if ch == AMAZON:
            ci = [s for s in np.where(P.amz < 1)[0].tolist() if s not in top][:2]
            top = top[: k - len(ci)] + ci
        wsales = np.zeros((W, P.n))
        np.add.at(wsales, (wk[m], O.l_sku[m]), O.l_net[m])
        for s in sorted(int(x) for x in top):
            roas = rng.uniform(2.2, 3.0) if P.amz[s] < 1 else rng.uniform(3.0, 6.0)
            for w in range(1, W):
                sales = wsales[w, s]
                if sales <= 0:
                    continue
                attributed = sales * rng.uniform(.25, .45)
                spend = attributed / roas
                cpc = rng.uniform(.6, 1.4)
                clicks = max(1, int(spend / 100 / cpc))
                impr = int(clicks / rng.uniform(.004, .012))
                rows.append((_ymd([cal.mon0 + 7 * w])[0], P.sku[s], CHANNELS[ch], f"{spend / 100:.2f}", str(clicks),
                             str(impr), f"{attributed / 100:.2f}"))
    rows.sort(key=lambda r: (r[0], r[2], r[1]))
    _write(out / "opsdesk_ad_spend.csv", _T_ADS, list(zip(*rows)))


# ---------------------------------------------------------------- entry point


def orders_for(orders_per_week: float) -> int:
    """Total orders over the sample's two years for an average of `orders_per_week` (trend and seasons included)."""
    if not orders_per_week > 0:
        raise ValueError("orders per week must be positive")
    return max(1, round(orders_per_week * SAMPLE_DAYS / 7))


def generate(out_dir: str | Path, orders: int = 6000, seed: int = 7, end_date: date = date(2026, 11, 22),
             shopify_only: bool = False, orders_per_week: float | None = None,
             more_channels: bool = False) -> list[Path]:
    """Write the sample business's export files into `out_dir` and return their paths.

    `orders` is the total number of orders over the two years ending on `end_date` (all on Shopify when
    `shopify_only`, which writes only `shopify_orders_export.csv`, for benchmarks); `orders_per_week`, when given,
    sets it instead as an average weekly volume (`orders_for`). `more_channels` also sells on a WooCommerce store
    and an Etsy shop (MORE_CHANNEL_FILES): about a quarter of the low-risk own-store orders move there from Shopify,
    every other draw staying the same (the run path, `lib seed`, uses it; the committed sample_data/ does not).
    Same arguments, same bytes.
    """
    if orders_per_week is not None:
        orders = orders_for(orders_per_week)
    if orders < 1:
        raise ValueError("orders must be positive")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cal = _calendar(end_date)
    P = _catalog(seed, cal)
    O = _orders(seed, cal, P, orders, shopify_only)
    O.alt = _more_channels(seed, O) if more_channels and not shopify_only else np.zeros(O.n, np.int8)
    F = _fulfil(seed, cal, P, O)
    R = _returns(seed, cal, P, O, F)
    _repeat_customers(seed, O, F)
    shop_names, _ = _write_shopify(out / "shopify_orders_export.csv", cal, P, O, F, R)
    if shopify_only:
        return [out / "shopify_orders_export.csv"]
    I = _inventory(seed, cal, P, O, F, R)
    cost_rows = _cost_history(seed, cal, P)
    amz = _write_amazon(out, cal, P, O, F, R, I, seed)
    wm = _write_walmart(out, cal, P, O, F, R, seed)
    eb = _write_ebay(out, cal, P, O, F, R, seed)
    more = (_write_woocommerce(out, cal, P, O, F, R, seed), _write_etsy(out, cal, P, O, F, R, seed)) \
        if more_channels else None
    oid = _order_ids(O, shop_names, amz, wm, eb, more)
    _write_shipments(out, cal, P, O, F, oid)
    _write_returns(out, cal, P, O, F, R, oid)
    _write_inventory(out, cal, P, I, seed)
    _write_catalog_files(out, cal, P, I, cost_rows, seed)
    _write_3pl(out, cal, P, O, F, I, oid)
    _write_adjustments(out, cal, P, F)
    _write_promotions(out, cal)
    _write_csat(out, cal, O, F, oid, seed)
    _write_ads(out, cal, P, O, seed)
    _write_zendesk(out, cal, O, F, oid, seed)
    _write_disputes(out, cal, O, F, oid, seed)
    return [out / name for name in FILES] + ([out / name for name in MORE_CHANNEL_FILES] if more_channels else [])
