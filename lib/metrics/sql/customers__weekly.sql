-- customers__weekly: new, returning and not identifiable orders and their net revenue per order week.
-- grain: one row per week (Monday start) × customer_order_type with orders in revenue placed in [$start, $end] that
-- match the shared filters by the order's own channel / warehouse / carrier (category: a line of it).
-- upstream: fct_orders, fct_customer_orders, fct_order_lines
-- net_revenue_amount: the reporting currency (net_revenue_reporting_amount); orders without a rate add nothing and
-- are counted in orders_without_fx_rate.
SELECT date_trunc('week', o.order_date)::DATE AS week_start, c.customer_order_type, count(*) AS orders,
       coalesce(sum(o.net_revenue_reporting_amount), 0)::DOUBLE AS net_revenue_amount,
       count(*) FILTER (WHERE NOT o.has_fx_rate) AS orders_without_fx_rate
FROM fct_orders o
JOIN fct_customer_orders c USING (order_id)
WHERE o.order_date BETWEEN $start AND $end
  AND o.is_in_revenue
  AND (len($channels::VARCHAR[]) = 0 OR list_contains($channels::VARCHAR[], o.channel))
  AND (len($warehouses::VARCHAR[]) = 0 OR list_contains($warehouses::VARCHAR[], o.warehouse))
  AND (len($carriers::VARCHAR[]) = 0 OR list_contains($carriers::VARCHAR[], o.carrier))
  AND (len($categories::VARCHAR[]) = 0
       OR o.order_id IN (SELECT order_id FROM fct_order_lines WHERE list_contains($categories::VARCHAR[], category)))
GROUP BY week_start, c.customer_order_type
ORDER BY week_start, c.customer_order_type
