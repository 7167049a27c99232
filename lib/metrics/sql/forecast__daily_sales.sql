-- forecast__daily_sales: units sold per SKU, channel and order day (cancelled lines excluded), the raw material of
-- the demand history (lib/forecast/demand.py densifies it, censors stock-out days and rolls it up).
-- grain: one row per SKU, channel and order date with units > 0.
-- upstream: fct_order_lines
SELECT sku, channel, any_value(category) AS category, order_date AS day, sum(quantity)::DOUBLE AS units
FROM fct_order_lines
WHERE NOT coalesce(is_cancelled, false) AND sku IS NOT NULL AND quantity > 0
  AND order_date BETWEEN $start AND $end
  AND within($channels, channel)
  AND within($categories, category)
GROUP BY sku, channel, order_date
