"""The sample's files and their header rows: each export's real column layout (FORMATS.md) and the Opsdesk
templates', and which format of lib/ingest/formats.py reads each file (FILES, MORE_CHANNEL_FILES).
"""
from __future__ import annotations


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
