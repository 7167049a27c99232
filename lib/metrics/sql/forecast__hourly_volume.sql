-- forecast__hourly_volume: orders and units per order day and hour (peak capacity planning: volume per day, and
-- the share of orders placed after the shipping cut-off). Orders stamped exactly at midnight carry no time of day
-- (`has_time` = false) and are spread like the others.
-- grain: one row per order date, hour and has_time.
-- upstream: fct_orders
SELECT order_date AS day, hour(ordered_at) AS hour, ordered_at <> date_trunc('day', ordered_at) AS has_time,
       count(*) AS orders, sum(units)::DOUBLE AS units
FROM fct_orders
WHERE NOT (is_cancelled AND NOT is_shipped)
  AND order_date BETWEEN $start AND $end
  AND within($channels, channel)
  AND within($warehouses, warehouse)
GROUP BY ALL
ORDER BY day, hour
