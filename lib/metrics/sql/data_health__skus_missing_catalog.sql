-- data_health__skus_missing_catalog: SKUs that were sold but are not in the product catalog (no category, no size).
-- grain: one row per SKU, most units first.
-- upstream: dim_products, fct_order_lines
SELECT p.sku, p.product_name, sum(l.quantity) AS units_sold, sum(l.net_sales_reporting_amount)::DOUBLE AS net_sales_amount,
       max(l.order_date) AS last_sold_date
FROM dim_products p JOIN fct_order_lines l ON l.sku = p.sku
WHERE NOT p.has_catalog
GROUP BY p.sku, p.product_name
ORDER BY units_sold DESC, p.sku
