-- profitability__order_dates: the first and last order day (the reconciliation sums the lines over all of them).
-- grain: one row.
-- upstream: fct_orders
SELECT min(order_date) AS first_day, max(order_date) AS last_day
FROM fct_orders
