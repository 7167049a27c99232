-- fulfillment__weekly: cycle-time stages and on-time rates by order week, for the trend charts.
-- grain: one row per order week (Monday) in [$start, $end], orders matching the shared filters.
-- upstream: fct_orders, fct_order_lines
SELECT date_trunc('week', order_date)::DATE AS week_start,
       count(*) FILTER (WHERE NOT is_cancelled) AS orders,
       quantile_cont(processing_hours, 0.5) AS processing_hours_median,
       quantile_cont(dock_hours, 0.5) AS dock_hours_median,
       quantile_cont(transit_hours, 0.5) AS transit_hours_median,
       quantile_cont(cycle_hours, 0.5) AS cycle_hours_median,
       quantile_cont(cycle_hours, 0.9) AS cycle_hours_p90,
       avg(CASE WHEN is_on_time_ship THEN 1.0 ELSE 0.0 END) FILTER (WHERE is_on_time_ship IS NOT NULL) AS on_time_ship_rate,
       avg(CASE WHEN is_on_time_delivery THEN 1.0 ELSE 0.0 END) FILTER (WHERE is_on_time_delivery IS NOT NULL) AS on_time_delivery_rate
FROM scoped_orders($start, $end, $channels, $warehouses, $carriers, $categories)
GROUP BY ALL ORDER BY week_start
