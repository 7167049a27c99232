-- forecast__last_order_day: the last day with an order (peak planning measures its windows against it).
-- grain: one row.
-- upstream: fct_orders
SELECT max(order_date) AS last_day
FROM fct_orders
