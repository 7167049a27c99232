-- returns__daily_cohorts: units sold and returned per order date (the order-date cohorts the maturity model weighs).
-- grain: one row per order date. Reads returns__facts.sql built with $basis = 'order'.
-- upstream: returns__facts
SELECT order_date, sum(units_sold) AS units_sold, sum(units_returned) AS units_returned,
       count(DISTINCT order_id) FILTER (WHERE kind = 'sold') AS orders,
       count(DISTINCT order_id) FILTER (WHERE kind = 'returned' AND units_returned > 0) AS returned_orders
FROM returns__facts
GROUP BY order_date ORDER BY order_date
