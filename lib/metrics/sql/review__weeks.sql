-- review__weeks: the order weeks a weekly review can be run for, newest first.
-- grain: one row per order week (Monday) with at least one order; is_complete = its Sunday is on or before the last
--        order date in the workspace (a week still being filled in is not complete).
-- upstream: fct_orders
SELECT date_trunc('week', order_date)::DATE AS week_start, count(*) AS orders,
       date_trunc('week', order_date)::DATE + 6 <= (SELECT max(order_date) FROM fct_orders) AS is_complete
FROM fct_orders
GROUP BY ALL
ORDER BY week_start DESC
