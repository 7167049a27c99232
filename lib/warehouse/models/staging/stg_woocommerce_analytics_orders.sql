-- stg_woocommerce_analytics_orders: orders of WooCommerce's Analytics → Orders download in Opsdesk vocabulary.
-- grain: one row per order (order_id, line_no = 1) of each order's latest load, for orders the plugin's line-level
-- export (stg_woocommerce_orders) does not hold: the same order from both files is read once, from the lines.
-- upstream: latest_woocommerce_analytics_orders, latest_woocommerce_orders, cfg_reporting
-- The file states no SKUs and no line prices (Product(s) is "2× Name, 1× Name"): each order is one line of its
-- Items sold units whose amount is the order's Net Sales (after coupons, without tax and shipping, which the file
-- does not state), so revenue and units are right and product-level figures need the line-level export.
-- Currency: the symbol written with the revenue (€, £, ₹, ৳, an ISO code…); a bare "$" or none is the workspace's
-- reporting currency when that is a dollar, else unknown (no rate: left out of money totals, never guessed).
-- Status "refunded": the whole Net Sales is refunded. "cancelled" and "failed" orders are cancelled.
WITH a AS (
    SELECT *, coalesce(revenue_currency, net_sales_currency) AS written_currency,
           lower(regexp_replace(trim(status), '^wc-', '')) AS status_code
    FROM latest_woocommerce_analytics_orders
    WHERE order_no NOT IN (SELECT order_number FROM latest_woocommerce_orders WHERE order_number IS NOT NULL)
), rep AS (SELECT reporting_currency FROM cfg_reporting)
SELECT 'woocommerce:' || order_no AS order_id, 'woocommerce' AS channel, 'woocommerce_analytics_orders' AS source,
       order_no AS source_order_ref, 1 AS line_no, NULL::VARCHAR AS sku, product_s AS product_name,
       CASE WHEN items_sold > 0 THEN items_sold ELSE 1 END::DOUBLE AS quantity,
       net_sales / CASE WHEN items_sold > 0 THEN items_sold ELSE 1 END AS unit_price_amount, 0 AS discount_amount,
       date AS ordered_at,
       CASE WHEN written_currency IS NOT NULL AND written_currency <> '$' THEN written_currency
            WHEN written_currency = '$' AND rep.reporting_currency NOT IN ('USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN')
                THEN NULL
            ELSE rep.reporting_currency END AS currency,
       net_sales AS order_total_amount, net_sales AS subtotal_amount, 0 AS shipping_charged_amount, 0 AS tax_amount,
       0 AS order_discount_amount, CASE WHEN status_code = 'refunded' THEN net_sales ELSE 0 END AS refunded_amount,
       NULL::TIMESTAMP AS cancelled_at, status_code IN ('cancelled', 'failed') AS is_cancelled,
       status AS financial_status, status AS fulfillment_status, NULL::TIMESTAMP AS ship_by_at,
       NULL::DATE AS promised_delivery_date, 'own' AS fulfillment_channel, NULL::VARCHAR AS warehouse,
       NULL::VARCHAR AS ship_to_region, NULL::VARCHAR AS ship_to_country, attribution AS sub_channel,
       NULL::VARCHAR AS line_status, _load_id, NULL::VARCHAR AS category, false AS prices_include_tax,
       NULL::VARCHAR AS customer_key, NULL::VARCHAR AS customer_key_source,  -- Customer is a name: never an identity
       NULL::VARCHAR AS risk_level
FROM a, rep
