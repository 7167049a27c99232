-- stg_bigcommerce_orders: BigCommerce order lines in Opsdesk vocabulary, from the default export template's one row
-- per order: each item of its Product Details cell (items separated by "|", fields "Product Qty: …, Product SKU: …,
-- Product Name: …, Product Unit Price: …, Product Total Price: …") is a line.
-- grain: one row per item of Product Details (order_id, line_no = the item's position) of each order's latest load.
-- upstream: latest_bigcommerce_orders
-- Tax: the export states amounts with and without tax side by side. The items' prices are taken as written; when
-- they add up to Subtotal (inc tax) (and that differs from Subtotal (ex tax)) they include the tax: prices_include_tax,
-- shipping and handling with their tax, and Tax Total comes out of revenue; otherwise shipping and handling without
-- tax, the tax on top. Discount (coupons, not itemised in numbers): Subtotal (ex tax) + shipping and handling (ex tax)
-- + Tax Total − Order Total (inc tax), when positive. Cancelled and declined orders are cancelled.
-- Currency: Order Currency Code.
WITH items AS (
    SELECT b.*, x.item, x.line_no
    FROM latest_bigcommerce_orders b,
         LATERAL (SELECT unnest(string_split(b.product_details, '|')) AS item,
                         generate_subscripts(string_split(b.product_details, '|'), 1) AS line_no) x
    WHERE nullif(trim(x.item), '') IS NOT NULL
), parsed AS (
    SELECT *,
           nullif(trim(regexp_extract(item, 'Product SKU:\s*([^,|]*)', 1)), '') AS item_sku,
           nullif(trim(regexp_extract(item, 'Product Name:\s*(.*?)\s*(?:,\s*Product [A-Z][A-Za-z ]*:|$)', 1)), '') AS item_name,
           TRY_CAST(regexp_extract(item, 'Product Qty:\s*(-?[0-9]+(?:\.[0-9]+)?)', 1) AS DOUBLE) AS item_qty,
           TRY_CAST(replace(regexp_extract(item, 'Product Unit Price:\s*[^0-9,-]*(-?[0-9][0-9,]*(?:\.[0-9]+)?)', 1), ',', '')
                    AS DECIMAL(18, 4)) AS item_unit_price,
           TRY_CAST(replace(regexp_extract(item, 'Product Total Price:\s*[^0-9,-]*(-?[0-9][0-9,]*(?:\.[0-9]+)?)', 1), ',', '')
                    AS DECIMAL(18, 4)) AS item_total_price
    FROM items
), orders AS (
    SELECT order_id, sum(coalesce(item_total_price, item_unit_price * item_qty)) AS items_total FROM parsed GROUP BY order_id
), o AS (
    SELECT p.*, coalesce(tax_total > 0 AND subtotal_inc_tax <> subtotal_ex_tax
                         AND abs(orders.items_total - subtotal_inc_tax) < 0.005, false) AS incl,
           lower(trim(order_status)) AS status_code
    FROM parsed p JOIN orders USING (order_id)
)
SELECT 'bigcommerce:' || order_id AS order_id, 'bigcommerce' AS channel, 'bigcommerce_orders' AS source,
       order_id AS source_order_ref, line_no, coalesce(item_sku, item_name) AS sku, item_name AS product_name,
       item_qty AS quantity, coalesce(item_unit_price, item_total_price / nullif(item_qty, 0)) AS unit_price_amount,
       0 AS discount_amount, order_date AS ordered_at, upper(trim(order_currency_code)) AS currency,
       order_total_inc_tax AS order_total_amount,
       CASE WHEN incl THEN subtotal_inc_tax ELSE subtotal_ex_tax END AS subtotal_amount,
       CASE WHEN incl THEN coalesce(shipping_cost_inc_tax, 0) + coalesce(handling_cost_inc_tax, 0)
            ELSE coalesce(shipping_cost_ex_tax, 0) + coalesce(handling_cost_ex_tax, 0) END AS shipping_charged_amount,
       coalesce(tax_total, 0) AS tax_amount,
       greatest(0, coalesce(subtotal_ex_tax, 0) + coalesce(shipping_cost_ex_tax, 0) + coalesce(handling_cost_ex_tax, 0)
                   + coalesce(tax_total, 0) - coalesce(order_total_inc_tax, 0)) AS order_discount_amount,
       coalesce(refund_amount, 0) AS refunded_amount, NULL::TIMESTAMP AS cancelled_at,
       status_code IN ('cancelled', 'declined') AS is_cancelled, order_status AS financial_status,
       CASE WHEN date_shipped IS NOT NULL THEN 'shipped' ELSE order_status END AS fulfillment_status,
       NULL::TIMESTAMP AS ship_by_at, NULL::DATE AS promised_delivery_date, 'own' AS fulfillment_channel,
       NULL::VARCHAR AS warehouse, shipping_state AS ship_to_region, shipping_country AS ship_to_country,
       channel_name AS sub_channel, NULL::VARCHAR AS line_status, _load_id, NULL::VARCHAR AS category,
       incl AS prices_include_tax,
       CASE WHEN nullif(trim(customer_id), '') IS NOT NULL AND trim(customer_id) <> '0'  -- 0: a guest checkout
            THEN sha256('bigcommerce:' || trim(customer_id)) END AS customer_key,
       CASE WHEN nullif(trim(customer_id), '') IS NOT NULL AND trim(customer_id) <> '0' THEN 'BigCommerce customer id' END
           AS customer_key_source,
       NULL::VARCHAR AS risk_level
FROM o
