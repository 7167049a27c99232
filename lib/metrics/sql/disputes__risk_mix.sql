-- disputes__risk_mix: the orders placed in the period by the platform's fraud-risk level, how many shipped, and how
-- many were disputed (at any time: order-date basis).
-- grain: one row per risk level with orders ('not_rated' where the export states none).
-- upstream: disputes__orders_scope (fct_orders), fct_disputes
WITH orders AS (
SELECT * FROM disputes__orders_scope
)
SELECT coalesce(o.risk_level, 'not_rated') AS risk_level, count(*) AS orders,
       count(*) FILTER (WHERE o.is_shipped) AS shipped_orders,
       count(*) FILTER (WHERE o.order_id IN (SELECT order_id FROM fct_disputes WHERE order_id IS NOT NULL)) AS disputed_orders,
       coalesce(sum(o.net_revenue_reporting_amount), 0)::DOUBLE AS net_revenue_amount
FROM orders o
GROUP BY 1
ORDER BY 1
