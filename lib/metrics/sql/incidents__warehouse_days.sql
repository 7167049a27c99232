-- incidents__warehouse_days: per warehouse and day, the backlog at the day's end: orders placed in the 14 days to
-- that day (not cancelled before shipment) that had not shipped by its end; from 28 days before $start to $end.
-- grain: one row per warehouse × day (own and 3PL warehouses; 'Unassigned' and Amazon FBA left out).
-- The sidebar's filters apply: orders on its channels, warehouses and categories, shipped by one of its carriers or
-- not shipped yet (an order waiting to ship has no carrier: it is the backlog, whoever will carry it).
-- upstream: fct_orders, dim_calendar
WITH days AS (
    SELECT day FROM dim_calendar WHERE day BETWEEN $start - INTERVAL 28 DAY AND $end
), scoped AS (
    SELECT * FROM scoped_orders(DATE '0001-01-01', DATE '9999-12-31', $channels, $warehouses, [], $categories)
    WHERE within($carriers, carrier) OR first_shipped_at IS NULL
), sites AS (
    SELECT DISTINCT warehouse FROM scoped WHERE warehouse NOT IN ('Unassigned', 'Amazon FBA')
), waiting AS (
    SELECT o.warehouse, d.day, count(*) AS backlog_orders
    FROM scoped o
    JOIN days d ON o.order_date BETWEEN d.day - INTERVAL 13 DAY AND d.day
    WHERE o.is_in_revenue AND (o.first_shipped_at IS NULL OR o.first_shipped_at::DATE > d.day)
      AND o.warehouse NOT IN ('Unassigned', 'Amazon FBA')
    GROUP BY 1, 2
), placed AS (
    SELECT warehouse, order_date AS day, count(*) AS orders_placed
    FROM scoped WHERE is_in_revenue AND order_date BETWEEN $start - INTERVAL 28 DAY AND $end GROUP BY 1, 2
)
SELECT s.warehouse, d.day, coalesce(w.backlog_orders, 0) AS backlog_orders, coalesce(p.orders_placed, 0) AS orders_placed
FROM sites s CROSS JOIN days d
LEFT JOIN waiting w ON w.warehouse = s.warehouse AND w.day = d.day
LEFT JOIN placed p ON p.warehouse = s.warehouse AND p.day = d.day
ORDER BY 1, 2
