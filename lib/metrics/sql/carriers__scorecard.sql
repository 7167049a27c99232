-- carriers__scorecard: the carrier KPIs of METRICS.md ("Carriers and 3PL") per carrier × service and per carrier.
-- grain: one row per carrier and service (level 'carrier × service') plus one row per carrier (level 'carrier').
--        Reads carriers__shipments.sql with the same $params.
-- upstream: carriers__shipments
WITH zone_median AS (  -- the zone's typical transit, across every carrier in scope
    SELECT zone, quantile_cont(transit_business_days, 0.5) AS zone_median_transit_business_days
    FROM carriers__shipments WHERE transit_business_days IS NOT NULL GROUP BY zone
), s AS (
    SELECT c.*, c.transit_business_days / nullif(z.zone_median_transit_business_days, 0) AS transit_zone_ratio,
           c.transit_business_days - z.zone_median_transit_business_days AS transit_vs_zone_days
    FROM carriers__shipments c LEFT JOIN zone_median z USING (zone)
)
SELECT CASE WHEN grouping(service) = 0 THEN 'carrier × service' ELSE 'carrier' END AS level,
       carrier, CASE WHEN grouping(service) = 0 THEN service END AS service,
       count(*) AS shipments,
       count(*) / (SELECT count(*) FROM carriers__shipments) AS share,
       count(*) FILTER (WHERE is_delivered) AS delivered,
       count(*) FILTER (WHERE is_on_time_delivery IS NOT NULL) AS on_time_measurable,
       count(*) FILTER (WHERE is_on_time_delivery) AS on_time_delivered,
       avg(is_on_time_delivery::INTEGER) AS on_time_delivery_rate,
       count(transit_business_days) AS transit_measurable,
       quantile_cont(transit_business_days, 0.5) AS transit_median_business_days,
       quantile_cont(transit_business_days, 0.9) AS transit_p90_business_days,
       avg(transit_zone_ratio) AS transit_zone_index,
       quantile_cont(transit_vs_zone_days, 0.5) AS transit_vs_zone_median_days,
       count(first_scan_lag_hours) AS first_scan_measurable,
       quantile_cont(first_scan_lag_hours, 0.5) AS first_scan_lag_median_hours,
       quantile_cont(first_scan_lag_hours, 0.9) AS first_scan_lag_p90_hours,
       count(*) FILTER (WHERE is_damaged) AS damaged, count(*) FILTER (WHERE is_lost) AS lost,
       count(*) FILTER (WHERE has_damage_return) AS damage_returns,
       count(*) FILTER (WHERE is_damaged_or_lost) AS damaged_or_lost,
       avg(is_damaged_or_lost::INTEGER) AS damage_rate,
       count(label_cost_amount) AS costed_packages,
       sum(label_cost_amount) AS label_cost_amount,
       sum(label_cost_amount) / nullif(count(label_cost_amount), 0) AS cost_per_package,
       sum(label_cost_amount) FILTER (WHERE rated_weight_lb > 0)
           / nullif(sum(rated_weight_lb) FILTER (WHERE label_cost_amount IS NOT NULL), 0) AS cost_per_billed_lb,
       sum(label_cost_amount) FILTER (WHERE is_on_time_delivery IS NOT NULL)
           / nullif(count(*) FILTER (WHERE is_on_time_delivery AND label_cost_amount IS NOT NULL), 0) AS cost_per_on_time_package,
       count(*) FILTER (WHERE quoted_cost_amount IS NOT NULL AND label_cost_amount IS NOT NULL) AS quoted_packages,
       sum(label_cost_amount - quoted_cost_amount) AS billed_minus_quoted_amount,
       avg((label_cost_amount > quoted_cost_amount + 0.005)::INTEGER) AS billed_above_quote_rate,
       sum(adjustments_amount) AS adjustments_amount,
       count(*) FILTER (WHERE is_dim_billed) AS dim_billed_packages
FROM s
GROUP BY GROUPING SETS ((carrier, service), (carrier))
ORDER BY carrier, grouping(service) DESC, service
