-- data_health__skus_without_cost: SKUs with sales but no landed cost in force, so margins leave them out.
-- grain: one row per SKU, most units first.
-- upstream: dim_products, fct_order_lines
SELECT p.sku, p.product_name, p.category, sum(l.quantity) AS units_sold,
       sum(l.net_sales_reporting_amount)::DOUBLE AS net_sales_amount, max(l.order_date) AS last_sold_date
FROM dim_products p JOIN fct_order_lines l ON l.sku = p.sku
WHERE NOT p.has_cost
GROUP BY p.sku, p.product_name, p.category
ORDER BY units_sold DESC, p.sku
