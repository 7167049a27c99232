-- marketplace__health: account-health rates per channel over trailing windows of order dates ending $as_of.
-- grain: one row per channel and window (window_days ∈ $windows; orders placed in [$as_of − days + 1, $as_of]),
--        seller-fulfilled orders only (Amazon FBA orders are the marketplace's to ship); shared dimension filters apply.
--        late shipment = shipped orders with a ship-by shipped after it / those orders (METRICS.md, = 1 − on-time ship);
--        cancellation = cancelled before shipment / orders; valid tracking = packages with a tracking number of a
--        known carrier / packages of the shipped orders.
-- upstream: fct_orders, fct_shipments, fct_order_lines
WITH windows AS (
    SELECT unnest($windows::INTEGER[]) AS window_days
), scoped AS (
    SELECT order_id, channel, order_date, is_cancelled, is_shipped, is_on_time_ship, shipments, has_valid_tracking
    FROM scoped_orders($as_of::DATE - (list_max($windows::INTEGER[]) - 1), $as_of::DATE, $channels, $warehouses, $carriers,
                       $categories)
    WHERE coalesce(fulfillment_channel, '') <> 'FBA'
), packages AS (  -- only orders with a package lacking valid tracking: fct_orders.shipments counts an order's
                  -- packages and its has_valid_tracking is true when every one of them has valid tracking
    SELECT order_id, count(*) FILTER (WHERE has_valid_tracking) AS valid_packages
    FROM fct_shipments
    WHERE has_order AND order_id IN (SELECT order_id FROM scoped WHERE is_shipped AND NOT has_valid_tracking)
    GROUP BY order_id
)
SELECT o.channel, w.window_days, ($as_of::DATE - (w.window_days - 1))::DATE AS window_start, $as_of::DATE AS window_end,
       count(*) AS orders,
       count(*) FILTER (WHERE o.is_cancelled AND NOT o.is_shipped) AS cancelled_orders,
       count(*) FILTER (WHERE o.is_on_time_ship IS NOT NULL) AS ship_measurable_orders,
       count(*) FILTER (WHERE NOT o.is_on_time_ship) AS late_shipped_orders,
       coalesce(sum(o.shipments) FILTER (WHERE o.is_shipped), 0) AS packages,
       coalesce(sum(CASE WHEN o.has_valid_tracking THEN o.shipments ELSE coalesce(p.valid_packages, 0) END)
                FILTER (WHERE o.is_shipped), 0) AS valid_tracking_packages
FROM windows w JOIN scoped o ON o.order_date BETWEEN $as_of::DATE - (w.window_days - 1) AND $as_of::DATE
LEFT JOIN packages p USING (order_id)
GROUP BY ALL
ORDER BY o.channel, w.window_days
