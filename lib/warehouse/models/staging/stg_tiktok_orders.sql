-- stg_tiktok_orders: TikTok Shop order lines (the orders export: one row per SKU, order amounts repeated on each)
-- in Opsdesk vocabulary.
-- grain: one row per SKU row (order_id, line_no = row order within the order) of each order's latest load.
-- upstream: latest_tiktok_orders
-- Prices: SKU Unit Original Price × Quantity is the line's gross; the seller's discount (SKU Seller Discount) is the
-- line's discount; TikTok's own (SKU Platform Discount) is funded by TikTok and paid to the seller, so not taken off.
-- Shipping charged: Original Shipping Fee − Shipping Fee Seller Discount (the platform's shipping discount is TikTok's).
-- Tax: Taxes (collected from the buyer) on top of the prices, unless the Order Amount already equals the lines after
-- discounts plus shipping with Taxes > 0 (VAT-inclusive markets): then prices_include_tax.
-- Currency: written with the price ("RM 12.00", "£9.99"…; a bare "$" in the United States is US dollars), else the
-- buyer country's market currency (each TikTok shop sells in its own market); none else (never guessed).
-- Status "Canceled"/"Cancelled" is cancelled (at Cancelled Time). Fulfilled by TikTok Shop: fulfillment_channel FBT.
WITH t AS (
    SELECT *, row_number() OVER (PARTITION BY order_id ORDER BY _row) AS line_no FROM latest_tiktok_orders
), markets(country, market_currency) AS (
    VALUES ('united states', 'USD'), ('united kingdom', 'GBP'), ('malaysia', 'MYR'), ('thailand', 'THB'),
           ('vietnam', 'VND'), ('viet nam', 'VND'), ('indonesia', 'IDR'), ('philippines', 'PHP'),
           ('singapore', 'SGD'), ('mexico', 'MXN'), ('spain', 'EUR'), ('germany', 'EUR'), ('france', 'EUR'),
           ('italy', 'EUR'), ('ireland', 'EUR'), ('japan', 'JPY'), ('brazil', 'BRL')
), o AS (  -- order-level values, repeated on each SKU row
    SELECT order_id, max(order_amount) AS order_amount, max(taxes) AS taxes, max(order_refund_amount) AS refund,
           max(original_shipping_fee) AS shipping_fee, max(shipping_fee_seller_discount) AS shipping_discount,
           max(shipping_fee_after_discount) AS shipping_after_discount,
           sum(coalesce(sku_subtotal_after_discount, 0)) AS lines_after_discount,
           max(order_status) AS status, max(order_substatus) AS substatus, max(cancelled_time) AS cancelled_at,
           max(fulfillment_type) AS fulfillment_type, max(warehouse_name) AS warehouse, max(state) AS state,
           max(country) AS country, max(price_currency) AS written
    FROM latest_tiktok_orders GROUP BY order_id
), orders AS (
    SELECT o.*, coalesce(CASE WHEN written = '$' AND lower(o.country) = 'united states' THEN 'USD'
                              WHEN written <> '$' THEN written END, m.market_currency) AS currency,
           coalesce(taxes > 0 AND abs(order_amount - (lines_after_discount + coalesce(shipping_after_discount, 0))) < 0.005,
                    false) AS incl,
           lower(coalesce(status, '')) IN ('canceled', 'cancelled') AS cancelled
    FROM o LEFT JOIN markets m ON m.country = lower(trim(o.country))
)
SELECT 'tiktok:' || t.order_id AS order_id, 'tiktok' AS channel, 'tiktok_orders' AS source,
       t.order_id AS source_order_ref, t.line_no, coalesce(t.seller_sku, t.sku_id) AS sku, t.product_name,
       t.quantity::DOUBLE AS quantity,
       coalesce(t.sku_unit_original_price, t.sku_subtotal_before_discount / nullif(t.quantity, 0)) AS unit_price_amount,
       coalesce(t.sku_seller_discount, 0) AS discount_amount, t.created_time AS ordered_at, o.currency,
       o.order_amount AS order_total_amount, sum(coalesce(t.sku_subtotal_before_discount, 0)) OVER w AS subtotal_amount,
       coalesce(o.shipping_fee, 0) - coalesce(o.shipping_discount, 0) AS shipping_charged_amount,
       coalesce(o.taxes, 0) AS tax_amount, sum(coalesce(t.sku_seller_discount, 0)) OVER w AS order_discount_amount,
       coalesce(o.refund, 0) AS refunded_amount, CASE WHEN o.cancelled THEN o.cancelled_at END AS cancelled_at,
       o.cancelled AS is_cancelled, o.status AS financial_status, o.substatus AS fulfillment_status,
       NULL::TIMESTAMP AS ship_by_at, NULL::DATE AS promised_delivery_date,
       CASE WHEN lower(o.fulfillment_type) LIKE '%tiktok%' THEN 'FBT' ELSE 'own' END AS fulfillment_channel,
       o.warehouse, o.state AS ship_to_region, o.country AS ship_to_country, NULL::VARCHAR AS sub_channel,
       t.order_substatus AS line_status, t._load_id, NULL::VARCHAR AS category, o.incl AS prices_include_tax,
       NULL::VARCHAR AS customer_key, NULL::VARCHAR AS customer_key_source,  -- the columns read name no buyer
       NULL::VARCHAR AS risk_level
FROM t JOIN orders o USING (order_id)
WINDOW w AS (PARTITION BY t.order_id)
