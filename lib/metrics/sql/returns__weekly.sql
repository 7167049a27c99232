-- returns__weekly: unit and order return rates per week of the basis date (order week, or return week on the event basis).
-- grain: one row per week (Monday). Reads returns__facts.sql (same $params).
-- upstream: returns__facts
SELECT date_trunc('week', basis_date)::DATE AS week_start,
       sum(units_sold) AS units_sold, sum(units_returned) AS units_returned,
       sum(units_returned) / nullif(sum(units_sold), 0) AS unit_return_rate,
       count(DISTINCT order_id) FILTER (WHERE kind = 'sold') AS orders,
       count(DISTINCT order_id) FILTER (WHERE kind = 'returned' AND units_returned > 0) AS returned_orders,
       count(DISTINCT order_id) FILTER (WHERE kind = 'returned' AND units_returned > 0)
           / nullif(count(DISTINCT order_id) FILTER (WHERE kind = 'sold'), 0) AS order_return_rate
FROM returns__facts
GROUP BY ALL ORDER BY week_start
