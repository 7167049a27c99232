-- overview__orders_by_day: orders, units, net revenue and on-time-ship counts per order date, for the shared filters.
-- grain: one row per order date that has orders (order-date basis; cancelled-before-shipment orders excluded).
-- upstream: fct_orders, fct_order_lines
-- params: $start, $end (dates); $channels, $warehouses, $carriers, $categories (empty list = all; an order is in a
--         category when any of its lines is)
SELECT o.order_date,
       count(*) AS orders,
       sum(o.units) AS units,
       sum(o.net_revenue_reporting_amount)::DOUBLE AS net_revenue_amount,  -- reporting currency; orders without a rate add nothing
       count(*) FILTER (WHERE o.is_on_time_ship) AS on_time_ship_orders,
       count(o.is_on_time_ship) AS ship_by_orders
FROM fct_orders o
WHERE o.order_date BETWEEN $start AND $end
  AND o.is_in_revenue  -- the mart's one scope rule: not cancelled before shipment
  AND (len($channels::VARCHAR[]) = 0 OR list_contains($channels::VARCHAR[], o.channel))
  AND (len($warehouses::VARCHAR[]) = 0 OR list_contains($warehouses::VARCHAR[], o.warehouse))
  AND (len($carriers::VARCHAR[]) = 0 OR list_contains($carriers::VARCHAR[], o.carrier))
  AND (len($categories::VARCHAR[]) = 0
       OR o.order_id IN (SELECT order_id FROM fct_order_lines WHERE list_contains($categories::VARCHAR[], category)))
GROUP BY o.order_date
ORDER BY o.order_date
