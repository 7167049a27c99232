-- stg_woocommerce_orders: WooCommerce order lines from the Advanced Order Export plugin's file (products as rows) in
-- Opsdesk vocabulary.
-- grain: one row per product row (order_id, line_no = the plugin's Item #, else row order) of each order's latest load.
-- upstream: latest_woocommerce_orders, cfg_reporting
-- Amounts: WooCommerce keeps line and shipping totals without tax (whatever the shop's "prices entered with tax"
-- setting) and the tax beside them, so prices_include_tax is false and tax is Order Total Tax Amount. Item Cost is the
-- unit price after coupons (the plugin's get_item_total): the lines carry the discounted price and the coupon
-- (Cart Discount Amount) is not taken off a second time. With only "Quantity (- Refund)" the refunded units are out of
-- the lines already: the refund counts only beyond the value they took out (with its tax share, as fct_orders
-- takes a refund's tax out: tax ÷ order total).
-- Currency: the Currency field when the export profile has it, else the workspace's reporting currency.
-- Rows without a product (coupon rows beyond the order's products) are not lines.
WITH orders AS (  -- order-level values sit on every row (the plugin's default) or on the order's first row only
    SELECT order_number, min(order_date) AS ordered_at, max(order_status) AS status,
           max(upper(trim(currency))) AS currency, max(order_total_amount) AS total,
           max(order_subtotal_amount) AS subtotal, max(cart_discount_amount) AS cart_discount,
           max(order_shipping_amount) AS shipping, max(order_total_tax_amount) AS tax,
           max(abs(order_refund_amount)) AS refund, max(state_code_shipping) AS region,
           max(country_code_shipping) AS country, bool_and(quantity IS NULL) AS net_of_refunds,
           lower(regexp_replace(trim(max(order_status)), '^wc-', '')) AS status_code
    FROM latest_woocommerce_orders GROUP BY order_number
), lines AS (
    SELECT *, row_number() OVER (PARTITION BY order_number ORDER BY item_no NULLS LAST, _row) AS line_no,
           coalesce(quantity, quantity_refund)::DOUBLE AS units
    FROM latest_woocommerce_orders
    WHERE coalesce(sku, item_name) IS NOT NULL
)
SELECT 'woocommerce:' || l.order_number AS order_id, 'woocommerce' AS channel, 'woocommerce_orders' AS source,
       l.order_number AS source_order_ref, l.line_no, coalesce(l.sku, l.item_name) AS sku, l.item_name AS product_name,
       l.units AS quantity, l.item_cost AS unit_price_amount, 0 AS discount_amount, o.ordered_at,
       coalesce(o.currency, (SELECT reporting_currency FROM cfg_reporting)) AS currency,
       o.total AS order_total_amount, o.subtotal AS subtotal_amount, coalesce(o.shipping, 0) AS shipping_charged_amount,
       coalesce(o.tax, 0) AS tax_amount, 0 AS order_discount_amount,
       CASE WHEN o.net_of_refunds  -- the refunded units already left the lines: only the rest of the refund counts
            THEN greatest(0, coalesce(o.refund, 0)
                             - greatest(0, coalesce(o.subtotal, 0) - coalesce(o.cart_discount, 0)
                                           - sum(l.units * coalesce(l.item_cost, 0)) OVER w)
                               * CASE WHEN o.tax > 0 AND o.total > o.tax THEN o.total / (o.total - o.tax) ELSE 1 END)
            ELSE coalesce(o.refund, 0) END AS refunded_amount,
       NULL::TIMESTAMP AS cancelled_at, o.status_code IN ('cancelled', 'failed') AS is_cancelled,
       o.status AS financial_status, o.status AS fulfillment_status, NULL::TIMESTAMP AS ship_by_at,
       NULL::DATE AS promised_delivery_date, 'own' AS fulfillment_channel, NULL::VARCHAR AS warehouse,
       o.region AS ship_to_region, o.country AS ship_to_country, NULL::VARCHAR AS sub_channel,
       NULL::VARCHAR AS line_status, l._load_id, NULL::VARCHAR AS category, false AS prices_include_tax,
       NULL::VARCHAR AS customer_key, NULL::VARCHAR AS customer_key_source,  -- the columns read name no buyer
       NULL::VARCHAR AS risk_level
FROM lines l JOIN orders o USING (order_number)
WINDOW w AS (PARTITION BY l.order_number)
