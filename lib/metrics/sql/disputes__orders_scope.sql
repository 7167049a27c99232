-- disputes__orders_scope: the orders in revenue placed in [$start, $end] matching the shared filters (the base of
-- dispute rates). A fragment composed into other disputes__ files.
-- grain: one row per order.
-- upstream: fct_orders, fct_order_lines
SELECT o.* FROM fct_orders o
WHERE o.order_date BETWEEN $start AND $end AND o.is_in_revenue
  AND (len($channels::VARCHAR[]) = 0 OR list_contains($channels::VARCHAR[], o.channel))
  AND (len($warehouses::VARCHAR[]) = 0 OR list_contains($warehouses::VARCHAR[], o.warehouse))
  AND (len($carriers::VARCHAR[]) = 0 OR list_contains($carriers::VARCHAR[], o.carrier))
  AND (len($categories::VARCHAR[]) = 0
       OR o.order_id IN (SELECT order_id FROM fct_order_lines WHERE list_contains($categories::VARCHAR[], category)))
