-- carriers__sla_weekly: ship SLA at pickup vs by label print per warehouse and order week, for the 3PL trend.
-- grain: one row per warehouse and order week (Monday). Reads carriers__sla_scope.sql (same $params).
-- upstream: carriers__sla_scope
SELECT week_start, warehouse,
       count(*) AS orders,
       count(*) FILTER (WHERE first_scan_at IS NOT NULL) AS measured_orders,
       avg(is_picked_up_on_time::INTEGER) AS pickup_sla_rate,
       avg(is_labelled_on_time::INTEGER) FILTER (WHERE first_scan_at IS NOT NULL) AS label_sla_rate,
       quantile_cont(dock_hours, 0.5) AS dock_median_hours
FROM carriers__sla_scope
GROUP BY ALL
ORDER BY week_start, warehouse
