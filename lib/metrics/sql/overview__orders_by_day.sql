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
FROM scoped_orders($start, $end, $channels, $warehouses, $carriers, $categories) o
WHERE o.is_in_revenue  -- the mart's one scope rule: not cancelled before shipment
GROUP BY o.order_date
ORDER BY o.order_date
