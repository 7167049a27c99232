-- stg_shopify_order_totals: each Shopify order's total as the export states it (Total, written on the order's first
-- line row), for the reconciliation report rpt_source_totals.
-- grain: one row per order (id) of its latest load.
-- upstream: latest_shopify_orders
SELECT 'shopify_orders' AS source, 'shopify:' || id AS order_key, currency, total::DECIMAL(18, 4) AS source_total_amount
FROM latest_shopify_orders
WHERE _line = 1 AND id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY id ORDER BY _row) = 1
