-- inventory__weekly: inventory value at cost (average over the week's days) and the stock-out rate per week, for the
-- inventory page's trend chart.
-- grain: one row per week (Monday start) with inventory snapshots in [$start, $end].
-- upstream: fct_inventory_daily, dim_products
WITH sku_day AS (
    SELECT i.day, i.sku, sum(i.on_hand) AS on_hand, sum(i.available) AS available,
           sum(coalesce(i.inventory_value_amount, 0)) AS value_amount
    FROM fct_inventory_daily i LEFT JOIN dim_products p ON p.sku = i.sku
    WHERE i.day BETWEEN $start AND $end
      AND (len($categories) = 0 OR list_contains($categories, coalesce(nullif(trim(p.category), ''), $unknown_category)))
      AND coalesce(p.is_active, true)
    GROUP BY i.day, i.sku
), per_day AS (
    SELECT day, sum(value_amount) AS value_amount, sum(on_hand) AS units_on_hand,
           count(*) FILTER (WHERE available <= 0) AS stockout_skus, count(*) AS skus
    FROM sku_day GROUP BY day
)
SELECT date_trunc('week', day)::DATE AS week_start, avg(value_amount) AS avg_inventory_value_amount,
       avg(units_on_hand) AS avg_units_on_hand, sum(stockout_skus) / sum(skus) AS stockout_rate,
       count(*) AS days
FROM per_day GROUP BY 1 ORDER BY 1
