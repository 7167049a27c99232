-- forecast__last_sale_day: the business's last day with an order line (the end of demand history, the day stock is
-- as of).
-- grain: one row.
-- upstream: fct_order_lines
SELECT max(order_date) AS last_day
FROM fct_order_lines
