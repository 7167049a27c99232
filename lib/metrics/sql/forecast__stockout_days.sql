-- forecast__stockout_days: days on which a SKU had nothing available in any location (METRICS.md
-- "Stockout-censored demand": these days are left out of demand history, not treated as zero demand).
-- grain: one row per SKU and day with total available ≤ 0.
-- upstream: fct_inventory_daily
SELECT sku, day
FROM fct_inventory_daily
WHERE day BETWEEN $start AND $end
GROUP BY sku, day
HAVING sum(available) <= 0
