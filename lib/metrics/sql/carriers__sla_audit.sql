-- carriers__sla_audit: the 3PL / warehouse ship SLA at carrier pickup against what label-print timing would report,
-- peak vs normal (definitions in carriers__sla_scope.sql).
-- grain: one row per warehouse and period ('peak' / 'normal') plus one row per warehouse (period 'all').
--        Reads carriers__sla_scope.sql with the same $params.
-- upstream: carriers__sla_scope
SELECT warehouse, CASE WHEN grouping(is_peak) = 1 THEN 'all' WHEN is_peak THEN 'peak' ELSE 'normal' END AS period,
       count(*) AS orders,
       count(*) FILTER (WHERE first_scan_at IS NOT NULL) AS measured_orders,
       count(*) FILTER (WHERE first_scan_at IS NULL) AS orders_without_pickup_scan,
       count(*) FILTER (WHERE is_picked_up_on_time) AS picked_up_on_time,
       avg(is_picked_up_on_time::INTEGER) AS pickup_sla_rate,
       avg(is_labelled_on_time::INTEGER) FILTER (WHERE first_scan_at IS NOT NULL) AS label_sla_rate,
       avg(is_labelled_on_time::INTEGER) FILTER (WHERE first_scan_at IS NOT NULL) - avg(is_picked_up_on_time::INTEGER) AS label_gap_rate,
       quantile_cont(dock_hours, 0.5) AS dock_median_hours,
       quantile_cont(dock_hours, 0.9) AS dock_p90_hours,
       avg(pickup_business_days_late) FILTER (WHERE NOT is_picked_up_on_time) AS late_pickup_mean_business_days
FROM carriers__sla_scope
GROUP BY GROUPING SETS ((warehouse, is_peak), (warehouse))
ORDER BY warehouse, period
