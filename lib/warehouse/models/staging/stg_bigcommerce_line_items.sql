-- stg_bigcommerce_line_items: BigCommerce order lines in Opsdesk vocabulary, from an orders export whose template
-- writes the Product Details fields as columns of their own (Product Qty, Product SKU, Product Name, Product Unit
-- Price, Product Total Price): one row per product, the order's fields repeated on each row.
-- grain: one row per product row (order_id, line_no = the row's position in the order) of each order's latest load,
-- for orders the default template's export (stg_bigcommerce_orders) does not hold: an order in both files is read
-- once, from the default export.
-- upstream: latest_bigcommerce_line_items, latest_bigcommerce_orders
-- Tax and discount follow stg_bigcommerce_orders: the products' prices are taken as written; when their Product
-- Total Prices add up to Subtotal (inc tax) (and that differs from Subtotal (ex tax)) they include the tax
-- (prices_include_tax, shipping and handling with their tax, Tax Total out of revenue); otherwise shipping and
-- handling without tax and the tax on top. Coupon: Subtotal (ex tax) + shipping and handling (ex tax) + Tax Total −
-- Order Total (inc tax), when positive. Cancelled and declined orders are cancelled. Currency: Order Currency Code.
WITH item_rows AS (
    SELECT *, row_number() OVER (PARTITION BY order_id ORDER BY _row) AS line_no
    FROM latest_bigcommerce_line_items
    WHERE order_id NOT IN (SELECT order_id FROM latest_bigcommerce_orders WHERE order_id IS NOT NULL)
), orders AS (  -- order-level values repeat on every row: max() reads them once
    SELECT order_id, min(order_date) AS ordered_at, max(order_status) AS status, max(customer_id) AS customer,
           max(upper(trim(order_currency_code))) AS currency, max(subtotal_inc_tax) AS sub_inc,
           max(subtotal_ex_tax) AS sub_ex, max(tax_total) AS tax, max(shipping_cost_inc_tax) AS ship_inc,
           max(shipping_cost_ex_tax) AS ship_ex, max(handling_cost_inc_tax) AS hand_inc,
           max(handling_cost_ex_tax) AS hand_ex, max(order_total_inc_tax) AS total, max(refund_amount) AS refund,
           max(date_shipped) AS shipped, max(shipping_state) AS region, max(shipping_country) AS country,
           max(channel_name) AS sub_channel,
           sum(coalesce(product_total_price, product_unit_price * product_qty)) AS items_total
    FROM item_rows GROUP BY order_id
), o AS (
    SELECT *, coalesce(tax > 0 AND sub_inc <> sub_ex AND abs(items_total - sub_inc) < 0.005, false) AS incl,
           lower(trim(status)) AS status_code,
           nullif(trim(customer), '') IS NOT NULL AND trim(customer) <> '0' AS has_customer  -- 0: a guest checkout
    FROM orders
)
SELECT 'bigcommerce:' || r.order_id AS order_id, 'bigcommerce' AS channel, 'bigcommerce_line_items' AS source,
       r.order_id AS source_order_ref, r.line_no, coalesce(r.product_sku, r.product_name) AS sku,
       r.product_name, r.product_qty AS quantity,
       coalesce(r.product_unit_price, r.product_total_price / nullif(r.product_qty, 0)) AS unit_price_amount,
       0 AS discount_amount, o.ordered_at, o.currency, o.total AS order_total_amount,
       CASE WHEN o.incl THEN o.sub_inc ELSE o.sub_ex END AS subtotal_amount,
       CASE WHEN o.incl THEN coalesce(o.ship_inc, 0) + coalesce(o.hand_inc, 0)
            ELSE coalesce(o.ship_ex, 0) + coalesce(o.hand_ex, 0) END AS shipping_charged_amount,
       coalesce(o.tax, 0) AS tax_amount,
       greatest(0, coalesce(o.sub_ex, 0) + coalesce(o.ship_ex, 0) + coalesce(o.hand_ex, 0) + coalesce(o.tax, 0)
                   - coalesce(o.total, 0)) AS order_discount_amount,
       coalesce(o.refund, 0) AS refunded_amount, NULL::TIMESTAMP AS cancelled_at,
       o.status_code IN ('cancelled', 'declined') AS is_cancelled, o.status AS financial_status,
       CASE WHEN o.shipped IS NOT NULL THEN 'shipped' ELSE o.status END AS fulfillment_status,
       NULL::TIMESTAMP AS ship_by_at, NULL::DATE AS promised_delivery_date, 'own' AS fulfillment_channel,
       NULL::VARCHAR AS warehouse, o.region AS ship_to_region, o.country AS ship_to_country, o.sub_channel,
       NULL::VARCHAR AS line_status, r._load_id, NULL::VARCHAR AS category, o.incl AS prices_include_tax,
       CASE WHEN o.has_customer THEN sha256('bigcommerce:' || trim(o.customer)) END AS customer_key,
       CASE WHEN o.has_customer THEN 'BigCommerce customer id' END AS customer_key_source,
       NULL::VARCHAR AS risk_level
FROM item_rows r JOIN o USING (order_id)
WHERE coalesce(r.product_sku, r.product_name) IS NOT NULL
