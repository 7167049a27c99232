-- accruals__months: the months with shipped packages or orders, newest first (the months one can close).
-- grain: one row per month (first day).
-- upstream: fct_shipments, fct_orders
SELECT DISTINCT date_trunc('month', d)::DATE AS month
FROM (SELECT shipped_at::DATE AS d FROM fct_shipments WHERE shipped_at IS NOT NULL
      UNION ALL SELECT order_date FROM fct_orders)
ORDER BY month DESC
