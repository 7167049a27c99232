-- carriers__weekly: the scorecard's components per carrier and ship week, for the trend chart and the QBR.
-- grain: one row per carrier and ship week (Monday). Reads carriers__shipments.sql (same $params).
-- upstream: carriers__shipments
SELECT week_start, carrier,
       count(*) AS shipments,
       count(*) FILTER (WHERE is_on_time_delivery IS NOT NULL) AS on_time_measurable,
       avg(is_on_time_delivery::INTEGER) AS on_time_delivery_rate,
       quantile_cont(transit_business_days, 0.5) AS transit_median_business_days,
       quantile_cont(transit_business_days, 0.9) AS transit_p90_business_days,
       quantile_cont(first_scan_lag_hours, 0.5) AS first_scan_lag_median_hours,
       avg(is_damaged_or_lost::INTEGER) AS damage_rate,
       sum(label_cost_amount) / nullif(count(label_cost_amount), 0) AS cost_per_package
FROM carriers__shipments
GROUP BY ALL
ORDER BY week_start, carrier
