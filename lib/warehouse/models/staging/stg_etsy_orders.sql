-- stg_etsy_orders: Etsy order lines in Opsdesk vocabulary, from the two Download Data CSVs joined on Order ID:
-- EtsySoldOrderItems (one row per transaction: the lines) and EtsySoldOrders (one row per order: totals, status,
-- card processing fees). Either file alone is enough; an order only in EtsySoldOrders is one line of its Number of
-- Items whose amount is its Order Value (that file has no line prices).
-- grain: one row per order line (order_id, line_no = row order of the order's transactions) of each order's latest load.
-- upstream: latest_etsy_order_items, latest_etsy_orders
-- Tax: what Etsy collects from the buyer (US sales tax, VAT/GST where Etsy is the marketplace facilitator) comes on
-- top of the seller's prices: Order Total = Order Value − Discount Amount + Shipping − Shipping Discount + tax.
-- Etsy's Sales Tax column does not always hold the VAT it collected (seen: Sales Tax 0.00 under an Order Total
-- 6.81 above the seller's amounts), so the tax is the larger of Sales Tax and that remainder; prices_include_tax is
-- false. Refunds: Adjusted Order Total below Order Total (0.00 means "no adjustment" unless the status says refunded).
-- Order IDs are compared without a leading "#".
WITH items AS (
    SELECT *, ltrim(trim(order_id), '#') AS oid,
           row_number() OVER (PARTITION BY ltrim(trim(order_id), '#') ORDER BY _row) AS line_no
    FROM latest_etsy_order_items
), item_orders AS (  -- order-level values the items file repeats on each of an order's rows
    SELECT oid, max(upper(trim(currency))) AS currency, max(discount_amount) AS discount,
           max(shipping_discount) AS shipping_discount, max(order_shipping) AS shipping,
           max(order_sales_tax) AS sales_tax, sum(coalesce(item_total, price * quantity)) AS order_value,
           max(date_shipped) AS date_shipped, max(ship_state) AS ship_state, max(ship_country) AS ship_country
    FROM items GROUP BY oid
), orders AS (
    SELECT *, ltrim(trim(order_id), '#') AS oid FROM latest_etsy_orders
    QUALIFY row_number() OVER (PARTITION BY ltrim(trim(order_id), '#') ORDER BY _row DESC) = 1
), lines AS (
    SELECT oid, line_no, coalesce(sku, listing_id) AS sku, item_name AS product_name, quantity::DOUBLE AS quantity,
           price AS unit_price_amount, sale_date AS ordered_at, _load_id
    FROM items
    UNION ALL BY NAME
    SELECT oid, 1 AS line_no, NULL::VARCHAR AS sku, NULL::VARCHAR AS product_name,
           CASE WHEN number_of_items > 0 THEN number_of_items ELSE 1 END::DOUBLE AS quantity,
           order_value / CASE WHEN number_of_items > 0 THEN number_of_items ELSE 1 END AS unit_price_amount,
           sale_date AS ordered_at, _load_id
    FROM orders WHERE oid NOT IN (SELECT oid FROM items)
), amounts AS (
    SELECT coalesce(o.oid, i.oid) AS oid, o.status,
           coalesce(o.currency, i.currency) AS currency, coalesce(o.order_value, i.order_value) AS order_value,
           coalesce(o.discount_amount, i.discount, 0) AS discount,
           coalesce(o.shipping, i.shipping, 0) - coalesce(o.shipping_discount, i.shipping_discount, 0) AS shipping,
           coalesce(o.sales_tax, i.sales_tax, 0) AS sales_tax, o.order_total, o.adjusted_order_total,
           coalesce(o.date_shipped, i.date_shipped) AS date_shipped,
           coalesce(o.ship_state, i.ship_state) AS ship_state, coalesce(o.ship_country, i.ship_country) AS ship_country
    FROM orders o FULL JOIN item_orders i ON i.oid = o.oid
), totals AS (
    SELECT *, coalesce(order_total, coalesce(order_value, 0) - discount + shipping + sales_tax) AS total,
           greatest(sales_tax, coalesce(order_total, 0) - (coalesce(order_value, 0) - discount + shipping)) AS tax,
           lower(coalesce(status, '')) AS status_code
    FROM amounts
)
SELECT 'etsy:' || l.oid AS order_id, 'etsy' AS channel, 'etsy_orders' AS source, l.oid AS source_order_ref,
       l.line_no, l.sku, l.product_name, l.quantity, l.unit_price_amount, 0 AS discount_amount,
       min(l.ordered_at) OVER w AS ordered_at, t.currency, t.total AS order_total_amount,
       t.order_value AS subtotal_amount, t.shipping AS shipping_charged_amount, t.tax AS tax_amount,
       t.discount AS order_discount_amount,
       CASE WHEN t.adjusted_order_total > 0 THEN greatest(0, t.total - t.adjusted_order_total)
            WHEN t.status_code LIKE '%refund%' THEN t.total ELSE 0 END AS refunded_amount,
       NULL::TIMESTAMP AS cancelled_at, t.status_code LIKE 'cancel%' AS is_cancelled,
       t.status AS financial_status, CASE WHEN t.date_shipped IS NOT NULL THEN 'shipped' ELSE 'unshipped' END AS fulfillment_status,
       NULL::TIMESTAMP AS ship_by_at, NULL::DATE AS promised_delivery_date, 'own' AS fulfillment_channel,
       NULL::VARCHAR AS warehouse, t.ship_state AS ship_to_region, t.ship_country AS ship_to_country,
       NULL::VARCHAR AS sub_channel, NULL::VARCHAR AS line_status, l._load_id, NULL::VARCHAR AS category,
       false AS prices_include_tax,
       NULL::VARCHAR AS customer_key, NULL::VARCHAR AS customer_key_source,  -- the columns read name no buyer
       NULL::VARCHAR AS risk_level
FROM lines l JOIN totals t USING (oid)
WINDOW w AS (PARTITION BY l.oid)
