-- carriers__lanes: every carrier/service option used on each lane (zone × weight band × service level), with its
-- volume, on-time record and cost, for the rate-shopping what-if and the worst-lanes list.
-- grain: one row per lane and carrier × service. Reads carriers__shipments.sql (same $params).
-- upstream: carriers__shipments
SELECT zone, weight_band, weight_band_order, service_level, carrier, service,
       count(*) AS shipments,
       count(*) FILTER (WHERE is_on_time_delivery IS NOT NULL) AS on_time_measurable,
       count(*) FILTER (WHERE is_on_time_delivery) AS on_time_delivered,
       avg(is_on_time_delivery::INTEGER) AS on_time_delivery_rate,
       quantile_cont(transit_business_days, 0.9) AS transit_p90_business_days,
       avg(is_damaged_or_lost::INTEGER) AS damage_rate,
       count(label_cost_amount) AS costed_packages,
       sum(label_cost_amount) AS label_cost_amount,
       sum(label_cost_amount) / nullif(count(label_cost_amount), 0) AS cost_per_package
FROM carriers__shipments
GROUP BY ALL
ORDER BY zone, weight_band_order, service_level, carrier, service
